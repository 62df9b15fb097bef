import { fromBase64, randomBytes, toBase64 } from './encoding';
import { PBKDF2_ITERATIONS } from './password-hash';

/**
 * Encryption under a passphrase the user chooses: PBKDF2-SHA-256 (600,000 iterations, random
 * 16-byte salt) derives an AES-GCM-256 key. `associatedData` is authenticated but not encrypted, so
 * a file's readable header cannot be altered without the open failing.
 */
export interface SealParams {
	kdf: { name: 'PBKDF2'; hash: 'SHA-256'; iterations: number; salt: string };
	cipher: { name: 'AES-GCM'; iv: string };
}

async function deriveKey(passphrase: string, salt: Uint8Array<ArrayBuffer>, iterations: number) {
	const material = await crypto.subtle.importKey(
		'raw',
		new TextEncoder().encode(passphrase),
		'PBKDF2',
		false,
		['deriveKey']
	);
	return crypto.subtle.deriveKey(
		{ name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
		material,
		{ name: 'AES-GCM', length: 256 },
		false,
		['encrypt', 'decrypt']
	);
}

export function newSealParams(): SealParams {
	return {
		kdf: {
			name: 'PBKDF2',
			hash: 'SHA-256',
			iterations: PBKDF2_ITERATIONS,
			salt: toBase64(randomBytes(16))
		},
		cipher: { name: 'AES-GCM', iv: toBase64(randomBytes(12)) }
	};
}

export async function seal(
	plaintext: Uint8Array<ArrayBuffer>,
	passphrase: string,
	params: SealParams,
	associatedData: Uint8Array<ArrayBuffer>
): Promise<Uint8Array<ArrayBuffer>> {
	const key = await deriveKey(passphrase, fromBase64(params.kdf.salt), params.kdf.iterations);
	const ciphertext = await crypto.subtle.encrypt(
		{ name: 'AES-GCM', iv: fromBase64(params.cipher.iv), additionalData: associatedData },
		key,
		plaintext
	);
	return new Uint8Array(ciphertext);
}

/** Throws when the passphrase is wrong or anything sealed (or the associated data) was altered. */
export async function open(
	ciphertext: Uint8Array<ArrayBuffer>,
	passphrase: string,
	params: SealParams,
	associatedData: Uint8Array<ArrayBuffer>
): Promise<Uint8Array<ArrayBuffer>> {
	const key = await deriveKey(passphrase, fromBase64(params.kdf.salt), params.kdf.iterations);
	const plaintext = await crypto.subtle.decrypt(
		{ name: 'AES-GCM', iv: fromBase64(params.cipher.iv), additionalData: associatedData },
		key,
		ciphertext
	);
	return new Uint8Array(plaintext);
}
