import { m } from '$lib/paraglide/messages.js';
import type { FieldErrors } from '$lib/domain/errors';
import { errorText } from '$lib/i18n/errors';

/** What a rejected import row says, per field, in the UI language. */

const fieldLabels: Record<string, () => string> = {
	row: m.customer_import_field_row,
	tenantId: m.customer_import_field_tenant_id,
	companyName: m.customer_import_field_company_name,
	domain: m.customer_import_field_domain,
	country: m.customer_import_field_country,
	relationship: m.customer_import_field_relationship,
	delegatedAdmin: m.customer_import_field_delegated_admin,
	since: m.customer_import_field_since,
	addressLine1: m.customer_import_field_address_line1,
	addressLine2: m.customer_import_field_address_line2,
	city: m.customer_import_field_city,
	state: m.customer_import_field_state,
	postalCode: m.customer_import_field_postal_code,
	firstName: m.customer_import_field_first_name,
	lastName: m.customer_import_field_last_name,
	email: m.customer_import_field_email,
	phoneNumber: m.customer_import_field_phone,
	culture: m.customer_import_field_culture,
	language: m.customer_import_field_language,
	defaultAddress: m.customer_import_field_billing_address
};

const groupLabels: Record<string, () => string> = {
	address: m.customer_import_group_address,
	billingProfile: m.customer_import_group_billing,
	'billingProfile.defaultAddress': m.customer_import_group_billing_address
};

/** `address.postalCode` → "Address – Postal code"; an unknown path is shown as it is. */
export function fieldLabel(path: string): string {
	const dot = path.lastIndexOf('.');
	const group = dot < 0 ? '' : path.slice(0, dot);
	const leaf = path.slice(dot + 1);
	const field = Object.hasOwn(fieldLabels, leaf) ? fieldLabels[leaf]!() : leaf;
	if (!group) return field;
	const groupLabel = Object.hasOwn(groupLabels, group) ? groupLabels[group]!() : group;
	return m.customer_import_field_in_group({ group: groupLabel, field });
}

/** One line per wrong field: "Tenant ID: Enter the tenant ID as a GUID…". */
export function rowReasons(errors: FieldErrors | undefined): { field: string; text: string }[] {
	return Object.entries(errors ?? {}).map(([path, code]) => ({
		field: fieldLabel(path),
		text: errorText(code)
	}));
}
