import { afterEach, describe, expect, it } from 'vitest';
import { workspaceDb, type WorkspaceDB } from '$lib/db/workspace-db';
import type { OrderRow, SubscriptionRow } from '$lib/domain/commerce-records';
import { DomainError, PermissionError } from '$lib/domain/errors';
import { orderRecordSchema } from '$lib/domain/orders';
import {
	catalogOffer,
	channelRow,
	customerRow,
	subscriptionRow,
	tenantOf,
	uniqueHex
} from '$lib/test/commerce-rows';
import { createTestWorkspace, insertTestUser } from '$lib/test/factories';
import { resetDatabases } from '$lib/test/indexeddb';
import { exportCommerceJson } from './commerce-export';

/** Partner Center JSON export of the commerce tables, over rows written straight into Dexie. */

afterEach(resetDatabases);

const basic = catalogOffer('Microsoft 365 Business Basic');
const e3 = catalogOffer('Office 365 E3');
/** 3 March 2025, 09:00 UTC and the days after */
const MARCH_3 = Date.UTC(2025, 2, 3, 9, 0, 0);
const DAY = 86_400_000;
const NOW = Date.UTC(2025, 5, 30, 12, 0, 0);

/** A subscription row for `tenantId`, bought at `creationDate`. */
function subscription(
	input: Parameters<typeof subscriptionRow>[0],
	tenantId: string,
	creationDate: number
): SubscriptionRow {
	const row = subscriptionRow(input);
	return {
		...row,
		record: {
			...row.record,
			customerId: tenantId,
			orderId: uniqueHex(),
			creationDate,
			effectiveStartDate: creationDate,
			commitmentEndDate: creationDate + 365 * DAY
		}
	};
}

/** The order that created `sub`, as the provider's feed carries it. */
function orderOf(sub: SubscriptionRow): OrderRow {
	const { record } = sub;
	const order = orderRecordSchema.parse({
		id: record.orderId,
		customerId: record.customerId,
		billingCycle: record.billingCycle,
		lineItems: [
			{
				lineItemNumber: 0,
				offerId: record.offerId,
				subscriptionId: record.id,
				friendlyName: record.friendlyName,
				quantity: record.quantity,
				termDuration: record.termDuration,
				partnerIdOnRecord: record.partnerId
			}
		],
		creationDate: record.creationDate,
		status: 'completed',
		placedBy: 'Ana Lopez'
	});
	return {
		key: `${sub.channelId}:${order.id}`,
		channelId: sub.channelId,
		customerKey: sub.customerKey,
		origin: sub.origin,
		creationDate: order.creationDate,
		record: order,
		updatedAt: order.creationDate
	};
}

/** A provider with two customers shared by one reseller: three subscriptions, three orders. */
async function providerWithSales() {
	const provider = await createTestWorkspace({ kind: 'provider', name: 'Northwind' });
	const db = workspaceDb(provider.workspaceId);
	const channel = uniqueHex();
	const alpine = `${channel}:${tenantOf(1)}`;
	const bistro = `${channel}:${tenantOf(2)}`;
	// Written newest first, so the export's order is its own.
	const subs = [
		subscription(
			{ channelId: channel, customerKey: bistro, offer: e3, quantity: 7 },
			tenantOf(2),
			MARCH_3 + 2 * DAY
		),
		subscription(
			{ channelId: channel, customerKey: alpine, offer: e3, quantity: 3, status: 'suspended' },
			tenantOf(1),
			MARCH_3 + DAY
		),
		subscription(
			{ channelId: channel, customerKey: alpine, offer: basic, quantity: 25 },
			tenantOf(1),
			MARCH_3
		)
	];
	await db.channels.add(channelRow(channel, { role: 'provider', name: 'Fabrikam Resale' }));
	await db.customers.bulkAdd([
		customerRow(alpine, tenantOf(1), 'Alpine Ski House'),
		customerRow(bistro, tenantOf(2), 'Bistro Lumière')
	]);
	await db.subscriptions.bulkAdd(subs);
	await db.orders.bulkAdd(subs.map(orderOf));
	return { provider, db, alpine, bistro, subs };
}

interface Exported {
	orders: { totalCount: number; items: Record<string, unknown>[]; attributes: object };
	subscriptions: { totalCount: number; items: Record<string, unknown>[]; attributes: object };
}

const exportedEntries = async (db: WorkspaceDB) =>
	(await db.audit.toArray()).filter((entry) => entry.action === 'commerce.exported');

const parse = (text: string) => JSON.parse(text) as Exported;

describe('exportCommerceJson', () => {
	it('exports every order and subscription as Partner Center collections, oldest first', async () => {
		const { provider, db, subs } = await providerWithSales();
		const { fileName, text } = await exportCommerceJson(
			{ workspaceId: provider.workspaceId, userId: provider.userId },
			{},
			NOW
		);
		expect(fileName).toBe('orders-and-subscriptions-2025-06-30.json');
		const { orders, subscriptions } = parse(text);

		expect(orders.attributes).toEqual({ objectType: 'Collection' });
		expect(orders.totalCount).toBe(3);
		expect(orders.items.map((item) => item.attributes)).toEqual(
			Array(3).fill({ objectType: 'Order' })
		);
		const oldest = subs[2]!.record;
		expect(orders.items[0]).toMatchObject({
			id: oldest.orderId,
			referenceCustomerId: tenantOf(1),
			creationDate: '2025-03-03T09:00:00.000Z',
			status: 'completed',
			lineItems: [
				{
					lineItemNumber: 0,
					offerId: basic.id,
					subscriptionId: oldest.id,
					quantity: 25,
					partnerIdOnRecord: oldest.partnerId
				}
			]
		});

		expect(subscriptions.attributes).toEqual({ objectType: 'Collection' });
		expect(subscriptions.totalCount).toBe(3);
		expect(subscriptions.items.map((item) => item.id)).toEqual(
			[subs[2], subs[1], subs[0]].map((row) => row!.record.id)
		);
		expect(subscriptions.items[1]).toMatchObject({
			offerId: e3.id,
			offerName: e3.name,
			quantity: 3,
			status: 'suspended',
			creationDate: '2025-03-04T09:00:00.000Z',
			effectiveStartDate: '2025-03-04T09:00:00.000Z',
			commitmentEndDate: '2026-03-04T09:00:00.000Z',
			attributes: { objectType: 'Subscription' }
		});
		for (const item of subscriptions.items) {
			expect(item.attributes).toEqual({ objectType: 'Subscription' });
			for (const field of ['creationDate', 'effectiveStartDate', 'commitmentEndDate']) {
				expect(item[field]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
			}
		}
		// Only Partner Center's fields: no history, no Tierlink names, no row keys or sellers.
		expect(text).not.toContain('Ana Lopez');
		for (const field of ['"history"', '"placedBy"', '"sellers"', '"key"', '"channelId"']) {
			expect(text).not.toContain(field);
		}

		const [entry] = await db.audit
			.where('[action+at]')
			.equals(['commerce.exported', NOW])
			.toArray();
		expect(entry).toMatchObject({
			actorId: provider.userId,
			target: fileName,
			details: { orders: 3, subscriptions: 3 }
		});
	});

	it('exports one customer’s rows when asked, and names the customer in the Activity log', async () => {
		const { provider, db, alpine, subs } = await providerWithSales();
		const session = { workspaceId: provider.workspaceId, userId: provider.userId };
		const { text } = await exportCommerceJson(session, { customerKey: alpine }, NOW);
		const { orders, subscriptions } = parse(text);
		expect(orders.totalCount).toBe(2);
		expect(subscriptions.totalCount).toBe(2);
		expect(subscriptions.items.map((item) => item.id)).toEqual([
			subs[2]!.record.id,
			subs[1]!.record.id
		]);
		expect(new Set(orders.items.map((item) => item.referenceCustomerId))).toEqual(
			new Set([tenantOf(1)])
		);
		const entries = await db.audit
			.where('[action+at]')
			.equals(['commerce.exported', NOW])
			.toArray();
		expect(entries.map((entry) => entry.target)).toEqual(['Alpine Ski House']);

		await expect(
			exportCommerceJson(session, { customerKey: `${uniqueHex()}:${tenantOf(9)}` }, NOW)
		).rejects.toEqual(new DomainError('err_customer_not_found'));
	});

	it('gives empty collections when there is nothing yet', async () => {
		const reseller = await createTestWorkspace({ kind: 'reseller', name: 'Fabrikam Resale' });
		const { text } = await exportCommerceJson(
			{ workspaceId: reseller.workspaceId, userId: reseller.userId },
			{},
			NOW
		);
		expect(parse(text)).toEqual({
			orders: { totalCount: 0, items: [], attributes: { objectType: 'Collection' } },
			subscriptions: { totalCount: 0, items: [], attributes: { objectType: 'Collection' } }
		});
	});

	it('refuses a partner’s user who may not view customers, and logs nothing', async () => {
		const { provider, db } = await providerWithSales();
		const userAdmin = await insertTestUser(provider.workspaceId, {
			adminRole: 'user_management_admin',
			agentRole: 'none'
		});
		await expect(
			exportCommerceJson({ workspaceId: provider.workspaceId, userId: userAdmin.id }, {}, NOW)
		).rejects.toEqual(new PermissionError('view_customers'));
		expect((await exportedEntries(db)).length).toBe(0);

		// A helpdesk agent views customers, so may export.
		const helpdesk = await insertTestUser(provider.workspaceId, { agentRole: 'helpdesk_agent' });
		const { text } = await exportCommerceJson(
			{ workspaceId: provider.workspaceId, userId: helpdesk.id },
			{},
			NOW
		);
		expect(parse(text).subscriptions.totalCount).toBe(3);
	});

	it('exports what a customer has from its partners, whoever asks in the customer', async () => {
		const customer = await createTestWorkspace({ kind: 'customer', name: 'Contoso Café' });
		const db = workspaceDb(customer.workspaceId);
		const channel = uniqueHex();
		const sellers = { provider: 'Northwind', reseller: 'Fabrikam Resale' };
		await db.subscriptions.bulkAdd([
			subscription(
				{ channelId: channel, customerKey: 'self', offer: basic, quantity: 12, sellers },
				tenantOf(5),
				MARCH_3
			),
			subscription(
				{ channelId: channel, customerKey: 'self', offer: e3, quantity: 4, sellers },
				tenantOf(5),
				MARCH_3 + DAY
			)
		]);
		// A user with no role at all still sees the account's own subscriptions.
		const plain = await insertTestUser(customer.workspaceId, {
			adminRole: 'none',
			agentRole: 'none'
		});
		// A customer exports its own rows, whatever key is passed.
		const { text } = await exportCommerceJson(
			{ workspaceId: customer.workspaceId, userId: plain.id },
			{ customerKey: tenantOf(5) },
			NOW
		);
		const { orders, subscriptions } = parse(text);
		expect(orders.totalCount).toBe(0);
		expect(subscriptions.totalCount).toBe(2);
		expect(subscriptions.items.map((item) => item.quantity)).toEqual([12, 4]);
		expect(text).not.toContain('Fabrikam Resale');
		const entries = await exportedEntries(db);
		expect(entries).toHaveLength(1);
		expect(entries[0]).toMatchObject({ actorId: plain.id, details: { subscriptions: 2 } });
	});
});
