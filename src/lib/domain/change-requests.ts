import { z } from 'zod';
import type { SubscriptionChange } from './subscriptions';

/**
 * Change requests: a reseller cannot change a subscription (only the provider writes them), so it
 * asks its provider with **Request change** (collection `changeRequests`, the reseller's feed) and
 * the provider answers (collection `changeDecisions`, the provider's feed, keyed by the request's
 * id). Accepting runs the change through `changeSubscription`, which makes every check again: a
 * request is a wish, not an authority.
 */

const hex32 = z.string().regex(/^[0-9a-f]{32}$/);
const timestamp = z.number().int().nonnegative().max(8.64e15);
const tenantId = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
const actorName = z.string().min(1).max(120);

export const NOTE_MAX_LENGTH = 500;

/** What a reseller may ask for: a new quantity, or a cancellation. */
export const changeRequestKinds = ['quantity', 'cancel'] as const;
export type ChangeRequestKind = (typeof changeRequestKinds)[number];

export const changeDecisions = ['accepted', 'declined'] as const;
export type ChangeDecision = (typeof changeDecisions)[number];

/** Free text kept with its line breaks (a note is a short letter): NFC, trimmed, ≤ 500. */
const noteSchema = z
	.string()
	.nullish()
	.transform((value) => (value ?? '').normalize('NFC').trim())
	.pipe(z.string().max(NOTE_MAX_LENGTH, { error: 'err_too_long' }));

/** A form field's text as a number: blank is missing, not 0. */
function numberFromForm(value: unknown): unknown {
	if (typeof value !== 'string') return value;
	const text = value.trim();
	return text === '' ? undefined : Number(text);
}

/**
 * The **Request change** form. A quantity request needs a whole quantity of at least 1 (the
 * offer's range is checked when the provider accepts it, and may be shown earlier with
 * `changeRefusal`); a cancellation carries no quantity (one typed before switching is dropped).
 */
export const changeRequestInputSchema = z
	.object({
		kind: z.enum(changeRequestKinds, { error: 'err_required' }),
		quantity: z.preprocess(numberFromForm, z.unknown()),
		note: noteSchema
	})
	.transform((input, ctx) => {
		if (input.kind === 'cancel') return { kind: 'cancel' as const, note: input.note };
		const { quantity } = input;
		if (quantity === undefined || quantity === null) {
			ctx.addIssue({ code: 'custom', path: ['quantity'], message: 'err_required' });
			return z.NEVER;
		}
		if (typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity < 1) {
			ctx.addIssue({ code: 'custom', path: ['quantity'], message: 'err_order_quantity_whole' });
			return z.NEVER;
		}
		return { kind: 'quantity' as const, quantity, note: input.note };
	});
export type ChangeRequestFormInput = z.input<typeof changeRequestInputSchema>;
export type ChangeRequestInput = z.output<typeof changeRequestInputSchema>;

/** A reseller's request as its feed carries it. `quantity` is there exactly for `quantity`. */
export const changeRequestRecordSchema = z
	.strictObject({
		id: hex32,
		subscriptionId: hex32,
		/** the customer's tenant id, lower case */
		customerId: tenantId,
		kind: z.enum(changeRequestKinds),
		quantity: z.number().int().min(1).optional(),
		note: z.string().max(NOTE_MAX_LENGTH),
		requestedAt: timestamp,
		/** display name of the reseller's user */
		requestedBy: actorName
	})
	.refine((record) => (record.kind === 'quantity') === (record.quantity !== undefined), {
		path: ['quantity'],
		message: 'err_required'
	});
export type ChangeRequestRecord = z.infer<typeof changeRequestRecordSchema>;

/** The provider's answer; its `id` is the request's. */
export const changeDecisionRecordSchema = z.strictObject({
	id: hex32,
	subscriptionId: hex32,
	decision: z.enum(changeDecisions),
	/** why (a declined request says so to the reseller); may be empty */
	reason: z.string().max(NOTE_MAX_LENGTH),
	decidedAt: timestamp,
	/** display name of the provider's user */
	decidedBy: actorName
});
export type ChangeDecisionRecord = z.infer<typeof changeDecisionRecordSchema>;

/** The provider's **Accept** / **Decline** form: the decision and an optional reason. */
export const changeDecisionInputSchema = z.object({
	decision: z.enum(changeDecisions, { error: 'err_required' }),
	reason: noteSchema
});
export type ChangeDecisionInput = z.output<typeof changeDecisionInputSchema>;

/** The `changeSubscription` change a request asks for. */
export function changeOf(
	request: Pick<ChangeRequestRecord, 'kind' | 'quantity'>
): Extract<SubscriptionChange, { kind: 'quantity' } | { kind: 'cancel' }> {
	if (request.kind === 'cancel') return { kind: 'cancel' };
	if (request.quantity === undefined) throw new Error('A quantity request without a quantity');
	return { kind: 'quantity', quantity: request.quantity };
}

export type RequestState = 'pending' | ChangeDecision;

/**
 * Where a request stands: `pending` until a decision for it (same id and subscription) arrives,
 * then that decision. A decision about another request answers nothing here.
 */
export function requestState(
	request: Pick<ChangeRequestRecord, 'id' | 'subscriptionId'>,
	decision: Pick<ChangeDecisionRecord, 'id' | 'subscriptionId' | 'decision'> | undefined
): RequestState {
	if (!decision) return 'pending';
	if (decision.id !== request.id || decision.subscriptionId !== request.subscriptionId) {
		return 'pending';
	}
	return decision.decision;
}
