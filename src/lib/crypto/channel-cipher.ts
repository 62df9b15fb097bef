import { randomBytes } from './encoding';

/**
 * AES-GCM-256 under a channel key: a fresh 96-bit IV per message, the envelope header as
 * additional data. Keys travel as 32 raw bytes (base64url in invitation links).
 */
const keys = new Map<string, Promise<CryptoKey>>();

export function newChannelKey(): Uint8Array<ArrayBuffer> {
	return randomBytes(32);
}

export function channelCryptoKey(raw: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
	const id = Array.from(raw, (b) => b.toString(16).padStart(2, '0')).join('');
	let key = keys.get(id);
	if (!key) {
		if (raw.byteLength !== 32) return Promise.reject(new Error('A channel key is 32 bytes'));
		key = crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
		keys.set(id, key);
	}
	return key;
}

export async function encrypt(
	key: CryptoKey,
	plaintext: Uint8Array<ArrayBuffer>,
	additionalData: Uint8Array<ArrayBuffer>
): Promise<{ iv: Uint8Array<ArrayBuffer>; ciphertext: Uint8Array<ArrayBuffer> }> {
	const iv = randomBytes(12);
	const ciphertext = new Uint8Array(
		await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData }, key, plaintext)
	);
	return { iv, ciphertext };
}

/** Rejects when the key is wrong or anything was altered. */
export async function decrypt(
	key: CryptoKey,
	iv: Uint8Array<ArrayBuffer>,
	ciphertext: Uint8Array<ArrayBuffer>,
	additionalData: Uint8Array<ArrayBuffer>
): Promise<Uint8Array<ArrayBuffer>> {
	return new Uint8Array(
		await crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData }, key, ciphertext)
	);
}
