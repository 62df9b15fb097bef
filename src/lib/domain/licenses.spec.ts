import { describe, expect, it } from 'vitest';
import { DomainError, type ErrorCode } from './errors';
import {
	checkAssign,
	checkUnassign,
	licenseAssignmentId,
	licenseAssignmentSchema,
	licenseSummary,
	type AssignCheck,
	type LicensedSubscription,
	type LicenseAssignmentKey,
	type ProductLicenses
} from './licenses';

const PREMIUM = 'CFQ7TTC0LCHC';
const E3 = 'CFQ7TTC0LFLX';
const POWER_BI = 'CFQ7TTC0L3PB';
const AZURE = 'DZH318Z0BPS6';
const USER = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';

let counter = 0;
function sub(
	productId: string,
	quantity: number,
	status: LicensedSubscription['status'] = 'active',
	extra: Partial<LicensedSubscription> = {}
): LicensedSubscription {
	const names: Record<string, string> = {
		[PREMIUM]: 'Microsoft 365 Business Premium',
		[E3]: 'Microsoft 365 E3',
		[POWER_BI]: 'Power BI Pro',
		[AZURE]: 'Azure plan'
	};
	counter += 1;
	return {
		id: counter.toString(16).padStart(32, '0'),
		offerId: `${productId}:0001`,
		productId,
		offerName: names[productId] ?? productId,
		quantity,
		status,
		unitType: productId === AZURE ? 'Usage-based' : 'Licenses',
		...extra
	};
}

/** `n` users holding `productId`. */
function holders(productId: string, n: number, from = 0): LicenseAssignmentKey[] {
	return Array.from({ length: n }, (_, i) => ({ userId: `user-${from + i}`, productId }));
}

function rowOf(rows: ProductLicenses[], productId: string) {
	const row = rows.find((entry) => entry.productId === productId);
	if (!row) throw new Error(`no row for ${productId}`);
	return row;
}

describe('licenseSummary', () => {
	it('adds active seats per product, counts holders and sorts by name', () => {
		const rows = licenseSummary(
			[sub(POWER_BI, 5), sub(E3, 10), sub(E3, 15), sub(PREMIUM, 3)],
			[...holders(E3, 7), ...holders(POWER_BI, 5), ...holders(PREMIUM, 1)]
		);
		expect(rows).toEqual([
			{
				productId: PREMIUM,
				name: 'Microsoft 365 Business Premium',
				total: 3,
				suspended: 0,
				assigned: 1,
				available: 2,
				overAssigned: false
			},
			{
				productId: E3,
				name: 'Microsoft 365 E3',
				total: 25,
				suspended: 0,
				assigned: 7,
				available: 18,
				overAssigned: false
			},
			{
				productId: POWER_BI,
				name: 'Power BI Pro',
				total: 5,
				suspended: 0,
				assigned: 5,
				available: 0,
				overAssigned: false
			}
		]);
	});

	it('counts each status for what it is worth', () => {
		const rows = licenseSummary(
			[
				sub(E3, 10, 'active'),
				sub(E3, 4, 'suspended'),
				sub(E3, 100, 'deleted'),
				sub(E3, 200, 'expired'),
				sub(E3, 300, 'pending'),
				sub(E3, 400, 'disabled')
			],
			holders(E3, 6)
		);
		expect(rowOf(rows, E3)).toMatchObject({ total: 10, suspended: 4, assigned: 6, available: 4 });
	});

	it('leaves out products with nothing to count and usage-based subscriptions', () => {
		const rows = licenseSummary(
			[
				sub(PREMIUM, 5, 'deleted'),
				sub(POWER_BI, 2, 'expired'),
				sub(E3, 1, 'pending'),
				sub(AZURE, 1)
			],
			[]
		);
		expect(rows).toEqual([]);
	});

	it('shows a product whose seats are all suspended, with nothing available', () => {
		const [row] = licenseSummary([sub(PREMIUM, 8, 'suspended')], holders(PREMIUM, 3));
		expect(row).toMatchObject({
			productId: PREMIUM,
			total: 0,
			suspended: 8,
			assigned: 3,
			available: 0,
			overAssigned: true
		});
	});

	it('reports over-assignment after a quantity decrease, and not at the exact count', () => {
		const before = licenseSummary([sub(E3, 10)], holders(E3, 10));
		expect(rowOf(before, E3)).toMatchObject({ available: 0, overAssigned: false });
		const after = licenseSummary([sub(E3, 7)], holders(E3, 10));
		expect(rowOf(after, E3)).toMatchObject({
			total: 7,
			assigned: 10,
			available: 0,
			overAssigned: true
		});
	});

	it('keeps a product held by users after its only subscription ended', () => {
		const rows = licenseSummary([sub(POWER_BI, 5, 'deleted')], holders(POWER_BI, 2));
		expect(rows).toEqual([
			{
				productId: POWER_BI,
				name: 'Power BI Pro',
				total: 0,
				suspended: 0,
				assigned: 2,
				available: 0,
				overAssigned: true
			}
		]);
		// no subscription at all names it: the product id stands in
		expect(licenseSummary([], holders(E3, 1))[0]?.name).toBe(E3);
	});

	it('counts a user once per product even if listed twice', () => {
		const twice = [...holders(E3, 2), ...holders(E3, 2)];
		expect(rowOf(licenseSummary([sub(E3, 3)], twice), E3)).toMatchObject({
			assigned: 2,
			available: 1
		});
	});

	it('names a product after its paid offer when a trial of it runs too', () => {
		const trial = sub(PREMIUM, 25, 'active', {
			offerId: `${PREMIUM}:0007`,
			offerName: 'Microsoft 365 Business Premium Trial'
		});
		for (const subs of [
			[trial, sub(PREMIUM, 5)],
			[sub(PREMIUM, 5), trial]
		]) {
			const [row] = licenseSummary(subs, []);
			expect(row).toMatchObject({ name: 'Microsoft 365 Business Premium', total: 30 });
		}
		// an ended paid offer does not lend its name while a trial counts
		const [row] = licenseSummary(
			[trial, sub(PREMIUM, 5, 'deleted', { offerName: 'A deleted name' })],
			[]
		);
		expect(row?.name).toBe('Microsoft 365 Business Premium Trial');
	});

	it('never reports negative availability, whatever the mix (property check)', () => {
		const statuses: LicensedSubscription['status'][] = [
			'active',
			'suspended',
			'deleted',
			'expired',
			'pending',
			'disabled'
		];
		let seed = 7;
		const next = (n: number) => {
			seed = (seed * 1103515245 + 12345) % 2147483648;
			return seed % n;
		};
		for (let round = 0; round < 200; round++) {
			const subs = Array.from({ length: next(5) }, () =>
				sub(E3, 1 + next(20), statuses[next(statuses.length)])
			);
			const assigned = next(40);
			const rows = licenseSummary(subs, holders(E3, assigned));
			const active = subs.filter((s) => s.status === 'active').reduce((n, s) => n + s.quantity, 0);
			const suspended = subs
				.filter((s) => s.status === 'suspended')
				.reduce((n, s) => n + s.quantity, 0);
			if (active === 0 && suspended === 0 && assigned === 0) {
				expect(rows).toEqual([]);
				continue;
			}
			const row = rowOf(rows, E3);
			expect(row.total).toBe(active);
			expect(row.suspended).toBe(suspended);
			expect(row.available).toBe(Math.max(0, active - assigned));
			expect(row.overAssigned).toBe(assigned > active);
			expect(row.available + Math.min(row.assigned, row.total)).toBe(row.total);
		}
	});
});

describe('checkAssign', () => {
	const activeUser = { usageLocation: 'FR', state: 'active' as const };

	function refusal(check: Partial<AssignCheck>): { code: ErrorCode; params: object } | null {
		try {
			checkAssign({
				user: activeUser,
				productId: E3,
				summary: licenseSummary([sub(E3, 2)], holders(E3, 1)),
				alreadyAssigned: false,
				...check
			});
			return null;
		} catch (error) {
			if (!(error instanceof DomainError)) throw error;
			return { code: error.code, params: error.params };
		}
	}

	it('lets an active user with a usage location take a free licence', () => {
		expect(refusal({})).toBeNull();
	});

	it('allows assigning the last licence, then refuses the next (60012)', () => {
		const oneLeft = licenseSummary([sub(E3, 5)], holders(E3, 4));
		expect(rowOf(oneLeft, E3).available).toBe(1);
		expect(refusal({ summary: oneLeft })).toBeNull();
		const none = licenseSummary([sub(E3, 5)], holders(E3, 5));
		expect(refusal({ summary: none })).toEqual({
			code: 'err_license_not_enough',
			params: { product: 'Microsoft 365 E3', total: 5, assigned: 5 }
		});
	});

	it('refuses when the product is over-assigned', () => {
		const over = licenseSummary([sub(E3, 3)], holders(E3, 5));
		expect(refusal({ summary: over })?.code).toBe('err_license_not_enough');
	});

	it('refuses when the free seats are only suspended ones', () => {
		const mixed = licenseSummary([sub(E3, 2), sub(E3, 10, 'suspended')], holders(E3, 2));
		expect(refusal({ summary: mixed })?.code).toBe('err_license_not_enough');
	});

	it('says the licences are unavailable when every subscription of the product is suspended', () => {
		const suspended = licenseSummary([sub(E3, 10, 'suspended')], []);
		expect(refusal({ summary: suspended })).toEqual({
			code: 'err_license_suspended',
			params: { product: 'Microsoft 365 E3' }
		});
	});

	it('refuses a product without a subscription that counts', () => {
		expect(refusal({ summary: [] })).toEqual({
			code: 'err_license_no_subscription',
			params: { product: E3 }
		});
		expect(refusal({ summary: [], productName: 'Microsoft 365 E3' })?.params).toEqual({
			product: 'Microsoft 365 E3'
		});
		// ended, with users still holding it
		const ended = licenseSummary([sub(E3, 5, 'deleted')], holders(E3, 1));
		expect(refusal({ summary: ended })?.code).toBe('err_license_no_subscription');
		// another product's seats are no use
		const other = licenseSummary([sub(POWER_BI, 5)], []);
		expect(refusal({ summary: other })?.code).toBe('err_license_no_subscription');
	});

	it.each([
		[undefined, 'err_license_usage_location_required'],
		[null, 'err_license_usage_location_required'],
		['', 'err_license_usage_location_required'],
		['  ', 'err_license_usage_location_required'],
		['US', null]
	] as const)('usage location %j → %s', (usageLocation, code) => {
		expect(refusal({ user: { usageLocation, state: 'active' } })?.code ?? null).toBe(code);
	});

	it('refuses an inactive user, even with free licences', () => {
		expect(refusal({ user: { usageLocation: 'FR', state: 'inactive' } })?.code).toBe(
			'err_license_user_inactive'
		);
	});

	it('refuses a licence the user already holds, even with free ones', () => {
		expect(refusal({ alreadyAssigned: true })).toEqual({
			code: 'err_license_already_assigned',
			params: { product: 'Microsoft 365 E3' }
		});
	});

	it('tells the user what to fix first: the user, then the product', () => {
		const suspended = licenseSummary([sub(E3, 10, 'suspended')], []);
		expect(
			refusal({ user: { usageLocation: null, state: 'inactive' }, summary: suspended })?.code
		).toBe('err_license_user_inactive');
		expect(
			refusal({ user: { usageLocation: null, state: 'active' }, summary: suspended })?.code
		).toBe('err_license_usage_location_required');
	});
});

describe('checkUnassign', () => {
	const summary = licenseSummary([sub(E3, 1, 'suspended')], holders(E3, 3));

	it('takes back a held licence, even of a suspended, over-assigned product', () => {
		expect(() => checkUnassign({ productId: E3, summary, alreadyAssigned: true })).not.toThrow();
	});

	it('refuses a licence the user does not hold', () => {
		const attempt = () => checkUnassign({ productId: E3, summary, alreadyAssigned: false });
		expect(attempt).toThrow(DomainError);
		expect(attempt).toThrow('err_license_not_assigned');
		expect(() =>
			checkUnassign({
				productId: POWER_BI,
				summary,
				alreadyAssigned: false,
				productName: 'Power BI Pro'
			})
		).toThrow(expect.objectContaining({ params: { product: 'Power BI Pro' } }));
		expect(attempt).toThrow(expect.objectContaining({ params: { product: 'Microsoft 365 E3' } }));
	});
});

describe('licenseAssignmentSchema', () => {
	const row = {
		id: licenseAssignmentId('cust-1', USER, E3),
		customerKey: 'cust-1',
		userId: USER,
		productId: E3,
		assignedAt: 1_764_000_000_000,
		assignedBy: 'Ada Lovelace'
	};

	it('accepts a row keyed by customer, user and product', () => {
		expect(row.id).toBe(`cust-1:${USER}:${E3}`);
		expect(licenseAssignmentSchema.parse(row)).toEqual(row);
	});

	it.each([
		['an id that is not its key', { id: `cust-1:${USER}:${POWER_BI}` }, 'id'],
		['a user id that is not a uuid', { userId: 'user-1', id: `cust-1:user-1:${E3}` }, 'userId'],
		[
			'an offer id for a product',
			{ productId: `${E3}:0001`, id: `cust-1:${USER}:${E3}:0001` },
			'productId'
		],
		['a negative time', { assignedAt: -1 }, 'assignedAt'],
		['a fractional time', { assignedAt: 1.5 }, 'assignedAt'],
		['no assigner', { assignedBy: '' }, 'assignedBy'],
		['an empty customer key', { customerKey: '', id: `:${USER}:${E3}` }, 'customerKey'],
		['an unknown field', { note: 'x' }, undefined]
	])('refuses %s', (_label, change, path) => {
		const result = licenseAssignmentSchema.safeParse({ ...row, ...change });
		expect(result.success).toBe(false);
		if (path) expect(result.error?.issues.map((issue) => issue.path[0])).toContain(path);
	});
});
