/**
 * Partner Center roles (DOMAIN.md, "Roles"): every user has one agent level and one admin level.
 * Sales agent exists only in provider workspaces.
 */
export const agentRoles = ['admin_agent', 'helpdesk_agent', 'sales_agent', 'none'] as const;
export type AgentRole = (typeof agentRoles)[number];

export const adminRoles = ['global_admin', 'user_management_admin', 'none'] as const;
export type AdminRole = (typeof adminRoles)[number];

export const workspaceKinds = ['reseller', 'provider', 'customer'] as const;
export type WorkspaceKind = (typeof workspaceKinds)[number];

export const userStatuses = ['active', 'inactive'] as const;
export type UserStatus = (typeof userStatuses)[number];

export function agentRolesFor(kind: WorkspaceKind): readonly AgentRole[] {
	return kind === 'provider' ? agentRoles : agentRoles.filter((role) => role !== 'sales_agent');
}
