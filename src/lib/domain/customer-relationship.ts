import { z } from 'zod';
import { customerAccountSchema } from './customers';
import { invitationBaseShape, partnerCardSchema } from './partnership';

/**
 * Reseller ↔ customer relationships (DOMAIN.md "Relationship links"): the request a reseller
 * sends (alone, or combined with one of its indirect providers), the customer's signed
 * acceptance, and what each side's feed of the channel says about the relationship.
 */

export const RESELLER_RELATIONSHIP = 'ResellerRelationship';
export const INDIRECT_RESELLER_RELATIONSHIP = 'IndirectResellerRelationship';
export const customerInvTypes = [RESELLER_RELATIONSHIP, INDIRECT_RESELLER_RELATIONSHIP] as const;
export type CustomerInvType = (typeof customerInvTypes)[number];

const hex32 = z.string().regex(/^[0-9a-f]{32}$/);
const base64url = z.string().regex(/^[A-Za-z0-9_-]+$/);
const timestamp = z.number().int().nonnegative().max(8.64e15);

/** What a customer request link carries in its fragment, signed by the reseller (`inviter`). */
export const customerInvitationPayloadSchema = z.strictObject({
	v: z.literal(1),
	invType: z.enum(customerInvTypes),
	...invitationBaseShape,
	/** a combined invitation: the indirect provider, as the reseller pinned it */
	provider: partnerCardSchema.nullable(),
	/** the request includes delegated administration privileges */
	dap: z.boolean()
});
export type CustomerInvitationPayload = z.infer<typeof customerInvitationPayloadSchema>;

export const signedCustomerInvitationSchema = z.strictObject({
	payload: customerInvitationPayloadSchema,
	signature: base64url.max(100)
});
export type SignedCustomerInvitation = z.infer<typeof signedCustomerInvitationSchema>;

/**
 * The customer's answer, in a `hello` envelope signed with its identity key: who accepts, with
 * which account, and whether it grants delegated admin and the provider relationship.
 */
export const customerAcceptanceSchema = z.strictObject({
	invitationId: z.uuid(),
	channelId: hex32,
	accepter: partnerCardSchema,
	account: customerAccountSchema,
	delegatedAdmin: z.boolean(),
	/** the provider of a combined invitation the customer accepted too */
	providerTenantId: z.uuid().nullable(),
	acceptedAt: timestamp,
	acceptedBy: z.string().min(1).max(120)
});
export type CustomerAcceptance = z.output<typeof customerAcceptanceSchema>;

const relationshipState = z.enum(['active', 'ended']);

/** The customer's side of the relationship (its feed, `customerRelationship/state`). */
export const customerRelationshipSchema = z.strictObject({
	state: relationshipState,
	delegatedAdmin: z.boolean(),
	/** the provider of a combined invitation, and whether that relationship still holds */
	provider: z
		.strictObject({
			tenantId: z.uuid(),
			name: z.string().min(1).max(200),
			mpnId: z.string().max(20).nullable(),
			fingerprint: hex32,
			state: relationshipState
		})
		.nullable(),
	acceptedAt: timestamp,
	updatedAt: timestamp,
	endedAt: timestamp.nullable()
});
export type CustomerRelationshipState = z.output<typeof customerRelationshipSchema>;

/** The reseller's side (its feed, `resellerRelationship/state`). */
export const resellerRelationshipSchema = z.strictObject({
	state: relationshipState,
	/** the customer this channel belongs to (the first acceptance wins) */
	customerFingerprint: hex32,
	since: timestamp,
	endedAt: timestamp.nullable()
});
export type ResellerRelationshipState = z.output<typeof resellerRelationshipSchema>;
