import type { ChannelRecord, CustomerRecord } from '$lib/db/records';
import { writeSubscriptions } from '$lib/db/subscription-store';
import type { WorkspaceDB } from '$lib/db/workspace-db';
import { offerById } from '$lib/domain/catalog-data';
import type { Offer } from '$lib/domain/catalog';
import { commerceKey, type OrderRow, type SubscriptionRow } from '$lib/domain/commerce-records';
import { DomainError } from '$lib/domain/errors';
import { checkOrder, orderFrom, orderInputSchema, type OrderContext } from '$lib/domain/orders';
import type { SubscriptionRecord } from '$lib/domain/subscriptions';
import { parseOrThrow } from '$lib/domain/validation';
import { putOwnRecords } from '$lib/sync/feed';
import { announceFeedChange } from '$lib/sync/feed-signal';
import { authorize, type SessionRef } from './actor';
import { auditEntry } from './audit';
import { withStorageErrors } from './storage';

/**
 * A provider's orders for the customers its resellers share (DOMAIN.md: the provider "submits
 * orders and adds subscriptions on behalf of" the reseller's customers, the reseller being
 * reseller of record). The order and its subscription go into the provider's feed of that
 * reseller's channel, which only the provider may write; the reseller's projection makes its
 * read-only copy. Every Partner Center rule is checked by `checkOrder` (domain/orders.ts).
 */

export const commerceTables = (db: WorkspaceDB) => [
	db.customers,
	db.channels,
	db.subscriptions,
	db.subscriptionTotals,
	db.orders,
	db.changeRequests,
	db.feedUpdates,
	db.sharedRecords,
	db.audit,
	db.meta
];

/** A 32-hex-digit id, as feed records use. */
export function newRecordId(): string {
	return crypto.randomUUID().replaceAll('-', '');
}

/** The customer a provider orders for: shared by a reseller over an active partnership. */
export async function sharedCustomerForOrder(
	db: WorkspaceDB,
	customerKey: string
): Promise<{ customer: CustomerRecord; channel: ChannelRecord }> {
	const customer = await db.customers.get(customerKey);
	if (!customer) throw new DomainError('err_customer_not_found');
	if (!customer.resellerChannelId) throw new DomainError('err_order_customer_not_shared');
	const channel = await db.channels.get(customer.resellerChannelId);
	if (
		channel?.kind !== 'partnership' ||
		channel.role !== 'provider' ||
		channel.state !== 'active' ||
		!channel.partner
	) {
		throw new DomainError('err_order_partnership_inactive');
	}
	return { customer, channel };
}

/** What `checkOrder` needs, read from the provider's workspace. */
export async function orderContextFor(
	db: WorkspaceDB,
	customer: CustomerRecord,
	channel: ChannelRecord
): Promise<OrderContext> {
	const [profile, mpnId, subscriptions] = await Promise.all([
		db.getMeta('profile'),
		db.getMeta('mpnId'),
		db.subscriptions.where('customerKey').equals(customer.key).toArray()
	]);
	if (!profile) throw new DomainError('err_workspace_not_found');
	const reseller = channel.partner!;
	return {
		findOffer: offerById,
		provider: { mpnId: mpnId ?? null, country: profile.country },
		// A reseller gets its MPN ID from its indirect-reseller enrolment.
		reseller: {
			mpnId: reseller.mpnId,
			country: reseller.country,
			enrolled: reseller.mpnId !== null
		},
		customer: {
			tenantId: customer.tenantId,
			country: customer.country,
			resellerRelationship: customer.relationship === 'reseller',
			providerRelationship: customer.providerRelationship
		},
		subscriptions: subscriptions.map((row) => row.record)
	};
}

/** The row a provider keeps for its own subscription (the feed carries `record`). */
export function ownSubscriptionRow(
	channelId: string,
	customerKey: string,
	record: SubscriptionRecord
): SubscriptionRow {
	return {
		key: commerceKey(channelId, record.id),
		channelId,
		customerKey,
		origin: 'own',
		status: record.status,
		offerId: record.offerId,
		record,
		sellers: null,
		updatedAt: record.updatedAt
	};
}

/**
 * **Add subscription** (provider): checks the order as Partner Center would, then writes the
 * order, its subscription, both feed records and the Activity log entry in one transaction.
 * Returns the new subscription's row key.
 */
export async function placeOrder(
	session: SessionRef,
	customerKey: string,
	input: unknown,
	now = Date.now()
): Promise<{ subscriptionKey: string; offer: Offer }> {
	const { db, user } = await authorize(session, 'manage_subscriptions');
	const profile = await db.getMeta('profile');
	if (profile?.kind !== 'provider') throw new DomainError('err_order_provider_only');
	const parsed = parseOrThrow(orderInputSchema, input);
	let result: { subscriptionKey: string; offer: Offer } | undefined;
	let channelId = '';
	await withStorageErrors(() =>
		db.transaction('rw', commerceTables(db), async () => {
			const { customer, channel } = await sharedCustomerForOrder(db, customerKey);
			const offer = checkOrder(parsed, await orderContextFor(db, customer, channel));
			const { order, subscription } = orderFrom(parsed, {
				offer,
				customerId: customer.tenantId,
				orderId: newRecordId(),
				subscriptionId: newRecordId(),
				now,
				placedBy: user.fullName
			});
			const orderRow: OrderRow = {
				key: commerceKey(channel.id, order.id),
				channelId: channel.id,
				customerKey: customer.key,
				origin: 'own',
				creationDate: order.creationDate,
				record: order,
				updatedAt: now
			};
			const subscriptionRow = ownSubscriptionRow(channel.id, customer.key, subscription);
			await db.orders.put(orderRow);
			await writeSubscriptions(db, [subscriptionRow]);
			await putOwnRecords(
				db,
				channel.id,
				[
					{ collection: 'orders', id: order.id, value: order },
					{ collection: 'subscriptions', id: subscription.id, value: subscription }
				],
				now
			);
			await db.audit.add(
				auditEntry(
					user,
					'order.placed',
					customer.companyName,
					{ offer: offer.name, quantity: String(subscription.quantity) },
					now
				)
			);
			channelId = channel.id;
			result = { subscriptionKey: subscriptionRow.key, offer };
		})
	);
	announceFeedChange(session.workspaceId, channelId);
	return result!;
}

/** A customer's orders, newest first (either side). */
export async function ordersOfCustomer(db: WorkspaceDB, customerKey: string): Promise<OrderRow[]> {
	const rows = await db.orders.where('customerKey').equals(customerKey).toArray();
	return rows.sort((a, b) => b.creationDate - a.creationDate);
}
