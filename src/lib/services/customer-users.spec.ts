import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { hashPassword, type PasswordHash } from '$lib/crypto/password-hash';
import type { CustomerRecord } from '$lib/db/records';
import { workspaceDb } from '$lib/db/workspace-db';
import { ownCustomerRow, type CustomerUserInput } from '$lib/domain/customers';
import { DomainError, PermissionError, ValidationError, type ErrorCode } from '$lib/domain/errors';
import type { AdminRole, AgentRole } from '$lib/domain/roles';
import { createTestWorkspace, insertTestUser, type TestWorkspace } from '$lib/test/factories';
import {
	resetDatabases,
	restoreWorkspace,
	workspaceSnapshot,
	type WorkspaceSnapshot
} from '$lib/test/indexeddb';
import type { SessionRef } from './actor';
import { addCustomerUser, customerUsersOf, updateCustomerUser } from './customer-users';

const NOW = Date.UTC(2025, 2, 1, 9, 0);
const CONTOSO = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const FABRIKAM = '6b29fc40-ca47-4d5a-8c3e-54b1d3a6f0e2';
const NO_DAP = '9a7b3c1d-2e4f-4a6b-8c9d-0e1f2a3b4c5d';
const CHANNEL = '0123456789abcdef0123456789abcdef';

let template: { ws: TestWorkspace; snapshot: WorkspaceSnapshot };
let knownHash: PasswordHash;

beforeAll(async () => {
	knownHash = await hashPassword('Helpdesk-password-2024');
	const ws = await createTestWorkspace({ kind: 'reseller' });
	template = { ws, snapshot: await workspaceSnapshot(ws.workspaceId) };
});
beforeEach(resetDatabases);

function customer(
	tenantId: string,
	companyName: string,
	domain: string,
	delegatedAdmin = true
): CustomerRecord {
	return ownCustomerRow(
		{
			tenantId,
			companyName,
			domain,
			country: 'FR',
			relationship: 'reseller',
			delegatedAdmin,
			source: 'marketing',
			since: NOW - 86_400_000
		},
		NOW
	);
}

/** A fresh copy of the reseller workspace with three customers; Ana (its creator) is Global admin. */
async function workspace() {
	await restoreWorkspace(template.snapshot);
	const { ws } = template;
	const db = workspaceDb(ws.workspaceId);
	const contoso = customer(CONTOSO, 'Contoso Café', 'contoso.onmicrosoft.com');
	contoso.companyProfile = {
		tenantId: CONTOSO,
		domain: 'contoso.fr',
		companyName: 'Contoso Café',
		address: {
			addressLine1: '1 rue de la Paix',
			addressLine2: '',
			city: 'Paris',
			state: '',
			postalCode: '75002',
			country: 'FR'
		}
	};
	// A provider's copy of a reseller's customer: delegated admin is the reseller's, not ours.
	const shared: CustomerRecord = {
		...customer(FABRIKAM, 'Shared Ltd', 'shared.onmicrosoft.com'),
		key: `${CHANNEL}:${FABRIKAM}`,
		resellerChannelId: CHANNEL
	};
	await db.customers.bulkPut([
		contoso,
		customer(FABRIKAM, 'Fabrikam', 'fabrikam.onmicrosoft.com'),
		customer(NO_DAP, 'Litware', 'litware.onmicrosoft.com', false),
		shared
	]);
	const ga: SessionRef = { workspaceId: ws.workspaceId, userId: ws.userId };

	async function member(adminRole: AdminRole, agentRole: AgentRole): Promise<SessionRef> {
		const row = await insertTestUser(ws.workspaceId, {
			adminRole,
			agentRole,
			passwordHash: knownHash
		});
		return { workspaceId: ws.workspaceId, userId: row.id };
	}

	async function tables() {
		const [users, audit] = await Promise.all([
			db.customerUsers.orderBy('id').toArray(),
			db.audit.orderBy('id').toArray()
		]);
		return { users, audit };
	}

	return { db, ga, member, tables, sharedKey: shared.key };
}

const anna = (overrides: Partial<CustomerUserInput> = {}): CustomerUserInput => ({
	firstName: 'Anna',
	lastName: 'Müller',
	userPrincipalName: 'anna@contoso.onmicrosoft.com',
	usageLocation: 'FR',
	...overrides
});

async function refused(attempt: Promise<unknown>): Promise<unknown> {
	try {
		await attempt;
	} catch (error) {
		return error;
	}
	throw new Error('expected the command to be refused');
}

async function expectRefusal(attempt: Promise<unknown>, code: ErrorCode) {
	const error = await refused(attempt);
	expect(error).toBeInstanceOf(DomainError);
	expect(error).not.toBeInstanceOf(PermissionError);
	expect(error).not.toBeInstanceOf(ValidationError);
	expect((error as DomainError).code).toBe(code);
}

async function expectFieldErrors(attempt: Promise<unknown>, fields: Record<string, ErrorCode>) {
	const error = await refused(attempt);
	expect(error).toBeInstanceOf(ValidationError);
	expect((error as ValidationError).fields).toEqual(fields);
}

describe('who may manage customer users', () => {
	it.each<[AdminRole, AgentRole, boolean]>([
		['none', 'admin_agent', true],
		['global_admin', 'none', true],
		['none', 'helpdesk_agent', false],
		['user_management_admin', 'none', false],
		['user_management_admin', 'helpdesk_agent', false],
		['none', 'none', false]
	])('%s + %s: allowed %s', async (adminRole, agentRole, allowed) => {
		const { db, ga, member, tables } = await workspace();
		const existing = await addCustomerUser(ga, CONTOSO, anna(), NOW);
		const actor = await member(adminRole, agentRole);
		const before = await tables();
		const add = () =>
			addCustomerUser(
				actor,
				CONTOSO,
				anna({ firstName: 'Bruno', userPrincipalName: 'bruno@contoso.onmicrosoft.com' }),
				NOW
			);
		const update = () => updateCustomerUser(actor, existing.id, anna({ usageLocation: 'DE' }), NOW);
		if (allowed) {
			await expect(add()).resolves.toMatchObject({ displayName: 'Bruno Müller' });
			await expect(update()).resolves.toMatchObject({ usageLocation: 'DE' });
			expect((await db.customerUsers.get(existing.id))?.usageLocation).toBe('DE');
		} else {
			for (const attempt of [add, update]) {
				const error = await refused(attempt());
				expect(error).toBeInstanceOf(PermissionError);
				expect((error as PermissionError).capability).toBe('administer_customers');
			}
			expect(await tables()).toEqual(before);
		}
	});
});

describe('addCustomerUser', () => {
	it('adds the user with a default display name and records it in the Activity log', async () => {
		const { db, ga } = await workspace();
		const user = await addCustomerUser(
			ga,
			CONTOSO,
			anna({ userPrincipalName: '  Anna@Contoso.OnMicrosoft.com ', usageLocation: 'fr' }),
			NOW
		);
		expect(await db.customerUsers.get(user.id)).toEqual({
			id: user.id,
			customerKey: CONTOSO,
			firstName: 'Anna',
			lastName: 'Müller',
			displayName: 'Anna Müller',
			userPrincipalName: 'anna@contoso.onmicrosoft.com',
			usageLocation: 'FR',
			state: 'active',
			createdAt: NOW,
			updatedAt: NOW
		});
		const audit = await db.audit
			.where('[action+at]')
			.equals(['customer.user_added', NOW])
			.toArray();
		expect(audit).toHaveLength(1);
		expect(audit[0]).toMatchObject({
			target: 'anna@contoso.onmicrosoft.com',
			details: { customer: 'Contoso Café', usageLocation: 'FR' }
		});
	});

	it('keeps a display name given, and no usage location when none is chosen', async () => {
		const { ga } = await workspace();
		const user = await addCustomerUser(
			ga,
			CONTOSO,
			anna({ displayName: ' Anna  (Finance) ', usageLocation: '' }),
			NOW
		);
		expect(user).toMatchObject({ displayName: 'Anna (Finance)', usageLocation: null });
	});

	it.each([
		['the tenant domain', 'anna@contoso.onmicrosoft.com'],
		['the company profile domain', 'anna@contoso.fr'],
		['a subdomain', 'anna@sales.contoso.fr']
	])('accepts a user name on %s', async (_label, userPrincipalName) => {
		const { ga } = await workspace();
		const user = await addCustomerUser(ga, CONTOSO, anna({ userPrincipalName }), NOW);
		expect(user.userPrincipalName).toBe(userPrincipalName);
	});

	it('needs the customer’s delegated admin privileges, and an own customer', async () => {
		const { ga, tables, sharedKey } = await workspace();
		const before = await tables();
		await expectRefusal(
			addCustomerUser(ga, NO_DAP, anna({ userPrincipalName: 'anna@litware.onmicrosoft.com' })),
			'err_customer_dap_required'
		);
		await expectRefusal(
			addCustomerUser(ga, sharedKey, anna({ userPrincipalName: 'anna@shared.onmicrosoft.com' })),
			'err_customer_dap_required'
		);
		await expectRefusal(
			addCustomerUser(ga, '11111111-2222-4333-8444-555555555555', anna()),
			'err_customer_not_found'
		);
		expect(await tables()).toEqual(before);
	});

	it.each<[string, Partial<CustomerUserInput>, Record<string, ErrorCode>]>([
		['no first name', { firstName: '  ' }, { firstName: 'err_required' }],
		['no last name', { lastName: '' }, { lastName: 'err_required' }],
		['no user name', { userPrincipalName: '' }, { userPrincipalName: 'err_required' }],
		[
			'a user name without @',
			{ userPrincipalName: 'anna' },
			{ userPrincipalName: 'err_upn_format' }
		],
		[
			'a user name with a space',
			{ userPrincipalName: 'anna maria@contoso.onmicrosoft.com' },
			{ userPrincipalName: 'err_upn_format' }
		],
		[
			'another company’s domain',
			{ userPrincipalName: 'anna@fabrikam.onmicrosoft.com' },
			{ userPrincipalName: 'err_upn_domain_mismatch' }
		],
		[
			'a domain that only ends like the customer’s',
			{ userPrincipalName: 'anna@notcontoso.fr' },
			{ userPrincipalName: 'err_upn_domain_mismatch' }
		],
		['an unknown country', { usageLocation: 'XX' }, { usageLocation: 'err_country_unknown' }],
		[
			'two wrong fields at once',
			{ firstName: '', usageLocation: 'ZZ' },
			{ firstName: 'err_required', usageLocation: 'err_country_unknown' }
		]
	])('refuses %s next to the field, writing nothing', async (_label, overrides, fields) => {
		const { ga, tables } = await workspace();
		const before = await tables();
		await expectFieldErrors(addCustomerUser(ga, CONTOSO, anna(overrides), NOW), fields);
		expect(await tables()).toEqual(before);
	});

	it('refuses a user name the customer already has, however it is typed', async () => {
		const { ga, tables } = await workspace();
		await addCustomerUser(ga, CONTOSO, anna(), NOW);
		const before = await tables();
		await expectFieldErrors(
			addCustomerUser(
				ga,
				CONTOSO,
				anna({ firstName: 'Other', userPrincipalName: ' ANNA@contoso.onmicrosoft.com' }),
				NOW
			),
			{ userPrincipalName: 'err_customer_user_exists' }
		);
		expect(await tables()).toEqual(before);
	});

	it('lets two customers each have their own “anna”', async () => {
		const { ga, db } = await workspace();
		await addCustomerUser(ga, CONTOSO, anna(), NOW);
		await addCustomerUser(
			ga,
			FABRIKAM,
			anna({ userPrincipalName: 'anna@fabrikam.onmicrosoft.com' }),
			NOW
		);
		expect(await db.customerUsers.count()).toBe(2);
	});
});

describe('updateCustomerUser', () => {
	it('changes the usage location and records it', async () => {
		const { ga, db } = await workspace();
		const user = await addCustomerUser(ga, CONTOSO, anna({ usageLocation: '' }), NOW);
		const later = NOW + 60_000;
		const updated = await updateCustomerUser(
			ga,
			user.id,
			anna({ displayName: user.displayName, usageLocation: 'DE' }),
			later
		);
		expect(updated).toEqual({ ...user, usageLocation: 'DE', updatedAt: later });
		expect(await db.customerUsers.get(user.id)).toEqual(updated);
		const audit = await db.audit
			.where('[action+at]')
			.equals(['customer.user_updated', later])
			.toArray();
		expect(audit.map((entry) => [entry.target, entry.details?.usageLocation])).toEqual([
			['anna@contoso.onmicrosoft.com', 'DE']
		]);
	});

	it('clears the usage location', async () => {
		const { ga } = await workspace();
		const user = await addCustomerUser(ga, CONTOSO, anna(), NOW);
		const updated = await updateCustomerUser(ga, user.id, anna({ usageLocation: '' }), NOW);
		expect(updated.usageLocation).toBeNull();
	});

	it('keeps its own user name but cannot take another user’s', async () => {
		const { ga, tables } = await workspace();
		const user = await addCustomerUser(ga, CONTOSO, anna(), NOW);
		await addCustomerUser(
			ga,
			CONTOSO,
			anna({ firstName: 'Bruno', userPrincipalName: 'bruno@contoso.onmicrosoft.com' }),
			NOW
		);
		await expect(
			updateCustomerUser(ga, user.id, anna({ lastName: 'Schmidt' }), NOW)
		).resolves.toMatchObject({ displayName: 'Anna Schmidt' });
		const before = await tables();
		await expectFieldErrors(
			updateCustomerUser(
				ga,
				user.id,
				anna({ userPrincipalName: 'Bruno@contoso.onmicrosoft.com' }),
				NOW
			),
			{ userPrincipalName: 'err_customer_user_exists' }
		);
		await expectFieldErrors(updateCustomerUser(ga, user.id, anna({ usageLocation: 'QQ' }), NOW), {
			usageLocation: 'err_country_unknown'
		});
		expect(await tables()).toEqual(before);
	});

	it('stops once the customer withdraws delegated admin privileges', async () => {
		const { ga, db, tables } = await workspace();
		const user = await addCustomerUser(ga, CONTOSO, anna(), NOW);
		await db.customers.update(CONTOSO, { delegatedAdmin: false });
		const before = await tables();
		await expectRefusal(
			updateCustomerUser(ga, user.id, anna({ usageLocation: 'DE' }), NOW),
			'err_customer_dap_required'
		);
		await expectRefusal(
			updateCustomerUser(ga, crypto.randomUUID(), anna(), NOW),
			'err_customer_not_found'
		);
		expect(await tables()).toEqual(before);
	});
});

describe('customerUsersOf', () => {
	it('lists one customer’s users by display name', async () => {
		const { ga, db } = await workspace();
		await addCustomerUser(
			ga,
			CONTOSO,
			anna({ firstName: 'Zoé', userPrincipalName: 'zoe@contoso.onmicrosoft.com' }),
			NOW
		);
		await addCustomerUser(
			ga,
			CONTOSO,
			anna({ firstName: 'Émile', userPrincipalName: 'emile@contoso.fr' }),
			NOW
		);
		await addCustomerUser(
			ga,
			FABRIKAM,
			anna({ userPrincipalName: 'anna@fabrikam.onmicrosoft.com' }),
			NOW
		);
		const users = await customerUsersOf(db, CONTOSO);
		expect(users.map((user) => user.displayName)).toEqual(['Émile Müller', 'Zoé Müller']);
	});
});
