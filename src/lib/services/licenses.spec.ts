import { liveQuery } from 'dexie';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { hashPassword, type PasswordHash } from '$lib/crypto/password-hash';
import type { CustomerRecord, CustomerUserRecord } from '$lib/db/records';
import { workspaceDb, type WorkspaceDB } from '$lib/db/workspace-db';
import { ownCustomerRow } from '$lib/domain/customers';
import { DomainError, PermissionError, type ErrorCode } from '$lib/domain/errors';
import type { AdminRole, AgentRole } from '$lib/domain/roles';
import type { SubscriptionRecord } from '$lib/domain/subscriptions';
import { projectIntoTables } from '$lib/sync/table-projection';
import { createTestWorkspace, insertTestUser, type TestWorkspace } from '$lib/test/factories';
import {
	resetDatabases,
	restoreWorkspace,
	workspaceSnapshot,
	type WorkspaceSnapshot
} from '$lib/test/indexeddb';
import { CUSTOMER_TENANT, testSubscription } from '$lib/test/orders';
import type { SessionRef } from './actor';
import {
	assignLicense,
	customerLicenses,
	productsByUser,
	unassignLicense,
	type CustomerProductLicenses
} from './licenses';

const NOW = Date.UTC(2025, 3, 1, 9, 0);
/** the customer the subscriptions are for (test/orders.ts) */
const CONTOSO = CUSTOMER_TENANT;
const NO_DAP = '9a7b3c1d-2e4f-4a6b-8c9d-0e1f2a3b4c5d';
const FABRIKAM = '6b29fc40-ca47-4d5a-8c3e-54b1d3a6f0e2';
const PROVIDER = '0123456789abcdef0123456789abcdef';
const OTHER_PROVIDER = 'fedcba9876543210fedcba9876543210';
const PRODUCT = 'TESTPRODUCT1';
const PRODUCT_NAME = 'Test Business Standard';

let template: { ws: TestWorkspace; snapshot: WorkspaceSnapshot };
let knownHash: PasswordHash;

beforeAll(async () => {
	knownHash = await hashPassword('Helpdesk-password-2024');
	const ws = await createTestWorkspace({ kind: 'reseller' });
	template = { ws, snapshot: await workspaceSnapshot(ws.workspaceId) };
});
beforeEach(resetDatabases);

function customer(tenantId: string, companyName: string, delegatedAdmin = true): CustomerRecord {
	return ownCustomerRow(
		{
			tenantId,
			companyName,
			domain: `${companyName.toLowerCase()}.onmicrosoft.com`,
			country: 'FR',
			relationship: 'reseller',
			delegatedAdmin,
			source: 'indirect_provider',
			since: NOW - 86_400_000
		},
		NOW
	);
}

function customerUser(
	customerKey: string,
	name: string,
	overrides: Partial<CustomerUserRecord> = {}
): CustomerUserRecord {
	return {
		id: crypto.randomUUID(),
		customerKey,
		firstName: name,
		lastName: 'Test',
		displayName: `${name} Test`,
		userPrincipalName: `${name.toLowerCase()}@${customerKey.slice(0, 8)}.example`,
		usageLocation: 'FR',
		state: 'active',
		createdAt: NOW,
		updatedAt: NOW,
		...overrides
	};
}

/** Subscriptions as a provider's feed brings them: through the reseller's projection. */
async function project(db: WorkspaceDB, channelId: string, records: SubscriptionRecord[]) {
	await db.transaction(
		'rw',
		[db.subscriptions, db.subscriptionTotals, db.customers, db.orders, db.changeRequests],
		() =>
			projectIntoTables(
				db,
				channelId,
				new Map([['subscriptions', records.map((value) => ({ id: value.id, value }))]]),
				NOW
			)
	);
}

/**
 * A fresh reseller workspace: Contoso (delegated admin) with four users — Anna, Bruno and Chloé
 * active in France, Dan without a usage location, Eve inactive — Litware without delegated
 * admin, Fabrikam with a user of its own. Ana (the creator) is Global admin.
 */
async function workspace() {
	await restoreWorkspace(template.snapshot);
	const { ws } = template;
	const db = workspaceDb(ws.workspaceId);
	const users = {
		anna: customerUser(CONTOSO, 'Anna'),
		bruno: customerUser(CONTOSO, 'Bruno'),
		chloe: customerUser(CONTOSO, 'Chloe'),
		dan: customerUser(CONTOSO, 'Dan', { usageLocation: null }),
		eve: customerUser(CONTOSO, 'Eve', { state: 'inactive' }),
		lea: customerUser(NO_DAP, 'Lea'),
		fred: customerUser(FABRIKAM, 'Fred')
	};
	await db.customers.bulkPut([
		customer(CONTOSO, 'Contoso'),
		customer(NO_DAP, 'Litware', false),
		customer(FABRIKAM, 'Fabrikam')
	]);
	await db.customerUsers.bulkPut(Object.values(users));
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
		const [assignments, audit] = await Promise.all([
			db.licenseAssignments.orderBy('id').toArray(),
			db.audit.orderBy('id').toArray()
		]);
		return { assignments, audit };
	}

	return { db, ga, users, member, tables };
}

/** Contoso: 2 seats of the test product. */
const twoSeats = (overrides: Partial<SubscriptionRecord> = {}) =>
	testSubscription({ quantity: 2, ...overrides });

async function refusal(attempt: Promise<unknown>): Promise<DomainError> {
	const error = await attempt.then(
		() => {
			throw new Error('expected the command to be refused');
		},
		(caught: unknown) => caught
	);
	expect(error).toBeInstanceOf(DomainError);
	return error as DomainError;
}

async function expectRefusal(attempt: Promise<unknown>, code: ErrorCode) {
	const error = await refusal(attempt);
	expect(error).not.toBeInstanceOf(PermissionError);
	expect(error.code).toBe(code);
	return error;
}

const numbers = ({
	productId,
	name,
	total,
	suspended,
	assigned,
	available,
	overAssigned
}: CustomerProductLicenses) => ({
	productId,
	name,
	total,
	suspended,
	assigned,
	available,
	overAssigned
});

describe('who may assign and unassign licences', () => {
	it.each<[AdminRole, AgentRole, boolean]>([
		['none', 'admin_agent', true],
		['global_admin', 'none', true],
		['none', 'helpdesk_agent', false],
		['none', 'sales_agent', false],
		['user_management_admin', 'none', false],
		['none', 'none', false]
	])('%s + %s: allowed %s', async (adminRole, agentRole, allowed) => {
		const { db, ga, users, member, tables } = await workspace();
		await project(db, PROVIDER, [twoSeats()]);
		await assignLicense(ga, CONTOSO, users.anna.id, PRODUCT, NOW);
		const actor = await member(adminRole, agentRole);
		const before = await tables();
		const assign = () => assignLicense(actor, CONTOSO, users.bruno.id, PRODUCT, NOW);
		const unassign = () => unassignLicense(actor, CONTOSO, users.anna.id, PRODUCT, NOW);
		if (allowed) {
			await assign();
			await unassign();
			const [product] = await customerLicenses(db, CONTOSO);
			expect(product?.holderIds).toEqual([users.bruno.id]);
		} else {
			for (const attempt of [assign, unassign]) {
				const error = await refusal(attempt());
				expect(error).toBeInstanceOf(PermissionError);
				expect((error as PermissionError).capability).toBe('administer_customers');
			}
			expect(await tables()).toEqual(before);
		}
	});
});

describe('assignLicense', () => {
	it('assigns a seat, records who did it, and the summary counts it', async () => {
		const { db, ga, users } = await workspace();
		await project(db, PROVIDER, [twoSeats()]);
		const assignment = await assignLicense(ga, CONTOSO, users.anna.id, PRODUCT, NOW);
		expect(assignment).toEqual({
			id: `${CONTOSO}:${users.anna.id}:${PRODUCT}`,
			customerKey: CONTOSO,
			userId: users.anna.id,
			productId: PRODUCT,
			assignedAt: NOW,
			assignedBy: 'Ana Lopez'
		});
		expect(await db.licenseAssignments.toArray()).toEqual([assignment]);
		const products = await customerLicenses(db, CONTOSO);
		expect(products.map(numbers)).toEqual([
			{
				productId: PRODUCT,
				name: PRODUCT_NAME,
				total: 2,
				suspended: 0,
				assigned: 1,
				available: 1,
				overAssigned: false
			}
		]);
		expect(products[0]?.holderIds).toEqual([users.anna.id]);
		expect(productsByUser(products)).toEqual(new Map([[users.anna.id, [PRODUCT_NAME]]]));
		const audit = await db.audit.where('[action+at]').equals(['license.assigned', NOW]).toArray();
		expect(audit).toHaveLength(1);
		expect(audit[0]).toMatchObject({
			actorName: 'Ana Lopez',
			target: users.anna.userPrincipalName,
			details: { customer: 'Contoso', product: PRODUCT_NAME }
		});
	});

	it('needs the customer’s delegated admin privileges and a known customer', async () => {
		const { db, ga, users, tables } = await workspace();
		await project(db, PROVIDER, [
			twoSeats(),
			testSubscription({ id: 'c'.repeat(32), customerId: NO_DAP })
		]);
		const before = await tables();
		await expectRefusal(
			assignLicense(ga, NO_DAP, users.lea.id, PRODUCT, NOW),
			'err_customer_dap_required'
		);
		await expectRefusal(
			assignLicense(ga, '11111111-2222-4333-8444-555555555555', users.anna.id, PRODUCT, NOW),
			'err_customer_not_found'
		);
		// Withdrawn after the fact: the next assignment stops.
		await db.customers.update(CONTOSO, { delegatedAdmin: false });
		await expectRefusal(
			assignLicense(ga, CONTOSO, users.anna.id, PRODUCT, NOW),
			'err_customer_dap_required'
		);
		expect(await tables()).toEqual(before);
	});

	it('refuses a user of another customer, or no user at all', async () => {
		const { db, ga, users, tables } = await workspace();
		await project(db, PROVIDER, [twoSeats()]);
		const before = await tables();
		await expectRefusal(
			assignLicense(ga, CONTOSO, users.fred.id, PRODUCT, NOW),
			'err_license_user_not_found'
		);
		await expectRefusal(
			assignLicense(ga, CONTOSO, crypto.randomUUID(), PRODUCT, NOW),
			'err_license_user_not_found'
		);
		expect(await tables()).toEqual(before);
	});

	it('needs a usage location first', async () => {
		const { db, ga, users, tables } = await workspace();
		await project(db, PROVIDER, [twoSeats()]);
		const before = await tables();
		await expectRefusal(
			assignLicense(ga, CONTOSO, users.dan.id, PRODUCT, NOW),
			'err_license_usage_location_required'
		);
		expect(await tables()).toEqual(before);
		await db.customerUsers.update(users.dan.id, { usageLocation: 'DE' });
		await assignLicense(ga, CONTOSO, users.dan.id, PRODUCT, NOW);
		expect((await customerLicenses(db, CONTOSO))[0]?.holderIds).toEqual([users.dan.id]);
	});

	it('refuses an inactive user', async () => {
		const { db, ga, users, tables } = await workspace();
		await project(db, PROVIDER, [twoSeats()]);
		const before = await tables();
		await expectRefusal(
			assignLicense(ga, CONTOSO, users.eve.id, PRODUCT, NOW),
			'err_license_user_inactive'
		);
		expect(await tables()).toEqual(before);
	});

	it('refuses with 60012 once every seat is taken, saying how many', async () => {
		const { db, ga, users, tables } = await workspace();
		await project(db, PROVIDER, [twoSeats()]);
		await assignLicense(ga, CONTOSO, users.anna.id, PRODUCT, NOW);
		await assignLicense(ga, CONTOSO, users.bruno.id, PRODUCT, NOW);
		const before = await tables();
		const error = await expectRefusal(
			assignLicense(ga, CONTOSO, users.chloe.id, PRODUCT, NOW),
			'err_license_not_enough'
		);
		expect(error.params).toEqual({ product: PRODUCT_NAME, total: 2, assigned: 2 });
		expect(await tables()).toEqual(before);
	});

	it('counts every subscription of the product, from each provider, and no other customer’s', async () => {
		const { db, ga, users } = await workspace();
		await project(db, PROVIDER, [
			testSubscription({ quantity: 1 }),
			testSubscription({ id: 'c'.repeat(32), customerId: FABRIKAM, quantity: 50 })
		]);
		await project(db, OTHER_PROVIDER, [testSubscription({ id: 'd'.repeat(32), quantity: 1 })]);
		await assignLicense(ga, CONTOSO, users.anna.id, PRODUCT, NOW);
		await assignLicense(ga, CONTOSO, users.bruno.id, PRODUCT, NOW);
		await expectRefusal(
			assignLicense(ga, CONTOSO, users.chloe.id, PRODUCT, NOW),
			'err_license_not_enough'
		);
		expect((await customerLicenses(db, FABRIKAM)).map(numbers)).toEqual([
			expect.objectContaining({ total: 50, assigned: 0, available: 50 })
		]);
	});

	it('says a suspended subscription’s licences are unavailable', async () => {
		const { db, ga, users, tables } = await workspace();
		await project(db, PROVIDER, [twoSeats({ status: 'suspended' })]);
		const before = await tables();
		await expectRefusal(
			assignLicense(ga, CONTOSO, users.anna.id, PRODUCT, NOW),
			'err_license_suspended'
		);
		expect(await tables()).toEqual(before);
		expect((await customerLicenses(db, CONTOSO)).map(numbers)).toEqual([
			expect.objectContaining({ total: 0, suspended: 2, available: 0 })
		]);
	});

	it('refuses a product the customer has no seats of, and a licence held twice', async () => {
		const { db, ga, users } = await workspace();
		await project(db, PROVIDER, [
			twoSeats(),
			// Usage-based: nothing to assign.
			testSubscription({
				id: 'e'.repeat(32),
				offerId: 'AZUREPLAN001:0001',
				productId: 'AZUREPLAN001',
				offerName: 'Azure plan',
				unitType: 'Usage-based',
				billingType: 'usage'
			})
		]);
		await expectRefusal(
			assignLicense(ga, CONTOSO, users.anna.id, 'AZUREPLAN001', NOW),
			'err_license_no_subscription'
		);
		await assignLicense(ga, CONTOSO, users.anna.id, PRODUCT, NOW);
		const error = await expectRefusal(
			assignLicense(ga, CONTOSO, users.anna.id, PRODUCT, NOW),
			'err_license_already_assigned'
		);
		expect(error.params).toEqual({ product: PRODUCT_NAME });
		expect(await db.licenseAssignments.count()).toBe(1);
	});
});

describe('unassignLicense', () => {
	it('takes the licence back and frees the seat', async () => {
		const { db, ga, users } = await workspace();
		await project(db, PROVIDER, [twoSeats()]);
		await assignLicense(ga, CONTOSO, users.anna.id, PRODUCT, NOW);
		await assignLicense(ga, CONTOSO, users.bruno.id, PRODUCT, NOW);
		const later = NOW + 60_000;
		await unassignLicense(ga, CONTOSO, users.anna.id, PRODUCT, later);
		const products = await customerLicenses(db, CONTOSO);
		expect(products.map(numbers)).toEqual([
			expect.objectContaining({ assigned: 1, available: 1, overAssigned: false })
		]);
		expect(products[0]?.holderIds).toEqual([users.bruno.id]);
		const audit = await db.audit
			.where('[action+at]')
			.equals(['license.unassigned', later])
			.toArray();
		expect(audit.map((entry) => [entry.target, entry.details])).toEqual([
			[users.anna.userPrincipalName, { customer: 'Contoso', product: PRODUCT_NAME }]
		]);
		// The freed seat goes to someone else.
		await assignLicense(ga, CONTOSO, users.chloe.id, PRODUCT, later);
		expect((await customerLicenses(db, CONTOSO))[0]?.available).toBe(0);
	});

	it('refuses a licence the user does not hold, and needs delegated admin', async () => {
		const { db, ga, users, tables } = await workspace();
		await project(db, PROVIDER, [twoSeats()]);
		await assignLicense(ga, CONTOSO, users.anna.id, PRODUCT, NOW);
		const before = await tables();
		const error = await expectRefusal(
			unassignLicense(ga, CONTOSO, users.bruno.id, PRODUCT, NOW),
			'err_license_not_assigned'
		);
		expect(error.params).toEqual({ product: PRODUCT_NAME });
		await expectRefusal(
			unassignLicense(ga, CONTOSO, users.fred.id, PRODUCT, NOW),
			'err_license_user_not_found'
		);
		await db.customers.update(CONTOSO, { delegatedAdmin: false });
		await expectRefusal(
			unassignLicense(ga, CONTOSO, users.anna.id, PRODUCT, NOW),
			'err_customer_dap_required'
		);
		expect(await tables()).toEqual(before);
	});

	it('works on a suspended subscription and from an inactive user', async () => {
		const { db, ga, users } = await workspace();
		await project(db, PROVIDER, [twoSeats()]);
		await assignLicense(ga, CONTOSO, users.anna.id, PRODUCT, NOW);
		await project(db, PROVIDER, [twoSeats({ status: 'suspended' })]);
		await db.customerUsers.update(users.anna.id, { state: 'inactive' });
		await unassignLicense(ga, CONTOSO, users.anna.id, PRODUCT, NOW);
		expect(await db.licenseAssignments.count()).toBe(0);
	});
});

describe('customerLicenses', () => {
	it('shows over-assignment once the provider lowers the quantity, until licences are taken back', async () => {
		const { db, ga, users } = await workspace();
		await project(db, PROVIDER, [testSubscription({ quantity: 3 })]);
		for (const user of [users.anna, users.bruno, users.chloe]) {
			await assignLicense(ga, CONTOSO, user.id, PRODUCT, NOW);
		}
		await project(db, PROVIDER, [testSubscription({ quantity: 1 })]);
		expect((await customerLicenses(db, CONTOSO)).map(numbers)).toEqual([
			{
				productId: PRODUCT,
				name: PRODUCT_NAME,
				total: 1,
				suspended: 0,
				assigned: 3,
				available: 0,
				overAssigned: true
			}
		]);
		await expectRefusal(
			assignLicense(ga, CONTOSO, users.dan.id, PRODUCT, NOW),
			'err_license_usage_location_required'
		);
		await db.customerUsers.update(users.dan.id, { usageLocation: 'FR' });
		await expectRefusal(
			assignLicense(ga, CONTOSO, users.dan.id, PRODUCT, NOW),
			'err_license_not_enough'
		);
		await unassignLicense(ga, CONTOSO, users.anna.id, PRODUCT, NOW);
		await unassignLicense(ga, CONTOSO, users.bruno.id, PRODUCT, NOW);
		expect((await customerLicenses(db, CONTOSO)).map(numbers)).toEqual([
			expect.objectContaining({ total: 1, assigned: 1, available: 0, overAssigned: false })
		]);
	});

	it('keeps a cancelled product on the list while users hold it', async () => {
		const { db, ga, users } = await workspace();
		await project(db, PROVIDER, [twoSeats()]);
		await assignLicense(ga, CONTOSO, users.anna.id, PRODUCT, NOW);
		await project(db, PROVIDER, [twoSeats({ status: 'deleted' })]);
		const products = await customerLicenses(db, CONTOSO);
		expect(products.map(numbers)).toEqual([
			expect.objectContaining({ total: 0, assigned: 1, overAssigned: true })
		]);
		expect(productsByUser(products).get(users.anna.id)).toEqual([PRODUCT_NAME]);
	});

	it('is empty for a customer without subscriptions', async () => {
		const { db } = await workspace();
		expect(await customerLicenses(db, CONTOSO)).toEqual([]);
	});

	it('follows changes through a live query', async () => {
		const { db, ga, users } = await workspace();
		await project(db, PROVIDER, [twoSeats()]);
		const seen: number[] = [];
		let notify = () => {};
		const subscription = liveQuery(() => customerLicenses(db, CONTOSO)).subscribe((products) => {
			seen.push(products[0]?.assigned ?? -1);
			notify();
		});
		const next = () => new Promise<void>((resolve) => (notify = resolve));
		try {
			await expect.poll(() => seen).toEqual([0]);
			const changed = next();
			await assignLicense(ga, CONTOSO, users.anna.id, PRODUCT, NOW);
			await changed;
			expect(seen.at(-1)).toBe(1);
		} finally {
			subscription.unsubscribe();
		}
	});
});
