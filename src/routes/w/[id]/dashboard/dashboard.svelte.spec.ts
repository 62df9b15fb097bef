import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { page, type Locator } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import { Chart } from 'chart.js';
import { workspaceDb } from '$lib/db/workspace-db';
import { offerCatalog } from '$lib/domain/catalog-data';
import { locale } from '$lib/state/locale.svelte';
import {
	catalogOffer,
	changeRequestRow,
	channelRow,
	customerRow,
	storeSubscriptions,
	subscriptionRow,
	tenantOf,
	uniqueHex
} from '$lib/test/commerce-rows';
import { createTestWorkspace, insertTestUser, type TestWorkspace } from '$lib/test/factories';
import ViewHarness from '../resellers/test/ViewHarness.svelte';
import DashboardPage from '../+page.svelte';
import SubscriptionDashboard from './SubscriptionDashboard.svelte';

/** The Dashboard's subscription tiles and charts, over real IndexedDB in Chromium. */

const basic = catalogOffer('Microsoft 365 Business Basic');
const premium = catalogOffer('Microsoft 365 Business Premium');
const e3 = catalogOffer('Office 365 E3');
const azure = catalogOffer('Azure plan');

let provider: TestWorkspace;
let reseller: TestWorkspace;
let customer: TestWorkspace;

beforeAll(async () => {
	[provider, reseller, customer] = await Promise.all([
		createTestWorkspace({ kind: 'provider', name: 'Northwind Distribution', country: 'DE' }),
		createTestWorkspace({ kind: 'reseller', name: 'Fabrikam Resale', country: 'FR' }),
		createTestWorkspace({ kind: 'customer', name: 'Alpine Ski House', country: 'FR' })
	]);
});

afterEach(async () => {
	locale.set('en');
	for (const w of [provider, reseller, customer]) {
		const db = workspaceDb(w.workspaceId);
		await Promise.all([
			db.subscriptions.clear(),
			db.subscriptionTotals.clear(),
			db.changeRequests.clear()
		]);
	}
});

function show(w: TestWorkspace, kind: 'provider' | 'reseller' | 'customer', userId = w.userId) {
	return render(ViewHarness, {
		session: { workspaceId: w.workspaceId, userId },
		page: SubscriptionDashboard,
		pageProps: { kind }
	});
}

const tile = (id: string) => page.getByTestId(`dash-tile-${id}`);

/** A tile reads its label, then its figure (as the UI language writes it). */
function expectTile(id: string, label: string, figure: string) {
	return expect
		.element(tile(id))
		.toHaveTextContent(new RegExp(`^\\s*${label}\\s*${figure}(\\s|$)`));
}

/** The text of each cell of each row of a table. */
function cells(table: Locator): string[][] {
	return [...(table.element() as HTMLTableElement).rows].map((row) =>
		[...row.cells].map((cell) => cell.textContent!.replace(/\s+/g, ' ').trim())
	);
}

/** The Chart.js chart drawn in a figure, once its lazily loaded module has drawn it. */
async function drawnChart(id: string): Promise<Chart> {
	let chart: Chart | undefined;
	await expect
		.poll(() => {
			const canvas = page.getByTestId(`${id}-chart`).element().querySelector('canvas');
			chart = canvas ? Chart.getChart(canvas) : undefined;
			return chart !== undefined;
		})
		.toBe(true);
	return chart!;
}

describe('provider', () => {
	it('says there is nothing yet, then shows tiles, charts and tables as subscriptions arrive', async () => {
		const db = workspaceDb(provider.workspaceId);
		const fabrikam = uniqueHex();
		const contoso = uniqueHex();
		await db.channels.bulkPut([
			channelRow(fabrikam, { role: 'provider', name: 'Fabrikam Resale' }),
			channelRow(contoso, { role: 'provider', name: 'Contoso IT' })
		]);
		const alpine = `${fabrikam}:${tenantOf(1)}`;
		const chalet = `${contoso}:${tenantOf(2)}`;
		await db.customers.bulkPut([
			customerRow(alpine, tenantOf(1), 'Alpine Ski House'),
			customerRow(chalet, tenantOf(2), 'Chalet Müller')
		]);

		show(provider, 'provider');
		await expect
			.element(page.getByTestId('dash-empty'))
			.toHaveTextContent(/No subscriptions yet\. When you place an order/);
		await expect.element(page.getByRole('img')).not.toBeInTheDocument();

		// Ten licence offers (seats 1,000 then 10 … 90) and a usage-based one.
		const offers = offerCatalog.filter((o) => o.unitType === 'Licenses' && !o.isTrial);
		const rows = offers.slice(0, 10).map((offer, n) =>
			subscriptionRow({
				channelId: n % 2 ? contoso : fabrikam,
				customerKey: n % 2 ? chalet : alpine,
				offer,
				quantity: n === 0 ? 1000 : (10 - n) * 10
			})
		);
		rows.push(
			subscriptionRow({ channelId: contoso, customerKey: chalet, offer: azure, quantity: 1 }),
			subscriptionRow({
				channelId: fabrikam,
				customerKey: alpine,
				offer: premium,
				quantity: 5,
				status: 'suspended'
			})
		);
		await storeSubscriptions(db, rows);

		await expectTile('active', 'Active subscriptions', '11');
		// 1,000 + 90 + 80 + … + 10 = 1,450 seats: the usage-based plan has none
		await expectTile('seats', 'Seats', '1,450');
		await expectTile('resellers', 'Resellers with subscriptions', '2');
		await expectTile('suspended', 'Suspended subscriptions', '1');
		await expect.element(page.getByTestId('dash-empty')).not.toBeInTheDocument();

		// Seats by offer: the eight largest, then "Other" for the last two.
		const offerChart = await drawnChart('dash-offers');
		expect(offerChart.data.labels).toEqual([...offers.slice(0, 8).map((o) => o.name), 'Other']);
		expect(offerChart.data.datasets[0]!.data).toEqual([1000, 90, 80, 70, 60, 50, 40, 30, 30]);
		await expect
			.element(
				page.getByRole('img', {
					name: 'Bar chart: Seats by offer. The figures are in the table below it.'
				})
			)
			.toBeVisible();

		// The table lists every offer, the usage-based one too.
		const offersFigure = page.getByRole('figure', { name: 'Seats by offer' });
		await offersFigure.getByText('Show as table').click();
		const table = offersFigure.getByRole('table', { name: 'Seats by offer' });
		await expect.element(table).toBeVisible();
		const tableCells = cells(table);
		expect(tableCells).toHaveLength(12);
		expect(tableCells[0]).toEqual(['Offer', 'Active subscriptions', 'Seats']);
		expect(tableCells[1]).toEqual([offers[0]!.name, '1', '1,000']);
		expect(tableCells.at(-1)).toEqual(['Azure plan', '1', '0']);

		// Seats by reseller, and the customers with most seats.
		const resellerChart = await drawnChart('dash-resellers');
		expect(resellerChart.data.labels).toEqual(['Fabrikam Resale', 'Contoso IT']);
		expect(resellerChart.data.datasets[0]!.data).toEqual([
			1000 + 80 + 60 + 40 + 20,
			90 + 70 + 50 + 30 + 10
		]);
		expect(cells(page.getByTestId('dash-top-customers'))).toEqual([
			['Customer', 'Active subscriptions', 'Seats'],
			['Alpine Ski House', '5', '1,200'],
			['Chalet Müller', '6', '250']
		]);
	});

	it('follows the language: labels, numbers and the chart', async () => {
		const db = workspaceDb(provider.workspaceId);
		const channel = uniqueHex();
		await storeSubscriptions(
			db,
			offerCatalog
				.filter((o) => o.unitType === 'Licenses' && !o.isTrial)
				.slice(0, 10)
				.map((offer, n) =>
					subscriptionRow({
						channelId: channel,
						customerKey: `${channel}:${tenantOf(n)}`,
						offer,
						quantity: n === 0 ? 2500 : 10
					})
				)
		);
		show(provider, 'provider');
		await expectTile('seats', 'Seats', '2,590');
		const chart = await drawnChart('dash-offers');
		expect(chart.data.labels).toContain('Other');

		locale.set('fr');
		await expect
			.element(page.getByRole('heading', { name: 'Aperçu des abonnements' }))
			.toBeVisible();
		await expectTile('seats', 'Licences', '2\\s590');
		// with the narrow no-break space French puts between thousands
		expect(tile('seats').element().querySelector('.value')!.textContent!.trim()).toBe('2\u202f590');
		await expectTile('active', 'Abonnements actifs', '10');
		await expect.poll(() => chart.data.labels).toContain('Autres');
		expect(chart.options.locale).toBe('fr');
		await expect
			.element(
				page
					.getByRole('figure', { name: 'Licences par offre' })
					.getByText('Afficher sous forme de tableau')
			)
			.toBeVisible();
	});

	it('is on the Dashboard page, and hidden from users who may not see customers', async () => {
		const db = workspaceDb(provider.workspaceId);
		await storeSubscriptions(db, [
			subscriptionRow({
				channelId: uniqueHex(),
				customerKey: `x:${tenantOf(1)}`,
				offer: basic,
				quantity: 3
			})
		]);
		const { unmount } = await render(ViewHarness, {
			session: { workspaceId: provider.workspaceId, userId: provider.userId },
			page: DashboardPage
		});
		await expectTile('seats', 'Seats', '3');
		await unmount();

		const usersOnly = await insertTestUser(provider.workspaceId, {
			agentRole: 'none',
			adminRole: 'user_management_admin'
		});
		render(ViewHarness, {
			session: { workspaceId: provider.workspaceId, userId: usersOnly.id },
			page: DashboardPage
		});
		await expect.element(page.getByRole('heading', { name: 'You' })).toBeVisible();
		await expect
			.element(page.getByRole('heading', { name: 'Subscriptions at a glance' }))
			.not.toBeInTheDocument();
	});
});

describe('reseller', () => {
	it('shows customers with subscriptions and pending change requests', async () => {
		const db = workspaceDb(reseller.workspaceId);
		const northwind = uniqueHex();
		await db.channels.put(
			channelRow(northwind, { role: 'reseller', name: 'Northwind Distribution' })
		);
		await db.customers.bulkPut([
			customerRow(tenantOf(1), tenantOf(1), 'Alpine Ski House'),
			customerRow(tenantOf(2), tenantOf(2), 'Bistro Lumière')
		]);
		const rows = [
			subscriptionRow({
				channelId: northwind,
				customerKey: tenantOf(1),
				offer: premium,
				quantity: 20,
				origin: 'partner'
			}),
			subscriptionRow({
				channelId: northwind,
				customerKey: tenantOf(2),
				offer: basic,
				quantity: 4,
				origin: 'partner'
			}),
			subscriptionRow({
				channelId: northwind,
				customerKey: tenantOf(3),
				offer: e3,
				quantity: 9,
				origin: 'partner',
				status: 'deleted'
			})
		];
		await storeSubscriptions(db, rows);
		await db.changeRequests.bulkAdd([
			changeRequestRow(rows[0]!),
			changeRequestRow(rows[1]!, 'accepted')
		]);

		show(reseller, 'reseller');
		await expectTile('active', 'Active subscriptions', '2');
		await expectTile('seats', 'Seats', '24');
		await expectTile('customers', 'Customers with subscriptions', '2');
		await expectTile('pending', 'Pending change requests', '1');
		await expect.element(tile('resellers')).not.toBeInTheDocument();

		const chart = await drawnChart('dash-offers');
		expect(chart.data.labels).toEqual([
			'Microsoft 365 Business Premium',
			'Microsoft 365 Business Basic'
		]);
		await expect
			.element(page.getByRole('figure', { name: 'Seats by reseller' }))
			.not.toBeInTheDocument();
		expect(cells(page.getByTestId('dash-top-customers')).slice(1)).toEqual([
			['Alpine Ski House', '1', '20'],
			['Bistro Lumière', '1', '4']
		]);

		// A new request arrives: the tile follows.
		await db.changeRequests.add(changeRequestRow(rows[1]!));
		await expectTile('pending', 'Pending change requests', '2');
	});
});

describe('customer', () => {
	it('shows its subscriptions, seats and partners, and an offer table', async () => {
		const db = workspaceDb(customer.workspaceId);
		const fabrikam = uniqueHex();
		const sellers = { provider: 'Northwind Distribution', reseller: 'Fabrikam Resale' };
		show(customer, 'customer');
		await expect
			.element(page.getByTestId('dash-empty'))
			.toHaveTextContent(
				'You have no subscriptions yet. What your partners sell you appears here.'
			);

		await storeSubscriptions(db, [
			subscriptionRow({
				channelId: fabrikam,
				customerKey: 'self',
				offer: premium,
				quantity: 12,
				origin: 'partner',
				sellers
			}),
			subscriptionRow({
				channelId: fabrikam,
				customerKey: 'self',
				offer: azure,
				quantity: 1,
				origin: 'partner',
				sellers
			})
		]);
		await expectTile('active', 'Active subscriptions', '2');
		await expectTile('seats', 'Seats', '12');
		await expectTile('partners', 'Partners', '2');
		await expect.element(tile('pending')).not.toBeInTheDocument();

		const figure = page.getByRole('figure', { name: 'Seats by offer' });
		await figure.getByText('Show as table').click();
		const names = figure
			.getByRole('table')
			.getByRole('rowheader')
			.elements()
			.map((cell) => cell.textContent!.trim());
		expect(names).toEqual(['Microsoft 365 Business Premium', 'Azure plan']);
		await expect.element(page.getByTestId('dash-top-customers')).not.toBeInTheDocument();
	});
});
