import { deflate, inflate } from '$lib/crypto/compression';
import { decrypt, encrypt } from '$lib/crypto/channel-cipher';
import { sign, verify } from '$lib/crypto/signing';
import {
	encodeEnvelopeHeader,
	envelopeSchema,
	MAX_PLAINTEXT_BYTES,
	type DropReason,
	type Envelope,
	type EnvelopeHeader
} from '$lib/domain/envelope';

/**
 * Sealing: deflate (when it helps), encrypt under the channel key with the header as additional
 * data, sign header + IV + ciphertext with the author's identity key.
 */
export async function sealEnvelope(
	header: Omit<EnvelopeHeader, 'v' | 'compressed'>,
	plaintext: Uint8Array<ArrayBuffer>,
	keys: { channelKey: CryptoKey; authorPrivateKey: JsonWebKey }
): Promise<Envelope> {
	const deflated = plaintext.byteLength > 64 ? await deflate(plaintext) : plaintext;
	const compressed = deflated.byteLength < plaintext.byteLength;
	const full: EnvelopeHeader = { v: 1, ...header, compressed };
	const aad = encodeEnvelopeHeader(full);
	const { iv, ciphertext } = await encrypt(keys.channelKey, compressed ? deflated : plaintext, aad);
	const signature = await sign(keys.authorPrivateKey, signedBytes(aad, iv, ciphertext));
	return { ...full, iv, ciphertext, signature };
}

function signedBytes(
	aad: Uint8Array<ArrayBuffer>,
	iv: Uint8Array,
	ciphertext: Uint8Array
): Uint8Array<ArrayBuffer> {
	const out = new Uint8Array(aad.byteLength + iv.byteLength + ciphertext.byteLength);
	out.set(aad, 0);
	out.set(iv, aad.byteLength);
	out.set(ciphertext, aad.byteLength + iv.byteLength);
	return out;
}

export type OpenResult =
	| { ok: true; envelope: Envelope; plaintext: Uint8Array<ArrayBuffer> }
	| { ok: false; reason: DropReason };

/**
 * Validates, verifies and decrypts an envelope from a mailbox. `expect` pins what the reader
 * already knows: the channel and the author's key (for a `hello`, the key in the header, which
 * must match the header's fingerprint — the caller checks that with `keyFingerprintHex`).
 * Never throws.
 */
export async function openEnvelope(
	raw: unknown,
	expect: { channelId: string; author: string; authorKey: JsonWebKey; channelKey: CryptoKey }
): Promise<OpenResult> {
	try {
		const parsed = envelopeSchema.safeParse(raw);
		if (!parsed.success) {
			const tooLarge = parsed.error.issues.some((issue) => issue.message === 'too_large');
			return { ok: false, reason: tooLarge ? 'too_large' : 'malformed' };
		}
		const envelope = parsed.data;
		if (envelope.channelId !== expect.channelId) return { ok: false, reason: 'wrong_channel' };
		if (envelope.author !== expect.author) return { ok: false, reason: 'unknown_author' };
		const header: EnvelopeHeader = {
			v: envelope.v,
			kind: envelope.kind,
			channelId: envelope.channelId,
			author: envelope.author,
			seq: envelope.seq,
			covers: envelope.covers,
			compressed: envelope.compressed,
			...(envelope.authorKey ? { authorKey: envelope.authorKey } : {})
		};
		const aad = encodeEnvelopeHeader(header);
		const iv = copy(envelope.iv);
		const ciphertext = copy(envelope.ciphertext);
		const signature = copy(envelope.signature);
		if (!(await verify(expect.authorKey, signature, signedBytes(aad, iv, ciphertext)))) {
			return { ok: false, reason: 'bad_signature' };
		}
		let plaintext: Uint8Array<ArrayBuffer>;
		try {
			plaintext = await decrypt(expect.channelKey, iv, ciphertext, aad);
		} catch {
			return { ok: false, reason: 'cannot_decrypt' };
		}
		if (envelope.compressed) {
			try {
				plaintext = await inflate(plaintext, MAX_PLAINTEXT_BYTES);
			} catch (error) {
				const tooLarge = error instanceof Error && /size limit/.test(error.message);
				return { ok: false, reason: tooLarge ? 'too_large' : 'cannot_apply' };
			}
		}
		return { ok: true, envelope, plaintext };
	} catch {
		return { ok: false, reason: 'malformed' };
	}
}

/** Uint8Arrays decoded by Yjs may share a larger buffer; WebCrypto wants exact ones. */
function copy(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
	return new Uint8Array(bytes);
}
