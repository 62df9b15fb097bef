// Issue 7: orders, subscriptions and change requests across three browsers and a real relay —
// the provider orders for a customer its reseller shares, the reseller sees it in Services, the
// customer on its Subscriptions page; the reseller asks for a new quantity, the provider accepts,
// all three see it; the reseller, holding the customer's delegated admin privileges, adds a user
// and assigns a licence, which the customer sees on its Licenses page. A forged order in the
// reseller's own feed is refused on both sides.
import type { Locator, Page } from '@playwright/test';
import {
	chooseLanguageInUserMenu,
	createWorkspace,
	expect,
	openFromDashboardMenu,
	t,
	test,
	workspaceData,
	type Lang
} from './fixtures';
import {
	JOURNEY_TIMEOUT,
	newPage,
	partnersOverRelay,
	startTestRelay,
	SYNC,
	type TestRelay
} from './partners';
import { acceptFromLink, customerRow, inviteCustomerWithProvider } from './customers';
import { forgeOwnFeedRecord, quarantineOf, refusedRow } from './commerce';

const RESELLER_MPN = '5123456';

/** Customers › the customer's arrow › Services. */
async function openServices(page: Page, companyName: string, lang: Lang = 'en') {
	await openFromDashboardMenu(page, 'nav_customers', lang);
	const row = customerRow(page, companyName);
	await expect(row).toBeVisible(SYNC);
	await row.getByRole('button', { name: companyName, exact: true }).click();
	await page.getByRole('tab', { name: t(lang, 'customers_tab_services') }).click();
}

function subscriptionCard(page: Page, name: string): Locator {
	return page.getByRole('article', { name, exact: true });
}

let relay: TestRelay;
test.beforeEach(async () => {
	relay = await startTestRelay();
});
test.afterEach(async () => {
	await relay.close();
});

test('provider orders → reseller and customer see it → reseller asks for 7 seats → provider accepts → all see 7; a forged order is refused', async ({
	browser
}) => {
	test.setTimeout(JOURNEY_TIMEOUT);
	const p = await newPage(browser);
	const r = await newPage(browser);
	const c = await newPage(browser);
	const provider = workspaceData({ kind: 'provider', country: 'DE' });
	const reseller = workspaceData({ kind: 'reseller', country: 'FR' });
	const customer = workspaceData({ kind: 'customer', country: 'FR' });

	// A provider and a reseller in partnership over the relay; the reseller, already in CSP,
	// states its Partner ID first (it goes on its card and on orders as reseller of record).
	await partnersOverRelay({ provider: p, reseller: r }, relay, provider, reseller, {
		resellerMpnId: RESELLER_MPN
	});

	// The customer accepts the reseller's invitation with the provider: both relationships.
	const combined = await inviteCustomerWithProvider(r, provider.name, {
		email: customer.email,
		name: 'Léa Martin',
		dap: true
	});
	await createWorkspace(c, customer);
	await acceptFromLink(c, combined, {
		workspaceName: customer.name,
		resellerName: reseller.name,
		providerName: provider.name,
		dap: true
	});

	// Provider: the shared customer › Services › Add subscription.
	await openServices(p, customer.name);
	await p.getByRole('button', { name: t('en', 'svc_add_subscription') }).click();
	await p
		.getByRole('combobox', { name: t('en', 'svc_offer') })
		.selectOption({ label: 'Microsoft 365 Business Basic' });
	await p.getByRole('spinbutton', { name: t('en', 'svc_quantity') }).fill('5');
	await p.getByRole('textbox', { name: t('en', 'svc_friendly_name') }).fill('Contoso mail');
	await p.getByRole('button', { name: t('en', 'svc_add_submit') }).click();
	const ordered = subscriptionCard(p, 'Contoso mail');
	await expect(ordered.getByTestId('subscription-quantity')).toHaveText('5');
	await expect(ordered).toContainText(RESELLER_MPN);

	// Reseller: the same subscription in the customer's Services, from the provider.
	await openServices(r, customer.name);
	const seen = subscriptionCard(r, 'Contoso mail');
	await expect(seen.getByTestId('subscription-quantity')).toHaveText('5', SYNC);
	await expect(seen).toContainText(provider.name);

	// Customer: its Subscriptions page names the reseller and the provider.
	await openFromDashboardMenu(c, 'nav_subscriptions');
	const group = c.getByTestId('subs-group');
	await expect(group.getByRole('row').filter({ hasText: 'Contoso mail' })).toContainText('5', SYNC);
	await expect(group).toContainText(reseller.name);
	await expect(group).toContainText(provider.name);

	// Reseller: Request change → a new quantity of 7.
	await seen.getByRole('button', { name: t('en', 'svc_request_change') }).click();
	await seen.getByRole('spinbutton', { name: t('en', 'svc_request_quantity') }).fill('7');
	await seen.getByRole('textbox', { name: t('en', 'svc_request_note') }).fill('Two new hires');
	await seen.getByRole('button', { name: t('en', 'svc_request_send') }).click();
	await expect(
		r.getByText(t('en', 'svc_request_sent', { name: 'Contoso mail', provider: provider.name }))
	).toBeVisible();

	// Provider: the request waits for an answer; Accept.
	const request = p
		.getByRole('article', {
			name: t('en', 'svc_request_heading', {
				name: 'Contoso mail',
				what: t('en', 'svc_request_what_quantity', { quantity: 7 })
			})
		})
		.first();
	await expect(request).toContainText('Two new hires', SYNC);
	await request.getByRole('button', { name: t('en', 'svc_request_accept') }).click();
	await expect(ordered.getByTestId('subscription-quantity')).toHaveText('7');

	// All three see 7.
	await expect(seen.getByTestId('subscription-quantity')).toHaveText('7', SYNC);
	await expect(group.getByRole('row').filter({ hasText: 'Contoso mail' })).toContainText('7', SYNC);

	// Provider: Subscriptions › its only reseller's list, with the customer and the new quantity.
	await openFromDashboardMenu(p, 'nav_subscriptions');
	await expect(p.getByTestId('subov-tile-active')).toContainText('1');
	await expect(
		p.getByRole('heading', { name: t('en', 'subov_list_heading', { partner: reseller.name }) })
	).toBeVisible();
	const listed = p.getByTestId('subov-rows').getByText('Contoso mail');
	await expect(listed).toBeVisible();
	await expect(p.getByTestId('subov-rows')).toContainText(customer.name);

	// Reseller (delegated admin): Users › Add user with a usage location, Licenses › Assign.
	await r.getByRole('tab', { name: t('en', 'customers_tab_users') }).click();
	await r.getByRole('button', { name: t('en', 'customer_users_add_user') }).click();
	await r.getByLabel(t('en', 'customer_users_first_name'), { exact: true }).fill('Léa');
	await r.getByLabel(t('en', 'customer_users_last_name'), { exact: true }).fill('Martin');
	await r
		.getByLabel(t('en', 'customer_users_upn'), { exact: true })
		.fill(`lea@${customer.prefix}.onmicrosoft.com`);
	await r
		.getByLabel(t('en', 'customer_users_usage_location'), { exact: true })
		.selectOption({ label: 'France' });
	await r.getByRole('button', { name: t('en', 'customer_users_add'), exact: true }).click();
	await expect(r.getByText(t('en', 'customer_users_added', { name: 'Léa Martin' }))).toBeVisible();
	await r.getByRole('tab', { name: t('en', 'customers_tab_licenses') }).click();
	const assign = r.getByRole('form', {
		name: t('en', 'licenses_assign_label', { product: 'Microsoft 365 Business Basic' })
	});
	await assign.getByLabel(t('en', 'licenses_assign_to')).selectOption({ label: 'Léa Martin' });
	await assign.getByRole('button', { name: t('en', 'licenses_assign') }).click();
	await expect(
		r.getByText(
			t('en', 'licenses_assigned_notice', {
				name: 'Léa Martin',
				product: 'Microsoft 365 Business Basic'
			})
		)
	).toBeVisible();

	// Customer: its Licenses page counts 7 seats, 1 assigned, and names who holds it.
	await openFromDashboardMenu(c, 'nav_licenses');
	await expect(
		c.getByTestId('licenses-summary').getByRole('row', { name: /Microsoft 365 Business Basic/ })
	).toHaveText(/7\s*1\s*6/, SYNC);
	await expect(
		c.getByTestId('directory-users').getByRole('row', { name: /Léa Martin/ })
	).toContainText('Microsoft 365 Business Basic', SYNC);

	// The same pages in French: Licences and Abonnements, numbers as French writes them.
	await chooseLanguageInUserMenu(c, customer, 'en', 'fr');
	await expect(c.getByRole('heading', { level: 1, name: t('fr', 'nav_licenses') })).toBeVisible();
	await expect(
		c.getByTestId('licenses-summary').getByRole('row', { name: /Microsoft 365 Business Basic/ })
	).toHaveText(/7\s*1\s*6/);
	await expect(c.getByText(t('fr', 'own_licenses_managed_note'))).toBeVisible();
	await openFromDashboardMenu(c, 'nav_subscriptions', 'fr');
	await expect(c.getByTestId('subs-totals')).toHaveText(
		`${t('fr', 'subs_active_one', { count: '1' })} · ${t('fr', 'subs_seats_other', { count: '7' })}`
	);
	await chooseLanguageInUserMenu(c, customer, 'fr', 'en');

	// A modified reseller client writes an order into its own feed: the reseller's sealer and the
	// provider's projection both quarantine it, and no page shows it as a subscription.
	const now = Date.now();
	const forgedId = 'f'.repeat(32);
	await forgeOwnFeedRecord(r, 'subscriptions', forgedId, {
		id: forgedId,
		customerId: '00000000-0000-4000-8000-000000000001',
		offerId: 'CFQ7TTC0LH18:0001',
		offerName: 'Microsoft 365 Business Basic',
		productId: 'CFQ7TTC0LH18',
		friendlyName: 'Forged seats',
		quantity: 300,
		unitType: 'Licenses',
		status: 'active',
		autoRenewEnabled: true,
		billingType: 'license',
		billingCycle: 'monthly',
		termDuration: 'P1Y',
		creationDate: now,
		effectiveStartDate: now,
		commitmentEndDate: now + 365 * 86_400_000,
		partnerId: RESELLER_MPN,
		orderId: forgedId,
		isTrial: false,
		history: [],
		updatedAt: now
	});
	await r.reload();
	await expect(refusedRow(await quarantineOf(r, provider.name), 'subscriptions')).toContainText(
		forgedId,
		SYNC
	);
	await expect(refusedRow(await quarantineOf(p, reseller.name), 'subscriptions')).toContainText(
		forgedId,
		SYNC
	);
	await openServices(r, customer.name);
	await expect(subscriptionCard(r, 'Contoso mail')).toBeVisible();
	await expect(r.getByText('Forged seats')).toHaveCount(0);
	await openServices(p, customer.name);
	await expect(subscriptionCard(p, 'Contoso mail')).toBeVisible();
	await expect(p.getByText('Forged seats')).toHaveCount(0);
	await c.reload();
	await expect(c.getByText('Forged seats')).toHaveCount(0);
});
