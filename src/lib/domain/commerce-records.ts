import { z } from 'zod';
import { changeDecisionRecordSchema, changeRequestRecordSchema } from './change-requests';
import { orderRecordSchema } from './orders';
import { subscriptionRecordSchema, subscriptionStatuses } from './subscriptions';

/**
 * Rows of the workspace tables that hold orders, subscriptions and change requests, on each
 * side of a channel. The Partner Center–shaped record sits whole in `record` (as the feed
 * carries it); beside it, the keys the pages query by.
 *
 * - Provider: its own orders and subscriptions (`origin` own), written with its feed records;
 *   the change requests its resellers send (projected).
 * - Reseller: what its providers' feeds say (`origin` partner, read-only); its own requests.
 * - Customer: what its resellers pass on (`origin` partner, through the customer channel).
 */

const hex32 = z.string().regex(/^[0-9a-f]{32}$/);
const timestamp = z.number().int().nonnegative().max(8.64e15);
const customerKey = z.string().min(1).max(100);

/** `<channelId>:<record id>`: ids are the author's, so the channel keeps two authors apart. */
export function commerceKey(channelId: string, id: string): string {
	return `${channelId}:${id}`;
}

export const commerceOrigins = ['own', 'partner'] as const;

/** Who sold it, as the customer's side shows it (from its reseller's feed). */
export const sellerNamesSchema = z.strictObject({
	provider: z.string().min(1).max(200),
	reseller: z.string().min(1).max(200)
});

export const subscriptionRowSchema = z.strictObject({
	key: z.string().min(1).max(100),
	/** the partnership channel (provider, reseller) or the customer channel (customer) */
	channelId: hex32,
	/** the customer's row key on this side (provider: `<channel>:<tenant>`; reseller: tenant) */
	customerKey,
	origin: z.enum(commerceOrigins),
	status: z.enum(subscriptionStatuses),
	offerId: z.string().max(20),
	record: subscriptionRecordSchema,
	/** customer side only: the provider and reseller it came through */
	sellers: sellerNamesSchema.nullable(),
	updatedAt: timestamp
});
export type SubscriptionRow = z.infer<typeof subscriptionRowSchema>;

export const orderRowSchema = z.strictObject({
	key: z.string().min(1).max(100),
	channelId: hex32,
	customerKey,
	origin: z.enum(commerceOrigins),
	creationDate: timestamp,
	record: orderRecordSchema,
	updatedAt: timestamp
});
export type OrderRow = z.infer<typeof orderRowSchema>;

export const changeRequestStates = ['pending', 'accepted', 'declined'] as const;
export type ChangeRequestState = (typeof changeRequestStates)[number];

/** A reseller's change request and, once given, the provider's decision. */
export const changeRequestRowSchema = z.strictObject({
	key: z.string().min(1).max(100),
	channelId: hex32,
	customerKey,
	/** the subscription's row key on this side */
	subscriptionKey: z.string().min(1).max(100),
	state: z.enum(changeRequestStates),
	requestedAt: timestamp,
	request: changeRequestRecordSchema,
	decision: changeDecisionRecordSchema.nullable(),
	updatedAt: timestamp
});
export type ChangeRequestRow = z.infer<typeof changeRequestRowSchema>;

/** What a reseller's feed tells its customer about one subscription. */
export const customerSubscriptionSchema = z.strictObject({
	subscription: subscriptionRecordSchema,
	sellers: sellerNamesSchema
});
export type CustomerSubscription = z.infer<typeof customerSubscriptionSchema>;

/**
 * Running totals of active subscriptions, kept by every write of `subscriptions` in the same
 * transaction (db/subscription-store.ts), so the Dashboard reads a few rows instead of 500,000.
 * One row per dimension value: `all` (one row), `offer` (offer id), `customer` (customer key),
 * `channel` (channel id), `provider` (customer side: the provider's name) count active
 * subscriptions; `status` (each status) counts every subscription in it, so the Dashboard never
 * counts an index (IndexedDB counts entry by entry: seconds at 500,000).
 */
export const totalDimensions = [
	'all',
	'offer',
	'customer',
	'channel',
	'provider',
	'status'
] as const;
export type TotalDimension = (typeof totalDimensions)[number];

export const subscriptionTotalSchema = z.strictObject({
	/** `<dimension>:<id>` */
	key: z.string().min(1).max(300),
	dimension: z.enum(totalDimensions),
	id: z.string().max(250),
	/** the offer's name, or the reseller's name on the customer side; '' when none */
	name: z.string().max(200),
	/** active subscriptions */
	subscriptions: z.number().int().nonnegative(),
	/** their quantities, counted in licences */
	seats: z.number().int().nonnegative()
});
export type SubscriptionTotal = z.infer<typeof subscriptionTotalSchema>;
