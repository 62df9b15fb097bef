import { beforeAll, describe, expect, it } from 'vitest';
import { deflate, inflate } from '$lib/crypto/compression';
import { fromBase64, toBase64, utf8 } from '$lib/crypto/encoding';
import { fingerprint } from '$lib/crypto/identity';
import { open, seal } from '$lib/crypto/passphrase-seal';
import { registryDb } from '$lib/db/registry-db';
import { workspaceDb } from '$lib/db/workspace-db';
import {
	bytesReplacer,
	bytesReviver,
	canonicalHeader,
	type BackupFile,
	type BackupPayload
} from '$lib/domain/backup-format';
import { PermissionError, ValidationError } from '$lib/domain/errors';
import type { WorkspaceEntry } from '$lib/domain/workspace';
import { createTestWorkspace, insertTestUser, type TestWorkspace } from '$lib/test/factories';
import { resetDatabases, storageSnapshot } from '$lib/test/indexeddb';
import { signIn } from './auth';
import { exportBackup, inspectBackup, restoreBackup } from './backup';
import { setIdleMinutes } from './settings';
import { createWorkspace, deleteWorkspace } from './workspaces';

// Sealing and opening a backup each run PBKDF2 at 600,000 iterations (~0.3 s), so the file is
// exported once and the tests walk through its life in order: export, refusals while the
// workspace exists, deletion, refusals of damaged copies, restore.
const PASSPHRASE = 'Phrase de sauvegarde très sûre';
const NOW = new Date('2025-03-14T09:26:53.000Z');
const feedBytes = utf8.encode('Yjs update: Contoso customer list');

let ws: TestWorkspace;
let text: string;
let registryEntry: WorkspaceEntry;
let exported: Awaited<ReturnType<typeof readTables>>;

async function readTables(workspaceId: string) {
	const db = workspaceDb(workspaceId);
	const [meta, users, audit, feedUpdates] = await Promise.all([
		db.meta.orderBy('key').toArray(),
		db.users.orderBy('id').toArray(),
		db.audit.orderBy('id').toArray(),
		db.feedUpdates.toArray()
	]);
	return { meta, users, audit, feedUpdates };
}

async function refusal(attempt: Promise<unknown>): Promise<unknown> {
	try {
		await attempt;
	} catch (error) {
		return error;
	}
	throw new Error('expected the command to be refused');
}

/** Asserts a restore is refused with these field codes and writes nothing at all. */
async function expectRestoreRefused(file: string, passphrase: string, fields: object) {
	const before = await storageSnapshot();
	const error = await refusal(restoreBackup(file, passphrase));
	expect(error).toBeInstanceOf(ValidationError);
	expect((error as ValidationError).fields).toEqual(fields);
	expect(await storageSnapshot()).toEqual(before);
}

function editFile(edit: (file: BackupFile) => void): string {
	const file = JSON.parse(text) as BackupFile;
	edit(file);
	return JSON.stringify(file, null, 1);
}

beforeAll(async () => {
	await resetDatabases();
	ws = await createTestWorkspace({ kind: 'provider', name: 'Ébénisterie Côté' });
	await workspaceDb(ws.workspaceId).feedUpdates.add({
		docId: 'feed:customers',
		seq: 0,
		update: feedBytes,
		at: 1
	});
	await setIdleMinutes(ws, { idleMinutes: 45 });
	({ text } = await exportBackup(ws, PASSPHRASE, NOW));
	exported = await readTables(ws.workspaceId);
	registryEntry = (await registryDb().workspaces.get(ws.workspaceId))!;
});

describe('exportBackup', () => {
	it('writes one versioned file whose readable header names the workspace', async () => {
		const { fileName } = await exportBackup(ws, PASSPHRASE, NOW);
		expect(fileName).toBe(`tierlink-${ws.input.domainPrefix}-2025-03-14.tierlink-backup.json`);
		const header = inspectBackup(text);
		expect(header).toEqual({
			format: 'tierlink-backup',
			version: 1,
			createdAt: '2025-03-14T09:26:53.000Z',
			workspace: {
				id: ws.workspaceId,
				kind: 'provider',
				name: 'Ébénisterie Côté',
				domain: `${ws.input.domainPrefix}.onmicrosoft.com`
			},
			kdf: {
				name: 'PBKDF2',
				hash: 'SHA-256',
				iterations: expect.any(Number),
				salt: expect.any(String)
			},
			cipher: { name: 'AES-GCM', iv: expect.any(String) }
		});
		expect(header.kdf.iterations).toBeGreaterThanOrEqual(600_000);
	});

	it('records the export in the Activity log, inside the backup too', () => {
		expect(exported.audit).toContainEqual(
			expect.objectContaining({
				action: 'workspace.backup_exported',
				actorId: ws.userId,
				at: NOW.getTime(),
				target: 'Ébénisterie Côté'
			})
		);
	});

	it('keeps every secret and every row out of the readable text', async () => {
		const privateKey = (await workspaceDb(ws.workspaceId).getMeta(
			'identityPrivateKey'
		)) as JsonWebKey;
		const [admin] = exported.users;
		expect(privateKey.d).toEqual(expect.any(String));
		expect(text).not.toContain(privateKey.d);
		expect(text).not.toContain(admin!.password.hash);
		expect(text).not.toContain(admin!.password.salt);
		expect(text).not.toContain(ws.password);
		expect(text).not.toContain(ws.email);
		expect(text).not.toContain(toBase64(feedBytes));
		expect(Object.keys(JSON.parse(text)).sort()).toEqual(
			['cipher', 'ciphertext', 'createdAt', 'format', 'kdf', 'version', 'workspace'].sort()
		);
	});

	it.each(['short pass', 'phrase-très'])(
		'refuses the passphrase %j as too short and logs nothing',
		async (passphrase) => {
			const db = workspaceDb(ws.workspaceId);
			const auditCount = await db.audit.count();
			const error = await refusal(exportBackup(ws, passphrase, NOW));
			expect(error).toBeInstanceOf(ValidationError);
			expect((error as ValidationError).fields).toEqual({ passphrase: 'err_passphrase_too_short' });
			expect(await db.audit.count()).toBe(auditCount);
		}
	);

	it('refuses anyone but a Global admin', async () => {
		const userAdmin = await insertTestUser(ws.workspaceId, { adminRole: 'user_management_admin' });
		const error = await refusal(
			exportBackup({ workspaceId: ws.workspaceId, userId: userAdmin.id }, PASSPHRASE, NOW)
		);
		expect(error).toBeInstanceOf(PermissionError);
		await workspaceDb(ws.workspaceId).users.delete(userAdmin.id);
	});
});

describe('inspectBackup', () => {
	it.each([
		['{"hello": "world"}', 'err_backup_foreign'],
		['not a backup', 'err_backup_not_json']
	])('refuses %j with %s', (file, code) => {
		expect(() => inspectBackup(file)).toThrow(ValidationError);
		expect(refusalSync(() => inspectBackup(file))).toEqual({ file: code });
	});
});

function refusalSync(run: () => unknown) {
	try {
		run();
	} catch (error) {
		return (error as ValidationError).fields;
	}
	return undefined;
}

describe('restoreBackup', () => {
	it('refuses to restore over the workspace while it still exists, and changes nothing', async () => {
		const rowsBefore = await readTables(ws.workspaceId);
		await expectRestoreRefused(text, PASSPHRASE, { file: 'err_backup_workspace_exists' });
		expect(await readTables(ws.workspaceId)).toEqual(rowsBefore);
	});

	describe('once the workspace is deleted', () => {
		beforeAll(async () => {
			await deleteWorkspace(ws, ws.name);
		});

		it.each<[string, () => string, string, object]>([
			[
				'a wrong passphrase',
				() => text,
				'Mauvaise phrase de passe',
				{ passphrase: 'err_backup_decrypt' }
			],
			['an empty passphrase', () => text, '', { passphrase: 'err_required' }],
			[
				'a header whose workspace name was edited',
				() => editFile((file) => (file.workspace.name = 'Ebenisterie Cote')),
				PASSPHRASE,
				{ passphrase: 'err_backup_decrypt' }
			],
			[
				'a ciphertext with one character flipped',
				() =>
					editFile((file) => {
						const i = Math.floor(file.ciphertext.length / 2);
						const flipped = file.ciphertext[i] === 'A' ? 'B' : 'A';
						file.ciphertext = file.ciphertext.slice(0, i) + flipped + file.ciphertext.slice(i + 1);
					}),
				PASSPHRASE,
				{ passphrase: 'err_backup_decrypt' }
			],
			[
				'a file cut in half',
				() => text.slice(0, Math.floor(text.length / 2)),
				PASSPHRASE,
				{ file: 'err_backup_truncated' }
			],
			[
				'a ciphertext cut short',
				() => editFile((file) => (file.ciphertext = file.ciphertext.slice(0, -5))),
				PASSPHRASE,
				{ file: 'err_backup_truncated' }
			],
			[
				'a foreign JSON file',
				() => '{"name": "tierlink", "version": "0.1.0"}',
				PASSPHRASE,
				{ file: 'err_backup_foreign' }
			],
			[
				'a file that is not JSON',
				() => 'PK\u0003\u0004 zip archive',
				PASSPHRASE,
				{ file: 'err_backup_not_json' }
			],
			[
				'a newer format version',
				() => editFile((file) => (file.version = 2 as 1)),
				PASSPHRASE,
				{ file: 'err_backup_version' }
			]
		])('refuses %s and writes nothing', async (_label, file, passphrase, fields) => {
			await expectRestoreRefused(file(), passphrase, fields);
		});

		describe('a file re-sealed with the right passphrase but altered content', () => {
			let payload: BackupPayload;
			let file: BackupFile;

			/** What someone holding the passphrase could produce: a correctly sealed, altered payload. */
			async function resealed(alter: (payload: BackupPayload) => void): Promise<string> {
				const copy = structuredClone(payload);
				alter(copy);
				const { ciphertext: _old, ...header } = file;
				const plaintext = await deflate(utf8.encode(JSON.stringify(copy, bytesReplacer)));
				const sealed = await seal(
					plaintext,
					PASSPHRASE,
					header,
					utf8.encode(canonicalHeader(header))
				);
				return JSON.stringify({ ...header, ciphertext: toBase64(sealed) });
			}

			beforeAll(async () => {
				file = JSON.parse(text);
				const { ciphertext, ...header } = file;
				const deflated = await open(
					fromBase64(ciphertext),
					PASSPHRASE,
					header,
					utf8.encode(canonicalHeader(header))
				);
				payload = JSON.parse(utf8.decode(await inflate(deflated)), bytesReviver);
			});

			it('holds every table of the workspace', () => {
				expect(Object.keys(payload.tables).sort()).toEqual([
					'audit',
					'changeRequests',
					'channels',
					'customerUsers',
					'customers',
					'enrollment',
					'feedUpdates',
					'invitations',
					'licenseAssignments',
					'meta',
					'orders',
					'outbox',
					'quarantine',
					'sharedRecords',
					'subscriptionTotals',
					'subscriptions',
					'syncState',
					'users',
					'verifications'
				]);
				expect(payload.tables.feedUpdates).toEqual(exported.feedUpdates);
			});

			it.each<[string, (payload: BackupPayload) => void]>([
				[
					'an identity private key of another pair',
					(p) => {
						const row = p.tables.meta!.find(
							(r) => (r as { key: string }).key === 'identityPrivateKey'
						) as {
							value: JsonWebKey;
						};
						row.value = {
							...row.value,
							d: toBase64(new Uint8Array(32).fill(7)).replace(/=+$/, '')
						};
					}
				],
				[
					'no active Global admin',
					(p) => {
						for (const user of p.tables.users as { adminRole: string }[]) user.adminRole = 'none';
					}
				],
				[
					'a row with an unexpected field',
					(p) => ((p.tables.users![0] as Record<string, unknown>).isOwner = true)
				],
				['a missing table', (p) => delete p.tables.audit]
			])('refuses %s and writes nothing', async (_label, alter) => {
				await expectRestoreRefused(await resealed(alter), PASSPHRASE, {
					file: 'err_backup_content'
				});
			});
		});

		it('restores identical rows, one restore entry and the same identity', async () => {
			const before = await storageSnapshot();
			const workspaceId = await restoreBackup(text, PASSPHRASE);
			expect(workspaceId).toBe(ws.workspaceId);

			expect(await registryDb().workspaces.get(workspaceId)).toEqual(registryEntry);
			expect((await storageSnapshot()).registry).toHaveLength(before.registry.length + 1);

			const restored = await readTables(workspaceId);
			expect(restored.meta).toEqual(exported.meta);
			expect(restored.users).toEqual(exported.users);
			expect(restored.feedUpdates).toEqual(exported.feedUpdates);
			expect(restored.feedUpdates[0]?.update).toBeInstanceOf(Uint8Array);
			const restoreEntries = restored.audit.filter((e) => e.action === 'workspace.restored');
			expect(restoreEntries).toEqual([
				expect.objectContaining({ actorId: null, target: 'Ébénisterie Côté' })
			]);
			expect(restored.audit.filter((e) => e.action !== 'workspace.restored')).toEqual(
				exported.audit
			);

			const profile = await workspaceDb(workspaceId).getMeta('profile');
			const original = exported.meta.find((row) => row.key === 'profile')!.value as typeof profile;
			expect(profile!.identity.fingerprint).toBe(original!.identity.fingerprint);
			expect(await fingerprint(profile!.identity.publicKey as JsonWebKey)).toBe(
				original!.identity.fingerprint
			);

			await expect(signIn(workspaceId, ws.email, ws.password)).resolves.toMatchObject({
				userId: ws.userId
			});
		});

		it('refuses a backup whose domain another workspace now uses', async () => {
			await deleteWorkspace(ws, ws.name);
			await createWorkspace({ ...ws.input, name: 'Someone Else' });
			await expectRestoreRefused(text, PASSPHRASE, { file: 'err_domain_taken' });
		});
	});
});
