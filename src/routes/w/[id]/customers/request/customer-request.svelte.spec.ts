import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import type { Component } from 'svelte';
import { workspaceDb } from '$lib/db/workspace-db';
import { setProviderMpnId } from '$lib/services/partner-id';
import { authorizeProvider, readInvitation, requestPartnership } from '$lib/services/partnerships';
import { locale } from '$lib/state/locale.svelte';
import { APP, createTestProvider, enrolledReseller, linkParts, session } from '$lib/test/partners';
import type { TestWorkspace } from '$lib/test/factories';
import ViewHarness from '../../resellers/test/ViewHarness.svelte';
import CustomerRequest from './CustomerRequest.svelte';

/** The reseller's side of a customer request, in Chromium over real IndexedDB. */
let reseller: TestWorkspace;
/** The reseller's channel of an active partnership with Northwind Distribution. */
let providerChannelId: string;

beforeAll(async () => {
	const provider = await createTestProvider();
	reseller = await enrolledReseller();
	await setProviderMpnId(session(reseller), '7654321');
	const partnership = await requestPartnership(
		session(provider),
		{ email: 'admin@fabrikam.example' },
		APP
	);
	const channel = await authorizeProvider(
		session(reseller),
		await readInvitation(linkParts(partnership.link)),
		true
	);
	// What the provider's acceptance does once it arrives (no sync engines in this test).
	await workspaceDb(reseller.workspaceId).channels.update(channel.id, {
		state: 'active',
		since: Date.now()
	});
	providerChannelId = channel.id;
});

afterEach(() => locale.set('en'));

function show(props: Record<string, unknown> = {}) {
	return render(ViewHarness, {
		session: session(reseller),
		page: CustomerRequest as Component<Record<string, unknown>>,
		pageProps: props
	});
}

describe('Request a reseller relationship', () => {
	it('refuses a bad email next to the field, then drafts the request signed with the Partner ID', async () => {
		show();
		await expect
			.element(page.getByRole('heading', { level: 1, name: 'Request a reseller relationship' }))
			.toBeVisible();
		const email = page.getByRole('textbox', { name: "Customer contact's email" });
		await email.fill('not an email');
		await page.getByRole('button', { name: 'Next' }).click();
		await expect.element(email).toHaveAttribute('aria-invalid', 'true');

		await email.fill('lea.martin@contoso.example');
		await page.getByRole('textbox', { name: "Contact's name (optional)" }).fill('Léa');
		await page
			.getByRole('combobox', { name: 'Where the customer comes from' })
			.selectOptions('referral');
		await page
			.getByRole('checkbox', { name: 'Include delegated administration privileges' })
			.click();
		await page.getByRole('button', { name: 'Next' }).click();

		const step2 = page.getByRole('heading', { name: '2. Send the request' });
		await expect.element(step2).toHaveFocus();
		await expect
			.element(page.getByText(/The request to lea\.martin@contoso\.example is pending until/))
			.toBeVisible();
		const link = (page.getByTestId('invitation-link').element() as HTMLInputElement).value;
		expect(link).toContain('/invite?invType=ResellerRelationship&');
		await expect
			.element(page.getByRole('textbox', { name: 'Subject' }))
			.toHaveValue('Fabrikam Resale requests a reseller relationship');
		const body = (page.getByRole('textbox', { name: 'Message' }).element() as HTMLTextAreaElement)
			.value;
		expect(body.startsWith('Hello Léa,\n')).toBe(true);
		expect(body).toContain('Fabrikam Resale (Partner ID 7654321) would like to become');
		expect(body).toContain('The request includes delegated administration privileges');
		expect(body).toContain(`\n${link}\n`);
		await expect
			.element(page.getByRole('link', { name: 'Done' }))
			.toHaveAttribute('href', `/w/${reseller.workspaceId}/customers/requests`);

		const sent = await workspaceDb(reseller.workspaceId)
			.invitations.filter((row) => row.email === 'lea.martin@contoso.example')
			.first();
		expect(sent).toMatchObject({ name: 'Léa', dap: true, source: 'referral' });
	});
});

describe('Invite new customers with a provider', () => {
	it('names the provider, asks no source, and drafts the combined request in French', async () => {
		show({ providerChannelId });
		await expect
			.element(page.getByRole('heading', { level: 1, name: 'Invite new customers' }))
			.toBeVisible();
		await expect
			.element(page.getByText(/a reseller relationship with you and with Northwind Distribution/))
			.toBeVisible();
		await expect
			.element(page.getByRole('combobox', { name: 'Where the customer comes from' }))
			.not.toBeInTheDocument();

		locale.set('fr');
		await page
			.getByRole('textbox', { name: 'E-mail du contact chez le client' })
			.fill('admin@tailspin.example');
		await page.getByRole('button', { name: 'Suivant' }).click();
		await expect.element(page.getByTestId('invitation-link')).toBeVisible();
		const link = (page.getByTestId('invitation-link').element() as HTMLInputElement).value;
		expect(link).toContain('/invite?invType=IndirectResellerRelationship&');
		await expect
			.element(page.getByRole('textbox', { name: 'Objet' }))
			.toHaveValue('Fabrikam Resale et Northwind Distribution demandent une relation de revendeur');
		await expect
			.element(page.getByRole('link', { name: 'Terminé' }))
			.toHaveAttribute('href', `/w/${reseller.workspaceId}/customers/requests`);
	});
});
