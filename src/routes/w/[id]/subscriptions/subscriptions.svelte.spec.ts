import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import { workspaceDb } from '$lib/db/workspace-db';
import type { SubscriptionRow } from '$lib/domain/commerce-records';
import { locale } from '$lib/state/locale.svelte';
import {
	catalogOffer,
	customerRow,
	subscriptionRow,
	tenantOf,
	uniqueHex
} from '$lib/test/commerce-rows';
import { createTestWorkspace, type TestWorkspace } from '$lib/test/factories';
import ViewHarness from '../resellers/test/ViewHarness.svelte';
import CustomersPage from '../customers/+page.svelte';
import SubscriptionsPage from './+page.svelte';

/** The customer's Subscriptions page over real IndexedDB in Chromium. */

const basic = catalogOffer('Microsoft 365 Business Basic');
const premium = catalogOffer('Microsoft 365 Business Premium');
const e3 = catalogOffer('Office 365 E3');
const azure = catalogOffer('Azure plan');

const viaNorthwind = { reseller: 'Fabrikam Resale', provider: 'Northwind Distribution' };
const viaContoso = { reseller: 'Fabrikam Resale', provider: 'Contoso Cloud' };

/** A row as the customer's projection writes it: its own, with who sold it. */
function customerSide(
	offer: typeof basic,
	quantity: number,
	sellers: SubscriptionRow['sellers'],
	changes: Partial<SubscriptionRow['record']> = {},
	channelId = CHANNEL
): SubscriptionRow {
	const row = subscriptionRow({
		channelId,
		customerKey: 'self',
		offer,
		quantity,
		sellers,
		origin: 'partner',
		status: changes.status
	});
	return { ...row, record: { ...row.record, ...changes } };
}

const CHANNEL = uniqueHex();
let customer: TestWorkspace;

beforeAll(async () => {
	customer = await createTestWorkspace({ kind: 'customer', name: 'Contoso Café', country: 'FR' });
	await workspaceDb(customer.workspaceId).subscriptions.bulkAdd([
		customerSide(basic, 25, viaNorthwind, { friendlyName: 'Head office mail' }),
		customerSide(e3, 3, viaNorthwind, {
			status: 'suspended',
			suspendedReason: 'Unpaid invoice',
			autoRenewEnabled: false
		}),
		customerSide(premium, 10, viaContoso, { billingCycle: 'annual' }),
		customerSide(azure, 1, viaContoso)
	]);
});

afterEach(() => locale.set('en'));

function show(workspace: TestWorkspace = customer) {
	render(ViewHarness, {
		session: { workspaceId: workspace.workspaceId, userId: workspace.userId },
		page: SubscriptionsPage
	});
	return {
		totals: page.getByTestId('subs-totals'),
		northwind: page.getByRole('region', {
			name: 'Fabrikam Resale, through Northwind Distribution'
		}),
		contoso: page.getByRole('region', { name: 'Fabrikam Resale, through Contoso Cloud' }),
		exportButton: page.getByRole('button', { name: 'Export orders and subscriptions' })
	};
}

describe('Subscriptions page', () => {
	it('lists each subscription under the reseller and provider it came from, with totals', async () => {
		const { totals, northwind, contoso, exportButton } = show();
		// Active: Business Basic (25), Business Premium (10) and the Azure plan (no seats).
		await expect.element(totals).toHaveTextContent('3 active subscriptions · 35 seats');
		await expect
			.element(northwind)
			.toHaveTextContent('Reseller: Fabrikam Resale · Indirect provider: Northwind Distribution');

		const mail = northwind.getByRole('row').filter({ hasText: 'Head office mail' });
		await expect.element(mail).toHaveTextContent('Microsoft 365 Business Basic');
		await expect.element(mail.getByRole('cell', { name: '25', exact: true })).toBeVisible();
		await expect.element(mail.getByRole('cell', { name: 'Active', exact: true })).toBeVisible();
		await expect.element(mail).toHaveTextContent('1 year · Monthly');
		await expect.element(mail).toHaveTextContent('March 3, 2025');
		await expect.element(mail).toHaveTextContent('March 3, 2026');
		await expect.element(mail.getByRole('cell', { name: 'On', exact: true })).toBeVisible();

		const suspended = northwind.getByRole('row').filter({ hasText: 'Office 365 E3' });
		await expect.element(suspended).toHaveTextContent(/Suspended\s*Reason: Unpaid invoice/);
		await expect.element(suspended.getByRole('cell', { name: 'Off', exact: true })).toBeVisible();

		await expect.element(contoso).toHaveTextContent('2 subscriptions');
		await expect
			.element(contoso.getByRole('row').filter({ hasText: 'Business Premium' }))
			.toHaveTextContent('1 year · Annual');
		await expect.element(exportButton).toBeEnabled();
	});

	it('shows one partner’s subscriptions when filtered, and follows new ones live', async () => {
		const { totals, northwind, contoso } = show();
		await expect.element(contoso).toBeVisible();
		await page
			.getByRole('combobox', { name: 'Partner' })
			.selectOptions('Fabrikam Resale, through Northwind Distribution');
		await expect.element(contoso).not.toBeInTheDocument();
		await expect.element(totals).toHaveTextContent('1 active subscription · 25 seats');

		// A subscription arriving from a third partner (a new sync) shows up without a reload.
		const added = customerSide(
			e3,
			4,
			{ reseller: 'Adatum Partners', provider: 'Northwind Distribution' },
			{ friendlyName: 'Adatum seats' },
			uniqueHex()
		);
		await workspaceDb(customer.workspaceId).subscriptions.add(added);
		await page.getByRole('combobox', { name: 'Partner' }).selectOptions('All partners');
		const adatum = page.getByRole('region', {
			name: 'Adatum Partners, through Northwind Distribution'
		});
		await expect.element(adatum).toHaveTextContent('Adatum seats');
		await expect.element(totals).toHaveTextContent('4 active subscriptions · 39 seats');
		await expect.element(northwind).toBeVisible();
		await workspaceDb(customer.workspaceId).subscriptions.delete(added.key);
		await expect.element(adatum).not.toBeInTheDocument();
	});

	it('exports what the customer has as Partner Center JSON and logs it', async () => {
		const { exportButton } = show();
		await exportButton.click();
		await expect
			.element(page.getByRole('status'))
			.toHaveTextContent(/^Saved orders-and-subscriptions-\d{4}-\d\d-\d\d\.json/);
		const logged = (await workspaceDb(customer.workspaceId).audit.toArray()).filter(
			(entry) => entry.action === 'commerce.exported'
		);
		expect(logged.map((entry) => entry.details)).toEqual([{ orders: 0, subscriptions: 4 }]);
	});

	it('explains where subscriptions come from when there are none, without an export', async () => {
		const empty = await createTestWorkspace({ kind: 'customer', name: 'Vide SARL', country: 'FR' });
		const { exportButton } = show(empty);
		await expect
			.element(page.getByTestId('subs-empty'))
			.toHaveTextContent('Subscriptions appear here when a partner orders for you');
		await expect.element(exportButton).not.toBeInTheDocument();
	});

	it('speaks French: names, statuses, dates and totals', async () => {
		locale.set('fr');
		const { totals } = show();
		await expect.element(page.getByRole('heading', { level: 1 })).toHaveTextContent('Abonnements');
		await expect.element(totals).toHaveTextContent('3 abonnements actifs · 35 licences');
		const group = page.getByRole('region', { name: 'Fabrikam Resale, via Northwind Distribution' });
		const mail = group.getByRole('row').filter({ hasText: 'Head office mail' });
		await expect.element(mail).toHaveTextContent('1 an · Mensuel');
		await expect.element(mail).toHaveTextContent('3 mars 2025');
		await expect.element(mail.getByRole('cell', { name: 'Actif', exact: true })).toBeVisible();
		await expect
			.element(page.getByRole('button', { name: 'Exporter les commandes et abonnements' }))
			.toBeVisible();
	});

	it('tells a partner the page is for customers', async () => {
		const reseller = await createTestWorkspace({ kind: 'reseller', name: 'Fabrikam Resale' });
		show(reseller);
		await expect
			.element(page.getByRole('alert'))
			.toHaveTextContent('The Subscriptions page is for customers.');
	});
});

describe('Export orders and subscriptions on the Customers page', () => {
	it('appears once the reseller has a subscription, beside Export, and saves the JSON', async () => {
		const reseller = await createTestWorkspace({ kind: 'reseller', name: 'Fabrikam Resale' });
		const db = workspaceDb(reseller.workspaceId);
		await db.customers.add(customerRow(tenantOf(7), tenantOf(7), 'Alpine Ski House'));
		render(ViewHarness, {
			session: { workspaceId: reseller.workspaceId, userId: reseller.userId },
			page: CustomersPage
		});
		const exportCommerce = page.getByRole('button', { name: 'Export orders and subscriptions' });
		await expect.element(page.getByRole('button', { name: 'Export', exact: true })).toBeVisible();
		await expect.element(exportCommerce).not.toBeInTheDocument();

		await db.subscriptions.add(
			subscriptionRow({
				channelId: uniqueHex(),
				customerKey: tenantOf(7),
				offer: basic,
				quantity: 5,
				origin: 'partner'
			})
		);
		await exportCommerce.click();
		await expect
			.element(page.getByRole('status').filter({ hasText: 'Partner Center JSON' }))
			.toHaveTextContent(/^Saved orders-and-subscriptions-\d{4}-\d\d-\d\d\.json/);
		const logged = (await db.audit.toArray()).filter(
			(entry) => entry.action === 'commerce.exported'
		);
		expect(logged.map((entry) => entry.details)).toEqual([{ orders: 0, subscriptions: 1 }]);
	});
});
