import type { CustomerUserRecord } from '$lib/db/records';
import type { WorkspaceDB } from '$lib/db/workspace-db';
import { offerCatalog } from '$lib/domain/catalog-data';
import type { SubscriptionRow } from '$lib/domain/commerce-records';
import { DomainError } from '$lib/domain/errors';
import {
	checkAssign,
	checkUnassign,
	licenseAssignmentId,
	licenseSummary,
	type LicenseAssignment,
	type LicensedSubscription,
	type ProductLicenses
} from '$lib/domain/licenses';
import { authorize, type SessionRef } from './actor';
import { auditEntry } from './audit';
import { administeredCustomer, customerUsersOf } from './customer-users';
import { announceFeedChange } from '$lib/sync/feed-signal';
import { SELF_CUSTOMER_KEY } from '$lib/sync/table-projection';
import { directoryTables, passOnDirectory } from './customer-directory';
import { withStorageErrors } from './storage';

/**
 * A customer's licences (Customers > expand > Licenses): the seats its subscriptions bought, per
 * product, and which of its users hold them. Assignments are the reseller's local data; the
 * subscriptions are what its providers' feeds say (projected rows, customerKey = tenant id).
 * Assigning and unassigning act in the customer's tenant, so they need what managing its users
 * needs: an admin role and the customer's delegated admin privileges.
 */

export interface CustomerProductLicenses extends ProductLicenses {
	/** ids of the customer users holding the product, in no particular order */
	holderIds: string[];
}

/** What licence arithmetic reads of a subscription row. */
function licensed(row: SubscriptionRow): LicensedSubscription {
	const { id, offerId, productId, offerName, quantity, status, unitType } = row.record;
	return { id, offerId, productId, offerName, quantity, status, unitType };
}

async function summaryOf(db: WorkspaceDB, customerKey: string) {
	const [subscriptions, assignments] = await Promise.all([
		db.subscriptions.where('customerKey').equals(customerKey).toArray(),
		db.licenseAssignments.where('customerKey').equals(customerKey).toArray()
	]);
	return { summary: licenseSummary(subscriptions.map(licensed), assignments), assignments };
}

/** Per product (by name): seats, assigned, available, and who holds it. Reads only. */
export async function customerLicenses(
	db: WorkspaceDB,
	customerKey: string
): Promise<CustomerProductLicenses[]> {
	const { summary, assignments } = await summaryOf(db, customerKey);
	return summary.map((product) => ({
		...product,
		holderIds: assignments
			.filter((assignment) => assignment.productId === product.productId)
			.map((assignment) => assignment.userId)
	}));
}

export interface OwnLicenses {
	products: CustomerProductLicenses[];
	users: CustomerUserRecord[];
}

/**
 * Customer side (**Licenses**): its licences per product, across every reseller, and its users
 * as its resellers administer them (passed on by services/customer-directory.ts). Reads only.
 */
export async function ownLicenses(db: WorkspaceDB): Promise<OwnLicenses> {
	const [products, users] = await Promise.all([
		customerLicenses(db, SELF_CUSTOMER_KEY),
		customerUsersOf(db, SELF_CUSTOMER_KEY)
	]);
	return { products, users };
}

/** User id → names of the products the user holds (as `customerLicenses` orders them). */
export function productsByUser(
	products: readonly CustomerProductLicenses[]
): Map<string, string[]> {
	const byUser = new Map<string, string[]>();
	for (const product of products) {
		for (const userId of product.holderIds) {
			byUser.set(userId, [...(byUser.get(userId) ?? []), product.name]);
		}
	}
	return byUser;
}

/** The product's name when no subscription of the customer names it. */
function catalogName(productId: string): string | undefined {
	const offers = offerCatalog.filter((offer) => offer.productId === productId);
	return (offers.find((offer) => !offer.isTrial) ?? offers[0])?.name;
}

/** **Assign** a product's licence to one of the customer's users. */
export async function assignLicense(
	session: SessionRef,
	customerKey: string,
	userId: string,
	productId: string,
	now = Date.now()
): Promise<LicenseAssignment> {
	return (await changeLicense(session, 'assign', customerKey, userId, productId, now))!;
}

/** **Unassign**: takes a product's licence back from a user (always allowed if held). */
export async function unassignLicense(
	session: SessionRef,
	customerKey: string,
	userId: string,
	productId: string,
	now = Date.now()
): Promise<void> {
	await changeLicense(session, 'unassign', customerKey, userId, productId, now);
}

/**
 * Both commands in one transaction: the customer's delegated admin, its user, the licence
 * arithmetic's check, the assignment row, the Activity log entry, and the user's record passed
 * on to the customer. Returns the new assignment when assigning.
 */
async function changeLicense(
	session: SessionRef,
	change: 'assign' | 'unassign',
	customerKey: string,
	userId: string,
	productId: string,
	now: number
): Promise<LicenseAssignment | null> {
	const { db, user: actor } = await authorize(session, 'administer_customers');
	let shared: string | null = null;
	const done = await withStorageErrors(() =>
		db.transaction(
			'rw',
			[db.customers, db.subscriptions, db.audit, ...directoryTables(db)],
			async () => {
				const customer = await administeredCustomer(db, customerKey);
				const user = await db.customerUsers.get(userId);
				if (!user || user.customerKey !== customerKey) {
					throw new DomainError('err_license_user_not_found');
				}
				const id = licenseAssignmentId(customerKey, userId, productId);
				const { summary } = await summaryOf(db, customerKey);
				const check = {
					productId,
					summary,
					alreadyAssigned: (await db.licenseAssignments.get(id)) !== undefined,
					productName: catalogName(productId)
				};
				let assignment: LicenseAssignment | null = null;
				if (change === 'assign') {
					checkAssign({ ...check, user });
					assignment = {
						id,
						customerKey,
						userId,
						productId,
						assignedAt: now,
						assignedBy: actor.fullName
					};
					await db.licenseAssignments.add(assignment);
				} else {
					checkUnassign(check);
					await db.licenseAssignments.delete(id);
				}
				const product = summary.find((entry) => entry.productId === productId);
				await db.audit.add(
					auditEntry(
						actor,
						change === 'assign' ? 'license.assigned' : 'license.unassigned',
						user.userPrincipalName,
						{ customer: customer.companyName, product: product?.name ?? productId },
						now
					)
				);
				shared = await passOnDirectory(db, customer, [userId], now);
				return assignment;
			}
		)
	);
	if (shared) announceFeedChange(session.workspaceId, shared);
	return done;
}
