// Issue 5: partners who are not online together (store-and-forward through the relay), a
// browser closed right after an action, and two workspaces in one browser with no relay at all.
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../scripts/chromium.mjs';
import {
	chooseLanguageInHeader,
	createWorkspace,
	expect,
	expectSignInPage,
	openFromDashboardMenu,
	signIn,
	t,
	test,
	workspaceData
} from './fixtures';
import {
	authorizeFromLink,
	enrollAsExistingCsp,
	providerState,
	requestPartnership,
	resellerState,
	setRelay,
	startTestRelay
} from './partners';

/** Each journey creates two workspaces and signs in several times (PBKDF2, 600,000 iterations). */
const JOURNEY_TIMEOUT = 150_000;

test('(b, b3) the reseller accepts while the provider is offline; the provider closes its browser right after removing; nothing is lost', async ({
	browser,
	baseURL
}, testInfo) => {
	test.setTimeout(JOURNEY_TIMEOUT);
	const relay = await startTestRelay();
	const profileDir = testInfo.outputPath('provider-profile');
	const launch = () =>
		chromium.launchPersistentContext(profileDir, { ...chromiumLaunchOptions(), baseURL });
	const provider = workspaceData({ kind: 'provider', country: 'ES' });
	const reseller = workspaceData({ kind: 'reseller', country: 'FR' });
	const resellerContext = await browser.newContext();
	let providerContext = await launch();
	try {
		let p = providerContext.pages()[0] ?? (await providerContext.newPage());
		const providerId = await createWorkspace(p, provider);
		await setRelay(p, relay.url);
		const link = await requestPartnership(p, { email: reseller.email, name: reseller.name });
		await providerContext.close();

		// The provider's browser is closed: the reseller's acceptance waits on the relay.
		const r = await resellerContext.newPage();
		await createWorkspace(r, reseller);
		await enrollAsExistingCsp(r);
		await authorizeFromLink(r, link, { workspaceName: reseller.name, providerName: provider.name });
		await expect(providerState(r, provider.name)).toHaveText(t('en', 'prov_state_accepted'));

		// The provider comes back later: the acceptance is there, and the confirmation goes out.
		providerContext = await launch();
		p = providerContext.pages()[0] ?? (await providerContext.newPage());
		await p.goto(`w/${providerId}`);
		await expectSignInPage(p, provider);
		await signIn(p, provider);
		await openFromDashboardMenu(p, 'nav_indirect_resellers');
		await expect(resellerState(p, reseller.name)).toContainText(
			t('en', 'res_state_active_since', { date: '' }).trim(),
			{ timeout: 20_000 }
		);
		await expect(providerState(r, provider.name)).toContainText(
			t('en', 'prov_state_active', { date: '' }).trim(),
			{ timeout: 20_000 }
		);

		// (b3) Remove partnership, and close the browser at once.
		const row = p.getByTestId('reseller-row').filter({ hasText: reseller.name });
		await row.getByRole('button', { name: t('en', 'res_remove') }).click();
		await p
			.getByRole('alertdialog')
			.getByRole('button', { name: t('en', 'res_remove') })
			.click();
		await expect(resellerState(p, reseller.name)).toContainText(
			t('en', 'res_state_removed_on', { date: '' }).trim()
		);
		await providerContext.close();

		providerContext = await launch();
		p = providerContext.pages()[0] ?? (await providerContext.newPage());
		await p.goto(`w/${providerId}/resellers`);
		await expectSignInPage(p, provider);
		await signIn(p, provider);
		await openFromDashboardMenu(p, 'nav_indirect_resellers');
		await expect(resellerState(p, reseller.name)).toContainText(
			t('en', 'res_state_removed_on', { date: '' }).trim()
		);
		await expect(providerState(r, provider.name)).toContainText(
			t('en', 'prov_state_removed', { date: 'X' }).split('X')[0]!.trim(),
			{ timeout: 20_000 }
		);
	} finally {
		await providerContext.close().catch(() => undefined);
		await resellerContext.close();
		await relay.close();
	}
});

test('(c) two workspaces in one browser, no relay, in French', async ({ page, context }) => {
	test.setTimeout(JOURNEY_TIMEOUT);
	const lang = 'fr';
	const provider = workspaceData({ kind: 'provider', country: 'FR' });
	const reseller = workspaceData({ kind: 'reseller', country: 'BE' });
	await page.goto('');
	await chooseLanguageInHeader(page, 'en', lang);
	await createWorkspace(page, provider, lang);
	const link = await requestPartnership(page, { email: reseller.email, name: reseller.name }, lang);

	// A second tab of the same browser: the reseller's workspace.
	const second = await context.newPage();
	await second.goto('');
	await createWorkspace(second, reseller, lang);
	await enrollAsExistingCsp(second, lang);
	await authorizeFromLink(
		second,
		link,
		{ workspaceName: reseller.name, providerName: provider.name },
		lang
	);

	// No relay: the provider's tab hears it through the browser itself.
	await expect(resellerState(page, reseller.name)).toContainText(
		t(lang, 'res_state_active_since', { date: '' }).trim(),
		{ timeout: 20_000 }
	);
	await expect(providerState(second, provider.name)).toContainText(
		t(lang, 'prov_state_active', { date: '' }).trim(),
		{ timeout: 20_000 }
	);
	await openFromDashboardMenu(second, 'nav_sync', lang);
	await expect(
		second
			.getByTestId('sync-partner')
			.filter({ hasText: provider.name })
			.getByTestId('sync-transports')
	).toContainText(t(lang, 'sync_transport_same_browser'));
});
