import { beforeAll, describe, expect, it } from 'vitest';
import { fromBase64, utf8 } from './encoding';
import { newSealParams, open, seal, type SealParams } from './passphrase-seal';

// Each seal or open runs PBKDF2 at 600,000 iterations (~0.3 s): one seal, shared by every test.
const passphrase = 'Phrase de passe très longue';
const plaintext = utf8.encode('{"users":[{"email":"élodie@exemple.fr"}]}');
const associatedData = utf8.encode('{"format":"tierlink-backup","workspace":"Ébénisterie Côté"}');
let params: SealParams;
let sealed: Uint8Array<ArrayBuffer>;

beforeAll(async () => {
	params = newSealParams();
	sealed = await seal(plaintext, passphrase, params, associatedData);
});

describe('newSealParams', () => {
	it('uses PBKDF2 with ≥ 600,000 iterations, a 16-byte salt and a 12-byte IV', () => {
		expect(params.kdf).toMatchObject({ name: 'PBKDF2', hash: 'SHA-256' });
		expect(params.kdf.iterations).toBeGreaterThanOrEqual(600_000);
		expect(fromBase64(params.kdf.salt)).toHaveLength(16);
		expect(params.cipher.name).toBe('AES-GCM');
		expect(fromBase64(params.cipher.iv)).toHaveLength(12);
	});

	it('draws a fresh salt and IV every time', () => {
		const other = newSealParams();
		expect(other.kdf.salt).not.toBe(params.kdf.salt);
		expect(other.cipher.iv).not.toBe(params.cipher.iv);
	});
});

describe('seal and open', () => {
	it('hides the plaintext and adds a 16-byte tag', () => {
		expect(sealed).toHaveLength(plaintext.length + 16);
		expect(Buffer.from(sealed).toString('latin1')).not.toContain('exemple.fr');
	});

	it('opens with the same passphrase, params and associated data', async () => {
		expect(utf8.decode(await open(sealed, passphrase, params, associatedData))).toBe(
			utf8.decode(plaintext)
		);
	});

	function flipped(bytes: Uint8Array<ArrayBuffer>, index: number) {
		const copy = new Uint8Array(bytes);
		copy[index]! ^= 0x01;
		return copy;
	}

	it.each([
		[
			'a wrong passphrase',
			() => open(sealed, 'Phrase de passe très longuE', params, associatedData)
		],
		[
			'altered associated data',
			() =>
				open(
					sealed,
					passphrase,
					params,
					utf8.encode('{"format":"tierlink-backup","workspace":"Ebenisterie Cote"}')
				)
		],
		[
			'a flipped ciphertext bit',
			() => open(flipped(sealed, 3), passphrase, params, associatedData)
		],
		[
			'a flipped tag bit',
			() => open(flipped(sealed, sealed.length - 1), passphrase, params, associatedData)
		],
		[
			'another IV',
			() => open(sealed, passphrase, { ...params, cipher: newSealParams().cipher }, associatedData)
		]
	])('fails with %s', async (_label, attempt) => {
		await expect(attempt()).rejects.toMatchObject({ name: 'OperationError' });
	});
});
