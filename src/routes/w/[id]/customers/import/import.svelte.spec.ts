import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import { workspaceDb } from '$lib/db/workspace-db';
import { ownCustomerRow } from '$lib/domain/customers';
import { locale } from '$lib/state/locale.svelte';
import { createTestWorkspace, insertTestUser, type TestWorkspace } from '$lib/test/factories';
import WorkspaceHarness from '../../providers/WorkspaceHarness.test.svelte';
import ImportPage from './+page.svelte';

/** The Import customers page in Chromium over real IndexedDB. */
let reseller: TestWorkspace;
let helpdeskId: string;

const T1 = '0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f1';
const T2 = '1a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d';
const T3 = '2b3c4d5e-6f7a-4b2c-9d3e-4f5a6b7c8d9e';

beforeAll(async () => {
	reseller = await createTestWorkspace({
		kind: 'reseller',
		name: 'Fabrikam Resale',
		country: 'FR'
	});
	helpdeskId = (await insertTestUser(reseller.workspaceId, { agentRole: 'helpdesk_agent' })).id;
});

beforeEach(async () => {
	await workspaceDb(reseller.workspaceId).customers.clear();
});

afterEach(() => locale.set('en'));

function show(userId = reseller.userId) {
	render(WorkspaceHarness, {
		session: { workspaceId: reseller.workspaceId, userId },
		page: ImportPage
	});
}

function csvFile(lines: string[], name = 'customers.csv') {
	return new File([lines.join('\n')], name, { type: 'text/csv' });
}

describe('Import customers', () => {
	it('previews a partly wrong file, then imports the valid rows', async () => {
		await workspaceDb(reseller.workspaceId).customers.put(
			ownCustomerRow(
				{
					tenantId: T1,
					companyName: 'Contoso',
					domain: 'contoso.com',
					country: 'FR',
					relationship: 'reseller',
					delegatedAdmin: false,
					source: 'marketing',
					since: Date.UTC(2024, 0, 1)
				},
				Date.UTC(2024, 0, 1)
			)
		);
		show();
		await page
			.getByLabelText('Customer file (.csv or .json)')
			.upload(
				csvFile([
					'Microsoft ID,Company name,Primary domain name,Relationship,Tags',
					`${T1},Contoso Renamed,contoso.com,Cloud Reseller,`,
					`${T2},Fabrikam <b>Bold</b>,fabrikam.com,Advisor,`,
					`${T3},Inc,tailspin.com,Partner,`
				])
			);
		await expect.element(page.getByTestId('count-add')).toHaveTextContent('1');
		await expect.element(page.getByTestId('count-update')).toHaveTextContent('1');
		await expect.element(page.getByTestId('count-rejected')).toHaveTextContent('1');
		await expect.element(page.getByText('Columns not imported: Tags.')).toBeVisible();
		// Partner Center's export has no country: the workspace's is proposed and can be changed.
		await expect
			.element(page.getByRole('combobox', { name: /without a country in the file \(2\)/ }))
			.toHaveValue('FR');

		const rejected = page.getByRole('table', { name: 'Rejected rows' });
		const row = rejected.getByRole('row').filter({ hasText: T3 });
		await expect.element(row).toHaveTextContent(/^\s*4/);
		await expect
			.element(row)
			.toHaveTextContent('Company name: A legal form on its own (such as LLC or SARL)');
		await expect.element(row).toHaveTextContent(/Relationship: Use Reseller, Advisor/);

		const accepted = page.getByRole('table', { name: 'Customers to add or update' });
		// Partner data is text, never markup.
		await expect.element(accepted.getByText('Fabrikam <b>Bold</b>')).toBeVisible();
		await expect
			.element(accepted.getByRole('row').filter({ hasText: 'Contoso Renamed' }))
			.toHaveTextContent(/Update/);

		await page.getByRole('button', { name: 'Import (2)' }).click();
		await expect
			.element(page.getByRole('status'))
			.toHaveTextContent('Customers added: 1. Customers updated: 1.');
		await expect.element(page.getByRole('link', { name: 'Go to Customers' })).toBeVisible();
		const db = workspaceDb(reseller.workspaceId);
		expect(await db.customers.get(T2)).toMatchObject({ relationship: 'advisor', source: 'import' });
		expect(await db.customers.get(T1)).toMatchObject({
			companyName: 'Contoso Renamed',
			source: 'marketing'
		});
	});

	it('says why a file cannot be read, and that nothing changed (in French too)', async () => {
		locale.set('fr');
		show();
		const latin1 = new Uint8Array([
			...new TextEncoder().encode('Company name,Domain,Tenant ID,Country\nSoci'),
			0xe9,
			...new TextEncoder().encode(`t\u00e9,x.com,${T1},FR`)
		]);
		await page
			.getByLabelText('Fichier de clients (.csv ou .json)')
			.upload(new File([latin1], 'clients.csv', { type: 'text/csv' }));
		const alert = page.getByRole('alert');
		await expect.element(alert).toHaveTextContent(/UTF-8/);
		await expect.element(alert).toHaveTextContent('Rien n’a été importé');
		expect(await workspaceDb(reseller.workspaceId).customers.count()).toBe(0);
	});

	it('disables Import when no row is valid', async () => {
		show();
		await page
			.getByLabelText('Customer file (.csv or .json)')
			.upload(csvFile(['Company name,Domain,Tenant ID,Country', 'Inc,x,not-a-guid,XX']));
		await expect.element(page.getByTestId('count-rejected')).toHaveTextContent('1');
		await expect.element(page.getByRole('button', { name: /^Import/ })).toBeDisabled();
	});

	it('is refused to a Helpdesk agent', async () => {
		show(helpdeskId);
		await expect.element(page.getByTestId('forbidden')).toBeVisible();
		await expect
			.element(page.getByLabelText('Customer file (.csv or .json)'))
			.not.toBeInTheDocument();
	});
});
