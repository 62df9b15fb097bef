// Issue 6: customers, as the seed's "Connect with customers" sections describe them, across
// separate browsers: a reseller's request and a customer's acceptance, a combined invitation with
// a provider, sharing, and the customer removing admin roles — over a real relay, in one browser
// (French) and by files alone.
import type { Page } from '@playwright/test';
import {
	chooseLanguageInHeader,
	createWorkspace,
	expect,
	openFromDashboardMenu,
	t,
	test,
	workspaceData,
	type Lang
} from './fixtures';
import {
	enrollAsExistingCsp,
	exportChanges,
	importChanges,
	JOURNEY_TIMEOUT,
	newPage,
	partnersOverRelay,
	startTestRelay,
	SYNC,
	type TestRelay
} from './partners';
import {
	acceptFromLink,
	customerCell,
	customerRow,
	inviteCustomerWithProvider,
	partnerOf,
	requestResellerRelationship
} from './customers';

/** Opens the Customers page and waits for the customer's row. */
async function expectCustomer(page: Page, companyName: string, lang: Lang = 'en') {
	await openFromDashboardMenu(page, 'nav_customers', lang);
	await expect(customerRow(page, companyName)).toBeVisible(SYNC);
}

test.describe('with a relay', () => {
	let relay: TestRelay;
	test.beforeEach(async () => {
		relay = await startTestRelay();
	});
	test.afterEach(async () => {
		await relay.close();
	});

	test('(a) request → accept → listed; combined invitation → reseller and provider list it; unshare; remove roles', async ({
		browser
	}) => {
		test.setTimeout(JOURNEY_TIMEOUT);
		const p = await newPage(browser);
		const r = await newPage(browser);
		const c = await newPage(browser);
		const provider = workspaceData({ kind: 'provider', country: 'DE' });
		const reseller = workspaceData({ kind: 'reseller', country: 'FR' });
		const customer = workspaceData({ kind: 'customer', country: 'FR' });
		const newcomer = workspaceData({ kind: 'customer', country: 'FR' });

		// A provider and a reseller in partnership, over the relay.
		await partnersOverRelay({ provider: p, reseller: r }, relay, provider, reseller);

		// Reseller: Request a reseller relationship, with delegated admin.
		const request = await requestResellerRelationship(r, {
			email: customer.email,
			name: 'Léa Martin',
			dap: true
		});
		await expect(r.getByTestId('request-status').first()).toHaveText(
			t('en', 'creq_status_pending')
		);

		// Customer, in its own browser: Accept.
		const customerId = await createWorkspace(c, customer);
		await acceptFromLink(c, request, {
			workspaceName: customer.name,
			resellerName: reseller.name,
			dap: true
		});
		await expect(partnerOf(c, reseller.name).getByTestId('partner-dap')).toHaveText(
			t('en', 'partners_yes')
		);

		// The acceptance reaches the reseller through the relay: the customer is listed.
		await expectCustomer(r, customer.name);
		await expect(customerCell(r, customer.name, 'relationship')).toHaveText(
			t('en', 'customers_relationship_reseller')
		);
		await expect(customerCell(r, customer.name, 'dap')).toHaveText(t('en', 'customers_yes'));
		// …and the reseller's confirmation comes back to the customer.
		await expect(partnerOf(c, reseller.name).getByTestId('partner-state')).toContainText(
			t('en', 'partners_state_active', { date: '' }).trim(),
			SYNC
		);

		// Reseller: Invite new customers with the provider; another customer accepts.
		const combined = await inviteCustomerWithProvider(r, provider.name, {
			email: newcomer.email,
			name: 'Marc Petit'
		});
		await c.goto('');
		await createWorkspace(c, newcomer);
		await acceptFromLink(c, combined, {
			workspaceName: newcomer.name,
			resellerName: reseller.name,
			providerName: provider.name,
			dap: false
		});
		await expectCustomer(r, newcomer.name);
		await expect(customerCell(r, newcomer.name, 'partner')).toHaveText(provider.name);

		// The provider sees it under that reseller, with its own relationship.
		await expectCustomer(p, newcomer.name);
		await expect(customerCell(p, newcomer.name, 'partner')).toHaveText(reseller.name);
		await expect(customerRow(p, customer.name)).toHaveCount(0);

		// Reseller: Stop sharing → the provider no longer lists it.
		await r
			.getByRole('button', {
				name: t('en', 'customers_actions_for', { name: newcomer.name }),
				exact: true
			})
			.click();
		await r
			.getByRole('menuitem', {
				name: t('en', 'customers_unshare_with', { provider: provider.name })
			})
			.click();
		const dialog = r.getByRole('alertdialog');
		await dialog.getByRole('button', { name: t('en', 'customers_unshare_confirm') }).click();
		await expect(customerCell(r, newcomer.name, 'partner')).toHaveText(
			t('en', 'customers_not_shared')
		);
		await expect(customerRow(p, newcomer.name)).toHaveCount(0, SYNC);

		// The first customer removes the admin roles: the reseller sees delegated admin off.
		// (this tab is still signed in to it: its session lasts as long as the tab)
		await c.goto(`w/${customerId}/partners`);
		await expect(
			c.getByRole('heading', { level: 1, name: t('en', 'partners_title') })
		).toBeVisible();
		await partnerOf(c, reseller.name)
			.getByRole('button', { name: t('en', 'partners_remove_roles') })
			.click();
		await c
			.getByRole('alertdialog')
			.getByRole('button', { name: t('en', 'partners_remove_roles') })
			.click();
		await expect(partnerOf(c, reseller.name).getByTestId('partner-dap')).toHaveText(
			t('en', 'partners_no')
		);
		await expect(customerCell(r, customer.name, 'dap')).toHaveText(t('en', 'customers_no'), SYNC);
		await expect(customerCell(r, customer.name, 'relationship')).toHaveText(
			t('en', 'customers_relationship_reseller')
		);
	});
});

test('(b) one browser, no relay, in French: request, accept, the reseller lists the customer', async ({
	page,
	context
}) => {
	test.setTimeout(JOURNEY_TIMEOUT);
	const lang: Lang = 'fr';
	const reseller = workspaceData({ kind: 'reseller', country: 'FR' });
	const customer = workspaceData({ kind: 'customer', country: 'FR' });
	await page.goto('');
	await chooseLanguageInHeader(page, 'en', lang);
	await createWorkspace(page, reseller, lang);
	await enrollAsExistingCsp(page, lang);
	const link = await requestResellerRelationship(
		page,
		{ email: customer.email, name: 'Léa Martin', dap: false },
		lang
	);

	const second = await context.newPage();
	await second.goto('');
	await createWorkspace(second, customer, lang);
	await acceptFromLink(
		second,
		link,
		{ workspaceName: customer.name, resellerName: reseller.name, dap: false },
		lang
	);

	await expectCustomer(page, customer.name, lang);
	await expect(customerCell(page, customer.name, 'dap')).toHaveText(t(lang, 'customers_no'));
	await expect(partnerOf(second, reseller.name).getByTestId('partner-state')).toContainText(
		t(lang, 'partners_state_active', { date: '' }).trim(),
		SYNC
	);
});

test('(c) no network at all: the acceptance and the confirmation travel as files', async ({
	browser
}) => {
	test.setTimeout(JOURNEY_TIMEOUT);
	const r = await newPage(browser);
	const c = await newPage(browser);
	const reseller = workspaceData({ kind: 'reseller', country: 'FR' });
	const customer = workspaceData({ kind: 'customer', country: 'FR' });
	await createWorkspace(r, reseller);
	await enrollAsExistingCsp(r);
	const link = await requestResellerRelationship(r, {
		email: customer.email,
		name: 'Léa Martin',
		dap: true
	});
	await createWorkspace(c, customer);
	await acceptFromLink(c, link, {
		workspaceName: customer.name,
		resellerName: reseller.name,
		dap: true
	});
	await expect(partnerOf(c, reseller.name).getByTestId('partner-state')).toHaveText(
		t('en', 'partners_state_accepted')
	);

	// Customer → file → reseller: the acceptance.
	await importChanges(r, await exportChanges(c, reseller.name));
	await expectCustomer(r, customer.name);
	await expect(customerCell(r, customer.name, 'dap')).toHaveText(t('en', 'customers_yes'));

	// Reseller → file → customer: the confirmation.
	await importChanges(c, await exportChanges(r, customer.name));
	await openFromDashboardMenu(c, 'nav_partner_relationships');
	await expect(partnerOf(c, reseller.name).getByTestId('partner-state')).toContainText(
		t('en', 'partners_state_active', { date: '' }).trim()
	);
});
