import { describe, expect, it } from 'vitest';
import { auditRecordSchema, metaRecordSchema, userRecordSchema } from './records';

const user = {
	id: '0f8fad5b-d9cb-469f-a165-70867728950e',
	email: 'ana@contoso.com',
	fullName: 'Ana Lopez',
	agentRole: 'admin_agent',
	adminRole: 'global_admin',
	status: 'active',
	password: {
		algorithm: 'PBKDF2-SHA-256',
		iterations: 600_000,
		salt: 'AAECAwQFBgcICQoLDA0ODw==',
		hash: 'AAECAwQFBgcICQoLDA0ODwABAgMEBQYHCAkKCwwNDg8='
	},
	mustChangePassword: false,
	createdAt: 1,
	lastSignInAt: null
};

describe('row schemas', () => {
	it('accepts a well-formed user row', () => {
		expect(userRecordSchema.safeParse(user).success).toBe(true);
	});

	it.each<[string, Record<string, unknown>]>([
		['an unknown admin role', { adminRole: 'root' }],
		['an extra field', { isAdmin: true }],
		['a weak hash', { password: { ...user.password, iterations: 1000 } }],
		['a non-uuid id', { id: '42' }]
	])('refuses a user row with %s', (_label, change) => {
		expect(userRecordSchema.safeParse({ ...user, ...change }).success).toBe(false);
	});

	it('refuses an audit row with an unknown action', () => {
		const row = {
			id: user.id,
			at: 1,
			actorId: null,
			actorName: '',
			action: 'user.hacked',
			target: ''
		};
		expect(auditRecordSchema.safeParse(row).success).toBe(false);
		expect(auditRecordSchema.safeParse({ ...row, action: 'user.signed_in' }).success).toBe(true);
	});

	it.each<[unknown, boolean]>([
		[{ key: 'idleMinutes', value: 30 }, true],
		[{ key: 'idleMinutes', value: 0 }, false],
		[{ key: 'lockout', value: { failuresInARow: 5, lockedUntil: 10 } }, true],
		[{ key: 'lockout', value: { failuresInARow: -1, lockedUntil: 10 } }, false],
		[{ key: 'secretBackdoor', value: 1 }, false]
	])('meta row %j valid: %s', (row, valid) => {
		expect(metaRecordSchema.safeParse(row).success).toBe(valid);
	});
});
