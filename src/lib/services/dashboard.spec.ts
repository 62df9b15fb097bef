import { afterEach, describe, expect, it } from 'vitest';
import { workspaceDb, type WorkspaceDB } from '$lib/db/workspace-db';
import {
	catalogOffer,
	changeRequestRow,
	channelRow,
	customerRow,
	storeSubscriptions,
	subscriptionRow,
	tenantOf,
	uniqueHex
} from '$lib/test/commerce-rows';
import { resetDatabases } from '$lib/test/indexeddb';
import { subscriptionCounts, subscriptionFigures, topWithOther } from './dashboard';

const basic = catalogOffer('Microsoft 365 Business Basic');
const premium = catalogOffer('Microsoft 365 Business Premium');
const e3 = catalogOffer('Office 365 E3');
const azure = catalogOffer('Azure plan');

afterEach(resetDatabases);

function freshDb(): WorkspaceDB {
	return workspaceDb(uniqueHex());
}

describe('subscriptionFigures on a provider', () => {
	it('adds up active licences per offer, customer and reseller, and counts the rest from indexes', async () => {
		const db = freshDb();
		const fabrikam = uniqueHex();
		const contoso = uniqueHex();
		const alpine = `${fabrikam}:${tenantOf(1)}`;
		const bistro = `${fabrikam}:${tenantOf(2)}`;
		const chalet = `${contoso}:${tenantOf(3)}`;
		await db.channels.bulkAdd([
			channelRow(fabrikam, { role: 'provider', name: 'Fabrikam Resale' }),
			channelRow(contoso, { role: 'provider', name: 'Contoso IT' })
		]);
		await db.customers.bulkAdd([
			customerRow(alpine, tenantOf(1), 'Alpine Ski House'),
			customerRow(bistro, tenantOf(2), 'Bistro Lumière'),
			customerRow(chalet, tenantOf(3), 'Chalet Müller')
		]);
		const rows = [
			subscriptionRow({ channelId: fabrikam, customerKey: alpine, offer: basic, quantity: 10 }),
			subscriptionRow({ channelId: fabrikam, customerKey: alpine, offer: premium, quantity: 5 }),
			subscriptionRow({ channelId: fabrikam, customerKey: bistro, offer: basic, quantity: 3 }),
			subscriptionRow({ channelId: contoso, customerKey: chalet, offer: e3, quantity: 40 }),
			// usage-based: a subscription, no seats
			subscriptionRow({ channelId: contoso, customerKey: chalet, offer: azure, quantity: 1 }),
			// not active: counted apart (suspended) or not at all
			subscriptionRow({
				channelId: contoso,
				customerKey: chalet,
				offer: basic,
				quantity: 100,
				status: 'suspended'
			}),
			subscriptionRow({
				channelId: fabrikam,
				customerKey: bistro,
				offer: premium,
				quantity: 7,
				status: 'deleted'
			})
		];
		await storeSubscriptions(db, rows);
		await db.changeRequests.bulkAdd([
			changeRequestRow(rows[0]!),
			changeRequestRow(rows[3]!, 'accepted'),
			changeRequestRow(rows[2]!, 'declined')
		]);

		const figures = await subscriptionFigures(db, 'provider');

		expect(figures).toMatchObject({
			totalSubscriptions: 7,
			activeSubscriptions: 5,
			seats: 58,
			suspended: 1,
			pendingChangeRequests: 1,
			customersWithSubscriptions: 3,
			partners: 2,
			byProvider: []
		});
		expect(figures.byOffer).toEqual([
			{ offerId: e3.id, name: 'Office 365 E3', subscriptions: 1, seats: 40 },
			{ offerId: basic.id, name: 'Microsoft 365 Business Basic', subscriptions: 2, seats: 13 },
			{ offerId: premium.id, name: 'Microsoft 365 Business Premium', subscriptions: 1, seats: 5 },
			{ offerId: azure.id, name: 'Azure plan', subscriptions: 1, seats: 0 }
		]);
		expect(figures.byCustomer).toEqual([
			{ customerKey: chalet, name: 'Chalet Müller', subscriptions: 2, seats: 40 },
			{ customerKey: alpine, name: 'Alpine Ski House', subscriptions: 2, seats: 15 },
			{ customerKey: bistro, name: 'Bistro Lumière', subscriptions: 1, seats: 3 }
		]);
		expect(figures.byReseller).toEqual([
			{ channelId: contoso, name: 'Contoso IT', subscriptions: 2, seats: 40 },
			{ channelId: fabrikam, name: 'Fabrikam Resale', subscriptions: 3, seats: 18 }
		]);
	});

	it('keeps the ten customers with most seats, in order, and names only what it knows', async () => {
		const db = freshDb();
		const channel = uniqueHex();
		// no channel row and no customer rows: names stay null rather than made up
		const rows = Array.from({ length: 12 }, (_, n) =>
			subscriptionRow({
				channelId: channel,
				customerKey: `${channel}:${tenantOf(n)}`,
				offer: basic,
				// seats 1..11, and a twelfth customer tied with the sixth at 6 (broken by key)
				quantity: n === 11 ? 6 : n + 1
			})
		);
		await storeSubscriptions(db, rows);

		const figures = await subscriptionFigures(db, 'provider');

		expect(figures.customersWithSubscriptions).toBe(12);
		expect(figures.byCustomer.map((c) => c.seats)).toEqual([11, 10, 9, 8, 7, 6, 6, 5, 4, 3]);
		expect(figures.byCustomer.slice(5, 7).map((c) => c.customerKey)).toEqual([
			`${channel}:${tenantOf(5)}`,
			`${channel}:${tenantOf(11)}`
		]);
		expect(figures.byCustomer.every((c) => c.name === null)).toBe(true);
		expect(figures.byReseller).toEqual([
			{ channelId: channel, name: null, subscriptions: 12, seats: 72 }
		]);
	});
});

describe('subscriptionFigures on a reseller', () => {
	it('groups by provider, names customers by tenant id, and counts pending requests', async () => {
		const db = freshDb();
		const northwind = uniqueHex();
		const litware = uniqueHex();
		await db.channels.bulkAdd([
			channelRow(northwind, { role: 'reseller', name: 'Northwind Distribution' }),
			channelRow(litware, { role: 'reseller', name: 'Litware Cloud' })
		]);
		await db.customers.bulkAdd([
			customerRow(tenantOf(1), tenantOf(1), 'Alpine Ski House'),
			customerRow(tenantOf(2), tenantOf(2), 'Bistro Lumière')
		]);
		const rows = [
			subscriptionRow({
				channelId: northwind,
				customerKey: tenantOf(1),
				offer: premium,
				quantity: 20,
				origin: 'partner'
			}),
			subscriptionRow({
				channelId: litware,
				customerKey: tenantOf(2),
				offer: basic,
				quantity: 4,
				origin: 'partner'
			}),
			subscriptionRow({
				channelId: litware,
				customerKey: tenantOf(2),
				offer: premium,
				quantity: 2,
				origin: 'partner',
				status: 'expired'
			})
		];
		await storeSubscriptions(db, rows);
		await db.changeRequests.bulkAdd([changeRequestRow(rows[0]!), changeRequestRow(rows[1]!)]);

		const figures = await subscriptionFigures(db, 'reseller');

		expect(figures).toMatchObject({
			totalSubscriptions: 3,
			activeSubscriptions: 2,
			seats: 24,
			suspended: 0,
			pendingChangeRequests: 2,
			customersWithSubscriptions: 2,
			partners: 2,
			byReseller: []
		});
		expect(figures.byProvider).toEqual([
			{ channelId: northwind, name: 'Northwind Distribution', subscriptions: 1, seats: 20 },
			{ channelId: litware, name: 'Litware Cloud', subscriptions: 1, seats: 4 }
		]);
		expect(figures.byCustomer.map((c) => c.name)).toEqual(['Alpine Ski House', 'Bistro Lumière']);
	});
});

describe('subscriptionFigures on a customer', () => {
	it('counts its resellers and the providers behind them as partners', async () => {
		const db = freshDb();
		const fabrikam = uniqueHex();
		const contoso = uniqueHex();
		// the channel with Contoso has no partner card yet: its feed's name is used
		await db.channels.bulkAdd([
			channelRow(fabrikam, { role: 'customer', kind: 'customer', name: 'Fabrikam Resale' }),
			channelRow(contoso, { role: 'customer', kind: 'customer', name: null })
		]);
		const sold = (provider: string, reseller: string) => ({ provider, reseller });
		await storeSubscriptions(db, [
			subscriptionRow({
				channelId: fabrikam,
				customerKey: 'self',
				offer: premium,
				quantity: 12,
				origin: 'partner',
				sellers: sold('Northwind Distribution', 'Fabrikam Resale')
			}),
			subscriptionRow({
				channelId: fabrikam,
				customerKey: 'self',
				offer: e3,
				quantity: 3,
				origin: 'partner',
				sellers: sold('Litware Cloud', 'Fabrikam Resale')
			}),
			subscriptionRow({
				channelId: contoso,
				customerKey: 'self',
				offer: basic,
				quantity: 2,
				origin: 'partner',
				sellers: sold('Northwind Distribution', 'Contoso IT')
			})
		]);

		const figures = await subscriptionFigures(db, 'customer');

		expect(figures).toMatchObject({
			activeSubscriptions: 3,
			seats: 17,
			customersWithSubscriptions: 1,
			// two resellers (Fabrikam, Contoso) and two providers (Northwind, Litware)
			partners: 4,
			byReseller: [],
			byProvider: []
		});
		expect(figures.byOffer.map((o) => [o.name, o.seats])).toEqual([
			['Microsoft 365 Business Premium', 12],
			['Office 365 E3', 3],
			['Microsoft 365 Business Basic', 2]
		]);
	});

	it('is all zeros with no subscriptions', async () => {
		const figures = await subscriptionFigures(freshDb(), 'customer');
		expect(figures).toEqual({
			totalSubscriptions: 0,
			activeSubscriptions: 0,
			suspended: 0,
			pendingChangeRequests: 0,
			seats: 0,
			customersWithSubscriptions: 0,
			partners: 0,
			byOffer: [],
			byCustomer: [],
			byReseller: [],
			byProvider: []
		});
	});
});

describe('subscriptionCounts', () => {
	it('agrees with the full figures', async () => {
		const db = freshDb();
		const channel = uniqueHex();
		const statuses = ['active', 'active', 'suspended', 'deleted', 'pending', 'active'] as const;
		const rows = statuses.map((status, n) =>
			subscriptionRow({
				channelId: channel,
				customerKey: tenantOf(n),
				offer: basic,
				quantity: 1,
				status
			})
		);
		await storeSubscriptions(db, rows);
		await db.changeRequests.add(changeRequestRow(rows[0]!));

		const counts = await subscriptionCounts(db);
		expect(counts).toEqual({
			totalSubscriptions: 6,
			activeSubscriptions: 3,
			suspended: 1,
			pendingChangeRequests: 1
		});
		expect(await subscriptionFigures(db, 'reseller')).toMatchObject(counts);
	});
});

describe('topWithOther', () => {
	const items = [50, 40, 30, 20, 10, 9, 8, 7, 6, 5, 0].map((seats, i) => ({
		name: `offer ${i}`,
		seats
	}));

	it('keeps the largest eight and sums the rest into one unnamed bar, leaving zeros out', () => {
		const slices = topWithOther(
			items,
			(item) => item.seats,
			(item) => item.name
		);
		expect(slices).toEqual([
			{ label: 'offer 0', value: 50 },
			{ label: 'offer 1', value: 40 },
			{ label: 'offer 2', value: 30 },
			{ label: 'offer 3', value: 20 },
			{ label: 'offer 4', value: 10 },
			{ label: 'offer 5', value: 9 },
			{ label: 'offer 6', value: 8 },
			{ label: 'offer 7', value: 7 },
			{ label: null, value: 11 }
		]);
	});

	it('has no Other bar when everything fits', () => {
		const slices = topWithOther(
			items.slice(7),
			(item) => item.seats,
			(item) => item.name
		);
		expect(slices).toEqual([
			{ label: 'offer 7', value: 7 },
			{ label: 'offer 8', value: 6 },
			{ label: 'offer 9', value: 5 }
		]);
	});
});
