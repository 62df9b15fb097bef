import { describe, expect, it } from 'vitest';
import { DEFAULT_IDLE_MINUTES, isIdleExpired } from './session-policy';

describe('isIdleExpired', () => {
	const last = 1_700_000_000_000;

	it('defaults to 30 minutes', () => {
		expect(DEFAULT_IDLE_MINUTES).toBe(30);
	});

	it.each([
		[0, 30, false],
		[29 * 60_000, 30, false],
		[30 * 60_000, 30, false],
		[30 * 60_000 + 1, 30, true],
		[60_000, 1, false],
		[60_001, 1, true],
		[24 * 60 * 60_000 + 1, 1440, true]
	])('after %i ms idle with a %i-minute limit → %s', (idle, minutes, expired) => {
		expect(isIdleExpired(last, last + idle, minutes)).toBe(expired);
	});
});
