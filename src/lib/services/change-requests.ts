import type { WorkspaceDB } from '$lib/db/workspace-db';
import {
	changeDecisionInputSchema,
	changeOf,
	changeRequestInputSchema,
	type ChangeDecisionRecord,
	type ChangeRequestRecord
} from '$lib/domain/change-requests';
import { commerceKey, type ChangeRequestRow } from '$lib/domain/commerce-records';
import { DomainError } from '$lib/domain/errors';
import { changeRefusal, renewDue } from '$lib/domain/subscriptions';
import { parseOrThrow } from '$lib/domain/validation';
import { putOwnRecords } from '$lib/sync/feed';
import { announceFeedChange } from '$lib/sync/feed-signal';
import { authorize, type SessionRef } from './actor';
import { auditEntry } from './audit';
import { commerceTables, newRecordId } from './orders';
import { applyOwnChange, offerOf } from './subscriptions';
import { withStorageErrors } from './storage';

/**
 * **Request change** (reseller) and **Accept** / **Decline** (provider). The reseller never
 * writes a subscription: it asks, in its own feed (`changeRequests`); the provider answers in its
 * feed (`changeDecisions`) and, when it accepts, changes the subscription itself.
 */

/**
 * The reseller asks its provider for a new quantity or a cancellation. Refused at once when the
 * provider could not do it anyway (the same rules: quantity range, cancellation window…), or
 * when a request for that subscription is still pending.
 */
export async function requestSubscriptionChange(
	session: SessionRef,
	subscriptionKey: string,
	input: unknown,
	now = Date.now()
): Promise<string> {
	const { db, user } = await authorize(session, 'manage_subscriptions');
	const parsed = parseOrThrow(changeRequestInputSchema, input);
	let key = '';
	let channelId = '';
	await withStorageErrors(() =>
		db.transaction('rw', commerceTables(db), async () => {
			const row = await db.subscriptions.get(subscriptionKey);
			if (!row) throw new DomainError('err_subscription_not_found');
			const channel = await db.channels.get(row.channelId);
			if (
				row.origin !== 'partner' ||
				channel?.kind !== 'partnership' ||
				channel.role !== 'reseller'
			) {
				throw new DomainError('err_change_request_reseller_only');
			}
			if (channel.state !== 'active') throw new DomainError('err_order_partnership_inactive');
			const pending = await db.changeRequests
				.where('subscriptionKey')
				.equals(subscriptionKey)
				.filter((request) => request.state === 'pending')
				.count();
			if (pending > 0) throw new DomainError('err_change_request_pending');
			const current = renewDue(row.record, now);
			const refusal = changeRefusal(current, changeOf(parsed), {
				offer: offerOf(current),
				now
			});
			if (refusal) throw new DomainError(refusal.code, refusal.params);
			const request: ChangeRequestRecord = {
				id: newRecordId(),
				subscriptionId: row.record.id,
				customerId: row.record.customerId,
				kind: parsed.kind,
				...(parsed.kind === 'quantity' ? { quantity: parsed.quantity } : {}),
				note: parsed.note,
				requestedAt: now,
				requestedBy: user.fullName
			};
			const requestRow: ChangeRequestRow = {
				key: commerceKey(channel.id, request.id),
				channelId: channel.id,
				customerKey: row.customerKey,
				subscriptionKey,
				state: 'pending',
				requestedAt: now,
				request,
				decision: null,
				updatedAt: now
			};
			await db.changeRequests.put(requestRow);
			await putOwnRecords(
				db,
				channel.id,
				[{ collection: 'changeRequests', id: request.id, value: request }],
				now
			);
			const customer = await db.customers.get(row.customerKey);
			await db.audit.add(
				auditEntry(
					user,
					'subscription.change_requested',
					customer?.companyName ?? row.record.customerId,
					{
						subscription: row.record.friendlyName,
						change: parsed.kind,
						...(parsed.kind === 'quantity' ? { quantity: parsed.quantity } : {})
					},
					now
				)
			);
			key = requestRow.key;
			channelId = channel.id;
		})
	);
	announceFeedChange(session.workspaceId, channelId);
	return key;
}

/**
 * The provider's answer. **Accept** applies the change to the subscription (and is refused,
 * with nothing written, if the subscription no longer allows it: decline it then, saying why);
 * **Decline** only answers. Either way the reseller sees the decision on its next sync.
 */
export async function decideChangeRequest(
	session: SessionRef,
	requestKey: string,
	input: unknown,
	now = Date.now()
): Promise<void> {
	const { db, user } = await authorize(session, 'manage_subscriptions');
	const parsed = parseOrThrow(changeDecisionInputSchema, input);
	let channelId = '';
	await withStorageErrors(() =>
		db.transaction('rw', commerceTables(db), async () => {
			const row = await db.changeRequests.get(requestKey);
			if (!row) throw new DomainError('err_change_request_not_found');
			if (row.state !== 'pending') throw new DomainError('err_change_request_decided');
			const subscription = await db.subscriptions.get(row.subscriptionKey);
			if (!subscription || subscription.origin !== 'own') {
				throw new DomainError('err_subscription_not_found');
			}
			if (parsed.decision === 'accepted') {
				await applyOwnChange(
					db,
					user,
					row.subscriptionKey,
					changeOf(row.request),
					now,
					row.request.id
				);
			}
			const decision: ChangeDecisionRecord = {
				id: row.request.id,
				subscriptionId: row.request.subscriptionId,
				decision: parsed.decision,
				reason: parsed.reason,
				decidedAt: now,
				decidedBy: user.fullName
			};
			await db.changeRequests.put({
				...row,
				state: parsed.decision,
				decision,
				updatedAt: now
			});
			await putOwnRecords(
				db,
				row.channelId,
				[{ collection: 'changeDecisions', id: decision.id, value: decision }],
				now
			);
			const customer = await db.customers.get(row.customerKey);
			await db.audit.add(
				auditEntry(
					user,
					'subscription.change_decided',
					customer?.companyName ?? row.request.customerId,
					{
						subscription: subscription.record.friendlyName,
						change: row.request.kind,
						decision: parsed.decision
					},
					now
				)
			);
			channelId = row.channelId;
		})
	);
	announceFeedChange(session.workspaceId, channelId);
}

/** Change requests about one customer on this side, newest first. */
export async function changeRequestsOfCustomer(
	db: WorkspaceDB,
	customerKey: string
): Promise<ChangeRequestRow[]> {
	const rows = await db.changeRequests.where('customerKey').equals(customerKey).toArray();
	return rows.sort((a, b) => b.requestedAt - a.requestedAt);
}

/** Every pending request (the provider's to-do list, the reseller's waiting list). */
export function pendingChangeRequests(db: WorkspaceDB): Promise<ChangeRequestRow[]> {
	return db.changeRequests.where('state').equals('pending').reverse().sortBy('requestedAt');
}
