/**
 * `npm run bench:subscriptions`: a provider at DESIGN.md §8 scale — 2,000 resellers and 500,000
 * subscriptions — in real Chromium with IndexedDB on disk (vitest browser mode,
 * bench/vitest.bench.config.ts; scripts/bench-subscriptions.mjs passes a temporary profile in
 * BENCH_USER_DATA_DIR). Each figure runs the app's own code on the workspace database: the
 * writes sync makes (`writeSubscriptions`, with running totals), the Dashboard and the
 * Subscriptions page (`subscriptionFigures`, `subscriptionOverview`, one reseller's keys and
 * first screen), and renewals (`nextRenewalAt`, `renewDueSubscriptions`). Beside the writes,
 * bare Dexie `bulkPut` of the same rows into a table with the same indexes and no totals. Results
 * go back to Node with `benchReport`; see bench/README.md.
 */
import Dexie, { type EntityTable } from 'dexie';
import { describe, expect, inject, it } from 'vitest';
import { commands } from 'vitest/browser';
import { writeSubscriptions } from '$lib/db/subscription-store';
import { workspaceDb, workspaceSchemaV6 } from '$lib/db/workspace-db';
import type { SubscriptionRow } from '$lib/domain/commerce-records';
import { subscriptionFigures } from '$lib/services/dashboard';
import {
	channelSubscriptionKeys,
	keysInStatus,
	subscriptionOverview,
	subscriptionsByKeys
} from '$lib/services/subscription-overview';
import { nextRenewalAt, renewDueSubscriptions } from '$lib/services/subscriptions';
import { catalogOffer, channelRow, subscriptionRow, uniqueHex } from '$lib/test/commerce-rows';
import { createTestWorkspace } from '$lib/test/factories';

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

const scale = inject('benchScale') || 1;
const RESELLERS = Math.max(10, Math.round(2_000 * scale));
const SUBSCRIPTIONS = Math.max(1_000, Math.round(500_000 * scale));
/** Rows per write transaction, as a large projection or import would batch them. */
const BATCH = 5_000;
/** Terms that end before "now" (renewals due when the app opens). */
const DUE = Math.max(10, Math.round(2_000 * scale));
/** Rows a screen of the Subscriptions list shows. */
const SCREEN = 40;
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 25, 12, 0);

const report: Record<string, unknown> = {
	environment: {
		userAgent: navigator.userAgent,
		hardwareConcurrency: navigator.hardwareConcurrency
	},
	sizes: { resellers: RESELLERS, subscriptions: SUBSCRIPTIONS, batch: BATCH, due: DUE }
};

function log(message: string) {
	console.log(`[bench] ${message}`);
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
	const started = performance.now();
	const value = await work();
	return { ms: Math.round((performance.now() - started) * 10) / 10, value };
}

/** Median of `runs` timings of `work` (the first one, cold, reported apart). */
async function median(work: () => Promise<unknown>, runs = 5) {
	const samples: number[] = [];
	for (let i = 0; i < runs; i++) samples.push((await timed(work)).ms);
	const sorted = [...samples].sort((a, b) => a - b);
	return { first: samples[0], median: sorted[Math.floor(sorted.length / 2)] };
}

const offers = [
	catalogOffer('Microsoft 365 Business Basic'),
	catalogOffer('Microsoft 365 Business Standard'),
	catalogOffer('Microsoft 365 Business Premium'),
	catalogOffer('Office 365 E3'),
	catalogOffer('Exchange Online (Plan 1)'),
	catalogOffer('Microsoft Teams Essentials')
];

/**
 * Subscription `i`: resellers get a skewed share (the first reseller about 5 %, as a big one
 * would), 10 % are suspended or ended, terms end over the next year, the first `DUE` already.
 */
function rowAt(i: number, channels: string[]): SubscriptionRow {
	const big = i % 20 === 0;
	const channelId = big ? channels[0]! : channels[(i * 7919) % channels.length]!;
	const status = i % 10 === 3 ? 'suspended' : i % 10 === 7 ? 'expired' : 'active';
	const row = subscriptionRow({
		channelId,
		customerKey: `${channelId}:c${i % 50}`,
		offer: offers[i % offers.length]!,
		quantity: 1 + (i % 40),
		status
	});
	const end = i < DUE ? NOW - DAY - i : NOW + DAY + ((i * 104_729) % (365 * DAY));
	return {
		...row,
		record: {
			...row.record,
			termDuration: 'P1M',
			billingCycle: 'monthly',
			autoRenewEnabled: i % 4 !== 0,
			commitmentEndDate: end
		}
	};
}

type BareDB = Dexie & { subscriptions: EntityTable<SubscriptionRow, 'key'> };

/** Writing 500,000 rows twice (app and bare) takes longer than the bench config's 15 minutes. */
const TIMEOUT = 90 * 60 * 1000;

describe('subscriptions at scale', () => {
	it('writes, totals, lists and renews', { timeout: TIMEOUT }, async () => {
		const provider = await createTestWorkspace({ kind: 'provider', name: 'Northwind Bench' });
		const session = { workspaceId: provider.workspaceId, userId: provider.userId };
		const db = workspaceDb(provider.workspaceId);
		const channels = Array.from({ length: RESELLERS }, () => uniqueHex());
		await db.channels.bulkAdd(
			channels.map((id, i) => channelRow(id, { role: 'provider', name: `Reseller ${i + 1}` }))
		);

		// ——— writes: the app's (rows + running totals) vs bare bulkPut ———
		const bare = new Dexie(`bench-bare-subscriptions-${uniqueHex()}`) as BareDB;
		bare.version(1).stores({ subscriptions: workspaceSchemaV6.subscriptions });
		let appMs = 0;
		let bareMs = 0;
		for (let start = 0; start < SUBSCRIPTIONS; start += BATCH) {
			const rows = Array.from({ length: Math.min(BATCH, SUBSCRIPTIONS - start) }, (_, j) =>
				rowAt(start + j, channels)
			);
			appMs += (
				await timed(() =>
					db.transaction('rw', [db.subscriptions, db.subscriptionTotals], () =>
						writeSubscriptions(db, rows)
					)
				)
			).ms;
			bareMs += (await timed(() => bare.subscriptions.bulkPut(rows))).ms;
			if ((start / BATCH) % 10 === 0) log(`written ${start + rows.length} / ${SUBSCRIPTIONS}`);
		}
		report.write = {
			appSeconds: Math.round(appMs / 100) / 10,
			bareSeconds: Math.round(bareMs / 100) / 10,
			appRowsPerSecond: Math.round((SUBSCRIPTIONS / appMs) * 1000),
			bareRowsPerSecond: Math.round((SUBSCRIPTIONS / bareMs) * 1000)
		};
		bare.close();
		await Dexie.delete(bare.name);
		log('writes done');

		// ——— Dashboard and the Subscriptions page's totals ———
		report.dashboardFigures = await median(() => subscriptionFigures(db, 'provider'));
		const overview = await timed(() => subscriptionOverview(session, 'provider'));
		report.overview = { ...(await median(() => subscriptionOverview(session, 'provider'))) };
		expect(overview.value.partners.length).toBe(RESELLERS);
		report.totalsCheck = {
			activeFromTotals: overview.value.subscriptions,
			activeCounted: await db.subscriptions.where('status').equals('active').count()
		};
		log('totals done');

		// ——— one reseller's list: its keys by status, then the first screen of rows ———
		for (const [label, channelId] of [
			['biggestReseller', channels[0]!],
			['typicalReseller', channels[Math.floor(RESELLERS / 2) + 1]!]
		] as const) {
			const keys = await timed(() => channelSubscriptionKeys(session, channelId));
			const all = keysInStatus(keys.value, null);
			const screen = await timed(() =>
				subscriptionsByKeys(session, channelId, all.slice(0, SCREEN))
			);
			report[label] = {
				subscriptions: all.length,
				keysMs: keys.ms,
				keysMedian: (await median(() => channelSubscriptionKeys(session, channelId))).median,
				firstScreenMs: screen.ms
			};
		}
		log('lists done');

		// ——— renewals: what is due at start, the next wake-up ———
		const next = await median(() => nextRenewalAt(db, NOW));
		const renewal = await timed(() => renewDueSubscriptions(db, NOW));
		const idle = await timed(() => renewDueSubscriptions(db, NOW));
		report.renewals = {
			due: renewal.value,
			renewMs: renewal.ms,
			nothingDueMs: idle.ms,
			nextRenewalAt: next
		};
		log('renewals done');

		await commands.benchReport(JSON.stringify(report));
	});
});
