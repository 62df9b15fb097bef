import { can, type Capability, type RoleHolder } from './permissions';
import type { WorkspaceKind } from './roles';

/**
 * The Dashboard menu: which entries a user sees depends on the workspace kind and their roles.
 * Capabilities not built yet have no entry at all (no dead links).
 */
export const navigationEntries = [
	{ id: 'dashboard', kinds: ['reseller', 'provider', 'customer'] },
	{
		id: 'customers',
		kinds: ['reseller', 'provider'],
		capability: 'view_customers'
	},
	{
		id: 'partner_relationships',
		kinds: ['customer'],
		capability: 'view_account_settings'
	},
	{
		id: 'subscriptions',
		kinds: ['reseller', 'provider', 'customer'],
		// a customer sees what it has bought; partners see their customers' subscriptions
		capability: {
			reseller: 'view_customers',
			provider: 'view_customers',
			customer: 'view_account_settings'
		}
	},
	{
		id: 'licenses',
		kinds: ['customer'],
		// what its reseller assigned to its users; read-only
		capability: 'view_account_settings'
	},
	{
		id: 'catalog',
		kinds: ['reseller', 'provider'],
		capability: 'view_customers'
	},
	{
		id: 'enrollment',
		kinds: ['reseller'],
		capability: 'manage_enrollment'
	},
	{
		id: 'indirect_resellers',
		kinds: ['provider'],
		capability: 'view_partner_profiles'
	},
	{
		id: 'indirect_providers',
		kinds: ['reseller'],
		capability: 'view_partner_profiles'
	},
	{
		id: 'find_provider',
		kinds: ['reseller'],
		capability: 'view_partner_profiles'
	},
	{
		id: 'outbox',
		kinds: ['reseller', 'provider', 'customer'],
		capability: 'view_account_settings'
	},
	{
		id: 'account_settings',
		kinds: ['reseller', 'provider', 'customer'],
		capability: 'view_account_settings'
	},
	{
		id: 'user_management',
		kinds: ['reseller', 'provider', 'customer'],
		capability: 'manage_users'
	},
	{
		id: 'activity_log',
		kinds: ['reseller', 'provider', 'customer'],
		capability: 'view_activity_log'
	},
	{
		id: 'sync',
		kinds: ['reseller', 'provider', 'customer'],
		capability: 'manage_workspace_settings'
	},
	{
		id: 'backup',
		kinds: ['reseller', 'provider', 'customer'],
		capability: 'export_backup'
	}
] as const satisfies readonly {
	id: string;
	kinds: readonly WorkspaceKind[];
	/** the capability needed, the same for every kind or one per kind */
	capability?: Capability | Record<WorkspaceKind, Capability>;
}[];

export type NavigationEntry = (typeof navigationEntries)[number];
export type NavigationId = NavigationEntry['id'];

/** The capability an entry needs in a workspace of this kind; null when it needs none. */
export function entryCapability(entry: NavigationEntry, kind: WorkspaceKind): Capability | null {
	if (!('capability' in entry)) return null;
	return typeof entry.capability === 'string' ? entry.capability : entry.capability[kind];
}

export function visibleEntries(kind: WorkspaceKind, user: RoleHolder): NavigationEntry[] {
	return navigationEntries.filter((entry) => {
		if (!(entry.kinds as readonly WorkspaceKind[]).includes(kind)) return false;
		const capability = entryCapability(entry, kind);
		return capability === null || can(user, capability);
	});
}
