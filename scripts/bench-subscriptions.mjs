// `npm run bench:subscriptions`: a provider with 2,000 resellers and 500,000 subscriptions
// (DESIGN.md §8). Runs bench/subscriptions.bench-run.ts in Chromium (vitest browser mode,
// bench/vitest.bench.config.ts) with IndexedDB on disk in a temporary profile, and prints the
// figures. BENCH_SCALE=0.1 for a quick try. Not a test: it fails only when a measurement cannot
// finish. See bench/README.md.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findChromium } from './chromium.mjs';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));

if (!findChromium()) {
	console.error('bench:subscriptions needs Chromium (/usr/bin/chromium or CHROMIUM_PATH).');
	process.exit(1);
}

const work = await mkdtemp(join(tmpdir(), 'tierlink-bench-subscriptions-'));
const resultFile = join(work, 'result.json');
const loadBefore = loadavg()[0] ?? 0;
const started = Date.now();
console.log('Tierlink subscriptions benchmark (IndexedDB on disk, temporary profile)\n');

/** @type {string[]} */
const output = [];
const code = await new Promise((done) => {
	const child = spawn(
		process.execPath,
		[
			join(root, 'node_modules/vitest/vitest.mjs'),
			'run',
			'--config',
			'bench/vitest.bench.config.ts',
			'bench/subscriptions.bench-run.ts'
		],
		{
			cwd: root,
			env: {
				...process.env,
				BENCH_RESULT_FILE: resultFile,
				BENCH_USER_DATA_DIR: join(work, 'profile')
			},
			stdio: ['ignore', 'pipe', 'pipe']
		}
	);
	for (const stream of [child.stdout, child.stderr]) {
		let pending = '';
		stream?.setEncoding('utf8');
		stream?.on('data', (chunk) => {
			pending += chunk;
			const lines = pending.split('\n');
			pending = lines.pop() ?? '';
			for (const line of lines) {
				output.push(line);
				// eslint-disable-next-line no-control-regex -- ANSI colour codes
				const plain = line.replace(/\x1b\[[0-9;]*m/g, '');
				if (process.env.BENCH_VERBOSE) console.log(line);
				else if (plain.startsWith('[bench]')) {
					const seconds = ((Date.now() - started) / 1000).toFixed(0).padStart(4);
					console.log(`  ${seconds} s  ${plain.slice(8)}`);
				}
			}
		});
	}
	child.on('error', (error) => {
		output.push(`could not start vitest: ${error.message}`);
		done(1);
	});
	child.on('exit', (exitCode, signal) => done(signal ? 1 : (exitCode ?? 1)));
});

/** @type {any} */
let r = null;
try {
	r = JSON.parse(await readFile(resultFile, 'utf8'));
} catch {
	// reported below
}
await rm(work, { recursive: true, force: true });
if (code !== 0) {
	if (!process.env.BENCH_VERBOSE) console.error(output.join('\n'));
	console.error(`\nbench:subscriptions: the browser run failed (exit ${code}).`);
}
if (!r) {
	console.error('bench:subscriptions: no figures were recorded.');
	process.exit(1);
}

const n = (/** @type {number} */ value) => value.toLocaleString('en');
const ms = (/** @type {number} */ value) =>
	value >= 100 ? `${n(Math.round(value))} ms` : `${value.toFixed(1)} ms`;
console.log('\nEnvironment');
console.log(
	`  Node ${process.version}, ${cpus().length} CPUs, load average ${loadBefore.toFixed(1)} before / ` +
		`${(loadavg()[0] ?? 0).toFixed(1)} after`
);
console.log(
	`  ${n(r.sizes.resellers)} resellers, ${n(r.sizes.subscriptions)} subscriptions ` +
		`(${n(r.sizes.due)} due for renewal), written ${n(r.sizes.batch)} per transaction`
);
console.log('\nWrites (rows and the Dashboard running totals in one transaction)');
console.log(
	`  app ${r.write.appSeconds} s (${n(r.write.appRowsPerSecond)} rows/s) vs bare bulkPut ` +
		`${r.write.bareSeconds} s (${n(r.write.bareRowsPerSecond)} rows/s)`
);
console.log('\nReads (first, cold / median of 5)');
console.log(
	`  Dashboard figures      ${ms(r.dashboardFigures.first)} / ${ms(r.dashboardFigures.median)}`
);
console.log(`  Subscriptions totals   ${ms(r.overview.first)} / ${ms(r.overview.median)}`);
console.log(
	`  totals say ${n(r.totalsCheck.activeFromTotals)} active; a count says ${n(r.totalsCheck.activeCounted)}`
);
for (const [label, key] of [
	['biggest reseller', 'biggestReseller'],
	['typical reseller', 'typicalReseller']
]) {
	const one = r[key];
	console.log(
		`  ${label} (${n(one.subscriptions)} subscriptions): keys ${ms(one.keysMs)} cold, ` +
			`${ms(one.keysMedian)} median; first screen ${ms(one.firstScreenMs)}`
	);
}
console.log('\nRenewals');
console.log(
	`  ${n(r.renewals.due)} due renewed in ${ms(r.renewals.renewMs)}; with none due ` +
		`${ms(r.renewals.nothingDueMs)}; next term end found in ${ms(r.renewals.nextRenewalAt.median)}`
);
process.exit(code === 0 ? 0 : 1);
