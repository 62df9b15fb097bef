import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	encodeEnvelopeHeader,
	envelopeHeaderSchema,
	missingSeqs,
	type EnvelopeHeader,
	type PublicJwk
} from './envelope';

const CHANNEL = '0123456789abcdef0123456789abcdef';
const AUTHOR = 'fedcba9876543210fedcba9876543210';
const KEY: PublicJwk = {
	kty: 'EC',
	crv: 'P-256',
	x: 'A'.repeat(43),
	y: 'B'.repeat(43)
};

function header(overrides: Partial<EnvelopeHeader> = {}): EnvelopeHeader {
	return {
		v: 1,
		kind: 'update',
		channelId: CHANNEL,
		author: AUTHOR,
		seq: 7,
		covers: new Uint8Array([1, 200, 3]),
		compressed: true,
		...overrides
	};
}

/** Splits canonical header bytes back into their length-prefixed parts (fails on leftovers). */
function parts(bytes: Uint8Array): string[] {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const out: string[] = [];
	let offset = 0;
	while (offset < bytes.byteLength) {
		const length = view.getUint32(offset);
		const start = offset + 4;
		if (start + length > bytes.byteLength) throw new Error('part overruns the header');
		out.push(
			Array.from(bytes.subarray(start, start + length), (b) => String.fromCharCode(b)).join('')
		);
		offset = start + length;
	}
	return out;
}

const hex32 = fc.string({
	unit: fc.constantFrom(...'0123456789abcdef'),
	minLength: 32,
	maxLength: 32
});
const b64 = fc.string({
	unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'),
	minLength: 43,
	maxLength: 43
});
const arbitraryHeader: fc.Arbitrary<EnvelopeHeader> = fc.record(
	{
		v: fc.constant(1 as const),
		kind: fc.constantFrom('update', 'snapshot', 'hello'),
		channelId: fc.constantFrom(CHANNEL, AUTHOR, '0'.repeat(32)),
		author: fc.oneof(fc.constantFrom(CHANNEL, AUTHOR), hex32),
		seq: fc.oneof(
			fc.integer({ min: 1, max: 12 }),
			fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER })
		),
		covers: fc.uint8Array({ maxLength: 6 }),
		compressed: fc.boolean(),
		authorKey: fc.record({
			kty: fc.constant('EC' as const),
			crv: fc.constant('P-256' as const),
			x: fc.oneof(fc.constant(KEY.x), b64),
			y: fc.oneof(fc.constant(KEY.y), b64)
		})
	},
	{ requiredKeys: ['v', 'kind', 'channelId', 'author', 'seq', 'covers', 'compressed'] }
);

function sameHeader(a: EnvelopeHeader, b: EnvelopeHeader): boolean {
	return (
		a.v === b.v &&
		a.kind === b.kind &&
		a.channelId === b.channelId &&
		a.author === b.author &&
		a.seq === b.seq &&
		a.compressed === b.compressed &&
		a.covers.length === b.covers.length &&
		a.covers.every((byte, i) => byte === b.covers[i]) &&
		JSON.stringify(a.authorKey ?? null) === JSON.stringify(b.authorKey ?? null)
	);
}

function hex(bytes: Uint8Array): string {
	return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

describe('encodeEnvelopeHeader', () => {
	it('is deterministic and lays out eight length-prefixed fields in a fixed order', () => {
		const encoded = encodeEnvelopeHeader(header({ authorKey: KEY }));
		expect(hex(encodeEnvelopeHeader(header({ authorKey: KEY })))).toBe(hex(encoded));
		expect(parts(encoded)).toEqual([
			'tierlink-envelope/1',
			'update',
			CHANNEL,
			AUTHOR,
			'7',
			String.fromCharCode(1, 200, 3),
			'1',
			`EC.P-256.${KEY.x}.${KEY.y}`
		]);
		// Without an author key the last field is present and empty (not missing).
		const plain = parts(encodeEnvelopeHeader(header()));
		expect(plain).toHaveLength(8);
		expect(plain[7]).toBe('');
		expect(plain[6]).toBe('1');
		expect(parts(encodeEnvelopeHeader(header({ compressed: false })))[6]).toBe('0');
	});

	it('does not depend on the order in which the header object was built', () => {
		const a = header({ authorKey: KEY });
		const b: EnvelopeHeader = {
			authorKey: { y: KEY.y, x: KEY.x, crv: 'P-256', kty: 'EC' },
			compressed: a.compressed,
			covers: new Uint8Array(a.covers),
			seq: a.seq,
			author: a.author,
			channelId: a.channelId,
			kind: a.kind,
			v: 1
		};
		expect(hex(encodeEnvelopeHeader(b))).toBe(hex(encodeEnvelopeHeader(a)));
	});

	it.each<[string, Partial<EnvelopeHeader>]>([
		['kind', { kind: 'snapshot' }],
		['kind (hello)', { kind: 'hello' }],
		['channelId', { channelId: CHANNEL.replace(/f$/, 'e') }],
		['author', { author: AUTHOR.replace(/^f/, 'e') }],
		['seq', { seq: 8 }],
		['seq (more digits)', { seq: 70 }],
		['covers (one byte)', { covers: new Uint8Array([1, 200, 4]) }],
		['covers (longer)', { covers: new Uint8Array([1, 200, 3, 0]) }],
		['covers (empty)', { covers: new Uint8Array([]) }],
		['compressed', { compressed: false }],
		['authorKey (added)', { authorKey: KEY }]
	])('changes when %s changes', (_field, change) => {
		expect(hex(encodeEnvelopeHeader(header(change)))).not.toBe(hex(encodeEnvelopeHeader(header())));
	});

	it('changes when any coordinate of the author key changes', () => {
		const base = hex(encodeEnvelopeHeader(header({ authorKey: KEY })));
		const otherX = { ...KEY, x: `${KEY.x.slice(0, -1)}C` };
		const otherY = { ...KEY, y: `${KEY.y.slice(0, -1)}C` };
		expect(hex(encodeEnvelopeHeader(header({ authorKey: otherX })))).not.toBe(base);
		expect(hex(encodeEnvelopeHeader(header({ authorKey: otherY })))).not.toBe(base);
		// x and y swapped: same characters, other key
		const swapped = { ...KEY, x: KEY.y, y: KEY.x };
		expect(hex(encodeEnvelopeHeader(header({ authorKey: swapped })))).not.toBe(base);
	});

	it('keeps field boundaries: moving characters from one field into the next gives other bytes', () => {
		// Concatenated without lengths, these pairs would read the same.
		const a = encodeEnvelopeHeader(header({ channelId: 'ab', author: 'c' }));
		const b = encodeEnvelopeHeader(header({ channelId: 'a', author: 'bc' }));
		expect(hex(a)).not.toBe(hex(b));
		const c = encodeEnvelopeHeader(header({ kind: 'update', channelId: `${CHANNEL}` }));
		const d = encodeEnvelopeHeader(header({ kind: 'updat' as never, channelId: `e${CHANNEL}` }));
		expect(hex(c)).not.toBe(hex(d));
		// seq 1 followed by covers [0x32] vs seq 12 followed by empty covers ('2' is 0x32)
		const e = encodeEnvelopeHeader(header({ seq: 1, covers: new Uint8Array([0x32]) }));
		const f = encodeEnvelopeHeader(header({ seq: 12, covers: new Uint8Array([]) }));
		expect(hex(e)).not.toBe(hex(f));
		// covers ending in '1' (0x31) + compressed false vs shorter covers + compressed true + '0'…
		const g = encodeEnvelopeHeader(header({ covers: new Uint8Array([0x31]), compressed: false }));
		const h = encodeEnvelopeHeader(header({ covers: new Uint8Array([]), compressed: true }));
		expect(hex(g)).not.toBe(hex(h));
	});

	it('never gives two different headers the same bytes (property)', () => {
		fc.assert(
			fc.property(arbitraryHeader, arbitraryHeader, (a, b) => {
				const same = hex(encodeEnvelopeHeader(a)) === hex(encodeEnvelopeHeader(b));
				expect(same).toBe(sameHeader(a, b));
			}),
			{ numRuns: 500 }
		);
	});

	it('decodes back to every field of any valid header (property)', () => {
		fc.assert(
			fc.property(arbitraryHeader, (h) => {
				expect(envelopeHeaderSchema.safeParse(h).success).toBe(true);
				const decoded = parts(encodeEnvelopeHeader(h));
				expect(decoded).toHaveLength(8);
				expect(decoded.slice(1, 5)).toEqual([h.kind, h.channelId, h.author, String(h.seq)]);
				expect(decoded[5]).toBe(String.fromCharCode(...h.covers));
			}),
			{ numRuns: 200 }
		);
	});
});

describe('missingSeqs', () => {
	it('is empty for nothing seen and for an unbroken run', () => {
		expect(missingSeqs([])).toEqual([]);
		expect(missingSeqs([1])).toEqual([]);
		expect(missingSeqs([3, 1, 2, 2])).toEqual([]);
	});

	it('lists the gaps below the highest seq seen, in order', () => {
		expect(missingSeqs([1, 3])).toEqual([2]);
		expect(missingSeqs([5])).toEqual([1, 2, 3, 4]);
		expect(missingSeqs(new Set([9, 2, 5]))).toEqual([1, 3, 4, 6, 7, 8]);
	});

	it('cannot see what was withheld after the highest seq', () => {
		expect(missingSeqs([1, 2, 3])).toEqual([]);
	});

	it('ignores everything a snapshot replaced', () => {
		// a snapshot at seq 10: envelopes 1–9 were compacted away, not withheld
		expect(missingSeqs([10, 11, 13], 10)).toEqual([12]);
		expect(missingSeqs([10, 12], 5)).toEqual([6, 7, 8, 9, 11]);
		expect(missingSeqs([3], 3)).toEqual([]);
		// seqs at or below the floor do not count as seen gaps either
		expect(missingSeqs([1, 2, 10, 14], 10)).toEqual([11, 12, 13]);
	});

	it('stops at the limit', () => {
		expect(missingSeqs([1000])).toHaveLength(100);
		expect(missingSeqs([1000])[99]).toBe(100);
		expect(missingSeqs([1000], 0, 3)).toEqual([1, 2, 3]);
		expect(missingSeqs([1000], 500, 2)).toEqual([501, 502]);
		expect(missingSeqs([1, 5], 0, 0)).toEqual([]);
	});

	it('agrees with a naive definition (property)', () => {
		fc.assert(
			fc.property(
				fc.array(fc.integer({ min: 1, max: 60 }), { maxLength: 30 }),
				fc.integer({ min: 0, max: 60 }),
				fc.integer({ min: 0, max: 80 }),
				(seen, floor, limit) => {
					const max = Math.max(0, ...seen);
					const expected: number[] = [];
					for (let seq = floor + 1; seq < max; seq++) if (!seen.includes(seq)) expected.push(seq);
					expect(missingSeqs(seen, floor, limit)).toEqual(expected.slice(0, limit));
				}
			)
		);
	});
});
