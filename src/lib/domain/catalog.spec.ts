import { describe, expect, it } from 'vitest';
import {
	billingCycles,
	isSoldIn,
	offerCategories,
	offerMatchesText,
	offerSchema,
	offerSupports,
	searchOffers,
	termDurations,
	type Offer
} from './catalog';
import { offerById, offerCatalog } from './catalog-data';
import { cspRegionOf, cspRegions } from './regions';

const byName = (name: string) => {
	const offer = offerCatalog.find((entry) => entry.name === name);
	if (!offer) throw new Error(`no offer named ${name}`);
	return offer;
};
const names = (offers: readonly Offer[]) => offers.map((offer) => offer.name);

describe('offerCatalog', () => {
	it.each(offerCatalog.map((offer) => [offer.name, offer] as const))(
		'%s is a valid offer',
		(_name, offer) => {
			expect(offerSchema.parse(offer)).toEqual(offer);
			expect(offer.minimumQuantity).toBeLessThanOrEqual(offer.maximumQuantity);
			expect(offer.id.startsWith(`${offer.productId}:`)).toBe(true);
			expect(offer.description.fr).not.toBe(offer.description.en);
			// every offer can be ordered some way
			const ways = billingCycles.flatMap((billingCycle) =>
				termDurations.filter((termDuration) => offerSupports(offer, { billingCycle, termDuration }))
			);
			expect(ways.length).toBeGreaterThan(0);
		}
	);

	it('has enough offers, with unique ids and names', () => {
		expect(offerCatalog.length).toBeGreaterThanOrEqual(28);
		expect(new Set(offerCatalog.map((offer) => offer.id)).size).toBe(offerCatalog.length);
		expect(new Set(names(offerCatalog)).size).toBe(offerCatalog.length);
	});

	it('names for add-ons only offers of the catalogue that are not add-ons themselves', () => {
		const addOns = offerCatalog.filter((offer) => offer.isAddOn);
		expect(names(addOns)).toEqual(
			expect.arrayContaining([
				'Microsoft Teams Premium',
				'Microsoft Defender for Office 365 (Plan 1)'
			])
		);
		for (const addOn of addOns) {
			expect(addOn.baseOfferIds?.length, addOn.name).toBeGreaterThan(0);
			for (const baseId of addOn.baseOfferIds ?? []) {
				const base = offerById(baseId);
				expect(base, `${addOn.name} → ${baseId}`).toBeDefined();
				expect(base?.isAddOn).toBe(false);
				expect(base?.isTrial).toBe(false);
			}
		}
		for (const offer of offerCatalog.filter((entry) => !entry.isAddOn))
			expect(offer.baseOfferIds).toBeUndefined();
		expect(byName('Microsoft Teams Premium').baseOfferIds).toEqual(
			expect.arrayContaining([byName('Microsoft 365 E3').id, byName('Office 365 E1').id])
		);
	});

	it('has free one-month trials of at most 25 seats, of a product it also sells', () => {
		const trials = offerCatalog.filter((offer) => offer.isTrial);
		expect(names(trials)).toContain('Microsoft 365 Business Premium Trial');
		for (const trial of trials) {
			expect(trial.maximumQuantity).toBeLessThanOrEqual(25);
			expect(trial.termDurations).toEqual(['P1M']);
			expect(trial.unitPriceUsd).toBe(0);
			const paid = offerCatalog.filter((o) => o.productId === trial.productId && !o.isTrial);
			expect(paid).toHaveLength(1);
		}
	});

	it('has the Azure plan, metered and usage-billed', () => {
		const azure = byName('Azure plan');
		expect(azure).toMatchObject({
			billing: 'usage',
			unitType: 'Usage-based',
			termDurations: ['P1M'],
			unitPriceUsd: 0,
			category: 'azure'
		});
		expect(offerCatalog.filter((offer) => offer.unitType === 'Usage-based')).toEqual([azure]);
	});

	it('has the Business plans capped at 300 seats and the real product ids', () => {
		for (const name of ['Basic', 'Standard', 'Premium'])
			expect(byName(`Microsoft 365 Business ${name}`).maximumQuantity).toBe(300);
		expect(offerById('CFQ7TTC0LH18:0001')?.name).toBe('Microsoft 365 Business Basic');
		expect(offerById('CFQ7TTC0LDPB:0001')?.name).toBe('Microsoft 365 Business Standard');
		expect(byName('Microsoft 365 Business Premium').productId).toBe('CFQ7TTC0LCHC');
		expect(offerById('CFQ7TTC0LH18')).toBeUndefined();
		expect(offerById('nope')).toBeUndefined();
	});

	it('covers every category and sells most offers in every CSP region', () => {
		expect(new Set(offerCatalog.map((offer) => offer.category))).toEqual(new Set(offerCategories));
		const everywhere = offerCatalog.filter((offer) =>
			cspRegions.every((region) => offer.countries.some((c) => cspRegionOf(c) === region))
		);
		expect(everywhere.length).toBeGreaterThan(offerCatalog.length / 2);
		for (const country of ['US', 'CA', 'GB', 'FR', 'DE', 'BE', 'CH', 'AU', 'NZ', 'JP', 'IN'])
			expect(isSoldIn(byName('Microsoft 365 E3'), country), country).toBe(true);
		for (const country of ['BR', 'MX', 'ZA', 'AE', 'KR', 'TW', 'CN'])
			expect(isSoldIn(byName('Microsoft 365 E3'), country), country).toBe(true);
		// embargoed
		expect(isSoldIn(byName('Microsoft 365 E3'), 'KP')).toBe(false);
		// limited offers
		expect(isSoldIn(byName('Microsoft Teams Essentials'), 'CN')).toBe(false);
		expect(isSoldIn(byName('Dynamics 365 Business Central Essentials'), 'FR')).toBe(true);
		expect(isSoldIn(byName('Dynamics 365 Business Central Essentials'), 'BR')).toBe(false);
	});

	it('cannot be changed at run time', () => {
		expect(Object.isFrozen(offerCatalog)).toBe(true);
		const offer = byName('Microsoft 365 E3');
		expect(Object.isFrozen(offer)).toBe(true);
		expect(Object.isFrozen(offer.countries)).toBe(true);
		expect(Object.isFrozen(offer.description)).toBe(true);
	});
});

describe('offerSchema', () => {
	const valid = byName('Microsoft Teams Premium');

	it.each([
		['maximum below minimum', { minimumQuantity: 10, maximumQuantity: 9 }, 'maximumQuantity'],
		['product not the id’s', { productId: 'CFQ7TTC0LH19' }, 'productId'],
		['add-on without base offers', { baseOfferIds: undefined }, 'baseOfferIds'],
		['add-on with an empty base list', { baseOfferIds: [] }, 'baseOfferIds'],
		['base offers on a non-add-on', { isAddOn: false }, 'baseOfferIds'],
		['usage billing on licences', { billing: 'usage' }, 'unitType'],
		['duplicate country', { countries: ['FR', 'FR'] }, 'countries'],
		['lower-case country', { countries: ['fr'] }, 'countries'],
		['sku with letters', { id: 'CFQ7TTC0RM8K:000N' }, 'id'],
		['untranslated description', { description: { en: 'x', fr: '' } }, 'description']
	])('refuses %s', (_label, change, path) => {
		const result = offerSchema.safeParse({ ...valid, ...change });
		expect(result.success).toBe(false);
		expect(result.error?.issues.map((issue) => issue.path[0])).toContain(path);
	});

	it('accepts the minimum equal to the maximum', () => {
		expect(
			offerSchema.safeParse({ ...valid, minimumQuantity: 5, maximumQuantity: 5 }).success
		).toBe(true);
	});
});

describe('offerSupports', () => {
	const e3 = byName('Microsoft 365 E3');
	const visio = byName('Visio Plan 2');
	const trial = byName('Microsoft 365 Business Premium Trial');

	it.each([
		[e3, 'monthly', 'P1M', true],
		[e3, 'annual', 'P1M', false], // a bill longer than the term
		[e3, 'triennial', 'P1M', false],
		[e3, 'monthly', 'P1Y', true],
		[e3, 'annual', 'P1Y', true],
		[e3, 'triennial', 'P1Y', false],
		[e3, 'monthly', 'P3Y', true],
		[e3, 'annual', 'P3Y', true],
		[e3, 'triennial', 'P3Y', true],
		[e3, 'none', 'P1M', false], // not a cycle of the offer
		[visio, 'monthly', 'P1M', false], // annual term only
		[visio, 'annual', 'P1Y', true],
		[visio, 'triennial', 'P3Y', false],
		[trial, 'none', 'P1M', true],
		[trial, 'monthly', 'P1M', false],
		[trial, 'none', 'P1Y', false]
	] as const)('%s: %s billing on a %s term → %s', (offer, billingCycle, termDuration, expected) => {
		expect(offerSupports(offer, { billingCycle, termDuration })).toBe(expected);
	});
});

describe('isSoldIn', () => {
	it('reads the country in any case, trimmed, and refuses what is not a country of the offer', () => {
		const offer = byName('Microsoft 365 Business Basic');
		expect(isSoldIn(offer, 'fr')).toBe(true);
		expect(isSoldIn(offer, ' FR ')).toBe(true);
		expect(isSoldIn(offer, 'XX')).toBe(false);
		expect(isSoldIn(offer, '')).toBe(false);
	});
});

describe('searchOffers', () => {
	it('lists the whole catalogue in category order, then by name, without a filter', () => {
		const all = searchOffers(offerCatalog);
		expect(all).toHaveLength(offerCatalog.length);
		expect(all).not.toBe(offerCatalog);
		for (const [i, b] of all.entries()) {
			const a = all[i - 1];
			if (!a) continue;
			const order = offerCategories.indexOf(a.category) - offerCategories.indexOf(b.category);
			expect(order < 0 || (order === 0 && a.name.localeCompare(b.name, 'en') < 0), b.name).toBe(
				true
			);
		}
		expect(all[0]?.category).toBe('productivity');
		expect(all.at(-1)?.name).toBe('Azure plan');
		// the same order whatever order it is given
		expect(searchOffers([...offerCatalog].reverse())).toEqual(all);
	});

	it('matches word prefixes of the name, ignoring case and accents', () => {
		// Business Standard's description says "premium features"
		expect(names(searchOffers(offerCatalog, { text: 'BUS PREM' }))).toEqual([
			'Microsoft 365 Business Premium',
			'Microsoft 365 Business Premium Trial',
			'Microsoft 365 Business Standard'
		]);
		expect(names(searchOffers(offerCatalog, { text: 'micro bus prem tri' }))).toEqual([
			'Microsoft 365 Business Premium Trial'
		]);
		// words may come from the name and the description: Defender protects "Exchange Online"
		expect(names(searchOffers(offerCatalog, { text: '  éxchangé   plan  ' }))).toEqual([
			'Exchange Online (Plan 1)',
			'Exchange Online (Plan 2)',
			'Microsoft Defender for Office 365 (Plan 1)'
		]);
		// E5 includes Entra ID P2 and says so; productivity comes before identity
		expect(names(searchOffers(offerCatalog, { text: 'entra p2' }))).toEqual([
			'Microsoft 365 E5',
			'Microsoft Entra ID P2'
		]);
		// a prefix, not any substring: "ness" is inside "Business" but starts no word
		expect(searchOffers(offerCatalog, { text: 'ness' })).toEqual([]);
		expect(searchOffers(offerCatalog, { text: 'zzz' })).toEqual([]);
		// every word must match
		expect(searchOffers(offerCatalog, { text: 'exchange zzz' })).toEqual([]);
	});

	it('matches the description in the language asked for', () => {
		const ransom = searchOffers(offerCatalog, { text: 'ransomware' });
		expect(names(ransom)).toEqual(['Microsoft 365 Business Premium']);
		expect(searchOffers(offerCatalog, { text: 'ransomware', locale: 'fr' })).toEqual([]);
		expect(names(searchOffers(offerCatalog, { text: 'rançongiciels', locale: 'fr' }))).toEqual(
			names(ransom)
		);
		// folded: typed without the cedilla, in capitals
		expect(names(searchOffers(offerCatalog, { text: 'RANCONGICIEL', locale: 'fr' }))).toEqual(
			names(ransom)
		);
		// after an elided article: "l’hameçonnage"
		expect(
			names(searchOffers(offerCatalog, { text: 'hameconnage', locale: 'fr' })).length
		).toBeGreaterThan(0);
		expect(searchOffers(offerCatalog, { text: 'hameconnage', locale: 'en' })).toEqual([]);
	});

	it('finds an offer by its product id', () => {
		expect(names(searchOffers(offerCatalog, { text: 'cfq7ttc0lh18' }))).toEqual([
			'Microsoft 365 Business Basic',
			'Microsoft 365 Business Basic Trial'
		]);
		expect(names(searchOffers(offerCatalog, { text: 'CFQ7TTC0LH18:0002' }))).toEqual([
			'Microsoft 365 Business Basic Trial'
		]);
	});

	it('filters by category and country', () => {
		const identity = searchOffers(offerCatalog, { category: 'identity' });
		expect(names(identity)).toEqual(['Microsoft Entra ID P1', 'Microsoft Entra ID P2']);
		expect(searchOffers(offerCatalog, { category: '' })).toHaveLength(offerCatalog.length);

		const inChina = searchOffers(offerCatalog, { country: 'cn' });
		expect(names(inChina)).not.toContain('Microsoft Teams Essentials');
		expect(names(inChina)).toContain('Microsoft 365 E3');
		const inBrazil = names(
			searchOffers(offerCatalog, { country: 'BR', category: 'business_apps' })
		);
		expect(inBrazil).not.toContain('Dynamics 365 Business Central Essentials');
		expect(inBrazil).toContain('Dynamics 365 Sales Enterprise');
		expect(searchOffers(offerCatalog, { country: 'KP' })).toEqual([]);
		expect(searchOffers(offerCatalog, { country: '  ' })).toHaveLength(offerCatalog.length);
	});

	it('leaves add-ons and trials out only when asked', () => {
		const all = searchOffers(offerCatalog);
		const noAddOns = searchOffers(offerCatalog, { includeAddOns: false });
		const noTrials = searchOffers(offerCatalog, { includeTrials: false });
		expect(noAddOns.some((offer) => offer.isAddOn)).toBe(false);
		expect(noTrials.some((offer) => offer.isTrial)).toBe(false);
		expect(noAddOns.length).toBe(all.filter((offer) => !offer.isAddOn).length);
		expect(noTrials.length).toBe(all.filter((offer) => !offer.isTrial).length);
		expect(all.some((offer) => offer.isAddOn) && all.some((offer) => offer.isTrial)).toBe(true);
		expect(
			names(searchOffers(offerCatalog, { text: 'premium trial', includeTrials: false }))
		).toEqual([]);
		expect(names(searchOffers(offerCatalog, { text: 'premium trial' }))).toEqual([
			'Microsoft 365 Business Premium Trial'
		]);
	});

	it('treats an empty or blank text as no filter, and any offer matches it', () => {
		expect(searchOffers(offerCatalog, { text: '  ' })).toHaveLength(offerCatalog.length);
		for (const offer of offerCatalog) {
			expect(offerMatchesText(offer, '')).toBe(true);
			// each offer is found by its own name, in both languages
			expect(offerMatchesText(offer, offer.name, 'en')).toBe(true);
			expect(offerMatchesText(offer, offer.name, 'fr')).toBe(true);
		}
	});
});
