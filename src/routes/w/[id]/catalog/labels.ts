import { m } from '$lib/paraglide/messages.js';
import type { BillingCycle, OfferCategory, TermDuration, UnitType } from '$lib/domain/catalog';
import { locale } from '$lib/state/locale.svelte';

/** The Catalog page's enum labels, in the UI language. */

export function categoryLabel(category: OfferCategory): string {
	const labels: Record<OfferCategory, () => string> = {
		productivity: m.catalog_category_productivity,
		collaboration: m.catalog_category_collaboration,
		security: m.catalog_category_security,
		identity: m.catalog_category_identity,
		device_management: m.catalog_category_device_management,
		analytics: m.catalog_category_analytics,
		business_apps: m.catalog_category_business_apps,
		azure: m.catalog_category_azure
	};
	return labels[category]();
}

export function billingCycleLabel(cycle: BillingCycle): string {
	const labels: Record<BillingCycle, () => string> = {
		monthly: m.catalog_cycle_monthly,
		annual: m.catalog_cycle_annual,
		triennial: m.catalog_cycle_triennial,
		one_time: m.catalog_cycle_one_time,
		none: m.catalog_cycle_none
	};
	return labels[cycle]();
}

export function termLabel(term: TermDuration): string {
	const labels: Record<TermDuration, () => string> = {
		P1M: m.catalog_term_p1m,
		P1Y: m.catalog_term_p1y,
		P3Y: m.catalog_term_p3y
	};
	return labels[term]();
}

export function unitTypeLabel(unitType: UnitType): string {
	return unitType === 'Licenses' ? m.catalog_unit_licenses() : m.catalog_unit_usage();
}

/** "Monthly, Annual and Every three years" / "Mensuel, Annuel et Triennal". */
export function listText(items: readonly string[]): string {
	return new Intl.ListFormat(locale.current, { style: 'long', type: 'conjunction' }).format(items);
}
