import { z } from 'zod';
import { addressSchema } from './address';
import { primaryContactSchema, supportContactSchema } from './contact';
import { emailSchema } from './email';
import { DomainError, ValidationError, type ErrorCode } from './errors';
import { mpnIdSchema } from './mpn';
import { organisationNameSchema } from './organisation';

// ---------------------------------------------------------------------------------------------
// The application's life: states, events, transitions
// ---------------------------------------------------------------------------------------------

/**
 * Where an enrolment application stands. Each state maps to one Partner Center vetting status and
 * sub-status (`vettingStatusOf`).
 */
export const enrollmentStates = [
	'draft',
	'email_sent',
	'email_verified',
	'under_review',
	'approved',
	'rejected'
] as const;
export type EnrollmentState = (typeof enrollmentStates)[number];

export const enrollmentEvents = [
	'submit',
	'resend_verification',
	'verify_email',
	'start_review',
	'approve',
	'reject',
	'fix',
	'enroll_existing'
] as const;
export type EnrollmentEventType = (typeof enrollmentEvents)[number];

/** An event; `reject` carries the reason the reseller reads on the enrolment page. */
export type EnrollmentEvent =
	{ type: Exclude<EnrollmentEventType, 'reject'> } | { type: 'reject'; reason: string };

/** The state each event leads to, from each state where it is allowed. Nothing else is. */
export const enrollmentTransitions: Readonly<
	Record<EnrollmentState, Readonly<Partial<Record<EnrollmentEventType, EnrollmentState>>>>
> = {
	draft: { submit: 'email_sent', enroll_existing: 'approved' },
	email_sent: { resend_verification: 'email_sent', verify_email: 'email_verified' },
	email_verified: { start_review: 'under_review' },
	under_review: { approve: 'approved', reject: 'rejected' },
	approved: {},
	rejected: { fix: 'draft' }
};

/** Partner Center's vetting status and sub-status names (DOMAIN.md). */
export const vettingStatuses = ['none', 'pending', 'authorized', 'rejected'] as const;
export type VettingStatus = (typeof vettingStatuses)[number];

export const vettingSubStatuses = [
	'entry',
	'email_ownership',
	'email_domain',
	'employment_verification',
	'business_verification',
	'decision'
] as const;
export type VettingSubStatus = (typeof vettingSubStatuses)[number];

export interface Vetting {
	status: VettingStatus;
	subStatus: VettingSubStatus;
}

const vettingByState: Readonly<Record<EnrollmentState, Vetting>> = {
	draft: { status: 'none', subStatus: 'entry' },
	email_sent: { status: 'pending', subStatus: 'email_ownership' },
	email_verified: { status: 'pending', subStatus: 'email_domain' },
	under_review: { status: 'pending', subStatus: 'business_verification' },
	approved: { status: 'authorized', subStatus: 'decision' },
	rejected: { status: 'rejected', subStatus: 'decision' }
};

export function vettingStatusOf(state: EnrollmentState): Vetting {
	return { ...vettingByState[state] };
}

export const REJECTION_REASON_MAX_LENGTH = 1000;

export const enrollmentStateSchema = z.enum(enrollmentStates);

/** One dated line of the enrolment page's timeline: the state reached, by which event, when. */
export const timelineEntrySchema = z.strictObject({
	state: enrollmentStateSchema,
	event: z.enum(enrollmentEvents).optional(),
	at: z.number().int().nonnegative(),
	reason: z.string().min(1).max(REJECTION_REASON_MAX_LENGTH).optional()
});
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

/** What the state machine needs of an application; the rest (its data, ids) is carried along. */
export interface EnrollmentApplication {
	state: EnrollmentState;
	timeline: readonly TimelineEntry[];
}

/** A new application: a draft, its timeline starting now. */
export function newApplication(now: number): EnrollmentApplication {
	return { state: 'draft', timeline: [{ state: 'draft', at: now }] };
}

/** The state the event leads to from this one, or undefined when it is not allowed. */
function nextState(state: string, event: string): EnrollmentState | undefined {
	// Own keys only: `toString` or `__proto__` from a damaged record is not a transition.
	if (!Object.hasOwn(enrollmentTransitions, state)) return undefined;
	const transitions = enrollmentTransitions[state as EnrollmentState];
	return Object.hasOwn(transitions, event) ? transitions[event as EnrollmentEventType] : undefined;
}

/** Whether the event is allowed in this state. */
export function canTransition(state: EnrollmentState, event: EnrollmentEventType): boolean {
	return nextState(state, event) !== undefined;
}

/** The events allowed in this state, in `enrollmentEvents` order (for buttons). */
export function allowedEvents(state: EnrollmentState): EnrollmentEventType[] {
	return enrollmentEvents.filter((event) => canTransition(state, event));
}

/**
 * Applies the event: returns a new application in the next state, with a dated timeline entry
 * appended (the rejection reason with it). Throws `DomainError('err_enrollment_transition',
 * { from, event })` when the event is not allowed in the current state, and a ValidationError on
 * `reason` when a rejection has no reason (or one over 1000 characters). The input is not changed.
 */
export function transition<A extends EnrollmentApplication>(
	application: A,
	event: EnrollmentEvent | Exclude<EnrollmentEventType, 'reject'>,
	now: number
): A {
	const { type } = typeof event === 'string' ? { type: event } : event;
	const from = application.state;
	const to = nextState(from, type);
	if (!to) throw new DomainError('err_enrollment_transition', { from, event: String(type) });

	const entry: TimelineEntry = { state: to, event: type, at: now };
	if (type === 'reject') {
		const reason = typeof event === 'object' && 'reason' in event ? event.reason : undefined;
		const error = rejectionReasonError(reason);
		if (error) throw new ValidationError({ reason: error });
		entry.reason = (reason as string).normalize('NFC').trim();
	}
	return { ...application, state: to, timeline: [...application.timeline, entry] };
}

function rejectionReasonError(reason: unknown): ErrorCode | null {
	if (typeof reason !== 'string' || reason.trim() === '') return 'err_required';
	if (reason.normalize('NFC').trim().length > REJECTION_REASON_MAX_LENGTH) return 'err_too_long';
	return null;
}

/** The reason of the rejection, when the application is rejected. */
export function rejectionReason(application: EnrollmentApplication): string | undefined {
	if (application.state !== 'rejected') return undefined;
	return application.timeline.findLast((entry) => entry.state === 'rejected')?.reason;
}

// ---------------------------------------------------------------------------------------------
// The wizard ("Get started"), in the seed's order
// ---------------------------------------------------------------------------------------------

export const enrollmentSteps = [
	'welcome',
	'work_account',
	'link_mpn',
	'pmc_user_name',
	'pmc_password',
	'choose_profile',
	'business_profile',
	'review'
] as const;
export type EnrollmentStep = (typeof enrollmentSteps)[number];

export function isEnrollmentStep(value: unknown): value is EnrollmentStep {
	return typeof value === 'string' && (enrollmentSteps as readonly string[]).includes(value);
}

/** The step's number as the wizard shows it, from 1. */
export function stepNumber(step: EnrollmentStep): number {
	return enrollmentSteps.indexOf(step) + 1;
}

/** The step after this one, or null on the last (`review`, with **Enroll now**). */
export function nextStep(step: EnrollmentStep): EnrollmentStep | null {
	const index = enrollmentSteps.indexOf(step);
	return index < 0 ? null : (enrollmentSteps[index + 1] ?? null);
}

/** The step before this one, or null on the first (`welcome`). */
export function previousStep(step: EnrollmentStep): EnrollmentStep | null {
	const index = enrollmentSteps.indexOf(step);
	return index > 0 ? (enrollmentSteps[index - 1] ?? null) : null;
}

// ---------------------------------------------------------------------------------------------
// What is submitted
// ---------------------------------------------------------------------------------------------

/** The application as submitted with **Enroll now**. */
export const enrollmentApplicationSchema = z.object({
	mpnId: mpnIdSchema,
	pmcUserName: emailSchema,
	organisation: z.object({
		legalName: organisationNameSchema,
		address: addressSchema
	}),
	primaryContact: primaryContactSchema,
	support: supportContactSchema
});
export type EnrollmentApplicationInput = z.input<typeof enrollmentApplicationSchema>;
export type ValidEnrollmentApplication = z.output<typeof enrollmentApplicationSchema>;

/** "Already enrolled in CSP": only the customer support contact is needed. */
export const existingCspSchema = z.object({ support: supportContactSchema });
export type ExistingCspInput = z.input<typeof existingCspSchema>;

/**
 * Why the chosen MPN organisation profile cannot be used, or null: it must be active and in the
 * tenant's country/region (compared as ISO codes, any case). The message names both countries.
 */
export function profileCountryError(
	profileCountry: string,
	tenantCountry: string,
	active: boolean
): 'err_mpn_inactive' | 'err_mpn_country_mismatch' | null {
	if (!active) return 'err_mpn_inactive';
	const same = profileCountry.trim().toUpperCase() === tenantCountry.trim().toUpperCase();
	return same ? null : 'err_mpn_country_mismatch';
}

/**
 * Capabilities that need an enrolled reseller (connecting with providers, inviting customers) are
 * shown but disabled until the enrolment is approved; this says why, or null when allowed.
 * Providers and customers do not enrol here, so nothing is gated for them.
 */
export function enrollmentGate(
	kind: 'reseller' | 'provider' | 'customer',
	state: EnrollmentState | undefined
): 'err_enrollment_required' | null {
	if (kind !== 'reseller') return null;
	return state === 'approved' ? null : 'err_enrollment_required';
}
