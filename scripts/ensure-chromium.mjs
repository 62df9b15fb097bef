// First step of `npm test`: make sure a Chromium exists for vitest's browser mode and Playwright.
// Playwright cannot download its own browsers on these machines, so we use Debian's Chromium
// (or CHROMIUM_PATH). Browser tests are never skipped: without Chromium this exits non-zero.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findChromium } from './chromium.mjs';

const HOW_TO_INSTALL =
	'Chromium not found. Install it with: sudo apt-get install -y chromium (Debian/Ubuntu), ' +
	'or set CHROMIUM_PATH=/path/to/chromium';

/** The Chromium to use, or undefined when the one we would use does not exist. */
function locate() {
	const path = findChromium();
	return path && existsSync(path) ? path : undefined;
}

/**
 * Best-effort version string, for the log only.
 * @param {string} path
 */
function versionOf(path) {
	try {
		return execFileSync(path, ['--version'], {
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'ignore'],
			timeout: 15_000
		}).trim();
	} catch {
		return undefined;
	}
}

/** @param {string} path */
function report(path) {
	const version = versionOf(path);
	const source = process.env.CHROMIUM_PATH ? 'CHROMIUM_PATH' : 'system';
	console.log(`Using Chromium (${source}): ${path}${version ? ` — ${version}` : ''}`);
}

/**
 * Runs a command with inherited stdio; exits the process when it fails.
 * @param {string} command
 * @param {string[]} args
 */
function run(command, args) {
	console.log(`$ ${command} ${args.join(' ')}`);
	const result = spawnSync(command, args, {
		stdio: 'inherit',
		env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
	});
	if (result.error || result.status !== 0) {
		const why = result.error ? result.error.message : `exit code ${result.status ?? result.signal}`;
		console.error(`\`${command} ${args.join(' ')}\` failed (${why}).`);
		console.error(HOW_TO_INSTALL);
		process.exit(1);
	}
}

let path = locate();

if (!path && process.env.CHROMIUM_PATH) {
	// An explicit path that does not exist is a configuration error: do not paper over it.
	console.error(`CHROMIUM_PATH is set to ${process.env.CHROMIUM_PATH}, which does not exist.`);
	console.error(HOW_TO_INSTALL);
	process.exit(1);
}

if (!path) {
	const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
	if (isRoot && existsSync('/usr/bin/apt-get')) {
		console.log('Chromium not found; installing it with apt-get (running as root).');
		run('/usr/bin/apt-get', ['update']);
		run('/usr/bin/apt-get', ['install', '-y', 'chromium']);
		path = locate();
	}
}

if (!path) {
	console.error(HOW_TO_INSTALL);
	process.exit(1);
}

report(path);
