import {
	createWorkspace,
	expect,
	expectFieldError,
	openFromDashboardMenu,
	signOut,
	t,
	test,
	workspaceData,
	type Lang
} from './fixtures';
import type { Page } from '@playwright/test';

/** On User management: "Add user", fill the form, "Add"; returns the temporary password shown. */
async function addUser(
	page: Page,
	lang: Lang,
	user: { fullName: string; email: string; agentRole: string }
): Promise<string> {
	await page.getByRole('link', { name: t(lang, 'add_user') }).click();
	await page.getByLabel(t(lang, 'full_name'), { exact: true }).fill(user.fullName);
	await page.getByLabel(t(lang, 'work_email'), { exact: true }).fill(user.email);
	await page.getByRole('radio', { name: t(lang, user.agentRole), exact: true }).check();
	await page.getByRole('button', { name: t(lang, 'add'), exact: true }).click();
	const password = page.getByTestId('temporary-password');
	await expect(password).toBeVisible();
	await expect(page.getByText(t(lang, 'temp_password_warning'))).toBeVisible();
	await expect(page.getByTestId('sign-in-name')).toHaveText(user.email);
	return (await password.textContent()) ?? '';
}

for (const lang of ['en', 'fr'] as const) {
	test(`a Global admin adds a helpdesk agent who must change the password and sees only what the role allows (${lang})`, async ({
		page,
		context
	}) => {
		await context.grantPermissions(['clipboard-read', 'clipboard-write']);
		const admin = workspaceData({ kind: 'provider' });
		if (lang === 'fr') {
			await page.goto('');
			await page.getByRole('combobox', { name: t('en', 'language'), exact: true }).selectOption({
				label: 'Français'
			});
		}
		const workspaceId = await createWorkspace(page, admin, lang);

		await openFromDashboardMenu(page, 'nav_user_management', lang);
		const agent = {
			fullName: '<img src=x onerror=alert(1)>',
			email: `helpdesk@${admin.prefix}.example`,
			agentRole: 'role_helpdesk_agent'
		};
		let dialogs = 0;
		page.on('dialog', (dialog) => {
			dialogs += 1;
			void dialog.dismiss();
		});
		const temporary = await addUser(page, lang, agent);
		expect(temporary.replaceAll('-', '').length).toBeGreaterThanOrEqual(16);

		await page.getByRole('button', { name: t(lang, 'copy') }).click();
		await expect(page.getByText(t(lang, 'copied'))).toBeVisible();
		expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(temporary);

		// The user list shows the name as text, not as markup.
		await page.getByRole('link', { name: t(lang, 'done') }).click();
		const row = page.getByRole('row').filter({ hasText: agent.email });
		await expect(row.getByRole('link', { name: agent.fullName })).toBeVisible();
		await expect(row).toContainText(t(lang, 'role_helpdesk_agent'));
		await expect(page.locator('img[src="x"]')).toHaveCount(0);

		// A duplicate email (other case, spaces) is refused next to the field.
		await page.getByRole('link', { name: t(lang, 'add_user') }).click();
		await page.getByLabel(t(lang, 'full_name'), { exact: true }).fill('Someone Else');
		await page
			.getByLabel(t(lang, 'work_email'), { exact: true })
			.fill(`  HELPDESK@${admin.prefix.toUpperCase()}.example `);
		await page.getByRole('button', { name: t(lang, 'add'), exact: true }).click();
		await expectFieldError(page, t(lang, 'work_email'), t(lang, 'err_email_taken'));

		await signOut(page, admin, lang);

		// The agent signs in with the temporary password and must change it first.
		await page.getByLabel(t(lang, 'work_email'), { exact: true }).fill(agent.email);
		await page.getByLabel(t(lang, 'password'), { exact: true }).fill(temporary);
		await page.getByRole('button', { name: t(lang, 'sign_in'), exact: true }).click();
		await expect(
			page.getByRole('heading', { level: 1, name: t(lang, 'change_password_title') })
		).toBeVisible();
		await expect(page.getByRole('button', { name: t(lang, 'nav_dashboard') })).toHaveCount(0);
		// Not even a deep link gets past it.
		await page.goto(`w/${workspaceId}/settings`);
		await expect(
			page.getByRole('heading', { level: 1, name: t(lang, 'change_password_title') })
		).toBeVisible();

		const newPassword = 'a brand new passphrase 42';
		await page.getByLabel(t(lang, 'current_password'), { exact: true }).fill(temporary);
		await page.getByLabel(t(lang, 'new_password'), { exact: true }).fill(temporary);
		await page.getByLabel(t(lang, 'confirm_password'), { exact: true }).fill(temporary);
		await page.getByRole('button', { name: t(lang, 'change_password_button') }).click();
		await expectFieldError(page, t(lang, 'new_password'), t(lang, 'err_password_unchanged'));

		await page.getByLabel(t(lang, 'new_password'), { exact: true }).fill(newPassword);
		await page.getByLabel(t(lang, 'confirm_password'), { exact: true }).fill(newPassword);
		await page.getByRole('button', { name: t(lang, 'change_password_button') }).click();
		// Done: the page asked for (the deep link) opens.
		await expect(
			page.getByRole('heading', { level: 1, name: t(lang, 'nav_account_settings') })
		).toBeVisible();
		await openFromDashboardMenu(page, 'nav_dashboard', lang);
		await expect(
			page.getByRole('heading', {
				level: 1,
				name: t(lang, 'dashboard_welcome', { name: agent.fullName })
			})
		).toBeVisible();

		// The Dashboard menu holds only what a helpdesk agent may open.
		await page.getByRole('button', { name: t(lang, 'nav_dashboard') }).click();
		const menu = page.getByRole('menu');
		await expect(menu.getByRole('menuitem')).toHaveText([
			t(lang, 'nav_dashboard'),
			t(lang, 'nav_customers'),
			t(lang, 'nav_subscriptions'),
			t(lang, 'nav_catalog'),
			t(lang, 'nav_outbox'),
			t(lang, 'nav_account_settings')
		]);
		await page.keyboard.press('Escape');

		// Forbidden pages opened by URL say which role is needed.
		await page.goto(`w/${workspaceId}/settings/users`);
		await expect(page.getByTestId('forbidden')).toHaveText(
			t(lang, 'err_permission_role', {
				roles:
					lang === 'en'
						? 'Global admin or User management admin'
						: 'Administrateur général ou Administrateur de la gestion des utilisateurs',
				action: t(lang, 'cap_manage_users')
			})
		);
		await page.goto(`w/${workspaceId}/settings/backup`);
		await expect(page.getByTestId('forbidden')).toContainText(t(lang, 'cap_export_backup'));
		await expect(page.getByRole('button', { name: t(lang, 'backup_export') })).toHaveCount(0);

		// The old temporary password no longer works; the new one does.
		await signOut(page, { ...admin, fullName: agent.fullName }, lang);
		await page.getByLabel(t(lang, 'work_email'), { exact: true }).fill(agent.email);
		await page.getByLabel(t(lang, 'password'), { exact: true }).fill(temporary);
		await page.getByRole('button', { name: t(lang, 'sign_in'), exact: true }).click();
		await expect(page.getByText(t(lang, 'err_sign_in_failed'))).toBeVisible();
		expect(dialogs).toBe(0);
	});
}

test('the last Global admin cannot be demoted, and a reset password is shown once', async ({
	page
}) => {
	const admin = workspaceData();
	await createWorkspace(page, admin);
	await openFromDashboardMenu(page, 'nav_user_management');

	// The only Global admin (yourself) cannot drop the role.
	await page.getByRole('link', { name: admin.fullName }).click();
	await page.getByRole('radio', { name: t('en', 'role_no_admin'), exact: true }).check();
	await page.getByRole('button', { name: t('en', 'update') }).click();
	await expect(page.getByRole('alert')).toHaveText(t('en', 'err_last_global_admin_demote'));

	// Seed step: select your own name, keep Admin agent ticked, Update.
	await page.getByRole('radio', { name: t('en', 'role_global_admin'), exact: true }).check();
	await page.getByRole('radio', { name: t('en', 'role_admin_agent'), exact: true }).check();
	await page.getByRole('button', { name: t('en', 'update') }).click();
	await expect(page.getByRole('status')).toHaveText(t('en', 'roles_updated'));

	// Another user: reset the password after confirming; the new one is shown once.
	await page.getByRole('link', { name: t('en', 'back_to_users') }).click();
	const temporary = await addUser(page, 'en', {
		fullName: 'Léa Moreau',
		email: `lea@${admin.prefix}.example`,
		agentRole: 'role_admin_agent'
	});
	await page.getByRole('link', { name: t('en', 'done') }).click();
	await page.getByRole('link', { name: 'Léa Moreau' }).click();
	await page.getByRole('button', { name: t('en', 'reset_password') }).click();
	await expect(page.getByRole('alertdialog')).toContainText(
		t('en', 'reset_password_confirm_title', { name: 'Léa Moreau' })
	);
	await page
		.getByRole('alertdialog')
		.getByRole('button', { name: t('en', 'reset_password') })
		.click();
	const reset = page.getByTestId('temporary-password');
	await expect(reset).toBeVisible();
	expect(await reset.textContent()).not.toBe(temporary);
	await page.reload();
	await expect(page.getByTestId('temporary-password')).toHaveCount(0);

	// Deactivate after confirming; the Activity log records it with the acting user.
	await page.getByRole('button', { name: t('en', 'deactivate_user') }).click();
	await page
		.getByRole('alertdialog')
		.getByRole('button', { name: t('en', 'deactivate_user') })
		.click();
	await expect(page.getByRole('status')).toHaveText(t('en', 'user_deactivated'));
	await openFromDashboardMenu(page, 'nav_activity_log');
	const rows = page.getByRole('row');
	await expect(rows.filter({ hasText: t('en', 'audit_user_deactivated') })).toContainText(
		admin.fullName
	);
	await expect(rows.filter({ hasText: t('en', 'audit_user_password_reset') })).toHaveCount(1);
	await expect(rows.filter({ hasText: t('en', 'audit_user_added') })).toHaveCount(1);
});
