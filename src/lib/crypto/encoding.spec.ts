import { describe, expect, it } from 'vitest';
import { constantTimeEqual, fromBase64, randomBytes, toBase64, toHex, utf8 } from './encoding';

describe('base64', () => {
	it.each<[number[], string]>([
		[[], ''],
		[[0], 'AA=='],
		[[0, 1], 'AAE='],
		[[0, 1, 2], 'AAEC'],
		[[251, 255, 191], '+/+/']
	])('encodes %j as %j and back', (bytes, text) => {
		expect(toBase64(new Uint8Array(bytes))).toBe(text);
		expect([...fromBase64(text)]).toEqual(bytes);
	});

	it('round-trips large arrays (longer than one encoding chunk)', () => {
		// getRandomValues caps at 64 KiB; a pattern with every byte value does as well here
		const bytes = Uint8Array.from({ length: 100_000 }, (_, i) => (i * 7919) % 256);
		const text = toBase64(bytes);
		expect(text).toBe(Buffer.from(bytes).toString('base64'));
		expect(fromBase64(text)).toEqual(bytes);
	});

	it.each([
		['wrong padding length', 'AAE'],
		['too much padding', 'AA==='],
		['padding in the middle', 'AA==AAAA'],
		['URL-safe alphabet', 'ab-_'],
		['spaces', 'AA AA'],
		['a newline', 'AAAA\nAAAA'],
		['non-ASCII letters', 'ééé=']
	])('rejects %s', (_label, text) => {
		expect(() => fromBase64(text)).toThrow('Not base64');
	});
});

describe('toHex', () => {
	it('writes two lower-case digits per byte', () => {
		expect(toHex(new Uint8Array([0, 10, 255]))).toBe('000aff');
	});
});

describe('randomBytes', () => {
	it('returns the requested length, different every time', () => {
		const a = randomBytes(16);
		expect(a).toHaveLength(16);
		expect(toHex(a)).not.toBe(toHex(randomBytes(16)));
	});
});

describe('constantTimeEqual', () => {
	it.each<[string, number[], number[], boolean]>([
		['equal arrays', [1, 2, 3], [1, 2, 3], true],
		['empty arrays', [], [], true],
		['a difference in the last byte', [1, 2, 3], [1, 2, 4], false],
		['a difference in the first byte', [9, 2, 3], [1, 2, 3], false],
		['a single high bit', [0x80], [0x00], false],
		['a prefix', [1, 2], [1, 2, 3], false],
		['different lengths, same start', [1, 2, 3, 0], [1, 2, 3], false]
	])('%s → %s', (_label, a, b, equal) => {
		expect(constantTimeEqual(new Uint8Array(a), new Uint8Array(b))).toBe(equal);
	});
});

describe('utf8', () => {
	it('round-trips accented text', () => {
		const text = 'Société Générale — Ébénisterie Côté 🔑';
		expect(utf8.decode(utf8.encode(text))).toBe(text);
		expect(utf8.encode('é')).toEqual(new Uint8Array([0xc3, 0xa9]));
	});

	it('refuses invalid UTF-8 instead of replacing it', () => {
		expect(() => utf8.decode(new Uint8Array([0xc3, 0x28]))).toThrow();
	});
});
