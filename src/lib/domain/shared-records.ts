import { z } from 'zod';
import type { ChannelKind, ChannelRole } from './partnership';
import { acceptanceSchema, partnershipStateSchema, sharedProfileSchema } from './partnership';
import {
	customerAcceptanceSchema,
	customerRelationshipSchema,
	resellerRelationshipSchema
} from './customer-relationship';
import { customerAccountSchema, sharedCustomerSchema } from './customers';
import { changeDecisionRecordSchema, changeRequestRecordSchema } from './change-requests';
import { customerSubscriptionSchema } from './commerce-records';
import { directoryUserSchema } from './customer-directory';
import { orderRecordSchema } from './orders';
import { subscriptionRecordSchema } from './subscriptions';

/**
 * What a feed may carry: each collection (a `Y.Map` of the feed, keyed by record id) has a
 * schema and the channel roles whose feed may state it. The projection checks both before a
 * partner's record reaches Dexie; anything else goes to quarantine with the reason.
 *
 * Orders and subscriptions are the provider's alone: a reseller's feed that carries one (a
 * forged order) is quarantined on both sides and never becomes a subscription.
 */
export interface CollectionRule {
	schema: z.ZodType;
	/** the kinds of channel whose feeds may carry it */
	kinds: readonly ChannelKind[];
	authors: readonly ChannelRole[];
	/** allowed record ids, when the collection holds fixed entries */
	ids?: readonly string[];
	/** the record's field that must equal its id */
	idField?: string;
}

export const collectionRules = {
	/** who the author is, as it describes itself (both sides) */
	profile: {
		schema: sharedProfileSchema,
		kinds: ['partnership', 'customer'],
		authors: ['provider', 'reseller', 'customer'],
		ids: ['self']
	},
	/** the partnership's state: only the provider states it */
	partnership: {
		schema: partnershipStateSchema,
		kinds: ['partnership'],
		authors: ['provider'],
		ids: ['state']
	},
	/** the reseller's signed acceptance of the invitation: only the reseller states it */
	acceptance: { schema: acceptanceSchema, kinds: ['partnership'], authors: ['reseller'] },
	/** customers the reseller shares with this provider, by tenant id; `null` unshares */
	customers: {
		schema: sharedCustomerSchema,
		kinds: ['partnership'],
		authors: ['reseller'],
		idField: 'tenantId'
	},
	/** the customer's company and billing profiles: only the customer states them */
	customerAccount: {
		schema: customerAccountSchema,
		kinds: ['customer'],
		authors: ['customer'],
		ids: ['self']
	},
	/** the customer's signed acceptance of the request */
	customerAcceptance: {
		schema: customerAcceptanceSchema,
		kinds: ['customer'],
		authors: ['customer']
	},
	/** the relationship as the customer holds it: delegated admin, the provider, ended */
	customerRelationship: {
		schema: customerRelationshipSchema,
		kinds: ['customer'],
		authors: ['customer'],
		ids: ['state']
	},
	/** the relationship as the reseller holds it: only the reseller states it */
	resellerRelationship: {
		schema: resellerRelationshipSchema,
		kinds: ['customer'],
		authors: ['reseller'],
		ids: ['state']
	},
	/** orders the provider placed for the reseller's customers: only the provider */
	orders: {
		schema: orderRecordSchema,
		kinds: ['partnership'],
		authors: ['provider'],
		idField: 'id'
	},
	/** subscriptions those orders made, with their history: only the provider */
	subscriptions: {
		schema: subscriptionRecordSchema,
		kinds: ['partnership'],
		authors: ['provider'],
		idField: 'id'
	},
	/** the reseller's requests to change a subscription (quantity, cancel) */
	changeRequests: {
		schema: changeRequestRecordSchema,
		kinds: ['partnership'],
		authors: ['reseller'],
		idField: 'id'
	},
	/** the provider's answer to a change request (same id) */
	changeDecisions: {
		schema: changeDecisionRecordSchema,
		kinds: ['partnership'],
		authors: ['provider'],
		idField: 'id'
	},
	/** what the reseller passes on to its customer: its subscriptions, from which provider */
	customerSubscriptions: {
		schema: customerSubscriptionSchema,
		kinds: ['customer'],
		authors: ['reseller']
	},
	/** the customer's users and their licences, as the reseller administers them (DAP) */
	customerUsers: {
		schema: directoryUserSchema,
		kinds: ['customer'],
		authors: ['reseller'],
		idField: 'id'
	}
} as const satisfies Record<string, CollectionRule>;

export type CollectionName = keyof typeof collectionRules;

export function isCollectionName(name: string): name is CollectionName {
	return Object.hasOwn(collectionRules, name);
}

/** Largest record accepted, as JSON (64 KiB). */
export const MAX_RECORD_BYTES = 64 * 1024;
/** Deepest nesting accepted in a record. */
export const MAX_RECORD_DEPTH = 16;

export const quarantineReasons = [
	'unknown_collection',
	'unknown_id',
	'not_allowed_author',
	'not_plain',
	'forbidden_key',
	'too_large',
	'too_deep',
	'invalid'
] as const;
export type QuarantineReason = (typeof quarantineReasons)[number];

const forbiddenKeys = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Rebuilds a value from its own properties only, as a fresh plain object, or says why not: a
 * record from a partner may decode with an inherited prototype, and zod accepts inherited fields.
 */
export function rebuildPlain(
	value: unknown,
	depth = 0
): { ok: true; value: unknown } | { ok: false; reason: QuarantineReason } {
	if (depth > MAX_RECORD_DEPTH) return { ok: false, reason: 'too_deep' };
	if (value === null || typeof value === 'string' || typeof value === 'boolean') {
		return { ok: true, value };
	}
	if (typeof value === 'number') {
		return Number.isFinite(value) ? { ok: true, value } : { ok: false, reason: 'not_plain' };
	}
	if (Array.isArray(value)) {
		const out: unknown[] = [];
		for (let i = 0; i < value.length; i++) {
			const item = rebuildPlain(value[i], depth + 1);
			if (!item.ok) return item;
			out.push(item.value);
		}
		return { ok: true, value: out };
	}
	if (typeof value === 'object') {
		const proto = Object.getPrototypeOf(value);
		if (proto !== Object.prototype && proto !== null) return { ok: false, reason: 'not_plain' };
		const out: Record<string, unknown> = {};
		for (const key of Reflect.ownKeys(value)) {
			if (typeof key !== 'string') return { ok: false, reason: 'not_plain' };
			if (forbiddenKeys.has(key)) return { ok: false, reason: 'forbidden_key' };
			const descriptor = Object.getOwnPropertyDescriptor(value, key);
			if (!descriptor || !('value' in descriptor)) return { ok: false, reason: 'not_plain' };
			const item = rebuildPlain(descriptor.value, depth + 1);
			if (!item.ok) return item;
			Object.defineProperty(out, key, {
				value: item.value,
				enumerable: true,
				writable: true,
				configurable: true
			});
		}
		return { ok: true, value: out };
	}
	return { ok: false, reason: 'not_plain' };
}

export type RecordVerdict =
	{ ok: true; value: unknown } | { ok: false; reason: QuarantineReason; detail?: string };

/**
 * Everything a partner's record must pass before it is projected: known collection and id,
 * an author allowed to state it, size, plain own properties, and the collection's schema.
 */
export function checkSharedRecord(
	collection: string,
	id: string,
	value: unknown,
	authorRole: ChannelRole,
	kind: ChannelKind = 'partnership'
): RecordVerdict {
	if (!isCollectionName(collection)) return { ok: false, reason: 'unknown_collection' };
	const rule: CollectionRule = collectionRules[collection];
	if (!rule.kinds.includes(kind)) return { ok: false, reason: 'unknown_collection' };
	if (!rule.authors.includes(authorRole)) return { ok: false, reason: 'not_allowed_author' };
	if (rule.ids && !rule.ids.includes(id)) return { ok: false, reason: 'unknown_id' };
	if (id.length > 200) return { ok: false, reason: 'unknown_id' };
	// `null` removes a record; the author must still be allowed to state it.
	if (value === null) return { ok: true, value: null };
	const rebuilt = rebuildPlain(value);
	if (!rebuilt.ok) return rebuilt;
	let size: number;
	try {
		size = new TextEncoder().encode(JSON.stringify(rebuilt.value)).byteLength;
	} catch {
		return { ok: false, reason: 'not_plain' };
	}
	if (size > MAX_RECORD_BYTES) return { ok: false, reason: 'too_large' };
	const parsed = rule.schema.safeParse(rebuilt.value);
	if (!parsed.success) {
		return {
			ok: false,
			reason: 'invalid',
			detail: parsed.error.issues[0]?.path.join('.') ?? ''
		};
	}
	if (rule.idField && (parsed.data as Record<string, unknown>)[rule.idField] !== id) {
		return { ok: false, reason: 'unknown_id' };
	}
	return { ok: true, value: parsed.data };
}
