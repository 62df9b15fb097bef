import { describe, expect, it } from 'vitest';
import {
	allowedEvents,
	canTransition,
	enrollmentApplicationSchema,
	enrollmentEvents,
	enrollmentGate,
	enrollmentStates,
	enrollmentSteps,
	enrollmentTransitions,
	existingCspSchema,
	isEnrollmentStep,
	newApplication,
	nextStep,
	previousStep,
	profileCountryError,
	rejectionReason,
	stepNumber,
	timelineEntrySchema,
	transition,
	vettingStatusOf,
	vettingStatuses,
	vettingSubStatuses,
	type EnrollmentApplication,
	type EnrollmentEvent,
	type EnrollmentEventType,
	type EnrollmentState
} from './enrollment';
import { DomainError, ValidationError } from './errors';
import { fieldErrors } from './validation';

const T0 = Date.UTC(2025, 2, 3, 9, 0, 0);
const DAY = 24 * 60 * 60 * 1000;

function eventOf(type: EnrollmentEventType): EnrollmentEvent {
	return type === 'reject' ? { type, reason: 'MPN ID not found' } : { type };
}

function inState(state: EnrollmentState): EnrollmentApplication {
	return { state, timeline: [{ state, at: T0 }] };
}

/** The error `transition` throws, or null. */
function thrown(run: () => unknown): unknown {
	try {
		run();
		return null;
	} catch (error) {
		return error;
	}
}

const legal: [EnrollmentState, EnrollmentEventType, EnrollmentState][] = [
	['draft', 'submit', 'email_sent'],
	['draft', 'enroll_existing', 'approved'],
	['email_sent', 'resend_verification', 'email_sent'],
	['email_sent', 'verify_email', 'email_verified'],
	['email_verified', 'start_review', 'under_review'],
	['under_review', 'approve', 'approved'],
	['under_review', 'reject', 'rejected'],
	['rejected', 'fix', 'draft']
];

const isLegal = (state: EnrollmentState, event: EnrollmentEventType) =>
	legal.some(([from, e]) => from === state && e === event);

const illegal = enrollmentStates.flatMap((state) =>
	enrollmentEvents.filter((event) => !isLegal(state, event)).map((event) => [state, event] as const)
);

describe('enrolment state machine', () => {
	it('allows exactly the listed transitions', () => {
		const table = enrollmentStates.flatMap((state) =>
			Object.entries(enrollmentTransitions[state]).map(([event, to]) => [state, event, to])
		);
		expect(table.sort()).toEqual([...legal].sort());
	});

	it('has an illegal pair for every other state × event', () => {
		expect(illegal).toHaveLength(enrollmentStates.length * enrollmentEvents.length - legal.length);
		expect(illegal).toHaveLength(6 * 8 - 8);
	});

	it.each(legal)('%s --%s--> %s', (from, event, to) => {
		const application = inState(from);
		const next = transition(application, eventOf(event), T0 + DAY);
		expect(next.state).toBe(to);
		expect(next.timeline).toHaveLength(2);
		expect(next.timeline.at(-1)).toMatchObject({ state: to, event, at: T0 + DAY });
		expect(canTransition(from, event)).toBe(true);
		// the input is left as it was
		expect(application).toEqual(inState(from));
	});

	it.each(illegal)('%s --%s--> refused', (from, event) => {
		const application = inState(from);
		const error = thrown(() => transition(application, eventOf(event), T0 + DAY));
		expect(error).toBeInstanceOf(DomainError);
		expect(error).not.toBeInstanceOf(ValidationError);
		expect((error as DomainError).code).toBe('err_enrollment_transition');
		expect((error as DomainError).params).toEqual({ from, event });
		expect(canTransition(from, event)).toBe(false);
		expect(application).toEqual(inState(from));
	});

	it('refuses any event from a state it does not know (a damaged record)', () => {
		const damaged = { state: 'archived', timeline: [] } as unknown as EnrollmentApplication;
		const error = thrown(() => transition(damaged, 'submit', T0));
		expect((error as DomainError).code).toBe('err_enrollment_transition');
		expect((error as DomainError).params).toEqual({ from: 'archived', event: 'submit' });
	});

	it.each([
		['draft', 'toString'],
		['draft', '__proto__'],
		['draft', 'constructor'],
		['toString', 'submit'],
		['__proto__', 'submit'],
		['hasOwnProperty', 'approve']
	])('refuses state %j with event %j (no inherited keys)', (state, event) => {
		const damaged = { state, timeline: [] } as unknown as EnrollmentApplication;
		const error = thrown(() => transition(damaged, event as never, T0));
		expect((error as DomainError).code).toBe('err_enrollment_transition');
		expect(canTransition(state as never, event as never)).toBe(false);
	});

	it('refuses an event it does not know', () => {
		const error = thrown(() => transition(inState('draft'), 'delete' as never, T0));
		expect((error as DomainError).code).toBe('err_enrollment_transition');
	});

	it('takes an event by its name or as an object', () => {
		const byName = transition(newApplication(T0), 'submit', T0 + 1);
		const byObject = transition(newApplication(T0), { type: 'submit' }, T0 + 1);
		expect(byName).toEqual(byObject);
	});

	it.each(enrollmentStates.map((state) => [state, legal.filter(([from]) => from === state)]))(
		'%s: allowedEvents lists its legal events',
		(state, transitions) => {
			expect(allowedEvents(state).sort()).toEqual(transitions.map(([, event]) => event).sort());
		}
	);

	it('approved is final', () => {
		expect(allowedEvents('approved')).toEqual([]);
	});
});

describe('rejection reason', () => {
	const underReview = inState('under_review');

	it.each([
		[undefined, 'err_required'],
		['', 'err_required'],
		['   ', 'err_required'],
		[42, 'err_required'],
		['x'.repeat(1001), 'err_too_long']
	])('refuses reason %j with %s on the reason field', (reason, code) => {
		const event = { type: 'reject', reason } as unknown as EnrollmentEvent;
		const error = thrown(() => transition(underReview, event, T0));
		expect(error).toBeInstanceOf(ValidationError);
		expect((error as ValidationError).fields).toEqual({ reason: code });
		expect(underReview).toEqual(inState('under_review'));
	});

	it('refuses a bare `reject` (no reason)', () => {
		const error = thrown(() => transition(underReview, 'reject' as 'approve', T0));
		expect((error as ValidationError).fields).toEqual({ reason: 'err_required' });
	});

	it('checks the transition before the reason', () => {
		const error = thrown(() => transition(inState('draft'), { type: 'reject', reason: '' }, T0));
		expect((error as DomainError).code).toBe('err_enrollment_transition');
	});

	it('stores the reason trimmed, composed, on the timeline entry', () => {
		const rejected = transition(
			underReview,
			{ type: 'reject', reason: '  Adresse introuvable : vérifiez le code postal  ' },
			T0 + DAY
		);
		expect(rejected.timeline.at(-1)).toEqual({
			state: 'rejected',
			event: 'reject',
			at: T0 + DAY,
			reason: 'Adresse introuvable : vérifiez le code postal'
		});
		expect(rejectionReason(rejected)).toBe('Adresse introuvable : vérifiez le code postal');
	});

	it('accepts a reason of exactly 1000 characters', () => {
		const reason = 'é'.repeat(1000);
		const rejected = transition(underReview, { type: 'reject', reason }, T0);
		expect(rejectionReason(rejected)).toBe(reason);
	});

	it('has no rejection reason once fixed', () => {
		const rejected = transition(underReview, { type: 'reject', reason: 'Wrong MPN ID' }, T0);
		expect(rejectionReason(transition(rejected, 'fix', T0 + 1))).toBeUndefined();
	});

	it('an approval carries no reason', () => {
		const next = transition(inState('under_review'), 'approve', T0);
		expect(next.timeline.at(-1)).not.toHaveProperty('reason');
	});
});

describe('timeline', () => {
	it('starts with the draft', () => {
		expect(newApplication(T0)).toEqual({ state: 'draft', timeline: [{ state: 'draft', at: T0 }] });
	});

	it('grows by one dated entry per transition, through a rejection, Fix now and approval', () => {
		const journey: [EnrollmentEvent | 'submit', EnrollmentState][] = [
			['submit', 'email_sent'],
			[{ type: 'resend_verification' }, 'email_sent'],
			[{ type: 'resend_verification' }, 'email_sent'],
			[{ type: 'verify_email' }, 'email_verified'],
			[{ type: 'start_review' }, 'under_review'],
			[{ type: 'reject', reason: 'Legal name does not match the MPN profile' }, 'rejected'],
			[{ type: 'fix' }, 'draft'],
			['submit', 'email_sent'],
			[{ type: 'verify_email' }, 'email_verified'],
			[{ type: 'start_review' }, 'under_review'],
			[{ type: 'approve' }, 'approved']
		];
		let application = newApplication(T0);
		journey.forEach(([event, state], index) => {
			const before = application.timeline.length;
			application = transition(application, event, T0 + (index + 1) * DAY);
			expect(application.state).toBe(state);
			expect(application.timeline).toHaveLength(before + 1);
		});
		expect(application.timeline.map((entry) => entry.state)).toEqual([
			'draft',
			...journey.map(([, state]) => state)
		]);
		expect(application.timeline.map((entry) => entry.at)).toEqual(
			Array.from({ length: journey.length + 1 }, (_, index) => T0 + index * DAY)
		);
		expect(application.timeline.filter((entry) => entry.reason)).toHaveLength(1);
		for (const entry of application.timeline)
			expect(timelineEntrySchema.parse(entry)).toEqual(entry);
	});

	it('goes straight to approved for a reseller already enrolled in CSP', () => {
		const approved = transition(newApplication(T0), 'enroll_existing', T0 + 1);
		expect(approved.timeline.map((entry) => entry.state)).toEqual(['draft', 'approved']);
		expect(vettingStatusOf(approved.state)).toEqual({
			status: 'authorized',
			subStatus: 'decision'
		});
	});

	it('keeps the other fields of the application', () => {
		const application = { ...newApplication(T0), id: 'app-1', mpnId: '4812345' };
		const next = transition(application, 'submit', T0 + 1);
		expect(next.id).toBe('app-1');
		expect(next.mpnId).toBe('4812345');
		expect(application.state).toBe('draft');
		expect(application.timeline).toHaveLength(1);
	});
});

describe('vettingStatusOf', () => {
	it.each([
		['draft', 'none', 'entry'],
		['email_sent', 'pending', 'email_ownership'],
		['email_verified', 'pending', 'email_domain'],
		['under_review', 'pending', 'business_verification'],
		['approved', 'authorized', 'decision'],
		['rejected', 'rejected', 'decision']
	] as const)('%s is %s / %s', (state, status, subStatus) => {
		expect(vettingStatusOf(state)).toEqual({ status, subStatus });
	});

	it('uses only the DOMAIN.md names', () => {
		for (const state of enrollmentStates) {
			const { status, subStatus } = vettingStatusOf(state);
			expect(vettingStatuses).toContain(status);
			expect(vettingSubStatuses).toContain(subStatus);
		}
		expect(vettingStatuses).toEqual(['none', 'pending', 'authorized', 'rejected']);
		expect(vettingSubStatuses).toEqual([
			'entry',
			'email_ownership',
			'email_domain',
			'employment_verification',
			'business_verification',
			'decision'
		]);
	});

	it('returns a copy', () => {
		const vetting = vettingStatusOf('draft');
		vetting.status = 'authorized';
		expect(vettingStatusOf('draft').status).toBe('none');
	});
});

describe('wizard steps', () => {
	it('follows the seed order', () => {
		expect(enrollmentSteps).toEqual([
			'welcome',
			'work_account',
			'link_mpn',
			'pmc_user_name',
			'pmc_password',
			'choose_profile',
			'business_profile',
			'review'
		]);
	});

	it.each([
		['welcome', 1, null, 'work_account'],
		['work_account', 2, 'welcome', 'link_mpn'],
		['link_mpn', 3, 'work_account', 'pmc_user_name'],
		['pmc_user_name', 4, 'link_mpn', 'pmc_password'],
		['pmc_password', 5, 'pmc_user_name', 'choose_profile'],
		['choose_profile', 6, 'pmc_password', 'business_profile'],
		['business_profile', 7, 'choose_profile', 'review'],
		['review', 8, 'business_profile', null]
	] as const)('%s is step %i, after %s, before %s', (step, number, previous, next) => {
		expect(stepNumber(step)).toBe(number);
		expect(previousStep(step)).toBe(previous);
		expect(nextStep(step)).toBe(next);
	});

	it.each([
		['welcome', true],
		['review', true],
		['Review', false],
		['done', false],
		['', false],
		[undefined, false],
		[3, false]
	])('isEnrollmentStep(%j) is %s', (value, expected) => {
		expect(isEnrollmentStep(value)).toBe(expected);
	});

	it('gives no neighbour to a step it does not know', () => {
		const unknown = 'done' as unknown as (typeof enrollmentSteps)[number];
		expect(nextStep(unknown)).toBeNull();
		expect(previousStep(unknown)).toBeNull();
	});
});

const validApplication = {
	mpnId: ' 4812345 ',
	pmcUserName: 'Admin@Contoso-FR.example',
	organisation: {
		legalName: '  Société Générale   Équipements ',
		address: {
			addressLine1: "12 Rue de l'Église",
			city: 'Paris',
			postalCode: '75008',
			country: 'fr'
		}
	},
	primaryContact: {
		firstName: 'Élodie',
		lastName: 'Lefèvre',
		email: 'elodie.lefevre@equipements-dupont.example',
		phone: '+33 1 23 45 67 89'
	},
	support: { email: 'support@gmail.com', phone: '01 23 45 67 89' }
};

function refusal(
	schema: typeof enrollmentApplicationSchema | typeof existingCspSchema,
	input: unknown
) {
	const result = schema.safeParse(input);
	return result.success ? null : fieldErrors(result.error);
}

describe('enrollmentApplicationSchema', () => {
	it('accepts and normalises a full application', () => {
		const parsed = enrollmentApplicationSchema.parse(validApplication);
		expect(parsed.mpnId).toBe('4812345');
		expect(parsed.pmcUserName).toBe('admin@contoso-fr.example');
		expect(parsed.organisation.legalName).toBe('Société Générale Équipements');
		expect(parsed.organisation.address).toMatchObject({ country: 'FR', postalCode: '75008' });
		expect(parsed.support.email).toBe('support@gmail.com');
	});

	it.each([
		[{ mpnId: '12345' }, { mpnId: 'err_mpn_format' }],
		[{ mpnId: '' }, { mpnId: 'err_required' }],
		[{ pmcUserName: 'admin' }, { pmcUserName: 'err_email_invalid' }],
		[
			{ organisation: { ...validApplication.organisation, legalName: 'SARL' } },
			{ 'organisation.legalName': 'err_org_name_legal_form' }
		],
		[
			{ organisation: { ...validApplication.organisation, legalName: 'X' } },
			{ 'organisation.legalName': 'err_org_name_single_char' }
		],
		[
			{
				organisation: {
					...validApplication.organisation,
					address: { ...validApplication.organisation.address, postalCode: '7500' }
				}
			},
			{ 'organisation.address.postalCode': 'err_postal_code_format' }
		],
		[
			{
				organisation: {
					...validApplication.organisation,
					address: { ...validApplication.organisation.address, country: 'US', postalCode: '98052' }
				}
			},
			{ 'organisation.address.state': 'err_state_required' }
		],
		[
			{ primaryContact: { ...validApplication.primaryContact, email: 'elodie@gmail.com' } },
			{ 'primaryContact.email': 'err_email_webmail' }
		],
		[
			{ primaryContact: { ...validApplication.primaryContact, phone: 'abc' } },
			{ 'primaryContact.phone': 'err_phone_invalid' }
		],
		[
			{ support: { ...validApplication.support, website: 'contoso.fr' } },
			{ 'support.website': 'err_url_invalid' }
		],
		[{ support: undefined }, { support: 'err_required' }],
		[{ organisation: undefined }, { organisation: 'err_required' }]
	])('refuses %j with %j', (change, errors) => {
		expect(refusal(enrollmentApplicationSchema, { ...validApplication, ...change })).toEqual(
			errors
		);
	});
});

describe('existingCspSchema', () => {
	it('needs only the support contact', () => {
		expect(existingCspSchema.parse({ support: validApplication.support })).toEqual({
			support: { email: 'support@gmail.com', phone: '01 23 45 67 89' }
		});
	});

	it.each([
		[{}, { support: 'err_required' }],
		[
			{ support: { email: '', phone: '' } },
			{ 'support.email': 'err_required', 'support.phone': 'err_required' }
		],
		[
			{ support: { email: 'x', phone: '12' } },
			{ 'support.email': 'err_email_invalid', 'support.phone': 'err_phone_invalid' }
		]
	])('refuses %j with %j', (input, errors) => {
		expect(refusal(existingCspSchema, input)).toEqual(errors);
	});
});

describe('profileCountryError', () => {
	it.each([
		['FR', 'FR', true, null],
		['fr', ' FR ', true, null],
		['US', 'US', true, null],
		['BE', 'FR', true, 'err_mpn_country_mismatch'],
		['US', 'CA', true, 'err_mpn_country_mismatch'],
		['FR', 'FR', false, 'err_mpn_inactive'],
		['BE', 'FR', false, 'err_mpn_inactive']
	] as const)('profile %s, tenant %s, active %s: %s', (profile, tenant, active, code) => {
		expect(profileCountryError(profile, tenant, active)).toBe(code);
	});
});

describe('enrollmentGate', () => {
	it.each(enrollmentStates)(
		'keeps a reseller whose application is %s out unless approved',
		(state) => {
			expect(enrollmentGate('reseller', state)).toBe(
				state === 'approved' ? null : 'err_enrollment_required'
			);
		}
	);

	it('keeps out a reseller that has not started', () => {
		expect(enrollmentGate('reseller', undefined)).toBe('err_enrollment_required');
	});

	it.each(['provider', 'customer'] as const)('never gates a %s', (kind) => {
		expect(enrollmentGate(kind, undefined)).toBeNull();
	});
});
