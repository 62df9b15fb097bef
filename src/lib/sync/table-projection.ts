import { writeSubscriptions } from '$lib/db/subscription-store';
import type { WorkspaceDB } from '$lib/db/workspace-db';
import type { ChangeDecisionRecord, ChangeRequestRecord } from '$lib/domain/change-requests';
import {
	commerceKey,
	type ChangeRequestRow,
	type CustomerSubscription,
	type OrderRow,
	type SubscriptionRow
} from '$lib/domain/commerce-records';
import {
	rowFromSharedCustomer,
	sharedCustomerKey,
	type SharedCustomer
} from '$lib/domain/customers';
import { directoryRows, type DirectoryUser } from '$lib/domain/customer-directory';
import type { OrderRecord } from '$lib/domain/orders';
import type { SubscriptionRecord } from '$lib/domain/subscriptions';

/**
 * Partner records that live in a table of their own (indexed for their pages) rather than in
 * `sharedRecords`. Each arrives already checked (`checkSharedRecord`: schema, author, channel
 * kind, id field), so what a projector writes is only what that partner may state:
 *
 * - `customers` (reseller → provider): the provider's `customers` rows, keyed by channel.
 * - `orders`, `subscriptions` (provider → reseller): the reseller's read-only copies, keyed by
 *   the reseller's own customer key (the tenant id).
 * - `changeRequests` (reseller → provider): pending until the provider decides; a decision
 *   already taken stays.
 * - `changeDecisions` (provider → reseller): the answer joins the reseller's own request row.
 * - `customerSubscriptions` (reseller → customer): what the customer has, and from whom.
 * - `customerUsers` (reseller → customer): the customer's users and the licences they hold, as
 *   the reseller administers them; the customer's `customerUsers` and `licenseAssignments` rows.
 */
export const tableCollections = new Set([
	'customers',
	'orders',
	'subscriptions',
	'changeRequests',
	'changeDecisions',
	'customerSubscriptions',
	'customerUsers'
]);

/** Accepted records per collection; `value` null removes. */
export type TableRecords = Map<string, { id: string; value: unknown }[]>;

/** The customer channel's own customer row (a customer workspace holds only itself). */
export const SELF_CUSTOMER_KEY = 'self';

/** Writes the records into their tables; call inside a transaction over those tables. */
export async function projectIntoTables(
	db: WorkspaceDB,
	channelId: string,
	records: TableRecords,
	now: number
): Promise<void> {
	for (const [collection, entries] of records) {
		const puts = entries.filter((entry) => entry.value !== null);
		const removed = entries.filter((entry) => entry.value === null).map((entry) => entry.id);
		switch (collection) {
			case 'customers':
				await db.customers.bulkPut(
					puts.map(({ value }) => rowFromSharedCustomer(channelId, value as SharedCustomer, now))
				);
				await db.customers.bulkDelete(removed.map((id) => sharedCustomerKey(channelId, id)));
				break;
			case 'subscriptions':
				await writeSubscriptions(
					db,
					puts.map(({ value }) => subscriptionRow(channelId, value as SubscriptionRecord, now)),
					removed.map((id) => commerceKey(channelId, id))
				);
				break;
			case 'customerSubscriptions':
				await writeSubscriptions(
					db,
					puts.map(({ value }) => {
						const { subscription, sellers } = value as CustomerSubscription;
						return {
							...subscriptionRow(channelId, subscription, now),
							customerKey: SELF_CUSTOMER_KEY,
							sellers
						};
					}),
					removed.map((id) => commerceKey(channelId, id))
				);
				break;
			case 'orders':
				await db.orders.bulkPut(
					puts.map(({ value }) => orderRow(channelId, value as OrderRecord, now))
				);
				await db.orders.bulkDelete(removed.map((id) => commerceKey(channelId, id)));
				break;
			case 'changeRequests':
				await projectChangeRequests(db, channelId, puts, removed, now);
				break;
			case 'changeDecisions':
				await projectChangeDecisions(db, channelId, puts, now);
				break;
			case 'customerUsers':
				await projectDirectory(
					db,
					puts.map(({ value }) => value as DirectoryUser),
					removed
				);
				break;
		}
	}
}

/** Customer side: each user replaces its row and the licences it holds. */
async function projectDirectory(
	db: WorkspaceDB,
	users: DirectoryUser[],
	removed: string[]
): Promise<void> {
	const userIds = [...users.map((user) => user.id), ...removed];
	await db.licenseAssignments.where('userId').anyOf(userIds).delete();
	await db.customerUsers.bulkDelete(removed);
	const rows = users.map((user) => directoryRows(SELF_CUSTOMER_KEY, user));
	await db.customerUsers.bulkPut(rows.map((row) => row.user));
	await db.licenseAssignments.bulkPut(rows.flatMap((row) => row.assignments));
}

function subscriptionRow(
	channelId: string,
	record: SubscriptionRecord,
	now: number
): SubscriptionRow {
	return {
		key: commerceKey(channelId, record.id),
		channelId,
		customerKey: record.customerId,
		origin: 'partner',
		status: record.status,
		offerId: record.offerId,
		record,
		sellers: null,
		updatedAt: now
	};
}

function orderRow(channelId: string, record: OrderRecord, now: number): OrderRow {
	return {
		key: commerceKey(channelId, record.id),
		channelId,
		customerKey: record.customerId,
		origin: 'partner',
		creationDate: record.creationDate,
		record,
		updatedAt: now
	};
}

/** Provider side: a reseller's request, keyed as the provider keys that customer. */
async function projectChangeRequests(
	db: WorkspaceDB,
	channelId: string,
	puts: { id: string; value: unknown }[],
	removed: string[],
	now: number
): Promise<void> {
	const keys = puts.map(({ id }) => commerceKey(channelId, id));
	const existing = await db.changeRequests.bulkGet(keys);
	const rows: ChangeRequestRow[] = puts.map(({ value }, i) => {
		const request = value as ChangeRequestRecord;
		const decision = existing[i]?.decision ?? null;
		return {
			key: keys[i]!,
			channelId,
			customerKey: sharedCustomerKey(channelId, request.customerId),
			subscriptionKey: commerceKey(channelId, request.subscriptionId),
			state: decision ? decision.decision : 'pending',
			requestedAt: request.requestedAt,
			request,
			decision,
			updatedAt: now
		};
	});
	await db.changeRequests.bulkPut(rows);
	// A withdrawn request that was never decided goes; a decided one stays on record.
	const gone = await db.changeRequests.bulkGet(removed.map((id) => commerceKey(channelId, id)));
	await db.changeRequests.bulkDelete(
		gone.filter((row) => row && !row.decision).map((row) => row!.key)
	);
}

/** Reseller side: the provider's answer joins the reseller's own request. */
async function projectChangeDecisions(
	db: WorkspaceDB,
	channelId: string,
	puts: { id: string; value: unknown }[],
	now: number
): Promise<void> {
	const keys = puts.map(({ id }) => commerceKey(channelId, id));
	const rows = await db.changeRequests.bulkGet(keys);
	const updated: ChangeRequestRow[] = [];
	puts.forEach(({ value }, i) => {
		const row = rows[i];
		const decision = value as ChangeDecisionRecord;
		// A decision about another subscription than the request's is not an answer to it.
		if (!row || row.request.subscriptionId !== decision.subscriptionId) return;
		updated.push({ ...row, decision, state: decision.decision, updatedAt: now });
	});
	if (updated.length) await db.changeRequests.bulkPut(updated);
}
