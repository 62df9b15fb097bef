import type { EnrollmentApplicationInput } from '$lib/domain/enrollment';

/** The wizard's fields, flat, as typed; what the draft keeps (never a password). */
export const draftFields = [
	'pmcUserName',
	'mpnId',
	'legalName',
	'addressLine1',
	'addressLine2',
	'city',
	'state',
	'postalCode',
	'country',
	'contactFirstName',
	'contactLastName',
	'contactEmail',
	'contactPhone',
	'supportEmail',
	'supportPhone',
	'supportWebsite',
	'supportHours'
] as const;
export type DraftField = (typeof draftFields)[number];
export type Draft = Record<DraftField, string>;

export function draftFrom(stored: Record<string, unknown>, tenantCountry: string): Draft {
	const draft = Object.fromEntries(
		draftFields.map((field) => [field, typeof stored[field] === 'string' ? stored[field] : ''])
	) as Draft;
	draft.country ||= tenantCountry;
	return draft;
}

/** The application as the schema reads it. */
export function applicationFrom(draft: Draft): EnrollmentApplicationInput {
	return {
		mpnId: draft.mpnId,
		pmcUserName: draft.pmcUserName,
		organisation: {
			legalName: draft.legalName,
			address: {
				addressLine1: draft.addressLine1,
				addressLine2: draft.addressLine2,
				city: draft.city,
				state: draft.state,
				postalCode: draft.postalCode,
				country: draft.country
			}
		},
		primaryContact: {
			firstName: draft.contactFirstName,
			lastName: draft.contactLastName,
			email: draft.contactEmail,
			phone: draft.contactPhone
		},
		support: {
			email: draft.supportEmail,
			phone: draft.supportPhone,
			website: draft.supportWebsite,
			hours: draft.supportHours
		}
	};
}

/** Schema error paths → the wizard's field names. */
const pathToField: Record<string, DraftField> = {
	mpnId: 'mpnId',
	pmcUserName: 'pmcUserName',
	'organisation.legalName': 'legalName',
	'organisation.address.addressLine1': 'addressLine1',
	'organisation.address.addressLine2': 'addressLine2',
	'organisation.address.city': 'city',
	'organisation.address.state': 'state',
	'organisation.address.postalCode': 'postalCode',
	'organisation.address.country': 'country',
	'primaryContact.firstName': 'contactFirstName',
	'primaryContact.lastName': 'contactLastName',
	'primaryContact.email': 'contactEmail',
	'primaryContact.phone': 'contactPhone',
	'support.email': 'supportEmail',
	'support.phone': 'supportPhone',
	'support.website': 'supportWebsite',
	'support.hours': 'supportHours'
};

const fieldToPath = Object.fromEntries(
	Object.entries(pathToField).map(([path, field]) => [field, path])
) as Record<DraftField, string>;

/** The schema path of a wizard field, to find its error. */
export function pathOf(field: DraftField): string {
	return fieldToPath[field];
}
