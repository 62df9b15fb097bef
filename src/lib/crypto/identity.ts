import { toHex } from './encoding';

/**
 * The workspace's identity: an ECDSA P-256 key pair. The public key's fingerprint is how partners
 * recognise this workspace. Keys are kept as JWK so that they can be backed up (encrypted).
 */
export interface IdentityKeys {
	publicKey: JsonWebKey;
	privateKey: JsonWebKey;
}

const algorithm = { name: 'ECDSA', namedCurve: 'P-256' } as const;

export async function createIdentity(): Promise<IdentityKeys> {
	const pair = await crypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
	const [publicKey, privateKey] = await Promise.all([
		crypto.subtle.exportKey('jwk', pair.publicKey),
		crypto.subtle.exportKey('jwk', pair.privateKey)
	]);
	return { publicKey, privateKey };
}

/**
 * SHA-256 of the public key's SubjectPublicKeyInfo, first 128 bits as eight groups of four hex
 * digits (`3f2a 91c0 …`): long enough to compare by eye, short enough to read over the phone.
 */
export async function fingerprint(publicKey: JsonWebKey): Promise<string> {
	const key = await crypto.subtle.importKey('jwk', publicKey, algorithm, true, ['verify']);
	const spki = new Uint8Array(await crypto.subtle.exportKey('spki', key));
	const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', spki));
	return toHex(digest.subarray(0, 16)).match(/.{4}/g)?.join(' ') ?? '';
}

/** True when the private key belongs to the public key (sign, then verify). */
export async function keysMatch(keys: IdentityKeys): Promise<boolean> {
	try {
		const [publicKey, privateKey] = await Promise.all([
			crypto.subtle.importKey('jwk', keys.publicKey, algorithm, false, ['verify']),
			crypto.subtle.importKey('jwk', keys.privateKey, algorithm, false, ['sign'])
		]);
		const data = new TextEncoder().encode('tierlink identity check');
		const params = { name: 'ECDSA', hash: 'SHA-256' };
		const signature = await crypto.subtle.sign(params, privateKey, data);
		return await crypto.subtle.verify(params, publicKey, signature, data);
	} catch {
		return false;
	}
}
