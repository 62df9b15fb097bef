import type { WorkspaceDB } from '$lib/db/workspace-db';
import Dexie from 'dexie';
import type { SubscriptionTotal, TotalDimension } from '$lib/domain/commerce-records';
import type { WorkspaceKind } from '$lib/domain/roles';

/**
 * The Dashboard's subscription figures: reads only, no permission check (the page decides who
 * sees them), nothing written.
 *
 * Cost at 500,000 subscriptions: a few index counts (`status`, `state`) and the running totals
 * that every write of a subscription keeps in the same transaction (db/subscription-store.ts,
 * table `subscriptionTotals`: one row per offer, customer, channel and provider with active
 * subscriptions). The rows are never read: the cost grows with the number of offers, customers
 * with subscriptions and partners, not of subscriptions. The ten customers with most seats come
 * from the `[dimension+seats]` index, read backwards.
 */

export interface OfferFigure {
	offerId: string;
	/**
	 * the name the subscriptions carry (the catalogue's when ordered): reading it there keeps
	 * the catalogue out of the Dashboard's bundle
	 */
	name: string;
	/** active subscriptions of the offer */
	subscriptions: number;
	/** sum of their quantities when counted in licences (usage-based offers have none) */
	seats: number;
}

export interface CustomerFigure {
	customerKey: string;
	/** the company name from the customers table; null when this side has no row for it */
	name: string | null;
	subscriptions: number;
	seats: number;
}

export interface PartnerFigure {
	/** the partnership channel */
	channelId: string;
	/** the partner card's name; null before the partnership has one */
	name: string | null;
	subscriptions: number;
	seats: number;
}

/** What the index alone tells, whatever the number of rows. */
export interface SubscriptionCounts {
	/** rows in any status: zero means "no subscriptions yet" */
	totalSubscriptions: number;
	activeSubscriptions: number;
	suspended: number;
	/** change requests waiting for the provider's answer */
	pendingChangeRequests: number;
}

export interface SubscriptionFigures extends SubscriptionCounts {
	/** sum of the quantities of active subscriptions counted in licences */
	seats: number;
	/** customers with at least one active subscription */
	customersWithSubscriptions: number;
	/**
	 * partners with at least one active subscription: a provider's resellers, a reseller's
	 * providers; for a customer, its resellers and the providers behind them
	 */
	partners: number;
	/** every offer with an active subscription, most seats first */
	byOffer: OfferFigure[];
	/** the ten customers with most seats */
	byCustomer: CustomerFigure[];
	/** provider only: each reseller with active subscriptions, most seats first */
	byReseller: PartnerFigure[];
	/** reseller only: each provider with active subscriptions, most seats first */
	byProvider: PartnerFigure[];
}

export const TOP_CUSTOMERS = 10;

/** Counts from the running totals (`status` and `all` rows): a few reads, never an index count. */
export async function subscriptionCounts(db: WorkspaceDB): Promise<SubscriptionCounts> {
	return db.transaction('r', [db.subscriptionTotals, db.changeRequests], async () => {
		const [byStatus, pendingChangeRequests] = await Promise.all([
			totalsOf(db, 'status'),
			db.changeRequests.where('state').equals('pending').count()
		]);
		const inStatus = (status: string) =>
			byStatus.find((row) => row.id === status)?.subscriptions ?? 0;
		return {
			totalSubscriptions: byStatus.reduce((sum, row) => sum + row.subscriptions, 0),
			activeSubscriptions: inStatus('active'),
			suspended: inStatus('suspended'),
			pendingChangeRequests
		};
	});
}

/** Most seats first, then most subscriptions, then by name: the same order every time. */
export function bySeats<T extends { seats: number; subscriptions: number; name: string | null }>(
	a: T,
	b: T
): number {
	return (
		b.seats - a.seats ||
		b.subscriptions - a.subscriptions ||
		(a.name ?? '\uffff').localeCompare(b.name ?? '\uffff')
	);
}

/** The running totals of one dimension: one row per offer, customer, channel or provider. */
export function totalsOf(db: WorkspaceDB, dimension: TotalDimension): Promise<SubscriptionTotal[]> {
	return db.subscriptionTotals.where('dimension').equals(dimension).toArray();
}

/**
 * The figures from the running totals (see the cost above). `kind` is the workspace's: it
 * decides whether channels are resellers (provider), providers (reseller) or resellers selling
 * to this customer (customer).
 */
export async function subscriptionFigures(
	db: WorkspaceDB,
	kind: WorkspaceKind
): Promise<SubscriptionFigures> {
	return db.transaction(
		'r',
		[db.subscriptions, db.subscriptionTotals, db.changeRequests, db.customers, db.channels],
		async () => {
			const totals = db.subscriptionTotals;
			const of = (dimension: TotalDimension) => totalsOf(db, dimension);
			const [counts, all, offers, channels, customersWithSubscriptions, providers, top] =
				await Promise.all([
					subscriptionCounts(db),
					totals.get('all:'),
					of('offer'),
					of('channel'),
					totals.where('dimension').equals('customer').count(),
					totals.where('dimension').equals('provider').count(),
					totals
						.where('[dimension+seats]')
						.between(['customer', Dexie.minKey], ['customer', Dexie.maxKey])
						.reverse()
						.limit(TOP_CUSTOMERS)
						.toArray()
				]);

			const byOffer: OfferFigure[] = offers.map((row) => ({
				offerId: row.id,
				name: row.name || row.id,
				subscriptions: row.subscriptions,
				seats: row.seats
			}));
			byOffer.sort(bySeats);

			// Ties at the tenth place: every customer with that many seats, then the first by key.
			const last = top[TOP_CUSTOMERS - 1];
			const tied = last
				? await totals.where('[dimension+seats]').equals(['customer', last.seats]).toArray()
				: [];
			const candidates = new Map([...top, ...tied].map((row) => [row.id, row]));
			const leaders = [...candidates.values()]
				.sort(
					(a, b) => b.seats - a.seats || b.subscriptions - a.subscriptions || (a.id < b.id ? -1 : 1)
				)
				.slice(0, TOP_CUSTOMERS);
			const customerRows = await db.customers.bulkGet(leaders.map((row) => row.id));
			const byCustomer: CustomerFigure[] = leaders.map((row, i) => ({
				customerKey: row.id,
				name: customerRows[i]?.companyName ?? null,
				subscriptions: row.subscriptions,
				seats: row.seats
			}));

			const channelRows = await db.channels.bulkGet(channels.map((row) => row.id));
			const byChannel: PartnerFigure[] = channels.map((row, i) => ({
				channelId: row.id,
				name: channelRows[i]?.partner?.name ?? (row.name || null),
				subscriptions: row.subscriptions,
				seats: row.seats
			}));
			byChannel.sort(bySeats);

			return {
				...counts,
				seats: all?.seats ?? 0,
				customersWithSubscriptions,
				partners: channels.length + (kind === 'customer' ? providers : 0),
				byOffer,
				byCustomer,
				byReseller: kind === 'provider' ? byChannel : [],
				byProvider: kind === 'reseller' ? byChannel : []
			};
		}
	);
}

export interface ChartSlice {
	/** null for the "Other" bar, which the page names in its language */
	label: string | null;
	value: number;
}

/**
 * The bars of a chart: the `limit` largest values (zeros left out), the rest summed into one
 * "Other" bar. `items` must already be in descending order of `value`.
 */
export function topWithOther<T>(
	items: readonly T[],
	value: (item: T) => number,
	label: (item: T) => string,
	limit = 8
): ChartSlice[] {
	const shown = items.filter((item) => value(item) > 0);
	const slices: ChartSlice[] = shown
		.slice(0, limit)
		.map((item) => ({ label: label(item), value: value(item) }));
	const rest = shown.slice(limit).reduce((sum, item) => sum + value(item), 0);
	if (rest > 0) slices.push({ label: null, value: rest });
	return slices;
}
