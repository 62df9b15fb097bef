import { decoyHash, verifyPassword } from '$lib/crypto/password-hash';
import { DomainError } from '$lib/domain/errors';
import { emailSchema, normalizeEmail } from '$lib/domain/email';
import { afterFailure, afterSuccess, initialLockout, lockRemaining } from '$lib/domain/lockout';
import { workspaceDb } from '$lib/db/workspace-db';
import { getWorkspaceEntry } from './workspaces';
import { auditEntry } from './audit';
import { loadActor, type SessionRef } from './actor';
import { withStorageErrors } from './storage';

export interface SignInResult extends SessionRef {
	mustChangePassword: boolean;
}

/**
 * Signs a local account in. A wrong email and a wrong password get the same answer in the same
 * time. Five failures in a row lock sign-in for 30 s, doubling with each further failure; the
 * lock is stored in the workspace, so a reload does not lift it.
 */
export async function signIn(
	workspaceId: string,
	email: string,
	password: string,
	now = Date.now()
): Promise<SignInResult> {
	if (!(await getWorkspaceEntry(workspaceId))) throw new DomainError('err_workspace_not_found');
	const db = workspaceDb(workspaceId);
	const lockout = (await db.getMeta('lockout')) ?? initialLockout;
	const wait = lockRemaining(lockout, now);
	if (wait > 0) throw new DomainError('err_sign_in_locked', { seconds: Math.ceil(wait / 1000) });

	const normalized = normalizeEmail(email);
	const user = normalized ? await db.users.get({ email: normalized }) : undefined;
	const passwordOk = await verifyPassword(password, user?.password ?? (await decoyHash()));

	if (!user || !passwordOk) {
		// A password typed into the email field by mistake must not reach the log: record the
		// input only when it is shaped like an email.
		const target = user?.email ?? (emailSchema.safeParse(email).success ? normalized : '');
		const next = await withStorageErrors(() =>
			db.transaction('rw', db.meta, db.audit, async () => {
				const current = (await db.getMeta('lockout')) ?? initialLockout;
				const updated = afterFailure(current, now);
				await db.meta.put({ key: 'lockout', value: updated });
				await db.audit.add(
					auditEntry(
						null,
						'user.sign_in_failed',
						target,
						{ failuresInARow: updated.failuresInARow },
						now
					)
				);
				return updated;
			})
		);
		const locked = lockRemaining(next, now);
		if (locked > 0)
			throw new DomainError('err_sign_in_locked', { seconds: Math.ceil(locked / 1000) });
		throw new DomainError('err_sign_in_failed');
	}
	if (user.status !== 'active') throw new DomainError('err_user_inactive');

	await withStorageErrors(() =>
		db.transaction('rw', db.meta, db.users, db.audit, async () => {
			await db.meta.put({ key: 'lockout', value: afterSuccess() });
			await db.users.update(user.id, { lastSignInAt: now });
			await db.audit.add(auditEntry(user, 'user.signed_in', user.email, undefined, now));
		})
	);
	return { workspaceId, userId: user.id, mustChangePassword: user.mustChangePassword };
}

/** Records the end of a session: the user signed out, or it expired after being idle. */
export async function signOut(session: SessionRef, reason: 'user' | 'idle'): Promise<void> {
	try {
		const { db, user } = await loadActor(session, { passwordChange: true });
		await db.audit.add(
			auditEntry(user, reason === 'idle' ? 'user.session_expired' : 'user.signed_out', user.email)
		);
	} catch {
		// The session is over whatever happens; a user removed meanwhile has nothing to record.
	}
}

/** Seconds until sign-in is allowed again, so the sign-in page can say so before anyone tries. */
export async function signInLockSeconds(workspaceId: string, now = Date.now()): Promise<number> {
	if (!(await getWorkspaceEntry(workspaceId))) return 0;
	const lockout = (await workspaceDb(workspaceId).getMeta('lockout')) ?? initialLockout;
	return Math.ceil(lockRemaining(lockout, now) / 1000);
}
