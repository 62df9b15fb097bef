import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { channelCryptoKey, encrypt, newChannelKey } from '$lib/crypto/channel-cipher';
import { deflate } from '$lib/crypto/compression';
import { randomBytes, toHex, utf8 } from '$lib/crypto/encoding';
import { newSigningKeyPair, sign } from '$lib/crypto/signing';
import {
	encodeEnvelopeHeader,
	MAX_CIPHERTEXT_BYTES,
	MAX_COVERS_BYTES,
	MAX_PLAINTEXT_BYTES,
	type DropReason,
	type Envelope,
	type EnvelopeHeader,
	type PublicJwk
} from '$lib/domain/envelope';
import { openEnvelope, sealEnvelope } from './envelope';
import { keyFingerprintHex } from './relay-token';

interface Author {
	publicKey: JsonWebKey;
	privateKey: JsonWebKey;
	fingerprint: string;
}

async function newAuthor(): Promise<Author> {
	const pair = await newSigningKeyPair();
	return { ...pair, fingerprint: await keyFingerprintHex(pair.publicKey) };
}

let author: Author;
let stranger: Author;
let channelId: string;
let channelKey: CryptoKey;
let otherChannelKey: CryptoKey;

beforeAll(async () => {
	[author, stranger] = await Promise.all([newAuthor(), newAuthor()]);
	channelId = toHex(randomBytes(16));
	channelKey = await channelCryptoKey(newChannelKey());
	otherChannelKey = await channelCryptoKey(newChannelKey());
});

function expectation(overrides: Partial<Parameters<typeof openEnvelope>[1]> = {}) {
	return {
		channelId,
		author: author.fingerprint,
		authorKey: author.publicKey,
		channelKey,
		...overrides
	};
}

const TEXT = utf8.encode('Contoso Ltd, Microsoft 365 E3, 25 seats; '.repeat(200));

async function seal(
	plaintext: Uint8Array<ArrayBuffer> = TEXT,
	header: Partial<Omit<EnvelopeHeader, 'v' | 'compressed'>> = {},
	keys: { channelKey?: CryptoKey; authorPrivateKey?: JsonWebKey } = {}
): Promise<Envelope> {
	return sealEnvelope(
		{
			kind: 'update',
			channelId,
			author: author.fingerprint,
			seq: 3,
			covers: new Uint8Array([1, 2, 3, 4]),
			...header
		},
		plaintext,
		{
			channelKey: keys.channelKey ?? channelKey,
			authorPrivateKey: keys.authorPrivateKey ?? author.privateKey
		}
	);
}

/** Encrypts and signs raw bytes under a chosen header, as a malicious but key-holding author could. */
async function forge(
	header: EnvelopeHeader,
	payload: Uint8Array<ArrayBuffer>,
	keys: { channelKey?: CryptoKey; authorPrivateKey?: JsonWebKey } = {}
): Promise<Envelope> {
	const aad = encodeEnvelopeHeader(header);
	const { iv, ciphertext } = await encrypt(keys.channelKey ?? channelKey, payload, aad);
	const signature = await resign(aad, iv, ciphertext, keys.authorPrivateKey ?? author.privateKey);
	return { ...header, iv, ciphertext, signature };
}

function resign(aad: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array, privateKey: JsonWebKey) {
	const bytes = new Uint8Array(aad.byteLength + iv.byteLength + ciphertext.byteLength);
	bytes.set(aad, 0);
	bytes.set(iv, aad.byteLength);
	bytes.set(ciphertext, aad.byteLength + iv.byteLength);
	return sign(privateKey, bytes);
}

function headerOf(envelope: Envelope): EnvelopeHeader {
	const { iv: _iv, ciphertext: _c, signature: _s, ...header } = envelope;
	return header;
}

function flip(bytes: Uint8Array, index: number): Uint8Array<ArrayBuffer> {
	const copy = new Uint8Array(bytes);
	copy[index] = (copy[index] ?? 0) ^ 0x01;
	return copy;
}

/** Opens and checks it failed for `reason`, proving along the way that it did not throw. */
async function expectDropped(raw: unknown, reason: DropReason, expect_ = expectation()) {
	const result = await openEnvelope(raw, expect_);
	expect(result).toEqual({ ok: false, reason });
}

describe('sealEnvelope / openEnvelope round trip', () => {
	it('compresses a compressible update and gets it back', async () => {
		const envelope = await seal(TEXT);
		expect(envelope.compressed).toBe(true);
		expect(envelope.ciphertext.byteLength).toBeLessThan(TEXT.byteLength / 4);
		expect(envelope.iv.byteLength).toBe(12);
		expect(envelope.signature.byteLength).toBe(64);
		const opened = await openEnvelope(envelope, expectation());
		expect(opened.ok).toBe(true);
		if (!opened.ok) return;
		expect(utf8.decode(opened.plaintext)).toBe(utf8.decode(TEXT));
		expect(opened.envelope.seq).toBe(3);
	});

	it('leaves incompressible and tiny updates uncompressed and gets them back', async () => {
		for (const plaintext of [randomBytes(4096), utf8.encode('tiny'), new Uint8Array(0)]) {
			const envelope = await seal(plaintext);
			expect(envelope.compressed).toBe(false);
			const opened = await openEnvelope(envelope, expectation());
			expect(opened.ok && Array.from(opened.plaintext)).toEqual(Array.from(plaintext));
		}
	});

	it('does not reveal the plaintext in the ciphertext', async () => {
		const envelope = await seal(utf8.encode('Contoso Ltd'.padEnd(40, '.')));
		expect(
			utf8.decode(new Uint8Array(envelope.ciphertext.map((b) => (b < 32 || b > 126 ? 46 : b))))
		).not.toContain('Contoso');
	});

	it('uses a fresh IV for every envelope', async () => {
		const [a, b] = await Promise.all([seal(), seal()]);
		expect(toHex(a.iv)).not.toBe(toHex(b.iv));
		expect(toHex(a.ciphertext)).not.toBe(toHex(b.ciphertext));
	});

	it('opens an envelope that travelled through a Y.Array (sub-array buffers)', async () => {
		const writer = new Y.Doc();
		writer
			.getArray('envelopes')
			.push([await seal(TEXT, { seq: 1 }), await seal(randomBytes(100), { seq: 2 })]);
		const reader = new Y.Doc();
		Y.applyUpdate(reader, Y.encodeStateAsUpdate(writer));
		const items = reader.getArray('envelopes').toArray();
		const first = items[0] as Envelope;
		// decoded byte fields share the update's buffer
		expect(first.ciphertext.buffer.byteLength).toBeGreaterThan(first.ciphertext.byteLength);
		for (const item of items) expect((await openEnvelope(item, expectation())).ok).toBe(true);
	});

	it('round-trips a hello carrying the author key', async () => {
		const authorKey = {
			kty: 'EC',
			crv: 'P-256',
			x: author.publicKey.x,
			y: author.publicKey.y
		} as PublicJwk;
		const envelope = await seal(utf8.encode('{"hello":1}'), { kind: 'hello', seq: 1, authorKey });
		const opened = await openEnvelope(envelope, expectation());
		expect(opened.ok && opened.envelope.authorKey).toEqual(authorKey);
		// swapping the advertised key for the stranger's breaks the signature
		const swapped = {
			...envelope,
			authorKey: { ...authorKey, x: stranger.publicKey.x, y: stranger.publicKey.y }
		};
		await expectDropped(swapped, 'bad_signature');
		// removing it too
		const { authorKey: _removed, ...without } = envelope;
		await expectDropped(without, 'bad_signature');
	});
});

describe('openEnvelope refuses, with the right reason, and never throws', () => {
	it('a flipped ciphertext byte (bad_signature), anywhere', async () => {
		const envelope = await seal();
		for (const index of [
			0,
			envelope.ciphertext.byteLength >> 1,
			envelope.ciphertext.byteLength - 1
		]) {
			await expectDropped(
				{ ...envelope, ciphertext: flip(envelope.ciphertext, index) },
				'bad_signature'
			);
		}
	});

	it('a truncated or extended ciphertext (bad_signature)', async () => {
		const envelope = await seal();
		await expectDropped(
			{ ...envelope, ciphertext: envelope.ciphertext.slice(0, -1) },
			'bad_signature'
		);
		const longer = new Uint8Array(envelope.ciphertext.byteLength + 1);
		longer.set(envelope.ciphertext);
		await expectDropped({ ...envelope, ciphertext: longer }, 'bad_signature');
	});

	it('a flipped IV byte (bad_signature)', async () => {
		const envelope = await seal();
		await expectDropped({ ...envelope, iv: flip(envelope.iv, 0) }, 'bad_signature');
		await expectDropped({ ...envelope, iv: flip(envelope.iv, 11) }, 'bad_signature');
	});

	it.each<[string, (e: Envelope) => Partial<Envelope>]>([
		['seq', (e) => ({ seq: e.seq + 1 })],
		['seq (replayed as 1)', () => ({ seq: 1 })],
		['covers', (e) => ({ covers: flip(e.covers, 0) })],
		['covers (shortened)', (e) => ({ covers: e.covers.slice(0, -1) })],
		['kind', () => ({ kind: 'snapshot' })],
		['compressed', (e) => ({ compressed: !e.compressed })],
		[
			'authorKey (added)',
			() => ({ authorKey: { kty: 'EC', crv: 'P-256', x: 'A'.repeat(43), y: 'B'.repeat(43) } })
		]
	])('a changed header field: %s (bad_signature)', async (_field, change) => {
		const envelope = await seal();
		await expectDropped({ ...envelope, ...change(envelope) }, 'bad_signature');
	});

	it('a changed channelId (wrong_channel), and one changed to ours from another channel (bad_signature)', async () => {
		const envelope = await seal();
		const other = toHex(randomBytes(16));
		await expectDropped({ ...envelope, channelId: other }, 'wrong_channel');
		const elsewhere = await seal(TEXT, { channelId: other });
		await expectDropped({ ...elsewhere, channelId }, 'bad_signature');
	});

	it('a header changed and re-signed by the author over the old ciphertext (cannot_decrypt: the header is AES-GCM additional data)', async () => {
		const envelope = await seal();
		const header = { ...headerOf(envelope), seq: envelope.seq + 10 };
		const signature = await resign(
			encodeEnvelopeHeader(header),
			envelope.iv,
			envelope.ciphertext,
			author.privateKey
		);
		await expectDropped(
			{ ...header, iv: envelope.iv, ciphertext: envelope.ciphertext, signature },
			'cannot_decrypt'
		);
	});

	it('another channel key, correctly signed (cannot_decrypt)', async () => {
		const envelope = await seal(TEXT, {}, { channelKey: otherChannelKey });
		await expectDropped(envelope, 'cannot_decrypt');
		// and the same envelope opens under its own key
		expect((await openEnvelope(envelope, expectation({ channelKey: otherChannelKey }))).ok).toBe(
			true
		);
	});

	it('an author other than the one expected (unknown_author)', async () => {
		const envelope = await seal(
			TEXT,
			{ author: stranger.fingerprint },
			{ authorPrivateKey: stranger.privateKey }
		);
		await expectDropped(envelope, 'unknown_author');
		// even when the reader is told the stranger's key, the fingerprint must match too
		await expectDropped(envelope, 'unknown_author', expectation({ authorKey: stranger.publicKey }));
	});

	it('a signature by another key under our author’s fingerprint (bad_signature)', async () => {
		const envelope = await seal(TEXT, {}, { authorPrivateKey: stranger.privateKey });
		expect(envelope.author).toBe(author.fingerprint);
		await expectDropped(envelope, 'bad_signature');
	});

	it('a signature of the right length that is not one (bad_signature)', async () => {
		const envelope = await seal();
		await expectDropped({ ...envelope, signature: new Uint8Array(64) }, 'bad_signature');
		await expectDropped({ ...envelope, signature: flip(envelope.signature, 40) }, 'bad_signature');
		await expectDropped({ ...envelope, signature: new Uint8Array(64).fill(0xff) }, 'bad_signature');
	});

	it('a truncated or padded signature (malformed)', async () => {
		const envelope = await seal();
		await expectDropped({ ...envelope, signature: envelope.signature.slice(0, 63) }, 'malformed');
		await expectDropped({ ...envelope, signature: new Uint8Array(0) }, 'malformed');
		const padded = new Uint8Array(65);
		padded.set(envelope.signature);
		await expectDropped({ ...envelope, signature: padded }, 'malformed');
	});

	it('a key that does not import (bad_signature, no throw)', async () => {
		const envelope = await seal();
		await expectDropped(
			envelope,
			'bad_signature',
			expectation({ authorKey: { kty: 'EC', crv: 'P-256', x: 'AAAA', y: 'BBBB' } })
		);
		await expectDropped(envelope, 'bad_signature', expectation({ authorKey: {} }));
	});

	it.each<[string, unknown]>([
		['null', null],
		['undefined', undefined],
		['a number', 42],
		['a string', 'envelope'],
		['a boolean', true],
		['an array', [1, 2, 3]],
		['an empty object', {}],
		['a Uint8Array', new Uint8Array(100)],
		['a Map', new Map()]
	])('non-envelope garbage: %s (malformed)', async (_what, raw) => {
		await expectDropped(raw, 'malformed');
	});

	it.each([
		'v',
		'kind',
		'channelId',
		'author',
		'seq',
		'covers',
		'compressed',
		'iv',
		'ciphertext',
		'signature'
	])('a missing %s (malformed)', async (field) => {
		const envelope: Record<string, unknown> = { ...(await seal()) };
		delete envelope[field];
		await expectDropped(envelope, 'malformed');
	});

	it.each<[string, Record<string, unknown>]>([
		['an extra field', { extra: 1 }],
		[
			'an extra __proto__-named own field',
			JSON.parse('{"__proto__": {"seq": 1}}') as Record<string, unknown>
		],
		['v 2', { v: 2 }],
		['an unknown kind', { kind: 'delete' }],
		['seq 0', { seq: 0 }],
		['a fractional seq', { seq: 1.5 }],
		['a seq beyond safe integers', { seq: 2 ** 60 }],
		['a seq as a string', { seq: '3' }],
		['a channelId in upper case', { channelId: 'A'.repeat(32) }],
		['an author of 31 digits', { author: 'a'.repeat(31) }],
		['bytes as a plain array', { ciphertext: [1, 2, 3] }],
		['bytes as a string', { iv: 'AAAAAAAAAAAAAAAA' }],
		['an IV of 16 bytes', { iv: new Uint8Array(16) }],
		['compressed as 1', { compressed: 1 }],
		[
			'a malformed author key',
			{ authorKey: { kty: 'EC', crv: 'P-384', x: 'A'.repeat(43), y: 'B'.repeat(43) } }
		]
	])('%s (malformed)', async (_what, change) => {
		const envelope = await seal();
		await expectDropped({ ...envelope, ...change }, 'malformed');
	});

	it('an object whose getters throw, or a proxy that throws (malformed)', async () => {
		const envelope = await seal();
		const booby = Object.defineProperty({ ...envelope }, 'seq', {
			get() {
				throw new Error('boom');
			},
			enumerable: true
		});
		await expectDropped(booby, 'malformed');
		const proxy = new Proxy(
			{},
			{
				get() {
					throw new Error('boom');
				},
				ownKeys() {
					throw new Error('boom');
				},
				getPrototypeOf() {
					throw new Error('boom');
				}
			}
		);
		await expectDropped(proxy, 'malformed');
	});

	it('a ciphertext over the limit (too_large), and a state vector over the limit (too_large)', async () => {
		const envelope = await seal();
		await expectDropped(
			{ ...envelope, ciphertext: new Uint8Array(MAX_CIPHERTEXT_BYTES + 1) },
			'too_large'
		);
		await expectDropped({ ...envelope, covers: new Uint8Array(MAX_COVERS_BYTES + 1) }, 'too_large');
		// at the limit it is merely a bad signature
		await expectDropped(
			{ ...envelope, ciphertext: new Uint8Array(MAX_CIPHERTEXT_BYTES) },
			'bad_signature'
		);
	});

	it('a deflate bomb inside a validly signed and encrypted envelope (too_large after inflation)', async () => {
		const bomb = await deflate(new Uint8Array(MAX_PLAINTEXT_BYTES + 4 * 1024 * 1024));
		expect(bomb.byteLength).toBeLessThan(MAX_CIPHERTEXT_BYTES);
		const header: EnvelopeHeader = {
			v: 1,
			kind: 'update',
			channelId,
			author: author.fingerprint,
			seq: 4,
			covers: new Uint8Array([0]),
			compressed: true
		};
		const envelope = await forge(header, bomb);
		await expectDropped(envelope, 'too_large');
		// just under the limit the same construction opens: the refusal is the size, nothing else
		const fits = await forge(header, await deflate(new Uint8Array(1024 * 1024)));
		const opened = await openEnvelope(fits, expectation());
		expect(opened.ok && opened.plaintext.byteLength).toBe(1024 * 1024);
	});

	it('a compressed flag over bytes that are not deflate (cannot_apply)', async () => {
		const header: EnvelopeHeader = {
			v: 1,
			kind: 'update',
			channelId,
			author: author.fingerprint,
			seq: 5,
			covers: new Uint8Array([0]),
			compressed: true
		};
		await expectDropped(
			await forge(header, new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x00])),
			'cannot_apply'
		);
	});

	it('leaves the envelope it was given untouched', async () => {
		const envelope = await seal();
		const before = {
			...envelope,
			iv: toHex(envelope.iv),
			ciphertext: toHex(envelope.ciphertext),
			signature: toHex(envelope.signature)
		};
		await openEnvelope({ ...envelope, seq: 99 }, expectation());
		await openEnvelope(envelope, expectation());
		expect({
			...envelope,
			iv: toHex(envelope.iv),
			ciphertext: toHex(envelope.ciphertext),
			signature: toHex(envelope.signature)
		}).toEqual(before);
	});
});
