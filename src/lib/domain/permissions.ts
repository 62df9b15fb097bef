import type { AdminRole, AgentRole, UserStatus } from './roles';

/**
 * What a signed-in user may do, as data. Services call `can()` before any change, and the UI
 * uses the same function to decide what to show, so the two never disagree.
 */
export const capabilities = [
	'view_account_settings',
	'view_activity_log',
	'manage_workspace_settings',
	'export_backup',
	'delete_workspace'
] as const;
export type Capability = (typeof capabilities)[number];

export interface RoleHolder {
	agentRole: AgentRole;
	adminRole: AdminRole;
	status: UserStatus;
}

type Grant = { admin?: readonly AdminRole[]; agent?: readonly AgentRole[] };

const everyone: Grant = {
	admin: ['global_admin', 'user_management_admin', 'none'],
	agent: ['admin_agent', 'helpdesk_agent', 'sales_agent', 'none']
};
const globalAdmin: Grant = { admin: ['global_admin'] };
const userAdmins: Grant = { admin: ['global_admin', 'user_management_admin'] };

export const permissionMatrix: Record<Capability, Grant> = {
	view_account_settings: everyone,
	view_activity_log: userAdmins,
	manage_workspace_settings: globalAdmin,
	export_backup: globalAdmin,
	delete_workspace: globalAdmin
};

export function can(user: RoleHolder | null | undefined, capability: Capability): boolean {
	if (!user || user.status !== 'active') return false;
	const grant = permissionMatrix[capability];
	return (
		(grant.admin?.includes(user.adminRole) ?? false) ||
		(grant.agent?.includes(user.agentRole) ?? false)
	);
}
