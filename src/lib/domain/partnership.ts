import { z } from 'zod';
import { privateJwkSchema, publicJwkSchema } from './envelope';
import { mpnIdSchema } from './mpn';

/**
 * Provider ↔ reseller partnerships: the invitation a provider sends, the reseller's acceptance,
 * the channel both then share, and the records each side's feed may carry.
 */

/** An invitation is good for 30 days. */
export const INVITATION_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;
/** Partner-Center-like query name for "a provider invites a reseller" (not documented by PC). */
export const PARTNERSHIP_INV_TYPE = 'IndirectProvider';

const hex32 = z.string().regex(/^[0-9a-f]{32}$/);
const base64url = z.string().regex(/^[A-Za-z0-9_-]+$/);
const timestamp = z.number().int().nonnegative().max(8.64e15);
const country = z.string().regex(/^[A-Z]{2}$/);
const orgName = z.string().min(1).max(200);

/** Who a partner is, as they state it (and sign it). */
export const partnerCardSchema = z.strictObject({
	workspaceId: z.uuid(),
	tenantId: z.uuid(),
	name: orgName,
	domain: z.string().min(1).max(254),
	mpnId: mpnIdSchema.nullable(),
	country,
	publicKey: publicJwkSchema,
	/** 32 hex digits */
	fingerprint: hex32
});
export type PartnerCard = z.infer<typeof partnerCardSchema>;

/** What every invitation link carries in its fragment, signed by the inviter. */
export const invitationBaseShape = {
	invitationId: z.uuid(),
	channelId: hex32,
	/** the channel's AES-GCM-256 key, 32 bytes, base64url */
	channelKey: base64url.length(43),
	/** the key that may write the reply mailbox: whoever holds the link may answer */
	replyKey: privateJwkSchema,
	inviter: partnerCardSchema,
	inviteeEmail: z.string().min(3).max(254),
	relayUrl: z
		.string()
		.max(2048)
		.regex(/^wss?:\/\/[^\s]+$/)
		.nullable(),
	createdAt: timestamp,
	expiresAt: timestamp
};

/** A provider's invitation to a reseller. */
export const invitationPayloadSchema = z.strictObject({
	v: z.literal(1),
	invType: z.literal(PARTNERSHIP_INV_TYPE),
	...invitationBaseShape
});
export type InvitationPayload = z.infer<typeof invitationPayloadSchema>;

export const signedInvitationSchema = z.strictObject({
	payload: invitationPayloadSchema,
	/** ECDSA P-256 signature of the inviter over the canonical payload, base64url */
	signature: base64url.max(100)
});
export type SignedInvitation = z.infer<typeof signedInvitationSchema>;

/** The reseller's answer, sent in a `hello` envelope signed with its identity key. */
export const acceptanceSchema = z.strictObject({
	invitationId: z.uuid(),
	channelId: hex32,
	accepter: partnerCardSchema,
	acceptedAt: timestamp,
	/** the accepting user's name, for the provider's Activity log */
	acceptedBy: z.string().min(1).max(120)
});
export type Acceptance = z.infer<typeof acceptanceSchema>;

/**
 * JSON with keys sorted at every level: what a signature covers, so the same value always
 * signs the same bytes.
 */
export function canonicalJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	if (value && typeof value === 'object') {
		const entries = Object.keys(value)
			.sort()
			.map(
				(key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`
			);
		return `{${entries.join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}

export type InvitationProblem =
	'err_invitation_invalid' | 'err_invitation_expired' | 'err_invitation_not_yet_valid';

/** Time checks of an invitation whose signature was already verified. */
export function invitationTimeProblem(
	payload: Pick<InvitationPayload, 'createdAt' | 'expiresAt'>,
	now: number
): InvitationProblem | null {
	if (payload.expiresAt - payload.createdAt > INVITATION_LIFETIME_MS) {
		return 'err_invitation_invalid';
	}
	if (payload.createdAt > now + 5 * 60 * 1000) return 'err_invitation_not_yet_valid';
	if (now > payload.expiresAt) return 'err_invitation_expired';
	return null;
}

// ——— channels (local rows) ———

export const channelRoles = ['provider', 'reseller', 'customer'] as const;
export type ChannelRole = (typeof channelRoles)[number];

/**
 * `partnership`: provider ↔ reseller, the provider invites. `customer`: reseller ↔ customer,
 * the reseller invites (a reseller relationship request, alone or with a provider).
 */
export const channelKinds = ['partnership', 'customer'] as const;
export type ChannelKind = (typeof channelKinds)[number];

const roleOfInviter: Record<ChannelKind, ChannelRole> = {
	partnership: 'provider',
	customer: 'reseller'
};
const roleOfInvitee: Record<ChannelKind, ChannelRole> = {
	partnership: 'reseller',
	customer: 'customer'
};

/** Whether this side sent the invitation that made the channel. */
export function isInviter(channel: { kind: ChannelKind; role: ChannelRole }): boolean {
	return roleOfInviter[channel.kind] === channel.role;
}

/** The other member's role: whose records the projection reads. */
export function partnerRoleOf(channel: { kind: ChannelKind; role: ChannelRole }): ChannelRole {
	return isInviter(channel) ? roleOfInvitee[channel.kind] : roleOfInviter[channel.kind];
}

/**
 * A partnership as this workspace sees it.
 * - provider: `invited` (link sent) → `active` (acceptance received) → `removed`; or `cancelled`.
 * - reseller: `accepted` (waiting for the provider's workspace to receive it) → `active` →
 *   `removed`; `refused` when the provider's feed says the invitation went to someone else.
 */
export const channelStates = [
	'invited',
	'cancelled',
	'accepted',
	'active',
	'removed',
	'refused'
] as const;
export type ChannelState = (typeof channelStates)[number];

export const channelRecordSchema = z.strictObject({
	id: hex32,
	/** schema v3 had partnerships only */
	kind: z.enum(channelKinds).default('partnership'),
	role: z.enum(channelRoles),
	state: z.enum(channelStates),
	invitationId: z.uuid(),
	/** AES-GCM-256 key, base64url; a secret: only in this database and in encrypted backups */
	key: base64url.length(43),
	/** reply mailbox of the invitation: its writer's public key (private part only on the reseller) */
	replyKey: z.union([publicJwkSchema, privateJwkSchema]),
	partner: partnerCardSchema.nullable(),
	relayUrl: z.string().max(2048).nullable(),
	createdAt: timestamp,
	/** when the partnership became active on this side */
	since: timestamp.nullable(),
	removedAt: timestamp.nullable()
});
export type ChannelRecord = z.infer<typeof channelRecordSchema>;

/** What an invitation link asks for (the link's `invType`). */
export const invTypes = [
	PARTNERSHIP_INV_TYPE,
	'ResellerRelationship',
	'IndirectResellerRelationship'
] as const;
export type InvType = (typeof invTypes)[number];

export const invitationStatuses = ['pending', 'accepted', 'cancelled'] as const;
/** An invitation this workspace sent: a partnership (provider) or a customer request (reseller). */
export const invitationRecordSchema = z.strictObject({
	id: z.uuid(),
	channelId: hex32,
	invType: z.enum(invTypes).default(PARTNERSHIP_INV_TYPE),
	/** a customer request that includes delegated admin privileges */
	dap: z.boolean().default(false),
	/** a combined invitation: the reseller's channel with that provider */
	providerChannelId: hex32.nullable().default(null),
	/** a customer request: where the customer came from */
	source: z.enum(['marketing', 'referral']).nullable().default(null),
	email: z.string().min(3).max(254),
	name: z.string().max(120),
	status: z.enum(invitationStatuses),
	createdAt: timestamp,
	expiresAt: timestamp,
	closedAt: timestamp.nullable()
});
export type InvitationRecord = z.infer<typeof invitationRecordSchema>;

/** What the list shows for an invitation, counting expiry at `now`. */
export function invitationDisplayStatus(
	record: Pick<InvitationRecord, 'status' | 'expiresAt'>,
	now: number
): 'pending' | 'accepted' | 'cancelled' | 'expired' {
	if (record.status === 'pending' && now > record.expiresAt) return 'expired';
	return record.status;
}

// ——— shared records (feeds) ———

/** The partnership as the provider's feed states it. */
export const partnershipStateSchema = z.strictObject({
	state: z.enum(['active', 'removed']),
	/** the reseller this channel belongs to (the first acceptance wins) */
	resellerFingerprint: hex32,
	since: timestamp,
	removedAt: timestamp.nullable()
});
export type PartnershipState = z.infer<typeof partnershipStateSchema>;

export const sharedProfileSchema = partnerCardSchema.omit({ publicKey: true });
