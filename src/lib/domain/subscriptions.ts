import { z } from 'zod';
import {
	billingCycles,
	billingTypes,
	termDurations,
	unitTypes,
	type Offer,
	type TermDuration
} from './catalog';
import { DomainError, ValidationError, type ErrorCode } from './errors';
import type { OrderRecord } from './orders';
import { cleanText } from './text';

/**
 * Subscriptions (DOMAIN.md "Subscription"): what an order creates and the provider then changes.
 * The life of one is a small state machine of pure functions: `changeSubscription` for what the
 * provider does, `renewDue` for what time does. Records live in the provider's feed of the
 * provider ↔ reseller channel; the shapes follow Partner Center's Subscription resource so
 * `toPartnerCenterSubscription` is a rename of dates, not a translation.
 */

const hex32 = z.string().regex(/^[0-9a-f]{32}$/);
const timestamp = z.number().int().nonnegative().max(8.64e15);
const tenantId = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
const mpnId = z.string().regex(/^\d{6,10}$/);
/** a display name: who did something, as the history shows it */
const actorName = z.string().min(1).max(120);

// ---------------------------------------------------------------------------------------------
// Records
// ---------------------------------------------------------------------------------------------

/** Partner Center's subscription `status`. */
export const subscriptionStatuses = [
	'active',
	'suspended',
	'deleted',
	'expired',
	'pending',
	'disabled'
] as const;
export type SubscriptionStatus = (typeof subscriptionStatuses)[number];

export const historyActions = [
	'created',
	'quantity_changed',
	'auto_renew_changed',
	'suspended',
	'reactivated',
	'cancelled',
	'renewed',
	'expired'
] as const;
export type HistoryAction = (typeof historyActions)[number];

/** A subscription keeps its last 100 changes: enough to read, bounded in the feed. */
export const HISTORY_LIMIT = 100;

/**
 * One change in a subscription's life. `from`/`to` hold what changed: quantities, the auto-renew
 * flag, statuses (suspend, reactivate, cancel, expire), commitment end dates (renew, epoch ms).
 * `requestId` links a change made by accepting a reseller's change request.
 */
export const historyEntrySchema = z.strictObject({
	at: timestamp,
	action: z.enum(historyActions),
	by: actorName,
	from: z.union([z.string().max(200), z.number(), z.boolean()]).optional(),
	to: z.union([z.string().max(200), z.number(), z.boolean()]).optional(),
	requestId: hex32.optional()
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

export const SUSPENDED_REASON_MAX_LENGTH = 500;

export const subscriptionRecordSchema = z.strictObject({
	id: hex32,
	/** the customer's tenant id, lower case */
	customerId: tenantId,
	offerId: z.string().regex(/^[A-Z0-9]{12}:[0-9]{4}$/),
	offerName: z.string().min(1).max(120),
	productId: z.string().regex(/^[A-Z0-9]{12}$/),
	/** typed names are at most 50 characters; the default is the offer's name (up to 120) */
	friendlyName: z.string().min(1).max(120),
	quantity: z.number().int().min(1),
	unitType: z.enum(unitTypes),
	status: z.enum(subscriptionStatuses),
	autoRenewEnabled: z.boolean(),
	billingType: z.enum(billingTypes),
	billingCycle: z.enum(billingCycles),
	termDuration: z.enum(termDurations),
	creationDate: timestamp,
	/** start of the current term: moves on each renewal (and opens a new cancellation window) */
	effectiveStartDate: timestamp,
	commitmentEndDate: timestamp,
	/** the reseller of record's MPN ID */
	partnerId: mpnId,
	orderId: hex32,
	isTrial: z.boolean(),
	suspendedReason: z.string().min(1).max(SUSPENDED_REASON_MAX_LENGTH).optional(),
	history: z.array(historyEntrySchema).max(HISTORY_LIMIT),
	updatedAt: timestamp
});
export type SubscriptionRecord = z.infer<typeof subscriptionRecordSchema>;

/** Appends an entry, dropping the oldest beyond `HISTORY_LIMIT`. */
export function withHistory(history: readonly HistoryEntry[], entry: HistoryEntry): HistoryEntry[] {
	return [...history, entry].slice(-HISTORY_LIMIT);
}

// ---------------------------------------------------------------------------------------------
// Terms: calendar arithmetic in UTC
// ---------------------------------------------------------------------------------------------

export const DAY_MS = 24 * 60 * 60 * 1000;

const monthsOfTerm: Readonly<Record<TermDuration, number>> = { P1M: 1, P1Y: 12, P3Y: 36 };

/** How many calendar months a term lasts. */
export function termMonths(term: TermDuration): number {
	return monthsOfTerm[term];
}

/**
 * The same UTC time of day `months` calendar months later. A day the target month lacks becomes
 * its last day: 31 January + 1 month = 28 (or 29) February, 29 February 2024 + 1 year = 28
 * February 2025. (JavaScript's own `setUTCMonth` would overflow into March.)
 */
export function addCalendarMonths(epochMs: number, months: number): number {
	const date = new Date(epochMs);
	const monthIndex = date.getUTCMonth() + months;
	const year = date.getUTCFullYear() + Math.floor(monthIndex / 12);
	const month = ((monthIndex % 12) + 12) % 12;
	const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
	const day = Math.min(date.getUTCDate(), lastDay);
	return Date.UTC(
		year,
		month,
		day,
		date.getUTCHours(),
		date.getUTCMinutes(),
		date.getUTCSeconds(),
		date.getUTCMilliseconds()
	);
}

/**
 * When a term that starts at `start` ends: `start` + the term in calendar months (UTC), minus
 * nothing. The end is the instant the next term would begin, not the day before it as Partner
 * Center's pages print it, so terms chain without gaps and "ended" is simply `now >= end`.
 */
export function addTerm(start: number, term: TermDuration): number {
	return addCalendarMonths(start, termMonths(term));
}

/**
 * The end of the term after the one ending at `end`. Counted from the purchase date, so short
 * months do not make a subscription drift: bought on 31 January, it renews on 28 February, then
 * 31 March (not 28 March). A record whose end is off that schedule (imported, say) gets a plain
 * term from its end.
 */
export function nextTermEnd(
	sub: Pick<SubscriptionRecord, 'creationDate' | 'commitmentEndDate' | 'termDuration'>
): number {
	const months = termMonths(sub.termDuration);
	const start = new Date(sub.creationDate);
	const end = new Date(sub.commitmentEndDate);
	const monthsApart =
		(end.getUTCFullYear() - start.getUTCFullYear()) * 12 + end.getUTCMonth() - start.getUTCMonth();
	const terms = Math.max(1, Math.round(monthsApart / months));
	if (addCalendarMonths(sub.creationDate, terms * months) === sub.commitmentEndDate) {
		return addCalendarMonths(sub.creationDate, (terms + 1) * months);
	}
	return addTerm(sub.commitmentEndDate, sub.termDuration);
}

// ---------------------------------------------------------------------------------------------
// Changes the provider makes
// ---------------------------------------------------------------------------------------------

export const changeKinds = ['quantity', 'auto_renew', 'suspend', 'reactivate', 'cancel'] as const;
export type ChangeKind = (typeof changeKinds)[number];

export type SubscriptionChange =
	| { kind: 'quantity'; quantity: number }
	| { kind: 'auto_renew'; enabled: boolean }
	| { kind: 'suspend'; reason?: string }
	| { kind: 'reactivate' }
	| { kind: 'cancel' };

/**
 * The status each change leads to, from each status where it is allowed. Nothing else is:
 * `deleted` and `expired` have ended; `pending` (being provisioned) and `disabled` (stopped by
 * Microsoft) are not the partner's to change. A suspended subscription can be reactivated or
 * cancelled, nothing more, as Partner Center only lets a suspended subscription's status change.
 */
export const subscriptionTransitions: Readonly<
	Record<SubscriptionStatus, Readonly<Partial<Record<ChangeKind, SubscriptionStatus>>>>
> = {
	active: { quantity: 'active', auto_renew: 'active', suspend: 'suspended', cancel: 'deleted' },
	suspended: { reactivate: 'active', cancel: 'deleted' },
	deleted: {},
	expired: {},
	pending: {},
	disabled: {}
};

/** Whether the status allows this kind of change (before its own checks: range, window…). */
export function canChange(status: SubscriptionStatus, kind: ChangeKind): boolean {
	const allowed: Partial<Record<ChangeKind, SubscriptionStatus>> | undefined = Object.hasOwn(
		subscriptionTransitions,
		status
	)
		? subscriptionTransitions[status]
		: undefined;
	return allowed !== undefined && Object.hasOwn(allowed, kind);
}

/** The changes a status allows, in `changeKinds` order (for buttons). */
export function allowedChanges(status: SubscriptionStatus): ChangeKind[] {
	return changeKinds.filter((kind) => canChange(status, kind));
}

/** Cancellation is allowed for 7 × 24 hours after the purchase or the last renewal. */
export const CANCEL_WINDOW_MS = 7 * DAY_MS;

/** The instant the cancellation window closes (it is open while `now` is before it). */
export function cancelWindowEnd(sub: Pick<SubscriptionRecord, 'effectiveStartDate'>): number {
	return sub.effectiveStartDate + CANCEL_WINDOW_MS;
}

export interface ChangeRefusal {
	code: ErrorCode;
	params: Record<string, string | number>;
}

export interface ChangeContext {
	/** the subscription's offer (its quantity range) */
	offer: Pick<Offer, 'id' | 'minimumQuantity' | 'maximumQuantity'>;
	now: number;
}

/**
 * Why the change cannot be made, or null. Checked in this order: the subscription has ended; the
 * status does not allow the change; trials (no quantity change, no auto-renew: a trial ends, the
 * customer then orders the paid offer; a trial can be cancelled at any time, as in Partner
 * Center); the quantity range; nothing would change; the cancellation window.
 */
export function changeRefusal(
	sub: SubscriptionRecord,
	change: SubscriptionChange,
	{ offer, now }: ChangeContext
): ChangeRefusal | null {
	const refuse = (code: ErrorCode, params: Record<string, string | number> = {}) => ({
		code,
		params
	});
	if (sub.status === 'deleted' || sub.status === 'expired') {
		return refuse('err_subscription_ended', { status: sub.status });
	}
	if (!canChange(sub.status, change.kind)) {
		if (change.kind === 'reactivate') return refuse('err_subscription_not_suspended');
		if (change.kind === 'suspend' && sub.status === 'suspended') {
			return refuse('err_subscription_already_suspended');
		}
		return refuse('err_subscription_not_active', { status: sub.status });
	}
	switch (change.kind) {
		case 'quantity': {
			if (sub.isTrial) return refuse('err_subscription_trial');
			const { minimumQuantity: min, maximumQuantity: max } = offer;
			const { quantity } = change;
			if (!Number.isInteger(quantity) || quantity < min || quantity > max) {
				return refuse('err_order_quantity_range', { min, max });
			}
			if (quantity === sub.quantity) return refuse('err_subscription_unchanged');
			return null;
		}
		case 'auto_renew':
			if (change.enabled === sub.autoRenewEnabled) return refuse('err_subscription_unchanged');
			if (sub.isTrial) return refuse('err_subscription_trial');
			return null;
		case 'cancel': {
			const closesAt = cancelWindowEnd(sub);
			if (!sub.isTrial && now >= closesAt) {
				// The UI shows the instant in its language (i18n/errors.ts formats `…At` params).
				return refuse('err_subscription_cancel_window', { closedAt: closesAt });
			}
			return null;
		}
		default:
			return null;
	}
}

export interface ChangeOptions extends ChangeContext {
	/** display name of who makes the change */
	by: string;
	/** the reseller's change request this change answers */
	requestId?: string;
}

/**
 * Applies a change: a new record with the change, a history entry and `updatedAt`; the input is
 * not changed. Throws DomainError with the `changeRefusal` code, or ValidationError on `reason`
 * for a suspension reason over 500 characters. Services run `renewDue` first, so a change never
 * lands in a term that has already ended.
 */
export function changeSubscription(
	sub: SubscriptionRecord,
	change: SubscriptionChange,
	{ offer, now, by, requestId }: ChangeOptions
): SubscriptionRecord {
	if (offer.id !== sub.offerId) throw new DomainError('err_order_offer_unknown');
	const refusal = changeRefusal(sub, change, { offer, now });
	if (refusal) throw new DomainError(refusal.code, refusal.params);

	const entry = (
		action: HistoryAction,
		from: HistoryEntry['from'],
		to: HistoryEntry['to']
	): HistoryEntry => ({ at: now, action, by, from, to, ...(requestId ? { requestId } : {}) });
	const next = (changes: Partial<SubscriptionRecord>, historyEntry: HistoryEntry) => ({
		...sub,
		...changes,
		history: withHistory(sub.history, historyEntry),
		updatedAt: now
	});

	switch (change.kind) {
		case 'quantity':
			return next(
				{ quantity: change.quantity },
				entry('quantity_changed', sub.quantity, change.quantity)
			);
		case 'auto_renew':
			return next(
				{ autoRenewEnabled: change.enabled },
				entry('auto_renew_changed', sub.autoRenewEnabled, change.enabled)
			);
		case 'suspend': {
			const reason = cleanText(change.reason ?? '');
			if (reason.length > SUSPENDED_REASON_MAX_LENGTH) {
				throw new ValidationError({ reason: 'err_too_long' });
			}
			return next(
				{ status: 'suspended', ...(reason ? { suspendedReason: reason } : {}) },
				entry('suspended', sub.status, 'suspended')
			);
		}
		case 'reactivate': {
			const { suspendedReason: _dropped, ...rest } = next(
				{ status: 'active' },
				entry('reactivated', sub.status, 'active')
			);
			return rest;
		}
		case 'cancel':
			// A cancelled subscription will not renew: say so in the record too.
			return next(
				{ status: 'deleted', autoRenewEnabled: false },
				entry('cancelled', sub.status, 'deleted')
			);
	}
}

// ---------------------------------------------------------------------------------------------
// What time does: renewal and expiry
// ---------------------------------------------------------------------------------------------

/** Who the history names for what happens by itself at the end of a term. */
export const AUTOMATIC_ACTOR = 'Tierlink';

/** Enough for 100 years of monthly terms; a guard against a damaged record, not a real limit. */
const MAX_RENEWALS = 1200;

/**
 * The subscription at `now` as time leaves it. An active subscription whose term has ended
 * (`now >= commitmentEndDate`) renews if auto-renew is on (the new term starts at the old end;
 * `renewed` in the history with the old and new ends) and expires otherwise (`expired`, at the
 * end of the term). Terms missed while nobody looked are caught up, one entry each. Suspended,
 * pending and disabled subscriptions neither renew nor expire: a suspended one is billed for
 * nothing and waits for reactivation. Returns the same object when nothing is due.
 */
export function renewDue(
	sub: SubscriptionRecord,
	now: number,
	by: string = AUTOMATIC_ACTOR
): SubscriptionRecord {
	if (sub.status !== 'active' || now < sub.commitmentEndDate) return sub;
	let current = sub;
	for (let i = 0; i < MAX_RENEWALS && now >= current.commitmentEndDate; i += 1) {
		const endedAt = current.commitmentEndDate;
		if (!current.autoRenewEnabled) {
			return {
				...current,
				status: 'expired',
				history: withHistory(current.history, {
					at: endedAt,
					action: 'expired',
					by,
					from: 'active',
					to: 'expired'
				}),
				updatedAt: now
			};
		}
		const newEnd = nextTermEnd(current);
		current = {
			...current,
			effectiveStartDate: endedAt,
			commitmentEndDate: newEnd,
			history: withHistory(current.history, {
				at: endedAt,
				action: 'renewed',
				by,
				from: endedAt,
				to: newEnd
			}),
			updatedAt: now
		};
	}
	return current;
}

// ---------------------------------------------------------------------------------------------
// Partner Center REST JSON
// ---------------------------------------------------------------------------------------------

/** A Partner Center `Link`: where the resource lives in the REST API. */
export interface PartnerCenterLink {
	uri: string;
	method: 'GET';
	headers: [];
}

/**
 * Partner Center's Subscription resource. Tierlink's own fields (history, suspension reason, who
 * changed what) are not in it; the customer is in `links.self`, as Partner Center puts it.
 */
export interface PartnerCenterSubscription {
	id: string;
	offerId: string;
	offerName: string;
	friendlyName: string;
	quantity: number;
	unitType: string;
	creationDate: string;
	effectiveStartDate: string;
	commitmentEndDate: string;
	status: SubscriptionStatus;
	autoRenewEnabled: boolean;
	billingType: string;
	billingCycle: string;
	termDuration: string;
	isTrial: boolean;
	partnerId: string;
	orderId: string;
	links: { offer: PartnerCenterLink; self: PartnerCenterLink };
	attributes: { objectType: 'Subscription' };
}

export interface PartnerCenterOrderLineItem {
	lineItemNumber: number;
	offerId: string;
	subscriptionId: string;
	friendlyName: string;
	quantity: number;
	termDuration: string;
	partnerIdOnRecord: string;
}

/** Partner Center's Order resource (`placedBy` is Tierlink's and left out). */
export interface PartnerCenterOrder {
	id: string;
	referenceCustomerId: string;
	billingCycle: string;
	lineItems: PartnerCenterOrderLineItem[];
	creationDate: string;
	status: string;
	links: { self: PartnerCenterLink };
	attributes: { objectType: 'Order' };
}

export interface PartnerCenterCollection<T> {
	totalCount: number;
	items: T[];
	attributes: { objectType: 'Collection' };
}

const iso = (epochMs: number) => new Date(epochMs).toISOString();
const link = (uri: string): PartnerCenterLink => ({ uri, method: 'GET', headers: [] });

export function toPartnerCenterSubscription(sub: SubscriptionRecord): PartnerCenterSubscription {
	return {
		id: sub.id,
		offerId: sub.offerId,
		offerName: sub.offerName,
		friendlyName: sub.friendlyName,
		quantity: sub.quantity,
		unitType: sub.unitType,
		creationDate: iso(sub.creationDate),
		effectiveStartDate: iso(sub.effectiveStartDate),
		commitmentEndDate: iso(sub.commitmentEndDate),
		status: sub.status,
		autoRenewEnabled: sub.autoRenewEnabled,
		billingType: sub.billingType,
		billingCycle: sub.billingCycle,
		termDuration: sub.termDuration,
		isTrial: sub.isTrial,
		partnerId: sub.partnerId,
		orderId: sub.orderId,
		links: {
			offer: link(`/offers/${sub.offerId}`),
			self: link(`/customers/${sub.customerId}/subscriptions/${sub.id}`)
		},
		attributes: { objectType: 'Subscription' }
	};
}

export function toPartnerCenterOrder(order: OrderRecord): PartnerCenterOrder {
	return {
		id: order.id,
		referenceCustomerId: order.customerId,
		billingCycle: order.billingCycle,
		lineItems: order.lineItems.map((item) => ({
			lineItemNumber: item.lineItemNumber,
			offerId: item.offerId,
			subscriptionId: item.subscriptionId,
			friendlyName: item.friendlyName,
			quantity: item.quantity,
			termDuration: item.termDuration,
			partnerIdOnRecord: item.partnerIdOnRecord
		})),
		creationDate: iso(order.creationDate),
		status: order.status,
		links: { self: link(`/customers/${order.customerId}/orders/${order.id}`) },
		attributes: { objectType: 'Order' }
	};
}

/** Partner Center's collection envelope: `{ totalCount, items, attributes }`. */
export function partnerCenterCollection<T>(items: readonly T[]): PartnerCenterCollection<T> {
	return { totalCount: items.length, items: [...items], attributes: { objectType: 'Collection' } };
}
