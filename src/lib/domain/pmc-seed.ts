import { z } from 'zod';
import { emailSchema } from './email';
import { mpnIdSchema } from './mpn';
import { organisationNameSchema } from './organisation';
import { passwordPolicyError } from './password-policy';
import { countrySchema } from './workspace';

/**
 * The Partner Membership Center (PMC) directory is played locally: its accounts and their
 * organisation profiles are data the user can add and edit (for demos and training).
 */

export const PMC_MAX_PROFILES = 20;

/** One organisation profile a PMC account can link: the MPN ID the enrolment uses. */
export const pmcProfileSchema = z.object({
	mpnId: mpnIdSchema,
	organisationName: organisationNameSchema,
	country: countrySchema,
	active: z.boolean({ error: 'err_required' }).default(true)
});
export type PmcProfileInput = z.input<typeof pmcProfileSchema>;
export type PmcProfile = z.output<typeof pmcProfileSchema>;

/** Whether the issue is about the whole input, or the field (or, unless `exact`, inside it). */
function failedAt(issue: { path?: PropertyKey[] }, field: string, exact = false): boolean {
	const path = issue.path ?? [];
	return path.length === 0 || (path[0] === field && (!exact || path.length === 1));
}

/**
 * The add/edit form of a PMC account. On `create` the password is required and meets the password
 * policy (12 characters or more, not the user name); on `edit` an empty password keeps the
 * current one (output undefined) and a new one meets the same policy. An account has 1 to 20
 * profiles, each MPN ID once.
 */
export function pmcAccountSchema(mode: 'create' | 'edit') {
	return z
		.object({
			userName: emailSchema,
			password: z
				.string({ error: 'err_required' })
				.optional()
				.transform((password) => password || undefined),
			profiles: z
				.array(pmcProfileSchema, { error: 'err_required' })
				.min(1, { error: 'err_required' })
				.max(PMC_MAX_PROFILES, { error: 'err_too_long' })
		})
		.superRefine(
			(account, ctx) => {
				if (account.password === undefined && mode === 'edit') return;
				const userName = typeof account.userName === 'string' ? account.userName : '';
				const policy = passwordPolicyError(account.password ?? '', userName);
				if (policy) ctx.addIssue({ code: 'custom', path: ['password'], message: policy });
			},
			// Checked even when another field is wrong, so the form shows every error at once.
			{ when: (payload) => !payload.issues.some((issue) => failedAt(issue, 'password')) }
		)
		.superRefine(
			(account, ctx) => {
				const seen = new Set<string>();
				account.profiles.forEach((profile: Partial<PmcProfile> | null, index) => {
					const mpnId = profile?.mpnId;
					if (typeof mpnId !== 'string') return;
					if (seen.has(mpnId))
						ctx.addIssue({
							code: 'custom',
							path: ['profiles', index, 'mpnId'],
							message: 'err_mpn_duplicate'
						});
					seen.add(mpnId);
				});
			},
			// Whenever the list itself is an array (a wrong profile does not hide a duplicate).
			{ when: (payload) => !payload.issues.some((issue) => failedAt(issue, 'profiles', true)) }
		);
}
export type PmcAccountInput = z.input<ReturnType<typeof pmcAccountSchema>>;
export type PmcAccount = z.output<ReturnType<typeof pmcAccountSchema>>;

export interface PmcSeedAccount {
	userName: string;
	/** Plain, for the demo: hashed like a user password when the directory is seeded. */
	password: string;
	profiles: readonly PmcProfile[];
}

/**
 * The directory a new workspace starts with: fictitious organisations (`.example` domains) in
 * several countries. Three accounts hold more than one profile, to show the refusals: Contoso's
 * Belgian profile does not match a French tenant, Fabrikam's old profile is inactive, and Alpine
 * Ski House's German profile is both.
 */
export const pmcSeed: readonly PmcSeedAccount[] = [
	{
		userName: 'admin@contoso-fr.example',
		password: 'Contoso-PMC-2024!',
		profiles: [
			{ mpnId: '4812345', organisationName: 'Contoso France SAS', country: 'FR', active: true },
			{ mpnId: '4812346', organisationName: 'Contoso Belgique SRL', country: 'BE', active: true }
		]
	},
	{
		userName: 'partenaires@equipements-dupont.example',
		password: 'Équipements-Dupont-2024',
		profiles: [
			{
				mpnId: '5230781',
				organisationName: 'Société Générale Équipements',
				country: 'FR',
				active: true
			}
		]
	},
	{
		userName: 'pmc@fabrikam.example',
		password: 'Fabrikam-Partner-42',
		profiles: [
			{ mpnId: '1029384', organisationName: 'Fabrikam, Inc.', country: 'US', active: true },
			{ mpnId: '1029385', organisationName: 'Fabrikam Legacy LLC', country: 'US', active: false }
		]
	},
	{
		userName: 'partners@northwind.example',
		password: 'Northwind-Traders-7',
		profiles: [
			{ mpnId: '6650123', organisationName: 'Northwind Traders Ltd', country: 'GB', active: true }
		]
	},
	{
		userName: 'it@tailspin-toys.example',
		password: 'Tailspin-Spielwaren-9',
		profiles: [
			{ mpnId: '7301122', organisationName: 'Tailspin Toys GmbH', country: 'DE', active: true }
		]
	},
	{
		userName: 'admin@adventure-works.example',
		password: 'AdventureWorks-Canada',
		profiles: [
			{
				mpnId: '2457890',
				organisationName: 'Adventure Works Canada Inc.',
				country: 'CA',
				active: true
			}
		]
	},
	{
		userName: 'socios@wideworld.example',
		password: 'WideWorld-Importadores',
		profiles: [
			{
				mpnId: '3908812',
				organisationName: 'Wide World Importers S.L.',
				country: 'ES',
				active: true
			}
		]
	},
	{
		userName: 'partner@proseware.example',
		password: 'Proseware-Italia-2024',
		profiles: [
			{ mpnId: '8112030', organisationName: 'Proseware S.r.l.', country: 'IT', active: true }
		]
	},
	{
		userName: 'beheer@litware.example',
		password: 'Litware-Nederland-BV',
		profiles: [{ mpnId: '9034417', organisationName: 'Litware B.V.', country: 'NL', active: true }]
	},
	{
		userName: 'partner@alpineskihouse.example',
		password: 'AlpineSkiHouse-Zürich',
		profiles: [
			{ mpnId: '5561290', organisationName: 'Alpine Ski House AG', country: 'CH', active: true },
			{
				mpnId: '5561291',
				organisationName: 'Alpine Ski House Deutschland GmbH',
				country: 'DE',
				active: false
			}
		]
	}
];
