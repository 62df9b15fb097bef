import { describe, expect, it } from 'vitest';
import type { CustomerUserRecord } from './customers';
import { directoryRows, directoryUserOf, directoryUserSchema } from './customer-directory';
import { licenseAssignmentId, type LicenseAssignment } from './licenses';

const T = Date.UTC(2025, 3, 1, 9, 0);
const TENANT = '6b29fc40-ca47-4d5a-8c3e-54b1d3a6f0e2';

const user: CustomerUserRecord = {
	id: '0f8fad5b-d9cb-469f-a165-70867728950e',
	customerKey: TENANT,
	firstName: 'Léa',
	lastName: 'Martin',
	displayName: 'Léa Martin',
	userPrincipalName: 'lea@contoso.fr',
	usageLocation: 'FR',
	state: 'active',
	createdAt: T,
	updatedAt: T
};

function assignment(userId: string, productId: string): LicenseAssignment {
	return {
		id: licenseAssignmentId(TENANT, userId, productId),
		customerKey: TENANT,
		userId,
		productId,
		assignedAt: T,
		assignedBy: 'Ana Lopez'
	};
}

describe('the customer directory record', () => {
	it('carries the user and only the licences that user holds, and becomes the customer’s rows', () => {
		const record = directoryUserOf(user, [
			assignment(user.id, 'CFQ7TTC0LH18'),
			assignment('7c9e6679-7425-40de-944b-e07fc1f90ae7', 'CFQ7TTC0LH16'),
			assignment(user.id, 'CFQ7TTC0LDPB')
		]);
		expect(directoryUserSchema.parse(record)).toEqual(record);
		expect(record.licenses.map((license) => license.productId)).toEqual([
			'CFQ7TTC0LDPB',
			'CFQ7TTC0LH18'
		]);
		expect(record).not.toHaveProperty('customerKey');

		const rows = directoryRows('self', record);
		expect(rows.user).toEqual({ ...user, customerKey: 'self' });
		expect(rows.assignments).toEqual([
			{
				...assignment(user.id, 'CFQ7TTC0LDPB'),
				customerKey: 'self',
				id: `self:${user.id}:CFQ7TTC0LDPB`
			},
			{
				...assignment(user.id, 'CFQ7TTC0LH18'),
				customerKey: 'self',
				id: `self:${user.id}:CFQ7TTC0LH18`
			}
		]);
	});

	it('refuses unknown fields, a product twice, and a malformed user', () => {
		const record = directoryUserOf(user, [assignment(user.id, 'CFQ7TTC0LH18')]);
		expect(directoryUserSchema.safeParse({ ...record, customerKey: TENANT }).success).toBe(false);
		expect(directoryUserSchema.safeParse({ ...record, isAdmin: true }).success).toBe(false);
		expect(
			directoryUserSchema.safeParse({
				...record,
				licenses: [...record.licenses, ...record.licenses]
			}).success
		).toBe(false);
		expect(directoryUserSchema.safeParse({ ...record, usageLocation: 'France' }).success).toBe(
			false
		);
		expect(
			directoryUserSchema.safeParse({
				...record,
				licenses: [{ productId: 'lowercase', assignedAt: T, assignedBy: 'x' }]
			}).success
		).toBe(false);
	});
});
