import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { workspaceDb, type WorkspaceDB } from '$lib/db/workspace-db';
import type { SubscriptionRow } from '$lib/domain/commerce-records';
import { loadFeed } from '$lib/sync/feed';
import {
	catalogOffer,
	storeSubscriptions,
	subscriptionRow,
	uniqueHex
} from '$lib/test/commerce-rows';
import { resetDatabases } from '$lib/test/indexeddb';
import { T0 } from '$lib/test/orders';
import { RENEWAL_CHECK_MS, scheduleRenewals, type RenewalClock } from './renewal-schedule';
import { nextRenewalAt, renewDueSubscriptions } from './subscriptions';

const DAY = 24 * 60 * 60 * 1000;
const channelId = uniqueHex();
let db: WorkspaceDB;

beforeEach(async () => {
	await resetDatabases();
	db = workspaceDb(crypto.randomUUID());
});
afterEach(() => db.close());

/** An own active subscription whose term ends at `end`. */
function endingAt(
	end: number,
	{ autoRenew = true, origin = 'own' as SubscriptionRow['origin'] } = {}
): SubscriptionRow {
	const row = subscriptionRow({
		channelId,
		customerKey: `${channelId}:c1`,
		offer: catalogOffer('Microsoft 365 Business Basic'),
		quantity: 3,
		origin
	});
	return {
		...row,
		record: {
			...row.record,
			termDuration: 'P1M',
			billingCycle: 'monthly',
			autoRenewEnabled: autoRenew,
			commitmentEndDate: end
		}
	};
}

/** A clock the test moves by hand; timers fire when it passes them. */
function manualClock(start: number) {
	let now = start;
	const timers = new Map<number, { at: number; run: () => void }>();
	let next = 1;
	const clock: RenewalClock = {
		now: () => now,
		setTimeout(run, ms) {
			const id = next++;
			timers.set(id, { at: now + ms, run });
			return id;
		},
		clearTimeout(handle) {
			timers.delete(handle as number);
		}
	};
	return {
		clock,
		pending: () => [...timers.values()].map((timer) => timer.at - now),
		advance(ms: number) {
			now += ms;
			for (const [id, timer] of [...timers]) {
				if (timer.at <= now) {
					timers.delete(id);
					timer.run();
				}
			}
		}
	};
}

describe('renewDueSubscriptions', () => {
	it('renews or expires exactly the own active terms that ended, and says so in the feed', async () => {
		const now = T0 + 40 * DAY;
		const renews = endingAt(T0 + 30 * DAY);
		const expires = endingAt(T0 + 31 * DAY, { autoRenew: false });
		const later = endingAt(T0 + 50 * DAY);
		const partners = endingAt(T0 + 30 * DAY, { origin: 'partner' });
		const suspended = { ...endingAt(T0 + 30 * DAY), status: 'suspended' as const };
		suspended.record = { ...suspended.record, status: 'suspended' };
		await storeSubscriptions(db, [renews, expires, later, partners, suspended]);

		expect(await renewDueSubscriptions(db, now)).toBe(2);

		const [a, b, c, d, e] = await db.subscriptions.bulkGet(
			[renews, expires, later, partners, suspended].map((row) => row.key)
		);
		expect(a!.status).toBe('active');
		expect(a!.record.effectiveStartDate).toBe(T0 + 30 * DAY);
		expect(a!.record.commitmentEndDate).toBeGreaterThan(now);
		expect(a!.record.history.at(-1)?.action).toBe('renewed');
		expect(b!.status).toBe('expired');
		expect(c).toEqual(later);
		expect(d).toEqual(partners);
		expect(e).toEqual(suspended);

		const feed = (await loadFeed(db, channelId)).getMap('subscriptions');
		expect(feed.get(renews.record.id)).toMatchObject({
			commitmentEndDate: a!.record.commitmentEndDate
		});
		expect(feed.get(expires.record.id)).toMatchObject({ status: 'expired' });
		expect(feed.has(later.record.id)).toBe(false);
		// Nothing is due any more.
		expect(await renewDueSubscriptions(db, now)).toBe(0);
	});

	it('works through a backlog larger than one transaction', async () => {
		const rows = Array.from({ length: 600 }, (_, i) => endingAt(T0 + DAY + i));
		await storeSubscriptions(db, rows);
		expect(await renewDueSubscriptions(db, T0 + 20 * DAY)).toBe(600);
		expect(
			await db.subscriptions
				.where('[status+record.commitmentEndDate]')
				.between(['active', 0], ['active', T0 + 20 * DAY], true, true)
				.count()
		).toBe(0);
		const totals = await db.subscriptionTotals.get('all:');
		expect(totals).toMatchObject({ subscriptions: 600, seats: 1_800 });
	});

	it('finds the next term end of an own active subscription', async () => {
		await storeSubscriptions(db, [
			endingAt(T0 + 5 * DAY, { origin: 'partner' }),
			endingAt(T0 + 9 * DAY),
			endingAt(T0 + 7 * DAY)
		]);
		expect(await nextRenewalAt(db, T0)).toBe(T0 + 7 * DAY);
		expect(await nextRenewalAt(db, T0 + 10 * DAY)).toBeNull();
	});
});

describe('scheduleRenewals', () => {
	it('renews at start, then wakes when the next term ends', async () => {
		const early = endingAt(T0 - DAY);
		const soon = endingAt(T0 + 2 * 60 * 1000, { autoRenew: false });
		await storeSubscriptions(db, [early, soon]);
		const time = manualClock(T0);
		const schedule = scheduleRenewals(db, time.clock);
		await schedule.settled;

		expect((await db.subscriptions.get(early.key))!.record.commitmentEndDate).toBeGreaterThan(T0);
		expect((await db.subscriptions.get(soon.key))!.status).toBe('active');
		expect(time.pending()).toEqual([2 * 60 * 1000 + 1]);

		time.advance(2 * 60 * 1000 + 1);
		await schedule.settled;
		expect((await db.subscriptions.get(soon.key))!.status).toBe('expired');
		schedule.stop();
		expect(time.pending()).toEqual([]);
	});

	it('looks again at least every hour, and picks up what was ordered meanwhile', async () => {
		const time = manualClock(T0);
		const schedule = scheduleRenewals(db, time.clock);
		await schedule.settled;
		expect(time.pending()).toEqual([RENEWAL_CHECK_MS]);

		const ordered = endingAt(T0 + 30 * 60 * 1000, { autoRenew: false });
		await storeSubscriptions(db, [ordered]);
		time.advance(RENEWAL_CHECK_MS);
		await schedule.settled;
		expect((await db.subscriptions.get(ordered.key))!.status).toBe('expired');
		schedule.stop();
	});

	it('does nothing after stop', async () => {
		const row = endingAt(T0 + 60 * 1000, { autoRenew: false });
		await storeSubscriptions(db, [row]);
		const time = manualClock(T0);
		const schedule = scheduleRenewals(db, time.clock);
		await schedule.settled;
		schedule.stop();
		time.advance(RENEWAL_CHECK_MS);
		await schedule.settled;
		expect((await db.subscriptions.get(row.key))!.status).toBe('active');
	});
});
