/**
 * ECDSA P-256 / SHA-256 signatures with identity keys kept as JWK. Imported keys are cached
 * per JWK, since a mailbox of thousands of envelopes is verified against the same key.
 */
const algorithm = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const params = { name: 'ECDSA', hash: 'SHA-256' } as const;

const verifyKeys = new Map<string, Promise<CryptoKey>>();
const signKeys = new Map<string, Promise<CryptoKey>>();

/** In memory only: the private part is part of the key, so no two keys share an entry. */
function cacheKey(jwk: JsonWebKey): string {
	return `${jwk.x}.${jwk.y}.${jwk.d ?? ''}`;
}

/** The public part of an EC key (drops `d`, `key_ops`, `ext`). */
export function publicPart(jwk: JsonWebKey): JsonWebKey {
	return { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y };
}

export function verifyKey(jwk: JsonWebKey): Promise<CryptoKey> {
	const key = cacheKey(publicPart(jwk));
	let imported = verifyKeys.get(key);
	if (!imported) {
		imported = crypto.subtle.importKey('jwk', publicPart(jwk), algorithm, false, ['verify']);
		imported.catch(() => verifyKeys.delete(key));
		verifyKeys.set(key, imported);
	}
	return imported;
}

export function signKey(jwk: JsonWebKey): Promise<CryptoKey> {
	const key = cacheKey(jwk);
	let imported = signKeys.get(key);
	if (!imported) {
		imported = crypto.subtle.importKey('jwk', jwk, algorithm, false, ['sign']);
		imported.catch(() => signKeys.delete(key));
		signKeys.set(key, imported);
	}
	return imported;
}

export async function sign(
	privateJwk: JsonWebKey,
	data: Uint8Array<ArrayBuffer>
): Promise<Uint8Array<ArrayBuffer>> {
	return new Uint8Array(await crypto.subtle.sign(params, await signKey(privateJwk), data));
}

/** False for a bad signature and for a key that does not import; never throws. */
export async function verify(
	publicJwk: JsonWebKey,
	signature: Uint8Array<ArrayBuffer>,
	data: Uint8Array<ArrayBuffer>
): Promise<boolean> {
	try {
		return await crypto.subtle.verify(params, await verifyKey(publicJwk), signature, data);
	} catch {
		return false;
	}
}

/** A fresh key pair for one purpose (e.g. an invitation's reply mailbox), as JWK. */
export async function newSigningKeyPair(): Promise<{
	publicKey: JsonWebKey;
	privateKey: JsonWebKey;
}> {
	const pair = await crypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
	const [publicKey, privateKey] = await Promise.all([
		crypto.subtle.exportKey('jwk', pair.publicKey),
		crypto.subtle.exportKey('jwk', pair.privateKey)
	]);
	return {
		publicKey: publicPart(publicKey),
		privateKey: { ...publicPart(privateKey), d: privateKey.d }
	};
}
