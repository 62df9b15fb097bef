import { randomBytes, toBase64, toHex } from './encoding';

/**
 * Single-use link tokens (e.g. email verification): 256 random bits, URL-safe. Only the SHA-256
 * of a token is stored, so the database alone cannot forge or replay a link.
 */
export async function newLinkToken(): Promise<{ token: string; hash: string }> {
	const token = toBase64(randomBytes(32))
		.replaceAll('+', '-')
		.replaceAll('/', '_')
		.replace(/=+$/, '');
	return { token, hash: await hashLinkToken(token) };
}

export async function hashLinkToken(token: string): Promise<string> {
	const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token));
	return toHex(new Uint8Array(digest));
}
