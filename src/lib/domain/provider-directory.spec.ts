import { describe, expect, it } from 'vitest';
import {
	directoryProviderSchema,
	filterProviders,
	mailtoHref,
	providerDirectory,
	type DirectoryProvider,
	type ProviderFilter
} from './provider-directory';
import { cspRegionOf } from './regions';

describe('providerDirectory', () => {
	it.each(providerDirectory.map((entry) => [entry.id, entry] as const))(
		'%s is a valid, complete entry on an .example domain',
		(_id, entry) => {
			expect(directoryProviderSchema.parse(entry)).toEqual(entry);
			expect(entry.source).toBe('directory');
			expect(entry.mpnId).toMatch(/^\d{7}$/);
			expect(entry.city).toEqual(expect.any(String));
			expect(entry.services.length).toBeGreaterThan(0);
			const host = new URL(entry.website ?? '').hostname;
			expect(host).toMatch(/\.example$/);
			expect(entry.contactEmail).toMatch(/@[a-z0-9-]+\.example$/);
		}
	);

	it('has unique ids, names and MPN IDs', () => {
		for (const key of ['id', 'name', 'mpnId'] as const) {
			const values = providerDirectory.map((entry) => entry[key]);
			expect(new Set(values).size, key).toBe(values.length);
		}
	});

	it('spans enough countries and regions', () => {
		expect(providerDirectory.length).toBeGreaterThanOrEqual(24);
		expect(new Set(providerDirectory.map((e) => e.country)).size).toBeGreaterThanOrEqual(12);
		const inRegion = (region: string) =>
			providerDirectory.filter((e) => cspRegionOf(e.country) === region).length;
		expect(inRegion('europe')).toBeGreaterThanOrEqual(4);
		expect(inRegion('united_states')).toBeGreaterThanOrEqual(3);
		expect(inRegion('canada')).toBeGreaterThanOrEqual(1);
		expect(inRegion('asia_pacific')).toBeGreaterThanOrEqual(1);
		expect(inRegion('latin_america')).toBeGreaterThanOrEqual(1);
		expect(inRegion('africa')).toBeGreaterThanOrEqual(1);
		expect(inRegion('middle_east_cee')).toBeGreaterThanOrEqual(1);
		expect(providerDirectory.some((e) => e.country === 'FR')).toBe(true);
	});

	it('cannot be changed at run time', () => {
		expect(Object.isFrozen(providerDirectory)).toBe(true);
		expect(Object.isFrozen(providerDirectory[0])).toBe(true);
	});
});

describe('directoryProviderSchema', () => {
	const valid: DirectoryProvider = {
		id: 'contoso-distribution',
		name: 'Contoso Distribution',
		country: 'FR',
		city: 'Paris',
		services: ['marketing_help'],
		website: 'https://www.contoso-distribution.example/',
		contactEmail: 'partners@contoso-distribution.example',
		mpnId: '1234567'
	};

	it('accepts a provider known only from this browser (nulls)', () => {
		const browser = {
			...valid,
			city: null,
			website: null,
			contactEmail: null,
			mpnId: null,
			source: 'browser'
		};
		expect(directoryProviderSchema.safeParse(browser).success).toBe(true);
	});

	it.each<[string, Partial<Record<keyof DirectoryProvider, unknown>>]>([
		['an id that is not a slug', { id: 'Contoso Distribution' }],
		['an unknown country', { country: 'ZZ' }],
		['an unknown service', { services: ['catering'] }],
		['a repeated service', { services: ['marketing_help', 'marketing_help'] }],
		['a website over http', { website: 'http://www.contoso-distribution.example/' }],
		['an email on another domain', { contactEmail: 'partners@fabrikam.example' }],
		['an MPN ID with letters', { mpnId: '12345AB' }],
		['an empty name', { name: '  ' }],
		['an unknown source', { source: 'registry' }]
	])('refuses %s', (_what, change) => {
		expect(directoryProviderSchema.safeParse({ ...valid, ...change }).success).toBe(false);
	});
});

describe('filterProviders', () => {
	const entry = (
		id: string,
		name: string,
		country: string,
		city: string | null,
		services: DirectoryProvider['services']
	): DirectoryProvider => ({
		id,
		name,
		country,
		city,
		services,
		website: null,
		contactEmail: null,
		mpnId: null
	});
	const entries = [
		entry('a', 'Société Générale Équipements', 'FR', 'Besançon', ['marketing_help']),
		entry('b', 'Fabrikam Cloud', 'DE', 'Köln', ['technical_training_support', 'credit_financing']),
		entry('c', 'Northwind Supply', 'US', 'Seattle', ['credit_financing']),
		entry('d', 'Tailspin Relay', 'PR', null, []),
		entry('e', 'Contoso Nube', 'MX', 'Ciudad de México', ['technical_training_support'])
	];
	const ids = (filter: ProviderFilter) => filterProviders(entries, filter).map((e) => e.id);

	it.each<[string, ProviderFilter, string[]]>([
		['no filter', {}, ['a', 'b', 'c', 'd', 'e']],
		['blank text', { text: '   ' }, ['a', 'b', 'c', 'd', 'e']],
		['a name, any case and accents', { text: 'societe GENERALE' }, ['a']],
		['a city without accents', { text: 'besancon' }, ['a']],
		['a city with accents', { text: 'KÖLN' }, ['b']],
		['a city with a typed accent', { text: 'Me\u0301xico' }, ['e']],
		['part of a word', { text: 'wind' }, ['c']],
		['text matching nothing', { text: 'zzz' }, []],
		['a region', { region: 'europe' }, ['a', 'b']],
		['a region with its territories', { region: 'united_states' }, ['c', 'd']],
		['a region with nobody', { region: 'japan' }, []],
		['a country', { country: 'FR' }, ['a']],
		['a country in lower case', { country: 'de' }, ['b']],
		['a service', { service: 'credit_financing' }, ['b', 'c']],
		[
			'everything at once',
			{ text: 'f', region: 'europe', country: 'DE', service: 'credit_financing' },
			['b']
		],
		['region and a country outside it', { region: 'europe', country: 'US' }, []],
		[
			'empty values as no filter',
			{ text: '', region: '', country: '', service: '' },
			['a', 'b', 'c', 'd', 'e']
		]
	])('%s', (_what, filter, expected) => {
		expect(ids(filter)).toEqual(expected);
	});

	it('does not match across name and city', () => {
		expect(ids({ text: 'supply seattle' })).toEqual([]);
	});

	it('filters the shipped directory by region', () => {
		const french = filterProviders(providerDirectory, { country: 'FR' });
		expect(french.length).toBeGreaterThanOrEqual(1);
		const europe = filterProviders(providerDirectory, { region: 'europe' });
		expect(europe.every((e) => cspRegionOf(e.country) === 'europe')).toBe(true);
		expect(europe).toEqual(expect.arrayContaining(french));
	});
});

describe('mailtoHref', () => {
	it('encodes subject and body, with CRLF line breaks', () => {
		const href = mailtoHref(
			'partners@nuage-reseau.example',
			'Partenariat revendeur : Société & Fils',
			'Bonjour,\n\nID MPN : 1234567?'
		);
		expect(href).toBe(
			'mailto:partners@nuage-reseau.example' +
				'?subject=Partenariat%20revendeur%20%3A%20Soci%C3%A9t%C3%A9%20%26%20Fils' +
				'&body=Bonjour%2C%0D%0A%0D%0AID%20MPN%20%3A%201234567%3F'
		);
	});

	it('keeps the address from adding header fields', () => {
		const href = mailtoHref('a?cc=b@evil.example', 'S', 'B');
		expect(href.startsWith('mailto:a%3Fcc%3Db@evil.example?subject=')).toBe(true);
	});
});
