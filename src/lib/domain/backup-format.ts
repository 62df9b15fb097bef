import { z } from 'zod';
import { workspaceKindSchema } from './workspace';

/**
 * A Tierlink backup file (version 1) is JSON:
 *
 *   { format: "tierlink-backup", version: 1, createdAt, workspace: {id, kind, name, domain},
 *     kdf: {PBKDF2…}, cipher: {AES-GCM, iv}, ciphertext: base64 }
 *
 * Everything but `ciphertext` is the header, readable so the restore page can say what the file
 * holds; it is bound to the ciphertext as AES-GCM associated data, so editing it breaks the file.
 * The ciphertext is the deflated JSON of a `BackupPayload`: every table of the workspace database
 * (which holds the Yjs feed updates too) and the identity keys.
 */
export const BACKUP_FORMAT = 'tierlink-backup';
export const BACKUP_VERSION = 1;

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);

export const backupHeaderSchema = z.strictObject({
	format: z.literal(BACKUP_FORMAT),
	version: z.literal(BACKUP_VERSION),
	createdAt: z.iso.datetime(),
	workspace: z.strictObject({
		id: z.uuid(),
		kind: workspaceKindSchema,
		name: z.string().min(1).max(200),
		domain: z.string().min(1).max(254)
	}),
	kdf: z.strictObject({
		name: z.literal('PBKDF2'),
		hash: z.literal('SHA-256'),
		iterations: z.number().int().min(600_000).max(10_000_000),
		salt: base64.min(16)
	}),
	cipher: z.strictObject({ name: z.literal('AES-GCM'), iv: base64.length(16) })
});
export type BackupHeader = z.infer<typeof backupHeaderSchema>;

// A whole ciphertext is canonical base64, so its length is a multiple of 4; one that is not was cut.
export const backupFileSchema = backupHeaderSchema.extend({
	ciphertext: base64.min(1).refine((text) => text.length % 4 === 0)
});
export type BackupFile = z.infer<typeof backupFileSchema>;

/** The header's canonical bytes (fixed key order), used as associated data. */
export function canonicalHeader(header: BackupHeader): string {
	const { format, version, createdAt, workspace, kdf, cipher } = header;
	return JSON.stringify({
		format,
		version,
		createdAt,
		workspace: {
			id: workspace.id,
			kind: workspace.kind,
			name: workspace.name,
			domain: workspace.domain
		},
		kdf: { name: kdf.name, hash: kdf.hash, iterations: kdf.iterations, salt: kdf.salt },
		cipher: { name: cipher.name, iv: cipher.iv }
	});
}

export const backupPayloadSchema = z.strictObject({
	dbVersion: z.number().int().positive(),
	tables: z.record(z.string(), z.array(z.unknown()))
});
export type BackupPayload = z.infer<typeof backupPayloadSchema>;

/**
 * What went wrong when reading a backup, in the words the user sees (each an error code):
 * not JSON at all, JSON but not ours, ours but a newer version, cut short, wrong passphrase or
 * altered, or decrypted content that does not fit the workspace schema.
 */
export type BackupProblem =
	| 'err_backup_not_json'
	| 'err_backup_foreign'
	| 'err_backup_version'
	| 'err_backup_truncated'
	| 'err_backup_decrypt'
	| 'err_backup_content';

/** Classifies a backup file's text before any decryption. */
export function parseBackupFile(
	text: string
): { ok: true; file: BackupFile } | { ok: false; problem: BackupProblem } {
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		const trimmed = text.trimStart();
		// Starts like our file but does not parse: it was cut short.
		return {
			ok: false,
			problem:
				trimmed.startsWith('{') && trimmed.includes(`"${BACKUP_FORMAT}"`)
					? 'err_backup_truncated'
					: 'err_backup_not_json'
		};
	}
	if (typeof json !== 'object' || json === null || Array.isArray(json)) {
		return { ok: false, problem: 'err_backup_foreign' };
	}
	const record = json as Record<string, unknown>;
	if (record.format !== BACKUP_FORMAT) return { ok: false, problem: 'err_backup_foreign' };
	if (record.version !== BACKUP_VERSION) return { ok: false, problem: 'err_backup_version' };
	const parsed = backupFileSchema.safeParse(json);
	if (!parsed.success) {
		const missingCiphertext =
			typeof record.ciphertext !== 'string' || record.ciphertext.length % 4 !== 0;
		return {
			ok: false,
			problem: missingCiphertext ? 'err_backup_truncated' : 'err_backup_content'
		};
	}
	return { ok: true, file: parsed.data };
}

/**
 * JSON cannot hold bytes; Yjs updates are bytes. They travel as `{"$bytes": base64}`.
 * Only plain data goes in or comes out: prototypes are never revived.
 */
export function bytesReplacer(_key: string, value: unknown): unknown {
	if (value instanceof Uint8Array) {
		let binary = '';
		for (const byte of value) binary += String.fromCharCode(byte);
		return { $bytes: btoa(binary) };
	}
	return value;
}

export function bytesReviver(key: string, value: unknown): unknown {
	if (key === '__proto__' || key === 'constructor' || key === 'prototype') return undefined;
	if (
		value &&
		typeof value === 'object' &&
		Object.keys(value).length === 1 &&
		typeof (value as { $bytes?: unknown }).$bytes === 'string'
	) {
		const binary = atob((value as { $bytes: string }).$bytes);
		return Uint8Array.from(binary, (c) => c.charCodeAt(0));
	}
	return value;
}
