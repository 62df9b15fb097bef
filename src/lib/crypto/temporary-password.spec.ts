import { describe, expect, it } from 'vitest';
import { passwordPolicyError } from '$lib/domain/password-policy';
import { generateTemporaryPassword } from './temporary-password';

// Written out here rather than imported: letters and digits without the look-alikes 0/O, 1/l/I.
const ALPHABET = 'abcdefghijkmnopqrstuvwxyz' + 'ABCDEFGHJKLMNPQRSTUVWXYZ' + '23456789';
const SHAPE = new RegExp(`^[${ALPHABET}]{5}(?:-[${ALPHABET}]{5}){3}$`);

const sample = (count: number) => Array.from({ length: count }, generateTemporaryPassword);

describe('generateTemporaryPassword', () => {
	const passwords = sample(200);

	it('has no look-alike characters in its alphabet', () => {
		expect(ALPHABET).toHaveLength(57);
		expect(ALPHABET).not.toMatch(/[0O1lI]/);
	});

	it.each(passwords.slice(0, 20).map((password) => [password]))(
		'%s is 20 alphabet characters in groups of five',
		(password) => {
			expect(password).toMatch(SHAPE);
			expect(password.replaceAll('-', '')).toHaveLength(20);
			expect(password.length).toBeGreaterThanOrEqual(16);
		}
	);

	it('always meets the password policy', () => {
		for (const password of passwords) {
			expect(password).toMatch(SHAPE);
			expect(passwordPolicyError(password, 'bruno.martin@contoso.example')).toBeNull();
		}
	});

	it('never repeats itself', () => {
		expect(new Set(passwords).size).toBe(passwords.length);
	});

	it('uses every character about equally often', () => {
		// 2,000 passwords × 20 characters = 40,000 draws over 57 characters: ~702 each, σ ≈ 26.
		const counts = new Map<string, number>([...ALPHABET].map((char) => [char, 0]));
		for (const password of sample(2000)) {
			for (const char of password.replaceAll('-', '')) counts.set(char, counts.get(char)! + 1);
		}
		expect(counts.size).toBe(ALPHABET.length);
		const draws = 2000 * 20;
		const expected = draws / ALPHABET.length;
		const values = [...counts.values()];
		// ±25% is over 6 σ for every character: a fair generator fails this about once in 10^9 runs.
		expect(Math.min(...values)).toBeGreaterThan(expected * 0.75);
		expect(Math.max(...values)).toBeLessThan(expected * 1.25);
		// χ² with 56 degrees of freedom has mean 56; above 150 has p ≈ 10^-10 when the draws are
		// uniform, while a plain `byte % 57` (modulo bias) would score about 500 here.
		const chiSquare = values.reduce((sum, n) => sum + (n - expected) ** 2 / expected, 0);
		expect(chiSquare).toBeLessThan(150);
	});

	it('fills every position of the password, not only some', () => {
		// Per position, 2,000 draws over 57 characters: each position should see most characters.
		const perPosition = Array.from({ length: 20 }, () => new Set<string>());
		for (const password of sample(2000)) {
			[...password.replaceAll('-', '')].forEach((char, i) => perPosition[i]!.add(char));
		}
		for (const seen of perPosition) expect(seen.size).toBe(ALPHABET.length);
	});
});
