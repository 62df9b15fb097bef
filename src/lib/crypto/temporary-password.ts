/**
 * Temporary passwords: 20 characters drawn uniformly (rejection sampling, no modulo bias) from an
 * alphabet without look-alikes (no 0/O, 1/l/I), grouped in fives for reading aloud:
 * `k7Pq2-xR9mZ-…`. About 113 bits of entropy; shown once, stored only as a hash.
 */
export const TEMPORARY_PASSWORD_ALPHABET =
	'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const TEMPORARY_PASSWORD_LENGTH = 20;

export function generateTemporaryPassword(): string {
	const alphabet = TEMPORARY_PASSWORD_ALPHABET;
	const limit = 256 - (256 % alphabet.length);
	const chars: string[] = [];
	while (chars.length < TEMPORARY_PASSWORD_LENGTH) {
		for (const byte of crypto.getRandomValues(new Uint8Array(32))) {
			if (byte < limit && chars.length < TEMPORARY_PASSWORD_LENGTH) {
				chars.push(alphabet[byte % alphabet.length]!);
			}
		}
	}
	return (chars.join('').match(/.{5}/g) ?? []).join('-');
}
