/// <reference types="@vitest/browser/matchers" />
/// <reference types="@vitest/browser-playwright" />
