import { describe, expect, it } from 'vitest';
import { fieldErrors } from './validation';
import {
	domainPrefixSchema,
	organisationNameSchema,
	personNameSchema,
	tenantDomain
} from './organisation';
import type { z } from 'zod';

/** The error code a schema gives for the input, or null when it accepts it. */
function codeFor(schema: z.ZodType, input: unknown): string | null {
	const result = schema.safeParse(input);
	return result.success ? null : (fieldErrors(result.error)[''] ?? 'no root error');
}

describe('organisationNameSchema', () => {
	it.each([
		['Contoso', 'Contoso'],
		['Société Générale Équipements', 'Société Générale Équipements'],
		['Ébénisterie Côté', 'Ébénisterie Côté'],
		["L'Atelier d'Émilie", "L'Atelier d'Émilie"],
		['O’Brien & Fils', 'O’Brien & Fils'],
		['Crème Brûlée SARL', 'Crème Brûlée SARL'],
		['HP', 'HP'],
		['3M', '3M'],
		['Acme LLC', 'Acme LLC'],
		['  Fabrikam   Europe  ', 'Fabrikam Europe'],
		// decomposed accents (as some keyboards send them) are stored composed
		['Ce\u0301dric & Co', 'Cédric & Co']
	])('accepts %j as %j', (input, stored) => {
		expect(organisationNameSchema.parse(input)).toBe(stored);
	});

	it.each([
		['A', 'err_org_name_single_char'],
		['É', 'err_org_name_single_char'],
		['E\u0301', 'err_org_name_single_char'],
		['  x  ', 'err_org_name_single_char'],
		['7', 'err_org_name_single_char'],
		['!!', 'err_org_name_only_symbols'],
		['- -', 'err_org_name_only_symbols'],
		['& / *', 'err_org_name_only_symbols'],
		['LLC', 'err_org_name_legal_form'],
		['Inc.', 'err_org_name_legal_form'],
		['gmbh', 'err_org_name_legal_form'],
		['GmbH', 'err_org_name_legal_form'],
		['SARL', 'err_org_name_legal_form'],
		['S.A.R.L.', 'err_org_name_legal_form'],
		['sas', 'err_org_name_legal_form'],
		['Pty Ltd', 'err_org_name_legal_form'],
		['Pty. Ltd.', 'err_org_name_legal_form'],
		['AB', 'err_org_name_legal_form'],
		['', 'err_required'],
		['    ', 'err_required'],
		['x'.repeat(201), 'err_too_long'],
		[undefined, 'err_required'],
		[42, 'err_required']
	])('rejects %j with %s', (input, code) => {
		expect(codeFor(organisationNameSchema, input)).toBe(code);
	});

	it('accepts a name of exactly 200 characters', () => {
		expect(codeFor(organisationNameSchema, 'é'.repeat(200))).toBeNull();
	});
});

describe('domainPrefixSchema', () => {
	it.each([
		['contoso', 'contoso'],
		['Contoso', 'contoso'],
		['CONTOSO123', 'contoso123'],
		['  fabrikam  ', 'fabrikam'],
		['ab', 'ab'],
		['42', '42'],
		['a'.repeat(27), 'a'.repeat(27)]
	])('accepts %j as %j', (input, stored) => {
		expect(domainPrefixSchema.parse(input)).toBe(stored);
	});

	it.each([
		['a', 'err_domain_prefix_format'],
		['a'.repeat(28), 'err_domain_prefix_format'],
		['con-toso', 'err_domain_prefix_format'],
		['con.toso', 'err_domain_prefix_format'],
		['contoso.onmicrosoft.com', 'err_domain_prefix_format'],
		['société', 'err_domain_prefix_format'],
		['côté', 'err_domain_prefix_format'],
		['con toso', 'err_domain_prefix_format'],
		['con_toso', 'err_domain_prefix_format'],
		['ｃｏｎｔｏｓｏ', 'err_domain_prefix_format'],
		['', 'err_required'],
		['   ', 'err_required'],
		[null, 'err_required']
	])('rejects %j with %s', (input, code) => {
		expect(codeFor(domainPrefixSchema, input)).toBe(code);
	});

	it('builds the tenant domain from the prefix', () => {
		expect(tenantDomain('contoso')).toBe('contoso.onmicrosoft.com');
	});
});

describe('personNameSchema', () => {
	it.each([
		['  Zoë   Lefèvre ', 'Zoë Lefèvre'],
		['Jean-Franc\u0327ois', 'Jean-François']
	])('normalises %j to %j', (input, stored) => {
		expect(personNameSchema.parse(input)).toBe(stored);
	});

	it.each([
		['', 'err_required'],
		['   ', 'err_required'],
		['n'.repeat(121), 'err_too_long']
	])('rejects %j with %s', (input, code) => {
		expect(codeFor(personNameSchema, input)).toBe(code);
	});
});
