import { describe, expect, it } from 'vitest';
import { visibleEntries } from './navigation';
import type { RoleHolder } from './permissions';
import { workspaceKinds } from './roles';

const user = (overrides: Partial<RoleHolder>): RoleHolder => ({
	agentRole: 'none',
	adminRole: 'none',
	status: 'active',
	...overrides
});

describe('Dashboard menu', () => {
	it.each(workspaceKinds)('a Global admin of a %s workspace sees every built entry', (kind) => {
		const ids = visibleEntries(kind, user({ adminRole: 'global_admin' })).map((e) => e.id);
		expect(ids).toEqual([
			'dashboard',
			...(kind === 'customer' ? ['partner_relationships', 'subscriptions'] : ['customers']),
			...(kind === 'customer' ? [] : ['catalog']),
			...(kind === 'reseller' ? ['enrollment'] : []),
			...(kind === 'provider' ? ['indirect_resellers'] : []),
			...(kind === 'reseller' ? ['indirect_providers', 'find_provider'] : []),
			'outbox',
			'account_settings',
			'user_management',
			'activity_log',
			'sync',
			'backup'
		]);
	});

	it('a user management admin sees User management, the Activity log and partner profiles, not Backup', () => {
		const ids = visibleEntries('reseller', user({ adminRole: 'user_management_admin' })).map(
			(e) => e.id
		);
		expect(ids).toEqual([
			'dashboard',
			'indirect_providers',
			'find_provider',
			'outbox',
			'account_settings',
			'user_management',
			'activity_log'
		]);
	});

	it('an agent without admin role sees the dashboard, Customers, the Catalog, the Outbox and account settings', () => {
		const ids = visibleEntries('provider', user({ agentRole: 'helpdesk_agent' })).map((e) => e.id);
		expect(ids).toEqual(['dashboard', 'customers', 'catalog', 'outbox', 'account_settings']);
	});

	it('a customer workspace has no Customers entry, whatever the roles', () => {
		const ids = visibleEntries(
			'customer',
			user({ adminRole: 'global_admin', agentRole: 'admin_agent' })
		);
		expect(ids.map((e) => e.id)).not.toContain('customers');
	});

	it('only a reseller’s Global admin gets Enrollment', () => {
		const reseller = visibleEntries('reseller', user({ agentRole: 'admin_agent' })).map(
			(e) => e.id
		);
		expect(reseller).not.toContain('enrollment');
		const provider = visibleEntries('provider', user({ adminRole: 'global_admin' }));
		expect(provider.map((e) => e.id)).not.toContain('enrollment');
	});

	it('a deactivated Global admin keeps only entries that need no capability', () => {
		const ids = visibleEntries('reseller', user({ adminRole: 'global_admin', status: 'inactive' }));
		expect(ids.map((e) => e.id)).toEqual(['dashboard']);
	});
});
