import { z } from 'zod';
import { isCountryCode } from './countries';
import { emailSchema } from './email';
import { domainPrefixSchema, organisationNameSchema, personNameSchema } from './organisation';
import { passwordPolicyError } from './password-policy';
import { workspaceKinds } from './roles';

export const workspaceKindSchema = z.enum(workspaceKinds, { error: 'err_kind_unknown' });

export const countrySchema = z
	.string({ error: 'err_required' })
	.trim()
	.toUpperCase()
	.pipe(
		z
			.string()
			.min(1, { error: 'err_required' })
			.refine(isCountryCode, { error: 'err_country_unknown' })
	);

/** The "Create workspace" form: the organisation and its first user, the Global admin. */
export const createWorkspaceInputSchema = z
	.object({
		kind: workspaceKindSchema,
		name: organisationNameSchema,
		country: countrySchema,
		domainPrefix: domainPrefixSchema,
		admin: z.object({
			fullName: personNameSchema,
			email: emailSchema,
			password: z.string({ error: 'err_required' }),
			confirmPassword: z.string({ error: 'err_required' })
		})
	})
	.superRefine((input, ctx) => {
		const policy = passwordPolicyError(input.admin.password, input.admin.email);
		if (policy) ctx.addIssue({ code: 'custom', path: ['admin', 'password'], message: policy });
		else if (input.admin.password !== input.admin.confirmPassword)
			ctx.addIssue({
				code: 'custom',
				path: ['admin', 'confirmPassword'],
				message: 'err_password_mismatch'
			});
	});

export type CreateWorkspaceInput = z.input<typeof createWorkspaceInputSchema>;
export type ValidCreateWorkspaceInput = z.output<typeof createWorkspaceInputSchema>;

const uuid = z.uuid();

/** What the registry database keeps about each workspace: enough to list it, no secrets. */
export const workspaceEntrySchema = z.object({
	id: uuid,
	kind: workspaceKindSchema,
	name: z.string().min(1).max(200),
	domain: z.string().min(1).max(254),
	country: z.string().length(2),
	createdAt: z.number().int().nonnegative()
});
export type WorkspaceEntry = z.infer<typeof workspaceEntrySchema>;

/** The organisation profile, stored in the workspace's own database. */
export const workspaceProfileSchema = workspaceEntrySchema.extend({
	tenantId: uuid,
	identity: z.object({
		publicKey: z.record(z.string(), z.unknown()),
		fingerprint: z.string().min(1)
	})
});
export type WorkspaceProfile = z.infer<typeof workspaceProfileSchema>;
