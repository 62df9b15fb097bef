import { describe, expect, it } from 'vitest';
import { liveQuery } from 'dexie';
import { writeSubscriptions } from '$lib/db/subscription-store';
import { workspaceDb } from '$lib/db/workspace-db';
import { offerCatalog } from '$lib/domain/catalog-data';
import type { SubscriptionRow } from '$lib/domain/commerce-records';
import { PermissionError } from '$lib/domain/errors';
import { subscriptionStatuses, type SubscriptionStatus } from '$lib/domain/subscriptions';
import {
	catalogOffer,
	channelRow,
	customerRow,
	storeSubscriptions,
	subscriptionRow,
	tenantOf,
	uniqueHex
} from '$lib/test/commerce-rows';
import { createTestWorkspace, insertTestUser } from '$lib/test/factories';
import {
	channelSubscriptionKeys,
	keysInStatus,
	statusOrder,
	subscriptionOverview,
	subscriptionsByKeys
} from './subscription-overview';

const basic = catalogOffer('Microsoft 365 Business Basic');
const e3 = catalogOffer('Office 365 E3');
const azure = catalogOffer('Azure plan');

async function provider() {
	const w = await createTestWorkspace({ kind: 'provider', name: 'Northwind Distribution' });
	return {
		session: { workspaceId: w.workspaceId, userId: w.userId },
		db: workspaceDb(w.workspaceId)
	};
}

async function reseller() {
	const w = await createTestWorkspace({ kind: 'reseller', name: 'Fabrikam Resale' });
	return {
		session: { workspaceId: w.workspaceId, userId: w.userId },
		db: workspaceDb(w.workspaceId)
	};
}

/** A small deterministic pseudo-random sequence, so a failure can be replayed. */
function random(seed: number) {
	let state = seed;
	return (n: number) => {
		state = (state * 1103515245 + 12345) % 2 ** 31;
		return state % n;
	};
}

describe('subscriptionOverview (provider)', () => {
	it('gives each reseller the active subscriptions and seats stored for it, most seats first', async () => {
		const { session, db } = await provider();
		const fabrikam = uniqueHex();
		const contoso = uniqueHex();
		const adatum = uniqueHex();
		await db.channels.bulkAdd([
			channelRow(fabrikam, { role: 'provider', name: 'Fabrikam Resale' }),
			channelRow(contoso, { role: 'provider', name: 'Contoso IT' }),
			// a reseller with nothing ordered yet is listed with zeros
			channelRow(adatum, { role: 'provider', name: 'Adatum Partners' }),
			// an invitation never answered: no partner card, not a reseller yet
			{ ...channelRow(uniqueHex(), { role: 'provider', name: null }), state: 'invited' },
			// a customer channel is not a reseller
			channelRow(uniqueHex(), { role: 'reseller', kind: 'customer', name: 'Somebody' })
		]);
		const alpine = `${fabrikam}:${tenantOf(1)}`;
		const chalet = `${contoso}:${tenantOf(2)}`;
		await storeSubscriptions(db, [
			subscriptionRow({ channelId: fabrikam, customerKey: alpine, offer: basic, quantity: 10 }),
			subscriptionRow({ channelId: fabrikam, customerKey: alpine, offer: azure, quantity: 1 }),
			subscriptionRow({
				channelId: fabrikam,
				customerKey: alpine,
				offer: e3,
				quantity: 99,
				status: 'suspended'
			}),
			subscriptionRow({ channelId: contoso, customerKey: chalet, offer: e3, quantity: 40 })
		]);

		const overview = await subscriptionOverview(session, 'provider');

		expect(overview.subscriptions).toBe(3);
		expect(overview.seats).toBe(50);
		expect(overview.partners).toEqual([
			{
				channelId: contoso,
				name: 'Contoso IT',
				mpnId: '4847383',
				ended: false,
				subscriptions: 1,
				seats: 40
			},
			{
				channelId: fabrikam,
				name: 'Fabrikam Resale',
				mpnId: '4847383',
				ended: false,
				subscriptions: 2,
				seats: 10
			},
			{
				channelId: adatum,
				name: 'Adatum Partners',
				mpnId: '4847383',
				ended: false,
				subscriptions: 0,
				seats: 0
			}
		]);
	});

	it('agrees with a recount of 300 random subscriptions, after changes and deletions', async () => {
		const { session, db } = await provider();
		const channels = [uniqueHex(), uniqueHex(), uniqueHex(), uniqueHex()];
		await db.channels.bulkAdd(
			channels.map((id, n) => channelRow(id, { role: 'provider', name: `Reseller ${n}` }))
		);
		const next = random(7);
		const offers = offerCatalog.filter((offer) => !offer.isTrial);
		let rows: SubscriptionRow[] = Array.from({ length: 300 }, () => {
			const channelId = channels[next(channels.length)]!;
			return subscriptionRow({
				channelId,
				customerKey: `${channelId}:${tenantOf(next(20))}`,
				offer: offers[next(offers.length)]!,
				quantity: 1 + next(50),
				status: subscriptionStatuses[next(subscriptionStatuses.length)]
			});
		});
		await storeSubscriptions(db, rows);
		// Some change status or quantity, some go away: the totals must follow.
		const changed = rows.slice(0, 60).map((row, n) => {
			const status: SubscriptionStatus = n % 2 ? 'active' : 'suspended';
			return {
				...row,
				status,
				record: { ...row.record, status, quantity: row.record.quantity + 1 }
			};
		});
		await storeSubscriptions(db, changed);
		const gone = rows.slice(60, 80).map((row) => row.key);
		await db.transaction('rw', [db.subscriptions, db.subscriptionTotals], () =>
			writeSubscriptions(db, [], gone)
		);
		rows = [...changed, ...rows.slice(80)];

		const overview = await subscriptionOverview(session, 'provider');

		const recount = new Map(channels.map((id) => [id, { subscriptions: 0, seats: 0 }]));
		for (const row of rows) {
			if (row.status !== 'active') continue;
			const sums = recount.get(row.channelId)!;
			sums.subscriptions += 1;
			if (row.record.unitType === 'Licenses') sums.seats += row.record.quantity;
		}
		for (const partner of overview.partners) {
			expect(partner, partner.name ?? '').toMatchObject(recount.get(partner.channelId)!);
		}
		expect(overview.partners.map((p) => p.channelId).sort()).toEqual([...channels].sort());
		expect(overview.subscriptions).toBe(rows.filter((row) => row.status === 'active').length);
		expect(overview.seats).toBe([...recount.values()].reduce((sum, p) => sum + p.seats, 0));
	});

	it('needs the right to see customers', async () => {
		const { session } = await provider();
		const user = await insertTestUser(session.workspaceId, {
			agentRole: 'none',
			adminRole: 'user_management_admin'
		});
		const other = { workspaceId: session.workspaceId, userId: user.id };
		await expect(subscriptionOverview(other, 'provider')).rejects.toBeInstanceOf(PermissionError);
		await expect(channelSubscriptionKeys(other, uniqueHex())).rejects.toBeInstanceOf(
			PermissionError
		);
		await expect(subscriptionsByKeys(other, uniqueHex(), [])).rejects.toBeInstanceOf(
			PermissionError
		);
		// A helpdesk agent sees them.
		const helpdesk = await insertTestUser(session.workspaceId, { agentRole: 'helpdesk_agent' });
		await expect(
			subscriptionOverview({ ...session, userId: helpdesk.id }, 'provider')
		).resolves.toMatchObject({ subscriptions: 0, partners: [] });
	});
});

describe('one reseller’s subscriptions', () => {
	it('lists only that channel’s keys, by status from the index, live ones first', async () => {
		const { session, db } = await provider();
		const fabrikam = uniqueHex();
		const contoso = uniqueHex();
		const alpine = `${fabrikam}:${tenantOf(1)}`;
		const chalet = `${contoso}:${tenantOf(2)}`;
		const row = (channelId: string, status: SubscriptionStatus, quantity = 1) =>
			subscriptionRow({
				channelId,
				customerKey: channelId === fabrikam ? alpine : chalet,
				offer: basic,
				quantity,
				status
			});
		const deleted = row(fabrikam, 'deleted');
		const active = [row(fabrikam, 'active', 2), row(fabrikam, 'active', 3)];
		const suspended = row(fabrikam, 'suspended');
		const others = [row(contoso, 'active'), row(contoso, 'suspended'), row(contoso, 'deleted')];
		await storeSubscriptions(db, [deleted, ...others, suspended, ...active]);

		const keys = await channelSubscriptionKeys(session, fabrikam);
		expect(keys).toEqual({
			active: active.map((r) => r.key).sort(),
			suspended: [suspended.key],
			pending: [],
			disabled: [],
			expired: [],
			deleted: [deleted.key]
		});
		const all = keysInStatus(keys, null);
		expect(all.slice(0, 2).sort()).toEqual(active.map((r) => r.key).sort());
		expect(all.slice(2)).toEqual([suspended.key, deleted.key]);
		expect(keysInStatus(keys, 'suspended')).toEqual([suspended.key]);
		expect(keysInStatus(keys, 'expired')).toEqual([]);
		const theirs = await channelSubscriptionKeys(session, contoso);
		expect(theirs.active).toEqual([others[0]!.key]);
		for (const key of others.map((r) => r.key)) expect(all).not.toContain(key);
		expect(keysInStatus(await channelSubscriptionKeys(session, uniqueHex()), null)).toEqual([]);
		expect(statusOrder).toHaveLength(subscriptionStatuses.length);
	});

	it('reads the rows asked for with their customers’ names, never another channel’s', async () => {
		const { session, db } = await provider();
		const fabrikam = uniqueHex();
		const contoso = uniqueHex();
		const alpine = `${fabrikam}:${tenantOf(1)}`;
		const unknown = `${fabrikam}:${tenantOf(9)}`;
		const chalet = `${contoso}:${tenantOf(2)}`;
		await db.customers.bulkAdd([
			customerRow(alpine, tenantOf(1), 'Alpine Ski House'),
			customerRow(chalet, tenantOf(2), 'Chalet Müller')
		]);
		const mine = subscriptionRow({
			channelId: fabrikam,
			customerKey: alpine,
			offer: e3,
			quantity: 4
		});
		const nameless = subscriptionRow({
			channelId: fabrikam,
			customerKey: unknown,
			offer: basic,
			quantity: 1
		});
		const theirs = subscriptionRow({
			channelId: contoso,
			customerKey: chalet,
			offer: e3,
			quantity: 8
		});
		await storeSubscriptions(db, [mine, nameless, theirs]);

		const items = await subscriptionsByKeys(session, fabrikam, [
			mine.key,
			theirs.key,
			`${fabrikam}:${uniqueHex()}`,
			nameless.key
		]);
		expect(items.map((item) => [item.row.key, item.customerName])).toEqual([
			[mine.key, 'Alpine Ski House'],
			[nameless.key, null]
		]);
		expect(items[0]!.row.record.quantity).toBe(4);
	});
});

describe('as live queries', () => {
	it('answer again when a subscription of the channel is written', async () => {
		const { session, db } = await provider();
		const fabrikam = uniqueHex();
		await db.channels.add(channelRow(fabrikam, { role: 'provider', name: 'Fabrikam Resale' }));
		const customerKey = `${fabrikam}:${tenantOf(1)}`;
		await db.customers.add(customerRow(customerKey, tenantOf(1), 'Alpine Ski House'));
		const row = subscriptionRow({ channelId: fabrikam, customerKey, offer: basic, quantity: 6 });

		/** The answers of a live query, as they come. */
		function follow<T>(query: () => Promise<T>) {
			const answers: T[] = [];
			const subscription = liveQuery(query).subscribe({
				next: (value) => answers.push(value),
				error: (error) => console.log('LIVE ERROR', error)
			});
			return { answers, stop: () => subscription.unsubscribe() };
		}
		const overview = follow(() => subscriptionOverview(session, 'provider'));
		const keys = follow(() => channelSubscriptionKeys(session, fabrikam));
		const rows = follow(() => subscriptionsByKeys(session, fabrikam, [row.key]));
		await expect.poll(() => [overview, keys, rows].every((q) => q.answers.length > 0)).toBe(true);
		expect(rows.answers.at(-1)).toEqual([]);

		await storeSubscriptions(db, [row]);
		await expect.poll(() => overview.answers.at(-1)?.seats).toBe(6);
		await expect.poll(() => keys.answers.at(-1)?.active).toEqual([row.key]);
		await expect
			.poll(() => rows.answers.at(-1)?.map((item) => item.customerName))
			.toEqual(['Alpine Ski House']);

		await db.customers.update(customerKey, { companyName: 'Alpine Ski Resort' });
		await expect
			.poll(() => rows.answers.at(-1)?.map((item) => item.customerName))
			.toEqual(['Alpine Ski Resort']);
		for (const query of [overview, keys, rows]) query.stop();
	});
});

describe('subscriptionOverview (reseller)', () => {
	it('gives each provider its totals, from the rows its feed brought', async () => {
		const { session, db } = await reseller();
		const northwind = uniqueHex();
		const litware = uniqueHex();
		const ended = uniqueHex();
		await db.channels.bulkAdd([
			channelRow(northwind, { role: 'reseller', name: 'Northwind Distribution' }),
			channelRow(litware, { role: 'reseller', name: 'Litware Cloud' }),
			{ ...channelRow(ended, { role: 'reseller', name: 'Old Provider' }), state: 'removed' },
			// waiting for the provider: not a provider of this reseller yet
			{
				...channelRow(uniqueHex(), { role: 'reseller', name: 'Pending Cloud' }),
				state: 'accepted'
			},
			// the reseller's customers are not providers
			channelRow(uniqueHex(), { role: 'reseller', kind: 'customer', name: 'Alpine Ski House' })
		]);
		await storeSubscriptions(db, [
			subscriptionRow({
				channelId: northwind,
				customerKey: tenantOf(1),
				offer: basic,
				quantity: 20,
				origin: 'partner'
			}),
			subscriptionRow({
				channelId: ended,
				customerKey: tenantOf(2),
				offer: e3,
				quantity: 3,
				origin: 'partner'
			})
		]);

		const overview = await subscriptionOverview(session, 'reseller');

		expect(overview).toMatchObject({ subscriptions: 2, seats: 23 });
		expect(overview.partners.map((p) => [p.name, p.subscriptions, p.seats, p.ended])).toEqual([
			['Northwind Distribution', 1, 20, false],
			['Old Provider', 1, 3, true],
			['Litware Cloud', 0, 0, false]
		]);
		// The channels' totals belong to the reseller's role: read as the other side, none is listed.
		expect((await subscriptionOverview(session, 'provider')).partners).toEqual([]);
	});
});
