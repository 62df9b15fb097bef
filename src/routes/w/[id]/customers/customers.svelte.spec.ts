import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import type { ChannelRecord, CustomerRecord } from '$lib/db/records';
import { workspaceDb } from '$lib/db/workspace-db';
import {
	ownCustomerRow,
	type CustomerRelationship,
	type CustomerSource
} from '$lib/domain/customers';
import { locale } from '$lib/state/locale.svelte';
import { createTestWorkspace, insertTestUser, type TestWorkspace } from '$lib/test/factories';
import ViewHarness from '../resellers/test/ViewHarness.svelte';
import CustomersPage from './+page.svelte';

/** The Customers page over real IndexedDB in Chromium, with 2,000 customers. */
const COUNT = 2000;
const DAY = 86_400_000;
const SINCE = Date.UTC(2020, 0, 1);
const PROVIDER_CHANNEL = 'abcdefabcdefabcdefabcdefabcdef01';
const words = ['Contoso', 'Fabrikam', 'Northwind', 'Litware', 'Adatum', 'Tailspin', 'Wingtip'];
const sources: CustomerSource[] = ['marketing', 'referral', 'indirect_provider', 'import'];
const countries = ['FR', 'DE', 'US', 'GB'];

const tenantOf = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
/** Every hundredth customer (8, 108, …) has an accented name: 20 in all, all with DAP. */
const isCreme = (i: number) => i % 100 === 8;
/** Every tenth (3, 13, …) is an advisor: 200 in all, none of them a "Crème". */
const relationshipOf = (i: number): CustomerRelationship => (i % 10 === 3 ? 'advisor' : 'reseller');

function customerRow(i: number): CustomerRecord {
	const companyName = isCreme(i) ? `Crème Brûlée ${i}` : `${words[i % words.length]} Group ${i}`;
	const slug = isCreme(i) ? 'cremebrulee' : words[i % words.length]!.toLowerCase();
	const row = ownCustomerRow(
		{
			tenantId: tenantOf(i),
			companyName,
			domain: `${slug}${i}.onmicrosoft.com`,
			country: countries[i % countries.length]!,
			relationship: relationshipOf(i),
			delegatedAdmin: i % 2 === 0,
			source: sources[i % sources.length]!,
			since: SINCE + i * DAY
		},
		SINCE
	);
	// One customer in ten is shared with the provider.
	if (i % 10 === 8) row.sharedWith = [PROVIDER_CHANNEL];
	return row;
}

function providerChannel(
	id = PROVIDER_CHANNEL,
	role: 'reseller' | 'provider' = 'reseller',
	name = 'Northwind Distribution'
): ChannelRecord {
	const b64 = (char: string) => char.repeat(43);
	return {
		id,
		kind: 'partnership',
		role,
		state: 'active',
		invitationId: crypto.randomUUID(),
		key: b64('k'),
		replyKey: { kty: 'EC', crv: 'P-256', x: b64('x'), y: b64('y') },
		partner: {
			workspaceId: crypto.randomUUID(),
			tenantId: crypto.randomUUID(),
			name,
			domain: 'northwind.onmicrosoft.com',
			mpnId: '4847383',
			country: 'DE',
			publicKey: { kty: 'EC', crv: 'P-256', x: b64('x'), y: b64('y') },
			fingerprint: '0123456789abcdef0123456789abcdef'
		},
		relayUrl: null,
		createdAt: SINCE,
		since: SINCE,
		removedAt: null
	} as ChannelRecord;
}

let reseller: TestWorkspace;
let helpdeskId: string;

beforeAll(async () => {
	reseller = await createTestWorkspace({ kind: 'reseller', name: 'Fabrikam Resale' });
	const db = workspaceDb(reseller.workspaceId);
	await db.transaction('rw', db.customers, db.channels, async () => {
		await db.channels.put(providerChannel());
		await db.customers.bulkPut(Array.from({ length: COUNT }, (_, i) => customerRow(i)));
	});
	helpdeskId = (await insertTestUser(reseller.workspaceId, { agentRole: 'helpdesk_agent' })).id;
});

afterEach(() => locale.set('en'));

/** The text of each customer row in the DOM (header excluded), once loaded. */
function dataRowTexts(): string[] {
	return [...document.querySelectorAll('[role="row"][aria-rowindex]:not([aria-rowindex="1"])')]
		.filter((row) => row.getAttribute('aria-busy') !== 'true')
		.map((row) => row.textContent ?? '');
}

function show(workspace: TestWorkspace = reseller, userId = workspace.userId) {
	render(ViewHarness, {
		session: { workspaceId: workspace.workspaceId, userId },
		page: CustomersPage
	});
	const table = page.getByRole('table', { name: 'Customers' });
	return {
		table,
		search: page.getByRole('searchbox', { name: 'Search customers' }),
		count: page.getByTestId('customers-count'),
		rows: () => document.querySelectorAll('[data-testid="customer-table"] [role="row"]'),
		firstRowName: () =>
			document.querySelector('[role="row"][aria-rowindex="2"] [role="rowheader"]')?.textContent
	};
}

describe('Customers page at scale', () => {
	it('counts every customer and keeps only a window of rows in the DOM', async () => {
		const { table, count, rows, firstRowName } = show();
		await expect.element(count).toHaveTextContent('2,000 customers');
		await expect.element(table).toHaveAttribute('aria-rowcount', String(COUNT + 1));
		// Sorted by name: an "Adatum Group …" comes first.
		await expect.poll(firstRowName).toContain('Adatum Group');
		const rendered = rows().length;
		expect(rendered).toBeGreaterThan(3);
		expect(rendered).toBeLessThan(80);
		await expect
			.element(page.getByRole('columnheader', { name: 'Company name' }))
			.toHaveAttribute('aria-sort', 'ascending');
	});

	it('searches by prefix, accents and case ignored, and says how many match', async () => {
		const { search, count, rows, firstRowName } = show();
		await expect.element(count).toHaveTextContent('2,000 customers');
		await search.fill('CREME bru');
		await expect.element(page.getByTestId('customers-matching')).toHaveTextContent('20 match');
		await expect.poll(firstRowName).toContain('Crème Brûlée');
		const names = [...document.querySelectorAll('[role="rowheader"]')].map((c) => c.textContent);
		expect(names.length).toBeGreaterThan(0);
		for (const name of names) expect(name).toContain('Crème Brûlée');
		// A domain prefix finds the same customer.
		await search.fill('cremebrulee108.onm');
		await expect.element(page.getByTestId('customers-matching')).toHaveTextContent('1 matches');
		await expect
			.element(page.getByRole('button', { name: 'Crème Brûlée 108', exact: true }))
			.toBeVisible();
		expect(rows().length).toBe(2);
	});

	it('filters by relationship, sorts by a column, and clears filters when nothing matches', async () => {
		const { search, rows, firstRowName } = show();
		await page.getByRole('combobox', { name: 'Relationship' }).selectOptions('advisor');
		await expect.element(page.getByTestId('customers-matching')).toHaveTextContent('200 match');
		await expect.poll(() => rows().length).toBeGreaterThan(2);
		await expect.poll(() => dataRowTexts().every((text) => text.includes('Advisor'))).toBe(true);
		// Newest first: the advisor with the latest "since" is customer 1993.
		await page.getByRole('button', { name: 'Since' }).click();
		await page.getByRole('button', { name: 'Since' }).click();
		await expect
			.element(page.getByRole('columnheader', { name: 'Since' }))
			.toHaveAttribute('aria-sort', 'descending');
		await expect.poll(firstRowName).toContain('Group 1993');

		await search.fill('crème');
		await expect
			.element(page.getByText('No customer matches your search and filters.'))
			.toBeVisible();
		await page.getByRole('button', { name: 'Clear filters' }).first().click();
		await expect.element(page.getByTestId('customers-count')).toHaveTextContent('2,000 customers');
		await expect.element(search).toHaveValue('');
	});

	it('filters by the provider a customer is shared with', async () => {
		show();
		await page
			.getByRole('combobox', { name: 'Shared with' })
			.selectOptions('Northwind Distribution');
		await expect.element(page.getByTestId('customers-matching')).toHaveTextContent('200 match');
		await expect
			.poll(() => {
				const texts = dataRowTexts();
				return texts.length > 0 && texts.every((text) => text.includes('Northwind Distribution'));
			})
			.toBe(true);
	});
});

describe('An expanded customer', () => {
	it('shows the account, and lets an admin add and edit the customer’s users', async () => {
		const { search } = show();
		await search.fill('cremebrulee108');
		const toggle = page.getByRole('button', { name: 'Crème Brûlée 108', exact: true });
		await expect.element(toggle).toHaveAttribute('aria-expanded', 'false');
		await toggle.click();
		await expect.element(toggle).toHaveAttribute('aria-expanded', 'true');
		const details = page.getByRole('region', { name: 'Details of Crème Brûlée 108' });
		await expect.element(details.getByTestId('account-tenant')).toHaveTextContent(tenantOf(108));
		await expect
			.element(details.getByTestId('billing-not-provided'))
			.toHaveTextContent('Not provided');

		await details.getByRole('tab', { name: 'Services' }).click();
		await expect
			.element(details.getByText('No subscriptions yet.', { exact: false }))
			.toBeVisible();
		await details.getByRole('tab', { name: 'Licenses' }).click();
		await expect.element(details.getByTestId('licenses-empty')).toBeVisible();

		await details.getByRole('tab', { name: 'Users' }).click();
		await expect.element(details.getByText('No users yet.')).toBeVisible();
		await details.getByRole('button', { name: 'Add user' }).click();
		await details.getByRole('textbox', { name: 'First name' }).fill('Anna');
		await details.getByRole('textbox', { name: 'Last name' }).fill('Müller');
		const upn = details.getByRole('textbox', { name: 'User name' });
		await upn.fill('anna@elsewhere.example');
		await details.getByRole('combobox', { name: 'Usage location' }).selectOptions('FR');
		await details.getByRole('button', { name: 'Add', exact: true }).click();
		await expect.element(upn).toHaveAttribute('aria-invalid', 'true');
		await expect
			.element(details.getByText("The user name must end with one of the customer's domains"))
			.toBeVisible();

		await upn.fill('anna@cremebrulee108.onmicrosoft.com');
		await details.getByRole('button', { name: 'Add', exact: true }).click();
		await expect.element(details.getByRole('status')).toHaveTextContent('Anna Müller was added.');
		const userRow = details.getByRole('row').filter({ hasText: 'anna@cremebrulee108' });
		await expect.element(userRow).toHaveTextContent('France');

		await details.getByRole('button', { name: 'Edit Anna Müller' }).click();
		await details.getByRole('combobox', { name: 'Usage location' }).selectOptions('DE');
		await details.getByRole('button', { name: 'Save' }).click();
		await expect.element(userRow).toHaveTextContent('Germany');
		const stored = await workspaceDb(reseller.workspaceId)
			.customerUsers.where('customerKey')
			.equals(tenantOf(108))
			.toArray();
		expect(stored.map((user) => user.usageLocation)).toEqual(['DE']);
	});

	it('says so instead of offering forms when the customer granted no delegated admin', async () => {
		const { search } = show();
		await search.fill('adatum group 4');
		await page.getByRole('button', { name: 'Adatum Group 4', exact: true }).click();
		const details = page.getByRole('region', { name: 'Details of Adatum Group 4' });
		await details.getByRole('tab', { name: 'Users' }).click();
		// Customer 4 has DAP (even); 17 (odd) has not.
		await expect.element(details.getByRole('button', { name: 'Add user' })).toBeVisible();
		await search.fill('litware group 17');
		await page.getByRole('button', { name: 'Litware Group 17', exact: true }).click();
		const other = page.getByRole('region', { name: 'Details of Litware Group 17' });
		await other.getByRole('tab', { name: 'Users' }).click();
		await expect
			.element(other.getByTestId('customer-users-no-dap'))
			.toHaveTextContent('The customer has not granted you delegated admin privileges');
		await expect.element(other.getByRole('button', { name: 'Add user' })).not.toBeInTheDocument();
	});
});

describe('Row actions and roles', () => {
	it('offers sharing with active providers and confirms before stopping', async () => {
		const { search } = show();
		await search.fill('cremebrulee208');
		await page.getByRole('button', { name: 'Actions for Crème Brûlée 208' }).click();
		const menu = page.getByRole('menu');
		// Already shared with Northwind: nothing left to share with, but it can stop.
		await expect
			.element(menu.getByRole('menuitem', { name: 'Shared with all your active providers' }))
			.toBeVisible();
		await menu.getByRole('menuitem', { name: 'Stop sharing with Northwind Distribution' }).click();
		const dialog = page.getByRole('alertdialog');
		await expect
			.element(dialog)
			.toHaveTextContent(
				"Crème Brûlée 208 leaves Northwind Distribution's customer list on its next sync."
			);
		await dialog.getByRole('button', { name: 'Cancel' }).click();
		await expect.element(dialog).not.toBeInTheDocument();

		await search.fill('contoso group 0');
		await page.getByRole('button', { name: 'Actions for Contoso Group 0' }).click();
		await expect
			.element(page.getByRole('menuitem', { name: 'Share with Northwind Distribution' }))
			.toBeVisible();
		await page.getByRole('menuitem', { name: 'Remove customer relationship' }).click();
		await expect
			.element(page.getByRole('alertdialog'))
			.toHaveTextContent('Remove the customer relationship with Contoso Group 0?');
		await page.getByRole('alertdialog').getByRole('button', { name: 'Cancel' }).click();
	});

	it('shares, stops sharing and removes the relationship, saying what happens', async () => {
		const { search } = show();
		await search.fill('wingtip6.onmicrosoft');
		const row = page.getByRole('row').filter({ hasText: 'wingtip6.onmicrosoft.com' });
		await expect.element(row).toHaveTextContent('Not shared');
		await page.getByRole('button', { name: 'Actions for Wingtip Group 6', exact: true }).click();
		await page.getByRole('menuitem', { name: 'Share with Northwind Distribution' }).click();
		await expect
			.element(page.getByRole('status').filter({ hasText: 'is now shared' }))
			.toHaveTextContent('Wingtip Group 6 is now shared with Northwind Distribution.');
		await expect.element(row).toHaveTextContent('Northwind Distribution');

		await page.getByRole('button', { name: 'Actions for Wingtip Group 6', exact: true }).click();
		await page.getByRole('menuitem', { name: 'Stop sharing with Northwind Distribution' }).click();
		await page.getByRole('alertdialog').getByRole('button', { name: 'Stop sharing' }).click();
		await expect
			.element(page.getByRole('status').filter({ hasText: 'no longer shared' }))
			.toHaveTextContent(
				"Wingtip Group 6 is no longer shared with Northwind Distribution: it leaves Northwind Distribution's customer list on its next sync."
			);
		await expect.element(row).toHaveTextContent('Not shared');

		await page.getByRole('button', { name: 'Actions for Wingtip Group 6', exact: true }).click();
		await page.getByRole('menuitem', { name: 'Remove customer relationship' }).click();
		await page
			.getByRole('alertdialog')
			.getByRole('button', { name: 'Remove customer relationship' })
			.click();
		await expect
			.element(page.getByRole('status').filter({ hasText: 'was removed' }))
			.toHaveTextContent('The customer relationship with Wingtip Group 6 was removed.');
		await expect.element(row.getByRole('cell', { name: 'None', exact: true })).toBeVisible();
		await page.getByRole('button', { name: 'Actions for Wingtip Group 6', exact: true }).click();
		await expect
			.element(page.getByRole('menuitem', { name: 'Remove customer relationship' }))
			.not.toBeInTheDocument();
		await userEvent.keyboard('{Escape}');
		await expect.element(page.getByRole('menu')).not.toBeInTheDocument();
	});

	it('gives a helpdesk agent the list without actions, requests or user forms', async () => {
		const { count, search } = show(reseller, helpdeskId);
		await expect.element(count).toHaveTextContent('2,000 customers');
		await expect
			.element(page.getByRole('link', { name: 'Request a reseller relationship' }))
			.not.toBeInTheDocument();
		await expect.element(page.getByRole('button', { name: 'Export' })).toBeEnabled();
		await search.fill('adatum group 4');
		await expect
			.element(page.getByRole('button', { name: 'Actions for Adatum Group 4' }))
			.not.toBeInTheDocument();
		await page.getByRole('button', { name: 'Adatum Group 4', exact: true }).click();
		await page.getByRole('tab', { name: 'Users' }).click();
		await expect.element(page.getByRole('button', { name: 'Add user' })).not.toBeInTheDocument();
	});

	it('tells a reseller without customers how to get some, in French', async () => {
		locale.set('fr');
		const empty = await createTestWorkspace({ kind: 'reseller', name: 'Vide SARL' });
		show(empty);
		await expect
			.element(page.getByTestId('customers-empty'))
			.toHaveTextContent('Aucun client pour l’instant');
		await expect
			.element(page.getByRole('link', { name: 'Demander une relation de revendeur' }))
			.toHaveAttribute(
				'href',
				expect.stringContaining(`/w/${empty.workspaceId}/customers/request`)
			);
		await expect
			.element(page.getByRole('link', { name: 'Importer' }))
			.toHaveAttribute('href', expect.stringContaining(`/w/${empty.workspaceId}/customers/import`));
	});
});

describe('The provider’s view', () => {
	it('shows the customers its resellers share, by reseller, without reseller actions', async () => {
		const provider = await createTestWorkspace({ kind: 'provider', name: 'Northwind' });
		const db = workspaceDb(provider.workspaceId);
		const fabrikam = '11111111111111111111111111111111';
		const litware = '22222222222222222222222222222222';
		await db.channels.bulkPut([
			providerChannel(fabrikam, 'provider', 'Fabrikam Resale'),
			providerChannel(litware, 'provider', 'Litware Resale')
		]);
		// 30 customers shared by Fabrikam, 12 by Litware; every third accepted the provider too.
		const shared = Array.from({ length: 42 }, (_, i) => {
			const channel = i < 30 ? fabrikam : litware;
			const own = customerRow(i);
			return {
				...own,
				key: `${channel}:${own.tenantId}`,
				resellerChannelId: channel,
				sharedWith: [],
				providerRelationship: i % 3 === 0
			};
		});
		await db.customers.bulkPut(shared);
		show(provider);
		await expect.element(page.getByTestId('customers-count')).toHaveTextContent('42 customers');
		await expect
			.element(page.getByRole('columnheader', { name: 'Relationship with you' }))
			.toBeVisible();
		await expect
			.element(page.getByRole('button', { name: 'Actions for', exact: false }))
			.not.toBeInTheDocument();
		await expect
			.element(page.getByRole('link', { name: 'Request a reseller relationship' }))
			.not.toBeInTheDocument();

		const resellerFilter = page.getByRole('combobox', { name: 'Reseller' });
		await expect.element(resellerFilter).toHaveTextContent('Litware Resale (12)');
		await resellerFilter.selectOptions(litware);
		await expect.element(page.getByTestId('customers-matching')).toHaveTextContent('12 match');
		await expect
			.poll(() => {
				const texts = dataRowTexts();
				return texts.length > 0 && texts.every((text) => text.includes('Litware Resale'));
			})
			.toBe(true);
		await page.getByRole('searchbox', { name: 'Search customers' }).fill('tailspin group 33');
		const row = page.getByRole('row').filter({ hasText: 'Tailspin Group 33' });
		// Customer 33 gave no delegated admin (odd) but accepted the provider too (a multiple of 3).
		await expect.element(row.getByRole('cell', { name: 'Litware Resale' })).toBeVisible();
		await expect.element(row.getByRole('cell', { name: 'No', exact: true })).toBeVisible();
		await expect.element(row.getByRole('cell', { name: 'Yes', exact: true })).toBeVisible();
		await page.getByRole('button', { name: 'Tailspin Group 33', exact: true }).click();
		await page.getByRole('tab', { name: 'Users' }).click();
		await expect
			.element(page.getByText("Litware Resale manages this customer's users."))
			.toBeVisible();
	});
});
