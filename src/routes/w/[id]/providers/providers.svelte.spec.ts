import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import { workspaceDb } from '$lib/db/workspace-db';
import type { SignedInvitation } from '$lib/domain/partnership';
import type { SessionRef } from '$lib/services/actor';
import { enrollExistingCsp } from '$lib/services/enrollment';
import { authorizeProvider, readInvitation, requestPartnership } from '$lib/services/partnerships';
import {
	clearPendingInvitation,
	loadPendingInvitation,
	savePendingInvitation
} from '$lib/state/pending-invitation';
import { locale } from '$lib/state/locale.svelte';
import { createTestWorkspace, insertTestUser } from '$lib/test/factories';
import ProvidersPage from './+page.svelte';
import AuthorizePage from './authorize/+page.svelte';
import CustomersPage from './[channelId]/+page.svelte';
import WorkspaceHarness from './WorkspaceHarness.test.svelte';

const navigation = vi.hoisted(() => ({ goto: vi.fn(async () => {}) }));
vi.mock('$app/navigation', () => navigation);
const appState = vi.hoisted(() => ({ page: { params: {} as Record<string, string> } }));
vi.mock('$app/state', () => appState);

const APP = 'https://tierlink.example/app/';

function ref(workspace: { workspaceId: string; userId: string }): SessionRef {
	return { workspaceId: workspace.workspaceId, userId: workspace.userId };
}

const providers = new Map<string, SessionRef>();

/** A fresh invitation from a provider of that country (one provider per country per file). */
async function invitationFrom(country: string): Promise<SignedInvitation> {
	let provider = providers.get(country);
	if (!provider) {
		const created = await createTestWorkspace({
			kind: 'provider',
			name: 'Northwind <b>Distribution</b>',
			country
		});
		await workspaceDb(created.workspaceId).meta.put({ key: 'mpnId', value: '4847383' });
		provider = ref(created);
		providers.set(country, provider);
	}
	const { link } = await requestPartnership(provider, { email: 'admin@fabrikam.example' }, APP);
	const url = new URL(link);
	return readInvitation({ search: url.search, hash: url.hash });
}

async function reseller({ enrolled = true, country = 'FR' } = {}) {
	const workspace = await createTestWorkspace({
		kind: 'reseller',
		name: 'Fabrikam Resale',
		country
	});
	if (enrolled) {
		await enrollExistingCsp(ref(workspace), {
			support: { email: 'support@fabrikam.example', phone: '+33 1 23 45 67 00' }
		});
	}
	return workspace;
}

function show(session: SessionRef, component: typeof AuthorizePage) {
	return render(WorkspaceHarness, { session, page: component });
}

beforeEach(() => {
	navigation.goto.mockClear();
	clearPendingInvitation();
	locale.set('en');
});

afterEach(() => {
	clearPendingInvitation();
	locale.set('en');
});

describe('Authorize indirect provider', () => {
	it('says there is nothing to review without a pending invitation', async () => {
		const workspace = await reseller({ enrolled: false });
		show(ref(workspace), AuthorizePage);
		await expect
			.element(
				page.getByText("No invitation to review. Open the link from the provider's email again.")
			)
			.toBeVisible();
		await expect
			.element(page.getByRole('button', { name: 'Authorize indirect provider' }))
			.not.toBeInTheDocument();
	});

	it('shows who invites, refuses without the box, then authorizes and goes to the list', async () => {
		const invitation = await invitationFrom('DE');
		const workspace = await reseller();
		savePendingInvitation(invitation);
		show(ref(workspace), AuthorizePage);

		await expect
			.element(page.getByRole('heading', { level: 1, name: 'Authorize indirect provider' }))
			.toBeVisible();
		// Partner text is shown as text, never as markup.
		await expect
			.element(page.getByTestId('partner-name'))
			.toHaveTextContent('Northwind <b>Distribution</b>');
		await expect.element(page.getByTestId('partner-mpn')).toHaveTextContent('4847383');
		await expect
			.element(page.getByTestId('partner-location'))
			.toHaveTextContent('Germany (Europe CSP region)');
		const grouped = invitation.payload.inviter.fingerprint.match(/.{4}/g)?.join(' ');
		await expect.element(page.getByTestId('partner-fingerprint')).toHaveTextContent(grouped ?? '');
		await expect
			.element(page.getByTestId('authorize-note'))
			.toHaveTextContent('administrator access to your Azure AD tenant');

		const box = page.getByRole('checkbox', {
			name: 'I authorize Northwind <b>Distribution</b> to be my indirect provider'
		});
		await page.getByRole('button', { name: 'Authorize indirect provider' }).click();
		await expect
			.element(page.getByText('Check the box to confirm that you authorize this provider.'))
			.toBeVisible();
		await expect.element(box).toHaveAttribute('aria-invalid', 'true');
		await expect.element(box).toHaveFocus();
		expect(await workspaceDb(workspace.workspaceId).channels.count()).toBe(0);

		await box.click();
		await page.getByRole('button', { name: 'Authorize indirect provider' }).click();
		await expect.poll(() => navigation.goto.mock.calls.length).toBe(1);
		expect(navigation.goto.mock.calls[0]).toEqual([`/w/${workspace.workspaceId}/providers`]);
		const channel = await workspaceDb(workspace.workspaceId).channels.get(
			invitation.payload.channelId
		);
		expect(channel?.state).toBe('accepted');
		expect(loadPendingInvitation()).toBeNull();

		show(ref(workspace), ProvidersPage);
		await expect
			.element(page.getByTestId('provider-authorized'))
			.toHaveTextContent('Northwind <b>Distribution</b> is now on your Indirect providers list.');
	});

	it('sends an unenrolled reseller to Enrollment first', async () => {
		const invitation = await invitationFrom('DE');
		const workspace = await reseller({ enrolled: false });
		savePendingInvitation(invitation);
		show(ref(workspace), AuthorizePage);
		await expect
			.element(page.getByTestId('authorize-refusal'))
			.toHaveTextContent('Available once your enrollment as an indirect reseller is approved.');
		await expect
			.element(page.getByRole('link', { name: 'Go to Enrollment' }))
			.toHaveAttribute('href', `/w/${workspace.workspaceId}/enrollment`);
		await expect.element(page.getByRole('checkbox')).not.toBeInTheDocument();
	});

	it('refuses a provider of another CSP region, naming both regions, in French too', async () => {
		const invitation = await invitationFrom('US');
		const workspace = await reseller();
		savePendingInvitation(invitation);
		show(ref(workspace), AuthorizePage);
		await expect
			.element(page.getByTestId('authorize-refusal'))
			.toHaveTextContent(
				'This provider is in the United States CSP region and you are in Europe: a provider can partner only with resellers in its own region.'
			);
		locale.set('fr');
		await expect
			.element(page.getByTestId('authorize-refusal'))
			.toHaveTextContent('région CSP États-Unis');
		await expect
			.element(page.getByRole('button', { name: 'Autoriser le fournisseur indirect' }))
			.not.toBeInTheDocument();
	});

	it('tells a user who is not Global admin who can authorize', async () => {
		const invitation = await invitationFrom('DE');
		const workspace = await reseller();
		const helpdesk = await insertTestUser(workspace.workspaceId, {
			adminRole: 'user_management_admin'
		});
		savePendingInvitation(invitation);
		show({ workspaceId: workspace.workspaceId, userId: helpdesk.id }, AuthorizePage);
		await expect
			.element(page.getByText('Only a Global admin can authorize an indirect provider.'))
			.toBeVisible();
		await expect.element(page.getByRole('checkbox')).not.toBeInTheDocument();
	});

	it('refuses an invitation already used in this workspace', async () => {
		const invitation = await invitationFrom('DE');
		const workspace = await reseller();
		await authorizeProvider(ref(workspace), invitation, true);
		savePendingInvitation(invitation);
		show(ref(workspace), AuthorizePage);
		await expect
			.element(page.getByTestId('authorize-refusal'))
			.toHaveTextContent('This invitation has already been used.');
	});
});

describe('Indirect providers', () => {
	it('shows the empty state, and the enrolment notice until approved', async () => {
		const workspace = await reseller({ enrolled: false });
		show(ref(workspace), ProvidersPage);
		await expect
			.element(page.getByRole('heading', { level: 1, name: 'Indirect providers' }))
			.toBeVisible();
		await expect
			.element(page.getByTestId('enrollment-required'))
			.toHaveTextContent('Available once your enrollment as an indirect reseller is approved.');
		await expect
			.element(page.getByTestId('providers-empty'))
			.toHaveTextContent('You have no indirect providers yet.');
		await expect
			.element(page.getByRole('link', { name: 'Or find a provider.' }))
			.toHaveAttribute('href', `/w/${workspace.workspaceId}/providers/find`);
	});

	it('says honestly where each partnership stands, and offers View customers once active', async () => {
		const invitation = await invitationFrom('DE');
		const workspace = await reseller();
		await authorizeProvider(ref(workspace), invitation, true);
		show(ref(workspace), ProvidersPage);

		const row = page.getByRole('article', { name: 'Northwind <b>Distribution</b>' });
		await expect
			.element(row.getByTestId('provider-state'))
			.toHaveTextContent("Waiting for the provider's workspace to receive the acceptance");
		await expect.element(page.getByTestId('enrollment-required')).not.toBeInTheDocument();
		await expect.element(row.getByRole('link', { name: 'View customers' })).not.toBeInTheDocument();

		const db = workspaceDb(workspace.workspaceId);
		const since = Date.UTC(2025, 2, 12, 12);
		await db.channels.update(invitation.payload.channelId, { state: 'active', since });
		await expect
			.element(row.getByTestId('provider-state'))
			.toHaveTextContent('Active since March 12, 2025');
		await expect
			.element(row.getByRole('link', { name: 'View customers' }))
			.toHaveAttribute(
				'href',
				`/w/${workspace.workspaceId}/providers/${invitation.payload.channelId}`
			);

		await db.channels.update(invitation.payload.channelId, { state: 'removed', removedAt: since });
		await expect
			.element(row.getByTestId('provider-state'))
			.toHaveTextContent(
				'Removed by the provider on March 12, 2025. What was shared stays readable.'
			);

		await db.channels.update(invitation.payload.channelId, { state: 'refused' });
		await expect
			.element(row.getByTestId('provider-state'))
			.toHaveTextContent('This invitation was already used by another reseller.');
		locale.set('fr');
		await expect
			.element(row.getByTestId('provider-state'))
			.toHaveTextContent('Cette invitation a déjà été utilisée par un autre revendeur.');
	});

	it('points back to an invitation opened in this tab and not yet authorized', async () => {
		const invitation = await invitationFrom('DE');
		const workspace = await reseller({ enrolled: false });
		savePendingInvitation(invitation);
		show(ref(workspace), ProvidersPage);
		await expect
			.element(page.getByTestId('pending-invitation'))
			.toHaveTextContent('You opened an invitation from Northwind <b>Distribution</b>');
		await expect
			.element(page.getByRole('link', { name: 'Review invitation' }))
			.toHaveAttribute('href', `/w/${workspace.workspaceId}/providers/authorize`);
	});

	it('shows the customers shared with a provider: none yet', async () => {
		const invitation = await invitationFrom('DE');
		const workspace = await reseller();
		await authorizeProvider(ref(workspace), invitation, true);
		const channelId = invitation.payload.channelId;
		await workspaceDb(workspace.workspaceId).channels.update(channelId, {
			state: 'active',
			since: Date.now()
		});
		appState.page.params = { id: workspace.workspaceId, channelId };
		show(ref(workspace), CustomersPage);
		await expect
			.element(
				page.getByRole('heading', {
					level: 1,
					name: 'Customers shared with Northwind <b>Distribution</b>'
				})
			)
			.toBeVisible();
		await expect.element(page.getByTestId('partner-mpn')).toHaveTextContent('4847383');
		await expect
			.element(page.getByTestId('shared-customers-empty'))
			.toHaveTextContent('No customers are shared with this provider yet.');
	});

	it('says so when the provider is not on the list', async () => {
		const workspace = await reseller({ enrolled: false });
		appState.page.params = { id: workspace.workspaceId, channelId: 'f'.repeat(32) };
		show(ref(workspace), CustomersPage);
		await expect
			.element(page.getByTestId('provider-not-found'))
			.toHaveTextContent('This provider is not on your Indirect providers list.');
	});
});
