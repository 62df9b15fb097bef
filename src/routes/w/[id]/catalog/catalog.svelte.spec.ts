import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { page, userEvent, type Locator } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import { locale } from '$lib/state/locale.svelte';
import { createTestWorkspace, insertTestUser, type TestWorkspace } from '$lib/test/factories';
import ViewHarness from '../resellers/test/ViewHarness.svelte';
import CatalogPage from './+page.svelte';

/** The Catalog page in Chromium, over the bundled catalogue (34 offers). */

let reseller: TestWorkspace;
let provider: TestWorkspace;
let customer: TestWorkspace;
let noRoleUserId: string;

beforeAll(async () => {
	// A reseller in France, where every bundled offer is sold; a provider in Brazil, where
	// Business Central (sold only where Microsoft localises it) is not.
	reseller = await createTestWorkspace({
		kind: 'reseller',
		name: 'Fabrikam Resale',
		country: 'FR'
	});
	provider = await createTestWorkspace({ kind: 'provider', name: 'Northwind Dist', country: 'BR' });
	customer = await createTestWorkspace({ kind: 'customer', name: 'Contoso Bakery', country: 'FR' });
	noRoleUserId = (
		await insertTestUser(reseller.workspaceId, {
			agentRole: 'none',
			adminRole: 'user_management_admin'
		})
	).id;
});

afterEach(() => locale.set('en'));

function show(workspace: TestWorkspace = reseller, userId = workspace.userId) {
	render(ViewHarness, {
		session: { workspaceId: workspace.workspaceId, userId },
		page: CatalogPage
	});
	return {
		search: page.getByRole('searchbox', { name: 'Search offers' }),
		category: page.getByRole('combobox', { name: 'Category' }),
		country: page.getByRole('combobox', { name: 'Sold in' }),
		count: page.getByTestId('catalog-count'),
		offer: (name: string) => page.getByRole('article', { name, exact: true })
	};
}

/** The names of the offers on screen, in order. */
function offerNames(): string[] {
	return [...document.querySelectorAll('[data-testid="catalog-offer"] h3')].map(
		(heading) => heading.textContent ?? ''
	);
}

/** An offer's facts, each term with its description (whitespace collapsed). */
function facts(offer: Locator): Record<string, string> {
	const text = (node: Element | null) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
	const entries = [...offer.element().querySelectorAll('dt')].map((term) => [
		text(term),
		text(term.nextElementSibling)
	]);
	return Object.fromEntries(entries);
}

function categoryHeadings(): string[] {
	return [...document.querySelectorAll('[data-testid="catalog-group"] h2')].map(
		(heading) => heading.textContent ?? ''
	);
}

describe('Catalog page', () => {
	it('lists every offer sold in the workspace’s country, grouped by category', async () => {
		const { count, country, offer } = show();
		await expect.element(count).toHaveTextContent('34 offers');
		await expect.element(country).toHaveValue('FR');
		expect(categoryHeadings()).toEqual([
			'Productivity',
			'Email and collaboration',
			'Security',
			'Identity and access',
			'Device management',
			'Analytics',
			'Business applications',
			'Azure'
		]);
		expect(offerNames()).toHaveLength(34);

		const basic = offer('Microsoft 365 Business Basic');
		await expect.element(basic).toHaveTextContent('CFQ7TTC0LH18:0001');
		await expect.element(basic).toHaveTextContent('Web and mobile versions of Word');
		expect(facts(basic)).toMatchObject({
			'Offer ID': 'CFQ7TTC0LH18:0001',
			'Unit type': 'Licences',
			Quantity: '1–300',
			'Billing cycles': 'Monthly and Annual',
			Terms: '1 month and 1 year',
			'List price': '$6.00 per licence per month'
		});
		await expect.element(basic.getByText('Add-on')).not.toBeInTheDocument();
		await expect.element(basic.getByText('Trial')).not.toBeInTheDocument();

		const e3 = offer('Microsoft 365 E3');
		expect(facts(e3)).toMatchObject({
			Quantity: '1–10,000',
			'Billing cycles': 'Monthly, Annual, and Every three years',
			Terms: '1 month, 1 year, and 3 years',
			'List price': '$36.00 per licence per month'
		});

		await expect
			.element(offer('Microsoft 365 Copilot').getByText('Add-on', { exact: true }))
			.toBeVisible();
		const trial = offer('Microsoft 365 Business Basic Trial');
		await expect.element(trial.getByText('Trial', { exact: true })).toBeVisible();
		expect(facts(trial)).toMatchObject({
			Quantity: '1–25',
			'Billing cycles': 'Not billed',
			Terms: '1 month',
			'List price': 'Free'
		});
		expect(facts(offer('Azure plan'))).toMatchObject({
			'Unit type': 'Usage-based',
			Quantity: '1',
			'List price': 'Billed monthly for what is used'
		});
		// The ordering hint is for providers.
		await expect.element(page.getByTestId('catalog-provider-hint')).not.toBeInTheDocument();
	});

	it('narrows as you type, accents and case ignored', async () => {
		const { search, count } = show();
		await expect.element(count).toHaveTextContent('34 offers');
		await search.fill('ÉNTRA');
		await expect.element(count).toHaveTextContent('5 offers');
		// The Entra plans, and the suites whose descriptions name them.
		expect(offerNames()).toEqual([
			'Microsoft 365 Business Premium',
			'Microsoft 365 E3',
			'Microsoft 365 E5',
			'Microsoft Entra ID P1',
			'Microsoft Entra ID P2'
		]);
		// Every word must start a word of the offer: only P2 speaks of risk.
		await search.fill('entra id p2 RISK');
		await expect.element(count).toHaveTextContent('1 offer');
		expect(offerNames()).toEqual(['Microsoft Entra ID P2']);
		// The offer id is searched too.
		await search.fill('cfq7ttc0lh16');
		await expect.poll(offerNames).toEqual(['Exchange Online (Plan 1)']);
	});

	it('filters by category and by the country an offer is sold in', async () => {
		const { category, country, count, offer } = show(provider);
		// A provider in Brazil: Brazil by default, where Business Central is not sold.
		await expect.element(country).toHaveValue('BR');
		await expect.element(count).toHaveTextContent('33 offers');
		await expect.element(offer('Microsoft 365 Copilot')).toBeVisible();
		expect(offerNames()).not.toContain('Dynamics 365 Business Central Essentials');
		await expect
			.element(page.getByTestId('catalog-provider-hint'))
			.toHaveTextContent('Customers › a customer › Services › Add subscription');

		await country.selectOptions('All countries');
		await expect.element(count).toHaveTextContent('34 offers');
		await expect.element(offer('Dynamics 365 Business Central Essentials')).toBeVisible();

		// Mainland China: no Copilot, no Teams Essentials or Premium, no Business Central.
		await country.selectOptions('CN');
		await expect.element(count).toHaveTextContent('30 offers');
		expect(offerNames()).not.toContain('Microsoft 365 Copilot');
		expect(offerNames()).not.toContain('Microsoft Teams Essentials');
		expect(offerNames()).toContain('Exchange Online (Plan 1)');

		await category.selectOptions('Email and collaboration');
		await expect.element(count).toHaveTextContent('3 offers');
		expect(categoryHeadings()).toEqual(['Email and collaboration']);
		expect(offerNames()).toEqual([
			'Exchange Online (Plan 1)',
			'Exchange Online (Plan 2)',
			'Exchange Online Kiosk'
		]);
	});

	it('leaves out add-ons and trials when asked', async () => {
		const { count } = show();
		await expect.element(count).toHaveTextContent('34 offers');
		await page.getByRole('checkbox', { name: 'Include trials' }).click();
		await expect.element(count).toHaveTextContent('32 offers');
		expect(offerNames().filter((name) => name.endsWith('Trial'))).toEqual([]);
		await page.getByRole('checkbox', { name: 'Include add-ons' }).click();
		await expect.element(count).toHaveTextContent('29 offers');
		expect(offerNames()).not.toContain('Microsoft Teams Premium');
		expect(document.body.textContent).not.toContain('Add-on');
	});

	it('shows an offer’s details in a disclosure, from the keyboard', async () => {
		const { offer } = show();
		const copilot = offer('Microsoft 365 Copilot');
		const toggle = copilot.getByRole('button', { name: 'Details Microsoft 365 Copilot' });
		await expect.element(toggle).toHaveAttribute('aria-expanded', 'false');
		await expect.element(copilot.getByText('Requires one of')).not.toBeInTheDocument();
		(toggle.element() as HTMLElement).focus();
		await userEvent.keyboard('{Enter}');
		await expect.element(toggle).toHaveAttribute('aria-expanded', 'true');
		const details = copilot.getByRole('definition');
		await expect.element(copilot.getByText('Requires one of')).toBeVisible();
		const baseNames = [...copilot.element().querySelectorAll('.base-offers li')].map(
			(item) => item.textContent
		);
		expect(baseNames).toContain('Microsoft 365 Business Basic');
		expect(baseNames).toContain('Microsoft 365 Apps for enterprise');
		expect(baseNames).not.toContain('Microsoft 365 F3');
		expect(details.elements().some((dd) => dd.textContent === 'CFQ7TTC0MM8R')).toBe(true);
		expect(details.elements().some((dd) => /^\d+ countries$/.test(dd.textContent ?? ''))).toBe(
			true
		);
		await userEvent.keyboard(' ');
		await expect.element(toggle).toHaveAttribute('aria-expanded', 'false');
		await expect.element(copilot.getByText('Requires one of')).not.toBeInTheDocument();
	});

	it('switches every label to French', async () => {
		const { count, offer } = show();
		await expect.element(count).toHaveTextContent('34 offers');
		locale.set('fr');
		await expect.element(count).toHaveTextContent('34 offres');
		await expect.element(page.getByRole('heading', { name: 'Catalogue', level: 1 })).toBeVisible();
		await expect
			.element(page.getByRole('heading', { name: 'Identité et accès', level: 2 }))
			.toBeVisible();
		const soldIn = page.getByRole('combobox', { name: 'Pays de vente' });
		await expect.element(soldIn).toHaveValue('FR');
		// Country names in French too.
		const chosen = (soldIn.element() as HTMLSelectElement).selectedOptions[0];
		expect(chosen?.textContent).toBe('France');
		expect(soldIn.element().textContent).toContain('Allemagne');
		const basic = offer('Microsoft 365 Business Basic');
		await expect.element(basic).toHaveTextContent('messagerie professionnelle');
		expect(facts(basic)).toMatchObject({
			'ID de l’offre': 'CFQ7TTC0LH18:0001',
			'Type d’unité': 'Licences',
			'Cycles de facturation': 'Mensuel et Annuel',
			'Durées d’engagement': '1 mois et 1 an'
		});
		// 6,00 $US with a (narrow) no-break space, as French writes it.
		expect(facts(basic)['Prix catalogue']).toMatch(/^6,00\s\$US par licence et par mois$/);
		await expect
			.element(offer('Microsoft 365 Copilot').getByText('Module complémentaire', { exact: true }))
			.toBeVisible();

		// The search reads the French descriptions, accents ignored.
		const search = page.getByRole('searchbox', { name: 'Rechercher des offres' });
		await search.fill('securite avancee');
		await expect.element(count).toHaveTextContent('1 offre');
		expect(offerNames()).toEqual(['Microsoft 365 Business Premium']);
	});

	it('says when nothing matches and clears the filters', async () => {
		const { search, category, country, count } = show();
		await expect.element(count).toHaveTextContent('34 offers');
		await category.selectOptions('Azure');
		await search.fill('copilot');
		await expect.element(count).toHaveTextContent('0 offers');
		const empty = page.getByTestId('catalog-empty');
		await expect.element(empty).toHaveTextContent('No offer matches these filters.');
		expect(offerNames()).toEqual([]);
		await empty.getByRole('button', { name: 'Clear filters' }).click();
		await expect.element(count).toHaveTextContent('34 offers');
		await expect.element(search).toHaveValue('');
		await expect.element(search).toHaveFocus();
		await expect.element(category).toHaveValue('');
		await expect.element(country).toHaveValue('');
		await expect.element(empty).not.toBeInTheDocument();
	});

	it('is for partners with the view customers capability', async () => {
		show(reseller, noRoleUserId);
		await expect.element(page.getByTestId('forbidden')).toBeVisible();
		expect(offerNames()).toEqual([]);
	});

	it('tells a customer the page is for partners', async () => {
		show(customer);
		await expect
			.element(page.getByRole('alert'))
			.toHaveTextContent('The Catalog is for indirect resellers and providers.');
		expect(offerNames()).toEqual([]);
	});
});
