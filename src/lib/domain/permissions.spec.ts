import { describe, expect, it } from 'vitest';
import { can, capabilities, type Capability } from './permissions';
import { adminRoles, agentRoles, userStatuses, type AdminRole } from './roles';

/** The matrix as the issue states it, written out independently of permissionMatrix. */
const expectedAdminRoles: Record<Capability, AdminRole[] | 'everyone'> = {
	view_account_settings: 'everyone',
	view_activity_log: ['global_admin', 'user_management_admin'],
	manage_workspace_settings: ['global_admin'],
	export_backup: ['global_admin'],
	delete_workspace: ['global_admin']
};

const cases = capabilities.flatMap((capability) =>
	adminRoles.flatMap((adminRole) =>
		agentRoles.flatMap((agentRole) =>
			userStatuses.map((status) => {
				const granted = expectedAdminRoles[capability];
				const allowed =
					status === 'active' && (granted === 'everyone' || granted.includes(adminRole));
				return { capability, adminRole, agentRole, status, allowed };
			})
		)
	)
);

describe('can()', () => {
	it('covers every capability, role pair and status', () => {
		expect(cases).toHaveLength(5 * 3 * 4 * 2);
		expect(Object.keys(expectedAdminRoles).sort()).toEqual([...capabilities].sort());
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
});
