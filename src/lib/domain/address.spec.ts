import { describe, expect, it } from 'vitest';
import {
	addressRules,
	addressSchema,
	postalCodeError,
	postalCodeExample,
	stateError,
	stateRequired,
	statesOf,
	type AddressInput
} from './address';
import { fieldErrors } from './validation';

/** The per-field error codes for the input, or null when the address is accepted. */
function refusal(input: unknown) {
	const result = addressSchema.safeParse(input);
	return result.success ? null : fieldErrors(result.error);
}

const street: Record<string, { addressLine1: string; city: string }> = {
	US: { addressLine1: '1 Microsoft Way', city: 'Redmond' },
	CA: { addressLine1: '111 Wellington Street', city: 'Ottawa' },
	FR: { addressLine1: "12 Rue de l'Église", city: 'Paris' },
	DE: { addressLine1: 'Unter den Linden 1', city: 'Berlin' },
	GB: { addressLine1: '10 Downing Street', city: 'London' },
	BE: { addressLine1: 'Rue de la Loi 16', city: 'Bruxelles' },
	CH: { addressLine1: 'Bahnhofstrasse 1', city: 'Zürich' },
	NL: { addressLine1: 'Damrak 1', city: 'Amsterdam' },
	ES: { addressLine1: 'Calle de Alcalá 1', city: 'Madrid' },
	IT: { addressLine1: 'Via dei Fori Imperiali 1', city: 'Roma' },
	AU: { addressLine1: '1 Macquarie Street', city: 'Sydney' },
	BR: { addressLine1: 'Avenida Paulista 1000', city: 'São Paulo' },
	IN: { addressLine1: '1 MG Road', city: 'Bengaluru' },
	MX: { addressLine1: 'Paseo de la Reforma 1', city: 'Ciudad de México' }
};

function address(country: string, postalCode: string, state?: string): AddressInput {
	return {
		addressLine1: 'Rue de la Paix 1',
		city: 'Paris',
		...street[country],
		country,
		postalCode,
		state
	};
}

describe('addressSchema: valid addresses per country', () => {
	it.each([
		// [country, postal code typed, state typed, postal code stored, state stored]
		['US', '98052', 'WA', '98052', 'WA'],
		['US', '98052-6399', 'wa', '98052-6399', 'WA'],
		['US', ' 10001 ', ' ny ', '10001', 'NY'],
		['US', '20500', 'DC', '20500', 'DC'],
		['US', '99501', 'AK', '99501', 'AK'],
		['CA', 'K1A 0B1', 'ON', 'K1A 0B1', 'ON'],
		['CA', 'k1a0b1', 'on', 'K1A 0B1', 'ON'],
		['CA', 'h3z  2y7', 'QC', 'H3Z 2Y7', 'QC'],
		['CA', 'V6B 4Y8', 'bc', 'V6B 4Y8', 'BC'],
		['CA', 'X0A 0H0', 'NU', 'X0A 0H0', 'NU'],
		['FR', '75008', undefined, '75008', undefined],
		['FR', '01000', '', '01000', undefined],
		['FR', '97400', 'La Réunion', '97400', 'La Réunion'],
		['DE', '10117', undefined, '10117', undefined],
		['DE', '01067', 'Sachsen', '01067', 'Sachsen'],
		['GB', 'SW1A 1AA', undefined, 'SW1A 1AA', undefined],
		['GB', 'sw1a1aa', undefined, 'SW1A 1AA', undefined],
		['GB', 'M1 1AE', undefined, 'M1 1AE', undefined],
		['GB', 'm11ae', undefined, 'M1 1AE', undefined],
		['GB', 'B33 8TH', undefined, 'B33 8TH', undefined],
		['GB', 'CR2 6XH', undefined, 'CR2 6XH', undefined],
		['GB', 'DN55 1PT', undefined, 'DN55 1PT', undefined],
		['GB', 'W1A 0AX', undefined, 'W1A 0AX', undefined],
		['GB', 'EC1A 1BB', 'Greater London', 'EC1A 1BB', 'Greater London'],
		['GB', 'ec1a 1bb', undefined, 'EC1A 1BB', undefined],
		['GB', 'GIR 0AA', undefined, 'GIR 0AA', undefined],
		['BE', '1000', undefined, '1000', undefined],
		['BE', '9000', undefined, '9000', undefined],
		['CH', '8001', undefined, '8001', undefined],
		['CH', '1204', 'GE', '1204', 'GE'],
		['NL', '1012 AB', undefined, '1012 AB', undefined],
		['NL', '1012ab', undefined, '1012 AB', undefined],
		['NL', '9999 ZZ', undefined, '9999 ZZ', undefined],
		['ES', '28001', undefined, '28001', undefined],
		['ES', '01001', undefined, '01001', undefined],
		['ES', '52001', 'Melilla', '52001', 'Melilla'],
		['IT', '00184', undefined, '00184', undefined],
		['IT', '20121', 'MI', '20121', 'MI'],
		['AU', '2000', 'NSW', '2000', 'NSW'],
		['AU', '0800', 'nt', '0800', 'NT'],
		['AU', '7000', 'Tas', '7000', 'TAS'],
		['BR', '01310-100', 'SP', '01310-100', 'SP'],
		['BR', '20040-020', 'rj', '20040-020', 'RJ'],
		['IN', '560001', 'Karnataka', '560001', 'Karnataka'],
		['IN', '110001', 'Delhi', '110001', 'Delhi'],
		['MX', '06600', 'Ciudad de México', '06600', 'Ciudad de México'],
		['MX', '64000', 'Nuevo León', '64000', 'Nuevo León']
	])(
		'%s: accepts %j, state %j (stored %j, %j)',
		(country, postal, state, storedPostal, storedState) => {
			const parsed = addressSchema.parse(address(country, postal, state));
			expect(parsed.postalCode).toBe(storedPostal);
			expect(parsed.state).toBe(storedState);
			expect(parsed.country).toBe(country);
		}
	);
});

describe('addressSchema: invalid addresses per country', () => {
	it.each([
		// US
		['US', '9805', 'WA', { postalCode: 'err_postal_code_format' }],
		['US', '980521', 'WA', { postalCode: 'err_postal_code_format' }],
		['US', '98052-63', 'WA', { postalCode: 'err_postal_code_format' }],
		['US', '98052 6399', 'WA', { postalCode: 'err_postal_code_format' }],
		['US', 'ABCDE', 'WA', { postalCode: 'err_postal_code_format' }],
		['US', '', 'WA', { postalCode: 'err_required' }],
		['US', '98052', '', { state: 'err_state_required' }],
		['US', '98052', undefined, { state: 'err_state_required' }],
		['US', '98052', '   ', { state: 'err_state_required' }],
		['US', '98052', 'Washington', { state: 'err_state_unknown' }],
		['US', '98052', 'PR', { state: 'err_state_unknown' }],
		['US', '98052', 'XX', { state: 'err_state_unknown' }],
		['US', '123', '', { postalCode: 'err_postal_code_format', state: 'err_state_required' }],
		// CA
		['CA', 'K1A 0B', 'ON', { postalCode: 'err_postal_code_format' }],
		['CA', 'D1A 0B1', 'ON', { postalCode: 'err_postal_code_format' }],
		['CA', 'W1A 0B1', 'ON', { postalCode: 'err_postal_code_format' }],
		['CA', 'K1O 0B1', 'ON', { postalCode: 'err_postal_code_format' }],
		['CA', 'K1A-0B1', 'ON', { postalCode: 'err_postal_code_format' }],
		['CA', '12345', 'ON', { postalCode: 'err_postal_code_format' }],
		['CA', 'K1A 0B1', '', { state: 'err_state_required' }],
		['CA', 'K1A 0B1', 'Ontario', { state: 'err_state_unknown' }],
		['CA', 'K1A 0B1', 'NY', { state: 'err_state_unknown' }],
		// FR
		['FR', '7500', undefined, { postalCode: 'err_postal_code_format' }],
		['FR', '750008', undefined, { postalCode: 'err_postal_code_format' }],
		['FR', '75 008', undefined, { postalCode: 'err_postal_code_format' }],
		['FR', 'F-75008', undefined, { postalCode: 'err_postal_code_format' }],
		['FR', '', undefined, { postalCode: 'err_required' }],
		// DE
		['DE', '1011', undefined, { postalCode: 'err_postal_code_format' }],
		['DE', 'D-10117', undefined, { postalCode: 'err_postal_code_format' }],
		// GB
		['GB', 'SW1A', undefined, { postalCode: 'err_postal_code_format' }],
		['GB', 'SW1A 1A', undefined, { postalCode: 'err_postal_code_format' }],
		['GB', 'QW1A 1AA', undefined, { postalCode: 'err_postal_code_format' }],
		['GB', 'SW1A 1CA', undefined, { postalCode: 'err_postal_code_format' }],
		['GB', '12345', undefined, { postalCode: 'err_postal_code_format' }],
		['GB', 'SW1A-1AA', undefined, { postalCode: 'err_postal_code_format' }],
		['GB', '', undefined, { postalCode: 'err_required' }],
		// BE, CH
		['BE', '100', undefined, { postalCode: 'err_postal_code_format' }],
		['BE', '10000', undefined, { postalCode: 'err_postal_code_format' }],
		['BE', '0999', undefined, { postalCode: 'err_postal_code_format' }],
		['CH', '80010', undefined, { postalCode: 'err_postal_code_format' }],
		['CH', 'CH-8001', undefined, { postalCode: 'err_postal_code_format' }],
		// NL
		['NL', '1012', undefined, { postalCode: 'err_postal_code_format' }],
		['NL', '0123 AB', undefined, { postalCode: 'err_postal_code_format' }],
		['NL', '1012 A', undefined, { postalCode: 'err_postal_code_format' }],
		['NL', '1012 SS', undefined, { postalCode: 'err_postal_code_format' }],
		['NL', '1012 SA', undefined, { postalCode: 'err_postal_code_format' }],
		['NL', '1012 SD', undefined, { postalCode: 'err_postal_code_format' }],
		// ES
		['ES', '00001', undefined, { postalCode: 'err_postal_code_format' }],
		['ES', '53001', undefined, { postalCode: 'err_postal_code_format' }],
		['ES', '99999', undefined, { postalCode: 'err_postal_code_format' }],
		['ES', '2800', undefined, { postalCode: 'err_postal_code_format' }],
		// IT
		['IT', '0018', undefined, { postalCode: 'err_postal_code_format' }],
		['IT', 'I-00184', undefined, { postalCode: 'err_postal_code_format' }],
		// AU
		['AU', '200', 'NSW', { postalCode: 'err_postal_code_format' }],
		['AU', '2000', '', { state: 'err_state_required' }],
		['AU', '2000', 'New South Wales', { state: 'err_state_unknown' }],
		['AU', '2000', 'ON', { state: 'err_state_unknown' }],
		// BR
		['BR', '01310100', 'SP', { postalCode: 'err_postal_code_format' }],
		['BR', '01310-10', 'SP', { postalCode: 'err_postal_code_format' }],
		['BR', '01310-100', '', { state: 'err_state_required' }],
		['BR', '01310-100', 'São Paulo', { state: 'err_state_unknown' }],
		// IN
		['IN', '56000', 'Karnataka', { postalCode: 'err_postal_code_format' }],
		['IN', '056001', 'Karnataka', { postalCode: 'err_postal_code_format' }],
		['IN', '560001', '', { state: 'err_state_required' }],
		// MX
		['MX', '0660', 'CDMX', { postalCode: 'err_postal_code_format' }],
		['MX', '06600', undefined, { state: 'err_state_required' }]
	])('%s: refuses postal code %j, state %j with %j', (country, postal, state, errors) => {
		expect(refusal(address(country, postal, state))).toEqual(errors);
	});
});

describe('addressSchema: countries without rules', () => {
	it.each([
		['JP', '100-0001', '100-0001'],
		['JP', undefined, undefined],
		['IE', '', undefined],
		['IE', 'd02 x285', 'D02 X285'],
		['AE', '   ', undefined],
		['SE', '114 55', '114 55'],
		['PT', '1000-001', '1000-001'],
		['NZ', 'x'.repeat(20), 'X'.repeat(20)]
	])('%s: postal code %j is optional free text, stored %j', (country, postal, stored) => {
		const parsed = addressSchema.parse({ ...street.FR, country, postalCode: postal });
		expect(parsed.postalCode).toBe(stored);
		expect(parsed.state).toBeUndefined();
	});

	it.each([
		['JP', 'x'.repeat(21), { postalCode: 'err_too_long' }],
		['IE', 'D02 X285 D02 X285 D02 X285', { postalCode: 'err_too_long' }]
	])('%s: refuses postal code %j with %j', (country, postal, errors) => {
		expect(refusal({ ...street.FR, country, postalCode: postal })).toEqual(errors);
	});

	it('keeps a free-text state as typed (not upper-cased)', () => {
		const parsed = addressSchema.parse({ ...street.FR, country: 'JP', state: '  Tōkyō  ' });
		expect(parsed.state).toBe('Tōkyō');
	});
});

describe('addressSchema: country', () => {
	it.each([
		['fr', 'FR'],
		[' us ', 'US'],
		['Gb', 'GB']
	])('accepts %j as %j', (country, stored) => {
		const rule = addressRules[stored] ?? { stateRequired: false };
		const input = {
			...street[stored],
			country,
			postalCode: rule.postalCodeExample,
			state: rule.states?.[0]
		};
		expect(addressSchema.parse(input).country).toBe(stored);
	});

	it.each([
		['', 'err_required'],
		['   ', 'err_required'],
		[undefined, 'err_required'],
		[42, 'err_required'],
		['XX', 'err_country_unknown'],
		['USA', 'err_country_unknown'],
		['France', 'err_country_unknown'],
		['UK', 'err_country_unknown']
	])('refuses %j with %s, without judging the postal code or state', (country, code) => {
		expect(refusal({ ...street.FR, country, postalCode: '???', state: '' })).toEqual({
			country: code
		});
	});
});

describe('addressSchema: lines and city', () => {
	const valid = address('FR', '75008');

	it.each([
		[{ addressLine1: '' }, { addressLine1: 'err_required' }],
		[{ addressLine1: '   ' }, { addressLine1: 'err_required' }],
		[{ addressLine1: undefined }, { addressLine1: 'err_required' }],
		[{ addressLine1: 12 }, { addressLine1: 'err_required' }],
		[{ addressLine1: 'x'.repeat(201) }, { addressLine1: 'err_too_long' }],
		[{ addressLine2: 'x'.repeat(201) }, { addressLine2: 'err_too_long' }],
		[{ city: '' }, { city: 'err_required' }],
		[{ city: undefined }, { city: 'err_required' }],
		[{ city: 'x'.repeat(101) }, { city: 'err_too_long' }],
		[{ state: 'x'.repeat(101) }, { state: 'err_too_long' }]
	])('refuses %j with %j', (change, errors) => {
		expect(refusal({ ...valid, ...change })).toEqual(errors);
	});

	it.each([
		[{ addressLine1: 'x'.repeat(200) }],
		[{ addressLine1: 'é'.repeat(200) }],
		[{ addressLine2: 'x'.repeat(200) }],
		[{ city: 'x'.repeat(100) }],
		[{ addressLine2: undefined }],
		[{ addressLine2: null }]
	])('accepts %j', (change) => {
		expect(refusal({ ...valid, ...change })).toBeNull();
	});

	it('trims, collapses spaces and composes accents', () => {
		const parsed = addressSchema.parse({
			addressLine1: "  12   Rue de l'E\u0301glise ",
			addressLine2: '\tBâtiment  B,   3e étage ',
			city: '  Saint-Étienne ',
			postalCode: ' 42000 ',
			country: ' fr '
		});
		expect(parsed).toEqual({
			addressLine1: "12 Rue de l'Église",
			addressLine2: 'Bâtiment B, 3e étage',
			city: 'Saint-Étienne',
			state: undefined,
			postalCode: '42000',
			country: 'FR'
		});
	});

	it.each([
		["Rue de l'Église", 'Évry-Courcouronnes', '91000'],
		['Place de la Comédie', 'Montpellier', '34000'],
		['Quai d’Orléans', 'Paris', '75004'],
		['Chemin des Écoliers', 'Aÿ-Champagne', '51160']
	])('accepts the French address %j, %j %j', (addressLine1, city, postalCode) => {
		expect(refusal({ addressLine1, city, postalCode, country: 'FR' })).toBeNull();
	});

	it('folds full-width digits in a postal code', () => {
		expect(addressSchema.parse(address('FR', '７５００８')).postalCode).toBe('75008');
	});

	it('stores an empty second line as undefined', () => {
		expect(addressSchema.parse({ ...valid, addressLine2: '   ' }).addressLine2).toBeUndefined();
	});

	it('reports every wrong field at once', () => {
		expect(
			refusal({ addressLine1: '', city: '', postalCode: 'ABC', state: 'Texas', country: 'US' })
		).toEqual({
			addressLine1: 'err_required',
			city: 'err_required',
			postalCode: 'err_postal_code_format',
			state: 'err_state_unknown'
		});
	});

	it('refuses something that is not an object', () => {
		expect(refusal(null)).toEqual({ '': 'err_required' });
	});
});

describe('address rules as data', () => {
	const covered = [
		'US',
		'CA',
		'FR',
		'DE',
		'GB',
		'BE',
		'CH',
		'NL',
		'ES',
		'IT',
		'AU',
		'BR',
		'IN',
		'MX'
	];

	it('covers every country the issue names', () => {
		expect(Object.keys(addressRules).sort()).toEqual([...covered].sort());
	});

	it.each(covered)('%s: its postal code example passes its own rule', (country) => {
		const example = postalCodeExample(country);
		expect(example).toBeDefined();
		expect(postalCodeError(example ?? '', country)).toBeNull();
	});

	it.each([
		['US', true, 51],
		['CA', true, 13],
		['AU', true, 8],
		['BR', true, 27],
		['IN', true, 0],
		['MX', true, 0],
		['FR', false, 0],
		['DE', false, 0],
		['GB', false, 0],
		['BE', false, 0],
		['CH', false, 0],
		['NL', false, 0],
		['ES', false, 0],
		['IT', false, 0],
		['JP', false, 0],
		['ZZ', false, 0],
		['us', true, 51],
		[' ca ', true, 13],
		['toString', false, 0],
		['__proto__', false, 0]
	])('%j: state required %s, %i codes to choose from', (country, required, count) => {
		expect(stateRequired(country)).toBe(required);
		expect(statesOf(country)).toHaveLength(count);
	});

	it('lists the 50 US states and DC, each once', () => {
		const states = statesOf('US');
		expect(new Set(states).size).toBe(51);
		expect(states).toContain('DC');
		expect(states.every((code) => /^[A-Z]{2}$/.test(code))).toBe(true);
	});

	it('lists the Canadian provinces and territories', () => {
		expect([...statesOf('CA')].sort()).toEqual(
			['AB', 'BC', 'MB', 'NB', 'NL', 'NS', 'NT', 'NU', 'ON', 'PE', 'QC', 'SK', 'YT'].sort()
		);
	});

	it('lists the Australian states and territories', () => {
		expect([...statesOf('AU')].sort()).toEqual(
			['NSW', 'VIC', 'QLD', 'WA', 'SA', 'TAS', 'ACT', 'NT'].sort()
		);
	});

	it.each(['US', 'CA', 'AU', 'BR'])('%s: every listed state is accepted', (country) => {
		for (const state of statesOf(country)) expect(stateError(state, country)).toBeNull();
	});

	it.each([
		['', 'US', 'err_state_required'],
		['wa', 'US', null],
		['Ontario', 'CA', 'err_state_unknown'],
		['', 'FR', null],
		['Bretagne', 'FR', null],
		['', 'IN', 'err_state_required'],
		['Anything', 'ZZ', null]
	])('stateError(%j, %j) is %j', (state, country, code) => {
		expect(stateError(state, country)).toBe(code);
	});

	it.each([
		['98052', 'US', null],
		['', 'US', 'err_required'],
		['9805', 'US', 'err_postal_code_format'],
		['', 'JP', null],
		['x'.repeat(21), 'JP', 'err_too_long']
	])('postalCodeError(%j, %j) is %j', (postal, country, code) => {
		expect(postalCodeError(postal, country)).toBe(code);
	});

	it('has no postal code example for a country without rules', () => {
		expect(postalCodeExample('JP')).toBeUndefined();
	});
});
