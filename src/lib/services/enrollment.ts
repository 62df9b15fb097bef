import { hashLinkToken, newLinkToken } from '$lib/crypto/tokens';
import type { AuditAction } from '$lib/domain/audit';
import { normalizeEmail } from '$lib/domain/email';
import { mpnIdSchema } from '$lib/domain/mpn';
import {
	enrollmentApplicationSchema,
	existingCspSchema,
	newApplication,
	profileCountryError,
	transition,
	type EnrollmentApplicationInput,
	type EnrollmentEvent,
	type EnrollmentEventType,
	type EnrollmentStep,
	type ExistingCspInput,
	type ValidEnrollmentApplication
} from '$lib/domain/enrollment';
import { DomainError, ValidationError, type ErrorCode } from '$lib/domain/errors';
import type { EnrollmentRecord, OutboxRecord } from '$lib/domain/records';
import { parseOrThrow } from '$lib/domain/validation';
import { registryDb } from '$lib/db/registry-db';
import { workspaceDb, type WorkspaceDB } from '$lib/db/workspace-db';
import type { UserRecord } from '$lib/db/records';
import { authorize, type SessionRef } from './actor';
import { auditEntry } from './audit';
import { ensurePmcDirectory, pmcSignIn } from './pmc';
import { withStorageErrors } from './storage';

/**
 * Enrolment of an indirect reseller (the seed's "Enroll as an indirect reseller"): the wizard's
 * draft, the PMC link, **Enroll now**, the verification email and its single-use link, the
 * program review (automatic or manual) and **Fix now**. Microsoft's parts — the PMC directory and
 * the review — are simulated in this browser. Every transition is audited.
 */

export const VERIFICATION_LINK_DAYS = 7;
const DAY = 24 * 60 * 60 * 1000;
/** A PMC sign-in made in the wizard counts for this long. */
const PMC_LINK_VALID_MS = DAY;

/** The email text comes from the UI, in the user's language; services know no catalogue. */
export type ComposeVerificationEmail = (link: string) => { subject: string; body: string };

export interface VerificationEmailOptions {
	/** the verification page's absolute address; the token goes in its fragment */
	linkBase: string;
	compose: ComposeVerificationEmail;
}

async function resellerActor(session: SessionRef) {
	const actor = await authorize(session, 'manage_enrollment');
	const profile = await actor.db.getMeta('profile');
	if (!profile || profile.kind !== 'reseller') throw new DomainError('err_enrollment_not_reseller');
	return { ...actor, profile };
}

function blankRecord(now: number): EnrollmentRecord {
	const application = newApplication(now);
	return {
		id: 'current',
		state: application.state,
		timeline: [...application.timeline],
		path: 'new',
		step: 'welcome',
		draft: {},
		pmcUserName: null,
		pmcSignedInAt: null,
		submitted: null,
		updatedAt: now
	};
}

async function currentRecord(db: WorkspaceDB, now: number): Promise<EnrollmentRecord> {
	return (await db.enrollment.get('current')) ?? blankRecord(now);
}

/** Draft fields as typed, minus anything that looks like a password (never stored). */
function withoutSecrets(draft: Record<string, unknown>): Record<string, unknown> {
	return Object.fromEntries(
		Object.entries(draft).filter(([key]) => !/password|passphrase/i.test(key))
	);
}

const auditOf: Record<EnrollmentEventType, AuditAction> = {
	submit: 'enrollment.submitted',
	resend_verification: 'enrollment.verification_sent',
	verify_email: 'enrollment.email_verified',
	start_review: 'enrollment.review_started',
	approve: 'enrollment.approved',
	reject: 'enrollment.rejected',
	fix: 'enrollment.fixed',
	enroll_existing: 'enrollment.approved'
};

/** Applies a transition and writes it with its audit entry (call inside a transaction). */
async function apply(
	db: WorkspaceDB,
	record: EnrollmentRecord,
	event: EnrollmentEvent | Exclude<EnrollmentEventType, 'reject'>,
	actor: UserRecord | null,
	now: number,
	changes: Partial<EnrollmentRecord> = {}
): Promise<EnrollmentRecord> {
	const next = { ...transition(record, event, now), ...changes, updatedAt: now };
	await db.enrollment.put(next);
	const type = typeof event === 'string' ? event : event.type;
	const details =
		typeof event === 'object' && 'reason' in event ? { reason: event.reason } : undefined;
	await db.audit.add(auditEntry(actor, auditOf[type], next.state, details, now));
	return next;
}

/** Saves the wizard's step and fields, so a reload or a closed tab resumes there. */
export async function saveEnrollmentDraft(
	session: SessionRef,
	change: { step: EnrollmentStep; draft?: Record<string, unknown>; path?: 'new' | 'existing_csp' },
	now = Date.now()
): Promise<void> {
	const { db } = await resellerActor(session);
	await withStorageErrors(() =>
		db.transaction('rw', db.enrollment, async () => {
			const record = await currentRecord(db, now);
			if (record.state !== 'draft')
				throw new DomainError('err_enrollment_transition', {
					from: record.state,
					event: 'edit'
				});
			await db.enrollment.put({
				...record,
				step: change.step,
				path: change.path ?? record.path,
				draft: { ...record.draft, ...withoutSecrets(change.draft ?? {}) },
				updatedAt: now
			});
		})
	);
}

/**
 * "Sign in" to the PMC during the wizard. Returns the organisation profiles of the account; the
 * PMC password is checked and forgotten.
 */
export async function linkPmcAccount(
	session: SessionRef,
	userName: string,
	password: string,
	now = Date.now()
) {
	const { db, user } = await resellerActor(session);
	const profiles = await pmcSignIn(userName, password);
	const pmcUserName = normalizeEmail(userName);
	await withStorageErrors(() =>
		db.transaction('rw', db.enrollment, db.audit, async () => {
			const record = await currentRecord(db, now);
			await db.enrollment.put({
				...record,
				step: 'choose_profile',
				pmcUserName,
				pmcSignedInAt: now,
				draft: { ...record.draft, pmcUserName },
				updatedAt: now
			});
			await db.audit.add(auditEntry(user, 'enrollment.pmc_linked', pmcUserName, undefined, now));
		})
	);
	return profiles;
}

/** The profile must belong to the linked PMC account, be active and match the tenant's country. */
async function checkProfile(
	record: EnrollmentRecord,
	mpnId: string,
	tenantCountry: string,
	now: number
) {
	if (
		!record.pmcUserName ||
		!record.pmcSignedInAt ||
		now - record.pmcSignedInAt > PMC_LINK_VALID_MS
	)
		throw new DomainError('err_pmc_not_linked');
	await ensurePmcDirectory();
	const account = await registryDb().pmcAccounts.get({ userName: record.pmcUserName });
	const profile = account?.profiles.find((p) => p.mpnId === mpnId);
	if (!profile) throw new ValidationError({ mpnId: 'err_mpn_not_found' });
	const problem = profileCountryError(profile.country, tenantCountry, profile.active);
	if (problem) throw new DomainError(problem, { profileCountry: profile.country, tenantCountry });
	return profile;
}

/** **Continue** on "choose the organisation profile": refused when inactive or in another country. */
export async function chooseMpnProfile(session: SessionRef, mpnId: string, now = Date.now()) {
	const { db, profile: workspace } = await resellerActor(session);
	const record = await currentRecord(db, now);
	const chosen = await checkProfile(record, mpnId, workspace.country, now);
	await withStorageErrors(() =>
		db.enrollment.put({
			...record,
			step: 'business_profile',
			draft: {
				...record.draft,
				mpnId,
				legalName: record.draft.legalName ?? chosen.organisationName
			},
			updatedAt: now
		})
	);
	return chosen;
}

async function claimMpnId(mpnId: string, workspaceId: string) {
	const registry = registryDb();
	await registry.transaction('rw', registry.mpnEnrollments, async () => {
		const claim = await registry.mpnEnrollments.get(mpnId);
		if (claim && claim.workspaceId !== workspaceId) {
			throw new ValidationError({ mpnId: 'err_mpn_already_enrolled' });
		}
		await registry.mpnEnrollments.put({ mpnId, workspaceId });
	});
}

async function sendVerification(
	db: WorkspaceDB,
	to: string,
	options: VerificationEmailOptions,
	now: number
) {
	const { token, hash } = await newLinkToken();
	const link = `${options.linkBase}#${token}`;
	const { subject, body } = options.compose(link);
	const email: OutboxRecord = {
		id: crypto.randomUUID(),
		at: now,
		kind: 'enrollment_verification',
		to,
		subject,
		body,
		links: [link]
	};
	return {
		email,
		verification: {
			tokenHash: hash,
			email: to,
			createdAt: now,
			expiresAt: now + VERIFICATION_LINK_DAYS * DAY,
			usedAt: null,
			voidedAt: null
		}
	};
}

/**
 * **Enroll now**: validates the whole application, re-checks the MPN profile, claims the MPN ID
 * in this browser, and sends the verification email to the primary contact (to the Outbox).
 */
export async function submitEnrollment(
	session: SessionRef,
	input: EnrollmentApplicationInput,
	options: VerificationEmailOptions,
	now = Date.now()
): Promise<void> {
	const { db, user, profile } = await resellerActor(session);
	const application = parseOrThrow(enrollmentApplicationSchema, input);
	const record = await currentRecord(db, now);
	if (normalizeEmail(application.pmcUserName) !== record.pmcUserName) {
		throw new DomainError('err_pmc_not_linked');
	}
	await checkProfile(record, application.mpnId, profile.country, now);
	await claimMpnId(application.mpnId, session.workspaceId);
	const { email, verification } = await sendVerification(
		db,
		application.primaryContact.email,
		options,
		now
	);
	await withStorageErrors(() =>
		db.transaction('rw', db.enrollment, db.audit, db.outbox, db.verifications, async () => {
			const current = await currentRecord(db, now);
			await apply(db, current, 'submit', user, now, {
				step: 'review',
				submitted: application as unknown as Record<string, unknown>
			});
			await db.outbox.add(email);
			await db.verifications.add(verification);
		})
	);
}

/** **Resend verification email**: a new link; the old one stops working. */
export async function resendVerificationEmail(
	session: SessionRef,
	options: VerificationEmailOptions,
	now = Date.now()
): Promise<void> {
	const { db, user } = await resellerActor(session);
	const record = await currentRecord(db, now);
	const to = (record.submitted as ValidEnrollmentApplication | null)?.primaryContact.email;
	if (!to)
		throw new DomainError('err_enrollment_transition', {
			from: record.state,
			event: 'resend_verification'
		});
	const { email, verification } = await sendVerification(db, to, options, now);
	await withStorageErrors(() =>
		db.transaction('rw', db.enrollment, db.audit, db.outbox, db.verifications, async () => {
			const current = await currentRecord(db, now);
			await apply(db, current, 'resend_verification', user, now);
			await db.verifications
				.filter((row) => row.voidedAt === null && row.usedAt === null)
				.modify({ voidedAt: now });
			await db.outbox.add(email);
			await db.verifications.add(verification);
		})
	);
}

export async function getReviewMode(): Promise<'automatic' | 'manual'> {
	return (await registryDb().programSettings.get('reviewMode'))?.value ?? 'automatic';
}

export async function setReviewMode(mode: 'automatic' | 'manual'): Promise<void> {
	await withStorageErrors(() =>
		registryDb().programSettings.put({ key: 'reviewMode', value: mode })
	);
}

/**
 * The automatic checks of the review: MPN ID format and existence in the PMC directory, country
 * match with the tenant, and no other workspace of this browser enrolling the same MPN ID.
 */
export async function automaticChecks(workspaceId: string): Promise<ErrorCode[]> {
	const db = workspaceDb(workspaceId);
	const [record, profile] = await Promise.all([
		db.enrollment.get('current'),
		db.getMeta('profile')
	]);
	const submitted = record?.submitted as ValidEnrollmentApplication | null | undefined;
	if (!submitted || !profile) return ['err_mpn_not_found'];
	const problems: ErrorCode[] = [];
	if (!mpnIdSchema.safeParse(submitted.mpnId).success) problems.push('err_mpn_format');
	await ensurePmcDirectory();
	const accounts = await registryDb().pmcAccounts.toArray();
	const found = accounts.flatMap((a) => a.profiles).find((p) => p.mpnId === submitted.mpnId);
	if (!found) problems.push('err_mpn_not_found');
	else {
		const problem = profileCountryError(found.country, profile.country, found.active);
		if (problem) problems.push(problem);
	}
	const claim = await registryDb().mpnEnrollments.get(submitted.mpnId);
	if (claim && claim.workspaceId !== workspaceId) problems.push('err_mpn_already_enrolled');
	return problems;
}

/**
 * Opens a verification link: single-use, valid 7 days, voided by a resend. Confirms the primary
 * contact's address, then the review starts; in automatic mode it decides at once.
 */
export async function verifyEnrollmentEmail(
	workspaceId: string,
	token: string,
	now = Date.now()
): Promise<EnrollmentRecord> {
	if (!(await registryDb().workspaces.get(workspaceId))) {
		throw new DomainError('err_verification_invalid');
	}
	const db = workspaceDb(workspaceId);
	const hash = await hashLinkToken(token);
	const mode = await getReviewMode();
	let record = await withStorageErrors(() =>
		db.transaction('rw', db.enrollment, db.audit, db.verifications, async () => {
			const row = await db.verifications.get(hash);
			if (!row) throw new DomainError('err_verification_invalid');
			if (row.usedAt !== null) throw new DomainError('err_verification_used');
			if (row.voidedAt !== null) throw new DomainError('err_verification_replaced');
			if (now > row.expiresAt) throw new DomainError('err_verification_expired');
			const current = await db.enrollment.get('current');
			if (!current || current.state !== 'email_sent')
				throw new DomainError('err_verification_used');
			await db.verifications.update(hash, { usedAt: now });
			const verified = await apply(db, current, 'verify_email', null, now);
			return apply(db, verified, 'start_review', null, now);
		})
	);
	if (mode === 'automatic') {
		const problems = await automaticChecks(workspaceId);
		record = await decideEnrollment(
			workspaceId,
			problems.length ? { reject: problems.join(' ') } : 'approve',
			now
		);
	}
	return record;
}

/**
 * The program review's decision (the **Program review** page, or automatic mode). A rejection
 * carries a reason the reseller reads; automatic rejections give error codes as the reason.
 */
export async function decideEnrollment(
	workspaceId: string,
	decision: 'approve' | { reject: string },
	now = Date.now()
): Promise<EnrollmentRecord> {
	const db = workspaceDb(workspaceId);
	const event: EnrollmentEvent | 'approve' =
		decision === 'approve' ? 'approve' : { type: 'reject', reason: decision.reject };
	return withStorageErrors(() =>
		db.transaction('rw', db.enrollment, db.audit, async () => {
			const current = await db.enrollment.get('current');
			if (!current)
				throw new DomainError('err_enrollment_transition', { from: 'none', event: 'review' });
			return apply(db, current, event, null, now);
		})
	);
}

/** Applications waiting for a decision, across the reseller workspaces of this browser. */
export async function applicationsUnderReview() {
	const workspaces = await registryDb().workspaces.toArray();
	const rows = await Promise.all(
		workspaces
			.filter((w) => w.kind === 'reseller')
			.map(async (workspace) => ({
				workspace,
				record: await workspaceDb(workspace.id).enrollment.get('current'),
				checks: await automaticChecks(workspace.id)
			}))
	);
	return rows.filter((row) => row.record?.state === 'under_review');
}

/** **Fix now**: a rejected application goes back to the wizard, its fields kept. */
export async function fixEnrollment(session: SessionRef, now = Date.now()): Promise<void> {
	const { db, user } = await resellerActor(session);
	await withStorageErrors(() =>
		db.transaction('rw', db.enrollment, db.audit, async () => {
			const current = await currentRecord(db, now);
			await apply(db, current, 'fix', user, now, { step: 'business_profile' });
		})
	);
}

/** "Already enrolled in CSP": only the customer support contact, then the account is created. */
export async function enrollExistingCsp(
	session: SessionRef,
	input: ExistingCspInput,
	now = Date.now()
): Promise<void> {
	const { db, user } = await resellerActor(session);
	const valid = parseOrThrow(existingCspSchema, input);
	await withStorageErrors(() =>
		db.transaction('rw', db.enrollment, db.audit, async () => {
			const current = await currentRecord(db, now);
			await apply(db, current, 'enroll_existing', user, now, {
				path: 'existing_csp',
				step: 'review',
				submitted: valid as unknown as Record<string, unknown>
			});
		})
	);
}

/** The profiles of the PMC account linked in the wizard, while the link holds (for a reload). */
export async function linkedPmcProfiles(session: SessionRef, now = Date.now()) {
	const { db } = await resellerActor(session);
	const record = await db.enrollment.get('current');
	if (!record?.pmcUserName || !record.pmcSignedInAt) return null;
	if (now - record.pmcSignedInAt > PMC_LINK_VALID_MS) return null;
	await ensurePmcDirectory();
	const account = await registryDb().pmcAccounts.get({ userName: record.pmcUserName });
	return account?.profiles ?? null;
}
