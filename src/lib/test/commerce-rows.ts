import type { ChannelRecord, CustomerRecord } from '$lib/db/records';
import { writeSubscriptions } from '$lib/db/subscription-store';
import type { WorkspaceDB } from '$lib/db/workspace-db';
import type { Offer } from '$lib/domain/catalog';
import { offerCatalog } from '$lib/domain/catalog-data';
import type {
	ChangeRequestRow,
	ChangeRequestState,
	SubscriptionRow
} from '$lib/domain/commerce-records';
import type { ChannelRole } from '$lib/domain/partnership';
import { ownCustomerRow } from '$lib/domain/customers';
import type { SubscriptionStatus } from '$lib/domain/subscriptions';
import { testSubscription, T0 } from './orders';

/**
 * Rows of the commerce tables as each side stores them (subscriptions, change requests) and the
 * channels and customers they point to, for tests that read those tables (Dashboard, pages). They
 * use the shipped catalogue's offers, so names are the ones users see.
 */

/** An offer of the shipped catalogue by its name (throws on a typo). */
export function catalogOffer(name: string): Offer {
	const offer = offerCatalog.find((candidate) => candidate.name === name && !candidate.isTrial);
	if (!offer) throw new Error(`no offer named ${name}`);
	return offer;
}

let sequence = 0;

/** 32 hex digits, different each call. */
export function uniqueHex(): string {
	sequence += 1;
	return sequence.toString(16).padStart(32, '0');
}

/** A tenant id made from a number, for readable tests. */
export function tenantOf(n: number): string {
	return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

export interface SubscriptionRowInput {
	channelId: string;
	customerKey: string;
	offer: Offer;
	quantity: number;
	status?: SubscriptionStatus;
	/** customer side: who sold it */
	sellers?: SubscriptionRow['sellers'];
	origin?: SubscriptionRow['origin'];
}

export function subscriptionRow(input: SubscriptionRowInput): SubscriptionRow {
	const id = uniqueHex();
	const status = input.status ?? 'active';
	return {
		key: `${input.channelId}:${id}`,
		channelId: input.channelId,
		customerKey: input.customerKey,
		origin: input.origin ?? 'own',
		status,
		offerId: input.offer.id,
		record: testSubscription({
			id,
			offerId: input.offer.id,
			offerName: input.offer.name,
			productId: input.offer.productId,
			friendlyName: input.offer.name,
			quantity: input.quantity,
			unitType: input.offer.unitType,
			billingType: input.offer.billing,
			status
		}),
		sellers: input.sellers ?? null,
		updatedAt: T0
	};
}

/** A partnership or customer channel, active, with the partner's card named `name`. */
export function channelRow(
	id: string,
	{
		role,
		kind = 'partnership',
		name
	}: { role: ChannelRole; kind?: ChannelRecord['kind']; name: string | null }
): ChannelRecord {
	const b64 = (char: string) => char.repeat(43);
	return {
		id,
		kind,
		role,
		state: 'active',
		invitationId: crypto.randomUUID(),
		key: b64('k'),
		replyKey: { kty: 'EC', crv: 'P-256', x: b64('x'), y: b64('y') },
		partner:
			name === null
				? null
				: {
						workspaceId: crypto.randomUUID(),
						tenantId: crypto.randomUUID(),
						name,
						domain: `${name.toLowerCase().replace(/[^a-z]/g, '')}.onmicrosoft.com`,
						mpnId: '4847383',
						country: 'FR',
						publicKey: { kty: 'EC', crv: 'P-256', x: b64('x'), y: b64('y') },
						fingerprint: 'f'.repeat(32)
					},
		relayUrl: null,
		createdAt: T0,
		since: T0,
		removedAt: null
	};
}

/** A customer row under `key` (a reseller's tenant id, or a provider's `<channel>:<tenant>`). */
export function customerRow(key: string, tenantId: string, companyName: string): CustomerRecord {
	return {
		...ownCustomerRow(
			{
				tenantId,
				companyName,
				domain: `${companyName.toLowerCase().replace(/[^a-z]/g, '')}.onmicrosoft.com`,
				country: 'FR',
				relationship: 'reseller',
				delegatedAdmin: true,
				source: 'marketing',
				since: T0
			},
			T0
		),
		key
	};
}

/** A reseller's request to change the quantity of `subscription`. */
export function changeRequestRow(
	subscription: SubscriptionRow,
	state: ChangeRequestState = 'pending'
): ChangeRequestRow {
	const id = uniqueHex();
	return {
		key: `${subscription.channelId}:${id}`,
		channelId: subscription.channelId,
		customerKey: subscription.customerKey,
		subscriptionKey: subscription.key,
		state,
		requestedAt: T0,
		request: {
			id,
			subscriptionId: subscription.record.id,
			customerId: subscription.record.customerId,
			kind: 'quantity',
			quantity: subscription.record.quantity + 1,
			note: '',
			requestedAt: T0,
			requestedBy: 'Ana Lopez'
		},
		decision: null,
		updatedAt: T0
	};
}

/** Stores subscription rows as the app does: with the running totals the Dashboard reads. */
export function storeSubscriptions(db: WorkspaceDB, rows: readonly SubscriptionRow[]) {
	return db.transaction('rw', [db.subscriptions, db.subscriptionTotals], () =>
		writeSubscriptions(db, rows)
	);
}
