import { m } from '$lib/paraglide/messages.js';
import type { SubscriptionStatus } from '$lib/domain/subscriptions';

/** A subscription's status in words, in the UI language. */
export function subscriptionStatusLabel(status: SubscriptionStatus): string {
	const labels: Record<SubscriptionStatus, () => string> = {
		active: m.subs_status_active,
		suspended: m.subs_status_suspended,
		deleted: m.subs_status_deleted,
		expired: m.subs_status_expired,
		pending: m.subs_status_pending,
		disabled: m.subs_status_disabled
	};
	return labels[status]();
}
