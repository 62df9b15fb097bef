// `npm run bench:customers`: the Customers page at 100,000 customers, beside bare IndexedDB doing
// the same reads and writes. Two halves, both in Chromium with IndexedDB on disk:
//   1. services (bench/customers.bench-run.ts, vitest browser mode): import a Partner Center CSV
//      with previewCustomerImport + importCustomers, the first rows by name, search as you type
//      with customerKeys + customersByKeys; beside papaparse + Dexie bulkAdd and plain index reads;
//   2. the page (Playwright against the static build in build/, served by scripts/serve.mjs under
//      /tierlink): a reseller workspace created through the UI, the same CSV imported through
//      Customers › Import, then time to first rows, search-as-you-type latency and the page's JS
//      heap; beside a bare page of the same origin reading the same database with raw IndexedDB.
// Prints the figures. Not a test: it fails only when a measurement cannot finish.
//
//   BENCH_SCALE=0.1   10,000 customers instead of 100,000 (a quick check that it runs)
//   BENCH_PART=service|page   only one half
//   BENCH_VERBOSE=1   all of vitest's output
// The page half needs a build with BASE_PATH=/tierlink (npm run bench:customers makes one).
// See bench/README.md.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright';
import { benchCustomerCsv, keystrokes } from '../bench/customer-data.mjs';
import { chromiumLaunchOptions, findChromium } from './chromium.mjs';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const BASE = '/tierlink';
const scale = Number(process.env.BENCH_SCALE ?? 1) || 1;
// The same formula as bench/customers.bench-run.ts.
const CUSTOMERS = Math.max(100, Math.round(100_000 * scale));
const part = process.env.BENCH_PART ?? 'all';
const runService = part === 'all' || part === 'service';
const runPage = part === 'all' || part === 'page';
/** Page loads timed for the first rows (median). */
const PAGE_LOADS = 5;
/** What the page benchmark types, one key at a time: 20 keystrokes. */
const PAGE_QUERIES = ['contoso', 'café', 'müller bä'];

// A page of the same origin that is not the app: it opens the workspace database with raw
// IndexedDB, reads the first rows of the `nameKey` index and lists their names.
const BARE_PAGE = `<!doctype html><html lang="en"><meta charset="utf-8"><title>bare</title>
<ul id="rows"></ul><script>
const name = new URLSearchParams(location.search).get('db');
const request = indexedDB.open(name);
request.onerror = () => { window.__bareFirstRows = { error: String(request.error) }; };
request.onsuccess = () => {
	const db = request.result;
	const read = db.transaction('customers', 'readonly').objectStore('customers').index('nameKey').getAll(null, 50);
	read.onsuccess = () => {
		const list = document.getElementById('rows');
		for (const row of read.result) {
			const item = document.createElement('li');
			item.textContent = row.companyName;
			list.append(item);
		}
		const dom = performance.now();
		requestAnimationFrame(() => {
			window.__bareFirstRows = { dom, frame: performance.now(), count: read.result.length };
			db.close();
		});
	};
};
</script></html>`;

if (!findChromium()) {
	console.error('bench:customers needs Chromium (/usr/bin/chromium or CHROMIUM_PATH).');
	process.exit(1);
}
if (runPage) {
	const shell = join(root, 'build', '200.html');
	if (!existsSync(shell) || !readFileSync(shell, 'utf8').includes(`${BASE}/_app/`)) {
		console.error(
			`bench:customers: build/ is missing or not built for ${BASE}. Run it as ` +
				'`npm run bench:customers`, or build first with `BASE_PATH=/tierlink npx vite build`.'
		);
		process.exit(1);
	}
}

const work = await mkdtemp(join(tmpdir(), 'tierlink-bench-customers-'));
const resultFile = join(work, 'result.json');

/** @type {import('node:child_process').ChildProcess[]} */
const children = [];
/** @type {import('playwright').BrowserContext | null} */
let browserContext = null;
let cleaned = false;
async function cleanUp() {
	if (cleaned) return;
	cleaned = true;
	await browserContext?.close().catch(() => undefined);
	for (const child of children) if (child.exitCode === null && child.pid) child.kill('SIGTERM');
	await rm(work, { recursive: true, force: true }).catch(() => undefined);
}
// A failure outside the awaited flow (a route handler, say) still stops the server and browser.
for (const event of /** @type {const} */ (['uncaughtException', 'unhandledRejection'])) {
	process.once(event, (error) => {
		console.error(`\nbench:customers: ${error instanceof Error ? error.stack : error}`);
		void cleanUp().finally(() => process.exit(1));
	});
}
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
	process.once(signal, () => {
		console.error(`\nbench:customers: ${signal}, stopping`);
		void cleanUp().finally(() => process.exit(130));
	});
}

console.log(
	`Tierlink customers benchmark — ${CUSTOMERS.toLocaleString('en')} customers` +
		`${scale !== 1 ? ` (BENCH_SCALE=${scale})` : ''}\n`
);
const started = Date.now();
const loadBefore = loadavg()[0] ?? 0;
const progress = (/** @type {string} */ message) =>
	console.log(`  ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s  ${message}`);

let failed = false;

// ——— 1. services, in vitest browser mode ———

/** @type {any} */
let service = null;
if (runService) {
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
				'bench/customers.bench-run.ts'
			],
			{
				cwd: root,
				env: {
					...process.env,
					BENCH_RESULT_FILE: resultFile,
					BENCH_USER_DATA_DIR: join(work, 'vitest-profile')
				},
				stdio: ['ignore', 'pipe', 'pipe']
			}
		);
		children.push(child);
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
					else if (plain.startsWith('[bench]')) progress(plain.slice(8));
				}
			});
		}
		child.on('error', (error) => {
			output.push(`could not start vitest: ${error.message}`);
			done(1);
		});
		child.on('exit', (exitCode, signal) => done(signal ? 1 : (exitCode ?? 1)));
	});
	try {
		service = JSON.parse(await readFile(resultFile, 'utf8'));
	} catch {
		// reported below
	}
	if (code !== 0) {
		failed = true;
		if (!process.env.BENCH_VERBOSE) console.error(output.join('\n'));
		console.error(`\nbench:customers: the service run failed (exit ${code}).`);
	}
}

// ——— 2. the page, with Playwright against the static build ———

/** @type {any} */
let pageResult = null;
if (runPage) {
	try {
		pageResult = await measurePage();
	} catch (error) {
		failed = true;
		console.error(
			`\nbench:customers: the page run failed: ${error instanceof Error ? error.stack : error}`
		);
	}
}

await cleanUp();
if (!service && !pageResult) {
	console.error('bench:customers: no figures were recorded.');
	process.exit(1);
}
printFigures(service, pageResult);
process.exit(failed ? 1 : 0);

// ——— the page half ———

/** The English UI text of a message, as e2e/fixtures.ts `t()` reads it. */
function messages() {
	/** @type {Record<string, string>} */
	const catalogue = JSON.parse(readFileSync(join(root, 'messages/en.json'), 'utf8'));
	return (/** @type {string} */ key, /** @type {Record<string, string>} */ params = {}) => {
		const text = catalogue[key];
		if (text === undefined) throw new Error(`No message "${key}" in messages/en.json`);
		return text.replace(/\{(\w+)\}/g, (whole, name) => params[name] ?? whole);
	};
}

/** Starts scripts/serve.mjs on a free port; resolves with the app's URL. */
async function serve() {
	const child = spawn(process.execPath, [join(root, 'scripts/serve.mjs')], {
		cwd: root,
		env: { ...process.env, PORT: '0', BASE_PATH: BASE },
		stdio: ['ignore', 'pipe', 'inherit']
	});
	children.push(child);
	return new Promise((done, fail) => {
		let text = '';
		child.stdout?.setEncoding('utf8');
		child.stdout?.on('data', (chunk) => {
			text += chunk;
			const match = /running at (http:\/\/\S+)/.exec(text);
			if (match?.[1]) done(match[1]);
		});
		child.on('exit', (code) => fail(new Error(`serve.mjs exited with ${code}`)));
	});
}

/** Accents off, lower case: how the app folds names for its sort key and search. */
function fold(/** @type {string} */ text) {
	return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** @param {number[]} samples */
function stats(samples) {
	const sorted = [...samples].sort((a, b) => a - b);
	const at = (/** @type {number} */ rank) =>
		sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? NaN;
	const middle = sorted.length / 2;
	const median =
		sorted.length % 2 === 0
			? ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2
			: (sorted[Math.floor(middle)] ?? NaN);
	return {
		count: sorted.length,
		median,
		p95: at(Math.ceil(0.95 * sorted.length)),
		min: sorted[0] ?? NaN,
		max: sorted.at(-1) ?? NaN
	};
}

/**
 * Heap after a full garbage collection (CDP HeapProfiler.collectGarbage, then
 * Performance.getMetrics), and the page's DOM nodes.
 * @param {import('playwright').Page} page
 */
async function heap(page) {
	const cdp = await page.context().newCDPSession(page);
	try {
		await cdp.send('Performance.enable');
		for (let i = 0; i < 2; i++) await cdp.send('HeapProfiler.collectGarbage');
		const { metrics } = await cdp.send('Performance.getMetrics');
		const metric = (/** @type {string} */ name) =>
			metrics.find((entry) => entry.name === name)?.value ?? NaN;
		return {
			usedBytes: metric('JSHeapUsedSize'),
			totalBytes: metric('JSHeapTotalSize'),
			nodes: metric('Nodes'),
			listeners: metric('JSEventListeners')
		};
	} finally {
		await cdp.detach().catch(() => undefined);
	}
}

// In the page, before its own scripts: on the Customers page, the time (since navigation start)
// when the first customer row is in the DOM and the frame that shows it begins.
function watchFirstRows() {
	if (!/\/customers\/?$/.test(location.pathname)) return;
	const w = /** @type {any} */ (window);
	w.__tlFirstRows = null;
	w.__tlReady = null;
	const observer = new MutationObserver(() => {
		const table = document.querySelector('[data-testid="customer-table"]');
		const cell = table?.querySelector('[role="rowheader"]');
		if (cell && !w.__tlFirstRowsSeen) {
			w.__tlFirstRowsSeen = true;
			const dom = performance.now();
			requestAnimationFrame(() => {
				w.__tlFirstRows = { dom, frame: performance.now(), name: cell.textContent?.trim() };
			});
		}
		// The customer index has read the table: search, sort and filters answer from memory.
		if (table && table.getAttribute('aria-busy') === 'false' && !w.__tlReady) {
			w.__tlReady = { at: performance.now() };
			observer.disconnect();
		}
	});
	observer.observe(document, {
		subtree: true,
		childList: true,
		attributes: true,
		attributeFilter: ['aria-busy']
	});
}

// In the page, once the list shows: for each change of the search box, the time from the input
// event until the list has answered it (the table's aria-busy went on and off again after the
// input, and its first row is a real row, not a placeholder), and until the next frame.
function watchSearch() {
	const w = /** @type {any} */ (window);
	/** @type {{ t0: number, text: string } | null} */
	let pending = null;
	const state = { results: /** @type {unknown[]} */ ([]) };
	w.__tlSearch = state;
	const table = () => document.querySelector('[data-testid="customer-table"]');
	window.addEventListener(
		'input',
		(event) => {
			const input = event.target;
			if (!(input instanceof HTMLInputElement) || input.type !== 'search') return;
			// Emptying the box between queries is not timed.
			pending = input.value ? { t0: event.timeStamp, text: input.value } : null;
		},
		true
	);
	new MutationObserver(() => {
		const current = pending;
		const list = table();
		if (!current || !list) return;
		// The list says which search its rows answer: wait for this one (a quick answer may never
		// show the busy state at all).
		if (list.getAttribute('data-answered') !== current.text) return;
		if (list.getAttribute('aria-busy') === 'true') return;
		const first = list.querySelector('[role="row"][aria-rowindex="2"]');
		if (!first || first.getAttribute('aria-busy') === 'true') return;
		if (!first.querySelector('[role="rowheader"]')) return;
		pending = null;
		const dom = performance.now();
		const row = Array.from(first.querySelectorAll('[role="rowheader"], [role="cell"]'))
			.map((cell) => cell.textContent?.trim() ?? '')
			.join(' | ');
		requestAnimationFrame(() => {
			state.results.push({
				text: current.text,
				dom: dom - current.t0,
				frame: performance.now() - current.t0,
				row
			});
		});
	}).observe(document.body, {
		subtree: true,
		childList: true,
		characterData: true,
		attributes: true,
		attributeFilter: ['aria-busy', 'data-answered']
	});
}

/**
 * The bare page's search: for each keystroke, a `nameKey` prefix range read with raw IndexedDB
 * (50 rows) and listed, timed until the next frame.
 * @param {{ dbName: string, prefixes: string[] }} args
 */
async function bareSearch({ dbName, prefixes }) {
	/** @type {IDBDatabase} */
	const db = await new Promise((done, fail) => {
		const request = indexedDB.open(dbName);
		request.onsuccess = () => done(request.result);
		request.onerror = () => fail(request.error);
	});
	const list = document.getElementById('rows') ?? document.body;
	const times = [];
	for (const prefix of prefixes) {
		const start = performance.now();
		/** @type {{ companyName: string }[]} */
		const rows = await new Promise((done, fail) => {
			const read = db
				.transaction('customers', 'readonly')
				.objectStore('customers')
				.index('nameKey')
				.getAll(IDBKeyRange.bound(prefix, `${prefix}\uffff`), 50);
			read.onsuccess = () => done(read.result);
			read.onerror = () => fail(read.error);
		});
		list.replaceChildren(
			...rows.map((row) => {
				const item = document.createElement('li');
				item.textContent = row.companyName;
				return item;
			})
		);
		await new Promise((done) => requestAnimationFrame(done));
		times.push({ ms: performance.now() - start, rows: rows.length });
		await new Promise((done) => setTimeout(done, 100));
	}
	db.close();
	return times;
}

async function measurePage() {
	const t = messages();
	const baseUrl = /** @type {string} */ (await serve());
	progress(`page: static build at ${baseUrl}`);
	const csv = Buffer.from(benchCustomerCsv(CUSTOMERS), 'utf8');
	browserContext = await chromium.launchPersistentContext(join(work, 'page-profile'), {
		...chromiumLaunchOptions(),
		baseURL: baseUrl,
		viewport: { width: 1280, height: 900 }
	});
	const context = browserContext;
	context.setDefaultTimeout(60_000);
	await context.addInitScript(watchFirstRows);
	await context.route(
		(url) => url.pathname.endsWith('/__bench-bare'),
		(route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: BARE_PAGE })
	);
	const page = context.pages()[0] ?? (await context.newPage());
	/** @type {Record<string, unknown>} */
	const result = { customers: CUSTOMERS, fileBytes: csv.byteLength, baseUrl };

	// A reseller workspace, as e2e/fixtures.ts createWorkspace makes one.
	progress('page: creating a reseller workspace through the UI…');
	const tag = Date.now().toString(36);
	const fullName = `Camille Martin ${tag}`;
	await page.goto('');
	await page.getByRole('link', { name: t('create_workspace') }).click();
	await page.getByRole('radio', { name: t('kind_reseller') }).check();
	await page.getByLabel(t('create_org_name'), { exact: true }).fill(`Contoso Partners ${tag}`);
	await page.getByLabel(t('country_region'), { exact: true }).selectOption('FR');
	await page.getByLabel(t('create_domain'), { exact: true }).fill(`bench${tag}`);
	await page.getByLabel(t('full_name'), { exact: true }).fill(fullName);
	await page.getByLabel(t('work_email'), { exact: true }).fill(`camille@bench${tag}.example`);
	await page.getByLabel(t('password'), { exact: true }).fill('correct horse battery staple');
	await page
		.getByLabel(t('confirm_password'), { exact: true })
		.fill('correct horse battery staple');
	await page.getByRole('button', { name: t('create_workspace') }).click();
	await page
		.getByRole('heading', { level: 1, name: t('dashboard_welcome', { name: fullName }) })
		.waitFor();
	const id = /\/w\/([^/?#]+)/.exec(new URL(page.url()).pathname)?.[1];
	if (!id) throw new Error(`not on a workspace page: ${page.url()}`);
	const dbName = `tierlink-ws-${id}`;

	// Import through Customers › Import: choose the file, wait for the preview, Import, wait
	// for the result.
	progress(
		`page: importing ${CUSTOMERS.toLocaleString('en')} customers through Customers › Import…`
	);
	const imported = await importThroughPage(page, id, csv, t);
	result.import = imported;
	progress(`page: import took ${(imported.totalMs / 1000).toFixed(1)} s`);

	// Time to first rows: fresh loads of the Customers page.
	const customersUrl = `w/${id}/customers`;
	/** @type {{ dom: number, frame: number, name: string, ready: number }[]} */
	const loads = [];
	progress(`page: ${PAGE_LOADS} loads of the Customers page…`);
	for (let i = 0; i < PAGE_LOADS; i++) {
		await page.goto(customersUrl);
		const handle = await page.waitForFunction(
			() => /** @type {any} */ (window).__tlFirstRows,
			null,
			{
				timeout: 120_000,
				polling: 100
			}
		);
		const first = await handle.jsonValue();
		const ready = await page.waitForFunction(() => /** @type {any} */ (window).__tlReady, null, {
			timeout: 300_000,
			polling: 100
		});
		loads.push({ ...first, ready: (await ready.jsonValue()).at });
		await page.waitForTimeout(500);
	}
	const searchBox = page.getByLabel(t('customers_search_label'), { exact: true });
	await searchBox.waitFor();
	await page.waitForTimeout(1000);
	const heapLoaded = await heap(page);

	// Search as you type.
	progress(`page: typing ${PAGE_QUERIES.map((q) => `"${q}"`).join(', ')}…`);
	await page.evaluate(watchSearch);
	/** @type {{ text: string, dom: number, frame: number, row: string }[]} */
	const typed = [];
	for (const query of PAGE_QUERIES) {
		await searchBox.fill('');
		await page.waitForTimeout(800);
		await searchBox.focus();
		for (const char of [...query]) {
			const before = await page.evaluate(
				() => /** @type {any} */ (window).__tlSearch.results.length
			);
			await page.keyboard.type(char);
			await page.waitForFunction(
				(n) => /** @type {any} */ (window).__tlSearch.results.length > n,
				before,
				{ timeout: 60_000, polling: 50 }
			);
			const results = await page.evaluate(() => /** @type {any} */ (window).__tlSearch.results);
			typed.push(results.at(-1));
			// Someone typing and reading: the next key a little after the list answered.
			await page.waitForTimeout(150);
		}
	}
	const mismatched = typed.filter((entry) => {
		const words = fold(entry.text)
			.split(/[^\p{L}\p{N}.-]+/u)
			.filter(Boolean);
		const shown = fold(entry.row);
		return !words.every((word) => shown.includes(word));
	});
	const heapSearched = await heap(page);

	// The bare page: same origin, same database, raw IndexedDB.
	progress('page: bare page of the same origin with raw IndexedDB…');
	/** @type {{ dom: number, frame: number, count: number }[]} */
	const bareLoads = [];
	for (let i = 0; i < PAGE_LOADS; i++) {
		await page.goto(`__bench-bare?db=${encodeURIComponent(dbName)}`);
		const handle = await page.waitForFunction(
			() => /** @type {any} */ (window).__bareFirstRows,
			null,
			{
				timeout: 60_000,
				polling: 100
			}
		);
		const value = await handle.jsonValue();
		if (value.error) throw new Error(`bare page: ${value.error}`);
		bareLoads.push(value);
		await page.waitForTimeout(300);
	}
	await page.waitForTimeout(500);
	const heapBare = await heap(page);
	const prefixes = PAGE_QUERIES.flatMap((query) => keystrokes(query).map(fold));
	const bareTyped = await page.evaluate(bareSearch, { dbName, prefixes });
	await page.goto('about:blank');
	const heapBlank = await heap(page);

	result.firstRows = {
		loads: PAGE_LOADS,
		name: loads[0]?.name,
		dom: stats(loads.map((load) => load.dom)),
		frame: stats(loads.map((load) => load.frame)),
		ready: stats(loads.map((load) => load.ready)),
		bareDom: stats(bareLoads.map((load) => load.dom)),
		bareFrame: stats(bareLoads.map((load) => load.frame)),
		bareRows: bareLoads[0]?.count
	};
	result.search = {
		queries: PAGE_QUERIES,
		keystrokes: typed.length,
		dom: stats(typed.map((entry) => entry.dom)),
		frame: stats(typed.map((entry) => entry.frame)),
		bare: stats(bareTyped.map((entry) => entry.ms)),
		mismatched: mismatched.map((entry) => ({ text: entry.text, row: entry.row })),
		samples: typed.map((entry) => ({ text: entry.text, frame: entry.frame }))
	};
	result.memory = { loaded: heapLoaded, searched: heapSearched, bare: heapBare, blank: heapBlank };
	return result;
}

/**
 * Customers › Import (src/routes/w/[id]/customers/import) with the generated file: choose it,
 * wait for the preview's "Import (n)" button, press it, wait for "Import complete". Returns how
 * long each step took (Node wall clock; Playwright checks after each DOM change) and the page's
 * heap with the preview shown.
 * @param {import('playwright').Page} page
 * @param {string} id
 * @param {Buffer} csv
 * @param {(key: string, params?: Record<string, string>) => string} t
 */
async function importThroughPage(page, id, csv, t) {
	await page.goto(`w/${id}/customers/import`);
	const fileInput = page.getByLabel(t('customer_import_file_label'), { exact: true });
	await fileInput.waitFor();
	const count = CUSTOMERS.toLocaleString('en');
	const importButton = page.getByRole('button', {
		name: t('customer_import_button', { count }),
		exact: true
	});
	const start = Date.now();
	await fileInput.setInputFiles({
		name: 'partner-center-customers.csv',
		mimeType: 'text/csv',
		buffer: csv
	});
	await importButton.waitFor({ timeout: 600_000 });
	const previewMs = Date.now() - start;
	const [added, rejected] = await Promise.all([
		page.getByTestId('count-add').innerText(),
		page.getByTestId('count-rejected').innerText()
	]);
	if (added.trim() !== count || rejected.trim() !== '0') {
		throw new Error(`the preview says ${added} to add and ${rejected} rejected`);
	}
	const heapPreview = await heap(page);
	const writeStart = Date.now();
	await importButton.click();
	await page
		.getByRole('status')
		.filter({ hasText: t('customer_import_done', { added: count, updated: '0' }) })
		.waitFor({ timeout: 600_000 });
	const writeMs = Date.now() - writeStart;
	return { previewMs, writeMs, totalMs: previewMs + writeMs, heapPreview };
}

// ——— printing ———

/**
 * @param {any} s the service half's results
 * @param {any} p the page half's results
 */
function printFigures(s, p) {
	const ms = (/** @type {number} */ value) =>
		!Number.isFinite(value)
			? '—'
			: value >= 10_000
				? `${(value / 1000).toFixed(1)} s`
				: value >= 100
					? `${Math.round(value).toLocaleString('en')} ms`
					: `${value.toFixed(1)} ms`;
	const mib = (/** @type {number} */ bytes) =>
		Number.isFinite(bytes) ? `${(bytes / 2 ** 20).toFixed(1)} MiB` : '—';
	const count = (/** @type {number} */ n) => n.toLocaleString('en');
	/** @type {{ brand: string, version: string }[]} */
	const brands = s?.environment?.browserVersions ?? [];
	const chromiumVersion = brands.find(({ brand }) => /chrom/i.test(brand))?.version ?? 'unknown';
	const cpuList = cpus();

	console.log('\nEnvironment');
	console.log(
		`  Node ${process.version}, Chromium ${chromiumVersion} (headless), ${process.platform}/${process.arch}; IndexedDB on disk`
	);
	console.log(`  ${cpuList.length} CPUs (${cpuList[0]?.model?.trim() ?? 'unknown model'})`);
	console.log(
		`  load average (1 min) ${loadBefore.toFixed(1)} before, ${(loadavg()[0] ?? 0).toFixed(1)} after:` +
			' other work on the machine skews the figures'
	);

	/** @type {[string, string, string, string][]} */
	const rows = [];
	const ratio = (/** @type {number} */ a, /** @type {number} */ b) =>
		Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(1)}×` : '';
	const add = (
		/** @type {string} */ label,
		/** @type {number} */ mine,
		/** @type {number} */ bare,
		format = ms
	) => rows.push([label, format(mine), format(bare), ratio(mine, bare)]);

	if (s?.import) {
		const x = s.import;
		add(
			`1. Import ${count(x.customers)} from CSV, total`,
			x.previewMs + x.writeMs,
			x.bareParseMs + x.bareWriteMs
		);
		add('   read + check (preview) / parse', x.previewMs, x.bareParseMs);
		add('   write (one transaction) / bulkAdd', x.writeMs, x.bareWriteMs);
	}
	if (s?.firstRows) {
		const x = s.firstRows;
		add(`2. First ${x.rows} rows by name, cold, median`, x.tierlink.median, x.bare.median);
		add('   open → customer index ready, median', x.indexReady.median, NaN);
	}
	if (s?.search) {
		const x = s.search;
		add(`3. Search keystroke (${x.keystrokes}), median`, x.tierlink.median, x.bare.median);
		add('   p95', x.tierlink.p95, x.bare.p95);
	}
	if (p?.import) {
		const x = p.import;
		const bare = s?.import ? s.import.bareParseMs + s.import.bareWriteMs : NaN;
		add('4. Import through the Import page, total', x.totalMs, bare);
		add('   choose file → preview shown', x.previewMs, s?.import?.bareParseMs ?? NaN);
		add('   Import → done', x.writeMs, s?.import?.bareWriteMs ?? NaN);
	}
	if (p?.firstRows) {
		const x = p.firstRows;
		add(`5. Page load → first rows, median of ${x.loads}`, x.frame.median, x.bareFrame.median);
		add('   page load → search ready (all in memory)', x.ready.median, NaN);
	}
	if (p?.search) {
		const x = p.search;
		add(`6. Keystroke → list shows it (${x.keystrokes}), median`, x.frame.median, x.bare.median);
		add('   p95', x.frame.p95, x.bare.p95);
	}
	if (p?.memory) {
		const x = p.memory;
		add('7. JS heap, Customers page loaded', x.loaded.usedBytes, x.bare.usedBytes, mib);
		add('   after the typing', x.searched.usedBytes, x.bare.usedBytes, mib);
	}

	console.log(`\nFigures (${count(s?.import?.customers ?? p?.customers ?? CUSTOMERS)} customers)`);
	console.log(
		`  ${''.padEnd(46)}${'Tierlink'.padStart(12)}${'bare'.padStart(12)}${'ratio'.padStart(9)}`
	);
	for (const [label, mine, bare, r] of rows) {
		console.log(`  ${label.padEnd(46)}${mine.padStart(12)}${bare.padStart(12)}${r.padStart(9)}`);
	}

	console.log('\nWhat was measured (bench/README.md says more)');
	if (s?.import) {
		const x = s.import;
		console.log(
			[
				`  1. A Partner Center–style CSV of ${count(x.customers)} rows (${mib(x.fileBytes)}; made in ${ms(x.generateMs)}),`,
				'     in the browser: previewCustomerImport (decode, papaparse, zod checks per row, key lookup)',
				'     then importCustomers (one Dexie transaction: bulkPut + Activity log). Bare: papaparse and',
				`     plain rows with the same fields and index keys (${x.searchTermsPerRow.toFixed(1)} search terms a row), bulkAdd into`,
				`     a one-table Dexie database with the same indexes. A stored row is about ${x.rowBytes} bytes of JSON.`
			].join('\n')
		);
	}
	if (s?.firstRows) {
		const x = s.firstRows;
		console.log(
			[
				`  2. A fresh database handle each time, as the page: firstCustomerKeys (the first ${x.rows} keys of the nameKey`,
				`     index) + customersByKeys; then the customer index reads all ${count(x.keys)} rows in chunks (index ready).`,
				`     Bare: orderBy('nameKey').limit(${x.rows}).`,
				`     First of ${x.runs} runs ${ms(x.tierlink.first)} (bare ${ms(x.bare.first)}); min/max ${ms(x.tierlink.min)} / ${ms(x.tierlink.max)}.`
			].join('\n')
		);
	}
	if (s?.search) {
		const x = s.search;
		console.log(
			[
				`  3. ${x.keystrokes} keystrokes of ${x.queries.map((/** @type {string} */ q) => `"${q}"`).join(', ')}: the customer index's keys({ text })`,
				`     + customersByKeys of the first 50. ${x.over100ms} of ${x.keystrokes} over 100 ms; max ${ms(x.tierlink.max)}.`,
				"     Bare: where('nameKey').startsWith(q).limit(50) — name prefix only, no total count.",
				`     Bare on the *searchTerms index (any word, limit 50): median ${ms(x.bareTerms.median)}, p95 ${ms(x.bareTerms.p95)}.`,
				'     Per query (median Tierlink / bare; matches as typed):'
			].join('\n')
		);
		for (const q of x.perQuery) {
			console.log(
				`       "${q.query}": ${ms(q.tierlink.median)} / ${ms(q.bare.median)}; ${q.matches.map(count).join(' → ')}`
			);
		}
	}
	if (p?.import) {
		console.log(
			[
				`  4. The same CSV chosen on Customers › Import of the static build, until the Import button`,
				'     is ready, then until the page says it is done (Node wall clock, polled every 100 ms). The',
				`     baseline is figure 1's bare total. JS heap with the preview shown: ${mib(p.import.heapPreview.usedBytes)}.`
			].join('\n')
		);
	}
	if (p?.firstRows) {
		const x = p.firstRows;
		console.log(
			[
				`  5. page.goto(Customers) until the first customer row is in the DOM (median ${ms(x.dom.median)}) and its`,
				`     frame starts (the figure), from navigation start; ${x.loads} loads, min/max ${ms(x.frame.min)} / ${ms(x.frame.max)}.`,
				`     Bare: a page of the same origin (not the app) opens the database with raw IndexedDB, reads`,
				`     ${x.bareRows} rows of the nameKey index and lists them.`
			].join('\n')
		);
	}
	if (p?.search) {
		const x = p.search;
		console.log(
			[
				`  6. Typing ${x.queries.map((/** @type {string} */ q) => `"${q}"`).join(', ')} in the search box, one key at a time: from the`,
				'     input event until the list has answered (aria-busy on and off, first row shown) and the next',
				`     frame (no debounce: every key is answered). DOM only: median ${ms(x.dom.median)}, p95 ${ms(x.dom.p95)}.`,
				'     Bare: a raw IndexedDB nameKey prefix getAll(50) per keystroke, listed, until the next frame.'
			].join('\n')
		);
		if (x.mismatched.length) {
			console.log(
				`     Warning: ${x.mismatched.length} keystrokes showed a first row that does not contain the query:` +
					` ${x.mismatched.map((/** @type {any} */ m) => `"${m.text}" → ${m.row}`).join('; ')}`
			);
		}
	}
	if (p?.memory) {
		const x = p.memory;
		console.log(
			[
				`  7. JSHeapUsedSize after two forced GCs (CDP). Customers page: ${count(x.loaded.nodes)} DOM nodes, ${count(x.loaded.listeners)} listeners.`,
				`     Bare: the bare page after reading 50 rows (${count(x.bare.nodes)} nodes); about:blank ${mib(x.blank.usedBytes)}.`
			].join('\n')
		);
	}
	if (runService && !s) console.log('\n  The service figures are missing: see the output above.');
	if (runPage && !p) console.log('\n  The page figures are missing: see the output above.');
}
