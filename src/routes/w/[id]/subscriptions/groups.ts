import type { SubscriptionRow } from '$lib/domain/commerce-records';
import type { SubscriptionStatus } from '$lib/domain/subscriptions';

/**
 * The customer's subscriptions grouped by who sold them: one group per reseller and provider
 * pair (a reseller may order through several providers), sorted by names in the UI language.
 */

export interface PartnerGroup {
	/** stable id of the pair, for the filter and keyed lists */
	id: string;
	sellers: SubscriptionRow['sellers'];
	rows: SubscriptionRow[];
}

/** The id of rows whose reseller did not say who sold them (should not happen; shown apart). */
export const UNKNOWN_PARTNER = 'unknown';

export function partnerGroupId(sellers: SubscriptionRow['sellers']): string {
	return sellers ? JSON.stringify([sellers.reseller, sellers.provider]) : UNKNOWN_PARTNER;
}

/** Live ones first, ended ones last. */
const statusOrder: Record<SubscriptionStatus, number> = {
	active: 0,
	suspended: 1,
	pending: 2,
	disabled: 3,
	expired: 4,
	deleted: 5
};

export function groupByPartner(rows: readonly SubscriptionRow[], locale: string): PartnerGroup[] {
	const collator = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
	const groups = new Map<string, PartnerGroup>();
	for (const row of rows) {
		const id = partnerGroupId(row.sellers);
		let group = groups.get(id);
		if (!group) {
			group = { id, sellers: row.sellers, rows: [] };
			groups.set(id, group);
		}
		group.rows.push(row);
	}
	for (const group of groups.values()) {
		group.rows.sort(
			(a, b) =>
				statusOrder[a.status] - statusOrder[b.status] ||
				collator.compare(a.record.friendlyName, b.record.friendlyName) ||
				a.record.creationDate - b.record.creationDate
		);
	}
	return [...groups.values()].sort((a, b) => {
		if (!a.sellers || !b.sellers) return Number(!a.sellers) - Number(!b.sellers);
		return (
			collator.compare(a.sellers.reseller, b.sellers.reseller) ||
			collator.compare(a.sellers.provider, b.sellers.provider)
		);
	});
}

/** Active subscriptions and their seats (licences; usage-based offers have none). */
export function subscriptionTotals(rows: readonly SubscriptionRow[]): {
	active: number;
	seats: number;
} {
	let active = 0;
	let seats = 0;
	for (const row of rows) {
		if (row.status !== 'active') continue;
		active += 1;
		if (row.record.unitType === 'Licenses') seats += row.record.quantity;
	}
	return { active, seats };
}
