// Helpers for the customer journeys: the reseller's request, the customer's acceptance and what
// each party's pages show, as a person clicks and reads them.
import type { Locator, Page } from '@playwright/test';
import { expect, openFromDashboardMenu, t, type Lang } from './fixtures';

/** What the customer types on the Accept page (a Paris address). */
export const parisAccount = {
	addressLine1: '12 rue de la Paix',
	city: 'Paris',
	postalCode: '75002',
	firstName: 'Léa',
	lastName: 'Martin',
	email: 'lea.martin@contoso.example'
};

/** Follows the email draft step: checks the draft keeps the link, returns it, selects Done. */
async function takeLinkFromDraft(page: Page, invType: string, lang: Lang): Promise<string> {
	const linkField = page.getByTestId('invitation-link');
	await expect(linkField).toHaveValue(new RegExp(`/invite\\?invType=${invType}&.+#inv=`));
	const link = await linkField.inputValue();
	const body = page.getByLabel(t(lang, 'res_draft_body'), { exact: true });
	await expect(body).toHaveValue(new RegExp(link.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
	await expect(page.getByTestId('open-in-email')).toHaveAttribute('href', /^mailto:/);
	await page.getByRole('link', { name: t(lang, 'done') }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: t(lang, 'creq_requests') })
	).toBeVisible();
	return link;
}

/** Reseller: Customers > Request a reseller relationship > email draft; returns the link. */
export async function requestResellerRelationship(
	page: Page,
	customer: { email: string; name: string; dap: boolean },
	lang: Lang = 'en'
): Promise<string> {
	await openFromDashboardMenu(page, 'nav_customers', lang);
	await page
		.getByRole('link', { name: t(lang, 'customers_request_relationship') })
		.first()
		.click();
	await page.getByLabel(t(lang, 'creq_email'), { exact: true }).fill(customer.email);
	await page.getByLabel(t(lang, 'creq_name'), { exact: true }).fill(customer.name);
	if (customer.dap) await page.getByLabel(t(lang, 'creq_dap'), { exact: true }).check();
	await page.getByRole('button', { name: t(lang, 'next') }).click();
	return takeLinkFromDraft(page, 'ResellerRelationship', lang);
}

/** Reseller: Indirect providers > Invite new customers (with that provider); returns the link. */
export async function inviteCustomerWithProvider(
	page: Page,
	providerName: string,
	customer: { email: string; name: string; dap?: boolean },
	lang: Lang = 'en'
): Promise<string> {
	await openFromDashboardMenu(page, 'nav_indirect_providers', lang);
	await page
		.getByTestId('provider-row')
		.filter({ hasText: providerName })
		.getByRole('link', { name: new RegExp(t(lang, 'creq_invite_title')) })
		.click();
	await expect(
		page.getByText(t(lang, 'creq_invite_intro', { provider: providerName }))
	).toBeVisible();
	await page.getByLabel(t(lang, 'creq_email'), { exact: true }).fill(customer.email);
	await page.getByLabel(t(lang, 'creq_name'), { exact: true }).fill(customer.name);
	if (customer.dap) await page.getByLabel(t(lang, 'creq_dap'), { exact: true }).check();
	await page.getByRole('button', { name: t(lang, 'next') }).click();
	const link = await takeLinkFromDraft(page, 'IndirectResellerRelationship', lang);
	expect(new URL(link).searchParams.get('indirectCSPId')).not.toBeNull();
	return link;
}

/**
 * Customer: opens the link, checks who asks, picks its workspace (signed in in this tab), fills
 * the address and billing contact, ticks the box and selects Accept; lands on Partner
 * relationships.
 */
export async function acceptFromLink(
	page: Page,
	link: string,
	expected: { workspaceName: string; resellerName: string; dap: boolean; providerName?: string },
	lang: Lang = 'en'
) {
	await page.goto(link);
	await expect(
		page.getByRole('heading', { level: 1, name: t(lang, 'cust_inv_title') })
	).toBeVisible();
	await expect.poll(() => new URL(page.url()).hash).toBe('');
	await expect(page.getByTestId('partner-name').first()).toHaveText(expected.resellerName);
	if (expected.providerName) {
		await expect(page.getByTestId('invitation-provider')).toContainText(expected.providerName);
	}
	await expect(page.getByTestId('invitation-dap')).toHaveText(
		t(lang, expected.dap ? 'cust_inv_dap_yes' : 'cust_inv_dap_no')
	);
	await page
		.getByTestId('customer-workspaces')
		.getByRole('link', { name: expected.workspaceName })
		.click();
	await expect(
		page.getByRole('heading', { level: 1, name: t(lang, 'cust_inv_accept_title') })
	).toBeVisible();
	await page
		.getByLabel(t(lang, 'enr_address_line1'), { exact: true })
		.fill(parisAccount.addressLine1);
	await page.getByLabel(t(lang, 'enr_city'), { exact: true }).fill(parisAccount.city);
	await page.getByLabel(t(lang, 'enr_postal_code'), { exact: true }).fill(parisAccount.postalCode);
	await page.getByLabel(t(lang, 'enr_first_name'), { exact: true }).fill(parisAccount.firstName);
	await page.getByLabel(t(lang, 'enr_last_name'), { exact: true }).fill(parisAccount.lastName);
	await page.getByLabel(t(lang, 'enr_contact_email'), { exact: true }).fill(parisAccount.email);
	const confirm = expected.dap
		? t(lang, 'cust_inv_confirm_dap', { reseller: expected.resellerName })
		: t(lang, 'cust_inv_confirm');
	await page.getByRole('checkbox', { name: confirm }).check();
	await page.getByRole('button', { name: t(lang, 'cust_inv_accept_button'), exact: true }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: t(lang, 'partners_title') })
	).toBeVisible();
}

/** A customer's row on the Customers page. */
export function customerRow(page: Page, companyName: string): Locator {
	return page.getByRole('row').filter({ hasText: companyName });
}

/** The cells of a customer row, in the page's column order (after the name). */
export function customerCell(
	page: Page,
	companyName: string,
	column: 'domain' | 'country' | 'relationship' | 'dap' | 'partner'
): Locator {
	const index = { domain: 0, country: 1, relationship: 2, dap: 3, partner: 4 }[column];
	return customerRow(page, companyName).getByRole('cell').nth(index);
}

/** The state line of a reseller on the customer's Partner relationships page. */
export function partnerOf(page: Page, resellerName: string): Locator {
	return page.getByTestId('partner-row').filter({ hasText: resellerName });
}
