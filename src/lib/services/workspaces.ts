import Dexie from 'dexie';
import { createIdentity, fingerprint } from '$lib/crypto/identity';
import { hashPassword } from '$lib/crypto/password-hash';
import { DomainError, ValidationError } from '$lib/domain/errors';
import { DEFAULT_IDLE_MINUTES } from '$lib/domain/session-policy';
import { parseOrThrow } from '$lib/domain/validation';
import {
	createWorkspaceInputSchema,
	type CreateWorkspaceInput,
	type WorkspaceEntry,
	type WorkspaceProfile
} from '$lib/domain/workspace';
import { tenantDomain } from '$lib/domain/organisation';
import { initialLockout } from '$lib/domain/lockout';
import { registryDb } from '$lib/db/registry-db';
import { closeWorkspaceDb, workspaceDb, workspaceDbName } from '$lib/db/workspace-db';
import type { UserRecord } from '$lib/db/records';
import { authorize, type SessionRef } from './actor';
import { auditEntry } from './audit';
import { withStorageErrors } from './storage';

export function listWorkspaces(): Promise<WorkspaceEntry[]> {
	return registryDb().workspaces.orderBy('name').toArray();
}

export function getWorkspaceEntry(workspaceId: string): Promise<WorkspaceEntry | undefined> {
	return registryDb().workspaces.get(workspaceId);
}

export async function isDomainTaken(domain: string): Promise<boolean> {
	return (await registryDb().workspaces.where('domain').equals(domain).count()) > 0;
}

/**
 * "Create workspace": the organisation, its tenant and identity key pair, and its first user, the
 * Global admin of the work account. Everything of the workspace is written in one transaction of
 * its own database; the registry entry follows, and if that fails the new database is removed.
 */
export async function createWorkspace(
	input: CreateWorkspaceInput
): Promise<{ workspaceId: string; userId: string }> {
	const valid = parseOrThrow(createWorkspaceInputSchema, input);
	const domain = tenantDomain(valid.domainPrefix);
	if (await isDomainTaken(domain)) throw new ValidationError({ domainPrefix: 'err_domain_taken' });

	const [identity, password] = await Promise.all([
		createIdentity(),
		hashPassword(valid.admin.password)
	]);
	const now = Date.now();
	const workspaceId = crypto.randomUUID();
	const entry: WorkspaceEntry = {
		id: workspaceId,
		kind: valid.kind,
		name: valid.name,
		domain,
		country: valid.country,
		createdAt: now
	};
	const profile: WorkspaceProfile = {
		...entry,
		tenantId: crypto.randomUUID(),
		identity: {
			publicKey: identity.publicKey as Record<string, unknown>,
			fingerprint: await fingerprint(identity.publicKey)
		}
	};
	const admin: UserRecord = {
		id: crypto.randomUUID(),
		email: valid.admin.email,
		fullName: valid.admin.fullName,
		agentRole: 'admin_agent',
		adminRole: 'global_admin',
		status: 'active',
		password,
		mustChangePassword: false,
		createdAt: now,
		// Creating the workspace signs its Global admin in.
		lastSignInAt: now
	};

	const db = workspaceDb(workspaceId);
	await withStorageErrors(async () => {
		await db.transaction('rw', db.meta, db.users, db.audit, async () => {
			await db.meta.bulkPut([
				{ key: 'profile', value: profile },
				{ key: 'identityPrivateKey', value: identity.privateKey as Record<string, unknown> },
				{ key: 'lockout', value: initialLockout },
				{ key: 'idleMinutes', value: DEFAULT_IDLE_MINUTES }
			]);
			await db.users.add(admin);
			await db.audit.add(
				auditEntry(admin, 'workspace.created', entry.name, { kind: entry.kind }, now)
			);
		});
		try {
			await registryDb().workspaces.add(entry);
		} catch (error) {
			await removeWorkspaceDatabase(workspaceId);
			if (error instanceof Dexie.ConstraintError) {
				throw new ValidationError({ domainPrefix: 'err_domain_taken' });
			}
			throw error;
		}
	});
	return { workspaceId, userId: admin.id };
}

/** Deletes the workspace and all its databases, once the user has typed its exact name. */
export async function deleteWorkspace(session: SessionRef, typedName: string): Promise<void> {
	await authorize(session, 'delete_workspace');
	const entry = await getWorkspaceEntry(session.workspaceId);
	if (!entry) throw new DomainError('err_workspace_not_found');
	if (typedName.trim() !== entry.name) {
		throw new ValidationError({ confirmName: 'err_confirm_name_mismatch' });
	}
	await withStorageErrors(async () => {
		await registryDb().workspaces.delete(entry.id);
		await removeWorkspaceDatabase(entry.id);
	});
}

export async function removeWorkspaceDatabase(workspaceId: string): Promise<void> {
	closeWorkspaceDb(workspaceId);
	await Dexie.delete(workspaceDbName(workspaceId));
}

export async function getProfile(workspaceId: string): Promise<WorkspaceProfile | undefined> {
	return workspaceDb(workspaceId).getMeta('profile');
}
