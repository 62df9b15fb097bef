import Dexie from 'dexie';
import type { ChannelRecord } from '$lib/db/records';
import type { WorkspaceDB } from '$lib/db/workspace-db';
import type { SubscriptionRow } from '$lib/domain/commerce-records';
import type { ChannelRole } from '$lib/domain/partnership';
import type { SubscriptionStatus } from '$lib/domain/subscriptions';
import { authorize, type SessionRef } from './actor';
import { bySeats, totalsOf } from './dashboard';

/**
 * The partner side of the **Subscriptions** page: a provider's subscriptions by reseller, a
 * reseller's by provider (one partnership channel each). Reads only; the user needs
 * `view_customers`.
 *
 * Cost at 2,000 resellers and 500,000 subscriptions: the totals come from the running totals
 * every subscription write keeps (`subscriptionTotals`, one row per channel) and the partnership
 * channels; one partner's list is the keys of its channel from the `[channelId+status]` index;
 * rows are read by key, only those on screen, with their customers' names. Never the table.
 */

export type PartnerSide = 'provider' | 'reseller';

/**
 * The role this side holds in the partnership channels that lead to its partners: a provider's
 * channels with its resellers have role 'provider', a reseller's with its providers 'reseller'.
 */
const ownRole: Record<PartnerSide, ChannelRole> = { provider: 'provider', reseller: 'reseller' };

export interface PartnerTotal {
	/** the partnership channel */
	channelId: string;
	/** the partner card's name; null when this side has no card for it */
	name: string | null;
	/** the partner's MPN ID, when it stated one */
	mpnId: string | null;
	/** the partnership was removed (its subscriptions stay listed) */
	ended: boolean;
	/** active subscriptions */
	subscriptions: number;
	/** their quantities, counted in licences */
	seats: number;
}

export interface SubscriptionOverview {
	/** active subscriptions, every partner together */
	subscriptions: number;
	seats: number;
	/** each partner: with active subscriptions first (most seats first), then by name */
	partners: PartnerTotal[];
}

/**
 * Reads after checking the user's right. `Dexie.waitFor` keeps a live query's observation
 * context across the check (an `await` of a promise that is not Dexie's would lose it, and the
 * reads after it would not be followed). No explicit transaction: the live query re-runs the
 * reads when what they read changes.
 */
async function readAsViewer<T>(
	session: SessionRef,
	read: (db: WorkspaceDB) => Promise<T>
): Promise<T> {
	const { db } = await Dexie.waitFor(authorize(session, 'view_customers'));
	return read(db);
}

/** A channel is listed once the partnership exists, or while it has active subscriptions. */
function listed(channel: ChannelRecord): boolean {
	return channel.partner !== null && (channel.state === 'active' || channel.state === 'removed');
}

export async function subscriptionOverview(
	session: SessionRef,
	side: PartnerSide
): Promise<SubscriptionOverview> {
	return readAsViewer(session, async (db) => {
		const [all, totals, channels] = await Promise.all([
			db.subscriptionTotals.get('all:'),
			totalsOf(db, 'channel'),
			db.channels.where('kind').equals('partnership').toArray()
		]);
		const mine = new Map(
			channels
				.filter((channel) => channel.role === ownRole[side])
				.map((channel) => [channel.id, channel])
		);
		const anyChannel = new Set(channels.map((channel) => channel.id));
		const partners = new Map<string, PartnerTotal>();
		for (const channel of mine.values()) {
			if (!listed(channel)) continue;
			partners.set(channel.id, partnerOf(channel, null));
		}
		for (const total of totals) {
			const channel = mine.get(total.id);
			// Totals of channels of another kind or role (none expected) are not this page's.
			if (!channel && anyChannel.has(total.id)) continue;
			partners.set(total.id, {
				...partnerOf(channel ?? null, total.name || null),
				channelId: total.id,
				subscriptions: total.subscriptions,
				seats: total.seats
			});
		}
		return {
			subscriptions: all?.subscriptions ?? 0,
			seats: all?.seats ?? 0,
			partners: [...partners.values()].sort(bySeats)
		};
	});
}

function partnerOf(channel: ChannelRecord | null, fallbackName: string | null): PartnerTotal {
	return {
		channelId: channel?.id ?? '',
		name: channel?.partner?.name ?? fallbackName,
		mpnId: channel?.partner?.mpnId ?? null,
		ended: channel?.state === 'removed',
		subscriptions: 0,
		seats: 0
	};
}

/** Live ones first, ended ones last: the order a partner's list shows them in. */
export const statusOrder: readonly SubscriptionStatus[] = [
	'active',
	'suspended',
	'pending',
	'disabled',
	'expired',
	'deleted'
];

/** One partner's subscription keys, by status. */
export type ChannelKeys = Record<SubscriptionStatus, string[]>;

/**
 * The keys of one partner's subscriptions, by status, from the `[channelId+status]` index only
 * (keys, not rows: a filter by status then costs nothing). Within a status, in key order.
 */
export async function channelSubscriptionKeys(
	session: SessionRef,
	channelId: string
): Promise<ChannelKeys> {
	const lists = await readAsViewer(session, (db) =>
		Promise.all(
			statusOrder.map((status) =>
				db.subscriptions.where('[channelId+status]').equals([channelId, status]).primaryKeys()
			)
		)
	);
	return Object.fromEntries(statusOrder.map((status, i) => [status, lists[i]!])) as ChannelKeys;
}

/** The keys in one status, or in every status with live ones first. */
export function keysInStatus(keys: ChannelKeys, status: SubscriptionStatus | null): string[] {
	return status ? keys[status] : statusOrder.flatMap((one) => keys[one]);
}

export interface SubscriptionListItem {
	row: SubscriptionRow;
	/** the customer's company name; null when this side has no row for it */
	customerName: string | null;
}

/**
 * The rows of `keys` that belong to `channelId`, with their customers' names: what the list
 * shows on screen. Keys of rows gone meanwhile (or of another channel) are left out.
 */
export async function subscriptionsByKeys(
	session: SessionRef,
	channelId: string,
	keys: readonly string[]
): Promise<SubscriptionListItem[]> {
	return readAsViewer(session, async (db) => {
		const rows = (await db.subscriptions.bulkGet([...keys])).filter(
			(row): row is SubscriptionRow => row !== undefined && row.channelId === channelId
		);
		const customerKeys = [...new Set(rows.map((row) => row.customerKey))];
		const customers = await db.customers.bulkGet(customerKeys);
		const names = new Map(
			customerKeys.map((key, i) => [key, customers[i]?.companyName ?? null] as const)
		);
		return rows.map((row) => ({ row, customerName: names.get(row.customerKey) ?? null }));
	});
}
