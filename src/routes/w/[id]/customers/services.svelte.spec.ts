import { afterEach, describe, expect, it, vi } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import type { ChannelRecord, CustomerRecord } from '$lib/db/records';
import { workspaceDb } from '$lib/db/workspace-db';
import { offerById } from '$lib/domain/catalog-data';
import {
	commerceKey,
	type ChangeRequestRow,
	type OrderRow,
	type SubscriptionRow
} from '$lib/domain/commerce-records';
import { ownCustomerRow, sharedCustomerKey } from '$lib/domain/customers';
import { orderFrom } from '$lib/domain/orders';
import { DAY_MS } from '$lib/domain/subscriptions';
import { newRecordId, ownSubscriptionRow } from '$lib/services/orders';
import { locale } from '$lib/state/locale.svelte';
import { createTestWorkspace, type TestWorkspace } from '$lib/test/factories';
import ViewHarness from '../resellers/test/ViewHarness.svelte';
import CustomerServices from './CustomerServices.svelte';

/**
 * The Services tab over real IndexedDB in Chromium: the provider orders through the form and
 * changes what it sold; the reseller sees a projected subscription and asks for a change.
 */

const CHANNEL = 'abcdefabcdefabcdefabcdefabcdef07';
const TENANT = '00000000-0000-4000-8000-000000000777';
const RESELLER_MPN = '5123456';
const BUSINESS_BASIC = 'CFQ7TTC0LH18:0001';

afterEach(() => locale.set('en'));

function partnershipChannel(
	role: 'provider' | 'reseller',
	partnerName: string,
	mpnId: string | null
): ChannelRecord {
	const b64 = (char: string) => char.repeat(43);
	return {
		id: CHANNEL,
		kind: 'partnership',
		role,
		state: 'active',
		invitationId: crypto.randomUUID(),
		key: b64('k'),
		replyKey: { kty: 'EC', crv: 'P-256', x: b64('x'), y: b64('y') },
		partner: {
			workspaceId: crypto.randomUUID(),
			tenantId: crypto.randomUUID(),
			name: partnerName,
			domain: 'partner.onmicrosoft.com',
			mpnId,
			country: 'FR',
			publicKey: { kty: 'EC', crv: 'P-256', x: b64('x'), y: b64('y') },
			fingerprint: '0123456789abcdef0123456789abcdef'
		},
		relayUrl: null,
		createdAt: Date.UTC(2024, 0, 1),
		since: Date.UTC(2024, 0, 1),
		removedAt: null
	} as ChannelRecord;
}

function customerRow(): CustomerRecord {
	return ownCustomerRow(
		{
			tenantId: TENANT,
			companyName: 'Contoso SA',
			domain: 'contososa.onmicrosoft.com',
			country: 'FR',
			relationship: 'reseller',
			delegatedAdmin: true,
			source: 'indirect_provider',
			since: Date.UTC(2024, 0, 1)
		},
		Date.UTC(2024, 0, 1)
	);
}

/** A provider with a reseller (Fabrikam Resale) that shared Contoso SA, which accepted both. */
async function providerSetUp(mpnId: string | null = RESELLER_MPN) {
	const provider = await createTestWorkspace({ kind: 'provider', name: 'Northwind Distribution' });
	const db = workspaceDb(provider.workspaceId);
	const customer: CustomerRecord = {
		...customerRow(),
		key: sharedCustomerKey(CHANNEL, TENANT),
		resellerChannelId: CHANNEL,
		providerRelationship: true
	};
	await db.channels.put(partnershipChannel('provider', 'Fabrikam Resale', mpnId));
	await db.customers.put(customer);
	return { provider, db, customer };
}

/** A subscription row as an order `daysAgo` days ago made it, for either side. */
function subscriptionRecord(friendlyName: string, daysAgo: number, quantity = 5) {
	const offer = offerById(BUSINESS_BASIC)!;
	const { subscription } = orderFrom(
		{
			offerId: BUSINESS_BASIC,
			quantity,
			termDuration: 'P1Y',
			billingCycle: 'monthly',
			friendlyName,
			partnerIdOnRecord: RESELLER_MPN
		},
		{
			offer,
			customerId: TENANT,
			orderId: newRecordId(),
			subscriptionId: newRecordId(),
			now: Date.now() - daysAgo * DAY_MS,
			placedBy: 'Nadia Provider'
		}
	);
	return subscription;
}

async function show(
	workspace: TestWorkspace,
	customer: CustomerRecord,
	kind: 'provider' | 'reseller',
	partnerName: string
) {
	const session = { workspaceId: workspace.workspaceId, userId: workspace.userId };
	await render(ViewHarness, {
		session,
		page: CustomerServices,
		pageProps: { customer, kind, session, partnerNames: new Map([[CHANNEL, partnerName]]) }
	});
}

describe('Services tab, provider side', () => {
	it('adds a subscription through the form, refusing a quantity out of range', async () => {
		const { provider, db, customer } = await providerSetUp();
		await show(provider, customer, 'provider', 'Fabrikam Resale');
		await expect
			.element(page.getByTestId('services-empty'))
			.toHaveTextContent('No subscriptions yet.');

		await page.getByRole('button', { name: 'Add subscription' }).click();
		const form = page.getByRole('form', { name: 'Add a subscription for Contoso SA' });
		await expect
			.element(form.getByRole('textbox', { name: 'Partner on record (MPN ID)' }))
			.toHaveValue(RESELLER_MPN);
		// Nothing chosen: the fields say what is missing.
		await form.getByRole('button', { name: 'Place order' }).click();
		await expect
			.element(form.getByRole('combobox', { name: 'Offer' }))
			.toHaveAttribute('aria-invalid', 'true');

		await form
			.getByRole('combobox', { name: 'Offer' })
			.selectOptions('Microsoft 365 Business Basic');
		await expect.element(form.getByText('Between 1 and 300 for this offer.')).toBeVisible();
		// Business Basic sells 1-month and 1-year terms, billed monthly or annually (not triennially).
		const term = form.getByRole('combobox', { name: 'Term' });
		await expect.element(term).toHaveValue('P1Y');
		const cycle = form.getByRole('combobox', { name: 'Billing frequency' });
		expect([...(cycle.element() as HTMLSelectElement).options].map((o) => o.value)).toEqual([
			'monthly',
			'annual'
		]);
		await term.selectOptions('1 month');
		expect([...(cycle.element() as HTMLSelectElement).options].map((o) => o.value)).toEqual([
			'monthly'
		]);
		await term.selectOptions('1 year');

		const quantity = form.getByRole('spinbutton', { name: 'Quantity' });
		await quantity.fill('500');
		await form.getByRole('button', { name: 'Place order' }).click();
		await expect
			.element(form.getByRole('alert'))
			.toHaveTextContent('The quantity must be between 1 and 300 for this offer.');
		expect(await db.subscriptions.count()).toBe(0);

		await quantity.fill('12');
		await cycle.selectOptions('Annual');
		await form.getByRole('textbox', { name: 'Friendly name (optional)' }).fill('Head office mail');
		await form.getByRole('button', { name: 'Place order' }).click();
		await expect
			.element(page.getByRole('status'))
			.toHaveTextContent('Head office mail was ordered for Contoso SA.');

		const card = page.getByRole('article', { name: 'Head office mail' });
		await expect.element(card.getByTestId('subscription-status')).toHaveTextContent('Active');
		await expect.element(card.getByTestId('subscription-quantity')).toHaveTextContent('12');
		await expect.element(card).toHaveTextContent('Annual');
		await expect.element(card).toHaveTextContent('Fabrikam Resale (MPN ID 5123456)');
		const orders = page.getByRole('table', { name: 'Orders for Contoso SA' });
		await expect.element(orders).toHaveTextContent('Microsoft 365 Business Basic');
		await expect.element(orders).toHaveTextContent('Ana Lopez');
		const stored = await db.subscriptions.toArray();
		expect(stored.map((row) => [row.record.partnerId, row.record.billingCycle])).toEqual([
			[RESELLER_MPN, 'annual']
		]);
	});

	it('changes the quantity, with the change in the history, and cancels after confirming', async () => {
		const { provider, db, customer } = await providerSetUp();
		await db.subscriptions.put(
			ownSubscriptionRow(CHANNEL, customer.key, subscriptionRecord('Sales team', 1, 12))
		);
		await show(provider, customer, 'provider', 'Fabrikam Resale');
		const card = page.getByRole('article', { name: 'Sales team' });

		await card.getByRole('spinbutton', { name: 'Change quantity' }).fill('301');
		await card.getByRole('button', { name: 'Save' }).click();
		await expect
			.element(card.getByRole('alert'))
			.toHaveTextContent('The quantity must be between 1 and 300 for this offer.');
		await card.getByRole('spinbutton', { name: 'Change quantity' }).fill('15');
		await card.getByRole('button', { name: 'Save' }).click();
		await expect.element(card.getByTestId('subscription-quantity')).toHaveTextContent('15');
		await expect
			.element(card.getByRole('status'))
			.toHaveTextContent('The quantity of Sales team is now 15.');
		await card.getByRole('button', { name: 'Show history' }).click();
		const history = card.getByRole('table', { name: 'History of Sales team' });
		await expect.element(history).toHaveTextContent('Quantity changed from 12 to 15');
		await expect.element(history).toHaveTextContent('Ordered with a quantity of 12');

		await card.getByRole('button', { name: 'Cancel subscription' }).click();
		const dialog = page.getByRole('alertdialog');
		await expect.element(dialog).toHaveTextContent('Cancelling is final');
		await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
		await expect.element(dialog).not.toBeInTheDocument();
		await expect.element(card.getByTestId('subscription-status')).toHaveTextContent('Active');

		await card.getByRole('button', { name: 'Cancel subscription' }).click();
		await page
			.getByRole('alertdialog')
			.getByRole('button', { name: 'Cancel subscription' })
			.click();
		await expect.element(card.getByTestId('subscription-status')).toHaveTextContent('Cancelled');
		await expect.element(card.getByRole('button', { name: 'Suspend' })).not.toBeInTheDocument();
		await expect
			.element(card.getByRole('button', { name: 'Cancel subscription' }))
			.not.toBeInTheDocument();
		expect((await db.subscriptions.toArray())[0]!.record.status).toBe('deleted');
	});

	it('says when the cancellation window closed instead of offering to cancel', async () => {
		const { provider, db, customer } = await providerSetUp();
		await db.subscriptions.put(
			ownSubscriptionRow(CHANNEL, customer.key, subscriptionRecord('Old team', 10))
		);
		await show(provider, customer, 'provider', 'Fabrikam Resale');
		const card = page.getByRole('article', { name: 'Old team' });
		await expect.element(card.getByRole('button', { name: 'Cancel subscription' })).toBeDisabled();
		await expect
			.element(card.getByText('Cancellation is no longer possible', { exact: false }))
			.toBeVisible();
		// Suspending stays possible; it asks first.
		await card.getByRole('button', { name: 'Suspend' }).click();
		const dialog = page.getByRole('alertdialog');
		await dialog.getByRole('textbox', { name: 'Reason (optional)' }).fill('Unpaid invoice');
		await dialog.getByRole('button', { name: 'Suspend' }).click();
		await expect.element(card.getByTestId('subscription-status')).toHaveTextContent('Suspended');
		await expect.element(card).toHaveTextContent('Unpaid invoice');
		await expect.element(card.getByRole('button', { name: 'Reactivate' })).toBeVisible();
	});

	it('accepts a reseller’s pending change request', async () => {
		const { provider, db, customer } = await providerSetUp();
		const record = subscriptionRecord('Support desk', 2, 5);
		const row = ownSubscriptionRow(CHANNEL, customer.key, record);
		await db.subscriptions.put(row);
		const requestId = newRecordId();
		const request: ChangeRequestRow = {
			key: commerceKey(CHANNEL, requestId),
			channelId: CHANNEL,
			customerKey: customer.key,
			subscriptionKey: row.key,
			state: 'pending',
			requestedAt: Date.now() - 60_000,
			request: {
				id: requestId,
				subscriptionId: record.id,
				customerId: TENANT,
				kind: 'quantity',
				quantity: 9,
				note: 'Four new hires',
				requestedAt: Date.now() - 60_000,
				requestedBy: 'Rita Reseller'
			},
			decision: null,
			updatedAt: Date.now() - 60_000
		};
		await db.changeRequests.put(request);
		await show(provider, customer, 'provider', 'Fabrikam Resale');
		const pending = page.getByRole('region', { name: 'Change requests waiting for your answer' });
		const item = pending.getByRole('article', { name: 'Support desk: new quantity 9' });
		await expect.element(item).toHaveTextContent('Note: Four new hires');
		await expect.element(item).toHaveTextContent('Asked by Rita Reseller');
		await item.getByRole('button', { name: 'Accept' }).click();
		const card = page.getByRole('article', { name: 'Support desk', exact: true });
		await expect.element(card.getByTestId('subscription-quantity')).toHaveTextContent('9');
		await expect.element(pending).not.toBeInTheDocument();
		await expect
			.element(page.getByRole('status'))
			.toHaveTextContent('The request about Support desk was accepted');
		expect((await db.changeRequests.get(request.key))!.state).toBe('accepted');
	});

	it('disables ordering when the reseller has not stated its Partner ID', async () => {
		const { provider, customer } = await providerSetUp(null);
		await show(provider, customer, 'provider', 'Fabrikam Resale');
		await page.getByRole('button', { name: 'Add subscription' }).click();
		await expect
			.element(page.getByTestId('order-no-mpn'))
			.toHaveTextContent('Fabrikam Resale has not stated its Partner ID (MPN ID) yet.');
		await expect.element(page.getByRole('button', { name: 'Place order' })).toBeDisabled();
		await expect.element(page.getByRole('combobox', { name: 'Offer' })).toBeDisabled();
	});

	it('speaks French', async () => {
		locale.set('fr');
		const { provider, customer } = await providerSetUp();
		await show(provider, customer, 'provider', 'Fabrikam Resale');
		await expect
			.element(page.getByRole('heading', { name: 'Abonnements', exact: true }))
			.toBeVisible();
		await expect
			.element(page.getByTestId('services-empty'))
			.toHaveTextContent('Aucun abonnement pour l’instant.');
		await page.getByRole('button', { name: 'Ajouter un abonnement' }).click();
		await expect.element(page.getByRole('combobox', { name: 'Offre' })).toBeVisible();
		await expect
			.element(page.getByRole('combobox', { name: 'Fréquence de facturation' }))
			.toBeVisible();
		await page.getByRole('button', { name: 'Passer la commande' }).click();
		await expect.element(page.getByText('Ce champ est obligatoire.').first()).toBeVisible();
	});
});

describe('Services tab, reseller side', () => {
	it('shows a provider’s subscription read-only and sends a change request', async () => {
		const reseller = await createTestWorkspace({ kind: 'reseller', name: 'Fabrikam Resale' });
		const db = workspaceDb(reseller.workspaceId);
		const customer = customerRow();
		await db.channels.put(partnershipChannel('reseller', 'Northwind Distribution', '4847383'));
		await db.customers.put(customer);
		const fresh = subscriptionRecord('Contoso mail', 1, 5);
		const old = subscriptionRecord('Archive', 20, 3);
		for (const record of [fresh, old]) {
			await db.subscriptions.put({
				...ownSubscriptionRow(CHANNEL, customer.key, record),
				origin: 'partner'
			});
		}
		await show(reseller, customer, 'reseller', 'Northwind Distribution');

		const card = page.getByRole('article', { name: 'Contoso mail' });
		await expect.element(card).toHaveTextContent('Northwind Distribution');
		await expect.element(card).toHaveTextContent('MPN ID 5123456');
		await expect
			.element(card.getByRole('button', { name: 'Cancel subscription' }))
			.not.toBeInTheDocument();
		await expect
			.element(card.getByRole('spinbutton', { name: 'Change quantity' }))
			.not.toBeInTheDocument();

		// Cancelling the 20-day-old one is refused at once: its window has closed.
		const archive = page.getByRole('article', { name: 'Archive' });
		await archive.getByRole('button', { name: 'Request change' }).click();
		await archive.getByRole('radio', { name: 'Cancellation' }).click();
		await archive.getByRole('button', { name: 'Send request' }).click();
		await expect
			.element(archive.getByRole('alert'))
			.toHaveTextContent('can be cancelled only within 7 days');
		await archive.getByRole('button', { name: 'Cancel', exact: true }).click();

		await card.getByRole('button', { name: 'Request change' }).click();
		await expect.element(card.getByRole('radio', { name: 'A new quantity' })).toBeChecked();
		await card.getByRole('spinbutton', { name: 'New quantity' }).fill('8');
		await card.getByRole('textbox', { name: 'Note for the provider (optional)' }).fill('New hires');
		await card.getByRole('button', { name: 'Send request' }).click();
		await expect
			.element(page.getByRole('status'))
			.toHaveTextContent('Your request about Contoso mail was sent to Northwind Distribution.');
		await expect
			.element(card.getByText("A change request is waiting for the provider's answer."))
			.toBeVisible();
		const mine = page.getByRole('region', { name: 'Your change requests' });
		const item = mine.getByRole('article', { name: 'Contoso mail: new quantity 8' });
		await expect.element(item).toHaveTextContent('Pending');
		await expect.element(item).toHaveTextContent('Note: New hires');
		const stored = await db.changeRequests.toArray();
		expect(stored.map((row) => [row.state, row.request.kind, row.request.quantity])).toEqual([
			['pending', 'quantity', 8]
		]);
	});
});

describe('Services tab, Export', () => {
	const OTHER_TENANT = '00000000-0000-4000-8000-000000000888';

	afterEach(() => vi.restoreAllMocks());

	/** An order and the subscription it made, for the customer with row key `customerKey`. */
	function sold(
		customerKey: string,
		tenantId: string,
		friendlyName: string,
		origin: 'own' | 'partner'
	) {
		const { order, subscription } = orderFrom(
			{
				offerId: BUSINESS_BASIC,
				quantity: 4,
				termDuration: 'P1Y',
				billingCycle: 'monthly',
				friendlyName,
				partnerIdOnRecord: RESELLER_MPN
			},
			{
				offer: offerById(BUSINESS_BASIC)!,
				customerId: tenantId,
				orderId: newRecordId(),
				subscriptionId: newRecordId(),
				now: Date.now() - DAY_MS,
				placedBy: 'Nadia Provider'
			}
		);
		const orderRow: OrderRow = {
			key: commerceKey(CHANNEL, order.id),
			channelId: CHANNEL,
			customerKey,
			origin,
			creationDate: order.creationDate,
			record: order,
			updatedAt: order.creationDate
		};
		const subscriptionRow: SubscriptionRow = {
			...ownSubscriptionRow(CHANNEL, customerKey, subscription),
			origin
		};
		return { orderRow, subscriptionRow };
	}

	/** What the Export button handed to the browser: the file's name and its text. */
	function catchDownloads() {
		const blobs = new Map<string, Blob>();
		const files: { name: string; blob: Blob }[] = [];
		const create = URL.createObjectURL.bind(URL);
		vi.spyOn(URL, 'createObjectURL').mockImplementation((object) => {
			const url = create(object);
			blobs.set(url, object as Blob);
			return url;
		});
		vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
			this: HTMLAnchorElement
		) {
			const blob = blobs.get(this.href);
			if (blob) files.push({ name: this.download, blob });
		});
		return files;
	}

	it('downloads this customer’s orders and subscriptions as Partner Center JSON (provider)', async () => {
		const { provider, db, customer } = await providerSetUp();
		const otherKey = sharedCustomerKey(CHANNEL, OTHER_TENANT);
		await db.customers.put({
			...customer,
			key: otherKey,
			tenantId: OTHER_TENANT,
			companyName: 'Tailspin Toys'
		});
		const mail = sold(customer.key, TENANT, 'Contoso mail', 'own');
		const desk = sold(customer.key, TENANT, 'Contoso desk', 'own');
		const other = sold(otherKey, OTHER_TENANT, 'Tailspin mail', 'own');
		for (const { orderRow, subscriptionRow } of [mail, desk, other]) {
			await db.orders.put(orderRow);
			await db.subscriptions.put(subscriptionRow);
		}
		const files = catchDownloads();
		await show(provider, customer, 'provider', 'Fabrikam Resale');

		const button = page.getByRole('button', { name: 'Export', exact: true });
		await expect.element(button).toBeEnabled();
		await expect
			.element(page.getByTestId('export-note'))
			.toHaveTextContent("Contoso SA's orders and subscriptions as Partner Center JSON.");
		await button.click();
		await expect
			.element(page.getByRole('status'))
			.toHaveTextContent(/Saved orders-and-subscriptions-\d{4}-\d{2}-\d{2}\.json/);

		expect(files).toHaveLength(1);
		expect(files[0]!.name).toMatch(/^orders-and-subscriptions-\d{4}-\d{2}-\d{2}\.json$/);
		expect(files[0]!.blob.type).toBe('application/json;charset=utf-8');
		const json = JSON.parse(await files[0]!.blob.text());
		const ids = (items: { id: string }[]) => items.map((item) => item.id).sort();
		expect(ids(json.subscriptions.items)).toEqual(
			[mail.subscriptionRow.record.id, desk.subscriptionRow.record.id].sort()
		);
		expect(json.subscriptions.totalCount).toBe(2);
		expect(ids(json.orders.items)).toEqual(
			[mail.orderRow.record.id, desk.orderRow.record.id].sort()
		);
		expect(JSON.stringify(json)).not.toContain('Tailspin');
		expect(json.subscriptions.items[0].attributes).toEqual({ objectType: 'Subscription' });
	});

	it('exports a reseller’s customer with only that customer’s subscriptions', async () => {
		const reseller = await createTestWorkspace({ kind: 'reseller', name: 'Fabrikam Resale' });
		const db = workspaceDb(reseller.workspaceId);
		const customer = customerRow();
		await db.channels.put(partnershipChannel('reseller', 'Northwind Distribution', '4847383'));
		await db.customers.put(customer);
		const mine = sold(customer.key, TENANT, 'Contoso mail', 'partner');
		const other = sold(OTHER_TENANT, OTHER_TENANT, 'Tailspin mail', 'partner');
		for (const { orderRow, subscriptionRow } of [mine, other]) {
			await db.orders.put(orderRow);
			await db.subscriptions.put(subscriptionRow);
		}
		const files = catchDownloads();
		await show(reseller, customer, 'reseller', 'Northwind Distribution');

		await page.getByRole('button', { name: 'Export', exact: true }).click();
		await expect.element(page.getByRole('status')).toHaveTextContent('Saved');
		expect(files).toHaveLength(1);
		const json = JSON.parse(await files[0]!.blob.text());
		expect(json.subscriptions.items.map((item: { id: string }) => item.id)).toEqual([
			mine.subscriptionRow.record.id
		]);
		expect(json.orders.items.map((item: { id: string }) => item.id)).toEqual([
			mine.orderRow.record.id
		]);
	});

	it('is disabled, saying why, until the customer has an order or a subscription', async () => {
		locale.set('fr');
		const { provider, db, customer } = await providerSetUp();
		const files = catchDownloads();
		await show(provider, customer, 'provider', 'Fabrikam Resale');

		const button = page.getByRole('button', { name: 'Exporter', exact: true });
		await expect
			.element(page.getByTestId('export-note'))
			.toHaveTextContent('Rien à exporter : Contoso SA n’a encore ni commande ni abonnement.');
		await expect.element(button).toBeDisabled();
		await expect.element(button).toHaveAccessibleDescription(/Rien à exporter/);
		expect(files).toHaveLength(0);

		// A subscription arriving (live) makes it available.
		await db.subscriptions.put(sold(customer.key, TENANT, 'Contoso mail', 'own').subscriptionRow);
		await expect.element(button).toBeEnabled();
		await expect
			.element(page.getByTestId('export-note'))
			.toHaveTextContent(
				'Les commandes et abonnements de Contoso SA au format JSON Partner Center.'
			);
	});
});
