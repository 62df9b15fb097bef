import {
	chooseLanguageInHeader,
	createWorkspace,
	expect,
	expectFieldError,
	expectSignInPage,
	openFromDashboardMenu,
	signIn,
	t,
	test,
	workspaceData,
	type Lang,
	type WorkspaceData
} from './fixtures';
import type { Page } from '@playwright/test';

// A seeded Partner Membership Center account (src/lib/domain/pmc-seed.ts) with an active French
// profile and an active Belgian one.
const PMC = { userName: 'admin@contoso-fr.example', password: 'Contoso-PMC-2024!' };
const FRENCH_PROFILE = 'Contoso France SAS';
const BELGIAN_PROFILE = 'Contoso Belgique SRL';
const countryNames: Record<Lang, { BE: string; FR: string }> = {
	en: { BE: 'Belgium', FR: 'France' },
	fr: { BE: 'Belgique', FR: 'France' }
};

/** The answers typed on the business profile step (the legal name comes from the PMC profile). */
function businessProfile(data: WorkspaceData) {
	return {
		addressLine1: '12 rue de la Paix',
		city: 'Paris',
		postalCode: '75002',
		firstName: 'Camille',
		lastName: 'Martin',
		email: `camille.martin@${data.prefix}.example`,
		phone: '+33 1 23 45 67 89',
		supportEmail: `support@${data.prefix}.example`,
		supportPhone: '+33 1 98 76 54 32'
	};
}

type Answers = ReturnType<typeof businessProfile>;

function businessFields(lang: Lang): Record<keyof Answers, string> {
	return {
		addressLine1: t(lang, 'enr_address_line1'),
		city: t(lang, 'enr_city'),
		postalCode: t(lang, 'enr_postal_code'),
		firstName: t(lang, 'enr_first_name'),
		lastName: t(lang, 'enr_last_name'),
		email: t(lang, 'enr_contact_email'),
		phone: t(lang, 'enr_phone'),
		supportEmail: t(lang, 'enr_support_email'),
		supportPhone: t(lang, 'enr_support_phone')
	};
}

async function expectStep(page: Page, lang: Lang, step: number) {
	await expect(page.getByTestId('wizard-step')).toHaveText(
		t(lang, 'enr_step_of', { step, total: 8 })
	);
}

function button(page: Page, lang: Lang, key: string) {
	return page.getByRole('button', { name: t(lang, key), exact: true });
}

async function expectBusinessProfileKept(page: Page, lang: Lang, answers: Answers) {
	await expectStep(page, lang, 7);
	await expect(page.getByLabel(t(lang, 'enr_legal_name'), { exact: true })).toHaveValue(
		FRENCH_PROFILE
	);
	const labels = businessFields(lang);
	for (const key of Object.keys(labels) as (keyof Answers)[]) {
		await expect(page.getByLabel(labels[key], { exact: true })).toHaveValue(answers[key]);
	}
}

/** A reseller workspace (France), shown in this language, on its dashboard. */
async function resellerWorkspace(page: Page, lang: Lang) {
	const data = workspaceData({ kind: 'reseller', country: 'FR' });
	if (lang === 'fr') {
		await page.goto('');
		await chooseLanguageInHeader(page, 'en', 'fr');
	}
	const id = await createWorkspace(page, data, lang);
	return { data, id, dashboard: page.url() };
}

/**
 * From any workspace page: Enrollment > Get started, through the wizard up to the review step,
 * with the refusals on the way (a profile in another country, a webmail primary contact) and a
 * reload that keeps the step and the answers.
 */
async function fillWizard(page: Page, lang: Lang, data: WorkspaceData): Promise<Answers> {
	await openFromDashboardMenu(page, 'nav_enrollment', lang);
	await expect(
		page.getByRole('heading', { level: 2, name: t(lang, 'enr_before_you_begin') })
	).toBeVisible();
	await expect(page.getByRole('link', { name: t(lang, 'enr_already_enrolled') })).toBeVisible();
	await page.getByRole('link', { name: t(lang, 'enr_get_started') }).click();

	await expectStep(page, lang, 1);
	await button(page, lang, 'next').click();
	await expectStep(page, lang, 2);
	await button(page, lang, 'next').click();
	await expectStep(page, lang, 3);
	await button(page, lang, 'sign_in').click();

	await expectStep(page, lang, 4);
	await page.getByLabel(t(lang, 'enr_pmc_user_name'), { exact: true }).fill(PMC.userName);
	await button(page, lang, 'next').click();
	await expectStep(page, lang, 5);
	await page.getByLabel(t(lang, 'password'), { exact: true }).fill(PMC.password);
	await button(page, lang, 'sign_in').click();

	// The PMC directory seeds itself on first use (several password hashes).
	await expectStep(page, lang, 6);
	const belgian = page.getByRole('radio', { name: new RegExp(BELGIAN_PROFILE) });
	await expect(belgian).toBeVisible({ timeout: 30_000 });
	await belgian.check();
	await button(page, lang, 'enr_continue_button').click();
	await expect(
		page.getByRole('alert').filter({
			hasText: t(lang, 'err_mpn_country_mismatch', {
				profileCountry: countryNames[lang].BE,
				tenantCountry: countryNames[lang].FR
			})
		})
	).toBeVisible();
	await expectStep(page, lang, 6);

	await page.getByRole('radio', { name: new RegExp(FRENCH_PROFILE) }).check();
	await button(page, lang, 'enr_continue_button').click();
	await expectStep(page, lang, 7);
	await expect(page.getByLabel(t(lang, 'enr_legal_name'), { exact: true })).toHaveValue(
		FRENCH_PROFILE
	);

	// A web-based email for the primary contact is refused next to the field.
	const answers = businessProfile(data);
	const labels = businessFields(lang);
	for (const key of Object.keys(labels) as (keyof Answers)[]) {
		await page.getByLabel(labels[key], { exact: true }).fill(answers[key]);
	}
	await page.getByLabel(labels.email, { exact: true }).fill('camille.martin@gmail.com');
	await button(page, lang, 'next').click();
	await expectFieldError(page, labels.email, t(lang, 'err_email_webmail'));
	await expectStep(page, lang, 7);

	await page.getByLabel(labels.email, { exact: true }).fill(answers.email);
	await button(page, lang, 'next').click();
	await expectStep(page, lang, 8);
	await expect(page.getByRole('heading', { name: t(lang, 'enr_review_title') })).toBeVisible();

	// A reload keeps the step and every answer.
	await page.reload();
	await expectStep(page, lang, 8);
	await expect(page.getByText(answers.email)).toBeVisible();
	await expect(page.getByText(answers.supportEmail)).toBeVisible();
	await button(page, lang, 'back').click();
	await expectBusinessProfileKept(page, lang, answers);
	await page.reload();
	await expectBusinessProfileKept(page, lang, answers);
	await button(page, lang, 'next').click();
	await expectStep(page, lang, 8);
	return answers;
}

/** On the review step: Enroll now, which lands on the status page with the email sent. */
async function enrollNow(page: Page, lang: Lang) {
	await button(page, lang, 'enr_enroll_now').click();
	await expect(page.getByTestId('enrollment-status')).toHaveText(t(lang, 'enr_state_email_sent'));
}

/** From the status page: the Outbox; returns the addresses of its verification links, newest first. */
async function openOutbox(page: Page, lang: Lang, count: number): Promise<string[]> {
	await page
		.getByRole('region', { name: t(lang, 'enr_status_heading') })
		.getByRole('link', { name: t(lang, 'nav_outbox') })
		.click();
	await expect(page.getByRole('heading', { level: 1, name: t(lang, 'nav_outbox') })).toBeVisible();
	const links = page.getByRole('link', { name: t(lang, 'outbox_open_link') });
	await expect(links).toHaveCount(count);
	await expect(
		page.getByRole('article', { name: t(lang, 'enr_email_subject') }).first()
	).toBeVisible();
	const hrefs: string[] = [];
	for (const link of await links.all()) hrefs.push((await link.getAttribute('href')) ?? '');
	for (const href of hrefs) expect(href).toMatch(/\/enrollment\/verify#.+/);
	return hrefs;
}

async function expectVerified(page: Page, lang: Lang, state: string) {
	await expect(
		page.getByRole('heading', { level: 1, name: t(lang, 'enr_verify_title') })
	).toBeVisible();
	await expect(page.getByText(t(lang, 'enr_verified'))).toBeVisible();
	await expect(page.getByTestId('enrollment-status')).toHaveText(t(lang, state));
}

/**
 * Opens a verification link as a fresh page load, as from an email app. From the verification
 * page itself (whose address has dropped the token) it would only change the fragment, so the
 * page is left first.
 */
async function openLink(page: Page, href: string) {
	if (new URL(page.url()).pathname === new URL(href).pathname) await page.goto('about:blank');
	await page.goto(href);
}

/** Opens a verification link and expects it refused with this message. */
async function expectLinkRefused(page: Page, lang: Lang, href: string, message: string) {
	await openLink(page, href);
	await expect(page.getByRole('main').getByRole('alert')).toHaveText(t(lang, message));
	await expect(page.getByText(t(lang, 'enr_verified'))).toBeHidden();
}

/** Back on the enrollment status page, from the verification page. */
async function openStatusFromVerifyPage(page: Page, lang: Lang) {
	await page.getByRole('link', { name: t(lang, 'enr_open_status') }).click();
	await expect(
		page.getByRole('heading', { level: 2, name: t(lang, 'enr_status_heading') })
	).toBeVisible();
}

for (const lang of ['en', 'fr'] as const) {
	test(`a reseller enrolls, verifies the primary contact's email and is approved (${lang})`, async ({
		page
	}) => {
		test.setTimeout(120_000);
		const { data } = await resellerWorkspace(page, lang);
		await fillWizard(page, lang, data);
		await enrollNow(page, lang);

		const [href] = await openOutbox(page, lang, 1);
		await page.getByRole('link', { name: t(lang, 'outbox_open_link') }).click();
		await expectVerified(page, lang, 'enr_state_approved');
		await openStatusFromVerifyPage(page, lang);
		await expect(page.getByTestId('enrollment-status')).toHaveText(t(lang, 'enr_state_approved'));

		// The link works once.
		await expectLinkRefused(page, lang, href!, 'err_verification_used');
	});
}

test('an expired verification link is refused; a resent email replaces it', async ({ page }) => {
	test.setTimeout(120_000);
	const lang: Lang = 'en';
	// The page's clock runs normally until fast-forwarded.
	await page.clock.install();
	const { data, dashboard } = await resellerWorkspace(page, lang);
	await fillWizard(page, lang, data);
	await enrollNow(page, lang);
	const [expired] = await openOutbox(page, lang, 1);

	// Eight days later the link has expired (and the idle session has ended).
	await page.clock.fastForward(8 * 24 * 60 * 60 * 1000);
	await expectLinkRefused(page, lang, expired!, 'err_verification_expired');

	await page.goto(dashboard);
	await expectSignInPage(page, data, lang);
	await signIn(page, data, lang);
	await openFromDashboardMenu(page, 'nav_enrollment', lang);
	await expect(page.getByTestId('enrollment-status')).toHaveText(t(lang, 'enr_state_email_sent'));
	await button(page, lang, 'enr_resend').click();
	await expect(page.getByText(t(lang, 'enr_resent'))).toBeVisible();

	const [fresh, old] = await openOutbox(page, lang, 2);
	expect(old).toBe(expired);
	expect(fresh).not.toBe(expired);
	await expectLinkRefused(page, lang, expired!, 'err_verification_replaced');
	await openLink(page, fresh!);
	await expectVerified(page, lang, 'enr_state_approved');
});

test('under manual review, a rejected application is fixed, resubmitted and approved', async ({
	page
}) => {
	test.setTimeout(150_000);
	const lang: Lang = 'en';
	await page.goto('program-review');
	const manual = page.getByRole('radio', { name: new RegExp(t(lang, 'pr_mode_manual')) });
	await manual.check();
	await expect(page.getByText(t(lang, 'pr_mode_saved'))).toBeVisible();

	const { data, id } = await resellerWorkspace(page, lang);
	const answers = await fillWizard(page, lang, data);
	await enrollNow(page, lang);
	await openOutbox(page, lang, 1);
	await page.getByRole('link', { name: t(lang, 'outbox_open_link') }).click();
	await expectVerified(page, lang, 'enr_state_under_review');

	// Program review lists the application; the reviewer rejects it with a reason.
	const reason = 'The support phone number does not answer. Give a number that does.';
	await page.goto('program-review');
	await expect(manual).toBeChecked();
	const application = page.getByRole('listitem').filter({
		has: page.getByRole('heading', { level: 3, name: data.name })
	});
	await expect(application).toContainText(FRENCH_PROFILE);
	await expect(application).toContainText(answers.email);
	await expect(application).toContainText(t(lang, 'pr_checks_passed'));
	await application.getByRole('button', { name: t(lang, 'pr_reject'), exact: true }).click();
	await application.getByLabel(t(lang, 'pr_reject_reason')).fill(reason);
	await application.getByRole('button', { name: t(lang, 'pr_reject_confirm') }).click();
	await expect(page.getByText(t(lang, 'pr_rejected', { name: data.name }))).toBeVisible();
	await expect(page.getByText(t(lang, 'pr_none_waiting'))).toBeVisible();

	// The reseller reads the reason, fixes the application and enrolls again.
	await page.goto(`w/${id}/enrollment`);
	await expect(page.getByTestId('enrollment-status')).toHaveText(t(lang, 'enr_state_rejected'));
	await expect(page.getByTestId('rejection-reason')).toHaveText(reason);
	await button(page, lang, 'enr_fix_now').click();
	await page.getByRole('link', { name: t(lang, 'enr_continue') }).click();
	await expectBusinessProfileKept(page, lang, answers);
	await button(page, lang, 'next').click();
	await expectStep(page, lang, 8);
	await enrollNow(page, lang);

	const [fresh] = await openOutbox(page, lang, 2);
	await openLink(page, fresh!);
	await expectVerified(page, lang, 'enr_state_under_review');

	await page.goto('program-review');
	await application.getByRole('button', { name: t(lang, 'pr_approve'), exact: true }).click();
	await expect(page.getByText(t(lang, 'pr_approved', { name: data.name }))).toBeVisible();
	await expect(page.getByText(t(lang, 'pr_none_waiting'))).toBeVisible();

	await page.goto(`w/${id}/enrollment`);
	await expect(page.getByTestId('enrollment-status')).toHaveText(t(lang, 'enr_state_approved'));
	await expect(page.getByText(t(lang, 'enr_approved_next'))).toBeVisible();
});
