// Helpers for the partnership journeys: a real relay process, the provider's and the reseller's
// steps as a person clicks them, and reading what each side shows.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { startRelay } from '../relay/server.mjs';
import {
	createWorkspace,
	expect,
	openFromDashboardMenu,
	t,
	test,
	tPattern,
	type Lang,
	type WorkspaceData
} from './fixtures';

export interface TestRelay {
	url: string;
	dataDir: string;
	/** stops the relay (it stores what it holds) but keeps its data folder */
	stop(): Promise<void>;
	/** stops it if needed and removes its data folder */
	close(): Promise<void>;
	/** every byte the relay stored, for searching what it could read */
	storedBytes(): Buffer;
}

/** Starts the real relay (Hocuspocus) on a free loopback port with a fresh data folder. */
export async function startTestRelay(): Promise<TestRelay> {
	const dataDir = mkdtempSync(join(tmpdir(), 'tierlink-relay-'));
	const relay = await startRelay({ port: 0, dataDir, quiet: true });
	let stopped: Promise<void> | null = null;
	const stop = () => (stopped ??= relay.close());
	return {
		url: relay.url,
		dataDir,
		stop,
		async close() {
			await stop();
			rmSync(dataDir, { recursive: true, force: true });
		},
		storedBytes() {
			return Buffer.concat(readdirSync(dataDir).map((name) => readFileSync(join(dataDir, name))));
		}
	};
}

/** Account settings > Sync: sets the relay address. */
export async function setRelay(page: Page, url: string, lang: Lang = 'en') {
	await openFromDashboardMenu(page, 'nav_sync', lang);
	await page.getByLabel(t(lang, 'sync_relay_url'), { exact: true }).fill(url);
	await page.getByRole('button', { name: t(lang, 'save'), exact: true }).click();
	await expect(page.getByTestId('relay-saved')).toBeVisible();
}

/** Account settings: a provider's Partner ID (MPN ID). */
export async function setProviderMpnId(page: Page, mpnId: string, lang: Lang = 'en') {
	await openFromDashboardMenu(page, 'nav_account_settings', lang);
	await page.getByRole('textbox', { name: t(lang, 'pid_label'), exact: true }).fill(mpnId);
	await page
		.getByRole('region', { name: t(lang, 'pid_heading') })
		.getByRole('button', { name: t(lang, 'save') })
		.click();
	await expect(page.getByText(t(lang, 'pid_saved'))).toBeVisible();
}

/** A reseller enrols through "Already enrolled in CSP" (support contact only) and is approved. */
export async function enrollAsExistingCsp(page: Page, lang: Lang = 'en') {
	await openFromDashboardMenu(page, 'nav_enrollment', lang);
	await page.getByRole('link', { name: t(lang, 'enr_already_enrolled') }).click();
	await page
		.getByLabel(t(lang, 'enr_support_email'), { exact: true })
		.fill('support@reseller.example');
	await page.getByLabel(t(lang, 'enr_support_phone'), { exact: true }).fill('+33 1 23 45 67 89');
	await page.getByRole('button', { name: t(lang, 'enr_create_reseller_account') }).click();
	await expect(page.getByText(t(lang, 'enr_state_approved')).first()).toBeVisible();
}

/**
 * Provider: Indirect resellers > Request a partnership > email draft. Returns the personalised
 * link as the page shows it, after checking the draft carries it, then selects Done.
 */
export async function requestPartnership(
	page: Page,
	reseller: { email: string; name: string },
	lang: Lang = 'en'
): Promise<string> {
	await openFromDashboardMenu(page, 'nav_indirect_resellers', lang);
	await page.getByRole('link', { name: t(lang, 'res_request') }).click();
	await page.getByLabel(t(lang, 'res_invite_email'), { exact: true }).fill(reseller.email);
	await page.getByLabel(t(lang, 'res_invite_name'), { exact: true }).fill(reseller.name);
	await page.getByRole('button', { name: t(lang, 'next') }).click();
	const linkField = page.getByTestId('invitation-link');
	await expect(linkField).toHaveValue(/\/invite\?invType=IndirectProvider&.+#inv=/);
	const link = await linkField.inputValue();
	const body = page.getByLabel(t(lang, 'res_draft_body'), { exact: true });
	await expect(body).toHaveValue(new RegExp(link.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
	await expect(page.getByTestId('open-in-email')).toHaveAttribute('href', /^mailto:/);
	await page.getByRole('link', { name: t(lang, 'done') }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: t(lang, 'nav_indirect_resellers') })
	).toBeVisible();
	return link;
}

/**
 * Reseller: opens the provider's link, picks its workspace (signing in if this tab is not), ticks
 * the box and selects Authorize indirect provider; lands on Indirect providers.
 */
export async function authorizeFromLink(
	page: Page,
	link: string,
	reseller: { workspaceName: string; providerName: string; email?: string; password?: string },
	lang: Lang = 'en'
) {
	await page.goto(link);
	await expect(page.getByRole('heading', { level: 1, name: t(lang, 'inv_title') })).toBeVisible();
	await expect(page.getByTestId('partner-name')).toHaveText(reseller.providerName);
	// The secret leaves the address bar at once.
	await expect.poll(() => new URL(page.url()).hash).toBe('');
	await page
		.getByTestId('reseller-workspaces')
		.getByRole('link', { name: reseller.workspaceName })
		.click();
	if (reseller.email && reseller.password) {
		await page.getByLabel(t(lang, 'work_email'), { exact: true }).fill(reseller.email);
		await page.getByLabel(t(lang, 'password'), { exact: true }).fill(reseller.password);
		await page.getByRole('button', { name: t(lang, 'sign_in'), exact: true }).click();
	}
	await expect(
		page.getByRole('heading', { level: 1, name: t(lang, 'prov_authorize_title') })
	).toBeVisible();
	await page
		.getByRole('checkbox', {
			name: t(lang, 'prov_authorize_confirm', { provider: reseller.providerName })
		})
		.check();
	await page.getByRole('button', { name: t(lang, 'prov_authorize_button') }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: t(lang, 'nav_indirect_providers') })
	).toBeVisible();
}

/** The state text of a provider on the reseller's Indirect providers page. */
export function providerState(page: Page, providerName: string) {
	return page
		.getByTestId('provider-row')
		.filter({ hasText: providerName })
		.getByTestId('provider-state');
}

/** The state text of a reseller on the provider's Indirect resellers page. */
export function resellerState(page: Page, resellerName: string) {
	return page
		.getByTestId('reseller-row')
		.filter({ hasText: resellerName })
		.getByTestId('reseller-state');
}

/** Settings > Sync: Export changes for this partner; returns the file's text. */
export async function exportChanges(page: Page, partnerName: string, lang: Lang = 'en') {
	await openFromDashboardMenu(page, 'nav_sync', lang);
	const card = page.getByTestId('sync-partner').filter({ hasText: partnerName });
	const downloading = page.waitForEvent('download');
	await card.getByRole('button', { name: t(lang, 'sync_export') }).click();
	const download = await downloading;
	const path = test.info().outputPath(download.suggestedFilename());
	await download.saveAs(path);
	const { readFile } = await import('node:fs/promises');
	return readFile(path, 'utf8');
}

/** Settings > Sync: Import changes from a file. */
export async function importChanges(page: Page, text: string, lang: Lang = 'en') {
	await openFromDashboardMenu(page, 'nav_sync', lang);
	await page.getByLabel(t(lang, 'sync_import_file'), { exact: true }).setInputFiles({
		name: 'changes.json',
		mimeType: 'application/json',
		buffer: Buffer.from(text, 'utf8')
	});
	await expect(
		page
			.getByText(tPattern(lang, 'sync_import_done'))
			.or(page.getByText(t(lang, 'sync_import_done_unnamed')))
	).toBeVisible();
}

/** Journeys with several workspaces (PBKDF2 with 600,000 iterations for each). */
export const JOURNEY_TIMEOUT = 240_000;
/** Sync between browsers: through the relay, or BroadcastChannel in one browser. */
export const SYNC = { timeout: 30_000 };

/** A page in a browser context of its own: another browser, as far as storage goes. */
export async function newPage(browser: Browser): Promise<Page> {
	return (await browser.newContext()).newPage();
}

/**
 * A provider (Partner ID 4847383) and a reseller already in CSP, in partnership over the relay:
 * the provider requests, the reseller authorizes from the link, and sees it active.
 */
export async function partnersOverRelay(
	pages: { provider: Page; reseller: Page },
	relay: TestRelay,
	provider: WorkspaceData,
	reseller: WorkspaceData,
	options: { resellerMpnId?: string } = {}
) {
	const { provider: p, reseller: r } = pages;
	await createWorkspace(p, provider);
	await setRelay(p, relay.url);
	await setProviderMpnId(p, '4847383');
	const partnership = await requestPartnership(p, { email: reseller.email, name: reseller.name });
	await createWorkspace(r, reseller);
	await setRelay(r, relay.url);
	await enrollAsExistingCsp(r);
	// Stated before authorizing: it goes on the card the provider keeps.
	if (options.resellerMpnId) await setProviderMpnId(r, options.resellerMpnId);
	await authorizeFromLink(r, partnership, {
		workspaceName: reseller.name,
		providerName: provider.name
	});
	await expect(providerState(r, provider.name)).toContainText(
		t('en', 'prov_state_active', { date: '' }).trim(),
		SYNC
	);
}
