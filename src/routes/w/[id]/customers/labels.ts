import { m } from '$lib/paraglide/messages.js';
import type { CustomerRelationship, CustomerSource } from '$lib/domain/customers';

/** The Customers page's words for a customer's relationship and source, in the UI language. */
const relationshipLabels: Record<CustomerRelationship, () => string> = {
	reseller: m.customers_relationship_reseller,
	advisor: m.customers_relationship_advisor,
	none: m.customers_relationship_none,
	syndication: m.customers_relationship_syndication,
	microsoft_support: m.customers_relationship_microsoft_support
};

const sourceLabels: Record<CustomerSource, () => string> = {
	marketing: m.customers_source_marketing,
	referral: m.customers_source_referral,
	indirect_provider: m.customers_source_indirect_provider,
	import: m.customers_source_import
};

export function relationshipLabel(relationship: CustomerRelationship): string {
	return relationshipLabels[relationship]();
}

export function sourceLabel(source: CustomerSource): string {
	return sourceLabels[source]();
}

export function yesNo(value: boolean): string {
	return value ? m.customers_yes() : m.customers_no();
}
