import { describe, expect, it } from 'vitest';
import { validWorkspaceInput } from '$lib/test/factories';
import { fieldErrors } from './validation';
import { createWorkspaceInputSchema, type CreateWorkspaceInput } from './workspace';

function errorsFor(input: unknown) {
	const result = createWorkspaceInputSchema.safeParse(input);
	return result.success ? {} : fieldErrors(result.error);
}

describe('createWorkspaceInputSchema', () => {
	it('accepts a valid form and normalises every field', () => {
		const input = validWorkspaceInput({
			kind: 'provider',
			name: '  Société   Générale Équipements ',
			country: 'fr',
			domainPrefix: 'SocGenEquip',
			admin: {
				fullName: ' Élodie  Côté ',
				email: ' Elodie.Cote@Exemple.FR ',
				password: 'Mot-de-passe-très-sûr',
				confirmPassword: 'Mot-de-passe-très-sûr'
			}
		});
		expect(createWorkspaceInputSchema.parse(input)).toEqual({
			kind: 'provider',
			name: 'Société Générale Équipements',
			country: 'FR',
			domainPrefix: 'socgenequip',
			admin: {
				fullName: 'Élodie Côté',
				email: 'elodie.cote@exemple.fr',
				password: 'Mot-de-passe-très-sûr',
				confirmPassword: 'Mot-de-passe-très-sûr'
			}
		});
	});

	it.each<[string, Parameters<typeof validWorkspaceInput>[0], Record<string, string>]>([
		[
			'unknown kind',
			{ kind: 'distributor' as CreateWorkspaceInput['kind'] },
			{ kind: 'err_kind_unknown' }
		],
		['single-character name', { name: 'X' }, { name: 'err_org_name_single_char' }],
		['symbol-only name', { name: '***' }, { name: 'err_org_name_only_symbols' }],
		['bare legal form', { name: 'Inc.' }, { name: 'err_org_name_legal_form' }],
		['unknown country', { country: 'XX' }, { country: 'err_country_unknown' }],
		['empty country', { country: '' }, { country: 'err_required' }],
		['short prefix', { domainPrefix: 'c' }, { domainPrefix: 'err_domain_prefix_format' }],
		['accented prefix', { domainPrefix: 'société' }, { domainPrefix: 'err_domain_prefix_format' }],
		['empty full name', { admin: { fullName: ' ' } }, { 'admin.fullName': 'err_required' }],
		['invalid email', { admin: { email: 'ana@contoso' } }, { 'admin.email': 'err_email_invalid' }],
		[
			'11-character password',
			{ admin: { password: 'Short-pass1', confirmPassword: 'Short-pass1' } },
			{ 'admin.password': 'err_password_too_short' }
		],
		[
			'password equal to the email',
			{
				admin: {
					email: 'ana.lopez@contoso.example',
					password: 'ANA.LOPEZ@CONTOSO.EXAMPLE',
					confirmPassword: 'ANA.LOPEZ@CONTOSO.EXAMPLE'
				}
			},
			{ 'admin.password': 'err_password_is_email' }
		],
		[
			'confirmation that differs',
			{ admin: { password: 'Correct-horse-42', confirmPassword: 'Correct-horse-43' } },
			{ 'admin.confirmPassword': 'err_password_mismatch' }
		],
		[
			'confirmation that differs only in case',
			{ admin: { password: 'Correct-horse-42', confirmPassword: 'correct-horse-42' } },
			{ 'admin.confirmPassword': 'err_password_mismatch' }
		]
	])('refuses a form with a %s', (_label, overrides, expected) => {
		expect(errorsFor(validWorkspaceInput(overrides))).toEqual(expected);
	});

	it('reports every broken field at once, each under its own path', () => {
		const errors = errorsFor(
			validWorkspaceInput({
				name: 'LLC',
				country: 'XX',
				domainPrefix: 'no-dashes',
				admin: { email: 'nope', password: 'Long-enough-pass', confirmPassword: 'other' }
			})
		);
		expect(errors).toEqual({
			name: 'err_org_name_legal_form',
			country: 'err_country_unknown',
			domainPrefix: 'err_domain_prefix_format',
			'admin.email': 'err_email_invalid',
			'admin.confirmPassword': 'err_password_mismatch'
		});
	});

	it('says the password policy before the confirmation mismatch', () => {
		expect(
			errorsFor(validWorkspaceInput({ admin: { password: 'short', confirmPassword: 'other' } }))
		).toEqual({ 'admin.password': 'err_password_too_short' });
	});

	it.each([
		['no admin', { ...validWorkspaceInput(), admin: undefined }, 'admin'],
		['no password', validWorkspaceInput({ admin: { password: undefined } }), 'admin.password'],
		['not an object', 'workspace', '']
	])('marks a form with %s as required at %j', (_label, input, path) => {
		expect(errorsFor(input)).toMatchObject({ [path]: 'err_required' });
	});
});
