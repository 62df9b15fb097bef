import Dexie from 'dexie';
import type { CustomerRecord } from '$lib/db/records';
import type { WorkspaceDB } from '$lib/db/workspace-db';
import { searchPrefixes } from '$lib/domain/customers';
import type { CustomerQuery, CustomerSort } from './customers';

/**
 * The Customers page's answers from memory. IndexedDB serves about 20,000 index entries a
 * second on a small machine, so any query that reads the whole order or a one-letter prefix
 * of 100,000 customers takes seconds, however it is indexed. The index reads the table once,
 * in chunks, keeping per customer only what the page sorts and filters on (about 200 bytes),
 * and then answers every search, sort and filter in a few milliseconds. Changes follow
 * Dexie's `storagemutated` (this tab and others): a few customers are re-read and patched in,
 * a bulk change re-reads the table while the old answers stay in use.
 *
 * The answers are exactly those of `customerKeys` (same matching, same order with ties broken
 * by key as IndexedDB does); a test holds them side by side.
 */

/** Rows read per IndexedDB request while building (each chunk is a short task). */
const CHUNK = 2_000;
/** More changed keys than this in one event, and the table is read again. */
const PATCH_LIMIT = 500;

interface Slot {
	key: string;
	nameKey: string;
	since: number;
	country: string;
	relationship: string;
	source: string;
	resellerChannelId: string | null;
	sharedWith: readonly string[];
	/** the search terms, each after a newline: a prefix of a term is a match of `\n` + prefix */
	haystack: string;
}

const noProviders: readonly string[] = Object.freeze([]);

/**
 * Each value read from IndexedDB is a fresh string: the few distinct countries, relationships,
 * channels and sets of providers are kept once (about 10 MB less at 100,000 customers).
 */
const strings = new Map<string, string>();
const providerSets = new Map<string, readonly string[]>();

function shared(value: string): string {
	let kept = strings.get(value);
	if (kept === undefined) {
		kept = value;
		strings.set(value, kept);
	}
	return kept;
}

function sharedSet(values: readonly string[]): readonly string[] {
	if (values.length === 0) return noProviders;
	const id = values.join(',');
	let kept = providerSets.get(id);
	if (!kept) {
		kept = Object.freeze(values.map(shared));
		providerSets.set(id, kept);
	}
	return kept;
}

function slotOf(row: CustomerRecord): Slot {
	return {
		key: row.key,
		nameKey: row.nameKey,
		since: row.since,
		country: shared(row.country),
		relationship: shared(row.relationship),
		source: shared(row.source),
		resellerChannelId: row.resellerChannelId === null ? null : shared(row.resellerChannelId),
		sharedWith: sharedSet(row.sharedWith),
		haystack: '\n' + row.searchTerms.join('\n')
	};
}

type Compare = (a: Slot, b: Slot) => number;

const byKey = (a: Slot, b: Slot) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
const compareBy: Record<CustomerSort, Compare> = {
	name: (a, b) => (a.nameKey < b.nameKey ? -1 : a.nameKey > b.nameKey ? 1 : byKey(a, b)),
	since: (a, b) => a.since - b.since || byKey(a, b),
	country: (a, b) => (a.country < b.country ? -1 : a.country > b.country ? 1 : byKey(a, b))
};

export type CustomerIndexState = 'building' | 'ready' | 'failed';

export class CustomerIndex {
	/** slot per customer key */
	#slots = new Map<string, Slot>();
	/** the slots in each sort's order, made when first asked for */
	#orders = new Map<CustomerSort, Slot[]>();
	#state: CustomerIndexState = 'building';
	#error: unknown = undefined;
	#listeners = new Set<() => void>();
	/** keys changed while a build reads the table (null: too many, read it again) */
	#changedDuringBuild: Set<string> | null = new Set();
	#building: Promise<void> | null = null;
	#rebuildAgain = false;
	#patching: Promise<void> = Promise.resolve();
	#closed = false;
	readonly #unlisten: () => void;

	constructor(private readonly db: WorkspaceDB) {
		const part = `idb://${db.name}/customers/`;
		const listener = (parts: Record<string, unknown>) => {
			if (part in parts) this.#changed(parts[part]);
		};
		Dexie.on('storagemutated', listener);
		this.#unlisten = () => Dexie.on('storagemutated').unsubscribe(listener);
		this.#build();
	}

	get state(): CustomerIndexState {
		return this.#state;
	}

	get error(): unknown {
		return this.#error;
	}

	/** How many customers the workspace has (once built). */
	get size(): number {
		return this.#slots.size;
	}

	/** Resolves once the first build is done (rejects if it failed). */
	async whenReady(): Promise<void> {
		while (this.#building) await this.#building;
		if (this.#state === 'failed') throw this.#error;
	}

	/** Called after every change of the answers (built, rebuilt, patched). */
	subscribe(listener: () => void): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	/** The keys of the customers matching the query, in its order; [] until built. */
	keys(query: CustomerQuery = {}): string[] {
		const order = this.#order(query.sort ?? 'name');
		const prefixes = searchPrefixes(query.text ?? '').map((prefix) => '\n' + prefix);
		const { relationship, source, partnerChannelId } = query;
		const keys: string[] = [];
		for (const slot of order) {
			if (relationship && slot.relationship !== relationship) continue;
			if (source && slot.source !== source) continue;
			if (
				partnerChannelId &&
				slot.resellerChannelId !== partnerChannelId &&
				!slot.sharedWith.includes(partnerChannelId)
			) {
				continue;
			}
			if (prefixes.length && !prefixes.every((prefix) => slot.haystack.includes(prefix))) {
				continue;
			}
			keys.push(slot.key);
		}
		if (query.direction === 'desc') keys.reverse();
		return keys;
	}

	/** How many customers each partner channel stands for (reseller shared with, or shared by). */
	partnerCounts(): Map<string, number> {
		const counts = new Map<string, number>();
		const add = (id: string) => counts.set(id, (counts.get(id) ?? 0) + 1);
		for (const slot of this.#slots.values()) {
			if (slot.resellerChannelId) add(slot.resellerChannelId);
			for (const id of slot.sharedWith) add(id);
		}
		return counts;
	}

	/** Stops following the table. */
	close(): void {
		this.#closed = true;
		this.#unlisten();
		this.#listeners.clear();
	}

	#order(sort: CustomerSort): Slot[] {
		let order = this.#orders.get(sort);
		if (!order) {
			order = [...this.#slots.values()].sort(compareBy[sort]);
			this.#orders.set(sort, order);
		}
		return order;
	}

	#notify() {
		for (const listener of this.#listeners) listener();
	}

	#build() {
		if (this.#building) {
			this.#rebuildAgain = true;
			return;
		}
		this.#building = this.#read()
			.then((slots) => {
				if (this.#closed) return;
				this.#slots = slots;
				this.#orders.clear();
				this.#state = 'ready';
				this.#error = undefined;
			})
			.catch((error: unknown) => {
				// Keep answering from the last build, if there was one.
				if (this.#state !== 'ready') this.#state = 'failed';
				this.#error = error;
			})
			.finally(() => {
				this.#building = null;
				const changed = this.#changedDuringBuild;
				this.#changedDuringBuild = new Set();
				if (this.#closed) return;
				if (this.#rebuildAgain || changed === null) {
					this.#rebuildAgain = false;
					this.#build();
				} else if (changed.size) this.#patch([...changed]);
				this.#notify();
			});
	}

	/** The whole table in primary-key chunks, each its own short read. */
	async #read(): Promise<Map<string, Slot>> {
		const slots = new Map<string, Slot>();
		let last: string | undefined;
		for (;;) {
			const rows: CustomerRecord[] = await Dexie.ignoreTransaction(() =>
				last === undefined
					? this.db.customers.limit(CHUNK).toArray()
					: this.db.customers.where(':id').above(last).limit(CHUNK).toArray()
			);
			for (const row of rows) slots.set(row.key, slotOf(row));
			if (rows.length < CHUNK || this.#closed) return slots;
			last = rows[rows.length - 1]!.key;
		}
	}

	/** `parts[...]` of a storagemutated event: a RangeSet of the changed primary keys. */
	#changed(ranges: unknown) {
		const keys = changedKeys(ranges);
		if (this.#building) {
			if (keys === null) this.#changedDuringBuild = null;
			else if (this.#changedDuringBuild) for (const key of keys) this.#changedDuringBuild.add(key);
			return;
		}
		if (keys === null) this.#build();
		else if (keys.length) this.#patch(keys);
	}

	/** Re-reads a few customers and puts them in place (or takes them out). */
	#patch(keys: string[]) {
		this.#patching = this.#patching.then(async () => {
			if (this.#closed || this.#building) {
				if (this.#building) for (const key of keys) this.#changedDuringBuild?.add(key);
				return;
			}
			try {
				const rows = await Dexie.ignoreTransaction(() => this.db.customers.bulkGet(keys));
				keys.forEach((key, i) => this.#replace(key, rows[i]));
				this.#notify();
			} catch {
				this.#build();
			}
		});
	}

	#replace(key: string, row: CustomerRecord | undefined) {
		const old = this.#slots.get(key);
		const slot = row ? slotOf(row) : undefined;
		if (slot) this.#slots.set(key, slot);
		else this.#slots.delete(key);
		for (const [sort, order] of this.#orders) {
			if (old) order.splice(order.indexOf(old), 1);
			if (slot) order.splice(insertionPoint(order, slot, compareBy[sort]), 0, slot);
		}
	}
}

function insertionPoint(order: Slot[], slot: Slot, compare: Compare): number {
	let low = 0;
	let high = order.length;
	while (low < high) {
		const middle = (low + high) >>> 1;
		if (compare(order[middle]!, slot) < 0) low = middle + 1;
		else high = middle;
	}
	return low;
}

/**
 * The keys a storagemutated RangeSet names one by one, or null when it names a range (a
 * clear, a bulk change Dexie summed up) or more than `PATCH_LIMIT` keys.
 */
function changedKeys(ranges: unknown): string[] | null {
	if (!ranges || typeof (ranges as Iterable<unknown>)[Symbol.iterator] !== 'function') return null;
	const keys: string[] = [];
	for (const node of ranges as Iterable<{ from: unknown; to: unknown }>) {
		if (typeof node.from !== 'string' || node.from !== node.to) return null;
		keys.push(node.from);
		if (keys.length > PATCH_LIMIT) return null;
	}
	return keys;
}

// ——— one index per workspace database, shared by whoever shows its customers ———

const open = new Map<string, { index: CustomerIndex; users: number }>();

/** The index of a workspace's customers; `release` it when done. */
export function acquireCustomerIndex(db: WorkspaceDB): {
	index: CustomerIndex;
	release: () => void;
} {
	let entry = open.get(db.name);
	if (!entry) {
		entry = { index: new CustomerIndex(db), users: 0 };
		open.set(db.name, entry);
	}
	entry.users++;
	const held = entry;
	let released = false;
	return {
		index: held.index,
		release: () => {
			if (released) return;
			released = true;
			held.users--;
			if (held.users === 0 && open.get(db.name) === held) {
				open.delete(db.name);
				held.index.close();
			}
		}
	};
}
