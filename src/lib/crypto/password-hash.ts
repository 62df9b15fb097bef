import { constantTimeEqual, fromBase64, randomBytes, toBase64, utf8 } from './encoding';

/** OWASP's 2023 figure for PBKDF2-HMAC-SHA-256; never lower. */
export const PBKDF2_ITERATIONS = 600_000;
const SALT_BYTES = 16;
const HASH_BITS = 256;

export interface PasswordHash {
	algorithm: 'PBKDF2-SHA-256';
	iterations: number;
	salt: string;
	hash: string;
}

async function derive(password: string, salt: Uint8Array<ArrayBuffer>, iterations: number) {
	// NFC first: the same password typed as `é` or as `e` + combining accent is one password.
	const key = await crypto.subtle.importKey(
		'raw',
		utf8.encode(password.normalize('NFC')),
		'PBKDF2',
		false,
		['deriveBits']
	);
	const bits = await crypto.subtle.deriveBits(
		{ name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
		key,
		HASH_BITS
	);
	return new Uint8Array(bits);
}

export async function hashPassword(password: string): Promise<PasswordHash> {
	const salt = randomBytes(SALT_BYTES);
	const hash = await derive(password, salt, PBKDF2_ITERATIONS);
	return {
		algorithm: 'PBKDF2-SHA-256',
		iterations: PBKDF2_ITERATIONS,
		salt: toBase64(salt),
		hash: toBase64(hash)
	};
}

export async function verifyPassword(password: string, stored: PasswordHash): Promise<boolean> {
	const expected = fromBase64(stored.hash);
	const actual = await derive(password, fromBase64(stored.salt), stored.iterations);
	return constantTimeEqual(actual, expected);
}

/**
 * A hash of a random password, verified against when the email matches no user, so that a wrong
 * email takes as long as a wrong password and sign-in does not reveal which accounts exist.
 */
let decoy: Promise<PasswordHash> | undefined;
export function decoyHash(): Promise<PasswordHash> {
	decoy ??= hashPassword(toBase64(randomBytes(18)));
	return decoy;
}
