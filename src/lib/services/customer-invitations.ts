import type { ChannelRecord, CustomerRecord } from '$lib/db/records';
import type { WorkspaceDB } from '$lib/db/workspace-db';
import {
	customerAcceptanceSchema,
	customerRelationshipSchema,
	INDIRECT_RESELLER_RELATIONSHIP,
	RESELLER_RELATIONSHIP,
	resellerRelationshipSchema,
	signedCustomerInvitationSchema,
	type CustomerAcceptance,
	type CustomerInvitationPayload,
	type SignedCustomerInvitation
} from '$lib/domain/customer-relationship';
import {
	billingProfileSchema,
	customerAccountSchema,
	ownCustomerRow,
	sharedCustomerFrom,
	withCustomerNames,
	type BillingProfileInput,
	type CustomerAccount
} from '$lib/domain/customers';
import { enrollmentGate } from '$lib/domain/enrollment';
import { DomainError, PermissionError, ValidationError } from '$lib/domain/errors';
import { addressSchema, type AddressInput } from '$lib/domain/address';
import { can } from '$lib/domain/permissions';
import { cspRegionOf } from '$lib/domain/regions';
import { parseOrThrow } from '$lib/domain/validation';
import { putOwnRecords } from '$lib/sync/feed';
import { announceFeedChange } from '$lib/sync/feed-signal';
import { z } from 'zod';
import { authorize, type SessionRef } from './actor';
import { auditEntry } from './audit';
import {
	activateAcceptedChannel,
	decodeSignedFragment,
	openHello,
	ownPartnerCard,
	partnershipRequestSchema,
	sendInvitation,
	signedLink,
	storeAcceptedInvitation,
	storedHello,
	verifyInvitation,
	type CreatedInvitation
} from './partnerships';
import { withStorageErrors } from './storage';

/**
 * Reseller ↔ customer relationships: **Request a reseller relationship** and **Invite new
 * customers** with a provider (reseller), the customer's **Accept** (customer, Global admin), and
 * the acceptance reaching the reseller by any transport, which puts the customer on the
 * reseller's Customers page (and, for a combined invitation, shares it with the provider).
 */

// ——— reseller: the request ———

/** The invitee's email and name, as a partnership request takes them, and what a customer's adds. */
export const customerRequestSchema = partnershipRequestSchema.extend({
	/** include delegated administration privileges */
	dap: z.boolean().default(false),
	source: z.enum(['marketing', 'referral']).default('marketing')
});
export type CustomerRequestInput = z.input<typeof customerRequestSchema>;

/**
 * **Request a reseller relationship** (`providerChannelId` null) or **Invite new customers** with
 * the provider of an active partnership (`IndirectResellerRelationship`): a new customer channel,
 * the signed request in the link's fragment, this reseller's profile in its feed.
 */
export async function requestCustomerRelationship(
	session: SessionRef,
	input: CustomerRequestInput,
	appUrl: string,
	providerChannelId: string | null = null,
	now = Date.now()
): Promise<CreatedInvitation> {
	const { db, user } = await authorize(session, 'request_customer_relationship');
	const profile = await db.getMeta('profile');
	if (profile?.kind !== 'reseller') throw new DomainError('err_customer_request_reseller_only');
	const enrollment = await db.enrollment.get('current');
	if (enrollmentGate('reseller', enrollment?.state))
		throw new DomainError('err_enrollment_required');
	const { email, name, dap, source } = parseOrThrow(customerRequestSchema, input);
	if (dap && !can(user, 'request_delegated_admin')) {
		throw new PermissionError('request_delegated_admin');
	}
	let provider: ChannelRecord | null = null;
	if (providerChannelId !== null) {
		const found = await db.channels.get(providerChannelId);
		if (
			found?.kind !== 'partnership' ||
			found.role !== 'reseller' ||
			found.state !== 'active' ||
			!found.partner
		) {
			throw new DomainError('err_customer_request_provider_inactive');
		}
		provider = found;
	}
	const { invitation, signed, inviter } = await sendInvitation(
		db,
		{
			payload: (base): CustomerInvitationPayload => ({
				v: 1,
				invType: provider ? INDIRECT_RESELLER_RELATIONSHIP : RESELLER_RELATIONSHIP,
				...base,
				provider: provider?.partner ?? null,
				dap
			}),
			kind: 'customer',
			role: 'reseller',
			row: {
				dap,
				providerChannelId: provider?.id ?? null,
				source: provider ? null : source,
				email,
				name
			}
		},
		auditEntry(
			user,
			'customer.relationship_requested',
			name ? `${name} <${email}>` : email,
			provider?.partner ? { provider: provider.partner.name, dap } : { dap },
			now
		),
		now
	);
	announceFeedChange(session.workspaceId, invitation.channelId);
	const link = signedLink(appUrl, signed, customerLinkQuery(signed.payload));
	return { invitation, link, inviter, relayUrl: signed.payload.relayUrl };
}

/** The link's query, as Partner Center writes it (DOMAIN.md "Relationship links"). */
export function customerLinkQuery(payload: CustomerInvitationPayload): Record<string, string> {
	if (payload.invType === INDIRECT_RESELLER_RELATIONSHIP && payload.provider) {
		return {
			invType: payload.invType,
			partnerId: payload.inviter.tenantId,
			msppId: payload.inviter.mpnId ?? '0',
			indirectCSPId: payload.provider.tenantId,
			DAP: String(payload.dap)
		};
	}
	return {
		invType: payload.invType,
		partnerId: payload.inviter.tenantId,
		msppId: '0',
		DAP: String(payload.dap)
	};
}

/** **Cancel** a pending customer request: its link stops working. */
export async function cancelCustomerRequest(
	session: SessionRef,
	invitationId: string,
	now = Date.now()
): Promise<void> {
	const { db, user } = await authorize(session, 'request_customer_relationship');
	await withStorageErrors(() =>
		db.transaction('rw', db.invitations, db.channels, db.audit, async () => {
			const invitation = await db.invitations.get(invitationId);
			if (!invitation || invitation.invType === 'IndirectProvider') {
				throw new DomainError('err_invitation_not_found');
			}
			if (invitation.status !== 'pending') throw new DomainError('err_partnership_state');
			await db.invitations.update(invitationId, { status: 'cancelled', closedAt: now });
			await db.channels.update(invitation.channelId, { state: 'cancelled' });
			await db.audit.add(auditEntry(user, 'customer.request_cancelled', invitation.email, {}, now));
		})
	);
}

// ——— customer: reading and accepting ———

/**
 * Reads and checks a customer request link: the signed payload, the reseller's key against its
 * fingerprint, the query against the payload (`invType`, `partnerId`, `msppId`, `indirectCSPId`,
 * `DAP`), the dates. Throws a DomainError saying what is wrong; changes nothing.
 */
export async function readCustomerInvitation(
	link: { search: string; hash: string },
	now = Date.now()
): Promise<SignedCustomerInvitation> {
	const parsed = signedCustomerInvitationSchema.safeParse(decodeSignedFragment(link.hash));
	if (!parsed.success) throw new DomainError('err_invitation_invalid');
	const invitation = parsed.data;
	const query = new URLSearchParams(link.search);
	const expected = customerLinkQuery(invitation.payload);
	const names = new Set([...Object.keys(expected), 'indirectCSPId']);
	for (const name of names) {
		if ((query.get(name) ?? undefined) !== expected[name]) {
			throw new DomainError('err_invitation_invalid');
		}
	}
	if (
		(invitation.payload.invType === INDIRECT_RESELLER_RELATIONSHIP) !==
		(invitation.payload.provider !== null)
	) {
		throw new DomainError('err_invitation_invalid');
	}
	await verifyInvitation(invitation, now);
	return invitation;
}

export type CustomerAcceptanceProblem = {
	code:
		| 'err_customer_invitation_wrong_kind'
		| 'err_invitation_own'
		| 'err_invitation_used'
		| 'err_customer_already_partner'
		| 'err_customer_market_mismatch';
	params?: Record<string, string>;
};

/** Why this workspace cannot accept the request, or null. */
export async function customerAcceptanceProblem(
	db: WorkspaceDB,
	invitation: SignedCustomerInvitation
): Promise<CustomerAcceptanceProblem | null> {
	const profile = await db.getMeta('profile');
	if (profile?.kind !== 'customer') return { code: 'err_customer_invitation_wrong_kind' };
	const { payload } = invitation;
	if (payload.inviter.workspaceId === profile.id) return { code: 'err_invitation_own' };
	if (await db.channels.get(payload.channelId)) return { code: 'err_invitation_used' };
	const ownRegion = cspRegionOf(profile.country);
	for (const partner of [payload.inviter, payload.provider]) {
		if (!partner) continue;
		const partnerRegion = cspRegionOf(partner.country);
		if (partnerRegion !== ownRegion) {
			return {
				code: 'err_customer_market_mismatch',
				params: { partner: partner.name, partnerRegion, ownRegion }
			};
		}
	}
	const current = await db.channels
		.where('kind')
		.equals('customer')
		.filter(
			(channel) =>
				channel.partner?.fingerprint === payload.inviter.fingerprint &&
				(channel.state === 'accepted' || channel.state === 'active')
		)
		.first();
	if (current) return { code: 'err_customer_already_partner' };
	return null;
}

/** The account form: the address and the billing contact (the company comes from the workspace). */
export interface CustomerAccountInput {
	address: Omit<AddressInput, 'country'>;
	billing: Omit<BillingProfileInput, 'companyName' | 'defaultAddress'>;
}

/**
 * The account a customer states, from its workspace profile and the form: the company address
 * must be in the workspace's country (its market); the billing address is the company's.
 */
export async function customerAccountFrom(
	db: WorkspaceDB,
	input: CustomerAccountInput
): Promise<CustomerAccount> {
	const profile = await db.getMeta('profile');
	if (!profile) throw new DomainError('err_workspace_not_found');
	const { address, billing } = parseOrThrow(accountFormSchema, {
		address: { ...input.address, country: profile.country },
		billing: input.billing
	});
	return customerAccountSchema.parse({
		companyProfile: {
			tenantId: profile.tenantId,
			domain: profile.domain,
			companyName: profile.name,
			address
		},
		billingProfile: { ...billing, companyName: profile.name, defaultAddress: address }
	});
}

const accountFormSchema = z.object({
	address: addressSchema,
	billing: billingProfileSchema.omit({ companyName: true, defaultAddress: true })
});

/** The account this customer last stated, to fill the form of its next acceptance. */
export async function lastCustomerAccount(db: WorkspaceDB): Promise<CustomerAccount | null> {
	const rows = await db.sharedRecords
		.where('[author+collection]')
		.equals(['self', 'customerAccount'])
		.toArray();
	const latest = rows.sort((a, b) => b.updatedAt - a.updatedAt)[0];
	const parsed = customerAccountSchema.safeParse(latest?.value);
	return parsed.success ? parsed.data : null;
}

/**
 * **Accept** (a customer's Global admin): the channel is created with the reseller's pinned key,
 * the account, the relationship (delegated admin as the request asked, the provider of a
 * combined invitation) and the signed acceptance go into this customer's feed.
 */
export async function acceptCustomerInvitation(
	session: SessionRef,
	invitation: SignedCustomerInvitation,
	input: CustomerAccountInput,
	confirmed: boolean,
	now = Date.now()
): Promise<ChannelRecord> {
	const { db, user } = await authorize(session, 'manage_partnerships');
	const parsed = signedCustomerInvitationSchema.safeParse(invitation);
	if (!parsed.success) throw new DomainError('err_invitation_invalid');
	const verified = parsed.data;
	await verifyInvitation(verified, now);
	const problem = await customerAcceptanceProblem(db, verified);
	if (problem) throw new DomainError(problem.code, problem.params ?? {});
	const account = await customerAccountFrom(db, input);
	if (!confirmed) throw new ValidationError({ confirm: 'err_authorize_confirm' });
	const { payload } = verified;
	const me = await ownPartnerCard(db);
	const acceptance: CustomerAcceptance = {
		invitationId: payload.invitationId,
		channelId: payload.channelId,
		accepter: me,
		account,
		delegatedAdmin: payload.dap,
		providerTenantId: payload.provider?.tenantId ?? null,
		acceptedAt: now,
		acceptedBy: user.fullName
	};
	const relationship = customerRelationshipSchema.parse({
		state: 'active',
		delegatedAdmin: payload.dap,
		provider: payload.provider
			? {
					tenantId: payload.provider.tenantId,
					name: payload.provider.name,
					mpnId: payload.provider.mpnId,
					fingerprint: payload.provider.fingerprint,
					state: 'active'
				}
			: null,
		acceptedAt: now,
		updatedAt: now,
		endedAt: null
	});
	const channel = await storeAcceptedInvitation(
		db,
		{
			payload,
			kind: 'customer',
			role: 'customer',
			accepter: me,
			records: [
				{ collection: 'customerAccount', id: 'self', value: account },
				{ collection: 'customerRelationship', id: 'state', value: relationship },
				{ collection: 'customerAcceptance', id: payload.invitationId, value: acceptance }
			]
		},
		auditEntry(
			user,
			'partner_relationship.accepted',
			payload.inviter.name,
			payload.provider
				? { provider: payload.provider.name, dap: payload.dap }
				: { dap: payload.dap },
			now
		),
		now
	);
	announceFeedChange(session.workspaceId, channel.id);
	return channel;
}

/** The acceptance this customer publishes in the reply mailbox (sync hook). */
export async function customerHelloFor(
	db: WorkspaceDB,
	channel: ChannelRecord
): Promise<Uint8Array<ArrayBuffer> | null> {
	if (channel.kind !== 'customer' || channel.role !== 'customer' || channel.state !== 'accepted') {
		return null;
	}
	return storedHello(db, channel, 'customerAcceptance');
}

// ——— reseller: the acceptance arrives ———

/**
 * A customer's `hello` (sync hook, reseller side). The first valid acceptance of a pending,
 * unexpired request pins the customer's key, activates the channel, and puts the customer on the
 * Customers page (updating an imported row of the same tenant); for a combined invitation the
 * customer is shared with that provider at once.
 */
export async function receiveCustomerAcceptance(
	db: WorkspaceDB,
	channel: ChannelRecord,
	plaintext: Uint8Array,
	authorKey: JsonWebKey,
	now = Date.now()
): Promise<boolean> {
	if (channel.kind !== 'customer' || channel.role !== 'reseller') return false;
	const acceptance = await openHello(channel, plaintext, authorKey, customerAcceptanceSchema);
	if (!acceptance) return false;
	const { accepter, account } = acceptance;
	if (account.companyProfile.tenantId !== accepter.tenantId) return false;
	const touched: string[] = [];
	await db.transaction(
		'rw',
		[db.channels, db.invitations, db.customers, db.feedUpdates, db.sharedRecords, db.audit],
		async () => {
			const invitation = await activateAcceptedChannel(db, channel, acceptance, now);
			if (!invitation) return;
			await putOwnRecords(
				db,
				channel.id,
				[
					{
						collection: 'resellerRelationship',
						id: 'state',
						value: resellerRelationshipSchema.parse({
							state: 'active',
							customerFingerprint: accepter.fingerprint,
							since: now,
							endedAt: null
						})
					}
				],
				now
			);
			touched.push(channel.id);
			const provider = invitation.providerChannelId
				? await db.channels.get(invitation.providerChannelId)
				: undefined;
			const withProvider =
				provider?.state === 'active' &&
				provider.partner?.tenantId === acceptance.providerTenantId &&
				acceptance.providerTenantId !== null;
			const existing = await db.customers.get(accepter.tenantId);
			const base: CustomerRecord = existing
				? withCustomerNames(
						existing,
						account.companyProfile.companyName,
						account.companyProfile.domain
					)
				: ownCustomerRow(
						{
							tenantId: accepter.tenantId,
							companyName: account.companyProfile.companyName,
							domain: account.companyProfile.domain,
							country: accepter.country,
							relationship: 'reseller',
							delegatedAdmin: acceptance.delegatedAdmin,
							source: invitation.providerChannelId
								? 'indirect_provider'
								: (invitation.source ?? 'marketing'),
							since: now
						},
						now
					);
			const row: CustomerRecord = {
				...base,
				country: accepter.country,
				relationship: 'reseller',
				delegatedAdmin: acceptance.delegatedAdmin,
				channelId: channel.id,
				companyProfile: account.companyProfile,
				billingProfile: account.billingProfile,
				sharedWith:
					withProvider && provider && !base.sharedWith.includes(provider.id)
						? [...base.sharedWith, provider.id]
						: base.sharedWith,
				providersWithRelationship:
					withProvider && provider && !base.providersWithRelationship.includes(provider.id)
						? [...base.providersWithRelationship, provider.id]
						: base.providersWithRelationship,
				updatedAt: now
			};
			await db.customers.put(row);
			for (const providerChannelId of row.sharedWith) {
				const shared = await db.channels.get(providerChannelId);
				if (shared?.state !== 'active') continue;
				await putOwnRecords(
					db,
					providerChannelId,
					[
						{
							collection: 'customers',
							id: row.tenantId,
							value: sharedCustomerFrom(row, providerChannelId, now)
						}
					],
					now
				);
				touched.push(providerChannelId);
			}
			await db.audit.add(
				auditEntry(
					null,
					'customer.accepted',
					account.companyProfile.companyName,
					{ by: acceptance.acceptedBy, dap: acceptance.delegatedAdmin },
					now
				)
			);
		}
	);
	for (const id of touched) announceFeedChange(db.workspaceId, id);
	return touched.length > 0;
}
