import { describe, expect, it } from 'vitest';
import { countryCodes, countryName, countryOptions, isCountryCode } from './countries';
import { countrySchema } from './workspace';

describe('country codes', () => {
	it('lists ISO 3166-1 alpha-2 codes, sorted and unique', () => {
		expect(countryCodes.length).toBeGreaterThan(240);
		expect(countryCodes.every((code) => /^[A-Z]{2}$/.test(code))).toBe(true);
		expect([...countryCodes].sort()).toEqual(countryCodes);
		expect(new Set(countryCodes).size).toBe(countryCodes.length);
	});

	it.each([
		['FR', true],
		['DE', true],
		['CI', true],
		['fr', false],
		['XX', false],
		['FRA', false],
		['', false]
	])('isCountryCode(%j) is %s', (code, known) => {
		expect(isCountryCode(code)).toBe(known);
	});

	it.each([
		['FR', 'FR'],
		['fr', 'FR'],
		[' be ', 'BE'],
		['Ca', 'CA']
	])('countrySchema accepts %j as %j', (input, stored) => {
		expect(countrySchema.parse(input)).toBe(stored);
	});

	it.each([
		['XX', 'err_country_unknown'],
		['FRA', 'err_country_unknown'],
		['France', 'err_country_unknown'],
		['', 'err_required'],
		['  ', 'err_required'],
		[undefined, 'err_required']
	])('countrySchema rejects %j with %s', (input, code) => {
		const result = countrySchema.safeParse(input);
		expect(result.error?.issues[0]?.message).toBe(code);
	});
});

describe('country names', () => {
	it.each([
		['FR', 'fr', 'France'],
		['DE', 'fr', 'Allemagne'],
		['DE', 'en', 'Germany'],
		['CI', 'fr', 'Côte d’Ivoire']
	])('names %s in %s as %j', (code, locale, name) => {
		expect(countryName(code, locale)).toBe(name);
	});

	it('falls back to the code for an invalid locale', () => {
		expect(countryName('FR', '!!invalid!!')).toBe('FR');
	});

	it('sorts options by name as the language does, accents next to their letter', () => {
		const names = countryOptions('fr').map((option) => option.name);
		expect(names).toHaveLength(countryCodes.length);
		const egypt = names.indexOf('Égypte');
		expect(egypt).toBeGreaterThan(names.indexOf('Dominique'));
		expect(egypt).toBeLessThan(names.indexOf('Fidji'));
	});
});
