import { z } from 'zod';
import { customerUserRecordSchema, type CustomerUserRecord } from './customers';
import { licenseAssignmentId, type LicenseAssignment } from './licenses';

/**
 * A customer's directory as its reseller administers it (with the delegated admin privileges the
 * customer granted), passed on to the customer through their channel: one record per user, with
 * the licences the user holds. The customer reads it (its **Licenses** page); only the reseller
 * states it, as Partner Center's admin-on-behalf-of acts in the customer's tenant.
 */

const timestamp = z.number().int().nonnegative().max(8.64e15);

export const directoryLicenseSchema = z.strictObject({
	productId: z.string().regex(/^[A-Z0-9]{12}$/),
	assignedAt: timestamp,
	assignedBy: z.string().min(1).max(256)
});

/**
 * Collection `customerUsers` of the reseller's feed of a customer channel (id = `id`): the
 * reseller's row of the user without its own key, and the licences the user holds.
 */
export const directoryUserSchema = customerUserRecordSchema.omit({ customerKey: true }).extend({
	/** one per product; a product appears once */
	licenses: z
		.array(directoryLicenseSchema)
		.max(200)
		.refine((licenses) => new Set(licenses.map((l) => l.productId)).size === licenses.length, {
			error: 'duplicate product'
		})
});
export type DirectoryUser = z.output<typeof directoryUserSchema>;

/** Reseller side: what it tells the customer about one of the customer's users. */
export function directoryUserOf(
	user: CustomerUserRecord,
	assignments: readonly LicenseAssignment[]
): DirectoryUser {
	const { id, firstName, lastName, displayName, userPrincipalName, usageLocation, state } = user;
	return {
		id,
		firstName,
		lastName,
		displayName,
		userPrincipalName,
		usageLocation,
		state,
		licenses: assignments
			.filter((assignment) => assignment.userId === user.id)
			.map(({ productId, assignedAt, assignedBy }) => ({ productId, assignedAt, assignedBy }))
			.sort((a, b) => a.productId.localeCompare(b.productId)),
		createdAt: user.createdAt,
		updatedAt: user.updatedAt
	};
}

/** Customer side: the rows a directory record becomes, under the customer's own key. */
export function directoryRows(
	customerKey: string,
	record: DirectoryUser
): { user: CustomerUserRecord; assignments: LicenseAssignment[] } {
	const { licenses, ...user } = record;
	return {
		user: { ...user, customerKey },
		assignments: licenses.map((license) => ({
			id: licenseAssignmentId(customerKey, record.id, license.productId),
			customerKey,
			userId: record.id,
			...license
		}))
	};
}
