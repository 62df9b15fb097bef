import type { Offer } from '$lib/domain/catalog';
import type { OrderContext, OrderInput } from '$lib/domain/orders';
import type { SubscriptionRecord } from '$lib/domain/subscriptions';

/**
 * Small, made-up offers, order contexts and subscriptions for domain tests of orders,
 * subscriptions and change requests (independent of the shipped catalogue, so editing it never
 * breaks these tests).
 */

/** 3 March 2025, 09:00 UTC */
export const T0 = Date.UTC(2025, 2, 3, 9, 0, 0);
export const DAY = 24 * 60 * 60 * 1000;

export const PROVIDER_MPN = '1111111';
export const RESELLER_MPN = '4847383';
export const CUSTOMER_TENANT = '0b6e4e3c-8a52-4e2f-9a51-3f0c1d2e3a4b';

export function testOffer(overrides: Partial<Offer> = {}): Offer {
	return {
		id: 'TESTPRODUCT1:0001',
		productId: 'TESTPRODUCT1',
		name: 'Test Business Standard',
		description: { en: 'A test offer', fr: 'Une offre de test' },
		category: 'productivity',
		minimumQuantity: 1,
		maximumQuantity: 300,
		isAddOn: false,
		isTrial: false,
		billing: 'license',
		supportedBillingCycles: ['monthly', 'annual'],
		termDurations: ['P1M', 'P1Y'],
		unitType: 'Licenses',
		countries: ['FR', 'BE', 'DE', 'US'],
		unitPriceUsd: 12.5,
		...overrides
	};
}

export const addOnOffer = testOffer({
	id: 'TESTADDON001:0001',
	productId: 'TESTADDON001',
	name: 'Test Add-on',
	isAddOn: true,
	baseOfferIds: ['TESTPRODUCT1:0001']
});

export const trialOffer = testOffer({
	id: 'TESTTRIAL001:0001',
	productId: 'TESTTRIAL001',
	name: 'Test Business Standard Trial',
	isTrial: true,
	minimumQuantity: 1,
	maximumQuantity: 25,
	supportedBillingCycles: ['none'],
	termDurations: ['P1M']
});

export const testOffers: readonly Offer[] = [testOffer(), addOnOffer, trialOffer];

/** A provider in France ordering for a French customer of an enrolled French reseller. */
export function orderContext(overrides: Partial<OrderContext> = {}): OrderContext {
	return {
		findOffer: (id) => testOffers.find((offer) => offer.id === id),
		provider: { mpnId: PROVIDER_MPN, country: 'FR' },
		reseller: { mpnId: RESELLER_MPN, country: 'FR', enrolled: true },
		customer: {
			tenantId: CUSTOMER_TENANT,
			country: 'FR',
			resellerRelationship: true,
			providerRelationship: true
		},
		subscriptions: [],
		...overrides
	};
}

export function validOrderInput(overrides: Partial<OrderInput> = {}): OrderInput {
	return {
		offerId: 'TESTPRODUCT1:0001',
		quantity: 10,
		termDuration: 'P1Y',
		billingCycle: 'monthly',
		friendlyName: undefined,
		partnerIdOnRecord: RESELLER_MPN,
		...overrides
	};
}

/** An active, auto-renewing yearly subscription bought at `T0`. */
export function testSubscription(overrides: Partial<SubscriptionRecord> = {}): SubscriptionRecord {
	return {
		id: 'a'.repeat(32),
		customerId: CUSTOMER_TENANT,
		offerId: 'TESTPRODUCT1:0001',
		offerName: 'Test Business Standard',
		productId: 'TESTPRODUCT1',
		friendlyName: 'Head office',
		quantity: 10,
		unitType: 'Licenses',
		status: 'active',
		autoRenewEnabled: true,
		billingType: 'license',
		billingCycle: 'monthly',
		termDuration: 'P1Y',
		creationDate: T0,
		effectiveStartDate: T0,
		commitmentEndDate: Date.UTC(2026, 2, 3, 9, 0, 0),
		partnerId: RESELLER_MPN,
		orderId: 'b'.repeat(32),
		isTrial: false,
		history: [{ at: T0, action: 'created', by: 'Ana Lopez', to: 10 }],
		updatedAt: T0,
		...overrides
	};
}
