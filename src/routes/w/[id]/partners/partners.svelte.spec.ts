import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import type { Component } from 'svelte';
import { workspaceDb } from '$lib/db/workspace-db';
import type { SignedCustomerInvitation } from '$lib/domain/customer-relationship';
import { customerRelationshipSchema } from '$lib/domain/customer-relationship';
import type { SessionRef } from '$lib/services/actor';
import {
	acceptCustomerInvitation,
	readCustomerInvitation,
	requestCustomerRelationship,
	type CustomerAccountInput
} from '$lib/services/customer-invitations';
import { authorizeProvider, readInvitation, requestPartnership } from '$lib/services/partnerships';
import {
	clearPendingInvitation,
	loadPendingCustomerInvitation,
	savePendingCustomerInvitation
} from '$lib/state/pending-invitation';
import { locale } from '$lib/state/locale.svelte';
import { createTestWorkspace, insertTestUser } from '$lib/test/factories';
import { APP, createTestProvider, enrolledReseller, linkParts, session } from '$lib/test/partners';
import WorkspaceHarness from '../providers/WorkspaceHarness.test.svelte';
import PartnersPage from './+page.svelte';
import AcceptPage from './accept/+page.svelte';

const navigation = vi.hoisted(() => ({ goto: vi.fn(async () => {}) }));
vi.mock('$app/navigation', () => navigation);

let reseller: SessionRef;
let providerChannelId: string;

const account: CustomerAccountInput = {
	address: { addressLine1: '12 rue de la Paix', city: 'Paris', postalCode: '75002' },
	billing: { firstName: 'Léa', lastName: 'Martin', email: 'lea.martin@contoso.fr' }
};

/** A fresh request from Fabrikam Resale (France), alone or with its provider. */
async function request({
	dap = true,
	withProvider = false
} = {}): Promise<SignedCustomerInvitation> {
	const { link } = await requestCustomerRelationship(
		reseller,
		{ email: 'admin@contoso.fr', dap },
		APP,
		withProvider ? providerChannelId : null
	);
	return readCustomerInvitation(linkParts(link));
}

async function customer(country = 'FR', name = 'Contoso Café'): Promise<SessionRef> {
	return session(await createTestWorkspace({ kind: 'customer', name, country }));
}

function show(ref: SessionRef, component: Component) {
	return render(WorkspaceHarness, { session: ref, page: component });
}

beforeAll(async () => {
	const provider = await createTestProvider();
	await workspaceDb(provider.workspaceId).meta.put({ key: 'mpnId', value: '4847383' });
	const fabrikam = await enrolledReseller();
	reseller = session(fabrikam);
	const partnership = await requestPartnership(
		session(provider),
		{ email: 'admin@fabrikam.example' },
		APP
	);
	const channel = await authorizeProvider(
		reseller,
		await readInvitation(linkParts(partnership.link)),
		true
	);
	// What the provider's acceptance does once it arrives (no sync engines in this test).
	await workspaceDb(fabrikam.workspaceId).channels.update(channel.id, {
		state: 'active',
		since: Date.now()
	});
	providerChannelId = channel.id;
});

beforeEach(() => {
	navigation.goto.mockClear();
	clearPendingInvitation();
	locale.set('en');
});

afterEach(() => {
	clearPendingInvitation();
	locale.set('en');
});

describe('Accept reseller relationship', () => {
	it('says there is nothing to review without a pending request', async () => {
		show(await customer(), AcceptPage);
		await expect
			.element(page.getByTestId('no-invitation'))
			.toHaveTextContent("No request to review. Open the link from the reseller's email again.");
		await expect.element(page.getByRole('button', { name: 'Accept' })).not.toBeInTheDocument();
	});

	it('shows every field error next to its field, in the UI language, then accepts', async () => {
		const invitation = await request({ dap: true });
		const contoso = await customer();
		savePendingCustomerInvitation(invitation);
		show(contoso, AcceptPage);

		await expect
			.element(page.getByRole('heading', { level: 1, name: 'Accept reseller relationship' }))
			.toBeVisible();
		await expect.element(page.getByTestId('accept-company')).toHaveTextContent('Contoso Café');
		await expect.element(page.getByTestId('accept-company')).toHaveTextContent('France');
		await expect
			.element(page.getByLabelText('Postal code'))
			.toHaveAttribute('placeholder', '75008');
		// France needs no state: the field is not asked.
		await expect.element(page.getByLabelText(/State or province/)).not.toBeInTheDocument();

		await page.getByLabelText('Address line 1').fill('12 rue de la Paix');
		await page.getByLabelText('Postal code').fill('7500');
		await page.getByLabelText('First name').fill('Léa');
		await page.getByLabelText('Last name').fill('Martin');
		await page.getByLabelText('Email').fill('lea.martin@');
		await page.getByRole('button', { name: 'Accept' }).click();

		await expect
			.element(page.getByText('This postal code does not fit the country/region.'))
			.toBeVisible();
		await expect.element(page.getByLabelText('City')).toHaveAttribute('aria-invalid', 'true');
		await expect.element(page.getByLabelText('City')).toHaveFocus();
		await expect
			.element(page.getByText('Enter an email address like name@contoso.com.'))
			.toBeVisible();
		await expect
			.element(
				page.getByText('Check the box to confirm that you accept this reseller relationship.')
			)
			.toBeVisible();
		locale.set('fr');
		await expect
			.element(
				page.getByText(
					'Cochez la case pour confirmer que vous acceptez cette relation de revendeur.'
				)
			)
			.toBeVisible();
		await expect.element(page.getByRole('button', { name: 'Accepter' })).toBeVisible();
		locale.set('en');
		expect(await workspaceDb(contoso.workspaceId).channels.count()).toBe(0);

		await page.getByLabelText('City').fill('Paris');
		await page.getByLabelText('Postal code').fill('75002');
		await page.getByLabelText('Email').fill('lea.martin@contoso.fr');
		await page
			.getByRole('checkbox', {
				name: 'I accept this reseller relationship and grant delegated administration privileges to Fabrikam Resale'
			})
			.click();
		await page.getByRole('button', { name: 'Accept' }).click();

		await expect.poll(() => navigation.goto.mock.calls.length).toBe(1);
		expect(navigation.goto.mock.calls[0]).toEqual([`/w/${contoso.workspaceId}/partners`]);
		const db = workspaceDb(contoso.workspaceId);
		expect((await db.channels.get(invitation.payload.channelId))?.state).toBe('accepted');
		const stated = await db.sharedRecords.get([
			invitation.payload.channelId,
			'self',
			'customerAccount',
			'self'
		]);
		expect(stated?.value).toMatchObject({
			companyProfile: { address: { city: 'Paris', postalCode: '75002', country: 'FR' } },
			billingProfile: { email: 'lea.martin@contoso.fr', language: 'en', culture: 'en-FR' }
		});
		expect(loadPendingCustomerInvitation()).toBeNull();

		show(contoso, PartnersPage);
		await expect
			.element(page.getByTestId('partner-accepted'))
			.toHaveTextContent('You accepted Fabrikam Resale as your reseller.');
	});

	it('refuses a customer of another market, naming both, in French too', async () => {
		savePendingCustomerInvitation(await request());
		show(await customer('US', 'Tailspin Toys'), AcceptPage);
		await expect
			.element(page.getByTestId('accept-refusal'))
			.toHaveTextContent(
				'Fabrikam Resale is in Europe; your company is in United States. A customer can accept only partners from its market.'
			);
		await expect.element(page.getByRole('button', { name: 'Accept' })).not.toBeInTheDocument();
		await expect.element(page.getByLabelText('Address line 1')).not.toBeInTheDocument();
		locale.set('fr');
		await expect.element(page.getByTestId('accept-refusal')).toHaveTextContent(/États-Unis/);
	});

	it('asks for the state where the country needs one, and fills what the company stated last time', async () => {
		// Two resellers of Canada, where an address needs a province.
		const requestFrom = async (name: string, dap: boolean) => {
			const canadian = await enrolledReseller({ name, country: 'CA' });
			const { link } = await requestCustomerRelationship(
				session(canadian),
				{ email: 'sam.lee@tailspin.example', dap },
				APP
			);
			return readCustomerInvitation(linkParts(link));
		};
		const tailspin = await customer('CA', 'Tailspin Toys');
		await acceptCustomerInvitation(
			tailspin,
			await requestFrom('Adatum Resale', true),
			{
				address: {
					addressLine1: '100 Queen St',
					city: 'Ottawa',
					state: 'on',
					postalCode: 'k1a0b1'
				},
				billing: { firstName: 'Sam', lastName: 'Lee', email: 'sam.lee@tailspin.example' }
			},
			true
		);
		// The second reseller asks: the form starts from the account stated for the first.
		savePendingCustomerInvitation(await requestFrom('Litware Resale', false));
		show(tailspin, AcceptPage);
		await expect
			.element(page.getByRole('combobox', { name: 'State or province' }))
			.toHaveValue('ON');
		await expect.element(page.getByLabelText('City')).toHaveValue('Ottawa');
		await expect.element(page.getByLabelText('Postal code')).toHaveValue('K1A 0B1');
		await expect
			.element(page.getByLabelText('Postal code'))
			.toHaveAttribute('placeholder', 'K1A 0B1');
		await expect.element(page.getByLabelText('Email')).toHaveValue('sam.lee@tailspin.example');
		await expect
			.element(page.getByRole('checkbox', { name: 'I accept this reseller relationship' }))
			.toBeVisible();

		await page.getByRole('combobox', { name: 'State or province' }).selectOptions('');
		await page.getByRole('checkbox', { name: 'I accept this reseller relationship' }).click();
		await page.getByRole('button', { name: 'Accept' }).click();
		await expect
			.element(page.getByText('Enter the state or province: this country/region needs one.'))
			.toBeVisible();
		expect(navigation.goto).not.toHaveBeenCalled();
	});

	it('refuses a request already accepted here, naming the reseller as the one to ask', async () => {
		const invitation = await request();
		const contoso = await customer();
		await acceptCustomerInvitation(contoso, invitation, account, true);
		savePendingCustomerInvitation(invitation);
		show(contoso, AcceptPage);
		await expect
			.element(page.getByTestId('accept-refusal'))
			.toHaveTextContent(
				'This request has already been used. Each request link works once; ask the reseller for a new one if needed.'
			);
		await expect.element(page.getByRole('checkbox')).not.toBeInTheDocument();
	});

	it('tells a user who is not Global admin who can accept', async () => {
		savePendingCustomerInvitation(await request());
		const contoso = await customer();
		const user = await insertTestUser(contoso.workspaceId, {
			adminRole: 'user_management_admin',
			agentRole: 'none'
		});
		show({ workspaceId: contoso.workspaceId, userId: user.id }, AcceptPage);
		await expect
			.element(page.getByTestId('accept-global-admin-only'))
			.toHaveTextContent('Only a Global admin can accept a reseller relationship.');
		await expect.element(page.getByRole('checkbox')).not.toBeInTheDocument();
	});
});

describe('Partner relationships', () => {
	it('shows the empty state', async () => {
		show(await customer(), PartnersPage);
		await expect
			.element(page.getByRole('heading', { level: 1, name: 'Partner relationships' }))
			.toBeVisible();
		await expect
			.element(page.getByTestId('partners-empty'))
			.toHaveTextContent(
				'No partner relationships yet. When a reseller sends you a request link, open it to accept.'
			);
	});

	it('lists a combined relationship, removes roles after confirmation, then ends it', async () => {
		const invitation = await request({ dap: true, withProvider: true });
		const contoso = await customer();
		await acceptCustomerInvitation(contoso, invitation, account, true);
		const channelId = invitation.payload.channelId;
		const db = workspaceDb(contoso.workspaceId);
		show(contoso, PartnersPage);

		const row = page.getByRole('article', { name: 'Fabrikam Resale' });
		await expect
			.element(row.getByTestId('partner-state'))
			.toHaveTextContent("Waiting for the reseller's workspace to receive your acceptance");
		await expect
			.element(row.getByTestId('partner-location'))
			.toHaveTextContent('France (Europe CSP region)');
		await expect.element(row.getByTestId('partner-dap')).toHaveTextContent('Yes');
		await expect
			.element(row.getByTestId('partner-provider'))
			.toHaveTextContent(/Northwind Distribution · Partner ID \(MPN ID\) 4847383 · Active/);

		const since = Date.UTC(2025, 2, 12, 12);
		await db.channels.update(channelId, { state: 'active', since });
		await expect
			.element(row.getByTestId('partner-state'))
			.toHaveTextContent('Active since March 12, 2025');

		await row.getByRole('button', { name: 'Remove roles' }).click();
		const dialog = page.getByRole('alertdialog');
		await expect.element(dialog).toHaveTextContent(/Remove the admin roles of Fabrikam Resale\?/);
		await expect.element(dialog).toHaveTextContent(/The reseller relationship stays/);
		await dialog.getByRole('button', { name: 'Remove roles' }).click();
		await expect.element(row.getByTestId('partner-dap')).toHaveTextContent('No');
		await expect
			.element(row.getByTestId('partner-outcome'))
			.toHaveTextContent(
				'Fabrikam Resale no longer has delegated administration privileges. The reseller relationship stays.'
			);
		await expect.element(row.getByRole('button', { name: 'Remove roles' })).not.toBeInTheDocument();
		const stated = await db.sharedRecords.get([channelId, 'self', 'customerRelationship', 'state']);
		expect(customerRelationshipSchema.parse(stated?.value)).toMatchObject({
			state: 'active',
			delegatedAdmin: false,
			provider: { state: 'active' }
		});

		await row.getByRole('button', { name: 'End relationship', exact: true }).click();
		await expect
			.element(page.getByRole('alertdialog'))
			.toHaveTextContent(/Your relationship with its provider Northwind Distribution ends too\./);
		await page
			.getByRole('alertdialog')
			.getByRole('button', { name: 'End relationship', exact: true })
			.click();
		await expect.element(row.getByTestId('partner-state')).toHaveTextContent(/^Ended on /);
		await expect.element(row.getByTestId('partner-provider')).toHaveTextContent(/Ended$/);
		await expect.element(row.getByRole('button')).not.toBeInTheDocument();
		expect((await db.channels.get(channelId))?.state).toBe('removed');
	});

	it('lists relationships for users who may not change them, without actions', async () => {
		const invitation = await request({ dap: true });
		const contoso = await customer();
		await acceptCustomerInvitation(contoso, invitation, account, true);
		const user = await insertTestUser(contoso.workspaceId, {
			adminRole: 'none',
			agentRole: 'none'
		});
		show({ workspaceId: contoso.workspaceId, userId: user.id }, PartnersPage);
		const row = page.getByRole('article', { name: 'Fabrikam Resale' });
		await expect.element(row.getByTestId('partner-dap')).toHaveTextContent('Yes');
		await expect.element(row.getByTestId('partner-provider')).not.toBeInTheDocument();
		await expect.element(row.getByRole('button')).not.toBeInTheDocument();
		locale.set('fr');
		await expect
			.element(page.getByRole('heading', { level: 1, name: 'Relations avec les partenaires' }))
			.toBeVisible();
	});
});
