import { describe, expect, it } from 'vitest';
import {
	billingProfileSchema,
	companyProfileSchema,
	customerDomainSchema,
	customerRecordSchema,
	customerUserInputSchema,
	nameKeyOf,
	ownCustomerRow,
	rowFromSharedCustomer,
	searchPrefixes,
	searchTermsOf,
	sharedCustomerFrom,
	tenantIdSchema
} from './customers';
import { fieldErrors } from './validation';

const TENANT = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';
const CHANNEL = '0123456789abcdef0123456789abcdef';

function errorsOf(schema: { safeParse: (v: unknown) => unknown }, value: unknown) {
	const result = schema.safeParse(value) as { success: boolean; error?: never };
	return result.success ? {} : fieldErrors(result.error!);
}

describe('search keys', () => {
	it('folds accents and case and splits words of the name and labels of the domain', () => {
		const terms = searchTermsOf('  Contoso  Café & Fils ', 'Contoso-Cafe.onmicrosoft.com');
		expect(terms).toEqual(
			expect.arrayContaining([
				'contoso cafe & fils',
				'contoso-cafe.onmicrosoft.com',
				'contoso',
				'cafe',
				'fils'
			])
		);
		expect(new Set(terms).size).toBe(terms.length);
		// what almost every customer shares would make a one-letter search match everything
		expect(terms).not.toContain('onmicrosoft');
		expect(terms).not.toContain('com');
		expect(searchTermsOf('Fabrikam', 'fabrikam.co.uk')).toEqual([
			'fabrikam',
			'fabrikam.co.uk',
			'co'
		]);
	});

	it('folds full-width and decomposed characters the way a user types them', () => {
		expect(nameKeyOf('Ｃｏｎｔｏｓｏ')).toBe('contoso');
		expect(nameKeyOf('E\u0301mile')).toBe(nameKeyOf('Émile'));
		expect(nameKeyOf('Émile')).toBe('emile');
	});

	it('turns a query into folded prefixes, the longest first, without duplicates', () => {
		expect(searchPrefixes('  CAFÉ  con cafe ')).toEqual(['cafe', 'con']);
		expect(searchPrefixes('contoso.onm')).toEqual(['contoso.onm']);
		expect(searchPrefixes('   ')).toEqual([]);
	});

	it('finds a customer by the prefix of any word: every query prefix matches some term', () => {
		const terms = searchTermsOf('Fourth Coffee Ltd', 'fourthcoffee.com');
		const matches = (query: string) =>
			searchPrefixes(query).every((prefix) => terms.some((term) => term.startsWith(prefix)));
		expect(matches('coff')).toBe(true);
		expect(matches('fourthc')).toBe(true);
		expect(matches('four cof')).toBe(true);
		expect(matches('offee')).toBe(false);
		expect(matches('coffee tea')).toBe(false);
	});
});

describe('customer fields', () => {
	it('accepts domains as tenants have them, in lower case', () => {
		expect(customerDomainSchema.parse(' Contoso.OnMicrosoft.com ')).toBe('contoso.onmicrosoft.com');
		expect(customerDomainSchema.parse('fabrikam.co.uk')).toBe('fabrikam.co.uk');
	});

	it.each(['contoso', 'contoso..com', '-contoso.com', 'contoso.c', 'con toso.com', 'a@b.com'])(
		'refuses the domain %j',
		(domain) => {
			expect(errorsOf(customerDomainSchema, domain)).toEqual({ '': 'err_customer_domain_format' });
		}
	);

	it('takes tenant ids as GUIDs in any case and stores them in lower case', () => {
		expect(tenantIdSchema.parse(TENANT.toUpperCase())).toBe(TENANT);
		expect(errorsOf(tenantIdSchema, '3f2504e0-4f89-11d3-9a0c')).toEqual({
			'': 'err_tenant_id_format'
		});
	});
});

describe('company and billing profiles, per country', () => {
	const company = {
		tenantId: TENANT,
		domain: 'contoso.onmicrosoft.com',
		companyName: 'Contoso',
		address: {
			addressLine1: '1 Microsoft Way',
			city: 'Redmond',
			state: 'wa',
			postalCode: '98052',
			country: 'us'
		}
	};

	it('normalises a US address (state code upper-cased) and a Canadian postal code', () => {
		expect(companyProfileSchema.parse(company).address).toMatchObject({
			state: 'WA',
			country: 'US'
		});
		const canada = companyProfileSchema.parse({
			...company,
			address: {
				addressLine1: '80 Wellington St',
				city: 'Ottawa',
				state: 'ON',
				postalCode: 'k1a0a2',
				country: 'CA'
			}
		});
		expect(canada.address.postalCode).toBe('K1A 0A2');
	});

	it.each([
		['US', { postalCode: '9805', state: 'WA' }, 'address.postalCode', 'err_postal_code_format'],
		['US', { postalCode: '98052', state: '' }, 'address.state', 'err_state_required'],
		['US', { postalCode: '98052', state: 'XX' }, 'address.state', 'err_state_unknown'],
		['FR', { postalCode: '7500', state: '' }, 'address.postalCode', 'err_postal_code_format'],
		['GB', { postalCode: 'SW1A', state: '' }, 'address.postalCode', 'err_postal_code_format'],
		['DE', { postalCode: '1011', state: '' }, 'address.postalCode', 'err_postal_code_format']
	])('refuses a %s address with %j', (country, fields, path, code) => {
		const errors = errorsOf(companyProfileSchema, {
			...company,
			address: { addressLine1: '1 Main St', city: 'Town', country, ...fields }
		});
		expect(errors[path]).toBe(code);
	});

	it('refuses a company name made only of symbols or a bare legal form', () => {
		expect(errorsOf(companyProfileSchema, { ...company, companyName: '***' }).companyName).toBe(
			'err_org_name_only_symbols'
		);
		expect(errorsOf(companyProfileSchema, { ...company, companyName: 'GmbH' }).companyName).toBe(
			'err_org_name_legal_form'
		);
	});

	it('takes a billing contact with defaults for culture and language, and checks its email', () => {
		const billing = {
			firstName: 'Léa',
			lastName: 'Martin',
			email: 'lea@contoso.fr',
			companyName: 'Contoso',
			defaultAddress: { addressLine1: '1 rue X', city: 'Paris', postalCode: '75001', country: 'FR' }
		};
		expect(billingProfileSchema.parse(billing)).toMatchObject({ culture: 'en-US', language: 'en' });
		expect(errorsOf(billingProfileSchema, { ...billing, email: 'lea@' }).email).toBe(
			'err_email_invalid'
		);
		expect(errorsOf(billingProfileSchema, { ...billing, culture: 'french' }).culture).toBe(
			'err_culture_format'
		);
		expect(errorsOf(billingProfileSchema, { ...billing, phoneNumber: 'call me' }).phoneNumber).toBe(
			'err_customer_phone_format'
		);
	});
});

describe('rows', () => {
	const own = ownCustomerRow(
		{
			tenantId: TENANT,
			companyName: 'Contoso Café',
			domain: 'contoso.fr',
			country: 'FR',
			relationship: 'reseller',
			delegatedAdmin: true,
			source: 'referral',
			since: 1000
		},
		2000
	);

	it('builds a valid row of the customers table with its sort and search keys', () => {
		expect(customerRecordSchema.parse(own)).toEqual(own);
		expect(own).toMatchObject({ key: TENANT, nameKey: 'contoso cafe', resellerChannelId: null });
		expect(own.searchTerms).toContain('cafe');
	});

	it('says what a provider learns of a shared customer, and the provider’s row keyed by channel', () => {
		const shared = sharedCustomerFrom(
			{ ...own, sharedWith: [CHANNEL], providersWithRelationship: [CHANNEL] },
			CHANNEL,
			3000
		);
		expect(shared).toMatchObject({ tenantId: TENANT, providerRelationship: true, sharedAt: 3000 });
		expect(shared).not.toHaveProperty('sharedWith');
		expect(sharedCustomerFrom(own, CHANNEL, 3000).providerRelationship).toBe(false);
		const row = rowFromSharedCustomer(CHANNEL, shared, 4000);
		expect(row).toMatchObject({ key: `${CHANNEL}:${TENANT}`, resellerChannelId: CHANNEL });
		expect(customerRecordSchema.parse(row)).toEqual(row);
	});
});

describe('customer users', () => {
	it('takes a user with a user principal name and an optional usage location', () => {
		expect(
			customerUserInputSchema.parse({
				firstName: 'Anna',
				lastName: 'Bell',
				userPrincipalName: ' Anna.Bell@Contoso.fr ',
				usageLocation: 'fr'
			})
		).toMatchObject({
			userPrincipalName: 'anna.bell@contoso.fr',
			usageLocation: 'FR',
			state: 'active'
		});
		const errors = errorsOf(customerUserInputSchema, {
			firstName: 'Anna',
			lastName: 'Bell',
			userPrincipalName: 'anna bell',
			usageLocation: 'XX'
		});
		expect(errors).toMatchObject({
			userPrincipalName: 'err_upn_format',
			usageLocation: 'err_country_unknown'
		});
	});
});
