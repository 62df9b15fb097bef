import { beforeEach, describe, expect, it } from 'vitest';
import type { UserRecord } from '$lib/db/records';
import { workspaceDb } from '$lib/db/workspace-db';
import { DomainError, PermissionError } from '$lib/domain/errors';
import type { AdminRole, UserStatus } from '$lib/domain/roles';
import { resetDatabases } from '$lib/test/indexeddb';
import { authorize, loadActor } from './actor';

const workspaceId = crypto.randomUUID();

// authorize() never checks a password, so a well-formed placeholder hash is enough here.
function user(adminRole: AdminRole, status: UserStatus = 'active'): UserRecord {
	return {
		id: crypto.randomUUID(),
		email: `${crypto.randomUUID()}@contoso.com`,
		fullName: 'Test User',
		agentRole: 'none',
		adminRole,
		status,
		password: {
			algorithm: 'PBKDF2-SHA-256',
			iterations: 600_000,
			salt: 'AAECAwQFBgcICQoLDA0ODw==',
			hash: 'AAECAwQFBgcICQoLDA0ODw=='
		},
		mustChangePassword: false,
		createdAt: 0,
		lastSignInAt: null
	};
}

async function insert(row: UserRecord) {
	await workspaceDb(workspaceId).users.add(row);
	return { workspaceId, userId: row.id };
}

beforeEach(resetDatabases);

describe('authorize', () => {
	it('returns the actor, read from the database, when the capability is granted', async () => {
		const row = user('global_admin');
		const actor = await authorize(await insert(row), 'delete_workspace');
		expect(actor.user).toEqual(row);
		expect(actor.db).toBe(workspaceDb(workspaceId));
	});

	it('refuses a missing capability with a PermissionError naming it', async () => {
		const session = await insert(user('user_management_admin'));
		await expect(authorize(session, 'view_activity_log')).resolves.toBeDefined();
		await expect(authorize(session, 'export_backup')).rejects.toEqual(
			new PermissionError('export_backup')
		);
	});

	it.each([
		['an unknown user', async () => ({ workspaceId, userId: crypto.randomUUID() })],
		['an inactive user', async () => insert(user('global_admin', 'inactive'))]
	])('ends the session of %s', async (_label, session) => {
		const error = await loadActor(await session()).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(DomainError);
		expect((error as DomainError).code).toBe('err_session_expired');
	});

	it('sees a role change made after sign-in', async () => {
		const row = user('global_admin');
		const session = await insert(row);
		await workspaceDb(workspaceId).users.update(row.id, { adminRole: 'none' });
		await expect(authorize(session, 'manage_workspace_settings')).rejects.toBeInstanceOf(
			PermissionError
		);
	});
});
