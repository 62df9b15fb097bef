import { z } from 'zod';
import type { UnitType } from './catalog';
import { DomainError } from './errors';

/**
 * Licences (DOMAIN.md "CustomerUser"): a customer's subscriptions buy seats of a product; users
 * get them one product at a time. Counted per product, not per subscription, because a tenant
 * sees one pool per product (Partner Center's subscribed SKU: `totalUnits`, `consumedUnits`,
 * `availableUnits`) however many subscriptions fill it: a trial and a paid offer of the same
 * product, or two subscriptions bought from different partners.
 */

/** What licence arithmetic reads of a subscription (the subscription record has more). */
export interface LicensedSubscription {
	id: string;
	offerId: string;
	productId: string;
	offerName: string;
	quantity: number;
	status: 'active' | 'suspended' | 'deleted' | 'expired' | 'pending' | 'disabled';
	unitType: UnitType;
}

/** One user holds one licence of one product. */
export interface LicenseAssignmentKey {
	userId: string;
	productId: string;
}

export interface ProductLicenses {
	productId: string;
	name: string;
	/** seats of the product's active subscriptions: what users may hold */
	total: number;
	/** seats of its suspended subscriptions: bought but unusable until reactivated */
	suspended: number;
	/** users holding a licence of the product */
	assigned: number;
	available: number;
	/** more users hold it than there are seats: seats were removed or a subscription ended */
	overAssigned: boolean;
}

/** The key of an assignment row: a user has a product's licence at most once. */
export function licenseAssignmentId(customerKey: string, userId: string, productId: string) {
	return `${customerKey}:${userId}:${productId}`;
}

/**
 * Licences per product, sorted by name. Only seat-counted subscriptions count (an Azure plan
 * is metered, not licensed); deleted, expired, disabled and still-pending ones add nothing. A
 * product appears while it has active or suspended seats or anyone holds it, so licences left
 * on users after a cancellation show up as over-assigned rather than vanish.
 */
export function licenseSummary(
	subscriptions: readonly LicensedSubscription[],
	assignments: readonly LicenseAssignmentKey[]
): ProductLicenses[] {
	const seated = subscriptions.filter((sub) => sub.unitType === 'Licenses');
	const holders = new Map<string, Set<string>>();
	for (const { productId, userId } of assignments) {
		const users = holders.get(productId) ?? new Set<string>();
		users.add(userId);
		holders.set(productId, users);
	}
	const productIds = new Set([
		...seated
			.filter((sub) => sub.status === 'active' || sub.status === 'suspended')
			.map((sub) => sub.productId),
		...holders.keys()
	]);
	const rows = [...productIds].map((productId): ProductLicenses => {
		const own = seated.filter((sub) => sub.productId === productId);
		const seats = (status: LicensedSubscription['status']) =>
			own.filter((sub) => sub.status === status).reduce((sum, sub) => sum + sub.quantity, 0);
		const total = seats('active');
		const assigned = holders.get(productId)?.size ?? 0;
		return {
			productId,
			name: productName(productId, own.length > 0 ? own : subscriptions),
			total,
			suspended: seats('suspended'),
			assigned,
			available: Math.max(0, total - assigned),
			overAssigned: assigned > total
		};
	});
	return rows.sort(
		(a, b) => a.name.localeCompare(b.name, 'en') || (a.productId < b.productId ? -1 : 1)
	);
}

/**
 * A product's name from its subscriptions: the alphabetically first offer name among those that
 * count (then any), which is the paid offer's when a trial of it runs alongside ("Microsoft 365
 * Business Premium" sorts before "… Trial"). The product id when no subscription names it.
 */
function productName(productId: string, subscriptions: readonly LicensedSubscription[]): string {
	const own = subscriptions.filter((sub) => sub.productId === productId);
	const counting = own.filter((sub) => sub.status === 'active' || sub.status === 'suspended');
	const names = (counting.length > 0 ? counting : own).map((sub) => sub.offerName).sort();
	return names[0] ?? productId;
}

export interface AssignCheck {
	user: { usageLocation?: string | null; state: 'active' | 'inactive' };
	productId: string;
	summary: readonly ProductLicenses[];
	/** whether the user already holds the product's licence */
	alreadyAssigned: boolean;
	/** shown in messages when the summary has no row for the product */
	productName?: string;
}

/**
 * Refuses what Partner Center refuses when a licence is assigned: an inactive user, a user who
 * already has it, a user without a usage location (licensed services depend on where the user
 * works), a product the customer has no seats of, only suspended seats, or no free seat (60012).
 */
export function checkAssign({
	user,
	productId,
	summary,
	alreadyAssigned,
	productName: fallbackName
}: AssignCheck): void {
	const row = summary.find((entry) => entry.productId === productId);
	const product = row?.name ?? fallbackName ?? productId;
	if (user.state !== 'active') throw new DomainError('err_license_user_inactive');
	if (alreadyAssigned) throw new DomainError('err_license_already_assigned', { product });
	if (!user.usageLocation?.trim()) throw new DomainError('err_license_usage_location_required');
	if (!row || (row.total === 0 && row.suspended === 0))
		throw new DomainError('err_license_no_subscription', { product });
	if (row.total === 0) throw new DomainError('err_license_suspended', { product });
	if (row.available === 0) {
		throw new DomainError('err_license_not_enough', {
			product,
			total: row.total,
			assigned: row.assigned
		});
	}
}

export interface UnassignCheck {
	productId: string;
	summary: readonly ProductLicenses[];
	alreadyAssigned: boolean;
	productName?: string;
}

/**
 * A licence can always be taken back, even from an inactive user or of a suspended or
 * over-assigned product (that is how an administrator gets back under the seat count); only a
 * licence the user does not hold is refused.
 */
export function checkUnassign({
	productId,
	summary,
	alreadyAssigned,
	productName: fallbackName
}: UnassignCheck): void {
	if (alreadyAssigned) return;
	const product =
		summary.find((entry) => entry.productId === productId)?.name ?? fallbackName ?? productId;
	throw new DomainError('err_license_not_assigned', { product });
}

const timestamp = z.number().int().nonnegative().max(8.64e15);

/**
 * A licence held by a customer user: local data of the reseller or the customer (whoever
 * manages the tenant's users), keyed so a user holds a product once.
 */
export const licenseAssignmentSchema = z
	.strictObject({
		/** `${customerKey}:${userId}:${productId}` */
		id: z.string().min(1).max(200),
		/** the customer row's key */
		customerKey: z.string().min(1).max(100),
		/** the customer user's id */
		userId: z.uuid(),
		productId: z.string().regex(/^[A-Z0-9]{12}$/),
		assignedAt: timestamp,
		/** display name of who assigned it */
		assignedBy: z.string().min(1).max(256)
	})
	.refine((row) => row.id === licenseAssignmentId(row.customerKey, row.userId, row.productId), {
		path: ['id'],
		message: 'id is not customerKey:userId:productId'
	});
export type LicenseAssignment = z.infer<typeof licenseAssignmentSchema>;
