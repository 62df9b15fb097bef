// Shared helpers for the end-to-end journeys. They click through the app as a person would: by
// role and visible name, in the language the page is shown in, with every visible text taken from
// the message catalogues (messages/en.json, messages/fr.json) so a journey reads like the screen.
import { readFileSync } from 'node:fs';
import { expect as baseExpect, test as base, type Locator, type Page } from '@playwright/test';

/**
 * Every sign-in, workspace creation and backup runs PBKDF2 with 600,000 iterations (about half a
 * second each on a small machine), so waits are generous.
 */
export const expect = baseExpect.configure({ timeout: 10_000 });

export const test = base.extend<{ generousTimeout: void }>({
	generousTimeout: [
		// Playwright reads a fixture's dependencies from its first parameter, which must be an
		// object pattern even when there are none.
		// eslint-disable-next-line no-empty-pattern
		async ({}, use, testInfo) => {
			testInfo.setTimeout(60_000);
			await use();
		},
		{ auto: true }
	]
});

// ---------------------------------------------------------------------------------------------
// Messages

export type Lang = 'en' | 'fr';

function catalogue(lang: Lang): Record<string, string> {
	const path = new URL(`../messages/${lang}.json`, import.meta.url);
	return JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>;
}

const catalogues: Record<Lang, Record<string, string>> = {
	en: catalogue('en'),
	fr: catalogue('fr')
};

/**
 * The text a message shows, with its `{placeholders}` filled in. An unknown key throws, so a typo
 * in a test fails loudly instead of looking for the wrong text.
 */
export function t(lang: Lang, key: string, params: Record<string, string | number> = {}): string {
	const text = catalogues[lang][key];
	if (text === undefined) throw new Error(`No message "${key}" in messages/${lang}.json`);
	return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
		name in params ? String(params[name]) : whole
	);
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A message as a pattern: the given placeholders filled in, the others matching anything. */
export function tPattern(
	lang: Lang,
	key: string,
	params: Record<string, string | number> = {}
): RegExp {
	const parts = t(lang, key, params).split(/\{\w+\}/);
	return new RegExp(parts.map(escapeRegExp).join('.+?'));
}

// ---------------------------------------------------------------------------------------------
// Test data

export type WorkspaceKind = 'reseller' | 'provider' | 'customer';

export interface WorkspaceData {
	kind: WorkspaceKind;
	name: string;
	/** ISO 3166 code, as the country <select> values are */
	country: string;
	/** `<prefix>.onmicrosoft.com` */
	prefix: string;
	fullName: string;
	email: string;
	password: string;
}

const kindMessages: Record<WorkspaceKind, string> = {
	reseller: 'kind_reseller',
	provider: 'kind_provider',
	customer: 'kind_customer'
};

export function kindLabel(lang: Lang, kind: WorkspaceKind): string {
	return t(lang, kindMessages[kind]);
}

/**
 * A tenant domain prefix no other test uses: letters and digits only, at most 27 characters.
 * Each test gets fresh browser storage, but unique names make failures easy to tell apart.
 */
export function uniquePrefix(label = 'ws'): string {
	const stem =
		label
			.toLowerCase()
			.replace(/[^a-z0-9]/g, '')
			.slice(0, 10) || 'ws';
	const time = Date.now().toString(36);
	const random = Math.random().toString(36).slice(2, 8).padEnd(6, '0');
	return `${stem}${time}${random}`.slice(0, 27);
}

/** A complete, valid set of answers for the "Create workspace" form. */
export function workspaceData(overrides: Partial<WorkspaceData> = {}): WorkspaceData {
	const prefix = overrides.prefix ?? uniquePrefix(overrides.kind ?? 'reseller');
	const tag = prefix.slice(-6);
	return {
		kind: 'reseller',
		name: `Contoso Partners ${tag}`,
		country: 'FR',
		prefix,
		fullName: `Camille Martin ${tag}`,
		email: `camille.martin@${prefix}.example`,
		password: 'correct horse battery staple',
		...overrides
	};
}

// ---------------------------------------------------------------------------------------------
// Pages

/** The list of workspaces on the start page. */
export function workspaceList(page: Page, lang: Lang = 'en'): Locator {
	return page.getByRole('region', { name: t(lang, 'start_workspaces_heading') });
}

/** Expects exactly these workspaces (by name, in any order) on the start page. */
export async function expectWorkspaces(page: Page, names: string[], lang: Lang = 'en') {
	const list = workspaceList(page, lang);
	if (names.length === 0) {
		await expect(list.getByText(t(lang, 'start_no_workspaces'))).toBeVisible();
		await expect(list.getByRole('link')).toHaveCount(0);
		return;
	}
	await expect(list.getByRole('link')).toHaveText([...names].sort(), { useInnerText: true });
}

/** Opens the start page and checks which workspaces it lists. */
export async function expectStartPageLists(page: Page, names: string[], lang: Lang = 'en') {
	await page.goto('');
	await expect(page.getByRole('heading', { level: 1, name: t(lang, 'start_title') })).toBeVisible();
	await expectWorkspaces(page, names, lang);
}

/** Fills the "Create workspace" form (already open) with these answers, without submitting. */
export async function fillCreateForm(page: Page, data: WorkspaceData, lang: Lang = 'en') {
	await page.getByRole('radio', { name: kindLabel(lang, data.kind) }).check();
	await page.getByLabel(t(lang, 'create_org_name'), { exact: true }).fill(data.name);
	await page.getByLabel(t(lang, 'country_region'), { exact: true }).selectOption(data.country);
	await page.getByLabel(t(lang, 'create_domain'), { exact: true }).fill(data.prefix);
	await page.getByLabel(t(lang, 'full_name'), { exact: true }).fill(data.fullName);
	await page.getByLabel(t(lang, 'work_email'), { exact: true }).fill(data.email);
	await page.getByLabel(t(lang, 'password'), { exact: true }).fill(data.password);
	await page.getByLabel(t(lang, 'confirm_password'), { exact: true }).fill(data.password);
}

/** Opens the start page, unless it is already shown. */
async function goToStartPage(page: Page) {
	const base = test.info().project.use.baseURL ?? '';
	if (!base || new URL(page.url(), base).href !== new URL(base).href) await page.goto('');
}

/** From the start page: "Create workspace" opens the form. */
export async function openCreateForm(page: Page, lang: Lang = 'en') {
	await goToStartPage(page);
	await page.getByRole('link', { name: t(lang, 'create_workspace') }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: t(lang, 'create_workspace') })
	).toBeVisible();
}

/**
 * Creates a workspace through the form, which signs its Global admin in and lands on the
 * dashboard. Returns the workspace id read from the dashboard's address.
 */
export async function createWorkspace(
	page: Page,
	data: WorkspaceData = workspaceData(),
	lang: Lang = 'en'
): Promise<string> {
	await openCreateForm(page, lang);
	await fillCreateForm(page, data, lang);
	await page.getByRole('button', { name: t(lang, 'create_workspace') }).click();
	await expectDashboard(page, data, lang);
	return workspaceIdOf(page);
}

/** The workspace id in the current address (`…/w/<id>/…`). */
export function workspaceIdOf(page: Page): string {
	const match = /\/w\/([^/?#]+)/.exec(new URL(page.url()).pathname);
	if (!match?.[1]) throw new Error(`Not on a workspace page: ${page.url()}`);
	return match[1];
}

export async function expectDashboard(page: Page, data: WorkspaceData, lang: Lang = 'en') {
	await expect(
		page.getByRole('heading', {
			level: 1,
			name: t(lang, 'dashboard_welcome', { name: data.fullName })
		})
	).toBeVisible();
	await expect(page.getByTestId('org-name')).toHaveText(data.name);
}

export async function expectSignInPage(page: Page, data: WorkspaceData, lang: Lang = 'en') {
	await expect(page).toHaveURL(/\/w\/[^/]+\/sign-in(\?|$)/);
	await expect(
		page.getByRole('heading', { level: 1, name: t(lang, 'sign_in_title', { name: data.name }) })
	).toBeVisible();
}

/** On the sign-in page: types the credentials and presses "Sign in" (no outcome checked). */
export async function submitSignIn(page: Page, email: string, password: string, lang: Lang = 'en') {
	await page.getByLabel(t(lang, 'work_email'), { exact: true }).fill(email);
	await page.getByLabel(t(lang, 'password'), { exact: true }).fill(password);
	await page.getByRole('button', { name: t(lang, 'sign_in'), exact: true }).click();
}

/** On the sign-in page: signs the workspace's admin in and waits for the dashboard. */
export async function signIn(page: Page, data: WorkspaceData, lang: Lang = 'en') {
	await expectSignInPage(page, data, lang);
	await submitSignIn(page, data.email, data.password, lang);
	await expectDashboard(page, data, lang);
}

/** The signed-in user's menu in the app shell. */
export async function openUserMenu(page: Page, data: WorkspaceData, lang: Lang = 'en') {
	await page.getByRole('button', { name: t(lang, 'user_menu', { name: data.fullName }) }).click();
	await expect(page.getByRole('menu')).toBeVisible();
}

/** Signs out through the user menu and waits for the workspace's sign-in page. */
export async function signOut(page: Page, data: WorkspaceData, lang: Lang = 'en') {
	await openUserMenu(page, data, lang);
	await page.getByRole('menuitem', { name: t(lang, 'sign_out') }).click();
	await expectSignInPage(page, data, lang);
}

/** Opens an entry of the app shell's "Dashboard" menu. */
export async function openFromDashboardMenu(page: Page, entry: string, lang: Lang = 'en') {
	await page.getByRole('button', { name: t(lang, 'nav_dashboard') }).click();
	await page.getByRole('menuitem', { name: t(lang, entry) }).click();
}

/** The value shown next to a label in a facts list (`<dt>label</dt><dd>value</dd>`). */
export function fact(page: Page, label: string): Locator {
	return page
		.getByRole('term')
		.filter({ hasText: new RegExp(`^${escapeRegExp(label)}$`) })
		.locator('xpath=following-sibling::dd[1]');
}

/** Account settings: the organisation profile as shown. */
export async function readProfile(page: Page, lang: Lang = 'en') {
	await expect(
		page.getByRole('heading', { level: 2, name: t(lang, 'settings_profile_heading') })
	).toBeVisible();
	const read = async (key: string) => {
		const value = fact(page, t(lang, key));
		await expect(value).not.toBeEmpty();
		return (await value.innerText()).trim();
	};
	return {
		name: await read('create_org_name'),
		tenantId: await read('tenant_id'),
		domain: await read('domain'),
		country: await read('country_region'),
		fingerprint: (await page.getByTestId('fingerprint').innerText()).trim()
	};
}

/** Activity log rows as shown: [when, who, what, on what]. */
export async function readActivity(page: Page, lang: Lang = 'en'): Promise<string[][]> {
	await expect(
		page.getByRole('heading', { level: 2, name: t(lang, 'nav_activity_log') })
	).toBeVisible();
	const rows = page.getByRole('table').locator('tbody tr');
	await expect(rows.first()).toBeVisible();
	const all: string[][] = [];
	for (const row of await rows.all()) {
		all.push((await row.getByRole('cell').allInnerTexts()).map((cell) => cell.trim()));
	}
	return all;
}

/**
 * Expects an error message under a form field: the field is marked invalid and its accessible
 * description (aria-describedby) carries the message, which is visible.
 */
export async function expectFieldError(page: Page, label: string, message: string) {
	const field = page.getByLabel(label, { exact: true });
	await expect(field).toHaveAttribute('aria-invalid', 'true');
	await expect(field).toHaveAccessibleDescription(new RegExp(escapeRegExp(message)));
	const describedBy = (await field.getAttribute('aria-describedby')) ?? '';
	const errorId = describedBy.split(/\s+/).find((id) => id.endsWith('-error'));
	expect(errorId, `${label} has an error element in aria-describedby`).toBeTruthy();
	await expect(page.locator(`[id="${errorId}"]`)).toHaveText(message);
}

export async function expectFieldValid(page: Page, label: string) {
	await expect(page.getByLabel(label, { exact: true })).not.toHaveAttribute('aria-invalid', 'true');
}

/**
 * Account settings > Backup: exports a backup with this passphrase and saves the downloaded file
 * in the test's output folder. Returns the file's path.
 */
export async function exportBackup(page: Page, passphrase: string, lang: Lang = 'en') {
	await openFromDashboardMenu(page, 'nav_backup', lang);
	await expect(
		page.getByRole('heading', { level: 2, name: t(lang, 'backup_heading') })
	).toBeVisible();
	await page.getByLabel(t(lang, 'backup_passphrase'), { exact: true }).fill(passphrase);
	await page.getByLabel(t(lang, 'backup_confirm_passphrase'), { exact: true }).fill(passphrase);
	const downloading = page.waitForEvent('download');
	await page.getByRole('button', { name: t(lang, 'backup_export') }).click();
	const download = await downloading;
	const fileName = download.suggestedFilename();
	expect(fileName).toMatch(/^tierlink-[a-z0-9]+-\d{4}-\d{2}-\d{2}\.tierlink-backup\.json$/);
	await expect(page.getByRole('status')).toHaveText(t(lang, 'backup_done', { fileName }));
	const path = test.info().outputPath(fileName);
	await download.saveAs(path);
	return path;
}

/** On the restore page: chooses a backup file (a path, or contents given as text). */
export async function chooseBackupFile(
	page: Page,
	file: string | { name: string; text: string },
	lang: Lang = 'en'
) {
	const input = page.getByLabel(t(lang, 'restore_file'), { exact: true });
	if (typeof file === 'string') await input.setInputFiles(file);
	else {
		await input.setInputFiles({
			name: file.name,
			mimeType: 'application/json',
			buffer: Buffer.from(file.text, 'utf8')
		});
	}
}

/** From the start page: "Restore from backup". */
export async function openRestorePage(page: Page, lang: Lang = 'en') {
	await goToStartPage(page);
	await page.getByRole('link', { name: t(lang, 'restore_backup') }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: t(lang, 'restore_backup') })
	).toBeVisible();
}

/** The signed-in user's menu › English / Français; the whole page follows. */
export async function chooseLanguageInUserMenu(
	page: Page,
	data: WorkspaceData,
	from: Lang,
	to: Lang
) {
	const names: Record<Lang, string> = { en: 'English', fr: 'Français' };
	await openUserMenu(page, data, from);
	const item = page.getByRole('menuitemradio', { name: names[to] });
	await item.click();
	await expect(item).toHaveAttribute('aria-checked', 'true');
	// The language items keep the menu open; Escape closes it.
	await page.keyboard.press('Escape');
	await expect(page.getByRole('menu')).toBeHidden();
	await expect(page.locator('html')).toHaveAttribute('lang', to);
}

/** The public header's language picker (start, create, restore and sign-in pages). */
export async function chooseLanguageInHeader(page: Page, from: Lang, to: Lang) {
	const names: Record<Lang, string> = { en: 'English', fr: 'Français' };
	await page
		.getByRole('combobox', { name: t(from, 'language'), exact: true })
		.selectOption({ label: names[to] });
	await expect(page.locator('html')).toHaveAttribute('lang', to);
}
