import { beforeEach, describe, expect, it } from 'vitest';
import { keysMatch, fingerprint } from '$lib/crypto/identity';
import { PBKDF2_ITERATIONS } from '$lib/crypto/password-hash';
import { registryDb } from '$lib/db/registry-db';
import { closeWorkspaceDb, workspaceDb, workspaceDbName } from '$lib/db/workspace-db';
import { DomainError, PermissionError, ValidationError } from '$lib/domain/errors';
import type { CreateWorkspaceInput } from '$lib/domain/workspace';
import { createTestWorkspace, insertTestUser, validWorkspaceInput } from '$lib/test/factories';
import { resetDatabases, storageSnapshot } from '$lib/test/indexeddb';
import { createWorkspace, deleteWorkspace, getProfile, listWorkspaces } from './workspaces';

beforeEach(resetDatabases);

async function refusal(promise: Promise<unknown>): Promise<unknown> {
	try {
		await promise;
	} catch (error) {
		return error;
	}
	throw new Error('expected the command to be refused');
}

describe('createWorkspace', () => {
	it('writes the registry entry, profile, identity, Global admin and audit entry', async () => {
		const input = validWorkspaceInput({
			kind: 'provider',
			name: ' Société  Générale Équipements ',
			country: 'fr',
			domainPrefix: 'SocGenEquip',
			admin: { fullName: 'Élodie Côté', email: ' Elodie.Cote@Exemple.FR ' }
		});
		const before = Date.now();
		const { workspaceId, userId } = await createWorkspace(input);

		const entry = await registryDb().workspaces.get(workspaceId);
		expect(entry).toEqual({
			id: workspaceId,
			kind: 'provider',
			name: 'Société Générale Équipements',
			domain: 'socgenequip.onmicrosoft.com',
			country: 'FR',
			createdAt: expect.any(Number)
		});
		expect(entry!.createdAt).toBeGreaterThanOrEqual(before);

		const db = workspaceDb(workspaceId);
		const profile = await getProfile(workspaceId);
		expect(profile).toMatchObject({ ...entry, tenantId: expect.any(String) });
		expect(profile!.tenantId).toMatch(/^[0-9a-f-]{36}$/);
		expect(profile!.tenantId).not.toBe(workspaceId);
		expect(profile!.identity.fingerprint).toBe(
			await fingerprint(profile!.identity.publicKey as JsonWebKey)
		);
		const privateKey = await db.getMeta('identityPrivateKey');
		expect(
			await keysMatch({
				publicKey: profile!.identity.publicKey as JsonWebKey,
				privateKey: privateKey as JsonWebKey
			})
		).toBe(true);
		expect(await db.getMeta('lockout')).toEqual({ failuresInARow: 0, lockedUntil: 0 });
		expect(await db.getMeta('idleMinutes')).toBe(30);

		const users = await db.users.toArray();
		expect(users).toEqual([
			{
				id: userId,
				email: 'elodie.cote@exemple.fr',
				fullName: 'Élodie Côté',
				agentRole: 'admin_agent',
				adminRole: 'global_admin',
				status: 'active',
				password: {
					algorithm: 'PBKDF2-SHA-256',
					iterations: PBKDF2_ITERATIONS,
					salt: expect.any(String),
					hash: expect.any(String)
				},
				mustChangePassword: false,
				createdAt: entry!.createdAt,
				// creating the workspace signs its Global admin in
				lastSignInAt: entry!.createdAt
			}
		]);
		expect(JSON.stringify(users)).not.toContain(input.admin.password);

		expect(await db.audit.toArray()).toEqual([
			{
				id: expect.any(String),
				at: entry!.createdAt,
				actorId: userId,
				actorName: 'Élodie Côté',
				action: 'workspace.created',
				target: 'Société Générale Équipements',
				details: { kind: 'provider' }
			}
		]);
	});

	it('refuses a domain already used in this browser, whatever its case, and writes nothing', async () => {
		const first = await createTestWorkspace();
		const snapshot = await storageSnapshot();
		const error = await refusal(
			createWorkspace(
				validWorkspaceInput({
					name: 'Another Company',
					domainPrefix: first.input.domainPrefix.toUpperCase()
				})
			)
		);
		expect(error).toBeInstanceOf(ValidationError);
		expect((error as ValidationError).fields).toEqual({ domainPrefix: 'err_domain_taken' });
		expect(await storageSnapshot()).toEqual(snapshot);
		expect(snapshot.registry).toHaveLength(1);
	});

	it.each<[string, Partial<CreateWorkspaceInput>, Record<string, string>]>([
		['a bare legal form', { name: 'SARL' }, { name: 'err_org_name_legal_form' }],
		['an unknown country', { country: 'XX' }, { country: 'err_country_unknown' }],
		[
			'a dotted prefix',
			{ domainPrefix: 'contoso.fr' },
			{ domainPrefix: 'err_domain_prefix_format' }
		],
		[
			'a mismatched confirmation',
			{
				admin: {
					fullName: 'Ana',
					email: 'ana@contoso.com',
					password: 'Correct-horse-42',
					confirmPassword: 'Correct-horse-24'
				}
			},
			{ 'admin.confirmPassword': 'err_password_mismatch' }
		]
	])('writes nothing for %s', async (_label, overrides, fields) => {
		const snapshot = await storageSnapshot();
		const error = await refusal(createWorkspace(validWorkspaceInput(overrides)));
		expect(error).toBeInstanceOf(ValidationError);
		expect((error as ValidationError).fields).toEqual(fields);
		expect(await storageSnapshot()).toEqual(snapshot);
	});
});

describe('listWorkspaces', () => {
	it('lists the workspaces of this browser by name, without secrets', async () => {
		const zebra = await createTestWorkspace({ name: 'Zèbre Conseil', kind: 'customer' });
		const alpha = await createTestWorkspace({ name: 'Alpha Distribution', kind: 'provider' });
		const list = await listWorkspaces();
		expect(list.map((w) => [w.id, w.name, w.kind])).toEqual([
			[alpha.workspaceId, 'Alpha Distribution', 'provider'],
			[zebra.workspaceId, 'Zèbre Conseil', 'customer']
		]);
		expect(Object.keys(list[0]!).sort()).toEqual([
			'country',
			'createdAt',
			'domain',
			'id',
			'kind',
			'name'
		]);
	});
});

describe('deleteWorkspace', () => {
	it.each([
		['a different case', (name: string) => name.toUpperCase()],
		['a part of the name', (name: string) => name.slice(0, -1)],
		['nothing', () => '']
	])('refuses %s as confirmation and keeps everything', async (_label, typed) => {
		const ws = await createTestWorkspace({ name: 'Ébénisterie Côté' });
		const snapshot = await storageSnapshot();
		const error = await refusal(deleteWorkspace(ws, typed(ws.name)));
		expect(error).toBeInstanceOf(ValidationError);
		expect((error as ValidationError).fields).toEqual({ confirmName: 'err_confirm_name_mismatch' });
		expect(await storageSnapshot()).toEqual(snapshot);
		expect(await workspaceDb(ws.workspaceId).users.count()).toBe(1);
	});

	it('removes the database and the registry entry once the exact name is typed', async () => {
		const keep = await createTestWorkspace({ name: 'Fabrikam' });
		const ws = await createTestWorkspace({ name: 'Ébénisterie Côté' });
		const dbName = workspaceDbName(ws.workspaceId);
		expect((await indexedDB.databases()).map((d) => d.name)).toContain(dbName);

		await deleteWorkspace(ws, '  Ébénisterie Côté ');

		expect((await indexedDB.databases()).map((d) => d.name)).not.toContain(dbName);
		expect(await registryDb().workspaces.get(ws.workspaceId)).toBeUndefined();
		expect((await listWorkspaces()).map((w) => w.id)).toEqual([keep.workspaceId]);
		expect(await workspaceDb(keep.workspaceId).users.count()).toBe(1);
		// The same domain can be used again.
		await expect(
			createWorkspace(validWorkspaceInput({ domainPrefix: ws.input.domainPrefix }))
		).resolves.toMatchObject({ workspaceId: expect.any(String) });
	});

	it('refuses anyone but a Global admin', async () => {
		const ws = await createTestWorkspace();
		const userAdmin = await insertTestUser(ws.workspaceId, { adminRole: 'user_management_admin' });
		const snapshot = await storageSnapshot();
		const error = await refusal(
			deleteWorkspace({ workspaceId: ws.workspaceId, userId: userAdmin.id }, ws.name)
		);
		expect(error).toBeInstanceOf(PermissionError);
		expect((error as PermissionError).params).toEqual({ capability: 'delete_workspace' });
		expect(await storageSnapshot()).toEqual(snapshot);
	});

	it('refuses a session whose user no longer exists', async () => {
		const ws = await createTestWorkspace();
		const error = await refusal(
			deleteWorkspace({ workspaceId: ws.workspaceId, userId: crypto.randomUUID() }, ws.name)
		);
		expect(error).toBeInstanceOf(DomainError);
		expect((error as DomainError).code).toBe('err_session_expired');
		closeWorkspaceDb(ws.workspaceId);
		expect(await workspaceDb(ws.workspaceId).users.count()).toBe(1);
	});
});
