import { defineConfig, devices } from '@playwright/test';
import { chromiumLaunchOptions } from './scripts/chromium.mjs';

const CI = !!process.env.CI;
// E2E_PORT lets two runs share a machine (the origin, and so IndexedDB, includes the port).
const PORT = Number(process.env.E2E_PORT ?? 4319);

// The journeys always run against the real adapter-static build, served under /tierlink, which
// proves the app works on a static host that serves it from a folder.
export default defineConfig({
	testDir: 'e2e',
	fullyParallel: false,
	workers: 2,
	forbidOnly: CI,
	retries: CI ? 1 : 0,
	reporter: 'list',
	use: {
		baseURL: `http://127.0.0.1:${PORT}/tierlink/`,
		trace: 'retain-on-failure'
	},
	projects: [
		{
			name: 'chromium',
			use: { ...devices['Desktop Chrome'], launchOptions: chromiumLaunchOptions() }
		}
	],
	webServer: {
		command: `BASE_PATH=/tierlink npm run build && BASE_PATH=/tierlink PORT=${PORT} node scripts/serve.mjs`,
		url: `http://127.0.0.1:${PORT}/tierlink/`,
		reuseExistingServer: false,
		timeout: 180_000
	}
});
