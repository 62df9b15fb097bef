import type { ChannelRecord, CustomerRecord } from '$lib/db/records';
import type { WorkspaceDB } from '$lib/db/workspace-db';
import {
	customerAccountSchema,
	sharedCustomerFrom,
	withCustomerNames
} from '$lib/domain/customers';
import {
	customerRelationshipSchema,
	resellerRelationshipSchema,
	type CustomerRelationshipState
} from '$lib/domain/customer-relationship';
import { DomainError } from '$lib/domain/errors';
import { putOwnRecords } from '$lib/sync/feed';
import { announceFeedChange } from '$lib/sync/feed-signal';
import { authorize, type SessionRef } from './actor';
import { auditEntry } from './audit';
import { ownPartnerCard } from './partnerships';
import { withStorageErrors } from './storage';

/**
 * What happens to a relationship after it began: the reseller shares a customer with a provider
 * or stops, or removes the relationship; the customer removes admin roles or ends a relationship;
 * and each side follows what the other's feed says. Every command writes its rows, its own-feed
 * records and its audit entry in one transaction.
 */

const feedTables = (db: WorkspaceDB) => [
	db.channels,
	db.customers,
	db.feedUpdates,
	db.sharedRecords,
	db.audit
];

async function ownCustomer(db: WorkspaceDB, customerKey: string): Promise<CustomerRecord> {
	const row = await db.customers.get(customerKey);
	if (!row) throw new DomainError('err_customer_not_found');
	if (row.resellerChannelId !== null) throw new DomainError('err_customer_share_not_own');
	return row;
}

async function activeProviderChannel(db: WorkspaceDB, channelId: string): Promise<ChannelRecord> {
	const channel = await db.channels.get(channelId);
	if (
		channel?.kind !== 'partnership' ||
		channel.role !== 'reseller' ||
		channel.state !== 'active' ||
		!channel.partner
	) {
		throw new DomainError('err_customer_request_provider_inactive');
	}
	return channel;
}

/** **Share with provider**: the customer goes into this reseller's feed for that provider. */
export async function shareCustomer(
	session: SessionRef,
	customerKey: string,
	providerChannelId: string,
	now = Date.now()
): Promise<void> {
	const { db, user } = await authorize(session, 'request_customer_relationship');
	await withStorageErrors(() =>
		db.transaction('rw', feedTables(db), async () => {
			const row = await ownCustomer(db, customerKey);
			const channel = await activeProviderChannel(db, providerChannelId);
			const updated: CustomerRecord = {
				...row,
				sharedWith: row.sharedWith.includes(channel.id)
					? row.sharedWith
					: [...row.sharedWith, channel.id],
				updatedAt: now
			};
			await db.customers.put(updated);
			await putOwnRecords(
				db,
				channel.id,
				[
					{
						collection: 'customers',
						id: row.tenantId,
						value: sharedCustomerFrom(updated, channel.id, now)
					}
				],
				now
			);
			await db.audit.add(
				auditEntry(
					user,
					'customer.shared',
					row.companyName,
					{ provider: channel.partner?.name ?? '' },
					now
				)
			);
		})
	);
	announceFeedChange(session.workspaceId, providerChannelId);
}

/**
 * **Stop sharing**: the record becomes `null` in the feed, so the customer leaves the provider's
 * list on its next sync (a provider whose partnership was removed keeps what it had).
 */
export async function unshareCustomer(
	session: SessionRef,
	customerKey: string,
	providerChannelId: string,
	now = Date.now()
): Promise<void> {
	const { db, user } = await authorize(session, 'request_customer_relationship');
	await withStorageErrors(() =>
		db.transaction('rw', feedTables(db), async () => {
			const row = await ownCustomer(db, customerKey);
			if (!row.sharedWith.includes(providerChannelId)) {
				throw new DomainError('err_customer_not_shared');
			}
			const channel = await db.channels.get(providerChannelId);
			await db.customers.put({
				...row,
				sharedWith: row.sharedWith.filter((id) => id !== providerChannelId),
				updatedAt: now
			});
			await putOwnRecords(
				db,
				providerChannelId,
				[{ collection: 'customers', id: row.tenantId, value: null }],
				now
			);
			await db.audit.add(
				auditEntry(
					user,
					'customer.unshared',
					row.companyName,
					{ provider: channel?.partner?.name ?? '' },
					now
				)
			);
		})
	);
	announceFeedChange(session.workspaceId, providerChannelId);
}

/**
 * **Remove customer relationship**: the reseller's feed says it ended, the customer stays on the
 * list with relationship "none" and no delegated admin, and it is unshared from every provider
 * (a provider cannot order without the reseller's relationship).
 */
export async function removeCustomerRelationship(
	session: SessionRef,
	customerKey: string,
	now = Date.now()
): Promise<void> {
	const { db, user } = await authorize(session, 'request_customer_relationship');
	const touched: string[] = [];
	await withStorageErrors(() =>
		db.transaction('rw', feedTables(db), async () => {
			const row = await ownCustomer(db, customerKey);
			if (row.relationship === 'none') throw new DomainError('err_relationship_ended');
			for (const providerChannelId of row.sharedWith) {
				await putOwnRecords(
					db,
					providerChannelId,
					[{ collection: 'customers', id: row.tenantId, value: null }],
					now
				);
				touched.push(providerChannelId);
			}
			const channel = row.channelId ? await db.channels.get(row.channelId) : undefined;
			if (channel && channel.state === 'active' && channel.partner) {
				await db.channels.update(channel.id, { state: 'removed', removedAt: now });
				await putOwnRecords(
					db,
					channel.id,
					[
						{
							collection: 'resellerRelationship',
							id: 'state',
							value: resellerRelationshipSchema.parse({
								state: 'ended',
								customerFingerprint: channel.partner.fingerprint,
								since: channel.since ?? now,
								endedAt: now
							})
						}
					],
					now
				);
				touched.push(channel.id);
			}
			await db.customers.put({
				...row,
				relationship: 'none',
				delegatedAdmin: false,
				sharedWith: [],
				providersWithRelationship: [],
				updatedAt: now
			});
			await db.audit.add(
				auditEntry(user, 'customer.relationship_removed', row.companyName, {}, now)
			);
		})
	);
	for (const id of touched) announceFeedChange(session.workspaceId, id);
}

// ——— customer: Partner relationships ———

async function customerChannel(
	db: WorkspaceDB,
	channelId: string
): Promise<{ channel: ChannelRecord; relationship: CustomerRelationshipState }> {
	const channel = await db.channels.get(channelId);
	if (channel?.kind !== 'customer' || channel.role !== 'customer') {
		throw new DomainError('err_partnership_not_found');
	}
	const row = await db.sharedRecords.get([channelId, 'self', 'customerRelationship', 'state']);
	const relationship = customerRelationshipSchema.safeParse(row?.value);
	if (!relationship.success) throw new DomainError('err_partnership_not_found');
	if (relationship.data.state === 'ended' || channel.state === 'removed') {
		throw new DomainError('err_relationship_ended');
	}
	return { channel, relationship: relationship.data };
}

/** **Remove roles**: delegated admin ends, the reseller relationship stays (customer). */
export async function removePartnerRoles(
	session: SessionRef,
	channelId: string,
	now = Date.now()
): Promise<void> {
	const { db, user } = await authorize(session, 'manage_partnerships');
	await withStorageErrors(() =>
		db.transaction('rw', feedTables(db), async () => {
			const { channel, relationship } = await customerChannel(db, channelId);
			if (!relationship.delegatedAdmin) throw new DomainError('err_partnership_state');
			await putOwnRecords(
				db,
				channelId,
				[
					{
						collection: 'customerRelationship',
						id: 'state',
						value: { ...relationship, delegatedAdmin: false, updatedAt: now }
					}
				],
				now
			);
			await db.audit.add(
				auditEntry(user, 'partner_relationship.roles_removed', channel.partner?.name ?? '', {}, now)
			);
		})
	);
	announceFeedChange(session.workspaceId, channelId);
}

/**
 * **End relationship** with the reseller of the channel (`reseller`: the channel ends) or with
 * the provider a combined invitation added (`provider`: the reseller relationship stays).
 */
export async function endPartnerRelationship(
	session: SessionRef,
	channelId: string,
	which: 'reseller' | 'provider',
	now = Date.now()
): Promise<void> {
	const { db, user } = await authorize(session, 'manage_partnerships');
	await withStorageErrors(() =>
		db.transaction('rw', feedTables(db), async () => {
			const { channel, relationship } = await customerChannel(db, channelId);
			let next: CustomerRelationshipState;
			let name: string;
			if (which === 'provider') {
				if (relationship.provider?.state !== 'active') {
					throw new DomainError('err_relationship_ended');
				}
				next = {
					...relationship,
					provider: { ...relationship.provider, state: 'ended' },
					updatedAt: now
				};
				name = relationship.provider.name;
			} else {
				next = {
					...relationship,
					state: 'ended',
					delegatedAdmin: false,
					provider: relationship.provider ? { ...relationship.provider, state: 'ended' } : null,
					updatedAt: now,
					endedAt: now
				};
				name = channel.partner?.name ?? '';
				await db.channels.update(channelId, { state: 'removed', removedAt: now });
			}
			await putOwnRecords(
				db,
				channelId,
				[{ collection: 'customerRelationship', id: 'state', value: next }],
				now
			);
			await db.audit.add(auditEntry(user, 'partner_relationship.ended', name, { which }, now));
		})
	);
	announceFeedChange(session.workspaceId, channelId);
}

// ——— following the partner's feed (sync hooks) ———

/**
 * Reseller side, after a customer's records were projected: its account and relationship update
 * the customer row (delegated admin, the provider relationship, the end), and the records shared
 * with providers follow.
 */
export async function followCustomerFeed(
	db: WorkspaceDB,
	channel: ChannelRecord,
	collections: ReadonlySet<string>,
	now = Date.now()
): Promise<void> {
	if (channel.kind !== 'customer') return;
	if (channel.role === 'customer') return followResellerFeed(db, channel, collections, now);
	if (!collections.has('customerRelationship') && !collections.has('customerAccount')) return;
	const touched: string[] = [];
	await db.transaction('rw', feedTables(db), async () => {
		const current = await db.channels.get(channel.id);
		if (!current?.partner || (current.state !== 'active' && current.state !== 'removed')) return;
		const row = await db.customers.where('channelId').equals(channel.id).first();
		if (!row || row.resellerChannelId !== null) return;
		const [relationshipRow, accountRow] = await Promise.all([
			db.sharedRecords.get([channel.id, 'partner', 'customerRelationship', 'state']),
			db.sharedRecords.get([channel.id, 'partner', 'customerAccount', 'self'])
		]);
		const relationship = customerRelationshipSchema.safeParse(relationshipRow?.value);
		const account = customerAccountSchema.safeParse(accountRow?.value);
		let next: CustomerRecord = { ...row };
		if (account.success) {
			next = withCustomerNames(
				next,
				account.data.companyProfile.companyName,
				account.data.companyProfile.domain
			);
			next.companyProfile = account.data.companyProfile;
			next.billingProfile = account.data.billingProfile;
		}
		const ended = relationship.success && relationship.data.state === 'ended';
		if (relationship.success) {
			next.delegatedAdmin = relationship.data.delegatedAdmin && !ended;
			const provider = relationship.data.provider;
			if (!provider || provider.state === 'ended' || ended) {
				next.providersWithRelationship = [];
			}
		}
		if (ended) {
			next.relationship = 'none';
			for (const id of next.sharedWith) {
				await putOwnRecords(
					db,
					id,
					[{ collection: 'customers', id: row.tenantId, value: null }],
					now
				);
				touched.push(id);
			}
			next.sharedWith = [];
			if (current.state === 'active') {
				await db.channels.update(channel.id, { state: 'removed', removedAt: now });
			}
		}
		if (JSON.stringify(next) === JSON.stringify(row)) return;
		next.updatedAt = now;
		await db.customers.put(next);
		for (const id of next.sharedWith) {
			const provider = await db.channels.get(id);
			if (provider?.state !== 'active') continue;
			await putOwnRecords(
				db,
				id,
				[{ collection: 'customers', id: row.tenantId, value: sharedCustomerFrom(next, id, now) }],
				now
			);
			touched.push(id);
		}
		await db.audit.add(
			auditEntry(
				null,
				ended ? 'partner_relationship.ended_by_partner' : 'customer.updated_by_customer',
				next.companyName,
				{ dap: next.delegatedAdmin },
				now
			)
		);
	});
	for (const id of touched) announceFeedChange(db.workspaceId, id);
}

/** Customer side: the reseller's feed activates the relationship or says it ended. */
async function followResellerFeed(
	db: WorkspaceDB,
	channel: ChannelRecord,
	collections: ReadonlySet<string>,
	now: number
): Promise<void> {
	if (!collections.has('resellerRelationship')) return;
	const { fingerprint } = await ownPartnerCard(db);
	await db.transaction('rw', [db.channels, db.sharedRecords, db.audit], async () => {
		const current = await db.channels.get(channel.id);
		const row = await db.sharedRecords.get([
			channel.id,
			'partner',
			'resellerRelationship',
			'state'
		]);
		const state = resellerRelationshipSchema.safeParse(row?.value);
		if (!current || !state.success) return;
		const name = current.partner?.name ?? '';
		if (state.data.customerFingerprint !== fingerprint) {
			if (current.state !== 'refused') await db.channels.update(channel.id, { state: 'refused' });
			return;
		}
		if (state.data.state === 'active' && current.state === 'accepted') {
			await db.channels.update(channel.id, { state: 'active', since: state.data.since });
		}
		if (state.data.state === 'ended' && current.state !== 'removed') {
			await db.channels.update(channel.id, {
				state: 'removed',
				removedAt: state.data.endedAt ?? now
			});
			await db.audit.add(auditEntry(null, 'partner_relationship.ended_by_partner', name, {}, now));
		}
	});
}
