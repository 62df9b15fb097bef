import { z } from 'zod';
import { auditActions } from './audit';
import { adminRoles, agentRoles, userStatuses } from './roles';
import { workspaceProfileSchema } from './workspace';
import { channelRecordSchema, invitationRecordSchema } from './partnership';
import { dropReasons } from './envelope';
import { quarantineReasons } from './shared-records';
import { enrollmentStateSchema, enrollmentSteps, timelineEntrySchema } from './enrollment';
import { customerRecordSchema, customerUserRecordSchema } from './customers';
import {
	changeRequestRowSchema,
	orderRowSchema,
	subscriptionRowSchema,
	subscriptionTotalSchema
} from './commerce-records';
import { licenseAssignmentSchema } from './licenses';

/**
 * Schemas of the rows a workspace database stores. They type the Dexie tables and validate rows
 * that come from outside (a backup file) before anything is written.
 */
const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);

export const passwordHashSchema = z.strictObject({
	algorithm: z.literal('PBKDF2-SHA-256'),
	iterations: z.number().int().min(600_000).max(10_000_000),
	salt: base64.min(16),
	hash: base64.min(16)
});

export const userRecordSchema = z.strictObject({
	id: z.uuid(),
	email: z.string().min(3).max(254),
	fullName: z.string().min(1).max(120),
	agentRole: z.enum(agentRoles),
	adminRole: z.enum(adminRoles),
	status: z.enum(userStatuses),
	password: passwordHashSchema,
	mustChangePassword: z.boolean(),
	createdAt: z.number().int().nonnegative(),
	lastSignInAt: z.number().int().nonnegative().nullable()
});
export type UserRecord = z.infer<typeof userRecordSchema>;

export const auditRecordSchema = z.strictObject({
	id: z.uuid(),
	at: z.number().int().nonnegative(),
	actorId: z.uuid().nullable(),
	actorName: z.string().max(120),
	action: z.enum(auditActions),
	target: z.string().max(300),
	details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional()
});
export type AuditRecord = z.infer<typeof auditRecordSchema>;

const jwkSchema = z.record(z.string(), z.unknown());

export const lockoutStateSchema = z.strictObject({
	failuresInARow: z.number().int().nonnegative(),
	lockedUntil: z.number().nonnegative()
});

export const metaRecordSchema = z.discriminatedUnion('key', [
	z.strictObject({ key: z.literal('profile'), value: workspaceProfileSchema }),
	z.strictObject({ key: z.literal('identityPrivateKey'), value: jwkSchema }),
	z.strictObject({ key: z.literal('lockout'), value: lockoutStateSchema }),
	z.strictObject({ key: z.literal('idleMinutes'), value: z.number().int().min(1).max(1440) }),
	/** the relay this workspace publishes to; absent or null: none */
	z.strictObject({ key: z.literal('relayUrl'), value: z.string().max(2048).nullable() }),
	/** a provider's own Partner ID (resellers get theirs from enrolment) */
	z.strictObject({
		key: z.literal('mpnId'),
		value: z
			.string()
			.regex(/^\d{6,10}$/)
			.nullable()
	})
]);
export type MetaRecord = z.infer<typeof metaRecordSchema>;
export type MetaKey = MetaRecord['key'];

export const feedUpdateRecordSchema = z.strictObject({
	docId: z.string().min(1).max(200),
	seq: z.number().int().nonnegative(),
	update: z.instanceof(Uint8Array),
	at: z.number().int().nonnegative()
});
export type FeedUpdateRecord = z.infer<typeof feedUpdateRecordSchema>;

/**
 * The reseller's enrolment application (one row, id `current`): its state and dated timeline,
 * the wizard step and what was typed so far (passwords never), and the application as submitted.
 */
export const enrollmentRecordSchema = z.strictObject({
	id: z.literal('current'),
	state: enrollmentStateSchema,
	timeline: z.array(timelineEntrySchema).max(1000),
	path: z.enum(['new', 'existing_csp']),
	step: z.enum(enrollmentSteps),
	/** the wizard's fields as typed (strings), so a reload resumes where it was */
	draft: z.record(z.string(), z.unknown()),
	/** the PMC account signed in during the wizard, and when */
	pmcUserName: z.string().max(254).nullable(),
	pmcSignedInAt: z.number().int().nonnegative().nullable(),
	/** the validated application, once submitted with Enroll now */
	submitted: z.record(z.string(), z.unknown()).nullable(),
	updatedAt: z.number().int().nonnegative()
});
export type EnrollmentRecord = z.infer<typeof enrollmentRecordSchema>;

export const outboxKinds = ['enrollment_verification', 'enrollment_status'] as const;

/** An email the app "sent": kept in the Outbox, opened with mailto: or copied. */
export const outboxRecordSchema = z.strictObject({
	id: z.uuid(),
	at: z.number().int().nonnegative(),
	kind: z.enum(outboxKinds),
	to: z.string().min(3).max(254),
	subject: z.string().min(1).max(300),
	body: z.string().max(20_000),
	links: z.array(z.string().max(2048)).max(10)
});
export type OutboxRecord = z.infer<typeof outboxRecordSchema>;

/** A single-use verification link: only its token's SHA-256 is stored. */
export const verificationRecordSchema = z.strictObject({
	tokenHash: z.string().regex(/^[0-9a-f]{64}$/),
	email: z.string().min(3).max(254),
	createdAt: z.number().int().nonnegative(),
	expiresAt: z.number().int().nonnegative(),
	usedAt: z.number().int().nonnegative().nullable(),
	voidedAt: z.number().int().nonnegative().nullable()
});
export type VerificationRecord = z.infer<typeof verificationRecordSchema>;

export type { ChannelRecord, InvitationRecord } from './partnership';
export type { CustomerRecord, CustomerUserRecord } from './customers';

/** A shared record as projected into Dexie: written here (`self`) or by the partner. */
export const sharedRecordSchema = z.strictObject({
	channelId: z.string().regex(/^[0-9a-f]{32}$/),
	collection: z.string().min(1).max(64),
	id: z.string().min(1).max(200),
	author: z.enum(['self', 'partner']),
	value: z.unknown(),
	updatedAt: z.number().int().nonnegative()
});
export type SharedRecord = z.infer<typeof sharedRecordSchema>;

/** A partner's record the projection refused, with the reason; the last good row stays. */
export const quarantineRecordSchema = z.strictObject({
	/** `<channelId>|<collection>|<recordId>`: one row per record, the latest refusal */
	id: z.string().min(1).max(300),
	channelId: z.string().regex(/^[0-9a-f]{32}$/),
	collection: z.string().max(64),
	recordId: z.string().max(200),
	reason: z.enum(quarantineReasons),
	detail: z.string().max(300),
	at: z.number().int().nonnegative()
});
export type QuarantineRecord = z.infer<typeof quarantineRecordSchema>;

/** Per channel: what was sealed and sent, what arrived and what was dropped. */
export const syncStateRecordSchema = z.strictObject({
	channelId: z.string().regex(/^[0-9a-f]{32}$/),
	/** own feed: the state vector already sealed into the mailbox, and the last seq used */
	sealedSv: z.instanceof(Uint8Array),
	lastSeq: z.number().int().nonnegative(),
	/** partner's mailbox: envelopes applied, dropped by reason, seqs missing */
	received: z.number().int().nonnegative(),
	dropped: z.partialRecord(z.enum(dropReasons), z.number().int().nonnegative()),
	missing: z.array(z.number().int().positive()).max(100),
	lastReceivedAt: z.number().int().nonnegative().nullable(),
	lastSentAt: z.number().int().nonnegative().nullable(),
	/** transports that carried something, and when last */
	transports: z.partialRecord(
		z.enum(['same_browser', 'relay', 'file']),
		z.number().int().nonnegative()
	)
});
export type SyncStateRecord = z.infer<typeof syncStateRecordSchema>;

/** Every table of the workspace database (current schema) and the schema of its rows. */
export const workspaceTableSchemas = {
	meta: metaRecordSchema,
	users: userRecordSchema,
	audit: auditRecordSchema,
	feedUpdates: feedUpdateRecordSchema,
	enrollment: enrollmentRecordSchema,
	outbox: outboxRecordSchema,
	verifications: verificationRecordSchema,
	channels: channelRecordSchema,
	invitations: invitationRecordSchema,
	sharedRecords: sharedRecordSchema,
	quarantine: quarantineRecordSchema,
	syncState: syncStateRecordSchema,
	customers: customerRecordSchema,
	customerUsers: customerUserRecordSchema,
	subscriptions: subscriptionRowSchema,
	orders: orderRowSchema,
	changeRequests: changeRequestRowSchema,
	licenseAssignments: licenseAssignmentSchema,
	subscriptionTotals: subscriptionTotalSchema
} as const;
export type WorkspaceTableName = keyof typeof workspaceTableSchemas;

const tablesV1 = ['meta', 'users', 'audit', 'feedUpdates'] as const;
const tablesV2 = [...tablesV1, 'enrollment', 'outbox', 'verifications'] as const;
const tablesV3 = [
	...tablesV2,
	'channels',
	'invitations',
	'sharedRecords',
	'quarantine',
	'syncState'
] as const;
const tablesV4 = [...tablesV3, 'customers', 'customerUsers'] as const;
const tablesV5 = [
	...tablesV4,
	'subscriptions',
	'orders',
	'changeRequests',
	'licenseAssignments',
	'subscriptionTotals'
] as const;

/** The tables each schema version has, so a backup made by an older version still restores. */
export const workspaceTablesByVersion: Record<number, readonly WorkspaceTableName[]> = {
	1: tablesV1,
	2: tablesV2,
	3: tablesV3,
	4: tablesV4,
	5: tablesV5,
	// v6 added indexes only
	6: tablesV5
};
