import { resolve } from '$app/paths';
import { m } from '$lib/paraglide/messages.js';
import type { NavigationId } from '$lib/domain/navigation';

/** Where each Dashboard menu entry leads, resolved against the app's base path. */
export function navigationHref(id: NavigationId, workspaceId: string): string {
	const params = { id: workspaceId };
	switch (id) {
		case 'dashboard':
			return resolve('/w/[id]', params);
		case 'customers':
			return resolve('/w/[id]/customers', params);
		case 'partner_relationships':
			return resolve('/w/[id]/partners', params);
		case 'subscriptions':
			return resolve('/w/[id]/subscriptions', params);
		case 'licenses':
			return resolve('/w/[id]/licenses', params);
		case 'catalog':
			return resolve('/w/[id]/catalog', params);
		case 'enrollment':
			return resolve('/w/[id]/enrollment', params);
		case 'indirect_resellers':
			return resolve('/w/[id]/resellers', params);
		case 'indirect_providers':
			return resolve('/w/[id]/providers', params);
		case 'find_provider':
			return resolve('/w/[id]/providers/find', params);
		case 'sync':
			return resolve('/w/[id]/settings/sync', params);
		case 'outbox':
			return resolve('/w/[id]/outbox', params);
		case 'account_settings':
			return resolve('/w/[id]/settings', params);
		case 'user_management':
			return resolve('/w/[id]/settings/users', params);
		case 'activity_log':
			return resolve('/w/[id]/settings/activity', params);
		case 'backup':
			return resolve('/w/[id]/settings/backup', params);
	}
}

export const navigationLabel: Record<NavigationId, () => string> = {
	dashboard: m.nav_dashboard,
	customers: m.nav_customers,
	subscriptions: m.nav_subscriptions,
	licenses: m.nav_licenses,
	catalog: m.nav_catalog,
	partner_relationships: m.nav_partner_relationships,
	enrollment: m.nav_enrollment,
	indirect_resellers: m.nav_indirect_resellers,
	indirect_providers: m.nav_indirect_providers,
	find_provider: m.nav_find_provider,
	sync: m.nav_sync,
	outbox: m.nav_outbox,
	account_settings: m.nav_account_settings,
	user_management: m.nav_user_management,
	activity_log: m.nav_activity_log,
	backup: m.nav_backup
};
