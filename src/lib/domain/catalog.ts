import { z } from 'zod';
import { foldForSearch } from './audit';
import { cleanText } from './text';

/**
 * The offer catalogue (DOMAIN.md "Offer"): what a provider can order for a customer. Shipped as
 * data (`catalog-data.ts`); shaped like Partner Center's Offer resource.
 */

/** Partner Center's `billingCycle`. */
export const billingCycles = ['monthly', 'annual', 'triennial', 'one_time', 'none'] as const;
export type BillingCycle = (typeof billingCycles)[number];

/** Partner Center's `termDuration` (ISO 8601 durations). */
export const termDurations = ['P1M', 'P1Y', 'P3Y'] as const;
export type TermDuration = (typeof termDurations)[number];

export const unitTypes = ['Licenses', 'Usage-based'] as const;
export type UnitType = (typeof unitTypes)[number];

export const billingTypes = ['license', 'usage'] as const;
export type BillingType = (typeof billingTypes)[number];

/** How the Catalog page groups offers. */
export const offerCategories = [
	'productivity',
	'collaboration',
	'security',
	'identity',
	'device_management',
	'analytics',
	'business_apps',
	'azure'
] as const;
export type OfferCategory = (typeof offerCategories)[number];

/** Text shown to users, in both UI languages. */
const localisedText = z.strictObject({ en: z.string().min(1), fr: z.string().min(1) });

export const offerSchema = z
	.strictObject({
		/** Partner Center offer id, e.g. `CFQ7TTC0LH18:0001` (product:sku) */
		id: z.string().regex(/^[A-Z0-9]{12}:[0-9]{4}$/),
		/** the licensed product (licences are counted per product) */
		productId: z.string().regex(/^[A-Z0-9]{12}$/),
		/** product name, as Microsoft names it (not translated) */
		name: z.string().min(1).max(120),
		description: localisedText,
		category: z.enum(offerCategories),
		minimumQuantity: z.number().int().min(1),
		maximumQuantity: z.number().int().min(1),
		isAddOn: z.boolean(),
		/** for an add-on: the offers the customer must already have one of */
		baseOfferIds: z.array(z.string()).optional(),
		isTrial: z.boolean(),
		billing: z.enum(billingTypes),
		supportedBillingCycles: z.array(z.enum(billingCycles)).min(1),
		termDurations: z.array(z.enum(termDurations)).min(1),
		unitType: z.enum(unitTypes),
		/** ISO 3166 alpha-2 countries where the offer is sold */
		countries: z.array(z.string().regex(/^[A-Z]{2}$/)).min(1),
		/** list price per unit per month in US dollars (for dashboards; 0 for usage-based) */
		unitPriceUsd: z.number().nonnegative()
	})
	.superRefine((offer, ctx) => {
		const problem = (path: string, message: string) =>
			ctx.addIssue({ code: 'custom', path: [path], message });
		if (offer.minimumQuantity > offer.maximumQuantity)
			problem('maximumQuantity', 'maximum below minimum');
		if (offer.id.split(':')[0] !== offer.productId) problem('productId', 'not the id’s product');
		// Partner Center: only add-ons name the offers they attach to, and an add-on needs one.
		if (offer.isAddOn !== Boolean(offer.baseOfferIds?.length))
			problem('baseOfferIds', 'base offers are for add-ons, and an add-on needs them');
		// Usage is metered, not counted in seats; nothing else is.
		if ((offer.billing === 'usage') !== (offer.unitType === 'Usage-based'))
			problem('unitType', 'usage billing goes with usage-based units');
		if (new Set(offer.countries).size !== offer.countries.length)
			problem('countries', 'duplicate country');
	});
export type Offer = z.infer<typeof offerSchema>;

/** The product part of an offer id (`CFQ7TTC0LH18:0001` → `CFQ7TTC0LH18`). */
export function productIdOf(offerId: string): string {
	return offerId.split(':', 1)[0] ?? offerId;
}

export function isSoldIn(offer: Offer, country: string): boolean {
	return offer.countries.includes(country.trim().toUpperCase());
}

/** Months a billing period or a term lasts; undefined for cycles without a period. */
const monthsOf: Partial<Record<BillingCycle | TermDuration, number>> = {
	monthly: 1,
	annual: 12,
	triennial: 36,
	P1M: 1,
	P1Y: 12,
	P3Y: 36
};

/**
 * Whether an order line may take this billing cycle with this term. Both must be the offer's,
 * and, as in Partner Center, a bill cannot cover more than the term it is for (a monthly term
 * is billed monthly; a triennial bill needs a three-year term). `none` and `one_time` have no
 * period: trials and usage are not billed per period.
 */
export function offerSupports(
	offer: Offer,
	{ billingCycle, termDuration }: { billingCycle: BillingCycle; termDuration: TermDuration }
): boolean {
	if (!offer.supportedBillingCycles.includes(billingCycle)) return false;
	if (!offer.termDurations.includes(termDuration)) return false;
	const billed = monthsOf[billingCycle];
	return billed === undefined || billed <= (monthsOf[termDuration] ?? 0);
}

export type CatalogLocale = keyof Offer['description'];

export interface OfferSearch {
	/** words, each matched as the start of a word of the name, the description or the id */
	text?: string;
	category?: OfferCategory | '';
	/** ISO alpha-2 (any case): only offers sold there */
	country?: string;
	/** the language of the description searched; English by default */
	locale?: CatalogLocale;
	/** add-ons are listed unless this is false */
	includeAddOns?: boolean;
	/** trials are listed unless this is false */
	includeTrials?: boolean;
}

const wordSeparator = /[^\p{L}\p{N}]+/u;

function foldedWords(text: string): string[] {
	return foldForSearch(cleanText(text, 'NFKC')).split(wordSeparator).filter(Boolean);
}

/** Folded words of each offer per locale, computed once: the catalogue is searched per key. */
const wordsCache = new WeakMap<Offer, Partial<Record<CatalogLocale, readonly string[]>>>();

function searchWordsOf(offer: Offer, locale: CatalogLocale): readonly string[] {
	const cached = wordsCache.get(offer) ?? {};
	let words = cached[locale];
	if (!words) {
		const text = `${offer.name} ${offer.description[locale]} ${offer.id}`;
		words = [...new Set(foldedWords(text))];
		cached[locale] = words;
		wordsCache.set(offer, cached);
	}
	return words;
}

/**
 * Whether every word of `text` starts a word of the offer (accents and case ignored), so
 * `micro bus prem` finds "Microsoft 365 Business Premium" and `messagerie` its French description.
 */
export function offerMatchesText(
	offer: Offer,
	text: string,
	locale: CatalogLocale = 'en'
): boolean {
	const needles = foldedWords(text);
	if (needles.length === 0) return true;
	const words = searchWordsOf(offer, locale);
	return needles.every((needle) => words.some((word) => word.startsWith(needle)));
}

/** Catalogue order: category as `offerCategories` lists them, then name, then id. */
export function compareOffers(a: Offer, b: Offer): number {
	return (
		offerCategories.indexOf(a.category) - offerCategories.indexOf(b.category) ||
		a.name.localeCompare(b.name, 'en') ||
		(a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
	);
}

/** The offers that pass every filter given, in catalogue order (a new array). */
export function searchOffers<T extends Offer>(
	catalog: readonly T[],
	search: OfferSearch = {}
): T[] {
	const { text = '', category = '', country = '', locale = 'en' } = search;
	const { includeAddOns = true, includeTrials = true } = search;
	return catalog
		.filter(
			(offer) =>
				(!category || offer.category === category) &&
				(!country.trim() || isSoldIn(offer, country)) &&
				(includeAddOns || !offer.isAddOn) &&
				(includeTrials || !offer.isTrial) &&
				offerMatchesText(offer, text, locale)
		)
		.sort(compareOffers);
}
