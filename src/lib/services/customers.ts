import Dexie from 'dexie';
import type { WorkspaceDB } from '$lib/db/workspace-db';
import type { CustomerRecord } from '$lib/db/records';
import {
	searchPrefixes,
	type CustomerRelationship,
	type CustomerSource
} from '$lib/domain/customers';

/**
 * The Customers page's queries, built for 100,000 rows: the page keeps the ordered primary keys
 * of what matches (index-only reads: `getAllKeys` in sort order, prefix ranges of the
 * multi-entry `searchTerms` index, equality on `relationship`, `source`, `sharedWith` or
 * `resellerChannelId`) and fetches only the rows on screen with `bulkGet`. No keystroke scans the
 * table.
 */

export const customerSorts = ['name', 'since', 'country'] as const;
export type CustomerSort = (typeof customerSorts)[number];

export interface CustomerQuery {
	/** search box: prefixes of words of the name or domain, accents and case ignored */
	text?: string;
	sort?: CustomerSort;
	direction?: 'asc' | 'desc';
	relationship?: CustomerRelationship | null;
	source?: CustomerSource | null;
	/**
	 * a partner channel: on a reseller, the provider it is shared with; on a provider, the
	 * reseller that shared it
	 */
	partnerChannelId?: string | null;
}

const sortIndex: Record<CustomerSort, string> = {
	name: 'nameKey',
	since: 'since',
	country: 'country'
};

/**
 * The ordered primary keys of each sort, per database, kept until the `customers` table changes
 * (in this tab or another: Dexie's `storagemutated`). Reading 100,000 keys from an index costs
 * about a second, so a keystroke must not do it: it intersects this list with the (much smaller)
 * key sets of its prefixes and filters.
 */
const orderCache = new Map<
	string,
	{ version: number; keys: Map<CustomerSort, Promise<string[]>> }
>();
const versions = new Map<string, number>();

// Registered when the module loads, so it runs before any live query re-reads the table.
Dexie.on('storagemutated', (parts: Record<string, unknown>) => {
	for (const part of Object.keys(parts)) {
		const match = /^idb:\/\/([^/]+)\/customers\//.exec(part);
		if (match) versions.set(match[1]!, (versions.get(match[1]!) ?? 0) + 1);
	}
});

function orderedKeys(db: WorkspaceDB, sort: CustomerSort): Promise<string[]> {
	const version = versions.get(db.name) ?? 0;
	let entry = orderCache.get(db.name);
	if (!entry || entry.version !== version) {
		entry = { version, keys: new Map() };
		orderCache.set(db.name, entry);
	}
	let keys = entry.keys.get(sort);
	if (!keys) {
		keys = Promise.resolve(
			Dexie.ignoreTransaction(() => db.customers.orderBy(sortIndex[sort]).primaryKeys())
		);
		entry.keys.set(sort, keys);
		keys.catch(() => entry?.keys.delete(sort));
	}
	return keys;
}

/** The keys of every customer matching the query, in the query's order. */
export async function customerKeys(db: WorkspaceDB, query: CustomerQuery = {}): Promise<string[]> {
	const sort = query.sort ?? 'name';
	const filters: Promise<Set<string>>[] = [];
	for (const prefix of searchPrefixes(query.text ?? '')) {
		filters.push(
			db.customers
				.where('searchTerms')
				.startsWith(prefix)
				.primaryKeys()
				.then((keys) => new Set(keys))
		);
	}
	if (query.relationship) {
		filters.push(keySet(db, 'relationship', query.relationship));
	}
	if (query.source) filters.push(keySet(db, 'source', query.source));
	if (query.partnerChannelId) {
		const profile = await db.getMeta('profile');
		const index = profile?.kind === 'provider' ? 'resellerChannelId' : 'sharedWith';
		filters.push(keySet(db, index, query.partnerChannelId));
	}
	// `count()` makes a live query follow every change of the table (the cached order does not).
	const [, ordered, ...sets] = await Promise.all([
		db.customers.count(),
		orderedKeys(db, sort),
		...filters
	]);
	// The smallest set first, so most keys fail fast.
	sets.sort((a, b) => a.size - b.size);
	let keys = sets.length
		? ordered.filter((key) => sets.every((set) => set.has(key)))
		: ordered.slice();
	if (query.direction === 'desc') keys = keys.reverse();
	return keys;
}

/**
 * The first keys of the whole list in the query's order, without reading the others: what the
 * page shows while `customerKeys` reads the full order the first time.
 */
export async function firstCustomerKeys(
	db: WorkspaceDB,
	query: Pick<CustomerQuery, 'sort' | 'direction'>,
	count: number
): Promise<string[]> {
	const ordered = db.customers.orderBy(sortIndex[query.sort ?? 'name']);
	return (query.direction === 'desc' ? ordered.reverse() : ordered).limit(count).primaryKeys();
}

async function keySet(db: WorkspaceDB, index: string, value: string): Promise<Set<string>> {
	return new Set(await db.customers.where(index).equals(value).primaryKeys());
}

/** The rows of the given keys, in that order (missing rows, deleted meanwhile, are skipped). */
export async function customersByKeys(
	db: WorkspaceDB,
	keys: readonly string[]
): Promise<CustomerRecord[]> {
	const rows = await db.customers.bulkGet(keys as string[]);
	return rows.filter((row): row is CustomerRecord => row !== undefined);
}

/** How many customers the workspace has (the page's total). */
export function customerCount(db: WorkspaceDB): Promise<number> {
	return db.customers.count();
}

/** One customer by key, or undefined. */
export function customerByKey(db: WorkspaceDB, key: string): Promise<CustomerRecord | undefined> {
	return db.customers.get(key);
}

/** The customers shared by one reseller (provider side), for grouping; keys only. */
export function customerKeysOfReseller(db: WorkspaceDB, channelId: string): Promise<string[]> {
	return db.customers.where('resellerChannelId').equals(channelId).primaryKeys();
}
