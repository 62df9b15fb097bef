import { beforeAll, describe, expect, it } from 'vitest';
import { fromBase64 } from './encoding';
import {
	decoyHash,
	hashPassword,
	PBKDF2_ITERATIONS,
	verifyPassword,
	type PasswordHash
} from './password-hash';

// PBKDF2 at 600,000 iterations costs ~0.3 s per hash: hash twice, share the results.
const password = 'Mot-de-passe-très-sûr-42';
let first: PasswordHash;
let second: PasswordHash;

beforeAll(async () => {
	[first, second] = await Promise.all([hashPassword(password), hashPassword(password)]);
});

describe('hashPassword', () => {
	it('uses PBKDF2-SHA-256 with at least 600,000 iterations', () => {
		expect(PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(600_000);
		expect(first.algorithm).toBe('PBKDF2-SHA-256');
		expect(first.iterations).toBeGreaterThanOrEqual(600_000);
	});

	it('stores a 16-byte salt and a 32-byte hash, never the password', () => {
		expect(fromBase64(first.salt)).toHaveLength(16);
		expect(fromBase64(first.hash)).toHaveLength(32);
		expect(JSON.stringify(first)).not.toContain(password);
	});

	it('uses a different salt, hence a different hash, every time', () => {
		expect(second.salt).not.toBe(first.salt);
		expect(second.hash).not.toBe(first.hash);
	});
});

describe('verifyPassword', () => {
	it('accepts the password against both hashes', async () => {
		const results = await Promise.all([
			verifyPassword(password, first),
			verifyPassword(password, second)
		]);
		expect(results).toEqual([true, true]);
	});

	it.each([
		['a wrong password', 'Mot-de-passe-très-sûr-43'],
		['a different case', 'mot-de-passe-très-sûr-42']
	])('refuses %s', async (_label, attempt) => {
		expect(await verifyPassword(attempt, first)).toBe(false);
	});

	it('refuses the password against a hash whose salt was swapped', async () => {
		expect(await verifyPassword(password, { ...first, salt: second.salt })).toBe(false);
	});
});

describe('decoyHash', () => {
	it('is a real hash, computed once and reused', async () => {
		const decoy = await decoyHash();
		expect(decoy.iterations).toBe(PBKDF2_ITERATIONS);
		expect(await decoyHash()).toBe(decoy);
	});
});
