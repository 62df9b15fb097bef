import { describe, expect, it } from 'vitest';
import {
	changeDecisionInputSchema,
	changeDecisionRecordSchema,
	changeOf,
	changeRequestInputSchema,
	changeRequestRecordSchema,
	requestState,
	type ChangeDecisionRecord,
	type ChangeRequestRecord
} from './change-requests';
import { changeSubscription } from './subscriptions';
import { fieldErrors } from './validation';
import { CUSTOMER_TENANT, DAY, T0, testOffer, testSubscription } from '$lib/test/orders';

const request: ChangeRequestRecord = {
	id: '1'.repeat(32),
	subscriptionId: 'a'.repeat(32),
	customerId: CUSTOMER_TENANT,
	kind: 'quantity',
	quantity: 25,
	note: 'Five new hires in April',
	requestedAt: T0,
	requestedBy: 'Marc Petit'
};

const decision: ChangeDecisionRecord = {
	id: request.id,
	subscriptionId: request.subscriptionId,
	decision: 'accepted',
	reason: '',
	decidedAt: T0 + DAY,
	decidedBy: 'Ana Lopez'
};

function formErrors(input: Record<string, unknown>) {
	const result = changeRequestInputSchema.safeParse(input);
	return result.success ? {} : fieldErrors(result.error);
}

describe('the Request change form', () => {
	it('takes a quantity request, the quantity typed as text', () => {
		expect(
			changeRequestInputSchema.parse({ kind: 'quantity', quantity: ' 25 ', note: ' Hires ' })
		).toEqual({ kind: 'quantity', quantity: 25, note: 'Hires' });
	});

	it('takes a cancellation and drops a quantity typed before', () => {
		expect(changeRequestInputSchema.parse({ kind: 'cancel', quantity: '12' })).toEqual({
			kind: 'cancel',
			note: ''
		});
	});

	it('keeps the line breaks of a note', () => {
		expect(
			changeRequestInputSchema.parse({ kind: 'cancel', note: 'Line one\nLine two' }).note
		).toBe('Line one\nLine two');
	});

	it.each([
		[{ kind: 'quantity' }, { quantity: 'err_required' }],
		[{ kind: 'quantity', quantity: '' }, { quantity: 'err_required' }],
		[{ kind: 'quantity', quantity: null }, { quantity: 'err_required' }],
		[{ kind: 'quantity', quantity: 'many' }, { quantity: 'err_order_quantity_whole' }],
		[{ kind: 'quantity', quantity: '0' }, { quantity: 'err_order_quantity_whole' }],
		[{ kind: 'quantity', quantity: 2.5 }, { quantity: 'err_order_quantity_whole' }],
		[{ kind: 'upgrade', quantity: '3' }, { kind: 'err_required' }],
		[{}, { kind: 'err_required' }],
		[{ kind: 'cancel', note: 'x'.repeat(501) }, { note: 'err_too_long' }]
	])('refuses %o with %o', (input, errors) => {
		expect(formErrors(input)).toEqual(errors);
	});

	it('takes a note of exactly 500 characters', () => {
		expect(formErrors({ kind: 'cancel', note: 'x'.repeat(500) })).toEqual({});
	});
});

describe('change request and decision records', () => {
	it('accept valid records', () => {
		expect(changeRequestRecordSchema.parse(request)).toEqual(request);
		const cancel = { ...request, kind: 'cancel' as const, quantity: undefined, note: '' };
		delete cancel.quantity;
		expect(changeRequestRecordSchema.parse(cancel)).toEqual(cancel);
		expect(changeDecisionRecordSchema.parse(decision)).toEqual(decision);
	});

	it('need a quantity exactly for a quantity request', () => {
		const { quantity: _quantity, ...withoutQuantity } = request;
		expect(changeRequestRecordSchema.safeParse(withoutQuantity).success).toBe(false);
		expect(changeRequestRecordSchema.safeParse({ ...request, kind: 'cancel' }).success).toBe(false);
	});

	it.each([
		{ id: 'nope' },
		{ subscriptionId: 'A'.repeat(32) },
		{ customerId: CUSTOMER_TENANT.toUpperCase() },
		{ quantity: 0 },
		{ note: 'x'.repeat(501) },
		{ requestedBy: '' },
		{ kind: 'suspend' },
		{ extra: 1 }
	])('refuse a request with %o', (change) => {
		expect(changeRequestRecordSchema.safeParse({ ...request, ...change }).success).toBe(false);
	});

	it.each([
		{ decision: 'maybe' },
		{ reason: 'x'.repeat(501) },
		{ decidedBy: '' },
		{ decidedAt: -1 },
		{ extra: 1 }
	])('refuse a decision with %o', (change) => {
		expect(changeDecisionRecordSchema.safeParse({ ...decision, ...change }).success).toBe(false);
	});

	it('read the decision form', () => {
		expect(changeDecisionInputSchema.parse({ decision: 'declined', reason: ' Budget ' })).toEqual({
			decision: 'declined',
			reason: 'Budget'
		});
		expect(changeDecisionInputSchema.parse({ decision: 'accepted' })).toEqual({
			decision: 'accepted',
			reason: ''
		});
		expect(changeDecisionInputSchema.safeParse({ decision: 'later' }).success).toBe(false);
	});
});

describe('changeOf', () => {
	it('asks for the quantity or the cancellation', () => {
		expect(changeOf(request)).toEqual({ kind: 'quantity', quantity: 25 });
		expect(changeOf({ kind: 'cancel' })).toEqual({ kind: 'cancel' });
		expect(() => changeOf({ kind: 'quantity' })).toThrow();
	});

	it('gives a change the state machine applies, linked to the request', () => {
		const sub = changeSubscription(testSubscription(), changeOf(request), {
			offer: testOffer(),
			now: T0 + DAY,
			by: 'Ana Lopez',
			requestId: request.id
		});
		expect(sub.quantity).toBe(25);
		expect(sub.history.at(-1)).toMatchObject({ action: 'quantity_changed', requestId: request.id });
	});
});

describe('requestState', () => {
	it('is pending until a decision arrives, then the decision', () => {
		expect(requestState(request, undefined)).toBe('pending');
		expect(requestState(request, decision)).toBe('accepted');
		expect(requestState(request, { ...decision, decision: 'declined' })).toBe('declined');
	});

	it('ignores a decision about another request or subscription', () => {
		expect(requestState(request, { ...decision, id: '2'.repeat(32) })).toBe('pending');
		expect(requestState(request, { ...decision, subscriptionId: 'b'.repeat(32) })).toBe('pending');
	});
});
