import { resolve } from '$app/paths';
import { m } from '$lib/paraglide/messages.js';
import type { NavigationId } from '$lib/domain/navigation';

/** Where each Dashboard menu entry leads, resolved against the app's base path. */
export function navigationHref(id: NavigationId, workspaceId: string): string {
	const params = { id: workspaceId };
	switch (id) {
		case 'dashboard':
			return resolve('/w/[id]', params);
		case 'enrollment':
			return resolve('/w/[id]/enrollment', params);
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
	enrollment: m.nav_enrollment,
	outbox: m.nav_outbox,
	account_settings: m.nav_account_settings,
	user_management: m.nav_user_management,
	activity_log: m.nav_activity_log,
	backup: m.nav_backup
};
