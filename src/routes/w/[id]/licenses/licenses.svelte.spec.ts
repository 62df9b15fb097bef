import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import { workspaceDb, type WorkspaceDB } from '$lib/db/workspace-db';
import type { DirectoryUser } from '$lib/domain/customer-directory';
import { projectIntoTables } from '$lib/sync/table-projection';
import { locale } from '$lib/state/locale.svelte';
import { catalogOffer, subscriptionRow, uniqueHex } from '$lib/test/commerce-rows';
import { createTestWorkspace, type TestWorkspace } from '$lib/test/factories';
import { T0 } from '$lib/test/orders';
import ViewHarness from '../resellers/test/ViewHarness.svelte';
import LicensesPage from './+page.svelte';

/** The customer's Licenses page over real IndexedDB in Chromium, filled by its projection. */

const basic = catalogOffer('Microsoft 365 Business Basic');
const e3 = catalogOffer('Office 365 E3');
const CHANNEL = uniqueHex();
const sellers = { reseller: 'Fabrikam Resale', provider: 'Northwind Distribution' };

function directoryUser(name: string, overrides: Partial<DirectoryUser> = {}): DirectoryUser {
	return {
		id: crypto.randomUUID(),
		firstName: name,
		lastName: 'Martin',
		displayName: `${name} Martin`,
		userPrincipalName: `${name.toLowerCase()}@contoso.fr`,
		usageLocation: 'FR',
		state: 'active',
		licenses: [],
		createdAt: T0,
		updatedAt: T0,
		...overrides
	};
}

/** What the reseller's feed says, through the same projection sync uses. */
async function arrive(db: WorkspaceDB, records: Map<string, { id: string; value: unknown }[]>) {
	await db.transaction(
		'rw',
		[
			db.subscriptions,
			db.subscriptionTotals,
			db.customers,
			db.orders,
			db.changeRequests,
			db.customerUsers,
			db.licenseAssignments
		],
		() => projectIntoTables(db, CHANNEL, records, T0)
	);
}

function subscription(offer: typeof basic, quantity: number, status: 'active' | 'suspended') {
	const { record } = subscriptionRow({
		channelId: CHANNEL,
		customerKey: 'self',
		offer,
		quantity,
		status
	});
	return { id: record.id, value: { subscription: record, sellers } };
}

let customer: TestWorkspace;
let empty: TestWorkspace;

beforeAll(async () => {
	customer = await createTestWorkspace({ kind: 'customer', name: 'Contoso Café', country: 'FR' });
	empty = await createTestWorkspace({ kind: 'customer', name: 'Litware', country: 'FR' });
	const license = (productId: string) => ({ productId, assignedAt: T0, assignedBy: 'Ana Lopez' });
	const lea = directoryUser('Léa', { licenses: [license(basic.productId)] });
	const hugo = directoryUser('Hugo', {
		usageLocation: null,
		licenses: [license(basic.productId), license(e3.productId)]
	});
	const nina = directoryUser('Nina');
	await arrive(
		workspaceDb(customer.workspaceId),
		new Map<string, { id: string; value: unknown }[]>([
			[
				'customerSubscriptions',
				[subscription(basic, 3, 'active'), subscription(e3, 1, 'suspended')]
			],
			['customerUsers', [lea, hugo, nina].map((value) => ({ id: value.id, value }))]
		])
	);
});

afterEach(() => locale.set('en'));

function show(workspace: TestWorkspace) {
	render(ViewHarness, {
		session: { workspaceId: workspace.workspaceId, userId: workspace.userId },
		page: LicensesPage
	});
}

function rowTexts(table: ReturnType<typeof page.getByTestId>) {
	return table
		.element()
		.querySelectorAll('tbody tr')
		.values()
		.map((row) => (row as HTMLElement).innerText.replace(/\s+/g, ' ').trim())
		.toArray();
}

describe('Licenses (customer)', () => {
	it('shows seats per product, who holds them, and what a suspension takes away', async () => {
		show(customer);
		const summary = page.getByTestId('licenses-summary');
		await expect.element(summary).toBeVisible();
		expect(rowTexts(summary)).toEqual([
			'Microsoft 365 Business Basic 3 2 1',
			'Office 365 E3 0 1 0',
			// one row of warnings under the product
			expect.stringContaining('Office 365 E3')
		]);
		await expect.element(page.getByTestId('licenses-suspended')).toBeVisible();
		await expect.element(page.getByTestId('licenses-over-assigned')).toBeVisible();

		const users = page.getByTestId('directory-users');
		expect(rowTexts(users)).toEqual([
			'Hugo Martin hugo@contoso.fr Not set Microsoft 365 Business Basic, Office 365 E3',
			'Léa Martin léa@contoso.fr France Microsoft 365 Business Basic',
			'Nina Martin nina@contoso.fr France —'
		]);
		await expect
			.element(
				page.getByText('To assign or remove a license, ask your reseller.', { exact: false })
			)
			.toBeVisible();
	});

	it('says so when nothing has arrived, in French too', async () => {
		locale.set('fr');
		show(empty);
		await expect.element(page.getByRole('heading', { name: 'Licences', level: 1 })).toBeVisible();
		await expect
			.element(page.getByTestId('licenses-empty'))
			.toHaveTextContent('Aucune licence pour l’instant');
	});
});
