import {
	createWorkspace,
	expect,
	expectDashboard,
	expectSignInPage,
	expectStartPageLists,
	openFromDashboardMenu,
	readActivity,
	readProfile,
	signIn,
	signOut,
	submitSignIn,
	t,
	test,
	workspaceData,
	workspaceList
} from './fixtures';

test('two workspaces in one browser stay separate', async ({ page }) => {
	const reseller = workspaceData({ kind: 'reseller', country: 'FR' });
	const provider = workspaceData({
		kind: 'provider',
		country: 'IE',
		name: `Northwind Distribution ${Date.now().toString(36)}`,
		fullName: 'Sean Murphy',
		email: `sean.murphy@${Date.now().toString(36)}.example`,
		password: 'a different long password'
	});

	const resellerId = await createWorkspace(page, reseller);
	await openFromDashboardMenu(page, 'nav_account_settings');
	const resellerProfile = await readProfile(page);
	await signOut(page, reseller);

	const providerId = await createWorkspace(page, provider);
	await openFromDashboardMenu(page, 'nav_account_settings');
	const providerProfile = await readProfile(page);

	await test.step('each shows its own organisation and identity', async () => {
		expect(resellerProfile.name).toBe(reseller.name);
		expect(providerProfile.name).toBe(provider.name);
		expect(providerId).not.toBe(resellerId);
		expect(providerProfile.tenantId).not.toBe(resellerProfile.tenantId);
		expect(providerProfile.fingerprint).not.toBe(resellerProfile.fingerprint);
		expect(providerProfile.domain).toBe(`${provider.prefix}.onmicrosoft.com`);
		expect(resellerProfile.domain).toBe(`${reseller.prefix}.onmicrosoft.com`);
	});

	await test.step('the start page lists both; only the provider is signed in', async () => {
		await expectStartPageLists(page, [reseller.name, provider.name]);
		const items = workspaceList(page).getByRole('listitem');
		await expect(items.filter({ hasText: provider.name })).toContainText(
			t('en', 'start_signed_in')
		);
		await expect(items.filter({ hasText: reseller.name })).not.toContainText(
			t('en', 'start_signed_in')
		);
	});

	await test.step("the provider's session does not open the reseller's workspace", async () => {
		await page.goto(`w/${resellerId}`);
		await expectSignInPage(page, reseller);
		await page.goto(`w/${resellerId}/settings`);
		await expectSignInPage(page, reseller);
		// Nor do the provider's credentials: each workspace has its own users.
		await submitSignIn(page, provider.email, provider.password);
		await expect(page.getByRole('alert')).toHaveText(t('en', 'err_sign_in_failed'));
	});

	await test.step('signed in to both, each shows its own data', async () => {
		await signIn(page, reseller);
		await openFromDashboardMenu(page, 'nav_account_settings');
		expect(await readProfile(page)).toEqual(resellerProfile);

		await openFromDashboardMenu(page, 'nav_activity_log');
		const rows = (await readActivity(page)).flat().join('\n');
		expect(rows).toContain(reseller.name);
		expect(rows).not.toContain(provider.name);
		expect(rows).not.toContain(provider.fullName);

		await page.goto(`w/${providerId}`);
		await expectDashboard(page, provider);
		await openFromDashboardMenu(page, 'nav_account_settings');
		expect(await readProfile(page)).toEqual(providerProfile);
	});

	await test.step('signing out of one leaves the other signed in', async () => {
		await signOut(page, provider);
		await page.goto(`w/${resellerId}`);
		await expectDashboard(page, reseller);
		await page.goto(`w/${providerId}`);
		await expectSignInPage(page, provider);
	});
});
