import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { fromBase64Url, toBase64Url, utf8 } from '$lib/crypto/encoding';
import { newSigningKeyPair, sign } from '$lib/crypto/signing';
import { workspaceDb } from '$lib/db/workspace-db';
import type { PublicJwk } from '$lib/domain/envelope';
import {
	canonicalJson,
	INVITATION_LIFETIME_MS,
	type InvitationPayload,
	type SignedInvitation
} from '$lib/domain/partnership';
import { keyFingerprintHex } from '$lib/sync/relay-token';
import type { TestWorkspace } from '$lib/test/factories';
import { resetDatabases, storageSnapshot, workspaceSnapshot } from '$lib/test/indexeddb';
import {
	APP,
	createTestProvider,
	enginesStoppedAfterEach,
	enrolledReseller,
	eventually,
	linkParts as parts,
	session,
	startEngines
} from '$lib/test/partners';
import {
	authorizeProvider,
	invitationLink,
	readInvitation,
	requestPartnership,
	verifyInvitation
} from './partnerships';

/**
 * Invitation links as an attacker would hand them over: expired, reused, forged, altered. Every
 * refusal must say why and change nothing.
 */
const CREATED = Date.UTC(2025, 0, 15, 9, 0, 0);
const DAY = 24 * 60 * 60 * 1000;

/** The signed invitation a link carries, decoded without any check. */
function decode(link: string): SignedInvitation {
	const encoded = new URLSearchParams(new URL(link).hash.slice(1)).get('inv')!;
	return JSON.parse(utf8.decode(fromBase64Url(encoded))) as SignedInvitation;
}

async function signPayload(payload: InvitationPayload, privateKey: JsonWebKey): Promise<string> {
	return toBase64Url(await sign(privateKey, utf8.encode(canonicalJson(payload))));
}

let provider: TestWorkspace;
let providerKey: JsonWebKey;
let link: string;
const engines = enginesStoppedAfterEach();

beforeAll(async () => {
	await resetDatabases();
	provider = await createTestProvider({ country: 'FR' });
	providerKey = (await workspaceDb(provider.workspaceId).getMeta('identityPrivateKey'))!;
	({ link } = await requestPartnership(
		session(provider),
		{ email: 'admin@fabrikam.example' },
		APP,
		CREATED
	));
});

async function expectRefused(
	linkParts: { search: string; hash: string },
	code: string,
	now = CREATED + DAY
) {
	await expect(readInvitation(linkParts, now)).rejects.toMatchObject({ code });
}

describe('reading an invitation link', () => {
	it('accepts the link as sent (the baseline every refusal below differs from)', async () => {
		const invitation = await readInvitation(parts(link), CREATED + DAY);
		expect(invitation.payload.inviter.name).toBe('Northwind Distribution');
		expect(invitation.payload.expiresAt - invitation.payload.createdAt).toBe(
			INVITATION_LIFETIME_MS
		);
		expect(link).toMatch(
			/\/invite\?invType=IndirectProvider&partnerId=[0-9a-f-]{36}&indirectCSPId=[0-9a-f-]{36}#inv=/
		);
	});

	it('is good until its expiry and expired one millisecond later', async () => {
		const { expiresAt } = decode(link).payload;
		await expect(readInvitation(parts(link), expiresAt)).resolves.toBeDefined();
		await expectRefused(parts(link), 'err_invitation_expired', expiresAt + 1);
		await expectRefused(parts(link), 'err_invitation_expired', CREATED + 365 * DAY);
	});

	it('is not yet valid when created more than 5 minutes in the future (clock skew allowed)', async () => {
		await expect(readInvitation(parts(link), CREATED - 5 * 60 * 1000)).resolves.toBeDefined();
		await expectRefused(parts(link), 'err_invitation_not_yet_valid', CREATED - 5 * 60 * 1000 - 1);
		await expectRefused(parts(link), 'err_invitation_not_yet_valid', CREATED - DAY);
	});

	it('refuses a lifetime longer than 30 days even when signed by the real inviter', async () => {
		const { payload } = decode(link);
		const long = { ...payload, expiresAt: payload.createdAt + INVITATION_LIFETIME_MS + 1 };
		const forged = invitationLink(APP, {
			payload: long,
			signature: await signPayload(long, providerKey)
		});
		await expectRefused(parts(forged), 'err_invitation_invalid');
		// exactly 30 days, re-signed the same way, is fine: the refusal is the lifetime
		const exact = { ...payload, expiresAt: payload.createdAt + INVITATION_LIFETIME_MS };
		const fine = invitationLink(APP, {
			payload: exact,
			signature: await signPayload(exact, providerKey)
		});
		await expect(readInvitation(parts(fine), CREATED + DAY)).resolves.toBeDefined();
	});

	it('refuses a future createdAt signed by the real inviter (not yet valid)', async () => {
		const { payload } = decode(link);
		const future = { ...payload, createdAt: CREATED + 10 * DAY, expiresAt: CREATED + 20 * DAY };
		const forged = invitationLink(APP, {
			payload: future,
			signature: await signPayload(future, providerKey)
		});
		await expectRefused(parts(forged), 'err_invitation_not_yet_valid', CREATED + DAY);
	});

	it('refuses a payload re-signed by another key under the inviter’s key (invalid)', async () => {
		const forger = await newSigningKeyPair();
		const { payload } = decode(link);
		const changed = { ...payload, relayUrl: 'wss://evil.example/relay' };
		const forged = invitationLink(APP, {
			payload: changed,
			signature: await signPayload(changed, forger.privateKey)
		});
		await expectRefused(parts(forged), 'err_invitation_invalid');
		// even the unchanged payload signed by another key
		const resigned = invitationLink(APP, {
			payload,
			signature: await signPayload(payload, forger.privateKey)
		});
		await expectRefused(parts(resigned), 'err_invitation_invalid');
	});

	it('refuses the forger’s key under the real inviter’s fingerprint (invalid)', async () => {
		const forger = await newSigningKeyPair();
		const { payload } = decode(link);
		const swapped: InvitationPayload = {
			...payload,
			inviter: { ...payload.inviter, publicKey: forger.publicKey as PublicJwk }
		};
		const forged = invitationLink(APP, {
			payload: swapped,
			signature: await signPayload(swapped, forger.privateKey)
		});
		await expectRefused(parts(forged), 'err_invitation_invalid');
	});

	it('accepts a link wholly re-made by a forger with its own key and fingerprint: the defence is the fingerprint shown to the user', async () => {
		const forger = await newSigningKeyPair();
		const forgerFingerprint = await keyFingerprintHex(forger.publicKey);
		const { payload } = decode(link);
		const impostor: InvitationPayload = {
			...payload,
			inviter: {
				...payload.inviter,
				publicKey: forger.publicKey as PublicJwk,
				fingerprint: forgerFingerprint
			}
		};
		const forged = invitationLink(APP, {
			payload: impostor,
			signature: await signPayload(impostor, forger.privateKey)
		});
		const read = await readInvitation(parts(forged), CREATED + DAY);
		// Same name, same tenant id: only the fingerprint tells the impostor from the provider.
		expect(read.payload.inviter.name).toBe('Northwind Distribution');
		expect(read.payload.inviter.fingerprint).toBe(forgerFingerprint);
		expect(read.payload.inviter.fingerprint).not.toBe(payload.inviter.fingerprint);
	});

	it('refuses, as invalid and not with a crypto error, keys that match the schema but are not keys', async () => {
		const { payload } = decode(link);
		const offCurve: InvitationPayload = {
			...payload,
			inviter: {
				...payload.inviter,
				publicKey: { ...payload.inviter.publicKey, x: 'A'.repeat(43) }
			}
		};
		const first = invitationLink(APP, {
			payload: offCurve,
			signature: await signPayload(offCurve, providerKey)
		});
		await expectRefused(parts(first), 'err_invitation_invalid');

		// a forger's own, self-consistent link whose reply key pairs a `d` with another key's point
		const forger = await newSigningKeyPair();
		const stray = await newSigningKeyPair();
		const mismatched: InvitationPayload = {
			...payload,
			inviter: {
				...payload.inviter,
				publicKey: forger.publicKey as PublicJwk,
				fingerprint: await keyFingerprintHex(forger.publicKey)
			},
			replyKey: { ...payload.replyKey, d: stray.privateKey.d! }
		};
		const second = invitationLink(APP, {
			payload: mismatched,
			signature: await signPayload(mismatched, forger.privateKey)
		});
		await expectRefused(parts(second), 'err_invitation_invalid');
		const reseller = await enrolledReseller();
		const before = await workspaceSnapshot(reseller.workspaceId);
		await expect(
			authorizeProvider(
				session(reseller),
				{ payload: mismatched, signature: decode(second).signature },
				true,
				CREATED + DAY
			)
		).rejects.toMatchObject({ code: 'err_invitation_invalid' });
		expect(await workspaceSnapshot(reseller.workspaceId)).toEqual(before);
	});

	it('refuses a fragment with any one character changed, or reads the very same invitation', async () => {
		const { search, hash } = parts(link);
		const original = decode(link);
		const prefix = '#inv='.length;
		const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
		await fc.assert(
			fc.asyncProperty(
				// the last two characters may only carry padding bits: leave them out
				fc.integer({ min: prefix, max: hash.length - 3 }),
				fc.integer({ min: 1, max: 63 }),
				async (index, shift) => {
					const current = alphabet.indexOf(hash[index]!);
					const replacement = alphabet[(current + shift) % 64]!;
					const altered = `${hash.slice(0, index)}${replacement}${hash.slice(index + 1)}`;
					expect(altered).not.toBe(hash);
					let read: SignedInvitation;
					try {
						read = await readInvitation({ search, hash: altered }, CREATED + DAY);
					} catch (error) {
						expect(error).toMatchObject({ code: 'err_invitation_invalid' });
						return;
					}
					// Only possible when the change hit bits base64 ignores (the padding bits of
					// the signature's last character): then it must be the very same invitation.
					expect(canonicalJson(read.payload)).toBe(canonicalJson(original.payload));
					expect(fromBase64Url(read.signature)).toEqual(fromBase64Url(original.signature));
				}
			),
			{ numRuns: 60 }
		);
	});

	it.each<[string, (payload: InvitationPayload) => InvitationPayload]>([
		[
			'channelKey',
			(p) => ({
				...p,
				channelKey: `${p.channelKey.slice(0, -2)}${p.channelKey.endsWith('AA') ? 'BA' : 'AA'}`
			})
		],
		['channelId', (p) => ({ ...p, channelId: '0'.repeat(32) })],
		['relayUrl', (p) => ({ ...p, relayUrl: 'wss://evil.example/' })],
		['expiresAt (extended by a day)', (p) => ({ ...p, expiresAt: p.expiresAt + DAY })],
		['inviteeEmail', (p) => ({ ...p, inviteeEmail: 'someone@else.example' })],
		[
			'inviter name',
			(p) => ({ ...p, inviter: { ...p.inviter, name: 'Northwind Distribution Ltd' } })
		],
		['inviter country', (p) => ({ ...p, inviter: { ...p.inviter, country: 'DE' } })],
		[
			'replyKey',
			(p) => ({
				...p,
				replyKey: { ...p.replyKey, d: p.replyKey.d.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) }
			})
		]
	])(
		'refuses a payload whose %s was changed without re-signing (invalid)',
		async (_field, change) => {
			const invitation = decode(link);
			const changed = change(invitation.payload);
			expect(canonicalJson(changed)).not.toBe(canonicalJson(invitation.payload));
			const altered = invitationLink(APP, { payload: changed, signature: invitation.signature });
			await expectRefused(parts(altered), 'err_invitation_invalid');
			await expect(
				verifyInvitation({ payload: changed, signature: invitation.signature }, CREATED + DAY)
			).rejects.toMatchObject({
				code: 'err_invitation_invalid'
			});
		}
	);

	it.each<[string, (query: URLSearchParams) => void]>([
		['invType changed', (q) => q.set('invType', 'Reseller')],
		['invType removed', (q) => q.delete('invType')],
		['partnerId changed', (q) => q.set('partnerId', crypto.randomUUID())],
		['partnerId removed', (q) => q.delete('partnerId')],
		['indirectCSPId changed', (q) => q.set('indirectCSPId', crypto.randomUUID())],
		['everything removed', (q) => [...q.keys()].forEach((key) => q.delete(key))]
	])('refuses a link whose query has %s (invalid)', async (_what, change) => {
		const { search, hash } = parts(link);
		const query = new URLSearchParams(search);
		change(query);
		await expectRefused({ search: `?${query}`, hash }, 'err_invitation_invalid');
	});

	it.each<[string, string]>([
		['no fragment', ''],
		['an empty inv', '#inv='],
		['not base64url', '#inv=***'],
		['not JSON', `#inv=${toBase64Url(utf8.encode('{not json'))}`],
		['invalid UTF-8', `#inv=${toBase64Url(new Uint8Array([0xff, 0xfe, 0x7b]))}`],
		['JSON null', `#inv=${toBase64Url(utf8.encode('null'))}`],
		['an oversized fragment', `#inv=${'A'.repeat(8193)}`]
	])('refuses %s (invalid)', async (_what, hash) => {
		await expectRefused({ search: parts(link).search, hash }, 'err_invitation_invalid');
	});

	it('refuses a fragment carrying a __proto__ key or an extra field, even with a valid signature', async () => {
		const invitation = decode(link);
		const json = JSON.stringify(invitation);
		const polluted = `{"__proto__": {"admin": true}, ${json.slice(1)}`;
		await expectRefused(
			{ search: parts(link).search, hash: `#inv=${toBase64Url(utf8.encode(polluted))}` },
			'err_invitation_invalid'
		);
		const extra = JSON.stringify({ ...invitation, note: 'hi' });
		await expectRefused(
			{ search: parts(link).search, hash: `#inv=${toBase64Url(utf8.encode(extra))}` },
			'err_invitation_invalid'
		);
	});
});

describe('authorizing with an invitation', { timeout: 20_000 }, () => {
	it('refuses an expired invitation and stores nothing', async () => {
		const reseller = await enrolledReseller();
		const invitation = decode(link);
		const before = await workspaceSnapshot(reseller.workspaceId);
		const storage = await storageSnapshot();
		await expect(
			authorizeProvider(session(reseller), invitation, true, invitation.payload.expiresAt + 1)
		).rejects.toMatchObject({
			code: 'err_invitation_expired'
		});
		expect(await workspaceSnapshot(reseller.workspaceId)).toEqual(before);
		expect(await storageSnapshot()).toEqual(storage);
	});

	it('refuses a forged invitation handed straight to the command and stores nothing', async () => {
		const reseller = await enrolledReseller();
		const invitation = decode(link);
		const forged = {
			...invitation,
			payload: { ...invitation.payload, relayUrl: 'wss://evil.example/' }
		};
		const before = await workspaceSnapshot(reseller.workspaceId);
		await expect(
			authorizeProvider(session(reseller), forged, true, CREATED + DAY)
		).rejects.toMatchObject({
			code: 'err_invitation_invalid'
		});
		expect(await workspaceSnapshot(reseller.workspaceId)).toEqual(before);
	});

	it('refuses the same invitation twice in one workspace (err_invitation_used) and stores nothing the second time', async () => {
		const reseller = await enrolledReseller();
		const invitation = await readInvitation(parts(link), CREATED + DAY);
		await authorizeProvider(session(reseller), invitation, true, CREATED + DAY);
		const before = await workspaceSnapshot(reseller.workspaceId);
		await expect(
			authorizeProvider(session(reseller), invitation, true, CREATED + DAY + 1)
		).rejects.toMatchObject({
			code: 'err_invitation_used'
		});
		expect(await workspaceSnapshot(reseller.workspaceId)).toEqual(before);
	});

	it('lets the first reseller keep a link used by two: the provider keeps the first, the second ends refused', async () => {
		const { link: shared, invitation: record } = await requestPartnership(
			session(provider),
			{ email: 'shared@fabrikam.example' },
			APP
		);
		const first = await enrolledReseller({ name: 'Fabrikam Resale' });
		const second = await enrolledReseller({ name: 'Tailspin Resale' });
		const providerDb = workspaceDb(provider.workspaceId);
		const firstDb = workspaceDb(first.workspaceId);
		const secondDb = workspaceDb(second.workspaceId);
		await startEngines(engines, provider, first, second);

		const invitation = await readInvitation(parts(shared));
		const channelId = invitation.payload.channelId;
		await authorizeProvider(session(first), invitation, true);
		await eventually(
			async () => (await providerDb.channels.get(channelId))?.state === 'active',
			engines
		);
		await eventually(
			async () => (await firstDb.channels.get(channelId))?.state === 'active',
			engines
		);

		// the same link, forwarded: the second workspace can still accept it locally…
		const late = await authorizeProvider(session(second), invitation, true);
		expect(late.state).toBe('accepted');
		// …but the provider's feed names the first reseller, so the second ends refused
		await eventually(
			async () => (await secondDb.channels.get(channelId))?.state === 'refused',
			engines
		);
		for (let i = 0; i < 3; i++) await Promise.all(engines.map((engine) => engine.idle()));

		const channel = await providerDb.channels.get(channelId);
		expect(channel?.partner?.name).toBe('Fabrikam Resale');
		expect(channel?.partner?.workspaceId).toBe(first.workspaceId);
		expect((await providerDb.invitations.get(record.id))?.status).toBe('accepted');
		expect((await firstDb.channels.get(channelId))?.state).toBe('active');
		expect((await secondDb.channels.get(channelId))?.state).toBe('refused');
		const audit = await secondDb.audit.toArray();
		expect(audit.map((entry) => entry.action)).toContain('partnership.refused');
	});
});
