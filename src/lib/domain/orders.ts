import { z } from 'zod';
import { billingCycles, termDurations, type BillingCycle, type Offer } from './catalog';
import { DomainError, type ErrorCode } from './errors';
import { mpnIdSchema } from './mpn';
import { findCspRegion, sameCspRegion } from './regions';
import {
	addTerm,
	termMonths,
	type SubscriptionRecord,
	type SubscriptionStatus
} from './subscriptions';
import { cleanText } from './text';

/**
 * Orders (DOMAIN.md "Order"): what a provider places for a reseller's customer, the checks Partner
 * Center makes before accepting it, and the order record and subscription it creates. One order has
 * one line item here (Tierlink's Add subscription form orders one offer at a time), but the record
 * keeps Partner Center's `lineItems` shape.
 */

const hex32 = z.string().regex(/^[0-9a-f]{32}$/);
const timestamp = z.number().int().nonnegative().max(8.64e15);
const tenantId = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
const offerId = z.string().regex(/^[A-Z0-9]{12}:[0-9]{4}$/);

export const FRIENDLY_NAME_MAX_LENGTH = 50;

// ---------------------------------------------------------------------------------------------
// The Add subscription form
// ---------------------------------------------------------------------------------------------

/** A form field's text as a number: blank is missing, not 0 (which `z.coerce` would make it). */
function numberFromForm(value: unknown): unknown {
	if (typeof value !== 'string') return value;
	const text = value.trim();
	return text === '' ? undefined : Number(text);
}

/**
 * What the provider fills in for one customer. The offer's own limits (quantity range, billing
 * cycles, terms) are checked by `orderProblems`, which knows the offer: this schema checks only
 * what any order needs, so a blank or fractional quantity is refused here (`err_order_quantity_whole`)
 * and a quantity outside the offer's range there (`err_order_quantity_range` with `min`, `max`).
 */
export const orderInputSchema = z.object({
	offerId: z
		.string({ error: 'err_required' })
		.trim()
		.min(1, { error: 'err_required' })
		.regex(/^[A-Z0-9]{12}:[0-9]{4}$/, { error: 'err_order_offer_unknown' }),
	quantity: z.preprocess(
		numberFromForm,
		z
			.number({
				error: (issue) => (issue.input === undefined ? 'err_required' : 'err_order_quantity_whole')
			})
			.int({ error: 'err_order_quantity_whole' })
			.min(1, { error: 'err_order_quantity_whole' })
	),
	termDuration: z.enum(termDurations, {
		error: (issue) => (issue.input === undefined ? 'err_required' : 'err_order_term')
	}),
	billingCycle: z.enum(billingCycles, {
		error: (issue) => (issue.input === undefined ? 'err_required' : 'err_order_billing_cycle')
	}),
	/** blank: the subscription is named after the offer */
	friendlyName: z
		.string()
		.nullish()
		.transform((value) => cleanText(value ?? ''))
		.pipe(z.string().max(FRIENDLY_NAME_MAX_LENGTH, { error: 'err_too_long' }))
		.transform((value) => value || undefined),
	/** the reseller of record (the reseller's MPN ID, filled in by the form) */
	partnerIdOnRecord: mpnIdSchema
});
export type OrderFormInput = z.input<typeof orderInputSchema>;
export type OrderInput = z.output<typeof orderInputSchema>;

// ---------------------------------------------------------------------------------------------
// Partner Center's order-time checks
// ---------------------------------------------------------------------------------------------

/**
 * What an order is checked against, gathered by the service from the catalogue, the workspace,
 * the partnership channel and the provider's feed.
 */
export interface OrderContext {
	/** the catalogue: the offer with this id, or undefined */
	findOffer: (offerId: string) => Offer | undefined;
	/** the provider placing the order (its MPN ID may be unknown: null) */
	provider: { mpnId: string | null; country: string };
	/** the reseller of the channel the customer was shared through */
	reseller: { mpnId: string | null; country: string; enrolled: boolean };
	/**
	 * the customer: its tenant, country (the order's market), and whether it accepted a reseller
	 * relationship with the reseller and with the provider
	 */
	customer: {
		tenantId: string;
		country: string;
		resellerRelationship: boolean;
		providerRelationship: boolean;
	};
	/** the subscriptions the customer already has from this provider (any status) */
	subscriptions: readonly Pick<
		SubscriptionRecord,
		'customerId' | 'offerId' | 'status' | 'isTrial'
	>[];
}

/** Codes `orderProblems` reports, in the order it checks them. */
export const orderProblemCodes = [
	'err_order_offer_unknown',
	'err_order_offer_country',
	'err_order_partner_is_provider',
	'err_order_reseller_unknown',
	'err_order_reseller_not_enrolled',
	'err_order_reseller_region',
	'err_order_no_relationship',
	'err_order_quantity_range',
	'err_order_billing_cycle',
	'err_order_term',
	'err_order_billing_term',
	'err_order_addon_needs_base',
	'err_order_trial_used'
] as const satisfies readonly ErrorCode[];
export type OrderProblemCode = (typeof orderProblemCodes)[number];

/**
 * Partner Center's error numbers for the refusals that have one (DOMAIN.md); the messages quote
 * them. 60012 (not enough licences to assign) is licence assignment's (`licenses.ts`), listed here
 * so every number lives in one place.
 */
export const partnerCenterErrorNumber = {
	err_order_partner_is_provider: 2072,
	err_order_reseller_unknown: 2200,
	err_order_reseller_region: 2201,
	err_order_reseller_not_enrolled: 2204,
	err_order_no_relationship: 20002,
	err_license_not_enough: 60012
} as const satisfies Partial<Record<ErrorCode, number>>;

/** One reason to refuse the order; `field` is the form field to show it beside, if any. */
export interface OrderProblem {
	code: OrderProblemCode;
	params: Record<string, string | number>;
	field?: keyof OrderInput;
}

/** How many months a billing period lasts; one-time and none are not periods. */
const billingMonths: Partial<Record<BillingCycle, number>> = {
	monthly: 1,
	annual: 12,
	triennial: 36
};

const sameId = (a: string | null, b: string) => a !== null && a.trim() === b.trim();

/**
 * Every reason Partner Center would refuse this order, in the order it checks them: the offer
 * (unknown, not sold in the customer's country); the partner on record (the provider's own MPN ID:
 * 2072; not the channel's reseller: 2200; reseller not enrolled: 2204; reseller from another CSP
 * region than the customer: 2201); the relationships (the customer must have accepted both the
 * reseller and the provider: 20002); the quantity range; the billing cycle and term the offer
 * supports (and a billing period no longer than the term); an add-on needs an active subscription
 * to one of its base offers (any active subscription when the catalogue names none); a trial once
 * per customer and offer. An unknown offer stops the checks there. Empty: the order can go.
 */
export function orderProblems(input: OrderInput, context: OrderContext): OrderProblem[] {
	const offer = context.findOffer(input.offerId);
	if (!offer) return [{ code: 'err_order_offer_unknown', params: {}, field: 'offerId' }];

	const problems: OrderProblem[] = [];
	const add = (
		code: OrderProblemCode,
		params: OrderProblem['params'] = {},
		field?: keyof OrderInput
	) => problems.push(field ? { code, params, field } : { code, params });
	const { provider, reseller, customer } = context;
	const customerCountry = customer.country.trim().toUpperCase();

	if (!offer.countries.includes(customerCountry)) {
		add('err_order_offer_country', { country: customerCountry }, 'offerId');
	}
	if (sameId(provider.mpnId, input.partnerIdOnRecord)) {
		add('err_order_partner_is_provider', { mpnId: input.partnerIdOnRecord }, 'partnerIdOnRecord');
	} else if (!sameId(reseller.mpnId, input.partnerIdOnRecord)) {
		add('err_order_reseller_unknown', { mpnId: input.partnerIdOnRecord }, 'partnerIdOnRecord');
	}
	if (!reseller.enrolled) add('err_order_reseller_not_enrolled');
	if (!sameCspRegion(reseller.country, customerCountry)) {
		add('err_order_reseller_region', {
			partnerRegion: findCspRegion(reseller.country) ?? reseller.country,
			customerRegion: findCspRegion(customerCountry) ?? customerCountry
		});
	}
	if (!customer.resellerRelationship || !customer.providerRelationship) {
		add('err_order_no_relationship');
	}
	const { minimumQuantity: min, maximumQuantity: max } = offer;
	if (input.quantity < min || input.quantity > max) {
		add('err_order_quantity_range', { min, max }, 'quantity');
	}
	const cycleSold = offer.supportedBillingCycles.includes(input.billingCycle);
	const termSold = offer.termDurations.includes(input.termDuration);
	if (!cycleSold) add('err_order_billing_cycle', {}, 'billingCycle');
	if (!termSold) add('err_order_term', {}, 'termDuration');
	// Only a pair the offer sells can be at odds; otherwise the field says enough already.
	const periodMonths = billingMonths[input.billingCycle];
	if (cycleSold && termSold && periodMonths && periodMonths > termMonths(input.termDuration)) {
		add('err_order_billing_term', {}, 'billingCycle');
	}

	const own = context.subscriptions.filter((sub) => sub.customerId === customer.tenantId);
	if (offer.isAddOn) {
		const bases = offer.baseOfferIds ?? [];
		const hasBase = own.some(
			(sub) =>
				sub.status === ('active' satisfies SubscriptionStatus) &&
				sub.offerId !== offer.id &&
				(bases.length === 0 || bases.includes(sub.offerId))
		);
		if (!hasBase) add('err_order_addon_needs_base', {}, 'offerId');
	}
	if (offer.isTrial && own.some((sub) => sub.offerId === offer.id)) {
		add('err_order_trial_used', {}, 'offerId');
	}
	return problems;
}

/** Throws the first of `orderProblems` as a DomainError (with its params); returns the offer. */
export function checkOrder(input: OrderInput, context: OrderContext): Offer {
	const [first] = orderProblems(input, context);
	if (first) throw new DomainError(first.code, first.params);
	return context.findOffer(input.offerId) as Offer;
}

// ---------------------------------------------------------------------------------------------
// The order record and the subscription it creates
// ---------------------------------------------------------------------------------------------

export const orderStatuses = ['completed', 'pending', 'cancelled'] as const;
export type OrderStatus = (typeof orderStatuses)[number];

export const orderLineItemSchema = z.strictObject({
	/** from 0, as Partner Center numbers them */
	lineItemNumber: z.number().int().nonnegative(),
	offerId,
	subscriptionId: hex32,
	friendlyName: z.string().min(1).max(120),
	quantity: z.number().int().min(1),
	termDuration: z.enum(termDurations),
	partnerIdOnRecord: z.string().regex(/^\d{6,10}$/)
});
export type OrderLineItem = z.infer<typeof orderLineItemSchema>;

/** An order as the provider's feed carries it (collection `orders`). */
export const orderRecordSchema = z.strictObject({
	id: hex32,
	/** the customer's tenant id, lower case */
	customerId: tenantId,
	billingCycle: z.enum(billingCycles),
	lineItems: z.array(orderLineItemSchema).min(1).max(50),
	creationDate: timestamp,
	status: z.enum(orderStatuses),
	/** display name of the provider's user who placed it (Tierlink's; not exported) */
	placedBy: z.string().min(1).max(120)
});
export type OrderRecord = z.infer<typeof orderRecordSchema>;

export interface OrderFromOptions {
	offer: Offer;
	customerId: string;
	orderId: string;
	subscriptionId: string;
	now: number;
	/** display name of the provider's user */
	placedBy: string;
}

/**
 * The completed order and its new subscription, for an input `checkOrder` accepted. The
 * subscription is active from `now` (trials too) to `now` + the term (`addTerm`: calendar months in
 * UTC, nothing subtracted), auto-renews unless it is a trial, and its history starts with
 * `created` (the quantity as `to`). The friendly name defaults to the offer's name.
 */
export function orderFrom(
	input: OrderInput,
	{ offer, customerId, orderId, subscriptionId, now, placedBy }: OrderFromOptions
): { order: OrderRecord; subscription: SubscriptionRecord } {
	if (input.offerId !== offer.id) throw new DomainError('err_order_offer_unknown');
	const friendlyName = input.friendlyName ?? offer.name;
	const order: OrderRecord = {
		id: orderId,
		customerId,
		billingCycle: input.billingCycle,
		lineItems: [
			{
				lineItemNumber: 0,
				offerId: offer.id,
				subscriptionId,
				friendlyName,
				quantity: input.quantity,
				termDuration: input.termDuration,
				partnerIdOnRecord: input.partnerIdOnRecord
			}
		],
		creationDate: now,
		status: 'completed',
		placedBy
	};
	const subscription: SubscriptionRecord = {
		id: subscriptionId,
		customerId,
		offerId: offer.id,
		offerName: offer.name,
		productId: offer.productId,
		friendlyName,
		quantity: input.quantity,
		unitType: offer.unitType,
		status: 'active',
		autoRenewEnabled: !offer.isTrial,
		billingType: offer.billing,
		billingCycle: input.billingCycle,
		termDuration: input.termDuration,
		creationDate: now,
		effectiveStartDate: now,
		commitmentEndDate: addTerm(now, input.termDuration),
		partnerId: input.partnerIdOnRecord,
		orderId,
		isTrial: offer.isTrial,
		history: [{ at: now, action: 'created', by: placedBy, to: input.quantity }],
		updatedAt: now
	};
	return { order, subscription };
}
