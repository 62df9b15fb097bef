// Issue 5: a provider and a reseller become partners, as the seed's "Connect with an indirect
// provider" describes, through each transport: a real relay between two browsers, the same
// browser, and a file carried by hand.
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
// @ts-expect-error -- ws ships no types and only this test uses it directly
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { Page } from '@playwright/test';
import {
	createWorkspace,
	expect,
	openFromDashboardMenu,
	t,
	test,
	workspaceData,
	type Lang
} from './fixtures';
import {
	authorizeFromLink,
	enrollAsExistingCsp,
	exportChanges,
	importChanges,
	providerState,
	requestPartnership,
	resellerState,
	setProviderMpnId,
	setRelay,
	startTestRelay,
	type TestRelay
} from './partners';

let relay: TestRelay;

/** Each journey creates two workspaces and signs in several times (PBKDF2, 600,000 iterations). */
const JOURNEY_TIMEOUT = 150_000;

test.beforeEach(async () => {
	relay = await startTestRelay();
});

test.afterEach(async () => {
	await relay.close();
});

/** The invitation's public facts, read from the link's fragment as anyone holding it could. */
function invitationFacts(link: string): { channelId: string; providerFingerprint: string } {
	const encoded = new URLSearchParams(new URL(link).hash.slice(1)).get('inv') ?? '';
	const { payload } = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
	return { channelId: payload.channelId, providerFingerprint: payload.inviter.fingerprint };
}

/**
 * A reseller turned hostile: connects to the provider's mailbox on the relay (read-only for it),
 * deletes every envelope it sees and appends garbage. The relay must refuse all of it.
 */
async function tamperWithMailbox(url: string, name: string) {
	const socket = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: WebSocket });
	const document = new Y.Doc();
	const provider = new HocuspocusProvider({
		websocketProvider: socket,
		name,
		document,
		token: 'read',
		awareness: null
	});
	provider.attach();
	await expect.poll(() => provider.isSynced).toBe(true);
	const envelopes = document.getArray('envelopes');
	expect(envelopes.length).toBeGreaterThan(0);
	document.transact(() => {
		envelopes.delete(0, envelopes.length);
		envelopes.push(['garbage', { v: 1, kind: 'update', seq: 99 }]);
	});
	await new Promise((resolve) => setTimeout(resolve, 500));
	provider.destroy();
	socket.destroy();
}

async function removePartnership(page: Page, resellerName: string, lang: Lang = 'en') {
	const row = page.getByTestId('reseller-row').filter({ hasText: resellerName });
	await row.getByRole('button', { name: t(lang, 'res_remove') }).click();
	const dialog = page.getByRole('alertdialog');
	await expect(dialog).toContainText(t(lang, 'res_remove_title', { name: resellerName }));
	await dialog.getByRole('button', { name: t(lang, 'res_remove') }).click();
	await expect(resellerState(page, resellerName)).toContainText(
		t(lang, 'res_state_removed_on', { date: '' }).trim()
	);
}

test('(a) two browsers and a relay: request, authorize, both list each other, remove; the relay learns nothing and cannot tamper', async ({
	browser
}) => {
	test.setTimeout(JOURNEY_TIMEOUT);
	const providerContext = await browser.newContext();
	const resellerContext = await browser.newContext();
	const p = await providerContext.newPage();
	const r = await resellerContext.newPage();
	const provider = workspaceData({ kind: 'provider', country: 'DE' });
	provider.name = `Northwind Distribution ${provider.prefix.slice(-6)}`;
	const reseller = workspaceData({ kind: 'reseller', country: 'FR' });

	// Provider: relay, Partner ID, Request a partnership.
	await createWorkspace(p, provider);
	await setRelay(p, relay.url);
	await setProviderMpnId(p, '4847383');
	const link = await requestPartnership(p, { email: reseller.email, name: reseller.name });
	const invitation = p.getByTestId('invitation-row').filter({ hasText: reseller.email });
	await expect(invitation.getByTestId('invitation-status')).toContainText(
		t('en', 'res_inv_pending')
	);

	// Reseller, in another browser: enrols, opens the link, authorizes.
	await createWorkspace(r, reseller);
	await enrollAsExistingCsp(r);
	await authorizeFromLink(r, link, { workspaceName: reseller.name, providerName: provider.name });
	const row = r.getByTestId('provider-row').filter({ hasText: provider.name });
	await expect(row).toContainText('4847383');

	// The acceptance reaches the provider through the relay; the provider's confirmation comes back.
	await expect(resellerState(p, reseller.name)).toContainText(
		t('en', 'res_state_active_since', { date: '' }).trim(),
		{ timeout: 20_000 }
	);
	await expect(invitation.getByTestId('invitation-status')).toContainText(
		t('en', 'res_inv_accepted')
	);
	await expect(providerState(r, provider.name)).toContainText(
		t('en', 'prov_state_active', { date: '' }).trim(),
		{ timeout: 20_000 }
	);

	// (b2) The reseller tries to wipe and append to the provider's mailbox on the relay…
	const { channelId, providerFingerprint } = invitationFacts(link);
	await tamperWithMailbox(relay.url, `tl1-${channelId}-${providerFingerprint}`);

	// …and the provider's next change still arrives intact.
	await removePartnership(p, reseller.name);
	await expect(providerState(r, provider.name)).toContainText(
		t('en', 'prov_state_removed', { date: 'X' }).split('X')[0]!.trim(),
		{ timeout: 20_000 }
	);
	await expect(
		row.getByRole('link', { name: new RegExp(t('en', 'prov_view_customers')) })
	).toBeVisible();

	// (e) What the relay stored holds no organisation name, email or fingerprint in clear.
	await providerContext.close();
	await resellerContext.close();
	await relay.stop();
	const stored = relay.storedBytes();
	expect(stored.length).toBeGreaterThan(0);
	for (const secret of [
		provider.name,
		reseller.name,
		reseller.email,
		provider.email,
		'Northwind'
	]) {
		expect(stored.includes(Buffer.from(secret)), `relay stored "${secret}"`).toBe(false);
	}
});

test('(d) no network at all: the acceptance and the confirmation travel as files', async ({
	browser
}) => {
	test.setTimeout(JOURNEY_TIMEOUT);
	const providerContext = await browser.newContext();
	const resellerContext = await browser.newContext();
	const p = await providerContext.newPage();
	const r = await resellerContext.newPage();
	const provider = workspaceData({ kind: 'provider', country: 'BE' });
	const reseller = workspaceData({ kind: 'reseller', country: 'FR' });

	await createWorkspace(p, provider);
	const link = await requestPartnership(p, { email: reseller.email, name: reseller.name });
	await createWorkspace(r, reseller);
	await enrollAsExistingCsp(r);
	await authorizeFromLink(r, link, { workspaceName: reseller.name, providerName: provider.name });
	await expect(providerState(r, provider.name)).toContainText(t('en', 'prov_state_accepted'));

	// Reseller → file → provider.
	const acceptance = await exportChanges(r, provider.name);
	await importChanges(p, acceptance);
	await openFromDashboardMenu(p, 'nav_indirect_resellers');
	await expect(resellerState(p, reseller.name)).toContainText(
		t('en', 'res_state_active_since', { date: '' }).trim()
	);

	// Provider → file → reseller: the confirmation.
	const confirmation = await exportChanges(p, reseller.name);
	await importChanges(r, confirmation);
	await openFromDashboardMenu(r, 'nav_indirect_providers');
	await expect(providerState(r, provider.name)).toContainText(
		t('en', 'prov_state_active', { date: '' }).trim()
	);

	// A file of the wrong kind changes nothing and says why.
	await openFromDashboardMenu(r, 'nav_sync');
	await r.getByLabel(t('en', 'sync_import_file'), { exact: true }).setInputFiles({
		name: 'notes.json',
		mimeType: 'application/json',
		buffer: Buffer.from('{"hello":"world"}')
	});
	await expect(r.locator('#sync-import-error')).toHaveText(t('en', 'err_changes_file_invalid'));
	await providerContext.close();
	await resellerContext.close();
});
