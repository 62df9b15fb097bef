// Where Chromium is and how we launch it. Playwright cannot download its own browsers on these
// machines, so every browser test runs Debian's Chromium (or CHROMIUM_PATH).
import { existsSync } from 'node:fs';

export const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

export function findChromium() {
	if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
	return CHROMIUM_CANDIDATES.find((path) => existsSync(path));
}

export function chromiumLaunchOptions() {
	return {
		executablePath: findChromium(),
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--no-first-run'
		]
	};
}
