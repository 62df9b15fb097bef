import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../scripts/chromium.mjs';
import {
	createWorkspace,
	expect,
	expectDashboard,
	expectSignInPage,
	expectStartPageLists,
	openFromDashboardMenu,
	readProfile,
	signIn,
	t,
	test,
	workspaceData
} from './fixtures';

// `browser.newContext()` keeps IndexedDB in memory; a browser profile on disk is what a person
// has, and what survives closing the browser. The origin (and so the data) includes the port,
// which playwright.config.ts fixes.
test('a reload keeps everything, and a deep link loads through the SPA fallback', async ({
	baseURL
}, testInfo) => {
	const profileDir = testInfo.outputPath('profile');
	const launch = () =>
		chromium.launchPersistentContext(profileDir, { ...chromiumLaunchOptions(), baseURL });
	const data = workspaceData();

	let context = await launch();
	try {
		let page = context.pages()[0] ?? (await context.newPage());
		const id = await createWorkspace(page, data);
		await openFromDashboardMenu(page, 'nav_account_settings');
		const profile = await readProfile(page);

		await test.step('a reload keeps the session and the data', async () => {
			await page.reload();
			await expect(
				page.getByRole('heading', { level: 1, name: t('en', 'nav_account_settings') })
			).toBeVisible();
			expect(await readProfile(page)).toEqual(profile);
		});

		await test.step('after closing the browser, the workspace is still there', async () => {
			await context.close();
			context = await launch();
			page = context.pages()[0] ?? (await context.newPage());
			await expectStartPageLists(page, [data.name]);
		});

		await test.step('the session ended with the browser: a deep link asks to sign in', async () => {
			const response = await page.goto(`w/${id}/settings`);
			expect(response?.status()).toBe(200);
			await expectSignInPage(page, data);
			await signIn(page, data);
		});

		await test.step('signed in, a deep link loads the page directly', async () => {
			const response = await page.goto(`w/${id}/settings`);
			expect(response?.status()).toBe(200);
			expect(new URL(page.url()).pathname).toMatch(new RegExp(`/w/${id}/settings$`));
			await expect(
				page.getByRole('heading', { level: 1, name: t('en', 'nav_account_settings') })
			).toBeVisible();
			expect(await readProfile(page)).toEqual(profile);

			await page.goto(`w/${id}`);
			await expectDashboard(page, data);
		});
	} finally {
		await context.close();
	}
});
