/**
 * `npm run bench:customers`, the service half: runs in real Chromium with IndexedDB on disk
 * (vitest browser mode, bench/vitest.bench.config.ts, a browser profile in a temporary directory
 * that scripts/bench-customers.mjs passes in BENCH_USER_DATA_DIR). Each figure runs the app's own
 * code (customer-import.ts, customers.ts on the workspace database), and beside it the same work
 * with bare Dexie: papaparse and `bulkAdd` into a plain table with the same indexes, and plain
 * index reads. The page half (Playwright against the static build) is in
 * scripts/bench-customers.mjs. Results go back to Node with the `benchReport` command; see
 * bench/README.md.
 */
import Dexie, { type EntityTable } from 'dexie';
import Papa from 'papaparse';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { commands } from 'vitest/browser';
import type { CustomerRecord } from '$lib/db/records';
import {
	closeWorkspaceDb,
	WorkspaceDB,
	workspaceDb,
	workspaceSchemaV4
} from '$lib/db/workspace-db';
import { nameKeyOf, searchPrefixes, searchTermsOf } from '$lib/domain/customers';
import { importCustomers, previewCustomerImport } from '$lib/services/customer-import';
import { CustomerIndex } from '$lib/services/customer-index';
import { customersByKeys, firstCustomerKeys } from '$lib/services/customers';
import { createTestWorkspace, type TestWorkspace } from '$lib/test/factories';
import { benchCustomerCsv, benchSearchQueries, keystrokes } from './customer-data.mjs';

declare module 'vitest' {
	export interface ProvidedContext {
		benchScale: number;
	}
}

declare module 'vitest/browser' {
	interface BrowserCommands {
		benchReport: (json: string) => Promise<void>;
	}
}

// ——— sizes (BENCH_SCALE=0.1 for a quick try; the figures are for 1) ———

const scale = inject('benchScale') || 1;
const CUSTOMERS = Math.max(100, Math.round(100_000 * scale));
/** How many rows a screen shows (the Customers page's first fetch is about this). */
const FIRST_ROWS = 50;
/** Cold opens timed for the first rows (median). */
const COLD_RUNS = 5;
const run = Math.random().toString(36).slice(2, 8);

const report: Record<string, unknown> = {
	environment: {
		userAgent: navigator.userAgent,
		hardwareConcurrency: navigator.hardwareConcurrency,
		deviceMemory: (navigator as { deviceMemory?: number }).deviceMemory ?? null
	},
	sizes: { customers: CUSTOMERS, firstRows: FIRST_ROWS, coldRuns: COLD_RUNS }
};

function log(message: string) {
	console.log(`[bench] ${message}`);
}

function stats(samples: number[]) {
	const sorted = [...samples].sort((a, b) => a - b);
	const at = (rank: number) => sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? NaN;
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

function session(w: TestWorkspace) {
	return { workspaceId: w.workspaceId, userId: w.userId };
}

/** Lets the page breathe (GC, IndexedDB housekeeping) between measurements. */
function settle(ms = 500) {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

// ——— bare Dexie: one table, the same indexes as the workspace's `customers` ———

type BareDB = Dexie & { customers: EntityTable<CustomerRecord, 'key'> };

function bareDb(name: string): BareDB {
	const db = new Dexie(name) as BareDB;
	db.version(1).stores({ customers: workspaceSchemaV4.customers });
	return db;
}

const bareRelationship: Record<string, CustomerRecord['relationship']> = {
	reseller: 'reseller',
	cloudreseller: 'reseller',
	indirectreseller: 'reseller',
	advisor: 'advisor',
	none: 'none'
};

/**
 * The rows the bare baseline writes: the same fields, sort key and search terms as the app's
 * rows (the index entries are what the write costs), without any checking.
 */
function bareRows(data: string[][], now: number): CustomerRecord[] {
	const rows: CustomerRecord[] = [];
	for (let i = 1; i < data.length; i++) {
		const [
			tenantId = '',
			companyName = '',
			domain = '',
			country = '',
			relationship = '',
			dap = '',
			since = ''
		] = data[i]!;
		const key = tenantId.toLowerCase();
		rows.push({
			key,
			tenantId: key,
			companyName,
			domain,
			country,
			relationship: bareRelationship[relationship.toLowerCase().replace(/[^a-z]/g, '')] ?? 'none',
			delegatedAdmin: dap.toLowerCase() === 'yes',
			source: 'import',
			since: Date.parse(since),
			sharedWith: [],
			providersWithRelationship: [],
			resellerChannelId: null,
			channelId: null,
			providerRelationship: false,
			companyProfile: null,
			billingProfile: null,
			nameKey: nameKeyOf(companyName),
			searchTerms: searchTermsOf(companyName, domain),
			updatedAt: now
		});
	}
	return rows;
}

// ——— the figures ———

describe('customers benchmark', () => {
	let workspace: TestWorkspace;
	const bareName = `bench-bare-customers-${run}`;

	afterAll(async () => {
		await commands.benchReport(JSON.stringify(report));
		// Best effort: the browser profile is a temporary directory anyway.
		for (const { name } of await indexedDB.databases()) {
			if (name) await Dexie.delete(name).catch(() => undefined);
		}
	});

	it(`1. imports ${CUSTOMERS.toLocaleString('en')} customers from CSV`, async () => {
		const uaData = (
			navigator as {
				userAgentData?: {
					getHighEntropyValues(
						hints: string[]
					): Promise<{ fullVersionList?: { brand: string; version: string }[] }>;
				};
			}
		).userAgentData;
		(report.environment as Record<string, unknown>).browserVersions =
			(await uaData?.getHighEntropyValues(['fullVersionList']))?.fullVersionList ?? [];

		log(`generating a ${CUSTOMERS.toLocaleString('en')}-row Partner Center CSV…`);
		const generateStart = performance.now();
		const csv = benchCustomerCsv(CUSTOMERS);
		const bytes = new TextEncoder().encode(csv);
		const generateMs = performance.now() - generateStart;
		const file = { name: 'partner-center-customers.csv', bytes };
		workspace = await createTestWorkspace({
			kind: 'reseller',
			name: 'Contoso Cloud Partners',
			country: 'FR'
		});
		const db = workspaceDb(workspace.workspaceId);
		await settle();

		log(`Tierlink: preview (${(bytes.byteLength / 2 ** 20).toFixed(1)} MiB) and import…`);
		const previewStart = performance.now();
		const preview = await previewCustomerImport(session(workspace), file);
		const previewMs = performance.now() - previewStart;
		expect(preview.counts).toEqual({ add: CUSTOMERS, update: 0, rejected: 0 });
		const writeStart = performance.now();
		const result = await importCustomers(session(workspace), preview);
		const writeMs = performance.now() - writeStart;
		expect(result).toEqual({ added: CUSTOMERS, updated: 0 });
		expect(await db.customers.count()).toBe(CUSTOMERS);
		log(`Tierlink: preview ${previewMs.toFixed(0)} ms, import ${writeMs.toFixed(0)} ms`);
		await settle(1000);

		log('bare Dexie: papaparse + bulkAdd…');
		const bare = bareDb(bareName);
		await bare.open();
		const parseStart = performance.now();
		const text = new TextDecoder('utf-8').decode(bytes);
		const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true });
		const rows = bareRows(parsed.data, Date.now());
		const bareParseMs = performance.now() - parseStart;
		expect(rows.length).toBe(CUSTOMERS);
		const bareWriteStart = performance.now();
		await bare.customers.bulkAdd(rows);
		const bareWriteMs = performance.now() - bareWriteStart;
		expect(await bare.customers.count()).toBe(CUSTOMERS);
		bare.close();
		log(`bare Dexie: parse ${bareParseMs.toFixed(0)} ms, bulkAdd ${bareWriteMs.toFixed(0)} ms`);

		report.import = {
			customers: CUSTOMERS,
			fileBytes: bytes.byteLength,
			generateMs,
			previewMs,
			writeMs,
			bareParseMs,
			bareWriteMs,
			rowBytes: new TextEncoder().encode(JSON.stringify(await db.customers.limit(1).first()))
				.byteLength,
			searchTermsPerRow:
				rows.reduce((sum, row) => sum + row.searchTerms.length, 0) / Math.max(1, rows.length)
		};
	});

	it(`2. first ${FIRST_ROWS} rows by name, cold`, async () => {
		expect(workspace).toBeDefined();
		closeWorkspaceDb(workspace.workspaceId);
		await settle(1000);
		const tierlink: number[] = [];
		const indexReady: number[] = [];
		const bare: number[] = [];
		let keyCount = 0;
		let firstName = '';
		let bareFirstName = '';
		log(`first rows: ${COLD_RUNS} cold opens each…`);
		for (let i = 0; i < COLD_RUNS; i++) {
			// A fresh handle each time, as a page load opens one (not the cached workspaceDb()).
			const db = new WorkspaceDB(workspace.workspaceId);
			// What the Customers page does: the first screen from the name index, then the customer
			// index reads the whole table in the background (search, sort and filters wait for it).
			const start = performance.now();
			const keys = await firstCustomerKeys(db, { sort: 'name' }, FIRST_ROWS);
			const rows = await customersByKeys(db, keys);
			tierlink.push(performance.now() - start);
			const index = new CustomerIndex(db);
			await index.whenReady();
			indexReady.push(performance.now() - start);
			keyCount = index.size;
			firstName = rows[0]?.companyName ?? '';
			expect(rows.length).toBe(FIRST_ROWS);
			expect(index.keys().slice(0, FIRST_ROWS)).toEqual(keys);
			index.close();
			db.close();
			await settle(300);

			const plain = bareDb(bareName);
			const bareStart = performance.now();
			const bareRows = await plain.customers.orderBy('nameKey').limit(FIRST_ROWS).toArray();
			bare.push(performance.now() - bareStart);
			bareFirstName = bareRows[0]?.companyName ?? '';
			expect(bareRows.length).toBe(FIRST_ROWS);
			plain.close();
			await settle(300);
		}
		expect(keyCount).toBe(CUSTOMERS);
		report.firstRows = {
			rows: FIRST_ROWS,
			runs: COLD_RUNS,
			keys: keyCount,
			firstName,
			bareFirstName,
			tierlink: { ...stats(tierlink), first: tierlink[0] },
			indexReady: { ...stats(indexReady), first: indexReady[0] },
			bare: { ...stats(bare), first: bare[0] }
		};
		log(
			`first rows: median ${stats(tierlink).median.toFixed(0)} ms (bare ${stats(bare).median.toFixed(1)} ms); index ready: median ${stats(indexReady).median.toFixed(0)} ms`
		);
	});

	it('3. search as you type', async () => {
		expect(workspace).toBeDefined();
		const db = workspaceDb(workspace.workspaceId);
		const plain = bareDb(bareName);
		await Promise.all([db.open(), plain.open()]);
		const index = new CustomerIndex(db);
		await index.whenReady();
		const queries = benchSearchQueries(CUSTOMERS);
		const fold = (text: string) => nameKeyOf(text);

		async function tierlinkKeystroke(text: string) {
			const start = performance.now();
			const keys = index.keys({ text });
			const rows = await customersByKeys(db, keys.slice(0, FIRST_ROWS));
			return { ms: performance.now() - start, matches: keys.length, shown: rows.length };
		}
		async function bareKeystroke(text: string) {
			const start = performance.now();
			const rows = await plain.customers
				.where('nameKey')
				.startsWith(fold(text))
				.limit(FIRST_ROWS)
				.toArray();
			return { ms: performance.now() - start, shown: rows.length };
		}
		/** Closer to what the app searches: any word of the name or domain, on `*searchTerms`. */
		async function bareTermsKeystroke(text: string) {
			const [longest = ''] = searchPrefixes(text);
			const start = performance.now();
			const rows = await plain.customers
				.where('searchTerms')
				.startsWith(longest)
				.limit(FIRST_ROWS)
				.toArray();
			return { ms: performance.now() - start, shown: rows.length };
		}

		// Warm-up: the first queries of a page compile the code paths and fill caches.
		for (const text of ['z', 'zu', 'x']) {
			await tierlinkKeystroke(text);
			await bareKeystroke(text);
			await bareTermsKeystroke(text);
		}
		const tierlink: number[] = [];
		const bare: number[] = [];
		const bareTerms: number[] = [];
		const perQuery: {
			query: string;
			keystrokes: number;
			tierlink: ReturnType<typeof stats>;
			bare: ReturnType<typeof stats>;
			matches: number[];
			bareShown: number[];
		}[] = [];
		for (const query of queries) {
			log(`typing "${query}"…`);
			const mine: number[] = [];
			const theirs: number[] = [];
			const matches: number[] = [];
			const bareShown: number[] = [];
			for (const text of keystrokes(query)) {
				const a = await tierlinkKeystroke(text);
				const b = await bareKeystroke(text);
				const c = await bareTermsKeystroke(text);
				mine.push(a.ms);
				theirs.push(b.ms);
				bareTerms.push(c.ms);
				matches.push(a.matches);
				bareShown.push(b.shown);
				// Someone typing: a key about every 150 ms.
				await settle(50);
			}
			expect(matches.at(-1)).toBeGreaterThan(0);
			tierlink.push(...mine);
			bare.push(...theirs);
			perQuery.push({
				query,
				keystrokes: mine.length,
				tierlink: stats(mine),
				bare: stats(theirs),
				matches,
				bareShown
			});
		}
		index.close();
		plain.close();
		report.search = {
			queries,
			keystrokes: tierlink.length,
			over100ms: tierlink.filter((ms) => ms > 100).length,
			tierlink: stats(tierlink),
			bare: stats(bare),
			bareTerms: stats(bareTerms),
			perQuery
		};
		log(
			`search: median ${stats(tierlink).median.toFixed(1)} ms, p95 ${stats(tierlink).p95.toFixed(1)} ms over ${tierlink.length} keystrokes`
		);
	});
});
