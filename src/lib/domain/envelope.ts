import { z } from 'zod';

/**
 * Envelopes: what travels between partners (DESIGN.md §3). Only the shape and the limits live
 * here; sealing and opening (WebCrypto) are in `sync/envelope.ts`.
 *
 * - `update`: a Yjs update of the author's feed (coalesced per transaction);
 * - `snapshot`: the whole feed, replacing every earlier envelope of the mailbox (compaction);
 * - `hello`: an invitee's signed acceptance, written to the invitation's reply mailbox. It carries
 *   the author's public key in the header because the inviter does not know it yet.
 */
export const ENVELOPE_VERSION = 1;
export const envelopeKinds = ['update', 'snapshot', 'hello'] as const;
export type EnvelopeKind = (typeof envelopeKinds)[number];

/** Largest ciphertext accepted (1 MiB) and largest update once inflated (16 MiB). */
export const MAX_CIPHERTEXT_BYTES = 1024 * 1024;
export const MAX_PLAINTEXT_BYTES = 16 * 1024 * 1024;
/** A state vector of more than this many bytes is not one we wrote. */
export const MAX_COVERS_BYTES = 4096;

const hex32 = z.string().regex(/^[0-9a-f]{32}$/);
const bytes = (max: number) =>
	z.instanceof(Uint8Array).refine((value) => value.byteLength <= max, { error: 'too_large' });

export const publicJwkSchema = z.strictObject({
	kty: z.literal('EC'),
	crv: z.literal('P-256'),
	x: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
	y: z.string().regex(/^[A-Za-z0-9_-]{43}$/)
});
export type PublicJwk = z.infer<typeof publicJwkSchema>;

export const privateJwkSchema = publicJwkSchema.extend({
	d: z.string().regex(/^[A-Za-z0-9_-]{43}$/)
});
export type PrivateJwk = z.infer<typeof privateJwkSchema>;

/** The signed, authenticated header: everything but the IV, ciphertext and signature. */
export const envelopeHeaderSchema = z.strictObject({
	v: z.literal(ENVELOPE_VERSION),
	kind: z.enum(envelopeKinds),
	channelId: hex32,
	/** fingerprint (32 hex digits) of the author's identity key */
	author: hex32,
	/** 1, 2, 3… per author and channel */
	seq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
	/** the feed's Yjs state vector after this envelope */
	covers: bytes(MAX_COVERS_BYTES),
	compressed: z.boolean(),
	/** only in `hello` envelopes */
	authorKey: publicJwkSchema.optional()
});
export type EnvelopeHeader = z.infer<typeof envelopeHeaderSchema>;

export const envelopeSchema = envelopeHeaderSchema.extend({
	// exact lengths: a wrong IV or signature length is malformed, not "too large"
	iv: z.instanceof(Uint8Array).refine((value) => value.byteLength === 12, { error: 'iv_length' }),
	ciphertext: bytes(MAX_CIPHERTEXT_BYTES),
	signature: z
		.instanceof(Uint8Array)
		.refine((value) => value.byteLength === 64, { error: 'signature_length' })
});
export type Envelope = z.infer<typeof envelopeSchema>;

/** Why an envelope was dropped; the sync status page counts each. */
export const dropReasons = [
	'malformed',
	'too_large',
	'wrong_channel',
	'unknown_author',
	'bad_signature',
	'cannot_decrypt',
	'replayed',
	'cannot_apply'
] as const;
export type DropReason = (typeof dropReasons)[number];

/**
 * The header's canonical bytes: length-prefixed fields in a fixed order, so the same header
 * always signs the same way and no field can bleed into the next.
 */
export function encodeEnvelopeHeader(header: EnvelopeHeader): Uint8Array<ArrayBuffer> {
	const text = new TextEncoder();
	const parts: Uint8Array[] = [
		text.encode(`tierlink-envelope/${header.v}`),
		text.encode(header.kind),
		text.encode(header.channelId),
		text.encode(header.author),
		text.encode(String(header.seq)),
		header.covers,
		text.encode(header.compressed ? '1' : '0'),
		text.encode(
			header.authorKey
				? `${header.authorKey.kty}.${header.authorKey.crv}.${header.authorKey.x}.${header.authorKey.y}`
				: ''
		)
	];
	const length = parts.reduce((sum, part) => sum + 4 + part.byteLength, 0);
	const out = new Uint8Array(length);
	const view = new DataView(out.buffer);
	let offset = 0;
	for (const part of parts) {
		view.setUint32(offset, part.byteLength);
		out.set(part, offset + 4);
		offset += 4 + part.byteLength;
	}
	return out;
}

/**
 * Seqs missing between 1 and the highest seq seen, ignoring everything a snapshot replaced:
 * envelopes someone withheld or deleted.
 */
export function missingSeqs(seen: Iterable<number>, snapshotSeq = 0, limit = 100): number[] {
	const set = new Set(seen);
	let max = 0;
	for (const seq of set) max = Math.max(max, seq);
	const missing: number[] = [];
	for (let seq = snapshotSeq + 1; seq < max && missing.length < limit; seq++) {
		if (!set.has(seq)) missing.push(seq);
	}
	return missing;
}
