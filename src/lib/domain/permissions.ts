import type { AdminRole, AgentRole, UserStatus } from './roles';

/**
 * What a signed-in user may do, as data: the seed's roles table (DOMAIN.md, "Roles") plus the
 * workspace's own settings. Services call `can()` before any change and the UI uses the same
 * function to decide what to show, so the two never disagree.
 *
 * A user holds one agent role and one admin role; a capability is granted when either grants it.
 */
export const capabilities = [
	// Customers (agents)
	'view_customers',
	'administer_customers',
	'request_customer_relationship',
	'request_delegated_admin',
	'manage_subscriptions',
	'submit_orders',
	'customer_service_requests',
	'view_service_health',
	'manage_leads',
	// Partner (admins)
	'view_partner_profiles',
	'manage_partnerships',
	'accept_provider_partnership',
	'partner_support_tickets',
	'manage_users',
	'reset_global_admin_password',
	'manage_enrollment',
	// The workspace itself
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

export interface Grant {
	admin: readonly AdminRole[];
	agent: readonly AgentRole[];
}

const GA = 'global_admin';
const UMA = 'user_management_admin';

/**
 * Global admin: everything. Admin agent: administer customers, request delegated admin, service
 * health and customer service requests, but not user management nor Partner Center tickets.
 * Helpdesk agent: search and view customers, service health, support requests and subscriptions
 * for customers; not partner profiles, customer relationships or leads. Sales agent (providers):
 * customer relationships, leads, subscriptions and orders. User management admin: users and
 * partner profiles.
 */
export const permissionMatrix: Record<Capability, Grant> = {
	view_customers: { admin: [GA], agent: ['admin_agent', 'helpdesk_agent', 'sales_agent'] },
	administer_customers: { admin: [GA], agent: ['admin_agent'] },
	request_customer_relationship: { admin: [GA], agent: ['admin_agent', 'sales_agent'] },
	request_delegated_admin: { admin: [GA], agent: ['admin_agent'] },
	manage_subscriptions: { admin: [GA], agent: ['admin_agent', 'helpdesk_agent', 'sales_agent'] },
	submit_orders: { admin: [GA], agent: ['admin_agent', 'sales_agent'] },
	customer_service_requests: { admin: [GA], agent: ['admin_agent', 'helpdesk_agent'] },
	view_service_health: { admin: [GA], agent: ['admin_agent', 'helpdesk_agent'] },
	manage_leads: { admin: [GA], agent: ['sales_agent'] },
	view_partner_profiles: { admin: [GA, UMA], agent: [] },
	manage_partnerships: { admin: [GA], agent: [] },
	accept_provider_partnership: { admin: [GA], agent: [] },
	partner_support_tickets: { admin: [GA], agent: [] },
	manage_users: { admin: [GA, UMA], agent: [] },
	reset_global_admin_password: { admin: [GA], agent: [] },
	manage_enrollment: { admin: [GA], agent: [] },
	view_account_settings: {
		admin: [GA, UMA, 'none'],
		agent: ['admin_agent', 'helpdesk_agent', 'sales_agent', 'none']
	},
	view_activity_log: { admin: [GA, UMA], agent: [] },
	manage_workspace_settings: { admin: [GA], agent: [] },
	export_backup: { admin: [GA], agent: [] },
	delete_workspace: { admin: [GA], agent: [] }
};

export function can(user: RoleHolder | null | undefined, capability: Capability): boolean {
	if (!user || user.status !== 'active') return false;
	const grant = permissionMatrix[capability];
	return grant.admin.includes(user.adminRole) || grant.agent.includes(user.agentRole);
}

/** The roles that grant a capability, for "You need the … role to …". */
export function rolesGranting(capability: Capability): {
	admin: readonly AdminRole[];
	agent: readonly AgentRole[];
} {
	const grant = permissionMatrix[capability];
	return {
		admin: grant.admin.filter((role) => role !== 'none'),
		agent: grant.agent.filter((role) => role !== 'none')
	};
}
