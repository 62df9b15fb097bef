import { z } from 'zod';
import { foldForSearch } from './audit';
import { emailSchema } from './email';
import { personNameSchema } from './organisation';
import { passwordPolicyError } from './password-policy';
import { adminRoles, agentRoles, agentRolesFor, type WorkspaceKind } from './roles';
import type { ErrorCode } from './errors';

/** The roles part of "Add user" and "Edit roles"; Sales agent only exists for providers. */
export function rolesSchema(kind: WorkspaceKind) {
	const allowedAgents = agentRolesFor(kind);
	return z.object({
		agentRole: z
			.enum(agentRoles, { error: 'err_role_unknown' })
			.refine((role) => allowedAgents.includes(role), { error: 'err_role_unknown' }),
		adminRole: z.enum(adminRoles, { error: 'err_role_unknown' })
	});
}

export function addUserInputSchema(kind: WorkspaceKind) {
	return z.object({ fullName: personNameSchema, email: emailSchema }).and(rolesSchema(kind));
}
export type AddUserInput = z.input<ReturnType<typeof addUserInputSchema>>;
export type RolesInput = z.input<ReturnType<typeof rolesSchema>>;

/** "Change password": the current one, a new one that meets the policy and differs, confirmed. */
export function changePasswordSchema(email: string) {
	return z
		.object({
			currentPassword: z.string({ error: 'err_required' }).min(1, { error: 'err_required' }),
			newPassword: z.string({ error: 'err_required' }),
			confirmPassword: z.string({ error: 'err_required' })
		})
		.superRefine((input, ctx) => {
			// Compared as the hash sees them (NFC): `é` typed precomposed or as e + accent is one
			// password.
			const same = (a: string, b: string) => a.normalize('NFC') === b.normalize('NFC');
			const policy = passwordPolicyError(input.newPassword, email);
			if (policy) ctx.addIssue({ code: 'custom', path: ['newPassword'], message: policy });
			else if (same(input.newPassword, input.currentPassword))
				ctx.addIssue({ code: 'custom', path: ['newPassword'], message: 'err_password_unchanged' });
			else if (!same(input.newPassword, input.confirmPassword))
				ctx.addIssue({
					code: 'custom',
					path: ['confirmPassword'],
					message: 'err_password_mismatch'
				});
		});
}
export type ChangePasswordInput = z.input<ReturnType<typeof changePasswordSchema>>;

interface AdminState {
	id: string;
	adminRole: (typeof adminRoles)[number];
	status: 'active' | 'inactive';
}

/**
 * The workspace must keep at least one active Global admin: nobody could manage it otherwise.
 * Returns the refusal for a change that would leave none, or null.
 */
export function lastGlobalAdminError(
	users: readonly AdminState[],
	targetId: string,
	after: Pick<AdminState, 'adminRole' | 'status'> | 'deleted'
): ErrorCode | null {
	const remaining = users.filter(
		(user) => user.id !== targetId && user.adminRole === 'global_admin' && user.status === 'active'
	);
	const target = users.find((user) => user.id === targetId);
	const targetStaysAdmin =
		after !== 'deleted' && after.adminRole === 'global_admin' && after.status === 'active';
	const targetWasAdmin = target?.adminRole === 'global_admin' && target.status === 'active';
	if (targetWasAdmin && !targetStaysAdmin && remaining.length === 0) {
		if (after === 'deleted') return 'err_last_global_admin_delete';
		if (after.status !== 'active') return 'err_last_global_admin_deactivate';
		return 'err_last_global_admin_demote';
	}
	return null;
}

/** Text search over name and email: case- and accent-insensitive. */
export function userMatches(user: { fullName: string; email: string }, query: string): boolean {
	const needle = foldForSearch(query.trim());
	return !needle || foldForSearch(`${user.fullName} ${user.email}`).includes(needle);
}
