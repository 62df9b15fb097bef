import { z } from 'zod';
import type { ErrorCode } from './errors';
import { cleanText } from './text';
import { countrySchema } from './workspace';

/** What Tierlink knows about the addresses of one country. */
export interface AddressRule {
	/** The postal code, upper-cased and with single spaces; when set, a postal code is required. */
	postalCode?: RegExp;
	/** One valid postal code, for a placeholder. */
	postalCodeExample?: string;
	/** The canonical form has one space before the last N characters (`K1A 0B1`, `SW1A 1AA`). */
	postalCodeSpaceBeforeLast?: number;
	/** The address needs a state, province or region. */
	stateRequired: boolean;
	/** The accepted state codes; when absent, the state is free text. */
	states?: readonly string[];
}

// prettier-ignore
const usStates = [
	'AL', 'AK', 'AZ', 'AR', 'CA', 'CO', 'CT', 'DE', 'DC', 'FL', 'GA', 'HI', 'ID', 'IL', 'IN', 'IA',
	'KS', 'KY', 'LA', 'ME', 'MD', 'MA', 'MI', 'MN', 'MS', 'MO', 'MT', 'NE', 'NV', 'NH', 'NJ', 'NM',
	'NY', 'NC', 'ND', 'OH', 'OK', 'OR', 'PA', 'RI', 'SC', 'SD', 'TN', 'TX', 'UT', 'VT', 'VA', 'WA',
	'WV', 'WI', 'WY'
] as const;

// prettier-ignore
const caProvinces = [
	'AB', 'BC', 'MB', 'NB', 'NL', 'NS', 'NT', 'NU', 'ON', 'PE', 'QC', 'SK', 'YT'
] as const;

const auStates = ['NSW', 'VIC', 'QLD', 'WA', 'SA', 'TAS', 'ACT', 'NT'] as const;

// Brazil's 26 states and the Federal District, by their two-letter UF codes.
// prettier-ignore
const brStates = [
	'AC', 'AL', 'AP', 'AM', 'BA', 'CE', 'DF', 'ES', 'GO', 'MA', 'MT', 'MS', 'MG', 'PA', 'PB', 'PR',
	'PE', 'PI', 'RJ', 'RN', 'RS', 'RO', 'RR', 'SC', 'SP', 'SE', 'TO'
] as const;

/**
 * Per-country address rules. A country not listed here has no state rule and a free-text postal
 * code of at most 20 characters, which may be left empty. India and Mexico need a state but take
 * it as free text: their official code lists have changed over the years and addresses there are
 * usually written with the state's name.
 */
export const addressRules: Record<string, AddressRule> = {
	US: {
		postalCode: /^\d{5}(-\d{4})?$/,
		postalCodeExample: '98052',
		stateRequired: true,
		states: usStates
	},
	CA: {
		// No D, F, I, O, Q or U anywhere, and no W or Z as the first letter.
		postalCode: /^[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] ?\d[ABCEGHJ-NPRSTV-Z]\d$/,
		postalCodeExample: 'K1A 0B1',
		postalCodeSpaceBeforeLast: 3,
		stateRequired: true,
		states: caProvinces
	},
	FR: { postalCode: /^\d{5}$/, postalCodeExample: '75008', stateRequired: false },
	DE: { postalCode: /^\d{5}$/, postalCodeExample: '10117', stateRequired: false },
	GB: {
		// Outward code (area + district, e.g. SW1A, M1, B33, CR2, DN55, W1A, EC1A), then the inward
		// code (a digit and two letters, never C, I, K, M, O or V). GIR 0AA is the one exception.
		postalCode:
			/^(GIR ?0AA|[A-PR-UWYZ](\d[A-HJKPSTUW]?|\d{2}|[A-HK-Y]\d[ABEHMNPRVWXY]?|[A-HK-Y]\d{2}) ?\d[ABD-HJLNP-UW-Z]{2})$/,
		postalCodeExample: 'SW1A 1AA',
		postalCodeSpaceBeforeLast: 3,
		stateRequired: false
	},
	BE: { postalCode: /^[1-9]\d{3}$/, postalCodeExample: '1000', stateRequired: false },
	CH: { postalCode: /^[1-9]\d{3}$/, postalCodeExample: '8001', stateRequired: false },
	NL: {
		// Four digits not starting with 0, two letters; SA, SD and SS are never issued.
		postalCode: /^[1-9]\d{3} ?(?!SA|SD|SS)[A-Z]{2}$/,
		postalCodeExample: '1012 AB',
		postalCodeSpaceBeforeLast: 2,
		stateRequired: false
	},
	ES: {
		// The first two digits are the province, 01 to 52.
		postalCode: /^(0[1-9]|[1-4]\d|5[0-2])\d{3}$/,
		postalCodeExample: '28001',
		stateRequired: false
	},
	IT: { postalCode: /^\d{5}$/, postalCodeExample: '00184', stateRequired: false },
	AU: {
		postalCode: /^\d{4}$/,
		postalCodeExample: '2000',
		stateRequired: true,
		states: auStates
	},
	BR: {
		postalCode: /^\d{5}-\d{3}$/,
		postalCodeExample: '01310-100',
		stateRequired: true,
		states: brStates
	},
	IN: { postalCode: /^[1-9]\d{5}$/, postalCodeExample: '560001', stateRequired: true },
	MX: { postalCode: /^\d{5}$/, postalCodeExample: '06600', stateRequired: true }
};

function ruleOf(country: string): AddressRule | undefined {
	const code = country.trim().toUpperCase();
	return Object.hasOwn(addressRules, code) ? addressRules[code] : undefined;
}

/** Whether an address in this country needs a state (province, region). */
export function stateRequired(country: string): boolean {
	return ruleOf(country)?.stateRequired ?? false;
}

/** The state codes to choose from; empty when the state is free text (or not asked). */
export function statesOf(country: string): readonly string[] {
	return ruleOf(country)?.states ?? [];
}

/** A valid postal code of the country, for a placeholder; undefined when it has no rule. */
export function postalCodeExample(country: string): string | undefined {
	return ruleOf(country)?.postalCodeExample;
}

export const POSTAL_CODE_MAX_LENGTH = 20;

/** The refusal of a postal code (already cleaned and upper-cased) for the country, or null. */
export function postalCodeError(postalCode: string, country: string): ErrorCode | null {
	const pattern = ruleOf(country)?.postalCode;
	if (!pattern) return postalCode.length > POSTAL_CODE_MAX_LENGTH ? 'err_too_long' : null;
	if (postalCode === '') return 'err_required';
	return pattern.test(postalCode) ? null : 'err_postal_code_format';
}

/** The refusal of a state (already cleaned) for the country, or null. */
export function stateError(state: string, country: string): ErrorCode | null {
	const rule = ruleOf(country);
	if (state === '') return rule?.stateRequired ? 'err_state_required' : null;
	if (rule?.states && !rule.states.includes(state.toUpperCase())) return 'err_state_unknown';
	return null;
}

/** The stored form of a valid postal code: upper case, with the country's one space, if any. */
function canonicalPostalCode(postalCode: string, country: string): string {
	const spaceBeforeLast = ruleOf(country)?.postalCodeSpaceBeforeLast;
	if (!spaceBeforeLast) return postalCode;
	const compact = postalCode.replace(/ /g, '');
	return `${compact.slice(0, -spaceBeforeLast)} ${compact.slice(-spaceBeforeLast)}`;
}

function requiredText(max: number) {
	return z
		.string({ error: 'err_required' })
		.transform((value) => cleanText(value))
		.pipe(z.string().min(1, { error: 'err_required' }).max(max, { error: 'err_too_long' }));
}

/** Free text that may be left out or empty; empty is stored as undefined. */
function optionalText(max: number, form: 'NFC' | 'NFKC' = 'NFC') {
	return z
		.string({ error: 'err_required' })
		.nullish()
		.transform((value) => cleanText(value ?? '', form))
		.pipe(z.string().max(max, { error: 'err_too_long' }));
}

const crossCheckedFields = new Set(['country', 'postalCode', 'state']);

/**
 * A legal business address (Partner Center's Address, without the contact fields). Text is
 * trimmed, with single spaces; postal codes and state codes are upper-cased, and postal codes get
 * the country's usual space (`k1a0b1` → `K1A 0B1`). An empty optional field is stored as undefined.
 * The postal code and state are checked against the country's rules in `addressRules`.
 */
export const addressSchema = z
	.object({
		addressLine1: requiredText(200),
		addressLine2: optionalText(200),
		city: requiredText(100),
		state: optionalText(100),
		postalCode: optionalText(POSTAL_CODE_MAX_LENGTH, 'NFKC').transform((code) =>
			code.toUpperCase()
		),
		country: countrySchema
	})
	.superRefine(
		(address, ctx) => {
			const postal = postalCodeError(address.postalCode, address.country);
			if (postal) ctx.addIssue({ code: 'custom', path: ['postalCode'], message: postal });
			const state = stateError(address.state, address.country);
			if (state) ctx.addIssue({ code: 'custom', path: ['state'], message: state });
		},
		{
			// Check the postal code and state against the country even when another field (a
			// missing city) is wrong, so the form shows every error at once; not when the country
			// itself, or either field's own check, has failed (nor when the input is no object).
			when: (payload) =>
				!payload.issues.some(
					(issue) => !issue.path?.length || crossCheckedFields.has(String(issue.path[0]))
				)
		}
	)
	.transform(({ addressLine1, addressLine2, city, state, postalCode, country }) => {
		const states = statesOf(country);
		return {
			addressLine1,
			addressLine2: addressLine2 || undefined,
			city,
			state: (states.length > 0 ? state.toUpperCase() : state) || undefined,
			postalCode: postalCode ? canonicalPostalCode(postalCode, country) : undefined,
			country
		};
	});

export type AddressInput = z.input<typeof addressSchema>;
export type Address = z.output<typeof addressSchema>;
