import { beforeAll, describe, expect, it } from 'vitest';
import { workspaceDb } from '$lib/db/workspace-db';
import { DomainError, PermissionError, ValidationError } from '$lib/domain/errors';
import { createTestWorkspace, insertTestUser, type TestWorkspace } from '$lib/test/factories';
import { setProviderMpnId } from './partner-id';
import { partnerMpnId } from './partnerships';
import { ownPartnerCard } from './partnerships';

// One provider and one reseller for the file (each user costs a PBKDF2 hash); every test
// compares the stored state before and after.
let provider: TestWorkspace;
let reseller: TestWorkspace;
let userAdminId: string;
let agentId: string;
let inactiveAdminId: string;

beforeAll(async () => {
	[provider, reseller] = await Promise.all([
		createTestWorkspace({ kind: 'provider', name: 'Northwind Distribution', country: 'DE' }),
		createTestWorkspace({ kind: 'reseller', name: 'Fabrikam Resale', country: 'FR' })
	]);
	const [userAdmin, agent, inactiveAdmin] = await Promise.all([
		insertTestUser(provider.workspaceId, { adminRole: 'user_management_admin' }),
		insertTestUser(provider.workspaceId, { adminRole: 'none', agentRole: 'admin_agent' }),
		insertTestUser(provider.workspaceId, { adminRole: 'global_admin', status: 'inactive' })
	]);
	userAdminId = userAdmin.id;
	agentId = agent.id;
	inactiveAdminId = inactiveAdmin.id;
});

async function state(workspace: TestWorkspace = provider) {
	const db = workspaceDb(workspace.workspaceId);
	return {
		mpnId: await db.getMeta('mpnId'),
		audit: await db.audit.count()
	};
}

async function refusal(attempt: Promise<unknown>) {
	try {
		await attempt;
	} catch (error) {
		return error;
	}
	throw new Error('expected setProviderMpnId to be refused');
}

describe('setProviderMpnId', () => {
	it.each<[unknown, string]>([
		['4847383', '4847383'],
		['  123456 ', '123456'],
		['１２３４５６７', '1234567'],
		['1234567890', '1234567890']
	])('stores %j as %s and logs the change', async (input, stored) => {
		const before = await state();
		expect(await setProviderMpnId(provider, input)).toBe(stored);
		const db = workspaceDb(provider.workspaceId);
		expect(await db.getMeta('mpnId')).toBe(stored);
		const last = await db.audit.orderBy('at').last();
		expect(last).toMatchObject({
			actorId: provider.userId,
			action: 'workspace.settings_changed',
			target: 'mpnId',
			details: { from: before.mpnId ?? '', to: stored }
		});
		expect(await db.audit.count()).toBe(before.audit + 1);
	});

	it('puts the stored MPN ID on the card signed into invitations', async () => {
		await setProviderMpnId(provider, '7654321');
		const card = await ownPartnerCard(workspaceDb(provider.workspaceId));
		expect(card.mpnId).toBe('7654321');
	});

	it.each<[unknown, string]>([
		['', 'err_required'],
		['   ', 'err_required'],
		['12345', 'err_mpn_format'],
		['12345678901', 'err_mpn_format'],
		['484 7383', 'err_mpn_format'],
		['484-7383', 'err_mpn_format'],
		['48473a3', 'err_mpn_format'],
		['<img src=x onerror=alert(1)>', 'err_mpn_format'],
		[4847383, 'err_required'],
		[null, 'err_required'],
		[undefined, 'err_required']
	])('refuses %j with %s next to the field and changes nothing', async (input, code) => {
		const before = await state();
		const error = await refusal(setProviderMpnId(provider, input));
		expect(error).toBeInstanceOf(ValidationError);
		expect((error as ValidationError).fields).toEqual({ mpnId: code });
		expect(await state()).toEqual(before);
	});

	it.each([
		['a user without an admin role', () => agentId],
		['a User management admin', () => userAdminId]
	])('refuses %s with a PermissionError and changes nothing', async (_label, userId) => {
		const before = await state();
		const error = await refusal(
			setProviderMpnId({ workspaceId: provider.workspaceId, userId: userId() }, '1234567')
		);
		expect(error).toBeInstanceOf(PermissionError);
		expect((error as PermissionError).capability).toBe('manage_workspace_settings');
		expect(await state()).toEqual(before);
	});

	it('refuses an inactive Global admin as a session that has ended', async () => {
		const before = await state();
		const error = await refusal(
			setProviderMpnId({ workspaceId: provider.workspaceId, userId: inactiveAdminId }, '1234567')
		);
		expect(error).toBeInstanceOf(DomainError);
		expect((error as DomainError).code).toBe('err_session_expired');
		expect(await state()).toEqual(before);
	});

	it('lets a reseller that was already in CSP state its own, which its partner card then carries', async () => {
		expect(await partnerMpnId(workspaceDb(reseller.workspaceId), 'reseller')).toBeNull();
		expect(await setProviderMpnId(reseller, '5123456')).toBe('5123456');
		expect(await partnerMpnId(workspaceDb(reseller.workspaceId), 'reseller')).toBe('5123456');
	});

	it('refuses a customer workspace and changes nothing', async () => {
		const customer = await createTestWorkspace({
			kind: 'customer',
			name: 'Contoso',
			country: 'FR'
		});
		const before = await state(customer);
		const error = await refusal(setProviderMpnId(customer, '1234567'));
		expect(error).toBeInstanceOf(DomainError);
		expect(error).not.toBeInstanceOf(ValidationError);
		expect((error as DomainError).code).toBe('err_partners_only');
		expect(await state(customer)).toEqual(before);
	});
});
