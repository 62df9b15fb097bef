import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import type { CustomerUserRecord } from '$lib/db/records';
import { workspaceDb, type WorkspaceDB } from '$lib/db/workspace-db';
import { ownCustomerRow } from '$lib/domain/customers';
import type { SubscriptionRecord } from '$lib/domain/subscriptions';
import { locale } from '$lib/state/locale.svelte';
import { projectIntoTables } from '$lib/sync/table-projection';
import { createTestWorkspace, insertTestUser, type TestWorkspace } from '$lib/test/factories';
import { CUSTOMER_TENANT, testSubscription } from '$lib/test/orders';
import ViewHarness from '../resellers/test/ViewHarness.svelte';
import CustomersPage from './+page.svelte';

/** The Licenses tab of an expanded customer, over real IndexedDB in Chromium. */
const NOW = Date.UTC(2025, 3, 1, 9, 0);
const PROVIDER_CHANNEL = 'abcdefabcdefabcdefabcdefabcdef01';
const LITWARE = '9a7b3c1d-2e4f-4a6b-8c9d-0e1f2a3b4c5d';
const STANDARD = 'Test Business Standard';
const ADDON = 'Test Add-on';

function user(
	customerKey: string,
	firstName: string,
	overrides: Partial<CustomerUserRecord> = {}
): CustomerUserRecord {
	return {
		id: crypto.randomUUID(),
		customerKey,
		firstName,
		lastName: 'Test',
		displayName: `${firstName} Test`,
		userPrincipalName: `${firstName.toLowerCase()}@contoso.onmicrosoft.com`,
		usageLocation: 'FR',
		state: 'active',
		createdAt: NOW,
		updatedAt: NOW,
		...overrides
	};
}

async function project(db: WorkspaceDB, records: SubscriptionRecord[]) {
	await db.transaction(
		'rw',
		[db.subscriptions, db.subscriptionTotals, db.customers, db.orders, db.changeRequests],
		() =>
			projectIntoTables(
				db,
				PROVIDER_CHANNEL,
				new Map([['subscriptions', records.map((value) => ({ id: value.id, value }))]]),
				NOW
			)
	);
}

/** Contoso: 2 seats of Test Business Standard; 1,200 of a suspended add-on. */
const standard = (quantity = 2) => testSubscription({ quantity });
const suspendedAddOn = testSubscription({
	id: 'c'.repeat(32),
	offerId: 'TESTADDON001:0001',
	productId: 'TESTADDON001',
	offerName: ADDON,
	quantity: 1200,
	status: 'suspended'
});

/**
 * A reseller with Contoso (delegated admin; Anna, Bruno and Chloé in France, Dan without a
 * usage location, Eve inactive) and Litware (no delegated admin, 5 seats).
 */
async function setup() {
	const ws = await createTestWorkspace({ kind: 'reseller', name: 'Fabrikam Resale' });
	const db = workspaceDb(ws.workspaceId);
	const customer = (tenantId: string, companyName: string, delegatedAdmin: boolean) =>
		ownCustomerRow(
			{
				tenantId,
				companyName,
				domain: `${companyName.toLowerCase()}.onmicrosoft.com`,
				country: 'FR',
				relationship: 'reseller',
				delegatedAdmin,
				source: 'indirect_provider',
				since: NOW
			},
			NOW
		);
	await db.customers.bulkPut([
		customer(CUSTOMER_TENANT, 'Contoso', true),
		customer(LITWARE, 'Litware', false)
	]);
	const users = {
		anna: user(CUSTOMER_TENANT, 'Anna'),
		bruno: user(CUSTOMER_TENANT, 'Bruno'),
		chloe: user(CUSTOMER_TENANT, 'Chloé'),
		dan: user(CUSTOMER_TENANT, 'Dan', { usageLocation: null }),
		eve: user(CUSTOMER_TENANT, 'Eve', { state: 'inactive' })
	};
	await db.customerUsers.bulkPut(Object.values(users));
	await project(db, [
		standard(),
		suspendedAddOn,
		testSubscription({ id: 'd'.repeat(32), customerId: LITWARE, quantity: 5 })
	]);
	return { ws, db, users };
}

function show(ws: TestWorkspace, userId = ws.userId) {
	return render(ViewHarness, {
		session: { workspaceId: ws.workspaceId, userId },
		page: CustomersPage
	});
}

/** Expands a customer and opens its Licenses tab. */
async function openLicenses(name: string) {
	await page.getByRole('button', { name, exact: true }).click();
	const details = page.getByRole('region', { name: `Details of ${name}` });
	await details.getByRole('tab', { name: 'Licenses' }).click();
	return details;
}

/** The summary row of a product: name, total (, assigned, available), as shown. */
function summaryRow(details: ReturnType<typeof page.getByRole>, product: string) {
	return () => {
		const table = details.getByTestId('licenses-summary').query();
		const row = [...(table?.querySelectorAll('tbody tr') ?? [])].find(
			(candidate) => candidate.querySelector('th')?.textContent?.trim() === product
		);
		return row ? [...row.querySelectorAll('th, td')].map((cell) => cell.textContent?.trim()) : [];
	};
}

const listItems = (section: ReturnType<typeof page.getByRole>) => () =>
	section
		.getByRole('listitem')
		.elements()
		.map((item) => item.textContent ?? '');

afterEach(() => locale.set('en'));

describe('The Licenses tab', () => {
	it('shows seats, assigned and available per product, and warns of a suspended subscription', async () => {
		const { ws } = await setup();
		show(ws);
		const details = await openLicenses('Contoso');
		await expect.element(details.getByRole('table', { name: 'Licences of Contoso' })).toBeVisible();
		await expect.poll(summaryRow(details, STANDARD)).toEqual([STANDARD, '2', '0', '2']);
		// Suspended seats are bought but not usable: none to assign.
		await expect.poll(summaryRow(details, ADDON)).toEqual([ADDON, '0', '0', '0']);
		await expect
			.element(details.getByTestId('licenses-suspended'))
			.toHaveTextContent(
				'Licences of a suspended subscription are unavailable: 1,200 Test Add-on licences cannot be assigned'
			);
		await expect.element(details.getByTestId('licenses-over-assigned')).not.toBeInTheDocument();
	});

	it('assigns a licence, counts it, and lists it in the Users tab', async () => {
		const { ws } = await setup();
		show(ws);
		const details = await openLicenses('Contoso');
		const section = details.getByRole('region', { name: `${STANDARD} licences` });
		await expect.element(section.getByText('No user has this licence yet.')).toBeVisible();
		const select = section.getByRole('combobox', { name: 'Assign to' });
		// Active users only; a user without a usage location says so.
		await expect
			.poll(() =>
				[...select.element().querySelectorAll('option')].map((option) => option.textContent)
			)
			.toEqual([
				'Choose a user',
				'Anna Test',
				'Bruno Test',
				'Chloé Test',
				'Dan Test (no usage location)'
			]);

		await section.getByRole('button', { name: 'Assign', exact: true }).click();
		await expect
			.element(section.getByRole('alert'))
			.toHaveTextContent('Choose the user to assign the licence to.');

		await select.selectOptions('Anna Test');
		await section.getByRole('button', { name: 'Assign', exact: true }).click();
		await expect
			.element(section.getByRole('status'))
			.toHaveTextContent(`Anna Test now has a ${STANDARD} licence.`);
		await expect.element(section.getByRole('alert')).not.toBeInTheDocument();
		await expect.poll(summaryRow(details, STANDARD)).toEqual([STANDARD, '2', '1', '1']);
		await expect.poll(listItems(section)).toEqual([expect.stringContaining('Anna Test')]);
		await expect.element(select.getByRole('option', { name: 'Anna Test' })).not.toBeInTheDocument();

		await details.getByRole('tab', { name: 'Users' }).click();
		await expect
			.element(details.getByRole('row').filter({ hasText: 'anna@contoso' }))
			.toHaveTextContent(STANDARD);
		await expect
			.element(details.getByRole('row').filter({ hasText: 'bruno@contoso' }))
			.not.toHaveTextContent(STANDARD);
	});

	it('refuses with 60012 once every seat is taken, and asks for a usage location first', async () => {
		const { ws, db, users } = await setup();
		show(ws);
		const details = await openLicenses('Contoso');
		const section = details.getByRole('region', { name: `${STANDARD} licences` });
		const select = section.getByRole('combobox', { name: 'Assign to' });
		const assign = section.getByRole('button', { name: 'Assign', exact: true });

		await select.selectOptions('Dan Test (no usage location)');
		await assign.click();
		await expect
			.element(section.getByRole('alert'))
			.toHaveTextContent("Set this user's usage location before assigning a licence");
		await expect.element(select).toHaveAttribute('aria-invalid', 'true');

		for (const name of ['Anna Test', 'Bruno Test']) {
			await select.selectOptions(name);
			await assign.click();
			await expect.element(section.getByRole('status')).toHaveTextContent(name);
		}
		await select.selectOptions('Chloé Test');
		await expect.element(select).toHaveValue(users.chloe.id);
		await assign.click();
		await expect
			.element(section.getByRole('alert'))
			.toHaveTextContent(
				`Not enough ${STANDARD} licences: 2 of 2 are already assigned. Add licences to the subscription or unassign one first (error 60012).`
			);
		expect((await db.licenseAssignments.toArray()).map((row) => row.userId).sort()).toEqual(
			[users.anna.id, users.bruno.id].sort()
		);

		// In the UI language, switched while the message shows.
		locale.set('fr');
		await expect
			.element(page.getByRole('region', { name: `Licences ${STANDARD}` }).getByRole('alert'))
			.toHaveTextContent(`Licences ${STANDARD} insuffisantes : 2 sur 2 sont déjà attribuées.`);
	});

	it('unassigns after confirmation, and warns when the provider removes seats', async () => {
		const { ws, db, users } = await setup();
		await db.licenseAssignments.bulkPut(
			[users.anna, users.bruno].map((holder) => ({
				id: `${CUSTOMER_TENANT}:${holder.id}:TESTPRODUCT1`,
				customerKey: CUSTOMER_TENANT,
				userId: holder.id,
				productId: 'TESTPRODUCT1',
				assignedAt: NOW,
				assignedBy: 'Ana Lopez'
			}))
		);
		show(ws);
		const details = await openLicenses('Contoso');
		const section = details.getByRole('region', { name: `${STANDARD} licences` });
		await expect.poll(() => listItems(section)().length).toBe(2);

		// The provider lowers the quantity to 1: one licence too many, said live.
		await project(db, [standard(1)]);
		await expect
			.element(details.getByTestId('licenses-over-assigned'))
			.toHaveTextContent(
				`More ${STANDARD} licences are assigned than the customer has: 2 assigned for 1. Unassign 1`
			);

		await section.getByRole('button', { name: `Unassign ${STANDARD} from Anna Test` }).click();
		const dialog = page.getByRole('alertdialog');
		await expect
			.element(dialog)
			.toHaveTextContent(`Anna Test loses the ${STANDARD} licence and the services it includes.`);
		await dialog.getByRole('button', { name: 'Cancel' }).click();
		await expect.element(dialog).not.toBeInTheDocument();
		expect(await db.licenseAssignments.count()).toBe(2);

		await section.getByRole('button', { name: `Unassign ${STANDARD} from Anna Test` }).click();
		await page.getByRole('alertdialog').getByRole('button', { name: 'Unassign' }).click();
		await expect
			.element(section.getByRole('status'))
			.toHaveTextContent(`The ${STANDARD} licence was taken back from Anna Test.`);
		await expect.poll(listItems(section)).toEqual([expect.stringContaining('Bruno Test')]);
		await expect.element(details.getByTestId('licenses-over-assigned')).not.toBeInTheDocument();
		expect((await db.licenseAssignments.toArray()).map((row) => row.userId)).toEqual([
			users.bruno.id
		]);
	});

	it('shows but offers no changes without delegated admin or an admin role', async () => {
		const { ws } = await setup();
		const helpdesk = await insertTestUser(ws.workspaceId, { agentRole: 'helpdesk_agent' });
		const screen = await show(ws);
		const litware = await openLicenses('Litware');
		await expect.element(litware.getByTestId('licenses-no-dap')).toBeVisible();
		await expect.poll(summaryRow(litware, STANDARD)).toEqual([STANDARD, '5', '0', '5']);
		await expect
			.element(litware.getByRole('combobox', { name: 'Assign to' }))
			.not.toBeInTheDocument();

		await screen.unmount();
		show(ws, helpdesk.id);
		const contoso = await openLicenses('Contoso');
		await expect
			.element(contoso.getByRole('region', { name: `${STANDARD} licences` }))
			.toBeVisible();
		await expect
			.element(contoso.getByRole('combobox', { name: 'Assign to' }))
			.not.toBeInTheDocument();
		await expect
			.element(contoso.getByRole('button', { name: 'Unassign', exact: false }))
			.not.toBeInTheDocument();
	});
});
