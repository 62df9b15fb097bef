import { describe, expect, it } from 'vitest';
import { adminRoles, agentRoles, workspaceKinds, type AdminRole, type UserStatus } from './roles';
import {
	addUserInputSchema,
	changePasswordSchema,
	lastGlobalAdminError,
	rolesSchema,
	userMatches
} from './users';
import { fieldErrors } from './validation';

/** The per-field error codes a schema refuses the input with, or null when it accepts it. */
function refusal(schema: { safeParse(input: unknown): { success: boolean; error?: unknown } }) {
	return (input: unknown) => {
		const result = schema.safeParse(input);
		return result.success ? null : fieldErrors(result.error as Parameters<typeof fieldErrors>[0]);
	};
}

describe('rolesSchema', () => {
	// DOMAIN.md: "Providers also have a Sales agent"; every other agent and admin level exists in
	// every workspace kind.
	const cases = workspaceKinds.flatMap((kind) =>
		agentRoles.flatMap((agentRole) =>
			adminRoles.map((adminRole) => ({
				kind,
				agentRole,
				adminRole,
				accepted: agentRole !== 'sales_agent' || kind === 'provider'
			}))
		)
	);

	it('covers every kind × agent role × admin role', () => {
		expect(cases).toHaveLength(3 * 4 * 3);
	});

	it.each(cases)(
		'$kind: $agentRole + $adminRole accepted: $accepted',
		({ kind, agentRole, adminRole, accepted }) => {
			const errors = refusal(rolesSchema(kind))({ agentRole, adminRole });
			expect(errors).toEqual(accepted ? null : { agentRole: 'err_role_unknown' });
		}
	);

	it.each([
		[{ agentRole: 'owner', adminRole: 'none' }, { agentRole: 'err_role_unknown' }],
		[{ agentRole: 'Admin agent', adminRole: 'none' }, { agentRole: 'err_role_unknown' }],
		[{ agentRole: 'none', adminRole: 'Global admin' }, { adminRole: 'err_role_unknown' }],
		[{ agentRole: 'none', adminRole: 'super_admin' }, { adminRole: 'err_role_unknown' }],
		[{ agentRole: 'none' }, { adminRole: 'err_role_unknown' }],
		[{ adminRole: 'none' }, { agentRole: 'err_role_unknown' }],
		[
			{ agentRole: '', adminRole: '' },
			{ agentRole: 'err_role_unknown', adminRole: 'err_role_unknown' }
		]
	])('refuses %j', (input, fields) => {
		expect(refusal(rolesSchema('provider'))(input)).toEqual(fields);
	});
});

describe('addUserInputSchema', () => {
	const form = (email: unknown) => ({
		fullName: '  Bruno   Martin ',
		email,
		agentRole: 'helpdesk_agent',
		adminRole: 'none'
	});

	it.each([
		'bruno.martin@contoso.example',
		'Bruno.Martin@Contoso.Example',
		'BRUNO.MARTIN@CONTOSO.EXAMPLE',
		'  bruno.martin@contoso.example ',
		'\tBruno.Martin@contoso.example\n',
		// full-width lookalikes (NFKC folds them to ASCII)
		'ｂｒｕｎｏ．ｍａｒｔｉｎ＠ｃｏｎｔｏｓｏ．ｅｘａｍｐｌｅ',
		'ＢＲＵＮＯ.martin@contoso.example',
		'bruno.martin＠contoso.example'
	])('stores %j as one and the same email', (email) => {
		expect(addUserInputSchema('reseller').parse(form(email))).toEqual({
			fullName: 'Bruno Martin',
			email: 'bruno.martin@contoso.example',
			agentRole: 'helpdesk_agent',
			adminRole: 'none'
		});
	});

	it.each([
		['', 'err_required'],
		['   ', 'err_required'],
		[undefined, 'err_required'],
		['bruno', 'err_email_invalid'],
		['bruno@', 'err_email_invalid'],
		['@contoso.example', 'err_email_invalid'],
		['bruno@contoso', 'err_email_invalid'],
		['bruno martin@contoso.example', 'err_email_invalid'],
		['bruno@@contoso.example', 'err_email_invalid'],
		['bruno@contoso..example', 'err_email_invalid'],
		// Cyrillic "о" and "а": they look like the Latin letters and are not folded by NFKC, so
		// they must be refused rather than make a second account that reads the same.
		['brun\u043e.martin@contoso.example', 'err_email_invalid'],
		['\u0430na@contoso.example', 'err_email_invalid'],
		// Greek omicron
		['br\u03bfno@contoso.example', 'err_email_invalid']
	])('refuses the email %j with %s', (email, code) => {
		expect(refusal(addUserInputSchema('reseller'))(form(email))).toEqual({ email: code });
	});

	it('keeps Latin letters with accents', () => {
		expect(addUserInputSchema('reseller').parse(form('Éloïse.Durand@contoso.example')).email).toBe(
			'éloïse.durand@contoso.example'
		);
	});

	it.each([
		['provider', 'sales_agent', null],
		['reseller', 'sales_agent', { agentRole: 'err_role_unknown' }],
		['customer', 'sales_agent', { agentRole: 'err_role_unknown' }],
		['reseller', 'admin_agent', null]
	] as const)('in a %s workspace, %s is %j', (kind, agentRole, errors) => {
		const input = { ...form('bruno@contoso.example'), agentRole };
		expect(refusal(addUserInputSchema(kind))(input)).toEqual(errors);
	});

	it('reports every broken field at once', () => {
		expect(
			refusal(addUserInputSchema('customer'))({
				fullName: ' ',
				email: 'nope',
				agentRole: 'sales_agent',
				adminRole: 'root'
			})
		).toEqual({
			fullName: 'err_required',
			email: 'err_email_invalid',
			agentRole: 'err_role_unknown',
			adminRole: 'err_role_unknown'
		});
	});
});

describe('changePasswordSchema', () => {
	const email = 'bruno.martin@contoso.example';
	const current = 'k7Pq2-xR9mZ-abcde-FGH23';
	const check = refusal(changePasswordSchema(email));
	const change = (
		newPassword: string,
		confirmPassword = newPassword,
		currentPassword = current
	) => ({
		currentPassword,
		newPassword,
		confirmPassword
	});
	// "été" precomposed (U+00E9) and decomposed (e + U+0301): one password once hashed (NFC).
	const composed = 'Mot-de-passe-\u00e9t\u00e9';
	const decomposed = 'Mot-de-passe-e\u0301te\u0301';

	it.each([
		['a new password meeting the policy', change('Brand-new-password-42'), null],
		['exactly 12 characters', change('123456789abc'), null],
		['too short', change('Short-pw-1'), { newPassword: 'err_password_too_short' }],
		['empty', change(''), { newPassword: 'err_required' }],
		['the email', change('Bruno.Martin@contoso.example'), { newPassword: 'err_password_is_email' }],
		['the email’s local part', change('Bruno.Martin'), { newPassword: 'err_password_is_email' }],
		['the current one', change(current), { newPassword: 'err_password_unchanged' }],
		[
			'the current one with its accents composed differently',
			change(decomposed, decomposed, composed),
			{ newPassword: 'err_password_unchanged' }
		],
		[
			'not confirmed',
			change('Brand-new-password-42', 'Brand-new-password-43'),
			{ confirmPassword: 'err_password_mismatch' }
		],
		['confirmed with its accents composed differently', change(composed, decomposed), null],
		[
			'without the current password',
			change('Brand-new-password-42', 'Brand-new-password-42', ''),
			{ currentPassword: 'err_required' }
		]
	])('%s → %j', (_label, input, expected) => {
		if (expected === null) expect(check(input)).toBeNull();
		else expect(check(input)).toMatchObject(expected);
	});

	it('refuses missing fields', () => {
		expect(check({})).toMatchObject({
			currentPassword: 'err_required',
			newPassword: 'err_required',
			confirmPassword: 'err_required'
		});
	});
});

describe('lastGlobalAdminError', () => {
	type Row = { id: string; adminRole: AdminRole; status: UserStatus };
	const ana: Row = { id: 'ana', adminRole: 'global_admin', status: 'active' };
	const bruno: Row = { id: 'bruno', adminRole: 'user_management_admin', status: 'active' };
	const carla: Row = { id: 'carla', adminRole: 'global_admin', status: 'inactive' };
	const dora: Row = { id: 'dora', adminRole: 'global_admin', status: 'active' };
	const eve: Row = { id: 'eve', adminRole: 'none', status: 'active' };

	const demoteTo = (adminRole: AdminRole) => ({ adminRole, status: 'active' as const });
	const deactivate = { adminRole: 'global_admin', status: 'inactive' } as const;
	const unchanged = { adminRole: 'global_admin', status: 'active' } as const;

	// Ana is the only active Global admin; Carla is a Global admin too, but deactivated.
	const alone = [ana, bruno, carla, eve];
	// Dora is a second active Global admin.
	const withDora = [ana, bruno, carla, dora, eve];

	it.each([
		[
			'demote the only one to user management admin',
			alone,
			'ana',
			demoteTo('user_management_admin'),
			'err_last_global_admin_demote'
		],
		[
			'demote the only one to no admin',
			alone,
			'ana',
			demoteTo('none'),
			'err_last_global_admin_demote'
		],
		['deactivate the only one', alone, 'ana', deactivate, 'err_last_global_admin_deactivate'],
		[
			'demote and deactivate the only one',
			alone,
			'ana',
			{ adminRole: 'none', status: 'inactive' },
			'err_last_global_admin_deactivate'
		],
		['delete the only one', alone, 'ana', 'deleted', 'err_last_global_admin_delete'],
		['leave the only one as is', alone, 'ana', unchanged, null],
		['demote another user', alone, 'bruno', demoteTo('none'), null],
		['deactivate another user', alone, 'eve', { adminRole: 'none', status: 'inactive' }, null],
		['delete another user', alone, 'bruno', 'deleted', null],
		['delete the inactive Global admin', alone, 'carla', 'deleted', null],
		['reactivate the inactive Global admin', alone, 'carla', unchanged, null],
		['promote another user', alone, 'eve', demoteTo('global_admin'), null],
		['an unknown user', alone, 'nobody', 'deleted', null],
		['demote one of two', withDora, 'ana', demoteTo('none'), null],
		['deactivate one of two', withDora, 'ana', deactivate, null],
		['delete one of two', withDora, 'ana', 'deleted', null],
		['delete the other of two', withDora, 'dora', 'deleted', null],
		['a lone inactive Global admin guards nobody', [carla, eve], 'carla', 'deleted', null]
	] as const)('%s → %s', (_label, users, targetId, after, expected) => {
		expect(lastGlobalAdminError(users, targetId, after)).toBe(expected);
	});

	it('counts only active Global admins: an inactive second one does not help', () => {
		expect(lastGlobalAdminError([ana, carla], 'ana', 'deleted')).toBe(
			'err_last_global_admin_delete'
		);
		expect(lastGlobalAdminError([ana, carla], 'ana', deactivate)).toBe(
			'err_last_global_admin_deactivate'
		);
		expect(lastGlobalAdminError([ana, carla], 'ana', demoteTo('none'))).toBe(
			'err_last_global_admin_demote'
		);
	});
});

describe('userMatches', () => {
	const eloise = { fullName: 'Éloïse Durand', email: 'eloise.durand@contoso.example' };
	const zoe = { fullName: 'Zoe Martin', email: 'zmartin@fabrikam.example' };

	it.each([
		[eloise, 'eloise', true],
		[eloise, 'ELOISE', true],
		[eloise, 'Éloïse', true],
		[eloise, 'éLOÏSE dur', true],
		[eloise, 'E\u0301loi\u0308se', true],
		[eloise, '  durand  ', true],
		[eloise, 'contoso', true],
		[eloise, '', true],
		[eloise, '   ', true],
		[eloise, 'eloisa', false],
		[eloise, 'fabrikam', false],
		[zoe, 'zoé', true],
		[zoe, 'ZOÉ MARTIN', true],
		[zoe, 'FABRIKAM.example', true],
		[zoe, 'eloise', false]
	])('%o matches %j: %s', (user, query, expected) => {
		expect(userMatches(user, query)).toBe(expected);
	});
});
