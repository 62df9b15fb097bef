import { workspaceDb, type WorkspaceDB } from '$lib/db/workspace-db';
import type { OrderRow, SubscriptionRow } from '$lib/domain/commerce-records';
import { isoDate } from '$lib/domain/customer-export';
import { DomainError } from '$lib/domain/errors';
import {
	partnerCenterCollection,
	toPartnerCenterOrder,
	toPartnerCenterSubscription,
	type PartnerCenterCollection,
	type PartnerCenterOrder,
	type PartnerCenterSubscription
} from '$lib/domain/subscriptions';
import { SELF_CUSTOMER_KEY } from '$lib/sync/table-projection';
import { authorize, type SessionRef } from './actor';
import { auditEntry } from './audit';
import { withStorageErrors } from './storage';

/**
 * **Export orders and subscriptions** as Partner Center REST JSON: the `Order` and
 * `Subscription` resources in their `Collection` envelopes, dates in ISO 8601. What Partner
 * Center's API would answer, so a file can be read by tools written for it. Only the Partner
 * Center fields go out (domain/subscriptions.ts): no history, no Tierlink user names, no keys.
 */

export interface CommerceExport {
	orders: PartnerCenterCollection<PartnerCenterOrder>;
	subscriptions: PartnerCenterCollection<PartnerCenterSubscription>;
}

export interface CommerceExportOptions {
	/** one customer's rows (its row key on this side); a customer workspace always exports its own */
	customerKey?: string;
}

/** `orders-and-subscriptions-2025-03-03.json` */
export function commerceExportFileName(now: number): string {
	return `orders-and-subscriptions-${isoDate(now)}.json`;
}

const byCreation = <T extends { record: { creationDate: number; id: string } }>(a: T, b: T) =>
	a.record.creationDate - b.record.creationDate || a.record.id.localeCompare(b.record.id);

async function rowsOf(
	db: WorkspaceDB,
	customerKey: string | undefined
): Promise<{ orders: OrderRow[]; subscriptions: SubscriptionRow[] }> {
	const [orders, subscriptions] = await Promise.all(
		customerKey === undefined
			? [db.orders.toArray(), db.subscriptions.toArray()]
			: [
					db.orders.where('customerKey').equals(customerKey).toArray(),
					db.subscriptions.where('customerKey').equals(customerKey).toArray()
				]
	);
	return {
		orders: orders.sort(byCreation),
		subscriptions: subscriptions.sort(byCreation)
	};
}

/**
 * The workspace's orders and subscriptions (or one customer's), oldest first, as JSON text.
 * Resellers and providers need `view_customers`; a customer (whose workspace holds only what its
 * partners sold it) needs `view_account_settings`. Logged in the Activity log.
 */
export async function exportCommerceJson(
	session: SessionRef,
	{ customerKey }: CommerceExportOptions = {},
	now = Date.now()
): Promise<{ fileName: string; text: string }> {
	// The workspace's kind decides which capability the export needs.
	const profile = await workspaceDb(session.workspaceId).getMeta('profile');
	if (!profile) throw new DomainError('err_workspace_not_found');
	const isCustomer = profile.kind === 'customer';
	const { db, user } = await authorize(
		session,
		isCustomer ? 'view_account_settings' : 'view_customers'
	);

	let key = customerKey;
	let target: string | undefined;
	if (isCustomer) {
		key = SELF_CUSTOMER_KEY;
	} else if (key !== undefined) {
		const customer = await db.customers.get(key);
		if (!customer) throw new DomainError('err_customer_not_found');
		target = customer.companyName;
	}

	const { orders, subscriptions } = await withStorageErrors(() => rowsOf(db, key));
	const exported: CommerceExport = {
		orders: partnerCenterCollection(orders.map((row) => toPartnerCenterOrder(row.record))),
		subscriptions: partnerCenterCollection(
			subscriptions.map((row) => toPartnerCenterSubscription(row.record))
		)
	};
	const fileName = commerceExportFileName(now);
	await withStorageErrors(() =>
		db.audit.add(
			auditEntry(
				user,
				'commerce.exported',
				target ?? fileName,
				{ orders: orders.length, subscriptions: subscriptions.length },
				now
			)
		)
	);
	return { fileName, text: `${JSON.stringify(exported, null, 2)}\n` };
}
