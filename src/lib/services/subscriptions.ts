import Dexie from 'dexie';
import type { ChannelRecord } from '$lib/db/records';
import { writeSubscriptions } from '$lib/db/subscription-store';
import type { WorkspaceDB } from '$lib/db/workspace-db';
import { offerById } from '$lib/domain/catalog-data';
import type { Offer } from '$lib/domain/catalog';
import { commerceKey, type SubscriptionRow } from '$lib/domain/commerce-records';
import { DomainError } from '$lib/domain/errors';
import type { UserRecord } from '$lib/domain/records';
import {
	changeSubscription,
	renewDue,
	type SubscriptionChange,
	type SubscriptionRecord
} from '$lib/domain/subscriptions';
import { putOwnRecords, type FeedRecord } from '$lib/sync/feed';
import { announceFeedChange } from '$lib/sync/feed-signal';
import { authorize, type SessionRef } from './actor';
import { auditEntry } from './audit';
import { commerceTables, ownSubscriptionRow } from './orders';
import { withStorageErrors } from './storage';

/**
 * Subscriptions after the order: the provider changes its own (quantity, auto-renew, suspend,
 * reactivate, cancel — the state machine of domain/subscriptions.ts decides what is allowed),
 * terms renew or expire when they end, and a reseller passes what its providers say on to the
 * customer concerned.
 */

/** The offer a subscription was bought from (the catalogue ships with the app). */
export function offerOf(record: SubscriptionRecord): Offer {
	const offer = offerById(record.offerId);
	if (!offer) throw new DomainError('err_order_offer_unknown');
	return offer;
}

/** A provider's own subscription, by row key. */
async function ownSubscription(db: WorkspaceDB, key: string): Promise<SubscriptionRow> {
	const row = await db.subscriptions.get(key);
	if (!row) throw new DomainError('err_subscription_not_found');
	if (row.origin !== 'own') throw new DomainError('err_subscription_provider_only');
	return row;
}

/**
 * Applies one change to a provider's own subscription, inside the caller's transaction over
 * `commerceTables`: renewals due first, then the change, then the row, the feed record and the
 * Activity log entry. Returns the new record.
 */
export async function applyOwnChange(
	db: WorkspaceDB,
	user: Pick<UserRecord, 'id' | 'fullName'>,
	key: string,
	change: SubscriptionChange,
	now: number,
	requestId?: string
): Promise<SubscriptionRecord> {
	const row = await ownSubscription(db, key);
	const current = renewDue(row.record, now);
	const record = changeSubscription(current, change, {
		offer: offerOf(current),
		now,
		by: user.fullName,
		...(requestId ? { requestId } : {})
	});
	await writeOwn(db, row, record, now);
	const customer = await db.customers.get(row.customerKey);
	await db.audit.add(
		auditEntry(
			user,
			'subscription.changed',
			customer?.companyName ?? record.customerId,
			{ subscription: record.friendlyName, change: change.kind, status: record.status },
			now
		)
	);
	return record;
}

async function writeOwn(
	db: WorkspaceDB,
	row: SubscriptionRow,
	record: SubscriptionRecord,
	now: number
): Promise<void> {
	await writeSubscriptions(db, [ownSubscriptionRow(row.channelId, row.customerKey, record)]);
	await putOwnRecords(
		db,
		row.channelId,
		[{ collection: 'subscriptions', id: record.id, value: record }],
		now
	);
}

/** **Change quantity**, **Auto-renew**, **Suspend**, **Reactivate**, **Cancel** (provider). */
export async function changeOwnSubscription(
	session: SessionRef,
	subscriptionKey: string,
	change: SubscriptionChange,
	now = Date.now()
): Promise<SubscriptionRecord> {
	const { db, user } = await authorize(session, 'manage_subscriptions');
	let record: SubscriptionRecord | undefined;
	let channelId = '';
	await withStorageErrors(() =>
		db.transaction('rw', commerceTables(db), async () => {
			record = await applyOwnChange(db, user, subscriptionKey, change, now);
			channelId = (await db.subscriptions.get(subscriptionKey))!.channelId;
		})
	);
	announceFeedChange(session.workspaceId, channelId);
	return record!;
}

/** How many due subscriptions one transaction renews, so a long backlog never freezes the page. */
const RENEWAL_BATCH = 500;

/** The provider's own active subscriptions whose term has ended by `now`, oldest end first. */
function dueSubscriptions(db: WorkspaceDB, now: number) {
	return db.subscriptions
		.where('[status+record.commitmentEndDate]')
		.between(['active', Dexie.minKey], ['active', now], true, true)
		.filter((row) => row.origin === 'own');
}

/**
 * Terms that ended renew (auto-renew on) or expire (off), as Partner Center does at the end of
 * a term, for every own subscription of this provider (the schedule in renewal-schedule.ts calls
 * it when each term ends; Services calls it when it opens). Reads only the due rows, through the
 * `[status+record.commitmentEndDate]` index, in batches of 500 per transaction. Returns how
 * many changed.
 */
export async function renewDueSubscriptions(db: WorkspaceDB, now = Date.now()): Promise<number> {
	let renewed = 0;
	const channels = new Set<string>();
	for (;;) {
		const due = await dueSubscriptions(db, now).limit(RENEWAL_BATCH).primaryKeys();
		if (due.length === 0) break;
		let changed = 0;
		await withStorageErrors(() =>
			db.transaction('rw', commerceTables(db), async () => {
				const rows: SubscriptionRow[] = [];
				const feeds = new Map<string, FeedRecord[]>();
				for (const row of await db.subscriptions.bulkGet(due)) {
					if (!row || row.origin !== 'own') continue;
					const record = renewDue(row.record, now);
					if (record === row.record) continue;
					rows.push(ownSubscriptionRow(row.channelId, row.customerKey, record));
					const feed = feeds.get(row.channelId) ?? [];
					feed.push({ collection: 'subscriptions', id: record.id, value: record });
					feeds.set(row.channelId, feed);
				}
				await writeSubscriptions(db, rows);
				for (const [channelId, records] of feeds) {
					await putOwnRecords(db, channelId, records, now);
					channels.add(channelId);
				}
				changed = rows.length;
			})
		);
		renewed += changed;
		if (changed === 0 || due.length < RENEWAL_BATCH) break;
	}
	for (const channelId of channels) announceFeedChange(db.workspaceId, channelId);
	return renewed;
}

/** When the next own active term ends after `now`, if any. */
export async function nextRenewalAt(db: WorkspaceDB, now = Date.now()): Promise<number | null> {
	const next = await db.subscriptions
		.where('[status+record.commitmentEndDate]')
		.between(['active', now], ['active', Dexie.maxKey], false, true)
		.filter((row) => row.origin === 'own')
		.first();
	return next?.record.commitmentEndDate ?? null;
}

/** A customer's subscriptions on this side, newest first. */
export async function subscriptionsOfCustomer(
	db: WorkspaceDB,
	customerKey: string
): Promise<SubscriptionRow[]> {
	const rows = await db.subscriptions.where('customerKey').equals(customerKey).toArray();
	return rows.sort((a, b) => b.record.creationDate - a.record.creationDate);
}

/**
 * Reseller side, after its provider's feed was projected: the customer concerned learns about
 * each changed subscription through its own channel with the reseller (`customerSubscriptions`:
 * the subscription and who sold it). Customers without a channel (imported) learn nothing.
 */
export async function passOnSubscriptions(
	db: WorkspaceDB,
	channel: ChannelRecord,
	ids: ReadonlySet<string>,
	now = Date.now()
): Promise<void> {
	if (channel.kind !== 'partnership' || channel.role !== 'reseller' || ids.size === 0) return;
	const touched = new Set<string>();
	await withStorageErrors(() =>
		db.transaction('rw', commerceTables(db), async () => {
			const profile = await db.getMeta('profile');
			const provider = channel.partner?.name;
			if (!profile || !provider) return;
			const keys = [...ids].map((id) => commerceKey(channel.id, id));
			const rows = await db.subscriptions.bulkGet(keys);
			const byChannel = new Map<string, { collection: string; id: string; value: unknown }[]>();
			for (const row of rows) {
				if (!row) continue;
				const customer = await db.customers.get(row.customerKey);
				const customerChannel = customer?.channelId
					? await db.channels.get(customer.channelId)
					: undefined;
				if (customerChannel?.kind !== 'customer' || customerChannel.state !== 'active') continue;
				const records = byChannel.get(customerChannel.id) ?? [];
				records.push({
					collection: 'customerSubscriptions',
					id: row.record.id,
					value: { subscription: row.record, sellers: { provider, reseller: profile.name } }
				});
				byChannel.set(customerChannel.id, records);
			}
			for (const [channelId, records] of byChannel) {
				await putOwnRecords(db, channelId, records, now);
				touched.add(channelId);
			}
		})
	);
	for (const channelId of touched) announceFeedChange(db.workspaceId, channelId);
}
