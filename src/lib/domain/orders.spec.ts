import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DomainError, errorCodes, ValidationError } from './errors';
import {
	checkOrder,
	orderFrom,
	orderInputSchema,
	orderProblemCodes,
	orderProblems,
	orderRecordSchema,
	partnerCenterErrorNumber,
	type OrderContext,
	type OrderInput,
	type OrderProblemCode
} from './orders';
import { addCalendarMonths, addTerm, subscriptionRecordSchema } from './subscriptions';
import { fieldErrors, parseOrThrow } from './validation';
import {
	addOnOffer,
	CUSTOMER_TENANT,
	orderContext,
	PROVIDER_MPN,
	RESELLER_MPN,
	T0,
	testOffer,
	testSubscription,
	trialOffer,
	validOrderInput
} from '$lib/test/orders';

const catalogue = (locale: string) =>
	JSON.parse(
		readFileSync(new URL(`../../../messages/${locale}.json`, import.meta.url), 'utf8')
	) as Record<string, string>;
const en = catalogue('en');
const fr = catalogue('fr');

/** The field errors the form would show for this input, or {} when it parses. */
function formErrors(input: Record<string, unknown>) {
	const result = orderInputSchema.safeParse(input);
	return result.success ? {} : fieldErrors(result.error);
}

const form = {
	offerId: 'TESTPRODUCT1:0001',
	quantity: '10',
	termDuration: 'P1Y',
	billingCycle: 'monthly',
	friendlyName: '',
	partnerIdOnRecord: RESELLER_MPN
};

function codesOf(input: OrderInput, context: OrderContext): OrderProblemCode[] {
	return orderProblems(input, context).map((problem) => problem.code);
}

function thrown(run: () => unknown): DomainError {
	try {
		run();
	} catch (error) {
		if (error instanceof DomainError) return error;
		throw error;
	}
	throw new Error('nothing thrown');
}

describe('the Add subscription form', () => {
	it('accepts a filled form, coercing the quantity and leaving a blank name to the offer', () => {
		expect(parseOrThrow(orderInputSchema, form)).toEqual({
			offerId: 'TESTPRODUCT1:0001',
			quantity: 10,
			termDuration: 'P1Y',
			billingCycle: 'monthly',
			friendlyName: undefined,
			partnerIdOnRecord: RESELLER_MPN
		});
	});

	it('cleans the friendly name and keeps it up to 50 characters', () => {
		const name = `  Head   office ${'x'.repeat(38)} `;
		expect(parseOrThrow(orderInputSchema, { ...form, friendlyName: name }).friendlyName).toBe(
			`Head office ${'x'.repeat(38)}`
		);
		expect(formErrors({ ...form, friendlyName: 'x'.repeat(50) })).toEqual({});
		expect(formErrors({ ...form, friendlyName: 'x'.repeat(51) })).toEqual({
			friendlyName: 'err_too_long'
		});
		expect(parseOrThrow(orderInputSchema, { ...form, friendlyName: null }).friendlyName).toBe(
			undefined
		);
	});

	it.each([
		[{ offerId: '' }, { offerId: 'err_required' }],
		[{ offerId: undefined }, { offerId: 'err_required' }],
		[{ offerId: 'not-an-offer' }, { offerId: 'err_order_offer_unknown' }],
		[{ quantity: '' }, { quantity: 'err_required' }],
		[{ quantity: '   ' }, { quantity: 'err_required' }],
		[{ quantity: undefined }, { quantity: 'err_required' }],
		[{ quantity: 'ten' }, { quantity: 'err_order_quantity_whole' }],
		[{ quantity: '2.5' }, { quantity: 'err_order_quantity_whole' }],
		[{ quantity: '0' }, { quantity: 'err_order_quantity_whole' }],
		[{ quantity: '-3' }, { quantity: 'err_order_quantity_whole' }],
		[{ termDuration: 'P2Y' }, { termDuration: 'err_order_term' }],
		[{ termDuration: undefined }, { termDuration: 'err_required' }],
		[{ billingCycle: 'weekly' }, { billingCycle: 'err_order_billing_cycle' }],
		[{ billingCycle: undefined }, { billingCycle: 'err_required' }],
		[{ partnerIdOnRecord: '' }, { partnerIdOnRecord: 'err_required' }],
		[{ partnerIdOnRecord: '48-47383' }, { partnerIdOnRecord: 'err_mpn_format' }]
	])('refuses %o with %o', (change, errors) => {
		expect(formErrors({ ...form, ...change })).toEqual(errors);
	});

	it('takes a quantity typed as a number too, and full-width MPN digits', () => {
		const input = parseOrThrow(orderInputSchema, {
			...form,
			quantity: 7,
			partnerIdOnRecord: '４８４７３８３'
		});
		expect(input.quantity).toBe(7);
		expect(input.partnerIdOnRecord).toBe('4847383');
	});

	it('throws a ValidationError naming every bad field', () => {
		const error = thrown(() =>
			parseOrThrow(orderInputSchema, { ...form, quantity: '', offerId: '' })
		);
		expect(error).toBeInstanceOf(ValidationError);
		expect((error as ValidationError).fields).toEqual({
			offerId: 'err_required',
			quantity: 'err_required'
		});
	});
});

describe('order checks', () => {
	it('accepts a valid order', () => {
		expect(orderProblems(validOrderInput(), orderContext())).toEqual([]);
		expect(checkOrder(validOrderInput(), orderContext())).toEqual(testOffer());
	});

	it('accepts the MPN IDs with stray spaces around them', () => {
		const context = orderContext({
			reseller: { mpnId: ` ${RESELLER_MPN} `, country: 'FR', enrolled: true }
		});
		expect(orderProblems(validOrderInput(), context)).toEqual([]);
	});

	it.each([
		{
			title: 'an offer not in the catalogue',
			input: { offerId: 'NOSUCHOFFER1:0001' },
			context: {},
			code: 'err_order_offer_unknown',
			params: {},
			field: 'offerId'
		},
		{
			title: 'an offer not sold in the customer country',
			input: {},
			context: {
				customer: {
					tenantId: CUSTOMER_TENANT,
					country: 'jp',
					resellerRelationship: true,
					providerRelationship: true
				},
				reseller: { mpnId: RESELLER_MPN, country: 'JP', enrolled: true }
			},
			code: 'err_order_offer_country',
			params: { country: 'JP' },
			field: 'offerId'
		},
		{
			title: "the provider's own MPN ID (2072)",
			input: { partnerIdOnRecord: PROVIDER_MPN },
			context: {},
			code: 'err_order_partner_is_provider',
			params: { mpnId: PROVIDER_MPN },
			field: 'partnerIdOnRecord'
		},
		{
			title: 'an MPN ID that is not the reseller (2200)',
			input: { partnerIdOnRecord: '7654321' },
			context: {},
			code: 'err_order_reseller_unknown',
			params: { mpnId: '7654321' },
			field: 'partnerIdOnRecord'
		},
		{
			title: 'a reseller without an MPN ID (2200)',
			input: {},
			context: { reseller: { mpnId: null, country: 'FR', enrolled: true } },
			code: 'err_order_reseller_unknown',
			params: { mpnId: RESELLER_MPN },
			field: 'partnerIdOnRecord'
		},
		{
			title: 'a reseller not enrolled (2204)',
			input: {},
			context: { reseller: { mpnId: RESELLER_MPN, country: 'FR', enrolled: false } },
			code: 'err_order_reseller_not_enrolled',
			params: {},
			field: undefined
		},
		{
			title: 'a reseller from another region (2201)',
			input: {},
			context: { reseller: { mpnId: RESELLER_MPN, country: 'US', enrolled: true } },
			code: 'err_order_reseller_region',
			params: { partnerRegion: 'united_states', customerRegion: 'europe' },
			field: undefined
		},
		{
			title: 'no relationship with the reseller (20002)',
			input: {},
			context: {
				customer: {
					tenantId: CUSTOMER_TENANT,
					country: 'FR',
					resellerRelationship: false,
					providerRelationship: true
				}
			},
			code: 'err_order_no_relationship',
			params: {},
			field: undefined
		},
		{
			title: 'no relationship with the provider (20002)',
			input: {},
			context: {
				customer: {
					tenantId: CUSTOMER_TENANT,
					country: 'FR',
					resellerRelationship: true,
					providerRelationship: false
				}
			},
			code: 'err_order_no_relationship',
			params: {},
			field: undefined
		},
		{
			title: 'a quantity over the maximum',
			input: { quantity: 301 },
			context: {},
			code: 'err_order_quantity_range',
			params: { min: 1, max: 300 },
			field: 'quantity'
		},
		{
			title: 'a billing cycle the offer lacks',
			input: { billingCycle: 'triennial', termDuration: 'P1Y' },
			context: {},
			code: 'err_order_billing_cycle',
			params: {},
			field: 'billingCycle'
		},
		{
			title: 'a term the offer lacks',
			input: { termDuration: 'P3Y' },
			context: {},
			code: 'err_order_term',
			params: {},
			field: 'termDuration'
		},
		{
			title: 'annual billing on a monthly term',
			input: { billingCycle: 'annual', termDuration: 'P1M' },
			context: {},
			code: 'err_order_billing_term',
			params: {},
			field: 'billingCycle'
		},
		{
			title: 'an add-on without its base',
			input: { offerId: addOnOffer.id },
			context: {},
			code: 'err_order_addon_needs_base',
			params: {},
			field: 'offerId'
		},
		{
			title: 'a second trial',
			input: { offerId: trialOffer.id, termDuration: 'P1M', billingCycle: 'none', quantity: 5 },
			context: {
				subscriptions: [
					testSubscription({ offerId: trialOffer.id, isTrial: true, status: 'expired' })
				]
			},
			code: 'err_order_trial_used',
			params: {},
			field: 'offerId'
		}
	] as const)('refuses $title with $code', ({ input, context, code, params, field }) => {
		const problems = orderProblems(
			validOrderInput(input),
			orderContext(context as Partial<OrderContext>)
		);
		expect(problems).toEqual([field ? { code, params, field } : { code, params }]);
		const error = thrown(() =>
			checkOrder(validOrderInput(input), orderContext(context as Partial<OrderContext>))
		);
		expect(error.code).toBe(code);
		expect(error.params).toEqual(params);
	});

	it('keeps the quantity range inclusive at both ends', () => {
		const offer = testOffer({ minimumQuantity: 5, maximumQuantity: 20 });
		const context = orderContext({ findOffer: () => offer });
		const verdict = (quantity: number) => codesOf(validOrderInput({ quantity }), context);
		expect(verdict(4)).toEqual(['err_order_quantity_range']);
		expect(verdict(5)).toEqual([]);
		expect(verdict(20)).toEqual([]);
		expect(verdict(21)).toEqual(['err_order_quantity_range']);
		expect(orderProblems(validOrderInput({ quantity: 4 }), context)[0]?.params).toEqual({
			min: 5,
			max: 20
		});
	});

	it('lets the billing period be as long as the term, never longer', () => {
		const offer = testOffer({
			supportedBillingCycles: ['monthly', 'annual', 'triennial', 'one_time'],
			termDurations: ['P1M', 'P1Y', 'P3Y']
		});
		const context = orderContext({ findOffer: () => offer });
		const table = [
			['monthly', 'P1M', true],
			['monthly', 'P1Y', true],
			['monthly', 'P3Y', true],
			['annual', 'P1M', false],
			['annual', 'P1Y', true],
			['annual', 'P3Y', true],
			['triennial', 'P1M', false],
			['triennial', 'P1Y', false],
			['triennial', 'P3Y', true],
			['one_time', 'P1M', true]
		] as const;
		for (const [billingCycle, termDuration, ok] of table) {
			const codes = codesOf(validOrderInput({ billingCycle, termDuration }), context);
			expect(codes, `${billingCycle} ${termDuration}`).toEqual(
				ok ? [] : ['err_order_billing_term']
			);
		}
	});

	describe('add-ons', () => {
		const base = (overrides: Parameters<typeof testSubscription>[0] = {}) =>
			testSubscription({ offerId: 'TESTPRODUCT1:0001', ...overrides });
		const verdict = (subscriptions: OrderContext['subscriptions'], offer = addOnOffer) =>
			codesOf(
				validOrderInput({ offerId: offer.id }),
				orderContext({ subscriptions, findOffer: () => offer })
			);

		it('accepts an add-on when the customer has an active base subscription', () => {
			expect(verdict([base()])).toEqual([]);
		});

		it.each(['suspended', 'deleted', 'expired', 'pending', 'disabled'] as const)(
			'refuses it when the base subscription is %s',
			(status) => {
				expect(verdict([base({ status })])).toEqual(['err_order_addon_needs_base']);
			}
		);

		it("ignores another customer's base subscription and a non-base offer", () => {
			const other = '11111111-2222-4333-8444-555555555555';
			expect(verdict([base({ customerId: other })])).toEqual(['err_order_addon_needs_base']);
			expect(verdict([base({ offerId: 'OTHERPRODUC1:0001' })])).toEqual([
				'err_order_addon_needs_base'
			]);
		});

		it('takes any active subscription when the catalogue names no base offers', () => {
			const loose = testOffer({ ...addOnOffer, baseOfferIds: undefined });
			expect(verdict([base({ offerId: 'OTHERPRODUC1:0001' })], loose)).toEqual([]);
			expect(verdict([], loose)).toEqual(['err_order_addon_needs_base']);
			// the add-on itself is no base for more of it
			expect(verdict([base({ offerId: loose.id })], loose)).toEqual(['err_order_addon_needs_base']);
		});
	});

	describe('trials', () => {
		const trialInput = validOrderInput({
			offerId: trialOffer.id,
			termDuration: 'P1M',
			billingCycle: 'none',
			quantity: 25
		});

		it('accepts a first trial', () => {
			expect(codesOf(trialInput, orderContext())).toEqual([]);
		});

		it.each(['active', 'deleted', 'expired', 'suspended'] as const)(
			'refuses a second one while the first is %s',
			(status) => {
				const subscriptions = [testSubscription({ offerId: trialOffer.id, isTrial: true, status })];
				expect(codesOf(trialInput, orderContext({ subscriptions }))).toEqual([
					'err_order_trial_used'
				]);
			}
		);

		it("does not count another customer's trial or another offer", () => {
			const subscriptions = [
				testSubscription({
					offerId: trialOffer.id,
					isTrial: true,
					customerId: '11111111-2222-4333-8444-555555555555'
				}),
				testSubscription()
			];
			expect(codesOf(trialInput, orderContext({ subscriptions }))).toEqual([]);
		});
	});

	it('checks in Partner Center order and throws the first problem', () => {
		const everything: OrderContext = orderContext({
			findOffer: () => ({ ...trialOffer, isAddOn: true, countries: ['DE'] }),
			reseller: { mpnId: RESELLER_MPN, country: 'US', enrolled: false },
			customer: {
				tenantId: CUSTOMER_TENANT,
				country: 'FR',
				resellerRelationship: false,
				providerRelationship: false
			},
			subscriptions: [testSubscription({ offerId: trialOffer.id, isTrial: true })]
		});
		const input = validOrderInput({
			offerId: trialOffer.id,
			partnerIdOnRecord: PROVIDER_MPN,
			quantity: 26,
			billingCycle: 'annual',
			termDuration: 'P1Y'
		});
		expect(codesOf(input, everything)).toEqual([
			'err_order_offer_country',
			'err_order_partner_is_provider',
			'err_order_reseller_not_enrolled',
			'err_order_reseller_region',
			'err_order_no_relationship',
			'err_order_quantity_range',
			'err_order_billing_cycle',
			'err_order_term',
			'err_order_addon_needs_base',
			'err_order_trial_used'
		]);
		// Take the problems away one by one, first to last: each time the next one is thrown.
		const fixes: [Partial<OrderInput>, Partial<OrderContext>][] = [
			[{}, { findOffer: () => ({ ...trialOffer, isAddOn: true }) }],
			[{ partnerIdOnRecord: RESELLER_MPN }, {}],
			[{}, { reseller: { mpnId: RESELLER_MPN, country: 'US', enrolled: true } }],
			[{}, { reseller: { mpnId: RESELLER_MPN, country: 'FR', enrolled: true } }],
			[
				{},
				{
					customer: {
						...everything.customer,
						resellerRelationship: true,
						providerRelationship: true
					}
				}
			],
			[{ quantity: 25 }, {}],
			[{ billingCycle: 'none' }, {}],
			[{ termDuration: 'P1M' }, {}],
			[
				{},
				{
					subscriptions: [
						testSubscription({ offerId: trialOffer.id, isTrial: true }),
						testSubscription()
					]
				}
			],
			[{}, { subscriptions: [testSubscription()] }]
		];
		let context = everything;
		let fixed = input;
		for (const [index, [inputFix, contextFix]] of fixes.entries()) {
			expect(thrown(() => checkOrder(fixed, context)).code).toBe(codesOf(input, everything)[index]);
			fixed = { ...fixed, ...inputFix };
			context = { ...context, ...contextFix };
		}
		expect(orderProblems(fixed, context)).toEqual([]);
	});

	it('stops at an unknown offer', () => {
		const input = validOrderInput({
			offerId: 'NOSUCHOFFER1:0001',
			partnerIdOnRecord: PROVIDER_MPN
		});
		expect(codesOf(input, orderContext())).toEqual(['err_order_offer_unknown']);
	});

	it('lists every problem code and maps Partner Center error numbers', () => {
		for (const code of orderProblemCodes) expect(errorCodes).toContain(code);
		expect(partnerCenterErrorNumber).toEqual({
			err_order_partner_is_provider: 2072,
			err_order_reseller_unknown: 2200,
			err_order_reseller_region: 2201,
			err_order_reseller_not_enrolled: 2204,
			err_order_no_relationship: 20002,
			err_license_not_enough: 60012
		});
		// each message quotes its number
		for (const [code, number] of Object.entries(partnerCenterErrorNumber)) {
			expect(en[code], code).toContain(String(number));
			expect(fr[code], code).toContain(String(number));
		}
	});
});

describe('orderFrom', () => {
	const options = {
		offer: testOffer(),
		customerId: CUSTOMER_TENANT,
		orderId: 'c'.repeat(32),
		subscriptionId: 'd'.repeat(32),
		now: T0,
		placedBy: 'Ana Lopez'
	};

	it('makes the completed order and its active subscription', () => {
		const { order, subscription } = orderFrom(
			validOrderInput({ friendlyName: 'Head office' }),
			options
		);
		expect(order).toEqual({
			id: 'c'.repeat(32),
			customerId: CUSTOMER_TENANT,
			billingCycle: 'monthly',
			lineItems: [
				{
					lineItemNumber: 0,
					offerId: 'TESTPRODUCT1:0001',
					subscriptionId: 'd'.repeat(32),
					friendlyName: 'Head office',
					quantity: 10,
					termDuration: 'P1Y',
					partnerIdOnRecord: RESELLER_MPN
				}
			],
			creationDate: T0,
			status: 'completed',
			placedBy: 'Ana Lopez'
		});
		expect(subscription).toEqual({
			id: 'd'.repeat(32),
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
			orderId: 'c'.repeat(32),
			isTrial: false,
			history: [{ at: T0, action: 'created', by: 'Ana Lopez', to: 10 }],
			updatedAt: T0
		});
		expect(orderRecordSchema.parse(order)).toEqual(order);
		expect(subscriptionRecordSchema.parse(subscription)).toEqual(subscription);
	});

	it('names the subscription after the offer when no name is given', () => {
		const { order, subscription } = orderFrom(validOrderInput(), options);
		expect(subscription.friendlyName).toBe('Test Business Standard');
		expect(order.lineItems[0]?.friendlyName).toBe('Test Business Standard');
	});

	it('makes a trial active without auto-renew', () => {
		const input = validOrderInput({
			offerId: trialOffer.id,
			termDuration: 'P1M',
			billingCycle: 'none',
			quantity: 25
		});
		const { subscription } = orderFrom(input, { ...options, offer: trialOffer });
		expect(subscription).toMatchObject({
			status: 'active',
			isTrial: true,
			autoRenewEnabled: false,
			commitmentEndDate: Date.UTC(2025, 3, 3, 9, 0, 0)
		});
	});

	it('refuses an input for another offer', () => {
		expect(thrown(() => orderFrom(validOrderInput({ offerId: trialOffer.id }), options)).code).toBe(
			'err_order_offer_unknown'
		);
	});

	it.each([
		['P1M', Date.UTC(2025, 0, 31, 10, 30), Date.UTC(2025, 1, 28, 10, 30)],
		['P1M', Date.UTC(2024, 0, 31, 10, 30), Date.UTC(2024, 1, 29, 10, 30)],
		['P1M', Date.UTC(2025, 2, 31), Date.UTC(2025, 3, 30)],
		['P1M', Date.UTC(2025, 11, 15), Date.UTC(2026, 0, 15)],
		['P1M', Date.UTC(2024, 1, 29), Date.UTC(2024, 2, 29)],
		['P1Y', Date.UTC(2024, 1, 29), Date.UTC(2025, 1, 28)],
		['P1Y', Date.UTC(2023, 2, 1), Date.UTC(2024, 2, 1)],
		['P3Y', Date.UTC(2024, 1, 29), Date.UTC(2027, 1, 28)],
		['P3Y', Date.UTC(2025, 1, 28), Date.UTC(2028, 1, 28)],
		['P1Y', Date.UTC(2025, 5, 30, 23, 59, 59, 999), Date.UTC(2026, 5, 30, 23, 59, 59, 999)]
	] as const)('ends a %s term started at %d at %d', (term, start, end) => {
		expect(addTerm(start, term)).toBe(end);
		const offer = testOffer({ termDurations: ['P1M', 'P1Y', 'P3Y'] });
		const { subscription } = orderFrom(validOrderInput({ termDuration: term }), {
			...options,
			offer,
			now: start
		});
		expect(subscription.commitmentEndDate).toBe(end);
		expect(subscription.effectiveStartDate).toBe(start);
	});

	it('adds calendar months without overflowing, for every day of a leap and a common year', () => {
		for (const year of [2024, 2025]) {
			for (let day = 0; day < 366; day += 1) {
				const start = Date.UTC(year, 0, 1 + day, 8);
				for (const months of [1, 12, 36]) {
					const end = new Date(addCalendarMonths(start, months));
					const from = new Date(start);
					const monthIndex = from.getUTCMonth() + months;
					expect(end.getUTCMonth()).toBe(monthIndex % 12);
					expect(end.getUTCFullYear()).toBe(from.getUTCFullYear() + Math.floor(monthIndex / 12));
					expect(end.getUTCDate()).toBeLessThanOrEqual(from.getUTCDate());
					expect(end.getUTCHours()).toBe(8);
				}
			}
		}
	});
});
