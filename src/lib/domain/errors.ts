import type { Capability } from './permissions';

/**
 * Error codes. Each code is also the key of a message in messages/{en,fr}.json, so the UI shows
 * every domain or service error in the user's language without the domain knowing about i18n.
 */
export const errorCodes = [
	'err_required',
	'err_too_long',
	'err_email_invalid',
	'err_password_too_short',
	'err_password_is_email',
	'err_password_mismatch',
	'err_org_name_single_char',
	'err_org_name_only_symbols',
	'err_org_name_legal_form',
	'err_domain_prefix_format',
	'err_domain_taken',
	'err_country_unknown',
	'err_kind_unknown',
	'err_sign_in_failed',
	'err_sign_in_locked',
	'err_session_expired',
	'err_permission_denied',
	'err_confirm_name_mismatch',
	'err_idle_minutes_range',
	'err_passphrase_too_short',
	'err_backup_not_json',
	'err_backup_foreign',
	'err_backup_version',
	'err_backup_truncated',
	'err_backup_decrypt',
	'err_backup_content',
	'err_backup_workspace_exists',
	'err_storage_quota',
	'err_storage_closed',
	'err_storage_unknown',
	'err_workspace_not_found',
	'err_user_inactive',
	'err_role_unknown',
	'err_email_taken',
	'err_user_not_found',
	'err_password_unchanged',
	'err_current_password_wrong',
	'err_last_global_admin_demote',
	'err_last_global_admin_deactivate',
	'err_last_global_admin_delete',
	'err_only_global_admin_grants',
	'err_only_global_admin_resets',
	'err_cannot_remove_self',
	'err_password_change_required',
	'err_postal_code_format',
	'err_state_required',
	'err_state_unknown',
	'err_email_webmail',
	'err_phone_invalid',
	'err_url_invalid',
	'err_mpn_format',
	'err_mpn_inactive',
	'err_mpn_country_mismatch',
	'err_mpn_duplicate',
	'err_enrollment_transition',
	'err_enrollment_not_reseller',
	'err_pmc_not_linked',
	'err_mpn_not_found',
	'err_mpn_already_enrolled',
	'err_verification_invalid',
	'err_verification_used',
	'err_verification_expired',
	'err_verification_replaced',
	'err_enrollment_required',
	'err_partnership_provider_only',
	'err_invitation_invalid',
	'err_invitation_expired',
	'err_invitation_not_yet_valid',
	'err_invitation_not_found',
	'err_invitation_wrong_kind',
	'err_invitation_own',
	'err_invitation_used',
	'err_region_mismatch',
	'err_authorize_confirm',
	'err_partnership_state',
	'err_partnership_not_found',
	'err_relay_url_invalid',
	'err_changes_file_invalid',
	'err_changes_file_other_channel',
	'err_changes_file_nothing',
	'err_link_removed',
	'err_customer_domain_format',
	'err_tenant_id_format',
	'err_customer_phone_format',
	'err_culture_format',
	'err_language_format',
	'err_upn_format',
	'err_customer_not_found',
	'err_customer_request_reseller_only',
	'err_customer_request_provider_inactive',
	'err_customer_invitation_wrong_kind',
	'err_customer_market_mismatch',
	'err_customer_already_partner',
	'err_customer_not_shared',
	'err_customer_share_not_own',
	'err_customer_dap_required',
	'err_customer_user_exists',
	'err_relationship_ended',
	'err_upn_domain_mismatch',
	'err_import_encoding',
	'err_import_too_large',
	'err_import_too_many_rows',
	'err_import_empty',
	'err_import_format',
	'err_import_csv_malformed',
	'err_import_column_missing',
	'err_import_column_duplicate',
	'err_import_json_malformed',
	'err_import_json_shape',
	'err_import_row_columns',
	'err_import_row_unsafe',
	'err_import_duplicate_tenant',
	'err_import_tenant_mismatch',
	'err_import_relationship_unknown',
	'err_import_yes_no',
	'err_import_date_format',
	'err_import_preview_stale',
	'err_order_offer_unknown',
	'err_order_offer_country',
	'err_order_partner_is_provider',
	'err_order_reseller_unknown',
	'err_order_reseller_not_enrolled',
	'err_order_reseller_region',
	'err_order_no_relationship',
	'err_order_quantity_whole',
	'err_order_quantity_range',
	'err_order_billing_cycle',
	'err_order_term',
	'err_order_billing_term',
	'err_order_addon_needs_base',
	'err_order_trial_used',
	'err_subscription_not_active',
	'err_subscription_already_suspended',
	'err_subscription_not_suspended',
	'err_subscription_ended',
	'err_subscription_unchanged',
	'err_subscription_cancel_window',
	'err_subscription_trial',
	'err_license_usage_location_required',
	'err_license_not_enough',
	'err_license_suspended',
	'err_license_already_assigned',
	'err_license_user_inactive',
	'err_license_no_subscription',
	'err_license_not_assigned',
	'err_license_user_not_found',
	'err_order_customer_not_shared',
	'err_order_partnership_inactive',
	'err_order_provider_only',
	'err_subscription_not_found',
	'err_subscription_provider_only',
	'err_change_request_reseller_only',
	'err_change_request_pending',
	'err_change_request_not_found',
	'err_change_request_decided',
	'err_partners_only'
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export function isErrorCode(value: unknown): value is ErrorCode {
	return typeof value === 'string' && (errorCodes as readonly string[]).includes(value);
}

/** Field path (e.g. `admin.email`) → error code; what a form shows next to each field. */
export type FieldErrors = Record<string, ErrorCode>;

/** A refusal the user should read: a code (message key) and the values the message needs. */
export class DomainError extends Error {
	constructor(
		readonly code: ErrorCode,
		readonly params: Record<string, string | number> = {}
	) {
		super(code);
		this.name = 'DomainError';
	}
}

/** Input that broke a rule; `fields` says which field, so the form can show it next to it. */
export class ValidationError extends DomainError {
	constructor(readonly fields: FieldErrors) {
		super(Object.values(fields)[0] ?? 'err_required');
		this.name = 'ValidationError';
	}
}

/** The signed-in user lacks the capability; checked in services, whatever the UI shows. */
export class PermissionError extends DomainError {
	constructor(readonly capability: Capability) {
		super('err_permission_denied', { capability });
		this.name = 'PermissionError';
	}
}
