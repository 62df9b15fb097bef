import { describe, expect, it } from 'vitest';
import { countryCodes } from './countries';
import { DomainError } from './errors';
import {
	countriesOfRegion,
	cspRegionOf,
	cspRegions,
	findCspRegion,
	isCspRegion,
	sameCspRegion,
	type CspRegion
} from './regions';

describe('cspRegionOf', () => {
	it.each(countryCodes)('gives %s a region', (code) => {
		expect(cspRegions).toContain(cspRegionOf(code));
	});

	it('lists each code in exactly one region, and only codes countries.ts knows', () => {
		const listed = cspRegions.flatMap((region) => countriesOfRegion(region));
		expect(new Set(listed).size).toBe(listed.length);
		expect([...listed].sort()).toEqual([...countryCodes]);
	});

	it.each<[string, CspRegion]>([
		['FR', 'europe'],
		['DE', 'europe'],
		['GB', 'europe'],
		['NO', 'europe'],
		['CH', 'europe'],
		['PL', 'europe'],
		['MC', 'europe'],
		['RE', 'europe'],
		['TR', 'middle_east_cee'],
		['RU', 'middle_east_cee'],
		['UA', 'middle_east_cee'],
		['RS', 'middle_east_cee'],
		['KZ', 'middle_east_cee'],
		['AE', 'middle_east_cee'],
		['IL', 'middle_east_cee'],
		['ZA', 'africa'],
		['EG', 'africa'],
		['MA', 'africa'],
		['NG', 'africa'],
		['MX', 'latin_america'],
		['AR', 'latin_america'],
		['JM', 'latin_america'],
		['BR', 'brazil'],
		['SG', 'asia_pacific'],
		['HK', 'asia_pacific'],
		['PK', 'asia_pacific'],
		['FJ', 'asia_pacific'],
		['JP', 'japan'],
		['KR', 'korea'],
		['CN', 'china'],
		['TW', 'taiwan'],
		['IN', 'india'],
		['AU', 'australia'],
		['NZ', 'new_zealand'],
		['US', 'united_states'],
		['PR', 'united_states'],
		['GU', 'united_states'],
		['VI', 'united_states'],
		['AS', 'united_states'],
		['MP', 'united_states'],
		['UM', 'united_states'],
		['CA', 'canada']
	])('puts %s in %s', (code, region) => {
		expect(cspRegionOf(code)).toBe(region);
	});

	it('accepts any case and surrounding spaces', () => {
		expect(cspRegionOf(' fr ')).toBe('europe');
	});

	it.each(['', 'ZZ', 'FRA', 'EU'])('refuses the unknown code %j', (code) => {
		expect(() => cspRegionOf(code)).toThrow(DomainError);
		expect(() => cspRegionOf(code)).toThrow('err_country_unknown');
		expect(findCspRegion(code)).toBeUndefined();
	});
});

describe('isCspRegion', () => {
	it.each<[unknown, boolean]>([
		['europe', true],
		['latin_america', true],
		['Europe', false],
		['', false],
		[undefined, false]
	])('%j → %s', (value, expected) => {
		expect(isCspRegion(value)).toBe(expected);
	});
});

describe('sameCspRegion', () => {
	it.each<[string, string, boolean]>([
		['FR', 'DE', true],
		['fr', 'GB', true],
		['US', 'PR', true],
		['US', 'CA', false],
		['FR', 'TR', false],
		['BR', 'AR', false],
		['AU', 'NZ', false],
		['FR', 'ZZ', false],
		['ZZ', 'ZZ', false]
	])('%s and %s → %s', (a, b, same) => {
		expect(sameCspRegion(a, b)).toBe(same);
	});
});
