import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CustomerRecord } from '$lib/db/records';
import { closeWorkspaceDb, workspaceDb, type WorkspaceDB } from '$lib/db/workspace-db';
import {
	customerRelationships,
	customerSources,
	nameKeyOf,
	searchTermsOf
} from '$lib/domain/customers';
import { resetDatabases } from '$lib/test/indexeddb';
import { acquireCustomerIndex, CustomerIndex } from './customer-index';
import { customerKeys, customerSorts, type CustomerQuery } from './customers';

const WORKSPACE = 'c'.repeat(32);
const PROVIDERS = ['1'.repeat(32), '2'.repeat(32)];
const words = ['Contoso', 'Café', 'Müller', 'Fabrikam', 'Łódź', 'Øresund', 'Straße', 'Émile', 'co'];
const forms = ['SARL', 'GmbH', 'Ltd', 'AB', ''];

/** A deterministic pseudo-random sequence, so a failure can be replayed. */
function random(seed: number) {
	let state = seed;
	return () => {
		state = (state * 1103515245 + 12345) % 2 ** 31;
		return state / 2 ** 31;
	};
}

function pick<T>(next: () => number, items: readonly T[]): T {
	return items[Math.floor(next() * items.length)]!;
}

function tenant(n: number) {
	return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

function customer(n: number, next: () => number, overrides: Partial<CustomerRecord> = {}) {
	const companyName = [pick(next, words), pick(next, words), pick(next, forms)].join(' ').trim();
	const domain = `${nameKeyOf(pick(next, words)).replace(/[^a-z]/g, '') || 'x'}${n}.onmicrosoft.com`;
	const row: CustomerRecord = {
		key: tenant(n),
		tenantId: tenant(n),
		companyName,
		domain,
		country: pick(next, ['FR', 'DE', 'US', 'SE']),
		relationship: pick(next, customerRelationships),
		delegatedAdmin: next() < 0.5,
		source: pick(next, customerSources),
		// Equal dates on purpose: ties must fall in key order as IndexedDB puts them.
		since: Date.UTC(2020, Math.floor(next() * 6), 1),
		sharedWith: PROVIDERS.filter(() => next() < 0.3),
		providersWithRelationship: [],
		resellerChannelId: null,
		channelId: null,
		providerRelationship: false,
		companyProfile: null,
		billingProfile: null,
		nameKey: '',
		searchTerms: [],
		updatedAt: 1,
		...overrides
	};
	row.nameKey = nameKeyOf(row.companyName);
	row.searchTerms = searchTermsOf(row.companyName, row.domain);
	return row;
}

function queriesFor(next: () => number): CustomerQuery[] {
	const queries: CustomerQuery[] = [{}];
	const texts = ['c', 'co', 'CONT', 'cafe', 'mull', 'lodz', 'oresund', 'strasse', 'emile', 'x'];
	for (let i = 0; i < 40; i++) {
		queries.push({
			text:
				next() < 0.7 ? `${pick(next, texts)}${next() < 0.3 ? ' ' + pick(next, texts) : ''}` : '',
			sort: pick(next, customerSorts),
			direction: next() < 0.5 ? 'asc' : 'desc',
			relationship: next() < 0.3 ? pick(next, customerRelationships) : null,
			source: next() < 0.3 ? pick(next, customerSources) : null,
			partnerChannelId: next() < 0.3 ? pick(next, PROVIDERS) : null
		});
	}
	return queries;
}

/** Resolves on the index's next notification. */
function nextChange(index: CustomerIndex) {
	return new Promise<void>((resolve) => {
		const stop = index.subscribe(() => {
			stop();
			resolve();
		});
	});
}

let db: WorkspaceDB;
let index: CustomerIndex | undefined;

beforeEach(async () => {
	await resetDatabases();
	db = workspaceDb(WORKSPACE);
});

afterEach(() => {
	index?.close();
	index = undefined;
	closeWorkspaceDb(WORKSPACE);
});

describe('customer index', () => {
	it('answers every query exactly as the IndexedDB queries do', async () => {
		const next = random(7);
		await db.customers.bulkAdd(Array.from({ length: 400 }, (_, n) => customer(n, next)));
		index = new CustomerIndex(db);
		await index.whenReady();
		expect(index.size).toBe(400);
		for (const query of queriesFor(random(11))) {
			expect(index.keys(query), JSON.stringify(query)).toEqual(await customerKeys(db, query));
		}
	});

	it('matches prefixes of words of the name and the domain, ignoring accents and case', async () => {
		const next = random(3);
		await db.customers.bulkAdd([
			customer(1, next, { companyName: 'Café Müller GmbH', domain: 'cafe-muller.de' }),
			customer(2, next, { companyName: 'Łódź Logistics', domain: 'lodzlog.onmicrosoft.com' }),
			customer(3, next, { companyName: 'Contoso', domain: 'contoso.com' })
		]);
		index = new CustomerIndex(db);
		await index.whenReady();
		expect(index.keys({ text: 'CAFE' })).toEqual([tenant(1)]);
		expect(index.keys({ text: 'müll caf' })).toEqual([tenant(1)]);
		expect(index.keys({ text: 'lodz' })).toEqual([tenant(2)]);
		expect(index.keys({ text: 'lodzl' })).toEqual([tenant(2)]);
		expect(index.keys({ text: 'contoso.com' })).toEqual([tenant(3)]);
		// `onmicrosoft` and top-level domains say nothing about a customer.
		expect(index.keys({ text: 'onmicrosoft' })).toEqual([]);
		expect(index.keys({ text: 'com' })).toEqual([]);
		// A word in the middle of a term is not a prefix.
		expect(index.keys({ text: 'ntoso' })).toEqual([]);
	});

	it('patches in customers added, changed and deleted, in their place in every order', async () => {
		const next = random(5);
		await db.customers.bulkAdd(Array.from({ length: 50 }, (_, n) => customer(n, next)));
		index = new CustomerIndex(db);
		await index.whenReady();
		// Make every sort order exist, so the patches must keep them in order.
		for (const sort of customerSorts) index.keys({ sort });

		let changed = nextChange(index);
		await db.customers.put(customer(100, next, { companyName: 'Aardvark Café' }));
		await changed;
		expect(index.keys({ text: 'aardv' })).toEqual([tenant(100)]);
		expect(index.keys()[0]).toBe(tenant(100));

		changed = nextChange(index);
		await db.customers.update(tenant(100), {
			companyName: 'Zebra',
			nameKey: 'zebra',
			searchTerms: ['zebra'],
			sharedWith: [PROVIDERS[0]!]
		});
		await changed;
		expect(index.keys({ text: 'aardv' })).toEqual([]);
		expect(index.keys({ text: 'zebr', partnerChannelId: PROVIDERS[0]! })).toEqual([tenant(100)]);

		changed = nextChange(index);
		await db.customers.delete(tenant(3));
		await changed;
		expect(index.size).toBe(50);
		for (const query of queriesFor(random(13))) {
			expect(index.keys(query), JSON.stringify(query)).toEqual(await customerKeys(db, query));
		}
	});

	it('reads the table again after a bulk change and a clear', async () => {
		const next = random(9);
		await db.customers.bulkAdd(Array.from({ length: 20 }, (_, n) => customer(n, next)));
		index = new CustomerIndex(db);
		await index.whenReady();

		let changed = nextChange(index);
		await db.customers.bulkPut(Array.from({ length: 700 }, (_, n) => customer(1000 + n, next)));
		await changed;
		await index.whenReady();
		expect(index.size).toBe(720);
		expect(index.keys({ sort: 'since' })).toEqual(await customerKeys(db, { sort: 'since' }));

		changed = nextChange(index);
		await db.customers.clear();
		await changed;
		await index.whenReady();
		expect(index.size).toBe(0);
		expect(index.keys()).toEqual([]);
	});

	it('loses no change made while it reads the table', async () => {
		const next = random(21);
		await db.customers.bulkAdd(Array.from({ length: 5_000 }, (_, n) => customer(n, next)));
		index = new CustomerIndex(db);
		// Written while the first chunks are being read.
		await db.customers.put(customer(9_999, next, { companyName: 'Latecomer' }));
		await db.customers.delete(tenant(4_999));
		await index.whenReady();
		// The patch of the changes seen during the build follows the build.
		if (index.keys({ text: 'latecomer' }).length === 0) await nextChange(index);
		expect(index.keys({ text: 'latecomer' })).toEqual([tenant(9_999)]);
		expect(index.size).toBe(5_000);
		expect(index.keys()).toEqual(await customerKeys(db));
	});

	it('counts customers per partner channel', async () => {
		const next = random(1);
		const channel = 'd'.repeat(32);
		await db.customers.bulkAdd([
			customer(1, next, { sharedWith: [PROVIDERS[0]!, PROVIDERS[1]!] }),
			customer(2, next, { sharedWith: [PROVIDERS[0]!] }),
			customer(3, next, { sharedWith: [], resellerChannelId: channel })
		]);
		index = new CustomerIndex(db);
		await index.whenReady();
		expect(Object.fromEntries(index.partnerCounts())).toEqual({
			[PROVIDERS[0]!]: 2,
			[PROVIDERS[1]!]: 1,
			[channel]: 1
		});
	});

	it('is shared per database and closed when the last user releases it', async () => {
		const first = acquireCustomerIndex(db);
		const second = acquireCustomerIndex(db);
		expect(second.index).toBe(first.index);
		await first.index.whenReady();
		first.release();
		first.release();
		const third = acquireCustomerIndex(db);
		expect(third.index).toBe(first.index);
		second.release();
		third.release();
		const fresh = acquireCustomerIndex(db);
		expect(fresh.index).not.toBe(first.index);
		fresh.release();
	});
});
