import { describe, expect, it } from 'vitest';
import {
	BACKUP_FORMAT,
	BACKUP_VERSION,
	bytesReplacer,
	bytesReviver,
	canonicalHeader,
	parseBackupFile,
	type BackupFile
} from './backup-format';

function sampleFile(): BackupFile {
	return {
		format: BACKUP_FORMAT,
		version: BACKUP_VERSION,
		createdAt: '2025-03-14T09:26:53.000Z',
		workspace: {
			id: '0f8fad5b-d9cb-469f-a165-70867728950e',
			kind: 'reseller',
			name: 'Ébénisterie Côté',
			domain: 'ebenisterie.onmicrosoft.com'
		},
		kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations: 600_000, salt: 'AAECAwQFBgcICQoLDA0ODw==' },
		cipher: { name: 'AES-GCM', iv: 'AAECAwQFBgcICQoL' },
		ciphertext: 'c2VhbGVkIGJ5dGVz'
	};
}

const validText = JSON.stringify(sampleFile(), null, 1);

describe('parseBackupFile', () => {
	it('reads a valid file', () => {
		expect(parseBackupFile(validText)).toEqual({ ok: true, file: sampleFile() });
	});

	it.each<[string, string, string]>([
		['empty text', '', 'err_backup_not_json'],
		['plain text', 'hello, this is a shopping list', 'err_backup_not_json'],
		['a PNG header', '\u0089PNG\r\n\u001a\n', 'err_backup_not_json'],
		['unrelated broken JSON', '{"name": "x", ', 'err_backup_not_json'],
		['a JSON array', '[1, 2, 3]', 'err_backup_foreign'],
		['a JSON string', '"tierlink-backup"', 'err_backup_foreign'],
		['JSON null', 'null', 'err_backup_foreign'],
		['a JSON number', '42', 'err_backup_foreign'],
		['a foreign JSON object', '{"name": "package", "version": "1.0.0"}', 'err_backup_foreign'],
		[
			'another format',
			JSON.stringify({ ...sampleFile(), format: 'other-backup' }),
			'err_backup_foreign'
		],
		['a newer version', JSON.stringify({ ...sampleFile(), version: 2 }), 'err_backup_version'],
		['a version as text', JSON.stringify({ ...sampleFile(), version: '1' }), 'err_backup_version'],
		['text cut in half', validText.slice(0, validText.length / 2), 'err_backup_truncated'],
		['text missing its last brace', validText.slice(0, -1), 'err_backup_truncated'],
		[
			'text cut inside the ciphertext',
			validText.slice(0, validText.indexOf('c2VhbGVk') + 5),
			'err_backup_truncated'
		],
		[
			'no ciphertext',
			JSON.stringify({ ...sampleFile(), ciphertext: undefined }),
			'err_backup_truncated'
		],
		[
			'a ciphertext cut short',
			JSON.stringify({ ...sampleFile(), ciphertext: 'c2VhbGVkIGJ5dGV' }),
			'err_backup_truncated'
		],
		[
			'an empty ciphertext',
			JSON.stringify({ ...sampleFile(), ciphertext: '' }),
			'err_backup_content'
		],
		[
			'too few iterations',
			JSON.stringify({ ...sampleFile(), kdf: { ...sampleFile().kdf, iterations: 1000 } }),
			'err_backup_content'
		],
		[
			'an unknown kind',
			JSON.stringify({ ...sampleFile(), workspace: { ...sampleFile().workspace, kind: 'bank' } }),
			'err_backup_content'
		],
		[
			'an extra header field',
			JSON.stringify({ ...sampleFile(), extra: true }),
			'err_backup_content'
		],
		[
			'a 16-byte IV',
			JSON.stringify({
				...sampleFile(),
				cipher: { name: 'AES-GCM', iv: 'AAECAwQFBgcICQoLDA0ODw==' }
			}),
			'err_backup_content'
		]
	])('classifies %s as %s', (_label, text, problem) => {
		expect(parseBackupFile(text)).toEqual({ ok: false, problem });
	});
});

describe('canonicalHeader', () => {
	it('is the same whatever the key order of the file', () => {
		const { ciphertext: _c, ...header } = sampleFile();
		const shuffled = JSON.parse(
			JSON.stringify({
				cipher: header.cipher,
				kdf: {
					salt: header.kdf.salt,
					iterations: header.kdf.iterations,
					hash: 'SHA-256',
					name: 'PBKDF2'
				},
				workspace: {
					domain: header.workspace.domain,
					name: header.workspace.name,
					kind: 'reseller',
					id: header.workspace.id
				},
				createdAt: header.createdAt,
				version: 1,
				format: BACKUP_FORMAT
			})
		);
		expect(canonicalHeader(shuffled)).toBe(canonicalHeader(header));
		expect(JSON.parse(canonicalHeader(header))).toEqual(header);
	});

	it('changes when any header value changes', () => {
		const { ciphertext: _c, ...header } = sampleFile();
		const renamed = { ...header, workspace: { ...header.workspace, name: 'Ebenisterie Cote' } };
		expect(canonicalHeader(renamed)).not.toBe(canonicalHeader(header));
	});
});

describe('bytes in JSON', () => {
	it('round-trips Uint8Array values through the replacer and reviver', () => {
		const value = {
			docId: 'feed',
			update: new Uint8Array([0, 1, 127, 128, 255]),
			nested: [new Uint8Array(0)]
		};
		const text = JSON.stringify(value, bytesReplacer);
		expect(JSON.parse(text)).toEqual({
			docId: 'feed',
			update: { $bytes: 'AAF/gP8=' },
			nested: [{ $bytes: '' }]
		});
		const revived = JSON.parse(text, bytesReviver);
		expect(revived.update).toBeInstanceOf(Uint8Array);
		expect([...revived.update]).toEqual([0, 1, 127, 128, 255]);
		expect(revived.nested[0]).toEqual(new Uint8Array(0));
	});

	it('leaves objects that merely contain $bytes alongside other keys alone', () => {
		const revived = JSON.parse(
			'{"x": {"$bytes": "AQI=", "other": 1}, "y": {"$bytes": 5}}',
			bytesReviver
		);
		expect(revived).toEqual({ x: { $bytes: 'AQI=', other: 1 }, y: { $bytes: 5 } });
	});

	it.each(['__proto__', 'constructor', 'prototype'])('drops %s keys at any depth', (key) => {
		const text = `{"a": 1, "${key}": {"polluted": true}, "inner": {"${key}": {"polluted": true}, "b": 2}}`;
		const revived = JSON.parse(text, bytesReviver);
		expect(Object.keys(revived)).toEqual(['a', 'inner']);
		expect(Object.keys(revived.inner)).toEqual(['b']);
		expect(Object.getPrototypeOf(revived)).toBe(Object.prototype);
		expect(Object.getPrototypeOf(revived.inner)).toBe(Object.prototype);
		expect(revived.polluted).toBeUndefined();
		expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
	});
});
