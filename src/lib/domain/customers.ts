import { z } from 'zod';
import { addressSchema } from './address';
import { foldForSearch } from './audit';
import { emailSchema } from './email';
import { organisationNameSchema, personNameSchema } from './organisation';
import { cleanText } from './text';
import { countrySchema } from './workspace';

/**
 * Customers of a partner (DOMAIN.md "Customer"): the rows of the Customers page, the company and
 * billing profiles a customer states, and the search keys that keep the page instant at 100,000.
 */

/** Partner Center's `relationshipToPartner`. */
export const customerRelationships = [
	'reseller',
	'advisor',
	'none',
	'syndication',
	'microsoft_support'
] as const;
export type CustomerRelationship = (typeof customerRelationships)[number];

/** Where a customer came from, as the Customers page shows it. */
export const customerSources = ['marketing', 'referral', 'indirect_provider', 'import'] as const;
export type CustomerSource = (typeof customerSources)[number];

const timestamp = z.number().int().nonnegative().max(8.64e15);
const hex32 = z.string().regex(/^[0-9a-f]{32}$/);

/**
 * A domain name as a tenant has them (`contoso.onmicrosoft.com`, `contoso.com`): lower case,
 * labels of letters, digits and hyphens, at least two labels, at most 253 characters.
 */
export const customerDomainSchema = z
	.string({ error: 'err_required' })
	.transform((value) => cleanText(value, 'NFKC').toLowerCase())
	.pipe(
		z
			.string()
			.min(1, { error: 'err_required' })
			.max(253, { error: 'err_too_long' })
			.regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, {
				error: 'err_customer_domain_format'
			})
	);

/** A tenant id: a GUID, stored in lower case. */
export const tenantIdSchema = z
	.string({ error: 'err_required' })
	.transform((value) => value.trim().toLowerCase())
	.pipe(
		z
			.string()
			.min(1, { error: 'err_required' })
			.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, {
				error: 'err_tenant_id_format'
			})
	);

const optionalPhone = z
	.string()
	.nullish()
	.transform((value) => cleanText(value ?? '', 'NFKC'))
	.pipe(
		z
			.string()
			.max(40, { error: 'err_too_long' })
			.refine((value) => value === '' || /^\+?[\d\s().-]{7,40}$/.test(value), {
				error: 'err_customer_phone_format'
			})
	)
	.transform((value) => value || undefined);

/** Partner Center's `companyProfile`: who the customer is. */
export const companyProfileSchema = z.object({
	tenantId: tenantIdSchema,
	domain: customerDomainSchema,
	companyName: organisationNameSchema,
	address: addressSchema
});
export type CompanyProfileInput = z.input<typeof companyProfileSchema>;
export type CompanyProfile = z.output<typeof companyProfileSchema>;

/** Partner Center's `billingProfile`: the billing contact and the default (billing) address. */
export const billingProfileSchema = z.object({
	firstName: personNameSchema,
	lastName: personNameSchema,
	email: emailSchema,
	phoneNumber: optionalPhone,
	/** e.g. `en-US`, `fr-FR` */
	culture: z
		.string()
		.regex(/^[a-z]{2}-[A-Z]{2}$/, { error: 'err_culture_format' })
		.default('en-US'),
	/** e.g. `en`, `fr` */
	language: z
		.string()
		.regex(/^[a-z]{2}$/, { error: 'err_language_format' })
		.default('en'),
	companyName: organisationNameSchema,
	defaultAddress: addressSchema
});
export type BillingProfileInput = z.input<typeof billingProfileSchema>;
export type BillingProfile = z.output<typeof billingProfileSchema>;

/** The account a customer states about itself (its feed, `customerAccount/self`). */
export const customerAccountSchema = z.strictObject({
	companyProfile: companyProfileSchema,
	billingProfile: billingProfileSchema
});
export type CustomerAccount = z.output<typeof customerAccountSchema>;

// ——— search ———

/**
 * The index terms of a customer: each word of its name and the distinctive labels of its domain,
 * folded (accents and case ignored), plus the whole name and domain, so a prefix query on the
 * multi-entry `searchTerms` index finds "Contoso Café" by `cafe`, `cont` or `contoso.onm`.
 */
export function searchTermsOf(companyName: string, domain: string): string[] {
	const name = foldForSearch(cleanText(companyName, 'NFKC'));
	const host = foldForSearch(domain.trim());
	const terms = new Set<string>();
	if (name) terms.add(name);
	if (host) terms.add(host);
	for (const word of name.split(/[^\p{L}\p{N}]+/u)) if (word) terms.add(word);
	// The labels that tell customers apart: not the top-level domain nor `onmicrosoft`, which
	// nearly every customer has (they would make `c` or `o` match the whole table).
	const labels = host.split('.').slice(0, -1);
	for (const label of labels) {
		if (label === 'onmicrosoft') continue;
		for (const part of label.split('-')) if (part) terms.add(part);
	}
	return [...terms];
}

/**
 * A search box's text as index prefixes: folded words, the longest first (the narrowest index
 * query). A customer matches when, for every word, one of its terms starts with it.
 */
export function searchPrefixes(query: string): string[] {
	const folded = foldForSearch(cleanText(query, 'NFKC'));
	const words = folded.split(/[^\p{L}\p{N}.-]+/u).filter(Boolean);
	return [...new Set(words)].sort((a, b) => b.length - a.length);
}

/** The sort key of a company name: folded, so "Émile" sorts with "emile". */
export function nameKeyOf(companyName: string): string {
	return foldForSearch(cleanText(companyName, 'NFKC'));
}

// ——— rows of the Customers page ———

/**
 * One row of the workspace's `customers` table.
 * - A reseller's own customers: `key` = tenant id, `resellerChannelId` null; `sharedWith` lists
 *   the provider channels it is shared with; `channelId` is the reseller ↔ customer channel when
 *   the customer accepted a request (null when imported).
 * - A provider's customers shared by a reseller: `key` = `<channelId>:<tenantId>`,
 *   `resellerChannelId` = that partnership channel; they come only from the reseller's feed.
 */
export const customerRecordSchema = z.strictObject({
	key: z.string().min(1).max(100),
	tenantId: z.uuid(),
	companyName: z.string().min(1).max(200),
	domain: z.string().min(1).max(253),
	country: z.string().regex(/^[A-Z]{2}$/),
	relationship: z.enum(customerRelationships),
	/** delegated admin privileges granted to the reseller (DAP) */
	delegatedAdmin: z.boolean(),
	source: z.enum(customerSources),
	since: timestamp,
	/** provider channels this customer is shared with (reseller side) */
	sharedWith: z.array(hex32).max(500),
	/**
	 * provider channels whose provider the customer also accepted a reseller relationship with, by
	 * a combined invitation (reseller side)
	 */
	providersWithRelationship: z.array(hex32).max(500),
	/** the partnership channel it was shared through (provider side); null: own customer */
	resellerChannelId: hex32.nullable(),
	/** the reseller ↔ customer channel; null when the customer never accepted a request here */
	channelId: hex32.nullable(),
	/** whether the customer accepted a relationship with the provider too (provider side) */
	providerRelationship: z.boolean(),
	companyProfile: companyProfileSchema.nullable(),
	billingProfile: billingProfileSchema.nullable(),
	/** folded company name: the sort key */
	nameKey: z.string().max(200),
	/** folded words of the name and domain: the search index */
	searchTerms: z.array(z.string().max(253)).max(80),
	updatedAt: timestamp
});
export type CustomerRecord = z.output<typeof customerRecordSchema>;

/** The key of a customer a reseller shared with this provider. */
export function sharedCustomerKey(channelId: string, tenantId: string): string {
	return `${channelId}:${tenantId}`;
}

/**
 * What a reseller's feed tells its provider about a shared customer (`customers/<tenantId>`).
 * Only the reseller of that partnership may state it; `null` unshares.
 */
export const sharedCustomerSchema = z.strictObject({
	tenantId: z.uuid(),
	companyName: z.string().min(1).max(200),
	domain: z.string().min(1).max(253),
	country: z.string().regex(/^[A-Z]{2}$/),
	relationship: z.enum(customerRelationships),
	delegatedAdmin: z.boolean(),
	/** the customer accepted a reseller relationship with this provider (combined invitation) */
	providerRelationship: z.boolean(),
	source: z.enum(customerSources),
	since: timestamp,
	sharedAt: timestamp,
	companyProfile: companyProfileSchema.nullable(),
	billingProfile: billingProfileSchema.nullable()
});
export type SharedCustomer = z.output<typeof sharedCustomerSchema>;

/** A provider's row for a customer its reseller shared through `channelId`. */
export function rowFromSharedCustomer(
	channelId: string,
	shared: SharedCustomer,
	now: number
): CustomerRecord {
	return {
		key: sharedCustomerKey(channelId, shared.tenantId),
		tenantId: shared.tenantId,
		companyName: shared.companyName,
		domain: shared.domain,
		country: shared.country,
		relationship: shared.relationship,
		delegatedAdmin: shared.delegatedAdmin,
		source: shared.source,
		since: shared.since,
		sharedWith: [],
		providersWithRelationship: [],
		resellerChannelId: channelId,
		channelId: null,
		providerRelationship: shared.providerRelationship,
		companyProfile: shared.companyProfile,
		billingProfile: shared.billingProfile,
		nameKey: nameKeyOf(shared.companyName),
		searchTerms: searchTermsOf(shared.companyName, shared.domain),
		updatedAt: now
	};
}

/** What a reseller's feed tells the provider of `providerChannelId` about one of its customers. */
export function sharedCustomerFrom(
	row: CustomerRecord,
	providerChannelId: string,
	now: number
): SharedCustomer {
	const providerRelationship = row.providersWithRelationship.includes(providerChannelId);
	return {
		tenantId: row.tenantId,
		companyName: row.companyName,
		domain: row.domain,
		country: row.country,
		relationship: row.relationship,
		delegatedAdmin: row.delegatedAdmin,
		providerRelationship,
		source: row.source,
		since: row.since,
		sharedAt: now,
		companyProfile: row.companyProfile,
		billingProfile: row.billingProfile
	};
}

// ——— customer users (the customer's directory, managed with delegated admin) ———

/** Partner Center's `CustomerUser`, as a reseller with admin rights manages it. */
export const customerUserInputSchema = z.object({
	firstName: personNameSchema,
	lastName: personNameSchema,
	displayName: z
		.string()
		.optional()
		.transform((value) => cleanText(value ?? ''))
		.pipe(z.string().max(256, { error: 'err_too_long' })),
	/** the part before `@`; the domain is one of the customer's */
	userPrincipalName: z
		.string({ error: 'err_required' })
		.transform((value) => cleanText(value, 'NFKC').toLowerCase())
		.pipe(
			z
				.string()
				.min(1, { error: 'err_required' })
				.max(113, { error: 'err_too_long' })
				.regex(/^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[a-z0-9.-]+$/, {
					error: 'err_upn_format'
				})
		),
	/** ISO country code; needed before a licence can be assigned; empty: not set */
	usageLocation: z
		.string()
		.optional()
		.transform((value) => (value ?? '').trim().toUpperCase())
		.pipe(z.union([z.literal(''), countrySchema])),
	state: z.enum(['active', 'inactive']).default('active')
});
export type CustomerUserInput = z.input<typeof customerUserInputSchema>;

export const customerUserRecordSchema = z.strictObject({
	id: z.uuid(),
	/** the customer row's key */
	customerKey: z.string().min(1).max(100),
	firstName: z.string().min(1).max(120),
	lastName: z.string().min(1).max(120),
	displayName: z.string().min(1).max(256),
	userPrincipalName: z.string().min(3).max(113),
	usageLocation: z
		.string()
		.regex(/^[A-Z]{2}$/)
		.nullable(),
	state: z.enum(['active', 'inactive']),
	createdAt: timestamp,
	updatedAt: timestamp
});
export type CustomerUserRecord = z.output<typeof customerUserRecordSchema>;

/** What a new customer of this workspace is made of; the rest has defaults. */
export interface OwnCustomerFields {
	tenantId: string;
	companyName: string;
	domain: string;
	country: string;
	relationship: CustomerRelationship;
	delegatedAdmin: boolean;
	source: CustomerSource;
	since: number;
	channelId?: string | null;
	companyProfile?: CompanyProfile | null;
	billingProfile?: BillingProfile | null;
}

/** A reseller's own customer row (key = tenant id), with its sort and search keys. */
export function ownCustomerRow(fields: OwnCustomerFields, now: number): CustomerRecord {
	return {
		key: fields.tenantId,
		tenantId: fields.tenantId,
		companyName: fields.companyName,
		domain: fields.domain,
		country: fields.country,
		relationship: fields.relationship,
		delegatedAdmin: fields.delegatedAdmin,
		source: fields.source,
		since: fields.since,
		sharedWith: [],
		providersWithRelationship: [],
		resellerChannelId: null,
		channelId: fields.channelId ?? null,
		providerRelationship: false,
		companyProfile: fields.companyProfile ?? null,
		billingProfile: fields.billingProfile ?? null,
		nameKey: nameKeyOf(fields.companyName),
		searchTerms: searchTermsOf(fields.companyName, fields.domain),
		updatedAt: now
	};
}

/** The row with its name or domain changed, and its keys recomputed. */
export function withCustomerNames(
	row: CustomerRecord,
	companyName: string,
	domain: string
): CustomerRecord {
	return {
		...row,
		companyName,
		domain,
		nameKey: nameKeyOf(companyName),
		searchTerms: searchTermsOf(companyName, domain)
	};
}
