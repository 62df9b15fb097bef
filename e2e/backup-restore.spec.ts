import {
	chooseBackupFile,
	createWorkspace,
	expect,
	expectFieldError,
	expectSignInPage,
	expectStartPageLists,
	exportBackup,
	kindLabel,
	openFromDashboardMenu,
	openRestorePage,
	readActivity,
	readProfile,
	signIn,
	t,
	test,
	workspaceData
} from './fixtures';
import type { Page } from '@playwright/test';

const passphrase = 'a long passphrase for the backup';

async function openAccountSettings(page: Page) {
	await openFromDashboardMenu(page, 'nav_account_settings');
	await expect(
		page.getByRole('heading', { level: 1, name: t('en', 'nav_account_settings') })
	).toBeVisible();
}

const idleMinutes = () => t('en', 'idle_minutes');

test('backup, delete and restore give back the same workspace', async ({ page }) => {
	const data = workspaceData({ kind: 'provider', country: 'BE' });
	await createWorkspace(page, data);

	await test.step('change a setting, so there is more than the defaults to restore', async () => {
		await openAccountSettings(page);
		await page.getByLabel(idleMinutes(), { exact: true }).fill('45');
		const sessions = page.getByRole('region', { name: t('en', 'session_heading') });
		await sessions.getByRole('button', { name: t('en', 'save') }).click();
		await expect(sessions.getByRole('status')).toHaveText(t('en', 'saved'));
	});

	const profile = await readProfile(page);
	expect(profile.name).toBe(data.name);
	expect(profile.fingerprint).not.toBe('');

	const file = await test.step('export a backup with a passphrase', () =>
		exportBackup(page, passphrase));

	const activity = await test.step('note the activity log', async () => {
		await openFromDashboardMenu(page, 'nav_activity_log');
		const rows = await readActivity(page);
		const actions = rows.map((row) => row[2]);
		expect(actions).toEqual(
			expect.arrayContaining([
				t('en', 'audit_workspace_created'),
				t('en', 'audit_workspace_settings_changed'),
				t('en', 'audit_workspace_backup_exported')
			])
		);
		return rows;
	});

	await test.step('delete the workspace', async () => {
		await openAccountSettings(page);
		await page.getByRole('button', { name: t('en', 'delete_workspace') }).click();
		const dialog = page.getByRole('alertdialog');
		await expect(dialog).toBeVisible();
		const confirm = dialog.getByRole('button', {
			name: t('en', 'delete_workspace_confirm_button')
		});
		await expect(confirm).toBeDisabled();
		await dialog
			.getByLabel(t('en', 'delete_workspace_type_name', { name: data.name }), { exact: true })
			.fill(data.name);
		await confirm.click();
		await expect(
			page.getByRole('heading', { level: 1, name: t('en', 'start_title') })
		).toBeVisible();
		await expectStartPageLists(page, []);
	});

	await test.step('a wrong passphrase is refused and restores nothing', async () => {
		await openRestorePage(page);
		await chooseBackupFile(page, file);
		const summary = page.getByRole('definition');
		await expect(summary.filter({ hasText: data.name })).toBeVisible();
		await expect(summary.filter({ hasText: kindLabel('en', 'provider') })).toBeVisible();
		await expect(summary.filter({ hasText: `${data.prefix}.onmicrosoft.com` })).toBeVisible();

		await page.getByLabel(t('en', 'backup_passphrase'), { exact: true }).fill(`${passphrase}?`);
		await page.getByRole('button', { name: t('en', 'restore_button') }).click();
		await expectFieldError(page, t('en', 'backup_passphrase'), t('en', 'err_backup_decrypt'));
		await expectStartPageLists(page, []);
	});

	await test.step('the right passphrase restores it', async () => {
		await openRestorePage(page);
		await chooseBackupFile(page, file);
		await page.getByLabel(t('en', 'backup_passphrase'), { exact: true }).fill(passphrase);
		await page.getByRole('button', { name: t('en', 'restore_button') }).click();
		await expectSignInPage(page, data);
		await expect(page.getByRole('status')).toHaveText(t('en', 'restore_done'));
		await expectStartPageLists(page, [data.name]);
	});

	await test.step('sign in with the original credentials: same profile and settings', async () => {
		await page.getByRole('link', { name: data.name }).click();
		await signIn(page, data);
		await openAccountSettings(page);
		expect(await readProfile(page)).toEqual(profile);
		await expect(page.getByLabel(idleMinutes(), { exact: true })).toHaveValue('45');
	});

	await test.step('the activity log holds the earlier entries and the restore', async () => {
		await openFromDashboardMenu(page, 'nav_activity_log');
		const rows = await readActivity(page);
		expect(rows).toEqual(expect.arrayContaining(activity));
		expect(rows).toContainEqual([
			expect.any(String),
			t('en', 'activity_nobody'),
			t('en', 'audit_workspace_restored'),
			data.name
		]);
		expect(rows.length).toBeGreaterThan(activity.length);
	});
});
