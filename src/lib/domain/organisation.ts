import { cleanText } from './text';
import { z } from 'zod';

/** Bare legal-form abbreviations that are not a company name on their own. */
export const legalForms = [
	'llc',
	'inc',
	'ltd',
	'plc',
	'corp',
	'co',
	'gmbh',
	'ag',
	'kg',
	'sa',
	'sas',
	'sasu',
	'sarl',
	'eurl',
	'sprl',
	'srl',
	'spa',
	'bv',
	'nv',
	'ab',
	'as',
	'oy',
	'pty',
	'pty ltd',
	'kk',
	'lp',
	'llp'
] as const;

const legalFormSet = new Set<string>(legalForms);

/** Company name rules from Partner Center: not one character, not only symbols, not a legal form. */
export const organisationNameSchema = z
	.string({ error: 'err_required' })
	.transform((value) => cleanText(value))
	.pipe(
		z
			.string()
			.min(1, { error: 'err_required' })
			.max(200, { error: 'err_too_long' })
			.refine((name) => [...name].length > 1, { error: 'err_org_name_single_char' })
			.refine((name) => /[\p{L}\p{N}]/u.test(name), { error: 'err_org_name_only_symbols' })
			.refine((name) => !legalFormSet.has(name.toLowerCase().replace(/[.,]/g, '').trim()), {
				error: 'err_org_name_legal_form'
			})
	);

export const TENANT_DOMAIN_SUFFIX = '.onmicrosoft.com';

/**
 * The `<prefix>` of `<prefix>.onmicrosoft.com`: ASCII letters and digits only, 2–27 characters,
 * compared in lower case.
 */
export const domainPrefixSchema = z
	.string({ error: 'err_required' })
	.transform((value) => value.trim().toLowerCase())
	.pipe(
		z
			.string()
			.min(1, { error: 'err_required' })
			.regex(/^[a-z0-9]{2,27}$/, { error: 'err_domain_prefix_format' })
	);

export function tenantDomain(prefix: string): string {
	return `${prefix}${TENANT_DOMAIN_SUFFIX}`;
}

export const personNameSchema = z
	.string({ error: 'err_required' })
	.transform((value) => cleanText(value))
	.pipe(z.string().min(1, { error: 'err_required' }).max(120, { error: 'err_too_long' }));
