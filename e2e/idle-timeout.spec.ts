import {
	createWorkspace,
	expect,
	expectSignInPage,
	openFromDashboardMenu,
	readActivity,
	signIn,
	t,
	test,
	workspaceData
} from './fixtures';

test('a session ends after 30 minutes without activity', async ({ page }) => {
	// The page's clock is under the test's control; it runs normally until fast-forwarded.
	await page.clock.install();
	const data = workspaceData();
	await createWorkspace(page, data);
	const settingsHeading = page.getByRole('heading', {
		level: 1,
		name: t('en', 'nav_account_settings')
	});

	await test.step('29 idle minutes: still signed in', async () => {
		await page.clock.fastForward('29:00');
		// Using the menu needs the session; it also counts as activity.
		await openFromDashboardMenu(page, 'nav_account_settings');
		await expect(settingsHeading).toBeVisible();
	});

	await test.step('activity restarts the count', async () => {
		await page.clock.fastForward('29:00');
		await openFromDashboardMenu(page, 'nav_dashboard');
		await expect(
			page.getByRole('heading', {
				level: 1,
				name: t('en', 'dashboard_welcome', { name: data.fullName })
			})
		).toBeVisible();
	});

	await test.step('31 idle minutes: back to sign-in, with the reason', async () => {
		await page.clock.fastForward('31:00');
		await expectSignInPage(page, data);
		await expect(page.getByRole('status')).toHaveText(t('en', 'session_expired_notice'));
	});

	await test.step('signed in again, the activity log says why the session ended', async () => {
		await signIn(page, data);
		await openFromDashboardMenu(page, 'nav_activity_log');
		const rows = await readActivity(page);
		expect(rows).toContainEqual([
			expect.any(String),
			data.fullName,
			t('en', 'audit_user_session_expired'),
			data.email
		]);
		// The two earlier fast-forwards ended nothing.
		expect(rows.filter((row) => row[2] === t('en', 'audit_user_session_expired'))).toHaveLength(1);
	});
});
