import { z } from 'zod';
import { auditActions } from './audit';
import { adminRoles, agentRoles, userStatuses } from './roles';
import { workspaceProfileSchema } from './workspace';

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
	z.strictObject({ key: z.literal('idleMinutes'), value: z.number().int().min(1).max(1440) })
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

/** Every table of the workspace database (schema v1) and the schema of its rows. */
export const workspaceTableSchemas = {
	meta: metaRecordSchema,
	users: userRecordSchema,
	audit: auditRecordSchema,
	feedUpdates: feedUpdateRecordSchema
} as const;
export type WorkspaceTableName = keyof typeof workspaceTableSchemas;
