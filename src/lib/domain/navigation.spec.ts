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
			...(kind === 'customer' ? [] : ['customers']),
			...(kind === 'customer' ? ['partner_relationships'] : []),
			'subscriptions',
			...(kind === 'customer' ? ['licenses'] : ['catalog']),
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

	it('an agent without admin role sees the dashboard, Customers, Subscriptions, the Catalog, the Outbox and account settings', () => {
		const ids = visibleEntries('provider', user({ agentRole: 'helpdesk_agent' })).map((e) => e.id);
		expect(ids).toEqual([
			'dashboard',
			'customers',
			'subscriptions',
			'catalog',
			'outbox',
			'account_settings'
		]);
	});

	it.each(['provider', 'reseller'] as const)(
		'Subscriptions on a %s needs the right to see customers',
		(kind) => {
			const admin = user({ adminRole: 'user_management_admin' });
			expect(visibleEntries(kind, admin).map((e) => e.id)).not.toContain('subscriptions');
			const sales = user({ agentRole: 'sales_agent' });
			expect(visibleEntries(kind, sales).map((e) => e.id)).toContain('subscriptions');
		}
	);

	it('Subscriptions and Licenses on a customer need only a signed-in user', () => {
		const ids = visibleEntries('customer', user({})).map((e) => e.id);
		expect(ids).toContain('subscriptions');
		expect(ids).toContain('licenses');
		const inactive = visibleEntries('customer', user({ status: 'inactive' })).map((e) => e.id);
		expect(inactive).not.toContain('subscriptions');
		expect(inactive).not.toContain('licenses');
	});

	it.each(['provider', 'reseller'] as const)(
		'a %s has no Licenses entry: its licences are in each customer’s record',
		(kind) => {
			const ids = visibleEntries(kind, user({ adminRole: 'global_admin' })).map((e) => e.id);
			expect(ids).not.toContain('licenses');
		}
	);

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
