import { m } from '$lib/paraglide/messages.js';
import type { AuditAction } from '$lib/domain/audit';
import type { Capability } from '$lib/domain/permissions';
import type { EnrollmentState } from '$lib/domain/enrollment';
import type { ProviderService } from '$lib/domain/provider-directory';
import type { CspRegion } from '$lib/domain/regions';
import type { AdminRole, AgentRole, UserStatus, WorkspaceKind } from '$lib/domain/roles';

/** Names of enum values in the UI language. */
export function kindLabel(kind: WorkspaceKind): string {
	return { reseller: m.kind_reseller, provider: m.kind_provider, customer: m.kind_customer }[
		kind
	]();
}

export function agentRoleLabel(role: AgentRole): string {
	return {
		admin_agent: m.role_admin_agent,
		helpdesk_agent: m.role_helpdesk_agent,
		sales_agent: m.role_sales_agent,
		none: m.role_no_agent
	}[role]();
}

export function adminRoleLabel(role: AdminRole): string {
	return {
		global_admin: m.role_global_admin,
		user_management_admin: m.role_user_management_admin,
		none: m.role_no_admin
	}[role]();
}

export function auditActionLabel(action: AuditAction): string {
	return {
		'workspace.created': m.audit_workspace_created,
		'workspace.restored': m.audit_workspace_restored,
		'workspace.settings_changed': m.audit_workspace_settings_changed,
		'workspace.backup_exported': m.audit_workspace_backup_exported,
		'user.signed_in': m.audit_user_signed_in,
		'user.sign_in_failed': m.audit_user_sign_in_failed,
		'user.signed_out': m.audit_user_signed_out,
		'user.session_expired': m.audit_user_session_expired,
		'user.added': m.audit_user_added,
		'user.roles_changed': m.audit_user_roles_changed,
		'user.password_reset': m.audit_user_password_reset,
		'user.password_changed': m.audit_user_password_changed,
		'user.deactivated': m.audit_user_deactivated,
		'user.reactivated': m.audit_user_reactivated,
		'user.deleted': m.audit_user_deleted,
		'enrollment.pmc_linked': m.audit_enrollment_pmc_linked,
		'enrollment.submitted': m.audit_enrollment_submitted,
		'enrollment.verification_sent': m.audit_enrollment_verification_sent,
		'enrollment.email_verified': m.audit_enrollment_email_verified,
		'enrollment.review_started': m.audit_enrollment_review_started,
		'enrollment.approved': m.audit_enrollment_approved,
		'enrollment.rejected': m.audit_enrollment_rejected,
		'enrollment.fixed': m.audit_enrollment_fixed,
		'partnership.invited': m.audit_partnership_invited,
		'partnership.invitation_cancelled': m.audit_partnership_invitation_cancelled,
		'partnership.authorized': m.audit_partnership_authorized,
		'partnership.accepted': m.audit_partnership_accepted,
		'partnership.activated': m.audit_partnership_activated,
		'partnership.refused': m.audit_partnership_refused,
		'partnership.removed': m.audit_partnership_removed,
		'partnership.removed_by_partner': m.audit_partnership_removed_by_partner,
		'sync.relay_changed': m.audit_sync_relay_changed,
		'sync.changes_exported': m.audit_sync_changes_exported,
		'sync.changes_imported': m.audit_sync_changes_imported,
		'customer.relationship_requested': m.audit_customer_relationship_requested,
		'customer.request_cancelled': m.audit_customer_request_cancelled,
		'customer.accepted': m.audit_customer_accepted,
		'customer.updated_by_customer': m.audit_customer_updated_by_customer,
		'customer.shared': m.audit_customer_shared,
		'customer.unshared': m.audit_customer_unshared,
		'customer.relationship_removed': m.audit_customer_relationship_removed,
		'customer.imported': m.audit_customer_imported,
		'customer.exported': m.audit_customer_exported,
		'order.placed': m.audit_order_placed,
		'subscription.changed': m.audit_subscription_changed,
		'subscription.change_requested': m.audit_subscription_change_requested,
		'subscription.change_decided': m.audit_subscription_change_decided,
		'commerce.exported': m.audit_commerce_exported,
		'license.assigned': m.audit_license_assigned,
		'license.unassigned': m.audit_license_unassigned,
		'customer.user_added': m.audit_customer_user_added,
		'customer.user_updated': m.audit_customer_user_updated,
		'partner_relationship.accepted': m.audit_partner_relationship_accepted,
		'partner_relationship.roles_removed': m.audit_partner_relationship_roles_removed,
		'partner_relationship.ended': m.audit_partner_relationship_ended,
		'partner_relationship.ended_by_partner': m.audit_partner_relationship_ended_by_partner
	}[action]();
}

export function userStatusLabel(status: UserStatus): string {
	return { active: m.status_active, inactive: m.status_inactive }[status]();
}

/** The action a capability allows, to complete "You need the … role to …". */
export function capabilityLabel(capability: Capability): string {
	const labels: Record<Capability, () => string> = {
		view_customers: m.cap_view_customers,
		administer_customers: m.cap_administer_customers,
		request_customer_relationship: m.cap_request_customer_relationship,
		request_delegated_admin: m.cap_request_delegated_admin,
		manage_subscriptions: m.cap_manage_subscriptions,
		submit_orders: m.cap_submit_orders,
		customer_service_requests: m.cap_customer_service_requests,
		view_service_health: m.cap_view_service_health,
		manage_leads: m.cap_manage_leads,
		view_partner_profiles: m.cap_view_partner_profiles,
		manage_partnerships: m.cap_manage_partnerships,
		accept_provider_partnership: m.cap_accept_provider_partnership,
		partner_support_tickets: m.cap_partner_support_tickets,
		manage_users: m.cap_manage_users,
		reset_global_admin_password: m.cap_reset_global_admin_password,
		manage_enrollment: m.cap_manage_enrollment,
		view_account_settings: m.cap_view_account_settings,
		view_activity_log: m.cap_view_activity_log,
		manage_workspace_settings: m.cap_manage_workspace_settings,
		export_backup: m.cap_export_backup,
		delete_workspace: m.cap_delete_workspace
	};
	return labels[capability]();
}

export function enrollmentStateLabel(state: EnrollmentState): string {
	return {
		draft: m.enr_state_draft,
		email_sent: m.enr_state_email_sent,
		email_verified: m.enr_state_email_verified,
		under_review: m.enr_state_under_review,
		approved: m.enr_state_approved,
		rejected: m.enr_state_rejected
	}[state]();
}

export function regionLabel(region: CspRegion): string {
	return {
		africa: m.region_africa,
		asia_pacific: m.region_asia_pacific,
		australia: m.region_australia,
		brazil: m.region_brazil,
		canada: m.region_canada,
		china: m.region_china,
		europe: m.region_europe,
		india: m.region_india,
		japan: m.region_japan,
		korea: m.region_korea,
		latin_america: m.region_latin_america,
		middle_east_cee: m.region_middle_east_cee,
		new_zealand: m.region_new_zealand,
		taiwan: m.region_taiwan,
		united_states: m.region_united_states
	}[region]();
}

export function providerServiceLabel(service: ProviderService): string {
	return {
		technical_training_support: m.service_technical_training_support,
		marketing_help: m.service_marketing_help,
		credit_financing: m.service_credit_financing
	}[service]();
}

/** Why an envelope was dropped (Settings > Sync). */
export function dropReasonLabel(reason: import('$lib/domain/envelope').DropReason): string {
	return {
		malformed: m.drop_malformed,
		too_large: m.drop_too_large,
		wrong_channel: m.drop_wrong_channel,
		unknown_author: m.drop_unknown_author,
		bad_signature: m.drop_bad_signature,
		cannot_decrypt: m.drop_cannot_decrypt,
		replayed: m.drop_replayed,
		cannot_apply: m.drop_cannot_apply
	}[reason]();
}

/** Why a partner's record was quarantined (Settings > Sync). */
export function quarantineReasonLabel(
	reason: import('$lib/domain/shared-records').QuarantineReason
): string {
	return {
		unknown_collection: m.quarantine_unknown_collection,
		unknown_id: m.quarantine_unknown_id,
		not_allowed_author: m.quarantine_not_allowed_author,
		not_plain: m.quarantine_not_plain,
		forbidden_key: m.quarantine_forbidden_key,
		too_large: m.quarantine_too_large,
		too_deep: m.quarantine_too_deep,
		invalid: m.quarantine_invalid
	}[reason]();
}

/** The transports that carry envelopes between partners. */
export function syncTransportLabel(transport: 'same_browser' | 'relay' | 'file'): string {
	return {
		same_browser: m.sync_transport_same_browser,
		relay: m.sync_transport_relay,
		file: m.sync_transport_file
	}[transport]();
}
