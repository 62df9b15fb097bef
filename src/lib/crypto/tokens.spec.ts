import { describe, expect, it } from 'vitest';
import { hashLinkToken, newLinkToken } from './tokens';

describe('link tokens', () => {
	it('are URL-safe, 256-bit and different every time', async () => {
		const tokens = await Promise.all(Array.from({ length: 50 }, () => newLinkToken()));
		for (const { token } of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
		expect(new Set(tokens.map((t) => t.token)).size).toBe(50);
	});

	it('store a SHA-256 hash that the token reproduces and another token does not', async () => {
		const a = await newLinkToken();
		const b = await newLinkToken();
		expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
		expect(await hashLinkToken(a.token)).toBe(a.hash);
		expect(await hashLinkToken(b.token)).not.toBe(a.hash);
		expect(a.hash).not.toContain(a.token);
	});
});
