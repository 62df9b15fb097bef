import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import { workspaceDb } from '$lib/db/workspace-db';
import type { WorkspaceEntry } from '$lib/domain/workspace';
import { requestPartnership } from '$lib/services/partnerships';
import { clearPendingInvitation, loadPendingInvitation } from '$lib/state/pending-invitation';
import { locale } from '$lib/state/locale.svelte';
import { createTestWorkspace } from '$lib/test/factories';
import InvitePage from './+page.svelte';

// The browser's workspaces, as the page lists them (other test files share this IndexedDB).
const listed = vi.hoisted(() => ({ value: [] as WorkspaceEntry[] }));
vi.mock('$lib/services/workspaces', async (importOriginal) => ({
	...(await importOriginal<typeof import('$lib/services/workspaces')>()),
	listWorkspaces: async () => listed.value
}));

function entry(kind: WorkspaceEntry['kind'], name: string, country = 'FR'): WorkspaceEntry {
	const id = crypto.randomUUID();
	return { id, kind, name, domain: `${id.slice(0, 8)}.onmicrosoft.com`, country, createdAt: 0 };
}

let link: URL;
const original = location.pathname + location.search + location.hash;

/** The test page's address, as if the provider's link had been opened. */
async function open(search: string, hash: string) {
	history.replaceState(history.state, '', location.pathname + search + hash);
	return await render(InvitePage);
}

beforeAll(async () => {
	const provider = await createTestWorkspace({
		kind: 'provider',
		name: 'Northwind Distribution',
		country: 'DE'
	});
	await workspaceDb(provider.workspaceId).meta.put({ key: 'mpnId', value: '4847383' });
	const created = await requestPartnership(
		{ workspaceId: provider.workspaceId, userId: provider.userId },
		{ email: 'admin@fabrikam.example' },
		'https://tierlink.example/app/'
	);
	link = new URL(created.link);
});

beforeEach(() => {
	clearPendingInvitation();
	locale.set('en');
	listed.value = [];
});

afterEach(() => {
	history.replaceState(history.state, '', original);
	clearPendingInvitation();
	locale.set('en');
});

describe('/invite', () => {
	it('shows who invites, keeps the invitation for this tab and takes it out of the address', async () => {
		const mine = entry('reseller', 'Fabrikam Resale');
		const far = entry('reseller', 'Tailspin Resale US', 'US');
		listed.value = [entry('provider', 'Other Distribution'), far, mine];
		await open(link.search, link.hash);

		await expect
			.element(
				page.getByText(
					'Northwind Distribution invites your organization to be its indirect reseller'
				)
			)
			.toBeVisible();
		expect(location.hash).toBe('');
		expect(location.search).toBe(link.search);
		expect(loadPendingInvitation()?.payload.inviter.name).toBe('Northwind Distribution');
		await expect.element(page.getByTestId('partner-mpn')).toHaveTextContent('4847383');
		await expect
			.element(page.getByTestId('partner-location'))
			.toHaveTextContent('Germany (Europe CSP region)');
		await expect
			.element(page.getByTestId('partner-fingerprint'))
			.toHaveTextContent(/^([0-9a-f]{4} ){7}[0-9a-f]{4}$/);
		await expect.element(page.getByTestId('invitation-expiry')).toBeVisible();

		await expect
			.element(
				page.getByRole('heading', {
					name: 'Choose the reseller workspace that will authorize this provider'
				})
			)
			.toBeVisible();
		await expect
			.element(page.getByRole('link', { name: 'Fabrikam Resale' }))
			.toHaveAttribute('href', `/w/${mine.id}/providers/authorize`);
		await expect
			.element(page.getByText("United States CSP region: outside this provider's region"))
			.toBeVisible();
		await expect
			.element(page.getByRole('link', { name: 'Other Distribution' }))
			.not.toBeInTheDocument();

		locale.set('fr');
		await expect
			.element(
				page.getByRole('heading', { level: 1, name: "Invitation d'un fournisseur indirect" })
			)
			.toBeVisible();
		await expect
			.element(
				page.getByRole('heading', {
					name: "Choisissez l'espace de travail revendeur qui autorisera ce fournisseur"
				})
			)
			.toBeVisible();
	});

	it('offers to create a reseller workspace when the browser has none, and says why others do not count', async () => {
		listed.value = [entry('provider', 'Other Distribution'), entry('customer', 'Contoso')];
		await open(link.search, link.hash);
		await expect
			.element(page.getByTestId('no-reseller-workspace'))
			.toHaveTextContent('There is no reseller workspace in this browser yet.');
		await expect
			.element(page.getByText(/only an indirect reseller's workspace can authorize/))
			.toBeVisible();
		await expect
			.element(page.getByRole('link', { name: 'Create workspace' }))
			.toHaveAttribute('href', '/new');
	});

	it('refuses an altered link, keeps nothing and still clears the address', async () => {
		const altered = link.hash.slice(0, -6) + (link.hash.endsWith('AAAAAA') ? 'BBBBBB' : 'AAAAAA');
		await open(link.search, altered);
		await expect
			.element(page.getByRole('alert'))
			.toHaveTextContent('This invitation link is not valid');
		expect(location.hash).toBe('');
		expect(loadPendingInvitation()).toBeNull();
		await expect
			.element(page.getByRole('link', { name: 'Back to workspaces' }))
			.toHaveAttribute('href', '/');
	});

	it('after a reload, shows the invitation kept for this tab; without one, says to open the link again', async () => {
		const first = await open(link.search, link.hash);
		await expect.element(page.getByTestId('partner-mpn')).toBeVisible();
		await first.unmount();

		const reloaded = await open(link.search, '');
		await expect
			.element(
				page.getByText(
					'Northwind Distribution invites your organization to be its indirect reseller'
				)
			)
			.toBeVisible();
		await reloaded.unmount();

		// Another provider's address with its fragment cut off: not the kept invitation.
		await open(`?invType=IndirectProvider&partnerId=${crypto.randomUUID()}`, '');
		await expect
			.element(page.getByRole('alert'))
			.toHaveTextContent("No invitation to review. Open the link from the provider's email again.");
	});
});
