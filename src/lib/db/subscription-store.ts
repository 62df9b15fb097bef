import type {
	SubscriptionRow,
	SubscriptionTotal,
	TotalDimension
} from '$lib/domain/commerce-records';
import type { WorkspaceDB } from './workspace-db';

/**
 * The one way subscriptions are written: the rows, and in the same transaction the running
 * totals the Dashboard reads (`subscriptionTotals`). Only active subscriptions count; seats are
 * quantities of licence-based ones. Call it inside a `rw` transaction over `subscriptions` and
 * `subscriptionTotals`. Costs one `bulkGet` of the rows it replaces and of the totals they touch.
 */
export async function writeSubscriptions(
	db: WorkspaceDB,
	puts: readonly SubscriptionRow[],
	deleteKeys: readonly string[] = []
): Promise<void> {
	if (puts.length === 0 && deleteKeys.length === 0) return;
	const keys = [...puts.map((row) => row.key), ...deleteKeys];
	const before = await db.subscriptions.bulkGet(keys);
	const deltas = new Map<string, SubscriptionTotal>();
	for (const row of before) if (row) count(deltas, row, -1);
	for (const row of puts) count(deltas, row, 1);
	if (puts.length) await db.subscriptions.bulkPut([...puts]);
	if (deleteKeys.length) await db.subscriptions.bulkDelete([...deleteKeys]);

	const changed = [...deltas.values()].filter((delta) => delta.subscriptions || delta.seats);
	if (changed.length === 0) return;
	const current = await db.subscriptionTotals.bulkGet(changed.map((delta) => delta.key));
	const keep: SubscriptionTotal[] = [];
	const drop: string[] = [];
	changed.forEach((delta, i) => {
		const row = current[i];
		const subscriptions = Math.max(0, (row?.subscriptions ?? 0) + delta.subscriptions);
		const seats = Math.max(0, (row?.seats ?? 0) + delta.seats);
		if (subscriptions === 0 && seats === 0) drop.push(delta.key);
		else keep.push({ ...delta, name: delta.name || row?.name || '', subscriptions, seats });
	});
	if (keep.length) await db.subscriptionTotals.bulkPut(keep);
	if (drop.length) await db.subscriptionTotals.bulkDelete(drop);
}

function count(deltas: Map<string, SubscriptionTotal>, row: SubscriptionRow, sign: 1 | -1): void {
	const seats = row.record.unitType === 'Licenses' ? row.record.quantity : 0;
	const add = (dimension: TotalDimension, id: string, name = '') => {
		const key = `${dimension}:${id}`;
		let delta = deltas.get(key);
		if (!delta) {
			delta = { key, dimension, id, name, subscriptions: 0, seats: 0 };
			deltas.set(key, delta);
		}
		delta.subscriptions += sign;
		delta.seats += sign * seats;
		if (name && sign > 0) delta.name = name;
	};
	add('status', row.status);
	if (row.status !== 'active') return;
	add('all', '');
	add('offer', row.offerId, row.record.offerName);
	add('customer', row.customerKey);
	add('channel', row.channelId, row.sellers?.reseller ?? '');
	if (row.sellers) add('provider', row.sellers.provider, row.sellers.provider);
}

/**
 * The `status` totals recounted from the rows (schema v6 upgrade: totals written before then
 * counted active subscriptions only). Reads the table once, in the upgrade's transaction.
 */
export async function statusTotalsOf(rows: {
	each(visit: (row: SubscriptionRow) => void): Promise<unknown>;
}): Promise<SubscriptionTotal[]> {
	const deltas = new Map<string, SubscriptionTotal>();
	await rows.each((row) => {
		const seats = row.record.unitType === 'Licenses' ? row.record.quantity : 0;
		const key = `status:${row.status}`;
		const delta = deltas.get(key) ?? {
			key,
			dimension: 'status' as const,
			id: row.status,
			name: '',
			subscriptions: 0,
			seats: 0
		};
		delta.subscriptions += 1;
		delta.seats += seats;
		deltas.set(key, delta);
	});
	return [...deltas.values()];
}
