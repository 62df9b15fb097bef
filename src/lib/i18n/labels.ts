import { m } from '$lib/paraglide/messages.js';
import type { AuditAction } from '$lib/domain/audit';
import type { AdminRole, AgentRole, WorkspaceKind } from '$lib/domain/roles';

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
		'user.session_expired': m.audit_user_session_expired
	}[action]();
}
