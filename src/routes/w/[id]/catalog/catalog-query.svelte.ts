import {
	searchOffers,
	type CatalogLocale,
	type Offer,
	type OfferCategory
} from '$lib/domain/catalog';

/** What the Catalog page is asked to show: search text and filters (not kept in the URL). */
export class CatalogQuery {
	text = $state('');
	category = $state<OfferCategory | ''>('');
	/** the country picked in "Sold in" ('' = all countries); null until the user picks one */
	#chosenCountry = $state<string | null>(null);
	includeAddOns = $state(true);
	includeTrials = $state(true);

	/** @param ownCountry the workspace's country, the default for "Sold in" */
	constructor(private readonly ownCountry: () => string) {}

	get country(): string {
		return this.#chosenCountry ?? this.ownCountry();
	}

	set country(code: string) {
		this.#chosenCountry = code;
	}

	/** Whether anything hides an offer (what "Clear filters" undoes). */
	get filtered(): boolean {
		return Boolean(
			this.text.trim() ||
			this.category ||
			this.country ||
			!this.includeAddOns ||
			!this.includeTrials
		);
	}

	/** Back to the whole catalogue, every country included. */
	clear() {
		this.text = '';
		this.category = '';
		this.#chosenCountry = '';
		this.includeAddOns = true;
		this.includeTrials = true;
	}

	/** The offers that match, in catalogue order; text is searched in `locale`'s descriptions. */
	results<T extends Offer>(catalog: readonly T[], locale: CatalogLocale): T[] {
		return searchOffers(catalog, {
			text: this.text,
			category: this.category,
			country: this.country,
			locale,
			includeAddOns: this.includeAddOns,
			includeTrials: this.includeTrials
		});
	}
}

export interface OfferGroup<T extends Offer = Offer> {
	category: OfferCategory;
	offers: T[];
}

/** Consecutive offers of one category together (the input is in catalogue order). */
export function groupByCategory<T extends Offer>(offers: readonly T[]): OfferGroup<T>[] {
	const groups: OfferGroup<T>[] = [];
	for (const offer of offers) {
		const last = groups.at(-1);
		if (last?.category === offer.category) last.offers.push(offer);
		else groups.push({ category: offer.category, offers: [offer] });
	}
	return groups;
}
