import { describe, expect, it } from 'vitest';
import { can, capabilities, rolesGranting, type Capability } from './permissions';
import { adminRoles, agentRoles, userStatuses, type AdminRole, type AgentRole } from './roles';

/**
 * The seed's roles table (DOMAIN.md, "Roles"), written out here independently of
 * permissionMatrix: which admin roles and which agent roles grant each capability.
 */
const ALL_ADMIN: AdminRole[] = ['global_admin', 'user_management_admin', 'none'];
const ALL_AGENT: AgentRole[] = ['admin_agent', 'helpdesk_agent', 'sales_agent', 'none'];
const expected: Record<Capability, { admin: AdminRole[]; agent: AgentRole[] }> = {
	view_customers: {
		admin: ['global_admin'],
		agent: ['admin_agent', 'helpdesk_agent', 'sales_agent']
	},
	administer_customers: { admin: ['global_admin'], agent: ['admin_agent'] },
	request_customer_relationship: { admin: ['global_admin'], agent: ['admin_agent', 'sales_agent'] },
	request_delegated_admin: { admin: ['global_admin'], agent: ['admin_agent'] },
	manage_subscriptions: {
		admin: ['global_admin'],
		agent: ['admin_agent', 'helpdesk_agent', 'sales_agent']
	},
	submit_orders: { admin: ['global_admin'], agent: ['admin_agent', 'sales_agent'] },
	customer_service_requests: { admin: ['global_admin'], agent: ['admin_agent', 'helpdesk_agent'] },
	view_service_health: { admin: ['global_admin'], agent: ['admin_agent', 'helpdesk_agent'] },
	manage_leads: { admin: ['global_admin'], agent: ['sales_agent'] },
	view_partner_profiles: { admin: ['global_admin', 'user_management_admin'], agent: [] },
	manage_partnerships: { admin: ['global_admin'], agent: [] },
	accept_provider_partnership: { admin: ['global_admin'], agent: [] },
	partner_support_tickets: { admin: ['global_admin'], agent: [] },
	manage_users: { admin: ['global_admin', 'user_management_admin'], agent: [] },
	reset_global_admin_password: { admin: ['global_admin'], agent: [] },
	manage_enrollment: { admin: ['global_admin'], agent: [] },
	view_account_settings: { admin: ALL_ADMIN, agent: ALL_AGENT },
	view_activity_log: { admin: ['global_admin', 'user_management_admin'], agent: [] },
	manage_workspace_settings: { admin: ['global_admin'], agent: [] },
	export_backup: { admin: ['global_admin'], agent: [] },
	delete_workspace: { admin: ['global_admin'], agent: [] }
};

const cases = capabilities.flatMap((capability) =>
	adminRoles.flatMap((adminRole) =>
		agentRoles.flatMap((agentRole) =>
			userStatuses.map((status) => {
				const grant = expected[capability];
				const allowed =
					status === 'active' &&
					(grant.admin.includes(adminRole) || grant.agent.includes(agentRole));
				return { capability, adminRole, agentRole, status, allowed };
			})
		)
	)
);

describe('can()', () => {
	it('covers every capability, role pair and status', () => {
		expect(cases).toHaveLength(capabilities.length * 3 * 4 * 2);
		expect(Object.keys(expected).sort()).toEqual([...capabilities].sort());
	});

	it.each(cases)(
		'$capability for admin=$adminRole agent=$agentRole ($status) → $allowed',
		({ capability, adminRole, agentRole, status, allowed }) => {
			expect(can({ adminRole, agentRole, status }, capability)).toBe(allowed);
		}
	);

	it.each(capabilities)('refuses %s to nobody', (capability) => {
		expect(can(null, capability)).toBe(false);
		expect(can(undefined, capability)).toBe(false);
	});

	it('the seed’s cannot column holds', () => {
		const helpdesk = { adminRole: 'none', agentRole: 'helpdesk_agent', status: 'active' } as const;
		expect(can(helpdesk, 'view_partner_profiles')).toBe(false);
		expect(can(helpdesk, 'request_customer_relationship')).toBe(false);
		expect(can(helpdesk, 'manage_leads')).toBe(false);
		const adminAgent = { adminRole: 'none', agentRole: 'admin_agent', status: 'active' } as const;
		expect(can(adminAgent, 'manage_users')).toBe(false);
		expect(can(adminAgent, 'partner_support_tickets')).toBe(false);
		const userAdmin = {
			adminRole: 'user_management_admin',
			agentRole: 'none',
			status: 'active'
		} as const;
		expect(can(userAdmin, 'accept_provider_partnership')).toBe(false);
		expect(can(userAdmin, 'view_customers')).toBe(false);
	});
});

describe('rolesGranting()', () => {
	it('names the roles for the permission message, never "No admin"/"No agent"', () => {
		expect(rolesGranting('manage_users')).toEqual({
			admin: ['global_admin', 'user_management_admin'],
			agent: []
		});
		expect(rolesGranting('view_account_settings').admin).not.toContain('none');
		expect(rolesGranting('view_account_settings').agent).not.toContain('none');
	});
});
