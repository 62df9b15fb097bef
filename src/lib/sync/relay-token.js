// @ts-check
/**
 * Mailbox names and relay write tokens: the one contract the browser and the relay share, so it
 * is plain JavaScript (the relay runs it in Node without a build step) and uses only WebCrypto.
 *
 * A mailbox is named `tl1-<channelId>-<fingerprint>`: the channel (32 hex digits) and the
 * fingerprint of the key allowed to write it (the first 128 bits of SHA-256 over the key's
 * SubjectPublicKeyInfo, 32 hex digits). A write token is that key's ECDSA P-256 signature over
 * the mailbox name and an expiry; the relay checks it against the key the name commits to, so it
 * needs no user database. Anyone else may read a mailbox: its content is encrypted.
 */

const MAILBOX_NAME = /^tl1-([0-9a-f]{32})-([0-9a-f]{32})$/;
const ECDSA = { name: 'ECDSA', namedCurve: 'P-256' };
const SIGN = { name: 'ECDSA', hash: 'SHA-256' };
/** A token is good for at most this long, whatever its expiry says. */
export const MAX_TOKEN_LIFETIME_MS = 24 * 60 * 60 * 1000;
/**
 * How long a new token is good for: half the maximum, so a relay whose clock is behind the
 * browser's (by up to 12 hours) still accepts it instead of silently making the writer read-only.
 */
export const TOKEN_LIFETIME_MS = MAX_TOKEN_LIFETIME_MS / 2;

/**
 * @param {string} channelId 32 lower-case hex digits
 * @param {string} writerFingerprint 32 hex digits, spaces allowed (`3f2a 91c0 …`)
 */
export function mailboxName(channelId, writerFingerprint) {
	const name = `tl1-${channelId}-${writerFingerprint.replaceAll(' ', '').toLowerCase()}`;
	if (!MAILBOX_NAME.test(name)) throw new Error('Not a mailbox name');
	return name;
}

/**
 * @param {string} name
 * @returns {{ channelId: string, writer: string } | null}
 */
export function parseMailboxName(name) {
	const match = MAILBOX_NAME.exec(name);
	return match
		? { channelId: /** @type {string} */ (match[1]), writer: /** @type {string} */ (match[2]) }
		: null;
}

/** @param {JsonWebKey} publicJwk @returns {Promise<string>} 32 hex digits */
export async function keyFingerprintHex(publicJwk) {
	const key = await crypto.subtle.importKey(
		'jwk',
		{ kty: publicJwk.kty, crv: publicJwk.crv, x: publicJwk.x, y: publicJwk.y },
		ECDSA,
		true,
		['verify']
	);
	const spki = new Uint8Array(await crypto.subtle.exportKey('spki', key));
	const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', spki));
	return Array.from(digest.subarray(0, 16), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** @param {Uint8Array} bytes */
function toBase64Url(bytes) {
	let binary = '';
	for (const byte of bytes) binary += String.fromCharCode(byte);
	return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** @param {string} text */
function fromBase64Url(text) {
	if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('Not base64url');
	const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
	return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/**
 * @param {string} doc the mailbox name
 * @param {{ publicKey: JsonWebKey, privateKey: JsonWebKey }} keys the writer's identity
 * @param {number} [now]
 * @returns {Promise<string>}
 */
export async function createRelayToken(doc, keys, now = Date.now()) {
	const payload = {
		doc,
		exp: now + TOKEN_LIFETIME_MS,
		key: {
			kty: keys.publicKey.kty,
			crv: keys.publicKey.crv,
			x: keys.publicKey.x,
			y: keys.publicKey.y
		}
	};
	const body = toBase64Url(new TextEncoder().encode(JSON.stringify(payload)));
	const privateKey = await crypto.subtle.importKey('jwk', keys.privateKey, ECDSA, false, ['sign']);
	const signature = new Uint8Array(
		await crypto.subtle.sign(SIGN, privateKey, new TextEncoder().encode(body))
	);
	return `${body}.${toBase64Url(signature)}`;
}

/**
 * True only when the token was signed by the key the mailbox name commits to, names this
 * mailbox and has not expired. Never throws: anything malformed is simply not a write token.
 * @param {unknown} token
 * @param {string} doc
 * @param {number} [now]
 * @returns {Promise<boolean>}
 */
export async function verifyRelayToken(token, doc, now = Date.now()) {
	try {
		const parsed = parseMailboxName(doc);
		if (!parsed || typeof token !== 'string' || token.length > 4096) return false;
		const [body, signature, extra] = token.split('.');
		if (!body || !signature || extra !== undefined) return false;
		const payload = JSON.parse(new TextDecoder().decode(fromBase64Url(body)));
		if (payload === null || typeof payload !== 'object') return false;
		if (payload.doc !== doc) return false;
		if (typeof payload.exp !== 'number' || !Number.isFinite(payload.exp)) return false;
		if (payload.exp <= now) return false;
		if (payload.exp > now + MAX_TOKEN_LIFETIME_MS) return false;
		const jwk = payload.key;
		if (!jwk || jwk.kty !== 'EC' || jwk.crv !== 'P-256') return false;
		if (typeof jwk.x !== 'string' || typeof jwk.y !== 'string') return false;
		if ((await keyFingerprintHex(jwk)) !== parsed.writer) return false;
		const publicKey = await crypto.subtle.importKey('jwk', jwk, ECDSA, false, ['verify']);
		return await crypto.subtle.verify(
			SIGN,
			publicKey,
			fromBase64Url(signature),
			new TextEncoder().encode(body)
		);
	} catch {
		return false;
	}
}
