import { describe, expect, it } from 'vitest';
import { profileCountryError } from './enrollment';
import { mpnIdSchema } from './mpn';
import { pmcAccountSchema, pmcProfileSchema, pmcSeed, PMC_MAX_PROFILES } from './pmc-seed';
import { fieldErrors } from './validation';

function refusal(mode: 'create' | 'edit', input: unknown) {
	const result = pmcAccountSchema(mode).safeParse(input);
	return result.success ? null : fieldErrors(result.error);
}

const profile = {
	mpnId: '4812345',
	organisationName: 'Contoso France SAS',
	country: 'FR',
	active: true
};
const account = {
	userName: 'admin@contoso-fr.example',
	password: 'Contoso-PMC-2024!',
	profiles: [profile]
};

describe('pmcSeed', () => {
	it('holds 8 to 10 accounts', () => {
		expect(pmcSeed.length).toBeGreaterThanOrEqual(8);
		expect(pmcSeed.length).toBeLessThanOrEqual(10);
	});

	it.each(pmcSeed.map((seed) => [seed.userName, seed]))(
		'%s passes the add form unchanged',
		(_, seed) => {
			expect(pmcAccountSchema('create').parse(seed)).toEqual(seed);
		}
	);

	it('has one account per user name and each MPN ID once across the directory', () => {
		const userNames = pmcSeed.map((seed) => seed.userName);
		const mpnIds = pmcSeed.flatMap((seed) => seed.profiles.map((p) => p.mpnId));
		expect(new Set(userNames).size).toBe(userNames.length);
		expect(new Set(mpnIds).size).toBe(mpnIds.length);
		for (const mpnId of mpnIds) expect(mpnIdSchema.parse(mpnId)).toBe(mpnId);
	});

	it('uses reserved .example domains only', () => {
		for (const seed of pmcSeed) expect(seed.userName).toMatch(/@[a-z0-9-]+\.example$/);
	});

	it.each(['FR', 'US', 'GB', 'DE', 'CA', 'ES', 'IT', 'BE', 'NL', 'CH'])(
		'has an active profile in %s',
		(country) => {
			const active = pmcSeed.flatMap((seed) => seed.profiles).filter((p) => p.active);
			expect(active.map((p) => p.country)).toContain(country);
		}
	);

	it('has an account with two profiles, one in another country than its first', () => {
		const contoso = pmcSeed.find((seed) => seed.userName === 'admin@contoso-fr.example');
		expect(contoso?.profiles.map((p) => [p.country, p.active])).toEqual([
			['FR', true],
			['BE', true]
		]);
		const [fr, be] = contoso?.profiles ?? [];
		expect(profileCountryError(fr?.country ?? '', 'FR', fr?.active ?? false)).toBeNull();
		expect(profileCountryError(be?.country ?? '', 'FR', be?.active ?? false)).toBe(
			'err_mpn_country_mismatch'
		);
	});

	it('has an account with an active and an inactive profile', () => {
		const fabrikam = pmcSeed.find((seed) => seed.userName === 'pmc@fabrikam.example');
		expect(fabrikam?.profiles.map((p) => p.active)).toEqual([true, false]);
		const inactive = fabrikam?.profiles[1];
		expect(profileCountryError(inactive?.country ?? '', 'US', inactive?.active ?? true)).toBe(
			'err_mpn_inactive'
		);
	});

	it('includes an accented French organisation', () => {
		const names = pmcSeed.flatMap((seed) => seed.profiles.map((p) => p.organisationName));
		expect(names).toContain('Société Générale Équipements');
	});
});

describe('pmcProfileSchema', () => {
	it('normalises a profile and defaults to active', () => {
		expect(
			pmcProfileSchema.parse({
				mpnId: ' 4812345 ',
				organisationName: ' Contoso  France ',
				country: 'fr'
			})
		).toEqual({
			mpnId: '4812345',
			organisationName: 'Contoso France',
			country: 'FR',
			active: true
		});
	});

	it.each([
		[{ mpnId: '123' }, { mpnId: 'err_mpn_format' }],
		[{ organisationName: 'LLC' }, { organisationName: 'err_org_name_legal_form' }],
		[{ organisationName: '' }, { organisationName: 'err_required' }],
		[{ country: 'XX' }, { country: 'err_country_unknown' }],
		[{ country: '' }, { country: 'err_required' }],
		[{ active: 'yes' }, { active: 'err_required' }]
	])('refuses %j with %j', (change, errors) => {
		const result = pmcProfileSchema.safeParse({ ...profile, ...change });
		expect(result.success ? null : fieldErrors(result.error)).toEqual(errors);
	});
});

describe('pmcAccountSchema', () => {
	it.each(['create', 'edit'] as const)(
		'%s: accepts an account, normalising the user name',
		(mode) => {
			expect(
				pmcAccountSchema(mode).parse({ ...account, userName: ' Admin@Contoso-FR.example ' })
			).toEqual(account);
		}
	);

	it.each([
		['create', { password: undefined }, { password: 'err_required' }],
		['create', { password: '' }, { password: 'err_required' }],
		['create', { password: 'short-pass' }, { password: 'err_password_too_short' }],
		['create', { password: 'éééééééééé' }, { password: 'err_password_too_short' }],
		['create', { password: 'admin@contoso-fr.example' }, { password: 'err_password_is_email' }],
		['edit', { password: 'short-pass' }, { password: 'err_password_too_short' }],
		['edit', { password: 'Admin@Contoso-FR.example' }, { password: 'err_password_is_email' }],
		['create', { userName: 'admin' }, { userName: 'err_email_invalid' }],
		['create', { userName: '' }, { userName: 'err_required' }],
		['create', { profiles: [] }, { profiles: 'err_required' }],
		['create', { profiles: undefined }, { profiles: 'err_required' }],
		['edit', { profiles: 'none' }, { profiles: 'err_required' }],
		[
			'create',
			{
				profiles: Array.from({ length: PMC_MAX_PROFILES + 1 }, (_, i) => ({
					...profile,
					mpnId: `${4812345 + i}`
				}))
			},
			{ profiles: 'err_too_long' }
		],
		[
			'create',
			{
				profiles: [profile, { ...profile, organisationName: 'Contoso Belgique SRL', country: 'BE' }]
			},
			{ 'profiles.1.mpnId': 'err_mpn_duplicate' }
		],
		[
			'edit',
			{ profiles: [profile, { ...profile, mpnId: '4812346' }, { ...profile, mpnId: ' 4812345 ' }] },
			{ 'profiles.2.mpnId': 'err_mpn_duplicate' }
		],
		[
			'create',
			{
				profiles: [
					{ ...profile, mpnId: '12' },
					{ ...profile, country: 'ZZ' }
				]
			},
			{ 'profiles.0.mpnId': 'err_mpn_format', 'profiles.1.country': 'err_country_unknown' }
		]
	] as const)('%s: refuses %j with %j', (mode, change, errors) => {
		expect(refusal(mode, { ...account, ...change })).toEqual(errors);
	});

	it.each([[undefined], ['']])('edit: a password left %j keeps the current one', (password) => {
		expect(pmcAccountSchema('edit').parse({ ...account, password })).toEqual({
			...account,
			password: undefined
		});
	});

	it('edit: a new password of 12 characters is taken', () => {
		expect(pmcAccountSchema('edit').parse({ ...account, password: 'Mot-de-passe' }).password).toBe(
			'Mot-de-passe'
		);
	});

	it('reports every wrong field at once', () => {
		expect(
			refusal('create', {
				userName: 'nope',
				password: 'short',
				profiles: [null, profile, { ...profile }]
			})
		).toEqual({
			userName: 'err_email_invalid',
			password: 'err_password_too_short',
			'profiles.0': 'err_required',
			'profiles.2.mpnId': 'err_mpn_duplicate'
		});
	});

	it.each([[null], [undefined], ['admin'], [[]]])('refuses %j as a whole', (input) => {
		expect(refusal('create', input)).toEqual({ '': 'err_required' });
	});
});
