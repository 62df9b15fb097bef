import { keysMatch, fingerprint } from '$lib/crypto/identity';
import { deflate, inflate } from '$lib/crypto/compression';
import { fromBase64, toBase64, utf8 } from '$lib/crypto/encoding';
import { newSealParams, open, seal } from '$lib/crypto/passphrase-seal';
import {
	backupPayloadSchema,
	BACKUP_FORMAT,
	BACKUP_VERSION,
	bytesReplacer,
	bytesReviver,
	canonicalHeader,
	parseBackupFile,
	type BackupFile,
	type BackupHeader,
	type BackupPayload
} from '$lib/domain/backup-format';
import { DomainError, ValidationError } from '$lib/domain/errors';
import {
	workspaceTablesByVersion,
	workspaceTableSchemas,
	type MetaRecord,
	type WorkspaceTableName
} from '$lib/domain/records';
import { registryDb } from '$lib/db/registry-db';
import { WORKSPACE_DB_VERSION, workspaceDb } from '$lib/db/workspace-db';
import { authorize, type SessionRef } from './actor';
import { auditEntry } from './audit';
import { withStorageErrors } from './storage';
import { getWorkspaceEntry, isDomainTaken, removeWorkspaceDatabase } from './workspaces';

export const PASSPHRASE_MIN_LENGTH = 12;

function checkPassphrase(passphrase: string, field = 'passphrase') {
	if ([...passphrase].length < PASSPHRASE_MIN_LENGTH) {
		throw new ValidationError({ [field]: 'err_passphrase_too_short' });
	}
}

/**
 * Backup: every table of the workspace database, encrypted under a passphrase the exporter
 * chooses, as one versioned JSON file (see domain/backup-format.ts).
 */
export async function exportBackup(
	session: SessionRef,
	passphrase: string,
	now = new Date()
): Promise<{ fileName: string; text: string }> {
	const { db, user } = await authorize(session, 'export_backup');
	checkPassphrase(passphrase);
	const entry = await getWorkspaceEntry(session.workspaceId);
	if (!entry) throw new DomainError('err_workspace_not_found');

	// The export is logged first, in the same transaction as the snapshot, so the restored
	// workspace's Activity log reads exactly as it did when the file was made.
	const tables = await withStorageErrors(() =>
		db.transaction('rw', db.tables, async () => {
			await db.audit.add(
				auditEntry(user, 'workspace.backup_exported', entry.name, undefined, now.getTime())
			);
			const out: Record<string, unknown[]> = {};
			for (const table of db.tables) out[table.name] = await table.toArray();
			return out;
		})
	);
	const payload: BackupPayload = { dbVersion: WORKSPACE_DB_VERSION, tables };
	const header: BackupHeader = {
		format: BACKUP_FORMAT,
		version: BACKUP_VERSION,
		createdAt: now.toISOString(),
		workspace: { id: entry.id, kind: entry.kind, name: entry.name, domain: entry.domain },
		...newSealParams()
	};
	const plaintext = await deflate(utf8.encode(JSON.stringify(payload, bytesReplacer)));
	const ciphertext = await seal(
		plaintext,
		passphrase,
		header,
		utf8.encode(canonicalHeader(header))
	);
	const file: BackupFile = { ...header, ciphertext: toBase64(ciphertext) };
	const day = now.toISOString().slice(0, 10);
	const prefix = entry.domain.split('.')[0];
	return {
		fileName: `tierlink-${prefix}-${day}.tierlink-backup.json`,
		text: JSON.stringify(file, null, 1)
	};
}

/** Reads a backup's readable header, or says why the file is not a usable backup. */
export function inspectBackup(text: string): BackupHeader {
	const parsed = parseBackupFile(text);
	if (!parsed.ok) throw new ValidationError({ file: parsed.problem });
	const { ciphertext: _ciphertext, ...header } = parsed.file;
	return header;
}

/**
 * Restore: decrypts and checks the whole file first — every row against its schema, the identity
 * key pair against the stored fingerprint — and only then writes, in one transaction. A corrupt,
 * truncated, tampered or foreign file writes nothing.
 */
export async function restoreBackup(text: string, passphrase: string): Promise<string> {
	const parsed = parseBackupFile(text);
	if (!parsed.ok) throw new ValidationError({ file: parsed.problem });
	const { ciphertext, ...header } = parsed.file;
	if (!passphrase) throw new ValidationError({ passphrase: 'err_required' });

	let payload: BackupPayload;
	try {
		const sealed = fromBase64(ciphertext);
		const deflated = await open(sealed, passphrase, header, utf8.encode(canonicalHeader(header)));
		const json = JSON.parse(utf8.decode(await inflate(deflated)), bytesReviver);
		payload = backupPayloadSchema.parse(json);
	} catch (error) {
		if (error instanceof DOMException && error.name === 'OperationError') {
			throw new ValidationError({ passphrase: 'err_backup_decrypt' });
		}
		throw new ValidationError({ file: 'err_backup_content' });
	}
	const rows = await validatePayload(payload, header);

	if (await getWorkspaceEntry(header.workspace.id)) {
		throw new ValidationError({ file: 'err_backup_workspace_exists' });
	}
	if (await isDomainTaken(header.workspace.domain)) {
		throw new ValidationError({ file: 'err_domain_taken' });
	}

	const { profile } = rows;
	const db = workspaceDb(header.workspace.id);
	await withStorageErrors(async () => {
		try {
			await db.transaction('rw', db.tables, async () => {
				await db.meta.bulkAdd(rows.tables.meta as MetaRecord[]);
				await db.users.bulkAdd(rows.tables.users);
				await db.audit.bulkAdd(rows.tables.audit);
				await db.feedUpdates.bulkAdd(rows.tables.feedUpdates);
				await db.enrollment.bulkAdd(rows.tables.enrollment);
				await db.outbox.bulkAdd(rows.tables.outbox);
				await db.verifications.bulkAdd(rows.tables.verifications);
				await db.channels.bulkAdd(rows.tables.channels);
				await db.invitations.bulkAdd(rows.tables.invitations);
				await db.sharedRecords.bulkAdd(rows.tables.sharedRecords);
				await db.quarantine.bulkAdd(rows.tables.quarantine);
				// Mailboxes are not backed up (transport state): re-seal each whole feed once, so
				// partners and relays get everything again from this browser; Yjs drops duplicates.
				await db.syncState.bulkAdd(
					rows.tables.syncState.map((row) => ({ ...row, sealedSv: new Uint8Array([0]) }))
				);
				await db.audit.add(auditEntry(null, 'workspace.restored', profile.name));
			});
			await registryDb().workspaces.add({
				id: profile.id,
				kind: profile.kind,
				name: profile.name,
				domain: profile.domain,
				country: profile.country,
				createdAt: profile.createdAt
			});
		} catch (error) {
			await removeWorkspaceDatabase(header.workspace.id);
			throw error;
		}
	});
	return header.workspace.id;
}

type ValidTables = {
	[K in WorkspaceTableName]: ReturnType<(typeof workspaceTableSchemas)[K]['parse']>[];
};

async function validatePayload(payload: BackupPayload, header: BackupHeader) {
	// A backup of an older schema restores: the tables it predates start empty.
	const expected = workspaceTablesByVersion[payload.dbVersion];
	if (payload.dbVersion > WORKSPACE_DB_VERSION || !expected) {
		throw new ValidationError({ file: 'err_backup_version' });
	}
	const names = Object.keys(workspaceTableSchemas) as WorkspaceTableName[];
	const given = Object.keys(payload.tables);
	if (given.length !== expected.length || !expected.every((name) => given.includes(name))) {
		throw new ValidationError({ file: 'err_backup_content' });
	}
	const tables = {} as Record<WorkspaceTableName, unknown[]>;
	for (const name of names) {
		const schema = workspaceTableSchemas[name];
		const result = (payload.tables[name] ?? []).map((row) => schema.safeParse(row));
		if (result.some((r) => !r.success)) throw new ValidationError({ file: 'err_backup_content' });
		tables[name] = result.map((r) => r.data);
	}
	const valid = tables as ValidTables;
	const meta = new Map(valid.meta.map((row) => [row.key, row.value]));
	const profile = meta.get('profile') as
		Extract<MetaRecord, { key: 'profile' }>['value'] | undefined;
	const privateKey = meta.get('identityPrivateKey') as JsonWebKey | undefined;
	const consistent =
		profile &&
		privateKey &&
		profile.id === header.workspace.id &&
		profile.domain === header.workspace.domain &&
		profile.kind === header.workspace.kind &&
		valid.users.some((u) => u.adminRole === 'global_admin' && u.status === 'active') &&
		(await keysMatch({ publicKey: profile.identity.publicKey as JsonWebKey, privateKey })) &&
		(await fingerprint(profile.identity.publicKey as JsonWebKey)) === profile.identity.fingerprint;
	if (!consistent) throw new ValidationError({ file: 'err_backup_content' });
	return { tables: valid, profile };
}
