import { describe, expect, it } from 'vitest';
import { PASSWORD_MIN_LENGTH, passwordPolicyError } from './password-policy';

describe('passwordPolicyError', () => {
	it('asks for at least 12 characters', () => {
		expect(PASSWORD_MIN_LENGTH).toBe(12);
	});

	it.each([
		['', 'err_required'],
		['abcdefghijk', 'err_password_too_short'], // 11
		['abcdefghijkl', null], // 12
		// accented letters count once each, as a person counts them
		['éléphantçàè', 'err_password_too_short'], // 11 code points, 16 UTF-8 bytes
		['éléphantçàèù', null], // 12 code points
		['Crème-brûlée', null], // 12 code points
		// astral characters (two UTF-16 units) count once too
		['🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑', 'err_password_too_short'],
		['🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑', null],
		['p'.repeat(256), null],
		['p'.repeat(257), 'err_too_long']
	])('%j → %s', (password, expected) => {
		expect(passwordPolicyError(password)).toBe(expected);
	});

	it.each([
		['marie-claire.dubois@contoso.fr', 'marie-claire.dubois@contoso.fr'],
		['Marie-Claire.Dubois@Contoso.FR', 'marie-claire.dubois@contoso.fr'],
		['marie-claire.dubois@contoso.fr', 'Marie-Claire.Dubois@contoso.fr'],
		['MARIE-CLAIRE.DUBOIS', 'marie-claire.dubois@contoso.fr'],
		['marie-claire.dubois', 'Marie-Claire.Dubois@contoso.fr'],
		[' marie-claire.dubois ', 'marie-claire.dubois@contoso.fr'],
		['ｍａｒｉｅ－ｃｌａｉｒｅ．ｄｕｂｏｉｓ', 'marie-claire.dubois@contoso.fr'],
		['élisabeth.côté@exemple.fr', 'Élisabeth.Côté@exemple.fr']
	])('refuses %j as the password of %j', (password, email) => {
		expect(passwordPolicyError(password, email)).toBe('err_password_is_email');
	});

	it.each([
		['marie-claire.dubois2', 'marie-claire.dubois@contoso.fr'],
		['contoso.fr-password', 'marie-claire.dubois@contoso.fr'],
		['marie-claire.dubois@contoso.fr', '']
	])('accepts %j for %j (not the email)', (password, email) => {
		expect(passwordPolicyError(password, email)).toBeNull();
	});

	it('reports the length rule before the email rule', () => {
		expect(passwordPolicyError('ana', 'ana@contoso.com')).toBe('err_password_too_short');
	});
});
