import { DomainError } from './errors';

/**
 * The CSP regions (markets): a provider can partner only with resellers of its own region, and a
 * customer accepts only partners of its market. Order as Partner Center lists them.
 */
export const cspRegions = [
	'africa',
	'asia_pacific',
	'australia',
	'brazil',
	'canada',
	'china',
	'europe',
	'india',
	'japan',
	'korea',
	'latin_america',
	'middle_east_cee',
	'new_zealand',
	'taiwan',
	'united_states'
] as const;
export type CspRegion = (typeof cspRegions)[number];

/**
 * Which countries and territories (ISO 3166-1 alpha-2) belong to each region. Partner Center's
 * own lists are not public in full, so the edges are our choices, made once here:
 * - Europe: EU, EEA and EFTA members, the UK and its Crown dependencies, Gibraltar, the Western
 *   European microstates, Danish and Norwegian territories, and the French overseas departments
 *   and collectivities outside the Pacific (they transact as France).
 * - Middle East / CEE: the Middle East, Turkey, and the Central and Eastern European and Central
 *   Asian countries outside the EU. North Africa stays in Africa.
 * - Latin America & Caribbean: Mexico, Central and South America except Brazil, the Caribbean
 *   (Dutch and British territories included), the Falklands and South Georgia.
 * - United States: the states and the US territories. Australia and New Zealand keep their
 *   external territories and associated states.
 * - Asia Pacific: the rest of Asia and Oceania, the French Pacific, and the uninhabited
 *   territories without a market (Antarctica, British Indian Ocean Territory).
 */
/** Groups of space-separated alpha-2 codes → one list. */
function codes(...groups: string[]): readonly string[] {
	return groups.flatMap((group) => group.split(' '));
}

const regionCountries: Record<CspRegion, readonly string[]> = {
	africa: codes(
		'DZ EG EH LY MA SD TN', // North Africa
		'BF BJ CI CV GH GM GN GW LR ML MR NE NG SH SL SN TG', // West Africa
		'AO CD CF CG CM GA GQ ST TD', // Central Africa
		'BI DJ ER ET KE KM MG MU MW MZ RW SC SO SS TZ UG ZM ZW', // East Africa, Indian Ocean
		'BW LS NA SZ ZA' // Southern Africa
	),
	asia_pacific: codes(
		'AF BD BT LK MV NP PK', // South Asia
		'BN HK ID KH KP LA MM MN MO MY PH SG TH TL VN', // East and South-East Asia
		'FJ FM KI MH NC NR PF PG PN PW SB TO TV VU WF WS', // Oceania
		'AQ IO' // no market of their own
	),
	australia: codes('AU CC CX HM NF'),
	brazil: codes('BR'),
	canada: codes('CA'),
	china: codes('CN'),
	europe: codes(
		'AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK', // EU
		'CH IS LI NO', // EEA and EFTA
		'GB GG GI IM JE', // UK, Crown dependencies, Gibraltar
		'AD MC SM VA', // microstates
		'AX BV FO GL SJ', // Nordic territories
		'BL GF GP MF MQ PM RE TF YT' // French overseas outside the Pacific
	),
	india: codes('IN'),
	japan: codes('JP'),
	korea: codes('KR'),
	latin_america: codes(
		'BZ CR GT HN MX NI PA SV', // Mexico and Central America
		'AR BO CL CO EC FK GS GY PE PY SR UY VE', // South America
		'AG AI AW BB BM BQ BS CU CW DM DO GD HT JM KN KY LC MS SX TC TT VC VG' // Caribbean
	),
	middle_east_cee: codes(
		'AE BH IL IQ IR JO KW LB OM PS QA SA SY TR YE', // Middle East and Turkey
		'AL BA BY MD ME MK RS RU UA XK', // Central and Eastern Europe outside the EU
		'AM AZ GE KG KZ TJ TM UZ' // Caucasus and Central Asia
	),
	new_zealand: codes('CK NU NZ TK'),
	taiwan: codes('TW'),
	united_states: codes('AS GU MP PR UM US VI')
};

const regionByCountry: ReadonlyMap<string, CspRegion> = new Map(
	cspRegions.flatMap((region) => regionCountries[region].map((code) => [code, region] as const))
);

/** The countries of a region, as listed above (alpha-2 codes). */
export function countriesOfRegion(region: CspRegion): readonly string[] {
	return regionCountries[region];
}

/** The CSP region of a country code (alpha-2, any case), or undefined for an unknown code. */
export function findCspRegion(countryCode: string): CspRegion | undefined {
	return regionByCountry.get(countryCode.trim().toUpperCase());
}

/**
 * The CSP region of a country or territory (ISO 3166-1 alpha-2, any case). Every code of
 * `countryCodes` has one; any other code is refused with `err_country_unknown`.
 */
export function cspRegionOf(countryCode: string): CspRegion {
	const region = findCspRegion(countryCode);
	if (!region) throw new DomainError('err_country_unknown');
	return region;
}

export function isCspRegion(value: unknown): value is CspRegion {
	return (cspRegions as readonly unknown[]).includes(value);
}

/** Whether two countries are in the same CSP region (false when either code is unknown). */
export function sameCspRegion(a: string, b: string): boolean {
	const first = findCspRegion(a);
	return first !== undefined && first === findCspRegion(b);
}
