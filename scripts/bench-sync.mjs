// `npm run bench:sync`: what end-to-end encrypted sync costs, beside bare Yjs doing the same work
// through the same relay. Starts a relay (temporary data directory), runs bench/sync.bench-run.ts in
// Chromium (vitest browser mode, bench/vitest.bench.config.ts), prints the figures. Not a test:
// it fails only when a measurement cannot finish. See bench/README.md.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startRelay } from '../relay/server.mjs';
import { findChromium } from './chromium.mjs';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));

if (!findChromium()) {
	console.error('bench:sync needs Chromium (/usr/bin/chromium or CHROMIUM_PATH).');
	process.exit(1);
}

const work = await mkdtemp(join(tmpdir(), 'tierlink-bench-'));
const resultFile = join(work, 'result.json');
const relayDir = join(work, 'relay');
const relay = await startRelay({ port: 0, dataDir: relayDir, quiet: true });
console.log(`Tierlink sync benchmark — relay ${relay.url} (data in a temporary directory)\n`);

/** @type {import('node:child_process').ChildProcess | null} */
let child = null;
let cleaned = false;
async function cleanUp() {
	if (cleaned) return;
	cleaned = true;
	if (child && child.exitCode === null && child.pid) child.kill('SIGTERM');
	await relay.close().catch(() => undefined);
	await rm(work, { recursive: true, force: true });
}
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
	process.once(signal, () => {
		console.error(`\nbench:sync: ${signal}, stopping`);
		void cleanUp().finally(() => process.exit(130));
	});
}

const started = Date.now();
const loadBefore = loadavg()[0] ?? 0;
/** @type {string[]} */
const output = [];
const code = await new Promise((done) => {
	child = spawn(
		process.execPath,
		[
			join(root, 'node_modules/vitest/vitest.mjs'),
			'run',
			'--config',
			'bench/vitest.bench.config.ts',
			// Only this benchmark's file (bench:customers has its own).
			'bench/sync.bench-run.ts'
		],
		{
			cwd: root,
			env: {
				...process.env,
				BENCH_RELAY_URL: relay.url,
				BENCH_RELAY_DIR: relayDir,
				BENCH_RESULT_FILE: resultFile
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
				// Progress lines of the browser code; the rest only when something fails (or with
				// BENCH_VERBOSE=1).
				// eslint-disable-next-line no-control-regex -- ANSI colour codes
				const plain = line.replace(/\x1b\[[0-9;]*m/g, '');
				if (process.env.BENCH_VERBOSE) console.log(line);
				else if (plain.startsWith('[bench]')) {
					console.log(
						`  ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s  ${plain.slice(8)}`
					);
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
let result = null;
try {
	result = JSON.parse(await readFile(resultFile, 'utf8'));
} catch {
	// no results: reported below
}
await cleanUp();

if (code !== 0) {
	if (!process.env.BENCH_VERBOSE) console.error(output.join('\n'));
	console.error(`\nbench:sync: the browser run failed (exit ${code}).`);
}
if (!result) {
	console.error('bench:sync: no figures were recorded.');
	process.exit(1);
}
printFigures(result);
process.exit(code === 0 ? 0 : 1);

/** @param {any} r */
function printFigures(r) {
	const ms = (/** @type {number} */ value) =>
		value >= 100 ? `${Math.round(value).toLocaleString('en')} ms` : `${value.toFixed(1)} ms`;
	const kib = (/** @type {number} */ bytes) => `${(bytes / 1024).toFixed(0)} KiB`;
	const count = (/** @type {number} */ n) => n.toLocaleString('en');
	// The user agent string says 156.0.0.0; the full version comes from userAgentData.
	/** @type {{ brand: string, version: string }[]} */
	const brands = r.environment?.browserVersions ?? [];
	const ua = String(r.environment?.userAgent ?? '');
	const chromium =
		brands.find(({ brand }) => /chrom/i.test(brand))?.version ??
		/(?:HeadlessChrome|Chrome|Chromium)\/([\d.]+)/.exec(ua)?.[1] ??
		'unknown';
	const cpuList = cpus();

	console.log('\nEnvironment');
	console.log(
		`  Node ${process.version}, Chromium ${chromium} (headless), ${process.platform}/${process.arch}`
	);
	console.log(
		`  ${cpuList.length} CPUs (${cpuList[0]?.model?.trim() ?? 'unknown model'}), ` +
			`browser sees ${r.environment?.hardwareConcurrency ?? '?'}; relay on loopback in the same machine`
	);
	console.log(
		`  load average (1 min) ${loadBefore.toFixed(1)} before, ${(loadavg()[0] ?? 0).toFixed(1)} after:` +
			' other work on the machine skews the figures'
	);

	/** @type {[string, number, number][]} */
	const rows = [];
	if (r.receive)
		rows.push([
			`1. Receive ${count(r.receive.records)} records from scratch`,
			r.receive.secureMs,
			r.receive.bareMs
		]);
	if (r.latency) {
		rows.push([
			`2. One change to the other side, median`,
			r.latency.secure.median,
			r.latency.bare.median
		]);
		rows.push([
			`   (${r.latency.changes} changes)             p95`,
			r.latency.secure.p95,
			r.latency.bare.p95
		]);
	}
	if (r.catchUp) {
		rows.push([
			`3. Catch up on ${count(r.catchUp.channels)} channels, one socket`,
			r.catchUp.secureMs,
			r.catchUp.bareMs
		]);
	}
	console.log('\nFigures (wall-clock, loopback)');
	console.log(
		`  ${''.padEnd(44)}${'Tierlink'.padStart(12)}${'bare Yjs'.padStart(12)}${'ratio'.padStart(9)}`
	);
	for (const [label, secure, bare] of rows) {
		console.log(
			`  ${label.padEnd(44)}${ms(secure).padStart(12)}${ms(bare).padStart(12)}${`${(secure / bare).toFixed(1)}×`.padStart(9)}`
		);
	}

	console.log('\nWhat was measured (bench/README.md says more)');
	if (r.receive) {
		const x = r.receive;
		console.log(
			[
				`  1. The reseller's feed holds ${count(x.records)} acceptance records, sealed into ${x.envelopes} envelopes`,
				`     (mailbox ${kib(x.mailboxBytes)}; the bare Y.Doc state is ${kib(x.bareBytes)}). A fresh provider engine`,
				'     (empty mailbox database) connects and rebuilds until every row is in its Dexie sharedRecords.',
				'     Measured reseller → provider: today only `acceptance` takes any record id (the provider',
				'     collections `profile` and `partnership` have fixed ids); provider → reseller is the same work.'
			].join('\n')
		);
	}
	if (r.latency) {
		const x = r.latency;
		console.log(
			[
				'  2. The provider changes its profile record with putOwnRecords in a Dexie transaction and',
				"     announceFeedChange; timed until the reseller's projected row shows it (as a LiveQuery sees it).",
				`     Tierlink min/max ${ms(x.secure.min)} / ${ms(x.secure.max)}; bare Yjs min/max ${ms(x.bare.min)} / ${ms(x.bare.max)}.`
			].join('\n')
		);
	}
	if (r.catchUp) {
		const x = r.catchUp;
		console.log(
			[
				`  3. ${count(x.channels)} active channels; each reseller mailbox on the relay holds one envelope`,
				`     (profile + acceptance). A provider engine with an empty mailbox database attaches ${count(x.mailboxesAttached)}`,
				"     mailboxes (its own, with a write token, and the partner's) on one socket until every record is",
				`     projected; its channels had all started after ${ms(x.sessionsStartedMs)}. Bare Yjs: ${count(x.channels)} Y.Docs`,
				`     with the same records, read-only, on one socket. (Setup, not timed: ${ms(x.setupMs)}.)`
			].join('\n')
		);
	}
	console.log('\nRecord sizes (JSON)');
	if (r.receive) console.log(`  1. one acceptance record: ${r.receive.recordBytes} bytes`);
	if (r.latency) console.log(`  2. the profile record: ${r.latency.recordBytes} bytes`);
	if (r.catchUp)
		console.log(`  3. profile + acceptance per channel: ${r.catchUp.partnerRecordBytes} bytes`);
	if (!r.receive || !r.latency || !r.catchUp)
		console.log('\n  Some figures are missing: see the output above.');
}
