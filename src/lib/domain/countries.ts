import { getAlpha2Codes } from 'i18n-iso-countries';

/** ISO 3166-1 alpha-2 codes of every country and region. */
export const countryCodes: readonly string[] = Object.freeze(Object.keys(getAlpha2Codes()).sort());

const known = new Set(countryCodes);

export function isCountryCode(code: string): boolean {
	return known.has(code);
}

/** The country's name in the given language, from the browser's own CLDR data. */
export function countryName(code: string, locale: string): string {
	try {
		return new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' }).of(code) ?? code;
	} catch {
		return code;
	}
}

export interface CountryOption {
	code: string;
	name: string;
}

/** Every country, named and sorted for the given language (accents sort as the language does). */
export function countryOptions(locale: string): CountryOption[] {
	const names = new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' });
	const collator = new Intl.Collator(locale, { sensitivity: 'base' });
	return countryCodes
		.map((code) => ({ code, name: names.of(code) ?? code }))
		.sort((a, b) => collator.compare(a.name, b.name));
}
