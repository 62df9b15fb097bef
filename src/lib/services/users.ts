import { hashPassword, verifyPassword } from '$lib/crypto/password-hash';
import { generateTemporaryPassword } from '$lib/crypto/temporary-password';
import { DomainError, ValidationError } from '$lib/domain/errors';
import { can } from '$lib/domain/permissions';
import type { AdminRole, UserStatus } from '$lib/domain/roles';
import {
	addUserInputSchema,
	changePasswordSchema,
	lastGlobalAdminError,
	rolesSchema,
	type AddUserInput,
	type ChangePasswordInput,
	type RolesInput
} from '$lib/domain/users';
import { parseOrThrow } from '$lib/domain/validation';
import type { UserRecord } from '$lib/db/records';
import type { WorkspaceDB } from '$lib/db/workspace-db';
import { authorize, loadActor, type Actor, type SessionRef } from './actor';
import { auditEntry } from './audit';
import { withStorageErrors } from './storage';

/**
 * User management (Account settings > User management): add users with a temporary password
 * shown once, change roles, reset passwords, deactivate, reactivate and delete — always keeping
 * one active Global admin. Every change is one transaction with its Activity log entry.
 */

export interface TemporaryCredentials {
	user: UserRecord;
	/** shown once to the admin; only its hash is stored */
	temporaryPassword: string;
}

async function workspaceKind(db: WorkspaceDB) {
	const profile = await db.getMeta('profile');
	if (!profile) throw new DomainError('err_workspace_not_found');
	return profile.kind;
}

/** Only a Global admin may give or take the Global admin role. */
function checkGlobalAdminGrant(actor: Actor, before: AdminRole | null, after: AdminRole) {
	const touchesGlobalAdmin = before === 'global_admin' || after === 'global_admin';
	if (touchesGlobalAdmin && before !== after && actor.user.adminRole !== 'global_admin') {
		throw new DomainError('err_only_global_admin_grants');
	}
}

async function loadTarget(db: WorkspaceDB, userId: string): Promise<UserRecord> {
	const user = await db.users.get(userId);
	if (!user) throw new DomainError('err_user_not_found');
	return user;
}

export async function addUser(
	session: SessionRef,
	input: AddUserInput
): Promise<TemporaryCredentials> {
	const actor = await authorize(session, 'manage_users');
	const { db } = actor;
	const valid = parseOrThrow(addUserInputSchema(await workspaceKind(db)), input);
	checkGlobalAdminGrant(actor, null, valid.adminRole);
	if (await db.users.get({ email: valid.email })) {
		throw new ValidationError({ email: 'err_email_taken' });
	}
	const temporaryPassword = generateTemporaryPassword();
	const now = Date.now();
	const user: UserRecord = {
		id: crypto.randomUUID(),
		email: valid.email,
		fullName: valid.fullName,
		agentRole: valid.agentRole,
		adminRole: valid.adminRole,
		status: 'active',
		password: await hashPassword(temporaryPassword),
		mustChangePassword: true,
		createdAt: now,
		lastSignInAt: null
	};
	await withStorageErrors(() =>
		db.transaction('rw', db.users, db.audit, async () => {
			// Checked again inside the transaction: the unique index is the real guard.
			if (await db.users.get({ email: user.email })) {
				throw new ValidationError({ email: 'err_email_taken' });
			}
			await db.users.add(user);
			await db.audit.add(
				auditEntry(actor.user, 'user.added', user.email, {
					agentRole: user.agentRole,
					adminRole: user.adminRole
				})
			);
		})
	);
	return { user, temporaryPassword };
}

/** Sets a user's agent and admin roles ("Select a user > roles > Update"). */
export async function updateUserRoles(
	session: SessionRef,
	userId: string,
	input: RolesInput
): Promise<void> {
	const actor = await authorize(session, 'manage_users');
	const { db } = actor;
	const roles = parseOrThrow(rolesSchema(await workspaceKind(db)), input);
	await withStorageErrors(() =>
		db.transaction('rw', db.users, db.audit, async () => {
			const target = await loadTarget(db, userId);
			checkGlobalAdminGrant(actor, target.adminRole, roles.adminRole);
			// A Global admin's access, agent role included, is only a Global admin's to change.
			if (target.adminRole === 'global_admin' && actor.user.adminRole !== 'global_admin') {
				throw new DomainError('err_only_global_admin_grants');
			}
			const refusal = lastGlobalAdminError(await db.users.toArray(), userId, {
				adminRole: roles.adminRole,
				status: target.status
			});
			if (refusal) throw new DomainError(refusal);
			if (target.agentRole === roles.agentRole && target.adminRole === roles.adminRole) return;
			await db.users.update(userId, roles);
			await db.audit.add(
				auditEntry(actor.user, 'user.roles_changed', target.email, {
					agentRole: roles.agentRole,
					adminRole: roles.adminRole
				})
			);
		})
	);
}

/** A new temporary password, shown once. Only a Global admin may reset a Global admin's. */
export async function resetUserPassword(
	session: SessionRef,
	userId: string
): Promise<TemporaryCredentials> {
	const actor = await authorize(session, 'manage_users');
	const { db } = actor;
	const target = await loadTarget(db, userId);
	if (target.adminRole === 'global_admin' && !can(actor.user, 'reset_global_admin_password')) {
		throw new DomainError('err_only_global_admin_resets');
	}
	const temporaryPassword = generateTemporaryPassword();
	const password = await hashPassword(temporaryPassword);
	await withStorageErrors(() =>
		db.transaction('rw', db.users, db.audit, async () => {
			await loadTarget(db, userId);
			await db.users.update(userId, { password, mustChangePassword: true });
			await db.audit.add(auditEntry(actor.user, 'user.password_reset', target.email));
		})
	);
	return { user: { ...target, password, mustChangePassword: true }, temporaryPassword };
}

async function setStatus(session: SessionRef, userId: string, status: UserStatus) {
	const actor = await authorize(session, 'manage_users');
	const { db } = actor;
	if (userId === actor.user.id && status === 'inactive') {
		throw new DomainError('err_cannot_remove_self');
	}
	await withStorageErrors(() =>
		db.transaction('rw', db.users, db.audit, async () => {
			const target = await loadTarget(db, userId);
			if (target.status === status) return;
			if (target.adminRole === 'global_admin' && actor.user.adminRole !== 'global_admin') {
				throw new DomainError('err_only_global_admin_grants');
			}
			const refusal = lastGlobalAdminError(await db.users.toArray(), userId, {
				adminRole: target.adminRole,
				status
			});
			if (refusal) throw new DomainError(refusal);
			await db.users.update(userId, { status });
			await db.audit.add(
				auditEntry(
					actor.user,
					status === 'active' ? 'user.reactivated' : 'user.deactivated',
					target.email
				)
			);
		})
	);
}

/** A deactivated user cannot sign in; their history stays. */
export function deactivateUser(session: SessionRef, userId: string) {
	return setStatus(session, userId, 'inactive');
}

export function reactivateUser(session: SessionRef, userId: string) {
	return setStatus(session, userId, 'active');
}

export async function deleteUser(session: SessionRef, userId: string): Promise<void> {
	const actor = await authorize(session, 'manage_users');
	const { db } = actor;
	if (userId === actor.user.id) throw new DomainError('err_cannot_remove_self');
	await withStorageErrors(() =>
		db.transaction('rw', db.users, db.audit, async () => {
			const target = await loadTarget(db, userId);
			if (target.adminRole === 'global_admin' && actor.user.adminRole !== 'global_admin') {
				throw new DomainError('err_only_global_admin_grants');
			}
			const refusal = lastGlobalAdminError(await db.users.toArray(), userId, 'deleted');
			if (refusal) throw new DomainError(refusal);
			await db.users.delete(userId);
			await db.audit.add(auditEntry(actor.user, 'user.deleted', target.email));
		})
	);
}

/**
 * The signed-in user changes their own password — required before anything else after signing
 * in with a temporary one.
 */
export async function changeOwnPassword(
	session: SessionRef,
	input: ChangePasswordInput
): Promise<void> {
	const { db, user } = await loadActor(session, { passwordChange: true });
	const valid = parseOrThrow(changePasswordSchema(user.email), input);
	if (!(await verifyPassword(valid.currentPassword, user.password))) {
		throw new ValidationError({ currentPassword: 'err_current_password_wrong' });
	}
	const password = await hashPassword(valid.newPassword);
	await withStorageErrors(() =>
		db.transaction('rw', db.users, db.audit, async () => {
			await db.users.update(user.id, { password, mustChangePassword: false });
			await db.audit.add(auditEntry(user, 'user.password_changed', user.email));
		})
	);
}
