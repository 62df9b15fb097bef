import { describe, expect, it } from 'vitest';
import { DomainError, ValidationError } from './errors';
import { orderFrom, type OrderRecord } from './orders';
import {
	allowedChanges,
	AUTOMATIC_ACTOR,
	cancelWindowEnd,
	canChange,
	changeKinds,
	changeRefusal,
	changeSubscription,
	HISTORY_LIMIT,
	historyEntrySchema,
	nextTermEnd,
	partnerCenterCollection,
	renewDue,
	subscriptionRecordSchema,
	subscriptionStatuses,
	subscriptionTransitions,
	toPartnerCenterOrder,
	toPartnerCenterSubscription,
	type ChangeKind,
	type HistoryEntry,
	type SubscriptionChange,
	type SubscriptionRecord,
	type SubscriptionStatus
} from './subscriptions';
import {
	CUSTOMER_TENANT,
	DAY,
	RESELLER_MPN,
	T0,
	testOffer,
	testSubscription,
	validOrderInput
} from '$lib/test/orders';

const offer = testOffer({ minimumQuantity: 5, maximumQuantity: 300 });
const by = 'Ana Lopez';
const options = { offer, now: T0 + DAY, by };

/** One valid change of each kind for `testSubscription()` (quantity 10, auto-renew on). */
const sampleChange: Record<ChangeKind, SubscriptionChange> = {
	quantity: { kind: 'quantity', quantity: 20 },
	auto_renew: { kind: 'auto_renew', enabled: false },
	suspend: { kind: 'suspend', reason: 'Unpaid invoice' },
	reactivate: { kind: 'reactivate' },
	cancel: { kind: 'cancel' }
};

function thrown(run: () => unknown): DomainError {
	try {
		run();
	} catch (error) {
		if (error instanceof DomainError) return error;
		throw error;
	}
	throw new Error('nothing thrown');
}

/** What each change does from each status: the status it leads to, or the refusal code. */
const expected: Record<SubscriptionStatus, Record<ChangeKind, string>> = {
	active: {
		quantity: 'active',
		auto_renew: 'active',
		suspend: 'suspended',
		reactivate: 'err_subscription_not_suspended',
		cancel: 'deleted'
	},
	suspended: {
		quantity: 'err_subscription_not_active',
		auto_renew: 'err_subscription_not_active',
		suspend: 'err_subscription_already_suspended',
		reactivate: 'active',
		cancel: 'deleted'
	},
	deleted: {
		quantity: 'err_subscription_ended',
		auto_renew: 'err_subscription_ended',
		suspend: 'err_subscription_ended',
		reactivate: 'err_subscription_ended',
		cancel: 'err_subscription_ended'
	},
	expired: {
		quantity: 'err_subscription_ended',
		auto_renew: 'err_subscription_ended',
		suspend: 'err_subscription_ended',
		reactivate: 'err_subscription_ended',
		cancel: 'err_subscription_ended'
	},
	pending: {
		quantity: 'err_subscription_not_active',
		auto_renew: 'err_subscription_not_active',
		suspend: 'err_subscription_not_active',
		reactivate: 'err_subscription_not_suspended',
		cancel: 'err_subscription_not_active'
	},
	disabled: {
		quantity: 'err_subscription_not_active',
		auto_renew: 'err_subscription_not_active',
		suspend: 'err_subscription_not_active',
		reactivate: 'err_subscription_not_suspended',
		cancel: 'err_subscription_not_active'
	}
};

const expectedAction: Record<ChangeKind, HistoryEntry['action']> = {
	quantity: 'quantity_changed',
	auto_renew: 'auto_renew_changed',
	suspend: 'suspended',
	reactivate: 'reactivated',
	cancel: 'cancelled'
};

const everyPair = subscriptionStatuses.flatMap((status) =>
	changeKinds.map((kind) => ({ status, kind, outcome: expected[status][kind] }))
);

describe('the subscription state machine', () => {
	it('lists exactly the legal transitions', () => {
		const table = subscriptionStatuses.flatMap((status) =>
			Object.entries(subscriptionTransitions[status]).map(([kind, to]) => `${status} ${kind} ${to}`)
		);
		const legal = everyPair
			.filter(({ outcome }) => !outcome.startsWith('err_'))
			.map(({ status, kind, outcome }) => `${status} ${kind} ${outcome}`);
		expect(table.sort()).toEqual(legal.sort());
	});

	it.each(everyPair)('$kind from $status: $outcome', ({ status, kind, outcome }) => {
		const sub = Object.freeze(testSubscription({ status }));
		const before = structuredClone(sub);
		const change = sampleChange[kind];
		if (outcome.startsWith('err_')) {
			expect(canChange(status, kind)).toBe(false);
			const error = thrown(() => changeSubscription(sub, change, options));
			expect(error.code).toBe(outcome);
			expect(changeRefusal(sub, change, options)?.code).toBe(outcome);
		} else {
			expect(canChange(status, kind)).toBe(true);
			expect(changeRefusal(sub, change, options)).toBeNull();
			const next = changeSubscription(sub, change, options);
			expect(next.status).toBe(outcome);
			expect(next.updatedAt).toBe(T0 + DAY);
			expect(next.history).toHaveLength(2);
			expect(next.history.at(-1)).toMatchObject({ at: T0 + DAY, action: expectedAction[kind], by });
			expect(subscriptionRecordSchema.parse(next)).toEqual(next);
		}
		expect(sub).toEqual(before);
	});

	it('offers the buttons each status allows', () => {
		expect(allowedChanges('active')).toEqual(['quantity', 'auto_renew', 'suspend', 'cancel']);
		expect(allowedChanges('suspended')).toEqual(['reactivate', 'cancel']);
		for (const status of ['deleted', 'expired', 'pending', 'disabled'] as const) {
			expect(allowedChanges(status)).toEqual([]);
		}
		expect(canChange('toString' as SubscriptionStatus, 'quantity')).toBe(false);
		expect(canChange('active', 'constructor' as ChangeKind)).toBe(false);
	});

	it('records what changed in the history', () => {
		const sub = testSubscription();
		const at = (change: SubscriptionChange, from = sub) =>
			changeSubscription(from, change, options).history.at(-1);
		expect(at(sampleChange.quantity)).toEqual({
			at: T0 + DAY,
			action: 'quantity_changed',
			by,
			from: 10,
			to: 20
		});
		expect(at(sampleChange.auto_renew)).toMatchObject({ from: true, to: false });
		expect(at(sampleChange.suspend)).toMatchObject({ from: 'active', to: 'suspended' });
		expect(at(sampleChange.cancel)).toMatchObject({ from: 'active', to: 'deleted' });
		const suspended = testSubscription({ status: 'suspended' });
		expect(at(sampleChange.reactivate, suspended)).toMatchObject({
			from: 'suspended',
			to: 'active'
		});
		expect(at(sampleChange.cancel, suspended)).toMatchObject({ from: 'suspended', to: 'deleted' });
	});

	it('links a change to the request it answers', () => {
		const requestId = 'e'.repeat(32);
		const next = changeSubscription(testSubscription(), sampleChange.quantity, {
			...options,
			requestId
		});
		expect(next.history.at(-1)?.requestId).toBe(requestId);
		expect(
			changeSubscription(testSubscription(), sampleChange.quantity, options).history.at(-1)
		).not.toHaveProperty('requestId');
	});

	it('refuses a change checked against another offer', () => {
		const other = testOffer({ id: 'OTHERPRODUC1:0001' });
		expect(
			thrown(() =>
				changeSubscription(testSubscription(), sampleChange.quantity, { ...options, offer: other })
			).code
		).toBe('err_order_offer_unknown');
	});
});

describe('quantity and auto-renew', () => {
	const quantityVerdict = (quantity: number) =>
		changeRefusal(testSubscription(), { kind: 'quantity', quantity }, options);

	it('keeps the quantity within the offer range, both ends included', () => {
		expect(quantityVerdict(4)).toEqual({
			code: 'err_order_quantity_range',
			params: { min: 5, max: 300 }
		});
		expect(quantityVerdict(5)).toBeNull();
		expect(quantityVerdict(300)).toBeNull();
		expect(quantityVerdict(301)?.code).toBe('err_order_quantity_range');
		expect(quantityVerdict(12.5)?.code).toBe('err_order_quantity_range');
		expect(quantityVerdict(Number.NaN)?.code).toBe('err_order_quantity_range');
		expect(
			changeSubscription(testSubscription(), { kind: 'quantity', quantity: 300 }, options).quantity
		).toBe(300);
	});

	it('refuses a change that changes nothing', () => {
		expect(quantityVerdict(10)?.code).toBe('err_subscription_unchanged');
		expect(
			thrown(() =>
				changeSubscription(testSubscription(), { kind: 'auto_renew', enabled: true }, options)
			).code
		).toBe('err_subscription_unchanged');
		const off = changeSubscription(
			testSubscription(),
			{ kind: 'auto_renew', enabled: false },
			options
		);
		expect(off.autoRenewEnabled).toBe(false);
		expect(
			changeSubscription(off, { kind: 'auto_renew', enabled: true }, options).autoRenewEnabled
		).toBe(true);
	});

	it('lets a trial change neither quantity nor auto-renew', () => {
		const trial = testSubscription({ isTrial: true, autoRenewEnabled: false });
		expect(thrown(() => changeSubscription(trial, sampleChange.quantity, options)).code).toBe(
			'err_subscription_trial'
		);
		expect(
			thrown(() => changeSubscription(trial, { kind: 'auto_renew', enabled: true }, options)).code
		).toBe('err_subscription_trial');
		expect(
			thrown(() => changeSubscription(trial, { kind: 'auto_renew', enabled: false }, options)).code
		).toBe('err_subscription_unchanged');
		expect(changeSubscription(trial, sampleChange.suspend, options).status).toBe('suspended');
	});
});

describe('suspension', () => {
	it('keeps the reason, cleaned, and drops it on reactivation', () => {
		const suspended = changeSubscription(
			testSubscription(),
			{ kind: 'suspend', reason: '  Unpaid   invoice ' },
			options
		);
		expect(suspended.suspendedReason).toBe('Unpaid invoice');
		const active = changeSubscription(suspended, { kind: 'reactivate' }, options);
		expect(active.status).toBe('active');
		expect(active).not.toHaveProperty('suspendedReason');
		expect(subscriptionRecordSchema.parse(active)).toEqual(active);
	});

	it('stores no reason when none is given', () => {
		for (const reason of [undefined, '', '   ']) {
			const next = changeSubscription(testSubscription(), { kind: 'suspend', reason }, options);
			expect(next).not.toHaveProperty('suspendedReason');
		}
	});

	it('takes a reason up to 500 characters', () => {
		const ok = changeSubscription(
			testSubscription(),
			{ kind: 'suspend', reason: 'x'.repeat(500) },
			options
		);
		expect(ok.suspendedReason).toHaveLength(500);
		const error = thrown(() =>
			changeSubscription(testSubscription(), { kind: 'suspend', reason: 'x'.repeat(501) }, options)
		);
		expect(error).toBeInstanceOf(ValidationError);
		expect((error as ValidationError).fields).toEqual({ reason: 'err_too_long' });
	});
});

describe('the cancellation window', () => {
	const sub = testSubscription();
	const cancelAt = (now: number, from = sub) =>
		changeSubscription(from, { kind: 'cancel' }, { ...options, now });

	it('closes 7 × 24 hours after the start of the term', () => {
		expect(cancelWindowEnd(sub)).toBe(T0 + 7 * DAY);
	});

	it('is open just before the 7 days are up', () => {
		const cancelled = cancelAt(T0 + 7 * DAY - 1);
		expect(cancelled.status).toBe('deleted');
		expect(cancelled.autoRenewEnabled).toBe(false);
		expect(cancelAt(T0).status).toBe('deleted');
	});

	it('is closed exactly at 7 days and after, naming the date it closed', () => {
		for (const now of [T0 + 7 * DAY, T0 + 7 * DAY + 1, T0 + 30 * DAY]) {
			const error = thrown(() => cancelAt(now));
			expect(error.code).toBe('err_subscription_cancel_window');
			expect(error.params).toEqual({ closedAt: T0 + 7 * DAY });
		}
	});

	it('applies to a suspended subscription too', () => {
		const suspended = testSubscription({ status: 'suspended' });
		expect(cancelAt(T0 + DAY, suspended).status).toBe('deleted');
		expect(thrown(() => cancelAt(T0 + 7 * DAY, suspended)).code).toBe(
			'err_subscription_cancel_window'
		);
	});

	it('reopens after a renewal, for 7 days from the new term', () => {
		const end = sub.commitmentEndDate;
		const renewed = renewDue(sub, end + DAY);
		expect(renewed.effectiveStartDate).toBe(end);
		expect(cancelWindowEnd(renewed)).toBe(end + 7 * DAY);
		expect(cancelAt(end + 7 * DAY - 1, renewed).status).toBe('deleted');
		const error = thrown(() => cancelAt(end + 7 * DAY, renewed));
		expect(error.params.closedAt).toBe(Date.UTC(2026, 2, 10, 9, 0));
	});

	it('does not bind a trial', () => {
		const trial = testSubscription({ isTrial: true, autoRenewEnabled: false, termDuration: 'P1M' });
		expect(cancelAt(T0 + 20 * DAY, trial).status).toBe('deleted');
	});
});

describe('history', () => {
	const entry = (at: number): HistoryEntry => ({
		at,
		action: 'quantity_changed',
		by,
		from: 1,
		to: 2
	});

	it('keeps the newest 100 entries', () => {
		const full = testSubscription({
			history: Array.from({ length: HISTORY_LIMIT }, (_, i) => entry(i))
		});
		const next = changeSubscription(full, sampleChange.quantity, options);
		expect(next.history).toHaveLength(HISTORY_LIMIT);
		expect(next.history[0]?.at).toBe(1);
		expect(next.history.at(-1)).toMatchObject({ at: T0 + DAY, to: 20 });
		expect(subscriptionRecordSchema.safeParse(next).success).toBe(true);
	});

	it('grows until it is full', () => {
		const almost = testSubscription({ history: Array.from({ length: 99 }, (_, i) => entry(i)) });
		const next = changeSubscription(almost, sampleChange.quantity, options);
		expect(next.history).toHaveLength(100);
		expect(next.history[0]?.at).toBe(0);
	});

	it('is refused beyond 100 entries by the schema', () => {
		const tooMany = testSubscription({ history: Array.from({ length: 101 }, (_, i) => entry(i)) });
		expect(subscriptionRecordSchema.safeParse(tooMany).success).toBe(false);
	});

	it('validates entries', () => {
		expect(historyEntrySchema.safeParse(entry(1)).success).toBe(true);
		expect(historyEntrySchema.safeParse({ ...entry(1), action: 'hacked' }).success).toBe(false);
		expect(historyEntrySchema.safeParse({ ...entry(1), by: '' }).success).toBe(false);
		expect(historyEntrySchema.safeParse({ ...entry(1), requestId: 'nope' }).success).toBe(false);
		expect(historyEntrySchema.safeParse({ ...entry(1), extra: 1 }).success).toBe(false);
	});
});

describe('renewal and expiry', () => {
	const sub = testSubscription();
	const end = sub.commitmentEndDate;

	it('leaves a subscription whose term has not ended as it is', () => {
		expect(renewDue(sub, end - 1)).toBe(sub);
	});

	it('renews at the end of the term when auto-renew is on', () => {
		const renewed = renewDue(sub, end);
		expect(renewed).toMatchObject({
			status: 'active',
			effectiveStartDate: end,
			commitmentEndDate: Date.UTC(2027, 2, 3, 9, 0, 0),
			updatedAt: end
		});
		expect(renewed.history.at(-1)).toEqual({
			at: end,
			action: 'renewed',
			by: AUTOMATIC_ACTOR,
			from: end,
			to: Date.UTC(2027, 2, 3, 9, 0, 0)
		});
		expect(subscriptionRecordSchema.parse(renewed)).toEqual(renewed);
		expect(renewDue(renewed, end + DAY)).toBe(renewed);
	});

	it('expires at the end of the term when auto-renew is off', () => {
		const off = testSubscription({ autoRenewEnabled: false });
		expect(renewDue(off, end - 1)).toBe(off);
		const expired = renewDue(off, end + 3 * DAY, 'System');
		expect(expired.status).toBe('expired');
		expect(expired.commitmentEndDate).toBe(end);
		expect(expired.updatedAt).toBe(end + 3 * DAY);
		expect(expired.history.at(-1)).toEqual({
			at: end,
			action: 'expired',
			by: 'System',
			from: 'active',
			to: 'expired'
		});
		expect(renewDue(expired, end + 400 * DAY)).toBe(expired);
	});

	it('lets a trial expire', () => {
		const trial = testSubscription({
			isTrial: true,
			autoRenewEnabled: false,
			termDuration: 'P1M',
			commitmentEndDate: Date.UTC(2025, 3, 3, 9)
		});
		expect(renewDue(trial, Date.UTC(2025, 3, 3, 9)).status).toBe('expired');
	});

	it.each(['suspended', 'deleted', 'expired', 'pending', 'disabled'] as const)(
		'neither renews nor expires a %s subscription',
		(status) => {
			const other = testSubscription({ status });
			expect(renewDue(other, end + 800 * DAY)).toBe(other);
		}
	);

	it('catches up the terms missed, one history entry each', () => {
		const monthly = testSubscription({
			termDuration: 'P1M',
			commitmentEndDate: Date.UTC(2025, 3, 3, 9)
		});
		const now = Date.UTC(2025, 6, 10);
		const caughtUp = renewDue(monthly, now);
		expect(caughtUp.effectiveStartDate).toBe(Date.UTC(2025, 6, 3, 9));
		expect(caughtUp.commitmentEndDate).toBe(Date.UTC(2025, 7, 3, 9));
		const renewals = caughtUp.history.filter((entry) => entry.action === 'renewed');
		expect(renewals.map((entry) => entry.at)).toEqual([
			Date.UTC(2025, 3, 3, 9),
			Date.UTC(2025, 4, 3, 9),
			Date.UTC(2025, 5, 3, 9),
			Date.UTC(2025, 6, 3, 9)
		]);
	});

	it('counts monthly terms from the purchase day, so 31 January does not drift', () => {
		const bought = Date.UTC(2025, 0, 31, 12);
		let current = testSubscription({
			termDuration: 'P1M',
			creationDate: bought,
			effectiveStartDate: bought,
			commitmentEndDate: Date.UTC(2025, 1, 28, 12),
			history: []
		});
		const ends: string[] = [];
		for (let i = 0; i < 4; i += 1) {
			current = renewDue(current, current.commitmentEndDate);
			ends.push(new Date(current.commitmentEndDate).toISOString().slice(0, 10));
		}
		expect(ends).toEqual(['2025-03-31', '2025-04-30', '2025-05-31', '2025-06-30']);
	});

	it('counts yearly terms from 29 February back to 29 February in a leap year', () => {
		const bought = Date.UTC(2024, 1, 29);
		let current = testSubscription({
			termDuration: 'P1Y',
			creationDate: bought,
			effectiveStartDate: bought,
			commitmentEndDate: Date.UTC(2025, 1, 28),
			history: []
		});
		current = renewDue(current, Date.UTC(2028, 2, 1));
		const ends = current.history.map((entry) =>
			new Date(entry.to as number).toISOString().slice(0, 10)
		);
		expect(ends).toEqual(['2026-02-28', '2027-02-28', '2028-02-29', '2029-02-28']);
	});

	it('gives a record off the purchase schedule a plain term from its end', () => {
		const odd = testSubscription({
			termDuration: 'P1M',
			commitmentEndDate: Date.UTC(2025, 3, 20, 9)
		});
		expect(nextTermEnd(odd)).toBe(Date.UTC(2025, 4, 20, 9));
	});

	it('renews an order placed with orderFrom', () => {
		const { subscription } = orderFrom(validOrderInput({ termDuration: 'P1M' }), {
			offer: testOffer(),
			customerId: CUSTOMER_TENANT,
			orderId: 'c'.repeat(32),
			subscriptionId: 'd'.repeat(32),
			now: Date.UTC(2025, 0, 31, 16),
			placedBy: by
		});
		expect(subscription.commitmentEndDate).toBe(Date.UTC(2025, 1, 28, 16));
		const renewed = renewDue(subscription, Date.UTC(2025, 1, 28, 16));
		expect(renewed.commitmentEndDate).toBe(Date.UTC(2025, 2, 31, 16));
	});
});

describe('the subscription record', () => {
	it('accepts a valid record and refuses damaged ones', () => {
		expect(subscriptionRecordSchema.parse(testSubscription())).toEqual(testSubscription());
		const bad: Partial<Record<keyof SubscriptionRecord | 'extra', unknown>>[] = [
			{ customerId: CUSTOMER_TENANT.toUpperCase() },
			{ id: 'x'.repeat(32) },
			{ status: 'cancelled' },
			{ quantity: 0 },
			{ quantity: 1.5 },
			{ partnerId: '12-34' },
			{ termDuration: 'P2Y' },
			{ friendlyName: '' },
			{ suspendedReason: '' },
			{ extra: true }
		];
		for (const change of bad) {
			expect(
				subscriptionRecordSchema.safeParse({ ...testSubscription(), ...change }).success,
				JSON.stringify(change)
			).toBe(false);
		}
	});
});

describe('Partner Center JSON', () => {
	const isoDate = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

	it('exports a subscription as Partner Center shapes it', () => {
		const sub = changeSubscription(testSubscription(), sampleChange.suspend, options);
		const json = toPartnerCenterSubscription(sub);
		expect(json).toEqual({
			id: sub.id,
			offerId: 'TESTPRODUCT1:0001',
			offerName: 'Test Business Standard',
			friendlyName: 'Head office',
			quantity: 10,
			unitType: 'Licenses',
			creationDate: '2025-03-03T09:00:00.000Z',
			effectiveStartDate: '2025-03-03T09:00:00.000Z',
			commitmentEndDate: '2026-03-03T09:00:00.000Z',
			status: 'suspended',
			autoRenewEnabled: true,
			billingType: 'license',
			billingCycle: 'monthly',
			termDuration: 'P1Y',
			isTrial: false,
			partnerId: RESELLER_MPN,
			orderId: sub.orderId,
			links: {
				offer: { uri: '/offers/TESTPRODUCT1:0001', method: 'GET', headers: [] },
				self: {
					uri: `/customers/${CUSTOMER_TENANT}/subscriptions/${sub.id}`,
					method: 'GET',
					headers: []
				}
			},
			attributes: { objectType: 'Subscription' }
		});
		for (const key of ['history', 'updatedAt', 'suspendedReason', 'customerId', 'productId']) {
			expect(json).not.toHaveProperty(key);
		}
		for (const key of ['creationDate', 'effectiveStartDate', 'commitmentEndDate'] as const) {
			expect(json[key]).toMatch(isoDate);
			expect(Date.parse(json[key])).toBe(sub[key]);
		}
	});

	it('exports an order as Partner Center shapes it', () => {
		const { order } = orderFrom(validOrderInput(), {
			offer: testOffer(),
			customerId: CUSTOMER_TENANT,
			orderId: 'c'.repeat(32),
			subscriptionId: 'd'.repeat(32),
			now: T0,
			placedBy: by
		});
		const json = toPartnerCenterOrder(order satisfies OrderRecord);
		expect(json).toEqual({
			id: 'c'.repeat(32),
			referenceCustomerId: CUSTOMER_TENANT,
			billingCycle: 'monthly',
			lineItems: [
				{
					lineItemNumber: 0,
					offerId: 'TESTPRODUCT1:0001',
					subscriptionId: 'd'.repeat(32),
					friendlyName: 'Test Business Standard',
					quantity: 10,
					termDuration: 'P1Y',
					partnerIdOnRecord: RESELLER_MPN
				}
			],
			creationDate: '2025-03-03T09:00:00.000Z',
			status: 'completed',
			links: {
				self: {
					uri: `/customers/${CUSTOMER_TENANT}/orders/${'c'.repeat(32)}`,
					method: 'GET',
					headers: []
				}
			},
			attributes: { objectType: 'Order' }
		});
		expect(json).not.toHaveProperty('placedBy');
		expect(json).not.toHaveProperty('customerId');
	});

	it('wraps items in a collection with their count', () => {
		const subs = [testSubscription(), testSubscription({ id: 'f'.repeat(32) })];
		const items = subs.map(toPartnerCenterSubscription);
		const collection = partnerCenterCollection(items);
		expect(collection).toEqual({ totalCount: 2, items, attributes: { objectType: 'Collection' } });
		expect(collection.items).not.toBe(items);
		expect(partnerCenterCollection([])).toEqual({
			totalCount: 0,
			items: [],
			attributes: { objectType: 'Collection' }
		});
		expect(JSON.parse(JSON.stringify(collection))).toEqual(collection);
	});
});
