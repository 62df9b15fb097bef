import type { AuditRecord } from './records';

/** Every state-changing action lands in the Activity log as one of these. */
export const auditActions = [
	'workspace.created',
	'workspace.restored',
	'workspace.settings_changed',
	'workspace.backup_exported',
	'user.signed_in',
	'user.sign_in_failed',
	'user.signed_out',
	'user.session_expired',
	'user.added',
	'user.roles_changed',
	'user.password_reset',
	'user.password_changed',
	'user.deactivated',
	'user.reactivated',
	'user.deleted',
	'enrollment.pmc_linked',
	'enrollment.submitted',
	'enrollment.verification_sent',
	'enrollment.email_verified',
	'enrollment.review_started',
	'enrollment.approved',
	'enrollment.rejected',
	'enrollment.fixed',
	'partnership.invited',
	'partnership.invitation_cancelled',
	'partnership.authorized',
	'partnership.accepted',
	'partnership.activated',
	'partnership.refused',
	'partnership.removed',
	'partnership.removed_by_partner',
	'sync.relay_changed',
	'sync.changes_exported',
	'sync.changes_imported',
	'customer.relationship_requested',
	'customer.request_cancelled',
	'customer.accepted',
	'customer.updated_by_customer',
	'customer.shared',
	'customer.unshared',
	'customer.relationship_removed',
	'customer.imported',
	'customer.exported',
	'customer.user_added',
	'customer.user_updated',
	'partner_relationship.accepted',
	'partner_relationship.roles_removed',
	'partner_relationship.ended',
	'partner_relationship.ended_by_partner',
	'order.placed',
	'subscription.changed',
	'subscription.change_requested',
	'subscription.change_decided',
	'commerce.exported',
	'license.assigned',
	'license.unassigned'
] as const;
export type AuditAction = (typeof auditActions)[number];

/** One line of the Activity log; its schema is `auditRecordSchema` in records.ts. */
export type AuditEntry = AuditRecord;

export interface AuditFilter {
	action?: AuditAction;
	actorId?: string;
	/** free text over actor name and target, case- and accent-insensitive */
	text?: string;
	from?: number;
	to?: number;
}

export function foldForSearch(text: string): string {
	return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

export function matchesAuditFilter(entry: AuditEntry, filter: AuditFilter): boolean {
	if (filter.action && entry.action !== filter.action) return false;
	if (filter.actorId && entry.actorId !== filter.actorId) return false;
	if (filter.from !== undefined && entry.at < filter.from) return false;
	if (filter.to !== undefined && entry.at > filter.to) return false;
	if (filter.text) {
		const needle = foldForSearch(filter.text.trim());
		if (needle && !foldForSearch(`${entry.actorName} ${entry.target}`).includes(needle))
			return false;
	}
	return true;
}
