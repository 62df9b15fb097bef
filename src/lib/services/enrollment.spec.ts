import { workspaceTablesByVersion } from '$lib/domain/records';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { deflate, inflate } from '$lib/crypto/compression';
import { fromBase64, toBase64, utf8 } from '$lib/crypto/encoding';
import { open, seal } from '$lib/crypto/passphrase-seal';
import { registryDb } from '$lib/db/registry-db';
import { closeWorkspaceDb, workspaceDb } from '$lib/db/workspace-db';
import {
	bytesReplacer,
	bytesReviver,
	canonicalHeader,
	type BackupFile,
	type BackupPayload
} from '$lib/domain/backup-format';
import type { EnrollmentApplicationInput } from '$lib/domain/enrollment';
import { DomainError, PermissionError, ValidationError } from '$lib/domain/errors';
import { pmcSeed } from '$lib/domain/pmc-seed';
import { createTestWorkspace, insertTestUser } from '$lib/test/factories';
import { resetDatabases } from '$lib/test/indexeddb';
import {
	applicationsUnderReview,
	chooseMpnProfile,
	decideEnrollment,
	enrollExistingCsp,
	fixEnrollment,
	getReviewMode,
	linkPmcAccount,
	resendVerificationEmail,
	saveEnrollmentDraft,
	setReviewMode,
	submitEnrollment,
	verifyEnrollmentEmail,
	type VerificationEmailOptions
} from './enrollment';
import { ensurePmcDirectory } from './pmc';
import type { SessionRef } from './actor';
import { exportBackup, restoreBackup } from './backup';

// Every test creates a workspace and signs in to the PMC (PBKDF2, ~0.3 s each).
vi.setConfig({ testTimeout: 30_000 });

// Seeding the PMC directory hashes every seed password (~3 s): once for the whole file.
// resetDatabases() clears only the registry's workspaces, so the directory stays.
beforeAll(ensurePmcDirectory, 30_000);

beforeEach(async () => {
	await resetDatabases();
	// MPN claims and the review mode live in the registry and outlive resetDatabases().
	await registryDb().mpnEnrollments.clear();
	await registryDb().programSettings.clear();
});

const DAY = 24 * 60 * 60 * 1000;
const contoso = pmcSeed.find((a) => a.userName === 'admin@contoso-fr.example')!;
const fabrikam = pmcSeed.find((a) => a.userName === 'pmc@fabrikam.example')!;
const FR_MPN = '4812345';
const BE_MPN = '4812346';

const options: VerificationEmailOptions = {
	linkBase: 'http://x/w/ID/enrollment/verify',
	compose: (link) => ({ subject: 'Verify', body: 'Open ' + link })
};

async function refusal(promise: Promise<unknown>): Promise<unknown> {
	try {
		await promise;
	} catch (error) {
		return error;
	}
	throw new Error('expected the command to be refused');
}

async function reseller(overrides: Parameters<typeof createTestWorkspace>[0] = {}) {
	const ws = await createTestWorkspace({ kind: 'reseller', country: 'FR', ...overrides });
	const session: SessionRef = { workspaceId: ws.workspaceId, userId: ws.userId };
	return { ...ws, session, db: workspaceDb(ws.workspaceId) };
}

function application(
	overrides: Partial<EnrollmentApplicationInput> = {}
): EnrollmentApplicationInput {
	return {
		mpnId: FR_MPN,
		pmcUserName: contoso.userName,
		organisation: {
			legalName: 'Contoso France SAS',
			address: {
				addressLine1: "12 rue de l'Église",
				city: 'Paris',
				postalCode: '75008',
				country: 'FR'
			}
		},
		primaryContact: {
			firstName: 'Élodie',
			lastName: 'Côté',
			email: 'elodie.cote@contoso-fr.example',
			phone: '+33 1 23 45 67 89'
		},
		support: { email: 'support@contoso-fr.example', phone: '+33 1 23 45 67 00' },
		...overrides
	};
}

/** Links the Contoso PMC account and chooses its French profile. */
async function linkAndChoose(session: SessionRef) {
	await linkPmcAccount(session, contoso.userName, contoso.password);
	return chooseMpnProfile(session, FR_MPN);
}

/** The token of the latest verification email: the link's fragment. */
async function latestToken(workspaceId: string): Promise<string> {
	const emails = await workspaceDb(workspaceId).outbox.orderBy('at').toArray();
	const link = emails.at(-1)!.links[0]!;
	return link.slice(link.indexOf('#') + 1);
}

async function submitted(session: SessionRef, now?: number) {
	await linkAndChoose(session);
	await submitEnrollment(session, application(), options, now);
	return latestToken(session.workspaceId);
}

async function actions(workspaceId: string) {
	const rows = await workspaceDb(workspaceId).audit.orderBy('at').toArray();
	return rows.map((row) => row.action);
}

describe('the whole path', () => {
	it('links, chooses, submits, sends the email and approves once verified', async () => {
		const { session, db, workspaceId } = await reseller();
		const profiles = await linkPmcAccount(session, contoso.userName, contoso.password);
		expect(profiles.map((p) => p.mpnId)).toEqual([FR_MPN, BE_MPN]);
		const chosen = await chooseMpnProfile(session, FR_MPN);
		expect(chosen).toMatchObject({ mpnId: FR_MPN, country: 'FR', active: true });

		await submitEnrollment(session, application(), options);
		const record = await db.enrollment.get('current');
		expect(record?.state).toBe('email_sent');

		const outbox = await db.outbox.toArray();
		expect(outbox).toHaveLength(1);
		expect(outbox[0]).toMatchObject({
			kind: 'enrollment_verification',
			to: 'elodie.cote@contoso-fr.example',
			subject: 'Verify'
		});
		expect(outbox[0]!.links).toHaveLength(1);
		expect(outbox[0]!.links[0]!.startsWith(options.linkBase + '#')).toBe(true);
		expect(outbox[0]!.body).toBe('Open ' + outbox[0]!.links[0]);

		const token = await latestToken(workspaceId);
		expect(token.length).toBeGreaterThanOrEqual(20);
		const verifications = await db.verifications.toArray();
		expect(verifications).toHaveLength(1);
		expect(verifications[0]!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
		const stored = JSON.stringify({
			verifications,
			enrollment: await db.enrollment.toArray()
		});
		expect(stored).not.toContain(token);

		expect(await getReviewMode()).toBe('automatic');
		const approved = await verifyEnrollmentEmail(workspaceId, token);
		expect(approved.state).toBe('approved');
		expect((await db.enrollment.get('current'))?.timeline.map((e) => e.state)).toEqual([
			'draft',
			'email_sent',
			'email_verified',
			'under_review',
			'approved'
		]);
		const audit = await actions(workspaceId);
		for (const action of [
			'enrollment.submitted',
			'enrollment.email_verified',
			'enrollment.review_started',
			'enrollment.approved'
		])
			expect(audit).toContain(action);
		expect(audit.indexOf('enrollment.submitted')).toBeLessThan(
			audit.indexOf('enrollment.approved')
		);
	});
});

describe('refusals', () => {
	it('refuses a profile in another country, naming both countries', async () => {
		const { session } = await reseller();
		await linkPmcAccount(session, contoso.userName, contoso.password);
		const error = await refusal(chooseMpnProfile(session, BE_MPN));
		expect(error).toBeInstanceOf(DomainError);
		expect((error as DomainError).code).toBe('err_mpn_country_mismatch');
		expect((error as DomainError).params).toEqual({ profileCountry: 'BE', tenantCountry: 'FR' });
	});

	it('refuses an inactive profile', async () => {
		const { session } = await reseller({ country: 'US' });
		await linkPmcAccount(session, fabrikam.userName, fabrikam.password);
		const error = await refusal(chooseMpnProfile(session, '1029385'));
		expect((error as DomainError).code).toBe('err_mpn_inactive');
	});

	it('refuses a web-based primary contact email and writes nothing', async () => {
		const { session, db } = await reseller();
		await linkAndChoose(session);
		const before = await db.enrollment.get('current');
		const input = application();
		const error = await refusal(
			submitEnrollment(
				session,
				{ ...input, primaryContact: { ...input.primaryContact, email: 'elodie@gmail.com' } },
				options
			)
		);
		expect(error).toBeInstanceOf(ValidationError);
		expect((error as ValidationError).fields['primaryContact.email']).toBe('err_email_webmail');
		expect(await db.outbox.count()).toBe(0);
		expect(await db.verifications.count()).toBe(0);
		expect(await db.enrollment.get('current')).toEqual(before);
		expect(await registryDb().mpnEnrollments.count()).toBe(0);
	});

	it('refuses a workspace that is not a reseller', async () => {
		const { session } = await reseller({ kind: 'provider' });
		const error = await refusal(linkPmcAccount(session, contoso.userName, contoso.password));
		expect((error as DomainError).code).toBe('err_enrollment_not_reseller');
	});

	it('refuses a helpdesk agent', async () => {
		const { workspaceId } = await reseller();
		const agent = await insertTestUser(workspaceId, { agentRole: 'helpdesk_agent' });
		const session = { workspaceId, userId: agent.id };
		expect(
			await refusal(linkPmcAccount(session, contoso.userName, contoso.password))
		).toBeInstanceOf(PermissionError);
		expect(await refusal(saveEnrollmentDraft(session, { step: 'link_mpn' }))).toBeInstanceOf(
			PermissionError
		);
	});
});

describe('verification links', () => {
	it('refuses a reused token', async () => {
		const { session, workspaceId } = await reseller();
		const token = await submitted(session);
		await verifyEnrollmentEmail(workspaceId, token);
		const error = await refusal(verifyEnrollmentEmail(workspaceId, token));
		expect((error as DomainError).code).toBe('err_verification_used');
	});

	it('refuses a token after 7 days', async () => {
		const { session, workspaceId, db } = await reseller();
		const sentAt = Date.now();
		const token = await submitted(session, sentAt);
		const error = await refusal(verifyEnrollmentEmail(workspaceId, token, sentAt + 7 * DAY + 1));
		expect((error as DomainError).code).toBe('err_verification_expired');
		expect((await db.enrollment.get('current'))?.state).toBe('email_sent');
		// On the last millisecond it still works.
		const record = await verifyEnrollmentEmail(workspaceId, token, sentAt + 7 * DAY);
		expect(record.state).toBe('approved');
	});

	it('voids the old token when the email is resent; the new one works', async () => {
		const { session, workspaceId, db } = await reseller();
		const oldToken = await submitted(session, Date.now() - 1000);
		await resendVerificationEmail(session, options);
		const newToken = await latestToken(workspaceId);
		expect(newToken).not.toBe(oldToken);
		expect(await db.outbox.count()).toBe(2);
		expect(await actions(workspaceId)).toContain('enrollment.verification_sent');

		const error = await refusal(verifyEnrollmentEmail(workspaceId, oldToken));
		expect((error as DomainError).code).toBe('err_verification_replaced');
		expect((await verifyEnrollmentEmail(workspaceId, newToken)).state).toBe('approved');
	});

	it('refuses a random token', async () => {
		const { session, workspaceId } = await reseller();
		await submitted(session);
		const random = Array.from(crypto.getRandomValues(new Uint8Array(32)), (b) =>
			b.toString(16).padStart(2, '0')
		).join('');
		const error = await refusal(verifyEnrollmentEmail(workspaceId, random));
		expect((error as DomainError).code).toBe('err_verification_invalid');
	});
});

describe('manual review', () => {
	it('rejects with a reason, Fix now, resubmit, approve', async () => {
		await setReviewMode('manual');
		try {
			const { session, workspaceId, db } = await reseller();
			const token = await submitted(session);
			expect((await verifyEnrollmentEmail(workspaceId, token)).state).toBe('under_review');

			const waiting = await applicationsUnderReview();
			expect(waiting.map((row) => row.workspace.id)).toEqual([workspaceId]);
			expect(waiting[0]!.checks).toEqual([]);

			const reason = 'Address could not be confirmed';
			const rejected = await decideEnrollment(workspaceId, { reject: reason });
			expect(rejected.state).toBe('rejected');
			expect(rejected.timeline.at(-1)).toMatchObject({ state: 'rejected', reason });
			expect(await applicationsUnderReview()).toEqual([]);

			await fixEnrollment(session);
			const fixed = await db.enrollment.get('current');
			expect(fixed).toMatchObject({ state: 'draft', step: 'business_profile' });
			expect(fixed?.draft).toMatchObject({ mpnId: FR_MPN, pmcUserName: contoso.userName });

			await submitEnrollment(session, application(), options);
			const second = await latestToken(workspaceId);
			expect((await verifyEnrollmentEmail(workspaceId, second)).state).toBe('under_review');
			expect((await decideEnrollment(workspaceId, 'approve')).state).toBe('approved');
			expect(await actions(workspaceId)).toEqual(
				expect.arrayContaining(['enrollment.rejected', 'enrollment.fixed'])
			);
		} finally {
			await setReviewMode('automatic');
		}
	});
});

describe('duplicate MPN IDs', () => {
	it('refuses a second workspace enrolling the same MPN ID', async () => {
		const first = await reseller();
		await submitted(first.session);
		const second = await reseller();
		await linkAndChoose(second.session);
		const error = await refusal(submitEnrollment(second.session, application(), options));
		expect(error).toBeInstanceOf(ValidationError);
		expect((error as ValidationError).fields).toEqual({ mpnId: 'err_mpn_already_enrolled' });
		expect(await second.db.outbox.count()).toBe(0);
	});
});

describe('saveEnrollmentDraft', () => {
	it('never stores a password, and a reload resumes at the saved step', async () => {
		const { session, workspaceId } = await reseller();
		await saveEnrollmentDraft(session, {
			step: 'pmc_password',
			draft: { pmcPassword: 'x', legalName: 'Y' }
		});
		closeWorkspaceDb(workspaceId);
		const record = await workspaceDb(workspaceId).enrollment.get('current');
		expect(record).toMatchObject({ state: 'draft', step: 'pmc_password' });
		expect(record?.draft).toEqual({ legalName: 'Y' });
		expect(JSON.stringify(record)).not.toMatch(/password"\s*:/i);
		expect(JSON.stringify(record)).not.toContain('"x"');
	});
});

describe('enrollExistingCsp', () => {
	it('approves with only a support contact', async () => {
		const { session, db, workspaceId } = await reseller();
		await enrollExistingCsp(session, {
			support: { email: 'support@contoso-fr.example', phone: '+33 1 23 45 67 00' }
		});
		const record = await db.enrollment.get('current');
		expect(record).toMatchObject({ state: 'approved', path: 'existing_csp' });
		expect(record?.timeline.map((e) => e.state)).toEqual(['draft', 'approved']);
		expect(await actions(workspaceId)).toContain('enrollment.approved');
	});
});

describe('a backup made before enrolment existed (dbVersion 1)', () => {
	it('restores, its enrolment tables empty, and the workspace can enrol', async () => {
		const passphrase = 'A-long-backup-passphrase';
		const { session, workspaceId } = await reseller();
		const { text } = await exportBackup(session, passphrase);

		// Re-seal the payload as version 1 wrote it: only the tables version 1 had.
		const { ciphertext, ...header } = JSON.parse(text) as BackupFile;
		const aad = utf8.encode(canonicalHeader(header));
		const deflated = await open(fromBase64(ciphertext), passphrase, header, aad);
		const payload = JSON.parse(utf8.decode(await inflate(deflated)), bytesReviver) as BackupPayload;
		const v1Tables = Object.fromEntries(
			Object.entries(payload.tables).filter(([name]) =>
				(workspaceTablesByVersion[1] as readonly string[]).includes(name)
			)
		);
		expect(Object.keys(v1Tables).sort()).toEqual(['audit', 'feedUpdates', 'meta', 'users']);
		const v1 = { dbVersion: 1, tables: v1Tables };
		const plaintext = await deflate(utf8.encode(JSON.stringify(v1, bytesReplacer)));
		const sealed = await seal(plaintext, passphrase, header, aad);
		const v1Text = JSON.stringify({ ...header, ciphertext: toBase64(sealed) });

		const users = await workspaceDb(workspaceId).users.toArray();
		await resetDatabases();
		expect(await restoreBackup(v1Text, passphrase)).toBe(workspaceId);

		const db = workspaceDb(workspaceId);
		expect(await db.users.toArray()).toEqual(users);
		expect(await db.enrollment.count()).toBe(0);
		expect(await db.outbox.count()).toBe(0);
		expect(await db.verifications.count()).toBe(0);
		await saveEnrollmentDraft(session, { step: 'link_mpn' });
		expect((await db.enrollment.get('current'))?.step).toBe('link_mpn');
	});
});
