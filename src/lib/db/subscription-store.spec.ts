import { describe, expect, it } from 'vitest';
import type { SubscriptionRow, SubscriptionTotal } from '$lib/domain/commerce-records';
import { offerCatalog } from '$lib/domain/catalog-data';
import { subscriptionStatuses } from '$lib/domain/subscriptions';
import { storeSubscriptions, subscriptionRow, uniqueHex } from '$lib/test/commerce-rows';
import { writeSubscriptions } from './subscription-store';
import { workspaceDb, type WorkspaceDB } from './workspace-db';

/** The totals recomputed from the rows themselves: what the running totals must always equal. */
function recount(rows: readonly SubscriptionRow[]): Map<string, [number, number]> {
	const totals = new Map<string, [number, number]>();
	const add = (key: string, seats: number) => {
		const [count, sum] = totals.get(key) ?? [0, 0];
		totals.set(key, [count + 1, sum + seats]);
	};
	for (const row of rows) {
		const seats = row.record.unitType === 'Licenses' ? row.record.quantity : 0;
		add(`status:${row.status}`, seats);
		if (row.status !== 'active') continue;
		add('all:', seats);
		add(`offer:${row.offerId}`, seats);
		add(`customer:${row.customerKey}`, seats);
		add(`channel:${row.channelId}`, seats);
		if (row.sellers) add(`provider:${row.sellers.provider}`, seats);
	}
	return totals;
}

async function stored(db: WorkspaceDB): Promise<Map<string, [number, number]>> {
	const rows: SubscriptionTotal[] = await db.subscriptionTotals.toArray();
	return new Map(rows.map((row) => [row.key, [row.subscriptions, row.seats]]));
}

/** A deterministic pseudo-random sequence, so a failure can be replayed. */
function random(seed: number) {
	let state = seed;
	return () => {
		state = (state * 1103515245 + 12345) % 2 ** 31;
		return state / 2 ** 31;
	};
}

describe('writeSubscriptions', () => {
	it('keeps the running totals equal to a recount after any mix of writes', async () => {
		const db = workspaceDb(uniqueHex());
		const next = random(17);
		const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
		const channels = [uniqueHex(), uniqueHex()];
		const customers = ['c1', 'c2', 'c3'];
		const offers = offerCatalog.slice(0, 6);
		const live = new Map<string, SubscriptionRow>();
		for (let step = 0; step < 120; step++) {
			const roll = next();
			if (roll < 0.45 || live.size === 0) {
				const channelId = pick(channels);
				const row = subscriptionRow({
					channelId,
					customerKey: pick(customers),
					offer: pick(offers),
					quantity: 1 + Math.floor(next() * 50),
					sellers:
						next() < 0.3 ? { provider: pick(['Northwind', 'Litware']), reseller: 'Fabrikam' } : null
				});
				await storeSubscriptions(db, [row]);
				live.set(row.key, row);
			} else if (roll < 0.85) {
				const row = pick([...live.values()]);
				const status = pick(subscriptionStatuses);
				const quantity = 1 + Math.floor(next() * 50);
				const changed: SubscriptionRow = {
					...row,
					status,
					record: { ...row.record, status, quantity }
				};
				await storeSubscriptions(db, [changed]);
				live.set(row.key, changed);
			} else {
				const row = pick([...live.values()]);
				await db.transaction('rw', [db.subscriptions, db.subscriptionTotals], () =>
					writeSubscriptions(db, [], [row.key])
				);
				live.delete(row.key);
			}
			expect(await stored(db), `step ${step}`).toEqual(recount([...live.values()]));
		}
		expect(await db.subscriptions.count()).toBe(live.size);
	});

	it('drops a total once nothing active is left in it, and keeps the offer’s name', async () => {
		const db = workspaceDb(uniqueHex());
		const offer = offerCatalog[0]!;
		const row = subscriptionRow({ channelId: uniqueHex(), customerKey: 'c1', offer, quantity: 4 });
		await storeSubscriptions(db, [row]);
		expect(await db.subscriptionTotals.get(`offer:${offer.id}`)).toMatchObject({
			name: offer.name,
			subscriptions: 1,
			seats: offer.unitType === 'Licenses' ? 4 : 0
		});
		await storeSubscriptions(db, [
			{ ...row, status: 'suspended', record: { ...row.record, status: 'suspended' } }
		]);
		// Only the count of suspended subscriptions is left.
		expect((await db.subscriptionTotals.toArray()).map((total) => total.key)).toEqual([
			'status:suspended'
		]);
	});
});
