import { describe, expect, it } from 'vitest';
import { deflate, inflate } from './compression';
import { randomBytes, utf8 } from './encoding';

describe('deflate / inflate', () => {
	it('round-trips text and shrinks repetitive data', async () => {
		const text = 'Société Générale Équipements, abonnement Microsoft 365 E3; '.repeat(500);
		const compressed = await deflate(utf8.encode(text));
		expect(compressed.length).toBeLessThan(text.length / 10);
		expect(utf8.decode(await inflate(compressed))).toBe(text);
	});

	it.each([0, 1, 65_536])('round-trips %i random bytes', async (size) => {
		const bytes = randomBytes(size);
		expect(await inflate(await deflate(bytes))).toEqual(bytes);
	});

	it('refuses output larger than the limit', async () => {
		const bomb = await deflate(new Uint8Array(1_000_000));
		expect(bomb.length).toBeLessThan(5_000);
		await expect(inflate(bomb, 100_000)).rejects.toThrow('size limit');
		expect(await inflate(bomb, 1_000_000)).toHaveLength(1_000_000);
	});

	it('rejects corrupt input', async () => {
		await expect(inflate(new Uint8Array([0xff, 0xff, 0xff, 0xff]))).rejects.toThrow();
	});
});
