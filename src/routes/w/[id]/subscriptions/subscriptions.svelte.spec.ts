import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import { writeSubscriptions } from '$lib/db/subscription-store';
import { workspaceDb } from '$lib/db/workspace-db';
import type { SubscriptionRow } from '$lib/domain/commerce-records';
import { locale } from '$lib/state/locale.svelte';
import {
	catalogOffer,
	channelRow,
	customerRow,
	storeSubscriptions,
	subscriptionRow,
	tenantOf,
	uniqueHex
} from '$lib/test/commerce-rows';
import { createTestWorkspace, insertTestUser, type TestWorkspace } from '$lib/test/factories';
import ViewHarness from '../resellers/test/ViewHarness.svelte';
import CustomersPage from '../customers/+page.svelte';
import SubscriptionsPage from './+page.svelte';

/** The Subscriptions page (customer, provider, reseller) over real IndexedDB in Chromium. */

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

// ——— provider and reseller ———

/** A row as a provider (own) or a reseller (from its provider's feed) stores it. */
function partnerSide(
	channelId: string,
	customerKey: string,
	offer: typeof basic,
	quantity: number,
	changes: Partial<SubscriptionRow['record']> = {},
	origin: SubscriptionRow['origin'] = 'own'
): SubscriptionRow {
	const row = subscriptionRow({
		channelId,
		customerKey,
		offer,
		quantity,
		origin,
		status: changes.status
	});
	return { ...row, record: { ...row.record, ...changes } };
}

/** A channel row whose partner states this MPN ID. */
function withMpn(channel: ReturnType<typeof channelRow>, mpnId: string) {
	return { ...channel, partner: { ...channel.partner!, mpnId } };
}

function showPartner(workspace: TestWorkspace, userId = workspace.userId) {
	render(ViewHarness, {
		session: { workspaceId: workspace.workspaceId, userId },
		page: SubscriptionsPage
	});
	return {
		active: page.getByTestId('subov-tile-active'),
		seats: page.getByTestId('subov-tile-seats'),
		partners: page.getByTestId('subov-partners'),
		list: page.getByTestId('subov-list'),
		count: page.getByTestId('subov-count'),
		status: page.getByRole('combobox', { name: 'Status' })
	};
}

/** The text of each row of a role="table" grid, cells joined by " | ". */
function gridRows(testId: string): string[] {
	const table = page.getByTestId(testId).element();
	return [...table.querySelectorAll('[role="row"]')].map((row) =>
		[...row.querySelectorAll('[role="cell"], [role="rowheader"], [role="columnheader"]')]
			.map((cell) => cell.textContent!.replace(/\s+/g, ' ').trim())
			.join(' | ')
	);
}

describe('Subscriptions page, provider', () => {
	let provider: TestWorkspace;
	const fabrikam = uniqueHex();
	const contoso = uniqueHex();
	const adatum = uniqueHex();
	const alpine = `${fabrikam}:${tenantOf(1)}`;
	const bistro = `${fabrikam}:${tenantOf(2)}`;
	const chalet = `${contoso}:${tenantOf(3)}`;

	beforeAll(async () => {
		provider = await createTestWorkspace({
			kind: 'provider',
			name: 'Northwind Distribution',
			country: 'FR'
		});
		const db = workspaceDb(provider.workspaceId);
		await db.channels.bulkAdd([
			channelRow(fabrikam, { role: 'provider', name: 'Fabrikam Resale' }),
			withMpn(channelRow(contoso, { role: 'provider', name: 'Contoso IT' }), '5550123'),
			channelRow(adatum, { role: 'provider', name: 'Adatum Partners' })
		]);
		await db.customers.bulkAdd([
			customerRow(alpine, tenantOf(1), 'Alpine Ski House'),
			customerRow(bistro, tenantOf(2), 'Bistro Lumière'),
			customerRow(chalet, tenantOf(3), 'Chalet Müller')
		]);
		await storeSubscriptions(db, [
			partnerSide(fabrikam, alpine, basic, 25, { friendlyName: 'Head office mail' }),
			partnerSide(fabrikam, bistro, e3, 3, {
				friendlyName: 'Kitchen',
				status: 'suspended',
				suspendedReason: 'Unpaid invoice',
				autoRenewEnabled: false
			}),
			partnerSide(fabrikam, bistro, azure, 1, { friendlyName: 'Bistro Azure' }),
			partnerSide(contoso, chalet, premium, 40, { friendlyName: 'Chalet seats' })
		]);
	});

	it('shows the totals and each reseller’s, then the chosen reseller’s subscriptions', async () => {
		const { active, seats, partners, list, count } = showPartner(provider);
		await expect.element(active).toHaveTextContent(/Active subscriptions\s*3$/);
		await expect.element(seats).toHaveTextContent(/Seats\s*65/);
		await expect.element(page.getByRole('heading', { name: 'By reseller' })).toBeVisible();
		await expect.element(partners).toHaveTextContent('Adatum Partners');
		await expect
			.poll(() => gridRows('subov-partners'))
			.toEqual([
				'Reseller | MPN ID | Active subscriptions | Seats',
				'Contoso IT | 5550123 | 1 | 40',
				'Fabrikam Resale | 4847383 | 2 | 25',
				'Adatum Partners | 4847383 | 0 | 0'
			]);
		await expect
			.element(page.getByTestId('subov-choose'))
			.toHaveTextContent('Choose a reseller to list its subscriptions.');

		const choose = page.getByRole('button', { name: 'Fabrikam Resale' });
		await choose.click();
		await expect.element(choose).toHaveAttribute('aria-pressed', 'true');
		await expect
			.element(page.getByRole('heading', { name: 'Subscriptions through Fabrikam Resale' }))
			.toBeVisible();
		await expect.element(count).toHaveTextContent('3 subscriptions');
		await expect.element(list).toHaveTextContent('Kitchen');
		// Active first, then suspended; Contoso's subscription is not Fabrikam's.
		await expect.poll(() => gridRows('subov-list')).toHaveLength(4);
		const rows = gridRows('subov-list');
		expect(rows[0]).toBe(
			'Customer | Friendly name | Offer | Quantity | Status | Term end | Auto-renew'
		);
		expect(rows.slice(1).sort()).toEqual(
			[
				'Alpine Ski House | Head office mail | Microsoft 365 Business Basic | 25 | Active | March 3, 2026 | On',
				'Bistro Lumière | Bistro Azure | Azure plan | 1 | Active | March 3, 2026 | On',
				'Bistro Lumière | Kitchen | Office 365 E3 | 3 | Suspended Reason: Unpaid invoice | March 3, 2026 | Off'
			].sort()
		);
		expect(rows[3]).toMatch(/^Bistro Lumière \| Kitchen/);
		await expect.element(list).not.toHaveTextContent('Chalet');
		const customers = page.getByRole('link', { name: 'Customers of Fabrikam Resale' });
		await expect.element(customers).toBeVisible();
		expect(customers.element().getAttribute('href')).toMatch(
			new RegExp(`/customers\\?partner=${fabrikam}$`)
		);
	});

	it('filters by status, and says when nothing matches', async () => {
		const { list, count, status } = showPartner(provider);
		await page.getByRole('button', { name: 'Fabrikam Resale' }).click();
		await expect.element(count).toHaveTextContent('3 subscriptions');
		await expect.element(status).toHaveTextContent('All statuses (3)');

		await status.selectOptions('Suspended (1)');
		await expect.element(count).toHaveTextContent('1 subscription');
		await expect.element(list).toHaveTextContent('Kitchen');
		await expect.element(list).not.toHaveTextContent('Head office mail');

		await status.selectOptions('Expired (0)');
		await expect
			.element(page.getByTestId('subov-list-empty'))
			.toHaveTextContent('No subscription through Fabrikam Resale has the status “Expired”.');
		await page.getByRole('button', { name: 'Show all statuses' }).click();
		await expect.element(count).toHaveTextContent('3 subscriptions');
	});

	it('says when a reseller has no subscriptions yet', async () => {
		showPartner(provider);
		await page.getByRole('button', { name: 'Adatum Partners' }).click();
		await expect
			.element(page.getByTestId('subov-list-empty'))
			.toHaveTextContent('No subscriptions through Adatum Partners yet.');
		await expect.element(page.getByTestId('subov-list')).not.toBeInTheDocument();
	});

	it('follows an order and a change made elsewhere, live', async () => {
		const { active, seats, list, count } = showPartner(provider);
		await page.getByRole('button', { name: 'Adatum Partners' }).click();
		await expect.element(page.getByTestId('subov-list-empty')).toBeVisible();

		const db = workspaceDb(provider.workspaceId);
		const ordered = partnerSide(adatum, `${adatum}:${tenantOf(4)}`, basic, 12, {
			friendlyName: 'New order'
		});
		await storeSubscriptions(db, [ordered]);
		await expect.element(count).toHaveTextContent('1 subscription');
		// No customers row for it on this side: said so, not left blank.
		await expect.element(list).toHaveTextContent('Customer not in your list');
		await expect.element(active).toHaveTextContent(/Active subscriptions\s*4$/);
		await expect.element(seats).toHaveTextContent(/Seats\s*77/);
		await expect
			.poll(() => gridRows('subov-partners')[3])
			.toBe('Adatum Partners | 4847383 | 1 | 12');

		const changed = { ...ordered, record: { ...ordered.record, quantity: 20 } };
		await storeSubscriptions(db, [changed]);
		await expect.element(list.getByRole('cell', { name: '20', exact: true })).toBeVisible();
		await expect.element(seats).toHaveTextContent(/Seats\s*85/);

		await db.transaction('rw', [db.subscriptions, db.subscriptionTotals], () =>
			writeSubscriptions(db, [], [ordered.key])
		);
		await expect.element(page.getByTestId('subov-list-empty')).toBeVisible();
		await expect.element(active).toHaveTextContent(/Active subscriptions\s*3$/);
	});

	it('speaks French: headings, statuses, dates and numbers', async () => {
		locale.set('fr');
		const { seats, count } = showPartner(provider);
		await expect.element(page.getByRole('heading', { level: 1 })).toHaveTextContent('Abonnements');
		await expect.element(page.getByRole('heading', { name: 'Par revendeur' })).toBeVisible();
		await expect.element(seats).toHaveTextContent(/Licences\s*65/);
		await page.getByRole('button', { name: 'Fabrikam Resale' }).click();
		await expect
			.element(page.getByRole('heading', { name: 'Abonnements via Fabrikam Resale' }))
			.toBeVisible();
		await expect.element(count).toHaveTextContent('3 abonnements');
		const kitchen = page.getByTestId('subov-list').getByRole('row').filter({ hasText: 'Kitchen' });
		await expect.element(kitchen).toHaveTextContent('Suspendu');
		await expect.element(kitchen).toHaveTextContent('3 mars 2026');
		await expect.element(kitchen).toHaveTextContent('Désactivé');
		await expect.element(page.getByRole('combobox', { name: 'Statut' })).toBeVisible();
		await page.getByRole('combobox', { name: 'Statut' }).selectOptions('Expiré (0)');
		await expect
			.element(page.getByTestId('subov-list-empty'))
			.toHaveTextContent("Aucun abonnement via Fabrikam Resale n'a le statut « Expiré ».");
	});

	it('shows the Forbidden message to a user who may not see customers', async () => {
		const admin = await insertTestUser(provider.workspaceId, {
			agentRole: 'none',
			adminRole: 'user_management_admin'
		});
		showPartner(provider, admin.id);
		await expect.element(page.getByTestId('forbidden')).toBeVisible();
		await expect.element(page.getByTestId('subov-partners')).not.toBeInTheDocument();
	});

	it('says there are no resellers yet', async () => {
		const alone = await createTestWorkspace({ kind: 'provider', name: 'Litware Cloud' });
		showPartner(alone);
		await expect
			.element(page.getByTestId('subov-empty'))
			.toHaveTextContent(/No resellers yet\s*When a reseller accepts your partnership request/);
	});
});

describe('Subscriptions page, many resellers and subscriptions', () => {
	it('finds a reseller by name or MPN ID and lists thousands of rows, only those on screen in the page', async () => {
		const big = await createTestWorkspace({ kind: 'provider', name: 'Big Distribution' });
		const db = workspaceDb(big.workspaceId);
		const channels = Array.from({ length: 60 }, () => uniqueHex());
		await db.channels.bulkAdd(
			channels.map((id, n) =>
				withMpn(
					channelRow(id, { role: 'provider', name: `Reseller ${n + 1}` }),
					String(7000000 + n)
				)
			)
		);
		const largest = channels[41]!;
		const customerKey = `${largest}:${tenantOf(1)}`;
		await db.customers.add(customerRow(customerKey, tenantOf(1), 'Fourth Coffee'));
		await storeSubscriptions(
			db,
			Array.from({ length: 1500 }, (_, n) =>
				partnerSide(largest, customerKey, basic, 1 + (n % 3), { friendlyName: `Seat pack ${n}` })
			)
		);

		showPartner(big);
		// The largest first (most seats), the table itself virtual: not 60 rows in the page.
		await expect.element(page.getByTestId('subov-partners')).toHaveTextContent('Reseller 42');
		await expect
			.poll(() => gridRows('subov-partners')[1])
			.toBe('Reseller 42 | 7000041 | 1,500 | 3,000');
		expect(gridRows('subov-partners').length).toBeLessThan(61);
		const search = page.getByRole('searchbox', { name: 'Find a reseller' });
		await search.fill('7000017');
		await expect.element(page.getByTestId('subov-partners')).toHaveTextContent('Reseller 18');
		await expect.poll(() => gridRows('subov-partners')).toHaveLength(2);
		await search.fill('reseller 4');
		await expect.element(page.getByRole('button', { name: 'Reseller 42' })).toBeVisible();
		await search.fill('Nobody');
		await expect.element(page.getByText('No partner matches “Nobody”.')).toBeVisible();
		await search.fill('');

		await page.getByRole('button', { name: 'Reseller 42' }).click();
		await expect.element(page.getByTestId('subov-count')).toHaveTextContent('1,500 subscriptions');
		await expect.element(page.getByTestId('subov-list')).toHaveTextContent('Fourth Coffee');
		const mounted = page.getByTestId('subov-list').element().querySelectorAll('[role="row"]');
		expect(mounted.length).toBeGreaterThan(2);
		expect(mounted.length).toBeLessThan(200);
	});
});

describe('Subscriptions page, reseller', () => {
	it('lists its providers and, with one, that provider’s subscriptions at once', async () => {
		const reseller = await createTestWorkspace({ kind: 'reseller', name: 'Fabrikam Resale' });
		const db = workspaceDb(reseller.workspaceId);
		const northwind = uniqueHex();
		await db.channels.bulkAdd([
			channelRow(northwind, { role: 'reseller', name: 'Northwind Distribution' }),
			// its customers are not providers
			channelRow(uniqueHex(), { role: 'reseller', kind: 'customer', name: 'Alpine Ski House' })
		]);
		await db.customers.add(customerRow(tenantOf(1), tenantOf(1), 'Alpine Ski House'));
		await storeSubscriptions(db, [
			partnerSide(northwind, tenantOf(1), basic, 5, { friendlyName: 'Ski school' }, 'partner')
		]);

		const { active, list } = showPartner(reseller);
		await expect.element(active).toHaveTextContent(/Active subscriptions\s*1$/);
		await expect.element(page.getByRole('heading', { name: 'By indirect provider' })).toBeVisible();
		await expect
			.poll(() => gridRows('subov-partners'))
			.toEqual([
				'Indirect provider | MPN ID | Active subscriptions | Seats',
				'Northwind Distribution | 4847383 | 1 | 5'
			]);
		await expect
			.element(page.getByRole('heading', { name: 'Subscriptions through Northwind Distribution' }))
			.toBeVisible();
		await expect
			.element(list.getByRole('row').filter({ hasText: 'Ski school' }))
			.toHaveTextContent('Alpine Ski House');
		await expect
			.element(page.getByRole('link', { name: 'Customers shared with Northwind Distribution' }))
			.toBeVisible();
	});

	it('says there are no providers yet, in French too', async () => {
		const reseller = await createTestWorkspace({ kind: 'reseller', name: 'Tailspin Toys' });
		showPartner(reseller);
		await expect
			.element(page.getByTestId('subov-empty'))
			.toHaveTextContent(/No indirect providers yet\s*When you authorize an indirect provider/);
		locale.set('fr');
		await expect
			.element(page.getByTestId('subov-empty'))
			.toHaveTextContent(/Aucun fournisseur indirect pour l'instant/);
	});
});
