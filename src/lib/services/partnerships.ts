import { fromBase64Url, toBase64Url, toHex, randomBytes, utf8 } from '$lib/crypto/encoding';
import { newChannelKey } from '$lib/crypto/channel-cipher';
import { newSigningKeyPair, sign, verify } from '$lib/crypto/signing';
import type { WorkspaceDB } from '$lib/db/workspace-db';
import type { AuditRecord, ChannelRecord, InvitationRecord } from '$lib/db/records';
import { emailSchema } from '$lib/domain/email';
import { enrollmentGate } from '$lib/domain/enrollment';
import { DomainError, ValidationError } from '$lib/domain/errors';
import { publicJwkSchema, type PrivateJwk } from '$lib/domain/envelope';
import {
	acceptanceSchema,
	canonicalJson,
	INVITATION_LIFETIME_MS,
	invitationTimeProblem,
	partnershipStateSchema,
	PARTNERSHIP_INV_TYPE,
	signedInvitationSchema,
	type Acceptance,
	type InvitationPayload,
	type PartnerCard,
	type SignedInvitation
} from '$lib/domain/partnership';
import { cspRegionOf } from '$lib/domain/regions';
import { rebuildPlain } from '$lib/domain/shared-records';
import { cleanText } from '$lib/domain/text';
import { parseOrThrow } from '$lib/domain/validation';
import { putOwnRecords, type FeedRecord } from '$lib/sync/feed';
import { announceFeedChange } from '$lib/sync/feed-signal';
import { keyFingerprintHex } from '$lib/sync/relay-token';
import { z } from 'zod';
import { authorize, type SessionRef } from './actor';
import { auditEntry } from './audit';
import { withStorageErrors } from './storage';

/**
 * Provider ↔ reseller partnerships: **Request a partnership** (provider), **Authorize indirect
 * provider** (reseller, Global admin), the acceptance reaching the provider by any transport,
 * **Remove partnership**. Each command checks the permission, validates, and writes its rows,
 * its own-feed records and its audit entry in one transaction; the sync engine seals afterwards.
 */

/** This workspace as partners see it: the card signed into invitations and acceptances. */
export async function ownPartnerCard(db: WorkspaceDB): Promise<PartnerCard> {
	const profile = await db.getMeta('profile');
	if (!profile) throw new DomainError('err_workspace_not_found');
	const publicKey = publicJwkSchema.parse({
		kty: profile.identity.publicKey.kty,
		crv: profile.identity.publicKey.crv,
		x: profile.identity.publicKey.x,
		y: profile.identity.publicKey.y
	});
	return {
		workspaceId: profile.id,
		tenantId: profile.tenantId,
		name: profile.name,
		domain: profile.domain,
		mpnId: await partnerMpnId(db, profile.kind),
		country: profile.country,
		publicKey,
		fingerprint: await keyFingerprintHex(publicKey)
	};
}

/** A reseller's MPN ID comes from its enrolment; a provider's is set in Account settings. */
export async function partnerMpnId(
	db: WorkspaceDB,
	kind: 'reseller' | 'provider' | 'customer'
): Promise<string | null> {
	if (kind === 'provider') return (await db.getMeta('mpnId')) ?? null;
	if (kind !== 'reseller') return null;
	// Set in Account settings (a reseller that was already in CSP), else from its enrolment.
	const stated = await db.getMeta('mpnId');
	if (stated) return stated;
	const enrollment = await db.enrollment.get('current');
	const mpnId = (enrollment?.submitted as { mpnId?: unknown } | null | undefined)?.mpnId;
	return typeof mpnId === 'string' ? mpnId : null;
}

// ——— provider: Request a partnership ———

export const partnershipRequestSchema = z.object({
	email: emailSchema,
	name: z
		.string()
		.transform((value) => cleanText(value))
		.pipe(z.string().max(120, { error: 'err_too_long' }))
		.optional()
		.default('')
});
export type PartnershipRequestInput = z.input<typeof partnershipRequestSchema>;

export interface CreatedInvitation {
	invitation: InvitationRecord;
	/** the personalised link; shown once, in the draft email (its secret is not kept) */
	link: string;
	/** this workspace as the invitation states it (the email is signed with its name, MPN ID) */
	inviter: PartnerCard;
	/** the relay the channel uses, or null (the draft says so) */
	relayUrl: string | null;
}

/**
 * **Request a partnership**: a new channel (id, AES key, reply key pair), the signed invitation
 * in the link's fragment, the provider's profile in its feed. `appUrl` is where the app is
 * served (origin and base path), so the link opens this app wherever it is hosted.
 */
export async function requestPartnership(
	session: SessionRef,
	input: PartnershipRequestInput,
	appUrl: string,
	now = Date.now()
): Promise<CreatedInvitation> {
	const { db, user } = await authorize(session, 'manage_partnerships');
	const profile = await db.getMeta('profile');
	if (profile?.kind !== 'provider') throw new DomainError('err_partnership_provider_only');
	const { email, name } = parseOrThrow(partnershipRequestSchema, input);
	const { invitation, signed, inviter } = await sendInvitation(
		db,
		{
			payload: (base): InvitationPayload => ({ v: 1, invType: PARTNERSHIP_INV_TYPE, ...base }),
			kind: 'partnership',
			role: 'provider',
			row: { dap: false, providerChannelId: null, source: null, email, name }
		},
		auditEntry(user, 'partnership.invited', name ? `${name} <${email}>` : email, {}, now),
		now
	);
	announceFeedChange(session.workspaceId, invitation.channelId);
	const link = invitationLink(appUrl, signed);
	return { invitation, link, inviter, relayUrl: signed.payload.relayUrl };
}

/** What every invitation states, whatever its type (`invitationBaseShape`). */
export type InvitationBase = Omit<InvitationPayload, 'v' | 'invType'>;

/**
 * Sends an invitation from this workspace: a new channel (random id, AES-256 key, one-off reply
 * key pair, the relay), the payload the caller builds on it signed with the identity key, and,
 * in one transaction, the invitation's row, the channel (state `invited`), the inviter's profile
 * in the channel's feed and the Activity log entry. The link's secret is not kept: the caller
 * builds the link from the signed invitation returned, and announces the feed change.
 */
export async function sendInvitation<
	P extends InvitationBase & { invType: InvitationRecord['invType'] }
>(
	db: WorkspaceDB,
	sending: {
		/** the payload: its version and type, then the base, then what the type adds */
		payload: (base: InvitationBase) => P;
		kind: ChannelRecord['kind'];
		role: ChannelRecord['role'];
		row: Pick<InvitationRecord, 'dap' | 'providerChannelId' | 'source' | 'email' | 'name'>;
	},
	audit: AuditRecord,
	now: number
): Promise<{
	invitation: InvitationRecord;
	signed: { payload: P; signature: string };
	inviter: PartnerCard;
}> {
	const inviter = await ownPartnerCard(db);
	const privateKey = await db.getMeta('identityPrivateKey');
	if (!privateKey) throw new DomainError('err_workspace_not_found');
	const channelId = toHex(randomBytes(16));
	const channelKey = toBase64Url(newChannelKey());
	const reply = await newSigningKeyPair();
	const relayUrl = (await db.getMeta('relayUrl')) ?? null;
	const payload = sending.payload({
		invitationId: crypto.randomUUID(),
		channelId,
		channelKey,
		replyKey: reply.privateKey as PrivateJwk,
		inviter,
		inviteeEmail: sending.row.email,
		relayUrl,
		createdAt: now,
		expiresAt: now + INVITATION_LIFETIME_MS
	});
	const signature = toBase64Url(await sign(privateKey, utf8.encode(canonicalJson(payload))));
	const invitation: InvitationRecord = {
		id: payload.invitationId,
		channelId,
		invType: payload.invType,
		...sending.row,
		status: 'pending',
		createdAt: now,
		expiresAt: payload.expiresAt,
		closedAt: null
	};
	const channel: ChannelRecord = {
		id: channelId,
		kind: sending.kind,
		role: sending.role,
		state: 'invited',
		invitationId: payload.invitationId,
		key: channelKey,
		replyKey: publicJwkSchema.parse(reply.publicKey),
		partner: null,
		relayUrl,
		createdAt: now,
		since: null,
		removedAt: null
	};
	await withStorageErrors(() =>
		db.transaction(
			'rw',
			[db.invitations, db.channels, db.feedUpdates, db.sharedRecords, db.audit],
			async () => {
				await db.invitations.add(invitation);
				await db.channels.add(channel);
				await putOwnRecords(
					db,
					channel.id,
					[{ collection: 'profile', id: 'self', value: profileRecord(inviter) }],
					now
				);
				await db.audit.add(audit);
			}
		)
	);
	return { invitation, signed: { payload, signature }, inviter };
}

/** The `profile/self` record of a feed: the card without its key. */
export function profileRecord(card: PartnerCard) {
	return {
		workspaceId: card.workspaceId,
		tenantId: card.tenantId,
		name: card.name,
		domain: card.domain,
		mpnId: card.mpnId,
		country: card.country,
		fingerprint: card.fingerprint
	};
}

/**
 * The invitation link: Partner-Center-like query names that say what it is (no secret), and the
 * signed invitation in the fragment, which browsers never send to a server.
 */
export function invitationLink(appUrl: string, invitation: SignedInvitation): string {
	return signedLink(appUrl, invitation, {
		invType: invitation.payload.invType,
		partnerId: invitation.payload.inviter.tenantId,
		indirectCSPId: invitation.payload.inviter.tenantId
	});
}

/** `<app>/invite?<query>#inv=<signed invitation, base64url JSON>`. */
export function signedLink(
	appUrl: string,
	invitation: unknown,
	query: Record<string, string>
): string {
	const url = new URL('invite', appUrl.endsWith('/') ? appUrl : `${appUrl}/`);
	for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
	const json = utf8.encode(JSON.stringify(invitation));
	return `${url.href}#inv=${toBase64Url(json)}`;
}

/** The signed invitation in a link's fragment, rebuilt from own properties; throws if unreadable. */
export function decodeSignedFragment(hash: string): unknown {
	const fragment = new URLSearchParams(hash.replace(/^#/, ''));
	const encoded = fragment.get('inv');
	if (!encoded || encoded.length > 16384) throw new DomainError('err_invitation_invalid');
	let raw: unknown;
	try {
		raw = JSON.parse(utf8.decode(fromBase64Url(encoded)));
	} catch {
		throw new DomainError('err_invitation_invalid');
	}
	const rebuilt = rebuildPlain(raw);
	if (!rebuilt.ok) throw new DomainError('err_invitation_invalid');
	return rebuilt.value;
}

/**
 * Reads and checks an invitation link (or its `search` and `hash`): the signed payload, the
 * inviter's key against its fingerprint, the query against the payload, the dates. Throws a
 * DomainError saying what is wrong; changes nothing.
 */
export async function readInvitation(
	link: { search: string; hash: string },
	now = Date.now()
): Promise<SignedInvitation> {
	const parsed = signedInvitationSchema.safeParse(decodeSignedFragment(link.hash));
	if (!parsed.success) throw new DomainError('err_invitation_invalid');
	const invitation = parsed.data;
	const { payload } = invitation;
	const query = new URLSearchParams(link.search);
	if (
		query.get('invType') !== payload.invType ||
		query.get('partnerId') !== payload.inviter.tenantId ||
		query.get('indirectCSPId') !== payload.inviter.tenantId
	) {
		throw new DomainError('err_invitation_invalid');
	}
	await verifyInvitation(invitation, now);
	return invitation;
}

/** The inviter's key against its fingerprint, the signature, the dates; throws what is wrong. */
export async function verifyInvitation(
	invitation: {
		payload: Pick<InvitationPayload, 'inviter' | 'replyKey' | 'createdAt' | 'expiresAt'>;
		signature: string;
	},
	now = Date.now()
): Promise<void> {
	const { payload } = invitation;
	// Keys that match the schema may still not be keys (a point off the curve, a `d` that does
	// not match): WebCrypto then throws a DataError, which must read as an invalid invitation.
	let inviterFingerprint: string;
	try {
		inviterFingerprint = await keyFingerprintHex(payload.inviter.publicKey);
		// not `signKey`: its cache is keyed by the public point only
		await crypto.subtle.importKey(
			'jwk',
			payload.replyKey,
			{ name: 'ECDSA', namedCurve: 'P-256' },
			false,
			['sign']
		);
	} catch {
		throw new DomainError('err_invitation_invalid');
	}
	if (inviterFingerprint !== payload.inviter.fingerprint) {
		throw new DomainError('err_invitation_invalid');
	}
	let signature: Uint8Array<ArrayBuffer>;
	try {
		signature = fromBase64Url(invitation.signature);
	} catch {
		throw new DomainError('err_invitation_invalid');
	}
	const signed = await verify(
		payload.inviter.publicKey,
		signature,
		utf8.encode(canonicalJson(payload))
	);
	if (!signed) throw new DomainError('err_invitation_invalid');
	const problem = invitationTimeProblem(payload, now);
	if (problem) throw new DomainError(problem);
}

/** **Cancel** a pending invitation: its link stops working and its channel stops syncing. */
export async function cancelInvitation(
	session: SessionRef,
	invitationId: string,
	now = Date.now()
) {
	const { db, user } = await authorize(session, 'manage_partnerships');
	await withStorageErrors(() =>
		db.transaction('rw', db.invitations, db.channels, db.audit, async () => {
			const invitation = await db.invitations.get(invitationId);
			if (!invitation) throw new DomainError('err_invitation_not_found');
			if (invitation.status !== 'pending') throw new DomainError('err_partnership_state');
			await db.invitations.update(invitationId, { status: 'cancelled', closedAt: now });
			await db.channels.update(invitation.channelId, { state: 'cancelled' });
			await db.audit.add(
				auditEntry(user, 'partnership.invitation_cancelled', invitation.email, {}, now)
			);
		})
	);
}

// ——— reseller: Authorize indirect provider ———

/** Why this workspace cannot accept the invitation, or null. */
export async function authorizationProblem(
	db: WorkspaceDB,
	invitation: SignedInvitation
): Promise<{
	code:
		| 'err_invitation_wrong_kind'
		| 'err_enrollment_required'
		| 'err_invitation_own'
		| 'err_invitation_used'
		| 'err_region_mismatch';
	params?: Record<string, string>;
} | null> {
	const profile = await db.getMeta('profile');
	if (profile?.kind !== 'reseller') return { code: 'err_invitation_wrong_kind' };
	const enrollment = await db.enrollment.get('current');
	if (enrollmentGate('reseller', enrollment?.state)) return { code: 'err_enrollment_required' };
	const { payload } = invitation;
	if (payload.inviter.workspaceId === profile.id) return { code: 'err_invitation_own' };
	if (await db.channels.get(payload.channelId)) return { code: 'err_invitation_used' };
	const providerRegion = cspRegionOf(payload.inviter.country);
	const ownRegion = cspRegionOf(profile.country);
	if (providerRegion !== ownRegion) {
		return {
			code: 'err_region_mismatch',
			params: { partnerRegion: providerRegion, ownRegion }
		};
	}
	return null;
}

/**
 * **Authorize indirect provider** (Global admin of an enrolled reseller, same CSP region): the
 * channel is created with the provider's pinned key, the acceptance and this reseller's profile
 * go into its feed, and the signed acceptance will be published in the reply mailbox.
 */
export async function authorizeProvider(
	session: SessionRef,
	invitation: SignedInvitation,
	confirmed: boolean,
	now = Date.now()
): Promise<ChannelRecord> {
	const { db, user } = await authorize(session, 'accept_provider_partnership');
	if (!confirmed) throw new ValidationError({ confirm: 'err_authorize_confirm' });
	const verified = signedInvitationSchema.parse(invitation);
	await verifyInvitation(verified, now);
	const problem = await authorizationProblem(db, verified);
	if (problem) throw new DomainError(problem.code, problem.params ?? {});
	const { payload } = verified;
	const me = await ownPartnerCard(db);
	const acceptance: Acceptance = {
		invitationId: payload.invitationId,
		channelId: payload.channelId,
		accepter: me,
		acceptedAt: now,
		acceptedBy: user.fullName
	};
	const channel = await storeAcceptedInvitation(
		db,
		{
			payload,
			kind: 'partnership',
			role: 'reseller',
			accepter: me,
			records: [{ collection: 'acceptance', id: payload.invitationId, value: acceptance }]
		},
		auditEntry(user, 'partnership.authorized', payload.inviter.name, {}, now),
		now
	);
	announceFeedChange(session.workspaceId, channel.id);
	return channel;
}

/** What the accepting side takes from a signed invitation to open its end of the channel. */
export type AcceptedPayload = Pick<
	InvitationPayload,
	'invitationId' | 'channelId' | 'channelKey' | 'replyKey' | 'inviter' | 'relayUrl'
>;

/**
 * Keeps an invitation just accepted (a reseller authorizing a provider, a customer accepting a
 * reseller), in one transaction: its channel (state `accepted`, the inviter's card and key
 * pinned; refused if this workspace holds it already), the accepter's profile and its records in
 * the channel's feed, and the Activity log entry. The caller announces the feed change.
 */
export async function storeAcceptedInvitation(
	db: WorkspaceDB,
	accepted: {
		payload: AcceptedPayload;
		kind: ChannelRecord['kind'];
		role: ChannelRecord['role'];
		accepter: PartnerCard;
		records: readonly FeedRecord[];
	},
	audit: AuditRecord,
	now: number
): Promise<ChannelRecord> {
	const { payload } = accepted;
	const channel: ChannelRecord = {
		id: payload.channelId,
		kind: accepted.kind,
		role: accepted.role,
		state: 'accepted',
		invitationId: payload.invitationId,
		key: payload.channelKey,
		replyKey: payload.replyKey,
		partner: payload.inviter,
		relayUrl: payload.relayUrl,
		createdAt: now,
		since: null,
		removedAt: null
	};
	await withStorageErrors(() =>
		db.transaction('rw', [db.channels, db.feedUpdates, db.sharedRecords, db.audit], async () => {
			if (await db.channels.get(channel.id)) throw new DomainError('err_invitation_used');
			await db.channels.add(channel);
			await putOwnRecords(
				db,
				channel.id,
				[
					{ collection: 'profile', id: 'self', value: profileRecord(accepted.accepter) },
					...accepted.records
				],
				now
			);
			await db.audit.add(audit);
		})
	);
	return channel;
}

/**
 * The acceptance this side stored in `collection` of its feed, as published in the reply mailbox
 * (the `hello`), or null.
 */
export async function storedHello(
	db: WorkspaceDB,
	channel: ChannelRecord,
	collection: string
): Promise<Uint8Array<ArrayBuffer> | null> {
	const row = await db.sharedRecords.get([channel.id, 'self', collection, channel.invitationId]);
	return row ? utf8.encode(canonicalJson(row.value)) : null;
}

/** The acceptance this reseller publishes in the reply mailbox (sync hook). */
export async function helloFor(
	db: WorkspaceDB,
	channel: ChannelRecord
): Promise<Uint8Array<ArrayBuffer> | null> {
	if (channel.role !== 'reseller' || channel.state !== 'accepted') return null;
	return storedHello(db, channel, 'acceptance');
}

// ——— provider: the acceptance arrives ———

/**
 * A `hello` opened from the reply mailbox (sync hook, provider side). The first valid acceptance
 * of a pending, unexpired invitation pins the reseller's key and makes the partnership active;
 * anything else changes nothing.
 */
export async function receiveAcceptance(
	db: WorkspaceDB,
	channel: ChannelRecord,
	plaintext: Uint8Array,
	authorKey: JsonWebKey,
	now = Date.now()
): Promise<boolean> {
	if (channel.role !== 'provider') return false;
	const acceptance = await openHello(channel, plaintext, authorKey, acceptanceSchema);
	if (!acceptance) return false;
	const { accepter } = acceptance;
	let activated = false;
	await db.transaction(
		'rw',
		[db.channels, db.invitations, db.feedUpdates, db.sharedRecords, db.audit],
		async () => {
			if (!(await activateAcceptedChannel(db, channel, acceptance, now))) return;
			await putOwnRecords(
				db,
				channel.id,
				[
					{
						collection: 'partnership',
						id: 'state',
						value: partnershipStateSchema.parse({
							state: 'active',
							resellerFingerprint: accepter.fingerprint,
							since: now,
							removedAt: null
						})
					}
				],
				now
			);
			await db.audit.add(
				auditEntry(null, 'partnership.accepted', accepter.name, { by: acceptance.acceptedBy }, now)
			);
			activated = true;
		}
	);
	if (activated) announceFeedChange(db.workspaceId, channel.id);
	return activated;
}

/** What every acceptance states: which invitation of which channel, who accepts, and when. */
interface AcceptanceFacts {
	invitationId: string;
	channelId: string;
	accepter: PartnerCard;
	acceptedAt: number;
}

/**
 * Opens a `hello` from the reply mailbox: the acceptance rebuilt from own properties and parsed
 * with `schema`, for this channel's invitation, sealed by the key it states and whose fingerprint
 * it states; null for anything else.
 */
export async function openHello<T extends AcceptanceFacts>(
	channel: ChannelRecord,
	plaintext: Uint8Array,
	authorKey: JsonWebKey,
	schema: z.ZodType<T>
): Promise<T | null> {
	let raw: unknown;
	try {
		raw = JSON.parse(utf8.decode(plaintext));
	} catch {
		return null;
	}
	const rebuilt = rebuildPlain(raw);
	const parsed = rebuilt.ok ? schema.safeParse(rebuilt.value) : null;
	if (!parsed?.success) return null;
	const acceptance = parsed.data;
	const key = publicJwkSchema.safeParse(authorKey);
	if (!key.success) return null;
	const { accepter } = acceptance;
	if (
		acceptance.channelId !== channel.id ||
		acceptance.invitationId !== channel.invitationId ||
		accepter.publicKey.x !== key.data.x ||
		accepter.publicKey.y !== key.data.y ||
		(await keyFingerprintHex(accepter.publicKey)) !== accepter.fingerprint
	) {
		return null;
	}
	return acceptance;
}

/**
 * Inside the inviter's receiving transaction: the first valid acceptance of a pending, unexpired
 * invitation makes the channel active (the accepter's card and key pinned) and closes the
 * invitation. Returns the invitation, or null when the acceptance changes nothing (another came
 * first, the invitation was cancelled, it came too late).
 */
export async function activateAcceptedChannel(
	db: WorkspaceDB,
	channel: ChannelRecord,
	acceptance: AcceptanceFacts,
	now: number
): Promise<InvitationRecord | null> {
	const current = await db.channels.get(channel.id);
	const invitation = await db.invitations.get(channel.invitationId);
	if (current?.state !== 'invited' || invitation?.status !== 'pending') return null;
	if (acceptance.acceptedAt > invitation.expiresAt || now > invitation.expiresAt + 7 * 864e5) {
		return null;
	}
	await db.channels.update(channel.id, {
		state: 'active',
		partner: acceptance.accepter,
		since: now
	});
	await db.invitations.update(invitation.id, { status: 'accepted', closedAt: now });
	return invitation;
}

// ——— reseller: the provider's feed says what the partnership is ———

/** After partner records were projected (sync hook, reseller side). */
export async function followPartnershipState(
	db: WorkspaceDB,
	channel: ChannelRecord,
	collections: ReadonlySet<string>,
	now = Date.now()
): Promise<void> {
	if (channel.role !== 'reseller' || !collections.has('partnership')) return;
	const me = await ownPartnerCard(db);
	await db.transaction('rw', [db.channels, db.sharedRecords, db.audit], async () => {
		const current = await db.channels.get(channel.id);
		const row = await db.sharedRecords.get([channel.id, 'partner', 'partnership', 'state']);
		const state = partnershipStateSchema.safeParse(row?.value);
		if (!current || !state.success) return;
		const name = current.partner?.name ?? '';
		if (state.data.resellerFingerprint !== me.fingerprint) {
			if (current.state !== 'refused') {
				await db.channels.update(channel.id, { state: 'refused' });
				await db.audit.add(auditEntry(null, 'partnership.refused', name, {}, now));
			}
			return;
		}
		if (state.data.state === 'active' && current.state === 'accepted') {
			await db.channels.update(channel.id, { state: 'active', since: state.data.since });
			await db.audit.add(auditEntry(null, 'partnership.activated', name, {}, now));
		}
		if (state.data.state === 'removed' && current.state !== 'removed') {
			await db.channels.update(channel.id, {
				state: 'removed',
				removedAt: state.data.removedAt ?? now
			});
			await db.audit.add(auditEntry(null, 'partnership.removed_by_partner', name, {}, now));
		}
	});
}

// ——— provider: Remove partnership ———

export async function removePartnership(session: SessionRef, channelId: string, now = Date.now()) {
	const { db, user } = await authorize(session, 'manage_partnerships');
	await withStorageErrors(() =>
		db.transaction('rw', [db.channels, db.feedUpdates, db.sharedRecords, db.audit], async () => {
			const channel = await db.channels.get(channelId);
			if (!channel || channel.role !== 'provider')
				throw new DomainError('err_partnership_not_found');
			if (channel.state !== 'active' || !channel.partner)
				throw new DomainError('err_partnership_state');
			await db.channels.update(channelId, { state: 'removed', removedAt: now });
			await putOwnRecords(
				db,
				channelId,
				[
					{
						collection: 'partnership',
						id: 'state',
						value: {
							state: 'removed',
							resellerFingerprint: channel.partner.fingerprint,
							since: channel.since ?? now,
							removedAt: now
						}
					}
				],
				now
			);
			await db.audit.add(auditEntry(user, 'partnership.removed', channel.partner.name, {}, now));
		})
	);
	announceFeedChange(session.workspaceId, channelId);
}
