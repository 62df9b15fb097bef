import {
	chooseLanguageInHeader,
	createWorkspace,
	expect,
	expectFieldError,
	expectFieldValid,
	expectStartPageLists,
	fillCreateForm,
	openCreateForm,
	t,
	test,
	workspaceData,
	type Lang,
	type WorkspaceData
} from './fixtures';
import type { Page } from '@playwright/test';

test.describe.configure({ mode: 'parallel' });

/** Every labelled field of the create form, by message key. */
const fieldKeys = [
	'create_org_name',
	'country_region',
	'create_domain',
	'full_name',
	'work_email',
	'password',
	'confirm_password'
];

async function submitCreateForm(page: Page, lang: Lang = 'en') {
	await page.getByRole('button', { name: t(lang, 'create_workspace') }).click();
}

/** Only `field` is marked invalid, with `message`; the form is still shown. */
async function expectOnlyError(
	page: Page,
	fieldKey: string,
	messageKey: string,
	lang: Lang = 'en'
) {
	await expectFieldError(page, t(lang, fieldKey), t(lang, messageKey));
	for (const other of fieldKeys.filter((key) => key !== fieldKey)) {
		await expectFieldValid(page, t(lang, other));
	}
	await expect(
		page.getByRole('heading', { level: 1, name: t(lang, 'create_workspace') })
	).toBeVisible();
}

test('an empty create form shows an error next to each required field', async ({ page }) => {
	await openCreateForm(page);
	await submitCreateForm(page);

	const required = t('en', 'err_required');
	for (const key of [
		'create_org_name',
		'country_region',
		'create_domain',
		'full_name',
		'work_email',
		'password'
	]) {
		await expectFieldError(page, t('en', key), required);
	}
	// The first field in error gets the focus, so a keyboard user starts there.
	await expect(page.getByLabel(t('en', 'create_org_name'), { exact: true })).toBeFocused();

	await expectStartPageLists(page, []);
});

const invalidCases: {
	title: string;
	change: Partial<WorkspaceData> & { confirmPassword?: string };
	field: string;
	message: string;
}[] = [
	{
		title: 'a bare legal form as organisation name',
		change: { name: 'LLC' },
		field: 'create_org_name',
		message: 'err_org_name_legal_form'
	},
	{
		title: 'a domain prefix with an accent',
		change: { prefix: 'société' },
		field: 'create_domain',
		message: 'err_domain_prefix_format'
	},
	{
		title: 'an 11-character password',
		change: { password: 'abcdefghijk' },
		field: 'password',
		message: 'err_password_too_short'
	},
	{
		title: 'a confirmation that does not match',
		change: { confirmPassword: 'correct horse battery stapler' },
		field: 'confirm_password',
		message: 'err_password_mismatch'
	}
];

test('each invalid answer is reported next to its field and nothing is created', async ({
	page
}) => {
	for (const { title, change, field, message } of invalidCases) {
		await test.step(title, async () => {
			const { confirmPassword, ...data } = change;
			await openCreateForm(page);
			await fillCreateForm(page, workspaceData(data));
			if (confirmPassword !== undefined) {
				await page.getByLabel(t('en', 'confirm_password'), { exact: true }).fill(confirmPassword);
			}
			await submitCreateForm(page);
			await expectOnlyError(page, field, message);
		});
	}
	await expectStartPageLists(page, []);
});

test('a domain already used by a workspace in this browser is refused', async ({ page }) => {
	const first = workspaceData();
	await createWorkspace(page, first);

	const second = workspaceData({
		prefix: first.prefix,
		name: `Fabrikam ${first.prefix.slice(-6)}`
	});
	await openCreateForm(page);
	// The same prefix in capitals is the same domain.
	await fillCreateForm(page, { ...second, prefix: first.prefix.toUpperCase() });
	await submitCreateForm(page);
	await expectOnlyError(page, 'create_domain', 'err_domain_taken');

	await expectStartPageLists(page, [first.name]);
});

test('validation messages are shown in French', async ({ page }) => {
	await page.goto('');
	await chooseLanguageInHeader(page, 'en', 'fr');
	await openCreateForm(page, 'fr');
	await fillCreateForm(page, workspaceData({ name: 'SARL' }), 'fr');
	await submitCreateForm(page, 'fr');
	await expectOnlyError(page, 'create_org_name', 'err_org_name_legal_form', 'fr');

	await expectStartPageLists(page, [], 'fr');
});
