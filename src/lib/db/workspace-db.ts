import type { WorkspaceTableName } from '$lib/domain/records';
import Dexie, { type EntityTable, type Table } from 'dexie';
import type {
	ChangeRequestRow,
	OrderRow,
	SubscriptionRow,
	SubscriptionTotal
} from '$lib/domain/commerce-records';
import type { LicenseAssignment } from '$lib/domain/licenses';
import { PARTNERSHIP_INV_TYPE } from '$lib/domain/partnership';
import { statusTotalsOf } from './subscription-store';
import type {
	AuditRecord,
	ChannelRecord,
	CustomerRecord,
	CustomerUserRecord,
	InvitationRecord,
	QuarantineRecord,
	SharedRecord,
	SyncStateRecord,
	EnrollmentRecord,
	FeedUpdateRecord,
	MetaKey,
	MetaRecord,
	OutboxRecord,
	UserRecord,
	VerificationRecord
} from './records';

/**
 * One database per workspace, named `tierlink-ws-<workspaceId>`.
 *
 * Schema history (add a version here, never edit an old one; each gets an upgrade function when
 * it changes existing rows):
 * - v1: meta (profile, identity key, lockout, settings), users, audit, feedUpdates.
 * - v2: enrollment (the reseller's application), outbox (emails sent), verifications (link
 *   tokens, hashed). New tables only: no upgrade function needed.
 * - v3: channels (partnerships and their keys), invitations (sent by a provider), sharedRecords
 *   (feeds projected for reading), quarantine (partner records refused), syncState (per channel
 *   counters and the sealed state vector). New tables only.
 * - v4: customers (the Customers page: own customers, and on a provider those its resellers
 *   share), customerUsers (a customer's users managed with delegated admin); channels get a
 *   `kind` (`partnership` or `customer`) and invitations an `invType` (upgrade fills both in).
 * - v5: subscriptions, orders, changeRequests (see domain/commerce-records.ts),
 *   subscriptionTotals (running totals, db/subscription-store.ts) and licenseAssignments (a
 *   customer user's licences). New tables only.
 * - v6: subscriptions indexed by `[status+record.commitmentEndDate]` (the renewals due, without
 *   reading the others) and `[channelId+status]` (one partner's subscriptions in one status);
 *   `subscriptionTotals` gain `status` rows (every subscription by status), recounted on upgrade.
 */
export const WORKSPACE_DB_VERSION = 6;

/** Dexie index definitions of schema v1. */
export const workspaceSchemaV1 = {
	meta: 'key',
	users: 'id, &email, status',
	audit: 'id, at, actorId, [action+at]',
	feedUpdates: '[docId+seq], docId'
} as const;

/** Dexie index definitions of schema v2; one key per table of domain/records.ts. */
export const workspaceSchemaV2 = {
	...workspaceSchemaV1,
	enrollment: 'id',
	outbox: 'id, at',
	verifications: 'tokenHash'
} as const;

/** Dexie index definitions of schema v3; one key per table of domain/records.ts. */
export const workspaceSchemaV3 = {
	...workspaceSchemaV2,
	channels: 'id, state',
	invitations: 'id, channelId, createdAt',
	sharedRecords: '[channelId+author+collection+id], [collection+channelId], [author+collection]',
	quarantine: 'id, channelId',
	syncState: 'channelId'
} as const;

/** Dexie index definitions of schema v4; one key per table of domain/records.ts. */
export const workspaceSchemaV4 = {
	...workspaceSchemaV3,
	channels: 'id, state, kind',
	invitations: 'id, channelId, createdAt, invType',
	customers:
		'key, tenantId, nameKey, since, country, relationship, source, *searchTerms, *sharedWith, resellerChannelId, channelId',
	customerUsers: 'id, customerKey'
} as const;

/** Dexie index definitions of schema v5; one key per table of domain/records.ts. */
export const workspaceSchemaV5 = {
	...workspaceSchemaV4,
	subscriptions: 'key, channelId, customerKey, status, offerId',
	orders: 'key, channelId, customerKey, creationDate',
	changeRequests: 'key, channelId, customerKey, subscriptionKey, state',
	licenseAssignments: 'id, customerKey, userId',
	subscriptionTotals: 'key, dimension, [dimension+seats]'
} as const;

/** Dexie index definitions of schema v6; one key per table of domain/records.ts. */
export const workspaceSchemaV6 = {
	...workspaceSchemaV5,
	subscriptions:
		'key, channelId, customerKey, status, offerId, [status+record.commitmentEndDate], [channelId+status]'
} as const satisfies Record<WorkspaceTableName, string>;

export type MetaValue<K extends MetaKey> = Extract<MetaRecord, { key: K }>['value'];

export class WorkspaceDB extends Dexie {
	meta!: Table<MetaRecord, string>;
	users!: EntityTable<UserRecord, 'id'>;
	audit!: EntityTable<AuditRecord, 'id'>;
	feedUpdates!: Table<FeedUpdateRecord, [string, number]>;
	enrollment!: EntityTable<EnrollmentRecord, 'id'>;
	outbox!: EntityTable<OutboxRecord, 'id'>;
	verifications!: EntityTable<VerificationRecord, 'tokenHash'>;
	channels!: EntityTable<ChannelRecord, 'id'>;
	invitations!: EntityTable<InvitationRecord, 'id'>;
	sharedRecords!: Table<SharedRecord, [string, string, string, string]>;
	quarantine!: EntityTable<QuarantineRecord, 'id'>;
	syncState!: EntityTable<SyncStateRecord, 'channelId'>;
	customers!: EntityTable<CustomerRecord, 'key'>;
	customerUsers!: EntityTable<CustomerUserRecord, 'id'>;
	subscriptions!: EntityTable<SubscriptionRow, 'key'>;
	orders!: EntityTable<OrderRow, 'key'>;
	changeRequests!: EntityTable<ChangeRequestRow, 'key'>;
	licenseAssignments!: EntityTable<LicenseAssignment, 'id'>;
	subscriptionTotals!: EntityTable<SubscriptionTotal, 'key'>;

	constructor(readonly workspaceId: string) {
		super(workspaceDbName(workspaceId));
		this.version(1).stores(workspaceSchemaV1);
		this.version(2).stores(workspaceSchemaV2);
		this.version(3).stores(workspaceSchemaV3);
		this.version(4)
			.stores(workspaceSchemaV4)
			.upgrade(async (tx) => {
				await tx
					.table('channels')
					.toCollection()
					.modify((channel: { kind?: string }) => {
						channel.kind ??= 'partnership';
					});
				await tx
					.table('invitations')
					.toCollection()
					.modify((invitation: Record<string, unknown>) => {
						invitation.invType ??= PARTNERSHIP_INV_TYPE;
						invitation.dap ??= false;
						invitation.providerChannelId ??= null;
						invitation.source ??= null;
					});
			});
		this.version(5).stores(workspaceSchemaV5);
		this.version(6)
			.stores(workspaceSchemaV6)
			.upgrade(async (tx) => {
				const totals = await statusTotalsOf(tx.table('subscriptions').toCollection());
				if (totals.length) await tx.table('subscriptionTotals').bulkPut(totals);
			});
	}

	async getMeta<K extends MetaKey>(key: K): Promise<MetaValue<K> | undefined> {
		const row: { value: unknown } | undefined = await this.meta.get(key);
		return row?.value as MetaValue<K> | undefined;
	}
}

export function workspaceDbName(workspaceId: string): string {
	return `tierlink-ws-${workspaceId}`;
}

const open = new Map<string, WorkspaceDB>();

/** The one open handle per workspace in this tab. */
export function workspaceDb(workspaceId: string): WorkspaceDB {
	let db = open.get(workspaceId);
	if (!db) {
		db = new WorkspaceDB(workspaceId);
		open.set(workspaceId, db);
	}
	return db;
}

/** Closes and forgets the handle, e.g. before the database is deleted. */
export function closeWorkspaceDb(workspaceId: string): void {
	open.get(workspaceId)?.close();
	open.delete(workspaceId);
}
