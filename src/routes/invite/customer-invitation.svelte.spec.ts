import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import { workspaceDb } from '$lib/db/workspace-db';
import type { WorkspaceEntry } from '$lib/domain/workspace';
import { requestCustomerRelationship } from '$lib/services/customer-invitations';
import { authorizeProvider, readInvitation, requestPartnership } from '$lib/services/partnerships';
import {
	clearPendingInvitation,
	loadPendingCustomerInvitation,
	loadPendingInvitation
} from '$lib/state/pending-invitation';
import { locale } from '$lib/state/locale.svelte';
import { APP, createTestProvider, enrolledReseller, linkParts, session } from '$lib/test/partners';
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

const original = location.pathname + location.search + location.hash;
/** The combined request (with delegated admin) and a plain one without it. */
let combined: URL;
let plain: URL;

/** The test page's address, as if the reseller's link had been opened. */
async function open(search: string, hash: string) {
	history.replaceState(history.state, '', location.pathname + search + hash);
	return await render(InvitePage);
}

beforeAll(async () => {
	const provider = await createTestProvider();
	await workspaceDb(provider.workspaceId).meta.put({ key: 'mpnId', value: '4847383' });
	const reseller = await enrolledReseller();
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
	const withProvider = await requestCustomerRelationship(
		session(reseller),
		{ email: 'admin@contoso.fr', dap: true },
		APP,
		channel.id
	);
	combined = new URL(withProvider.link);
	const alone = await requestCustomerRelationship(
		session(reseller),
		{ email: 'admin@contoso.fr', dap: false },
		APP
	);
	plain = new URL(alone.link);
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

describe('/invite with a reseller relationship request', () => {
	it('shows the reseller, its provider and the admin privileges, and offers customer workspaces only', async () => {
		const mine = entry('customer', 'Contoso Café');
		const far = entry('customer', 'Tailspin Toys', 'US');
		listed.value = [entry('reseller', 'Other Resale'), far, mine];
		await open(combined.search, combined.hash);

		await expect
			.element(page.getByRole('heading', { level: 1, name: 'Reseller relationship request' }))
			.toBeVisible();
		expect(location.hash).toBe('');
		expect(location.search).toBe(combined.search);
		expect(loadPendingCustomerInvitation()?.payload.provider?.name).toBe('Northwind Distribution');
		expect(loadPendingInvitation()).toBeNull();
		await expect
			.element(page.getByTestId('customer-invitation-intro'))
			.toHaveTextContent(
				'Fabrikam Resale asks your company to accept it as its reseller in the Cloud Solution Provider program, together with its indirect provider Northwind Distribution.'
			);

		const asking = page.getByRole('region', { name: 'Who is asking' });
		await expect.element(asking.getByTestId('partner-name')).toHaveTextContent('Fabrikam Resale');
		await expect
			.element(asking.getByTestId('partner-location'))
			.toHaveTextContent('France (Europe CSP region)');
		await expect
			.element(asking.getByTestId('partner-fingerprint'))
			.toHaveTextContent(/^([0-9a-f]{4} ){7}[0-9a-f]{4}$/);
		await expect.element(asking.getByTestId('invitation-dap')).toHaveTextContent('Included');
		await expect.element(asking.getByTestId('invitation-expiry')).toBeVisible();

		const provider = page.getByRole('region', { name: 'Indirect provider' });
		await expect
			.element(provider.getByTestId('partner-name'))
			.toHaveTextContent('Northwind Distribution');
		await expect.element(provider.getByTestId('partner-mpn')).toHaveTextContent('4847383');
		await expect
			.element(provider.getByTestId('partner-location'))
			.toHaveTextContent('Germany (Europe CSP region)');
		await expect
			.element(provider.getByTestId('invitation-combined'))
			.toHaveTextContent(
				'Accepting gives both Fabrikam Resale and Northwind Distribution a reseller relationship with your company'
			);
		await expect
			.element(page.getByTestId('invitation-dap-note'))
			.toHaveTextContent(
				'This request includes delegated administration privileges: once you accept, Fabrikam Resale can administer'
			);

		await expect
			.element(
				page.getByRole('heading', {
					name: 'Choose the customer workspace that will accept this request'
				})
			)
			.toBeVisible();
		await expect
			.element(page.getByRole('link', { name: 'Contoso Café' }))
			.toHaveAttribute('href', `/w/${mine.id}/partners/accept`);
		await expect
			.element(page.getByRole('link', { name: 'Tailspin Toys' }))
			.toHaveAttribute('href', `/w/${far.id}/partners/accept`);
		await expect
			.element(page.getByText("United States market: outside this reseller's market"))
			.toBeVisible();
		await expect.element(page.getByRole('link', { name: 'Other Resale' })).not.toBeInTheDocument();

		locale.set('fr');
		await expect
			.element(page.getByRole('heading', { level: 1, name: 'Demande de relation de revendeur' }))
			.toBeVisible();
		await expect
			.element(
				page.getByRole('region', { name: 'Qui fait la demande' }).getByTestId('invitation-dap')
			)
			.toHaveTextContent('Inclus');
	});

	it('says plainly when admin privileges are not included, and offers to create a customer workspace', async () => {
		listed.value = [entry('reseller', 'Other Resale')];
		await open(plain.search, plain.hash);
		await expect
			.element(page.getByTestId('customer-invitation-intro'))
			.toHaveTextContent(
				'Fabrikam Resale asks your company to accept it as its reseller in the Cloud Solution Provider program.'
			);
		await expect.element(page.getByTestId('invitation-provider')).not.toBeInTheDocument();
		await expect.element(page.getByTestId('invitation-dap')).toHaveTextContent('Not included');
		await expect
			.element(page.getByTestId('invitation-dap-note'))
			.toHaveTextContent(
				'This request does not include delegated administration privileges: Fabrikam Resale will not be able to administer'
			);
		await expect
			.element(page.getByTestId('no-customer-workspace'))
			.toHaveTextContent('There is no customer workspace in this browser yet.');
		await expect
			.element(page.getByText(/only a customer workspace can accept a reseller relationship/))
			.toBeVisible();
		await expect
			.element(page.getByRole('link', { name: 'Create workspace' }))
			.toHaveAttribute('href', '/new');
	});

	it('after a reload, shows the request kept for this tab, not for another reseller', async () => {
		const first = await open(combined.search, combined.hash);
		await expect.element(page.getByTestId('invitation-provider')).toBeVisible();
		await first.unmount();

		const reloaded = await open(combined.search, '');
		await expect
			.element(page.getByRole('heading', { level: 1, name: 'Reseller relationship request' }))
			.toBeVisible();
		await expect.element(page.getByTestId('invitation-provider')).toBeVisible();
		await reloaded.unmount();

		await open(`?invType=ResellerRelationship&partnerId=${crypto.randomUUID()}`, '');
		await expect
			.element(page.getByRole('alert'))
			.toHaveTextContent("No request to review. Open the link from the reseller's email again.");
	});

	it('refuses a request whose DAP was changed in the address, and keeps nothing', async () => {
		await open(plain.search.replace('DAP=false', 'DAP=true'), plain.hash);
		await expect
			.element(page.getByRole('alert'))
			.toHaveTextContent(
				'This request link is not valid: it was altered, cut short or not signed by the reseller it names.'
			);
		expect(location.hash).toBe('');
		expect(loadPendingCustomerInvitation()).toBeNull();
	});
});
