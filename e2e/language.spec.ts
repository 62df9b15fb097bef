import {
	chooseLanguageInHeader,
	chooseLanguageInUserMenu,
	createWorkspace,
	expect,
	fact,
	fillCreateForm,
	openCreateForm,
	openFromDashboardMenu,
	t,
	test,
	workspaceData
} from './fixtures';

test.describe.configure({ mode: 'parallel' });

// `dateStyle: 'medium'` as each locale writes it: "12 nov. 2026" in French, "Nov 12, 2026" in
// English.
const frenchDate =
	/\b\d{1,2} (janv\.|févr\.|mars|avr\.|mai|juin|juil\.|août|sept\.|oct\.|nov\.|déc\.) \d{4}\b/;
const englishDate = /\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{1,2}, \d{4}\b/;

test('switch the app shell to French and back from the user menu', async ({ page }) => {
	const data = workspaceData();
	await createWorkspace(page, data);
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');

	await test.step('switching to French changes the shell and the page at once', async () => {
		await chooseLanguageInUserMenu(page, data, 'en', 'fr');
		await expect(page.getByRole('button', { name: t('fr', 'nav_dashboard') })).toBeVisible();
		await expect(
			page.getByRole('heading', {
				level: 1,
				name: t('fr', 'dashboard_welcome', { name: data.fullName })
			})
		).toBeVisible();
		await expect(
			page.getByRole('button', { name: t('fr', 'user_menu', { name: data.fullName }) })
		).toBeVisible();
	});

	await test.step('dates on Account settings are written the French way', async () => {
		await openFromDashboardMenu(page, 'nav_account_settings', 'fr');
		await expect(
			page.getByRole('heading', { level: 1, name: t('fr', 'nav_account_settings') })
		).toBeVisible();
		await expect(fact(page, t('fr', 'created_on'))).toHaveText(frenchDate);
		await expect(fact(page, t('fr', 'country_region'))).toHaveText('France');
	});

	await test.step('the choice survives a reload', async () => {
		await page.reload();
		await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
		await expect(
			page.getByRole('heading', { level: 1, name: t('fr', 'nav_account_settings') })
		).toBeVisible();
		await expect(fact(page, t('fr', 'created_on'))).toHaveText(frenchDate);
	});

	await test.step('switching back to English', async () => {
		await chooseLanguageInUserMenu(page, data, 'fr', 'en');
		await expect(
			page.getByRole('heading', { level: 1, name: t('en', 'nav_account_settings') })
		).toBeVisible();
		await expect(page.getByRole('button', { name: t('en', 'nav_dashboard') })).toBeVisible();
		await expect(fact(page, t('en', 'created_on'))).toHaveText(englishDate);
		await page.reload();
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
		await expect(
			page.getByRole('heading', { level: 1, name: t('en', 'nav_account_settings') })
		).toBeVisible();
	});
});

test('a half-filled create form keeps its input when the language changes', async ({ page }) => {
	const data = workspaceData({ country: 'DE' });
	await openCreateForm(page);
	await fillCreateForm(page, data);
	await page.getByLabel(t('en', 'confirm_password'), { exact: true }).fill('');

	await chooseLanguageInHeader(page, 'en', 'fr');

	await expect(
		page.getByRole('heading', { level: 1, name: t('fr', 'create_workspace') })
	).toBeVisible();
	await expect(page.getByRole('radio', { name: t('fr', 'kind_reseller') })).toBeChecked();
	await expect(page.getByLabel(t('fr', 'create_org_name'), { exact: true })).toHaveValue(data.name);
	const country = page.getByLabel(t('fr', 'country_region'), { exact: true });
	await expect(country).toHaveValue('DE');
	// The country list is now in French.
	await expect(country.locator('option:checked')).toHaveText('Allemagne');
	await expect(page.getByLabel(t('fr', 'create_domain'), { exact: true })).toHaveValue(data.prefix);
	await expect(page.getByLabel(t('fr', 'full_name'), { exact: true })).toHaveValue(data.fullName);
	await expect(page.getByLabel(t('fr', 'work_email'), { exact: true })).toHaveValue(data.email);
	await expect(page.getByLabel(t('fr', 'password'), { exact: true })).toHaveValue(data.password);

	// Finishing the form in French creates the workspace.
	await page.getByLabel(t('fr', 'confirm_password'), { exact: true }).fill(data.password);
	await page.getByRole('button', { name: t('fr', 'create_workspace') }).click();
	await expect(
		page.getByRole('heading', {
			level: 1,
			name: t('fr', 'dashboard_welcome', { name: data.fullName })
		})
	).toBeVisible();
	await expect(page.getByTestId('org-name')).toHaveText(data.name);
});
