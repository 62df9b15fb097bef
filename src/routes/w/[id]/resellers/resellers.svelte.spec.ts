import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import type { Component } from 'svelte';
import type { ChannelRecord } from '$lib/db/records';
import { workspaceDb } from '$lib/db/workspace-db';
import { requestPartnership } from '$lib/services/partnerships';
import { locale } from '$lib/state/locale.svelte';
import { createTestWorkspace, insertTestUser, type TestWorkspace } from '$lib/test/factories';
import ResellersPage from './+page.svelte';
import InvitePage from './invite/+page.svelte';
import PartnerIdCard from '../settings/PartnerIdCard.svelte';
import ViewHarness from './test/ViewHarness.svelte';

/** The provider side of the partnership journey, in Chromium over real IndexedDB. */
let provider: TestWorkspace;
let userAdminId: string;

beforeAll(async () => {
	provider = await createTestWorkspace({
		kind: 'provider',
		name: 'Northwind Distribution',
		country: 'DE'
	});
	userAdminId = (await insertTestUser(provider.workspaceId, { adminRole: 'user_management_admin' }))
		.id;
});

afterEach(() => {
	locale.set('en');
	vi.restoreAllMocks();
});

function show(
	pageComponent: Component<any>, // eslint-disable-line @typescript-eslint/no-explicit-any -- any page or card
	userId = provider.userId,
	props: Record<string, unknown> = {}
) {
	return render(ViewHarness, {
		session: { workspaceId: provider.workspaceId, userId },
		page: pageComponent,
		pageProps: props
	});
}

const APP = 'https://tierlink.example/tierlink/';
const b64 = (char: string) => char.repeat(43);

/** An active partnership as if the reseller's acceptance had arrived. */
async function activeChannel(name: string, since: number): Promise<ChannelRecord> {
	const { invitation } = await requestPartnership(
		provider,
		{ email: `${name}@reseller.example` },
		APP
	);
	const db = workspaceDb(provider.workspaceId);
	await db.invitations.update(invitation.id, { status: 'accepted', closedAt: since });
	await db.channels.update(invitation.channelId, {
		state: 'active',
		since,
		partner: {
			workspaceId: crypto.randomUUID(),
			tenantId: crypto.randomUUID(),
			name,
			domain: `${name.toLowerCase()}.onmicrosoft.com`,
			mpnId: '1234567',
			country: 'FR',
			publicKey: { kty: 'EC', crv: 'P-256', x: b64('x'), y: b64('y') },
			fingerprint: '0123456789abcdef0123456789abcdef'
		}
	});
	return (await db.channels.get(invitation.channelId))!;
}

describe('Request a partnership', () => {
	it('refuses a bad email next to the field, then drafts the email with the link that must stay in it', async () => {
		show(InvitePage);
		await expect
			.element(page.getByRole('heading', { level: 1, name: 'Request a partnership' }))
			.toBeVisible();
		const email = page.getByRole('textbox', { name: "Reseller's work email" });
		await email.fill('not an email');
		await page.getByRole('button', { name: 'Next' }).click();
		await expect.element(email).toHaveAttribute('aria-invalid', 'true');
		await expect.element(email).toHaveAccessibleDescription(/email address/);

		await email.fill('ana@fabrikam.example');
		await page.getByRole('textbox', { name: "Reseller's name (optional)" }).fill('Fabrikam');
		await page.getByRole('button', { name: 'Next' }).click();

		await expect
			.element(page.getByRole('heading', { name: 'Step 2 of 2: send the invitation' }))
			.toBeVisible();
		await expect.element(page.getByTestId('link-shown-once')).toHaveTextContent(/shown only now/);
		const linkField = page.getByTestId('invitation-link');
		const link = (linkField.element() as HTMLInputElement).value;
		expect(link.startsWith(`${window.location.origin}/invite?invType=IndirectProvider&`)).toBe(
			true
		);
		expect(link).toContain('#inv=');
		await expect
			.element(page.getByRole('textbox', { name: 'Personalised link' }))
			.toHaveValue(link);
		await expect.element(page.getByTestId('relay-note')).toHaveTextContent(/No relay address/);

		const body = page.getByRole('textbox', { name: 'Message' });
		const text = (body.element() as HTMLTextAreaElement).value;
		expect(text.startsWith('Hello Fabrikam,')).toBe(true);
		expect(text.split('\n')).toContain(link);
		await expect
			.element(page.getByRole('textbox', { name: 'Subject' }))
			.toHaveValue('Northwind Distribution invites you to authorize it as your indirect provider');
		const open = page.getByRole('link', { name: 'Open in email' });
		expect(open.element().getAttribute('href')).toContain(encodeURIComponent(link));
		expect(
			open.element().getAttribute('href')?.startsWith('mailto:ana%40fabrikam.example?subject=')
		).toBe(true);

		// Remove the link: sending is refused until it is back.
		await body.fill(text.replace(link, ''));
		await expect
			.element(page.getByText('The personalised link must stay in the email'))
			.toBeVisible();
		await expect.element(body).toHaveAttribute('aria-invalid', 'true');
		await expect.element(page.getByRole('button', { name: 'Copy to clipboard' })).toBeDisabled();
		await expect
			.element(page.getByTestId('open-in-email'))
			.toHaveAttribute('aria-disabled', 'true');
		expect(page.getByTestId('open-in-email').element().hasAttribute('href')).toBe(false);

		await page.getByRole('button', { name: 'Reset draft' }).click();
		await expect.element(body).toHaveValue(text);
		await expect.element(page.getByRole('button', { name: 'Copy to clipboard' })).toBeEnabled();
		await expect
			.element(page.getByRole('link', { name: 'Done' }))
			.toHaveAttribute('href', `/w/${provider.workspaceId}/resellers`);

		const invitations = await workspaceDb(provider.workspaceId).invitations.toArray();
		expect(invitations.filter((i) => i.email === 'ana@fabrikam.example')).toMatchObject([
			{ name: 'Fabrikam', status: 'pending' }
		]);
	});

	it('is written in French when the UI is in French', async () => {
		locale.set('fr');
		show(InvitePage);
		await page
			.getByRole('textbox', { name: 'Adresse e-mail professionnelle du revendeur' })
			.fill('bob@contoso.example');
		await page.getByRole('button', { name: 'Suivant' }).click();
		const body = page.getByRole('textbox', { name: 'Message' });
		await expect
			.element(body)
			.toHaveValue(expect.stringMatching(/^Bonjour,\n\nNorthwind Distribution vous invite/));
		await expect
			.element(page.getByRole('button', { name: 'Copier dans le presse-papiers' }))
			.toBeEnabled();
		await expect
			.element(page.getByRole('link', { name: 'Ouvrir dans la messagerie' }))
			.toBeVisible();
	});

	it('copies the message, says so, and says clearly when the clipboard is refused', async () => {
		const writeText = vi.spyOn(navigator.clipboard, 'writeText').mockResolvedValueOnce();
		show(InvitePage);
		await page.getByRole('textbox', { name: "Reseller's work email" }).fill('copy@contoso.example');
		await page.getByRole('button', { name: 'Next' }).click();
		const body = page.getByRole('textbox', { name: 'Message' });
		await expect.element(body).toHaveValue(expect.stringContaining('#inv='));
		await page.getByRole('button', { name: 'Copy to clipboard' }).click();
		await expect.element(page.getByText('Copied to the clipboard.')).toBeVisible();
		expect(writeText).toHaveBeenCalledWith((body.element() as HTMLTextAreaElement).value);

		writeText.mockRejectedValueOnce(new DOMException('denied', 'NotAllowedError'));
		await page.getByRole('button', { name: 'Copy to clipboard' }).click();
		await expect
			.element(page.getByRole('alert'))
			.toHaveTextContent('The browser refused access to the clipboard.');
		await expect.element(page.getByText('Copied to the clipboard.')).not.toBeInTheDocument();
	});

	it('carries the relay address set in Settings > Sync', async () => {
		const db = workspaceDb(provider.workspaceId);
		await db.meta.put({ key: 'relayUrl', value: 'wss://relay.example/tierlink' });
		try {
			show(InvitePage);
			await page
				.getByRole('textbox', { name: "Reseller's work email" })
				.fill('relay@contoso.example');
			await page.getByRole('button', { name: 'Next' }).click();
			await expect
				.element(page.getByTestId('relay-note'))
				.toHaveTextContent(/\(wss:\/\/relay\.example\/tierlink\)/);
		} finally {
			await db.meta.put({ key: 'relayUrl', value: null });
		}
	});

	it('is refused to a User management admin', async () => {
		show(InvitePage, userAdminId);
		await expect.element(page.getByTestId('forbidden')).toBeVisible();
	});
});

describe('Indirect resellers', () => {
	it('lists pending invitations, cancels one after confirmation', async () => {
		await requestPartnership(
			provider,
			{ email: 'cancel.me@reseller.example', name: 'Cancel Me' },
			APP
		);
		show(ResellersPage);
		await expect
			.element(page.getByRole('heading', { level: 1, name: 'Indirect resellers' }))
			.toBeVisible();
		await expect
			.element(page.getByRole('link', { name: 'Request a partnership' }))
			.toHaveAttribute('href', `/w/${provider.workspaceId}/resellers/invite`);
		const row = page.getByRole('row', { name: /cancel\.me@reseller\.example/ });
		await expect.element(row.getByTestId('invitation-status')).toHaveTextContent('Pending');
		await expect.element(row).toHaveTextContent(/Waiting for the reseller to accept/);
		await row.getByRole('button', { name: 'Cancel invitation' }).click();
		const dialog = page.getByRole('alertdialog');
		await expect
			.element(dialog)
			.toHaveTextContent(/Cancel the invitation sent to cancel\.me@reseller\.example\?/);
		await dialog.getByRole('button', { name: 'Cancel invitation' }).click();
		await expect.element(row.getByTestId('invitation-status')).toHaveTextContent('Cancelled');
		await expect
			.element(row.getByRole('button', { name: 'Cancel invitation' }))
			.not.toBeInTheDocument();
	});

	it('shows an active reseller and removes the partnership after confirmation', async () => {
		const since = Date.UTC(2030, 0, 15, 12);
		await activeChannel('Fabrikam', since);
		show(ResellersPage);
		const row = page.getByRole('row', { name: /Fabrikam/ }).filter({ hasText: 'Active since' });
		await expect.element(row).toHaveTextContent(/1234567/);
		await expect.element(row).toHaveTextContent(/France/);
		await expect
			.element(row.getByTestId('reseller-state'))
			.toHaveTextContent('Active since January 15, 2030');
		await expect
			.element(row.getByTestId('reseller-fingerprint'))
			.toHaveTextContent('0123 4567 89ab cdef 0123 4567 89ab cdef');
		await row.getByRole('button', { name: 'Remove partnership' }).click();
		const dialog = page.getByRole('alertdialog');
		await expect.element(dialog).toHaveTextContent(/Remove the partnership with Fabrikam\?/);
		await expect
			.element(dialog)
			.toHaveTextContent(/What was shared stays readable on both sides\./);
		await dialog.getByRole('button', { name: 'Remove partnership' }).click();
		await expect
			.element(page.getByText('The partnership with Fabrikam was removed.'))
			.toBeVisible();
		const removed = page.getByRole('row', { name: /Fabrikam/ }).filter({ hasText: 'Removed on' });
		await expect.element(removed).toBeVisible();
		await expect
			.element(removed.getByRole('button', { name: 'Remove partnership' }))
			.not.toBeInTheDocument();
	});

	it('asks for the Partner ID until it is set, in French too', async () => {
		locale.set('fr');
		show(ResellersPage);
		await expect
			.element(page.getByTestId('mpn-missing'))
			.toHaveTextContent(/Indiquez votre ID partenaire/);
		await expect
			.element(page.getByRole('link', { name: 'Ouvrir les paramètres du compte' }))
			.toHaveAttribute('href', `/w/${provider.workspaceId}/settings`);
		await expect.element(page.getByRole('heading', { name: 'Partenariats' })).toBeVisible();
	});

	it('lets a User management admin view the list but not act on it', async () => {
		show(ResellersPage, userAdminId);
		await expect
			.element(page.getByRole('heading', { level: 2, name: 'Invitations' }))
			.toBeVisible();
		await expect
			.element(page.getByRole('row', { name: /reseller\.example/ }).first())
			.toBeVisible();
		expect(page.getByRole('link', { name: 'Request a partnership' }).elements()).toHaveLength(0);
		expect(page.getByRole('button', { name: 'Cancel invitation' }).elements()).toHaveLength(0);
	});
});

describe('Partner ID card', () => {
	it('shows the error next to the field, saves a valid ID, and the notice goes away', async () => {
		show(PartnerIdCard, provider.userId, { canEdit: true, kind: 'provider' });
		const field = page.getByRole('textbox', { name: 'Partner ID (MPN ID)' });
		await field.fill('12-34');
		await page.getByRole('button', { name: 'Save' }).click();
		await expect.element(field).toHaveAccessibleDescription(/6 to 10 digits/);
		await expect.element(field).toHaveAttribute('aria-invalid', 'true');
		await field.fill(' 4847383 ');
		await page.getByRole('button', { name: 'Save' }).click();
		await expect.element(page.getByRole('status')).toHaveTextContent('Partner ID saved.');
		await expect.element(field).toHaveValue('4847383');
		expect(await workspaceDb(provider.workspaceId).getMeta('mpnId')).toBe('4847383');
		show(ResellersPage);
		await expect.element(page.getByRole('heading', { name: 'Partnerships' })).toBeVisible();
		await expect.element(page.getByTestId('mpn-missing')).not.toBeInTheDocument();
	});

	it('is read-only for a User management admin', async () => {
		show(PartnerIdCard, userAdminId, { canEdit: false, kind: 'provider' });
		await expect.element(page.getByTestId('partner-id')).toHaveTextContent('4847383');
		expect(page.getByRole('button', { name: 'Save' }).elements()).toHaveLength(0);
	});
});
