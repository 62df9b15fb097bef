import {
	chooseLanguageInHeader,
	createWorkspace,
	expect,
	expectSignInPage,
	expectStartPageLists,
	kindLabel,
	signIn,
	signOut,
	submitSignIn,
	t,
	test,
	tPattern,
	workspaceData,
	workspaceList
} from './fixtures';

test('create a reseller workspace, sign out, sign in, and get locked out after 5 failures', async ({
	page
}) => {
	const reseller = workspaceData({ kind: 'reseller' });

	await test.step('the start page offers to create a workspace when there is none', async () => {
		await expectStartPageLists(page, []);
	});

	await test.step('creating the workspace signs its Global admin in', async () => {
		await createWorkspace(page, reseller);
	});

	await test.step('the start page lists it, with its kind and domain', async () => {
		await expectStartPageLists(page, [reseller.name]);
		const item = workspaceList(page).getByRole('listitem');
		await expect(item).toContainText(kindLabel('en', 'reseller'));
		await expect(item).toContainText(`${reseller.prefix}.onmicrosoft.com`);
		await expect(item).toContainText(t('en', 'start_signed_in'));
		await workspaceList(page).getByRole('link', { name: reseller.name }).click();
	});

	await test.step('sign out from the user menu, then sign in again', async () => {
		await signOut(page, reseller);
		await signIn(page, reseller);
		await signOut(page, reseller);
	});

	const failed = t('en', 'err_sign_in_failed');
	const signInButton = page.getByRole('button', { name: t('en', 'sign_in'), exact: true });

	await test.step('a wrong password and an unknown email get the same answer', async () => {
		await submitSignIn(page, reseller.email, `${reseller.password}!`);
		await expect(signInButton).toBeEnabled();
		await expect(page.getByRole('alert')).toHaveText(failed);
		// The password field is cleared after a failure.
		await expect(page.getByLabel(t('en', 'password'), { exact: true })).toHaveValue('');

		await submitSignIn(page, `nobody@${reseller.prefix}.example`, reseller.password);
		await expect(signInButton).toBeEnabled();
		await expect(page.getByRole('alert')).toHaveText(failed);
	});

	await test.step('the fifth failure in a row locks sign-in', async () => {
		// Failures 3 and 4 still say "incorrect"; a person sees the answer before trying again.
		for (let attempt = 3; attempt <= 4; attempt++) {
			await submitSignIn(page, reseller.email, `wrong password ${attempt}`);
			await expect(signInButton).toBeEnabled();
			await expect(page.getByRole('alert')).toHaveText(failed);
		}
		await submitSignIn(page, reseller.email, 'wrong password 5');
		await expect(page.getByRole('alert')).toHaveText(tPattern('en', 'err_sign_in_locked'));
		await expect(page.getByRole('alert')).toHaveText(/in ([12]\d|30) s\./);
		await expect(signInButton).toBeDisabled();
	});

	await test.step('the lock survives a reload, in both languages', async () => {
		await page.reload();
		await expectSignInPage(page, reseller);
		await expect(page.getByRole('alert')).toHaveText(tPattern('en', 'err_sign_in_locked'));
		await expect(signInButton).toBeDisabled();

		await chooseLanguageInHeader(page, 'en', 'fr');
		await expect(page.getByRole('alert')).toHaveText(tPattern('fr', 'err_sign_in_locked'));
		await expect(
			page.getByRole('button', { name: t('fr', 'sign_in'), exact: true })
		).toBeDisabled();
	});
});
