import { can, type Capability } from '$lib/domain/permissions';
import { DomainError, PermissionError } from '$lib/domain/errors';
import { workspaceDb, type WorkspaceDB } from '$lib/db/workspace-db';
import type { UserRecord } from '$lib/db/records';

/** Who is acting, re-read from the database for every command so a stale tab cannot act. */
export interface Actor {
	db: WorkspaceDB;
	user: UserRecord;
}

export interface SessionRef {
	workspaceId: string;
	userId: string;
}

/**
 * The acting user. A user still holding a temporary password may do nothing but change it (or
 * sign out): `passwordChange` opens exactly that door.
 */
export async function loadActor(
	session: SessionRef,
	{ passwordChange = false }: { passwordChange?: boolean } = {}
): Promise<Actor> {
	const db = workspaceDb(session.workspaceId);
	const user = await db.users.get(session.userId);
	if (!user || user.status !== 'active') throw new DomainError('err_session_expired');
	if (user.mustChangePassword && !passwordChange) {
		throw new DomainError('err_password_change_required');
	}
	return { db, user };
}

/** Loads the actor and checks the capability, or throws a PermissionError. */
export async function authorize(session: SessionRef, capability: Capability): Promise<Actor> {
	const actor = await loadActor(session);
	if (!can(actor.user, capability)) throw new PermissionError(capability);
	return actor;
}
