import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { randomBytes, toHex } from '$lib/crypto/encoding';
import { workspaceDb, type WorkspaceDB } from '$lib/db/workspace-db';
import type { SharedRecord } from '$lib/db/records';
import { MAX_RECORD_BYTES } from '$lib/domain/shared-records';
import { createTestWorkspace } from '$lib/test/factories';
import { resetDatabases, workspaceSnapshot } from '$lib/test/indexeddb';
import { projectPartnerChanges } from './projection';

const FINGERPRINT = '0123456789abcdef0123456789abcdef';

function profile(name = 'Northwind Distribution') {
	return {
		workspaceId: '6f1c1d9e-4b7a-4c1e-9a55-0d1f7b0c2e11',
		tenantId: '2a7d3c44-9e1b-4f7a-8c3d-5e6f7a8b9c0d',
		name,
		domain: 'northwind.example',
		mpnId: '7654321',
		country: 'DE',
		fingerprint: FINGERPRINT
	};
}

function partnership(state: 'active' | 'removed' = 'active') {
	return {
		state,
		resellerFingerprint: 'fedcba9876543210fedcba9876543210',
		since: 1_000,
		removedAt: state === 'removed' ? 2_000 : null
	};
}

let db: WorkspaceDB;
let workspaceId: string;

beforeAll(async () => {
	await resetDatabases();
	({ workspaceId } = await createTestWorkspace({ kind: 'reseller', name: 'Fabrikam Resale' }));
	db = workspaceDb(workspaceId);
});

afterEach(() => {
	vi.restoreAllMocks();
});

function newChannel(): string {
	return toHex(randomBytes(16));
}

/** What the provider's feed holds, as the replica would give it back. */
function feed(records: Record<string, Record<string, unknown>>) {
	const changed = new Map<string, Set<string>>();
	for (const [collection, ids] of Object.entries(records))
		changed.set(collection, new Set(Object.keys(ids)));
	const read = (collection: string, id: string) => records[collection]?.[id];
	return { changed, read };
}

/** Projects a provider's records into the reseller's database. */
async function project(
	channelId: string,
	records: Record<string, Record<string, unknown>>,
	now = 5_000
) {
	const { changed, read } = feed(records);
	return projectPartnerChanges(db, channelId, 'provider', changed, read, now);
}

async function rows(channelId: string) {
	return (await db.sharedRecords.toArray()).filter((row) => row.channelId === channelId);
}

async function quarantine(channelId: string) {
	return db.quarantine.where('channelId').equals(channelId).toArray();
}

/** Everything stored, as comparable values. */
async function everything() {
	const { tables } = await workspaceSnapshot(workspaceId);
	return tables;
}

describe('projectPartnerChanges', () => {
	it('writes every accepted record of a change with one bulkPut, as the partner’s', async () => {
		const channelId = newChannel();
		const bulkPut = vi.spyOn(db.sharedRecords, 'bulkPut');
		const put = vi.spyOn(db.sharedRecords, 'put');
		const result = await project(channelId, {
			profile: { self: profile() },
			partnership: { state: partnership() }
		});
		expect(result).toEqual({ accepted: 2, quarantined: 0 });
		expect(bulkPut).toHaveBeenCalledTimes(1);
		expect(bulkPut.mock.calls[0]?.[0]).toHaveLength(2);
		expect(put).not.toHaveBeenCalled();
		const stored = await rows(channelId);
		expect(
			stored.map(({ collection, id, author, updatedAt }) => ({ collection, id, author, updatedAt }))
		).toEqual([
			{ collection: 'partnership', id: 'state', author: 'partner', updatedAt: 5_000 },
			{ collection: 'profile', id: 'self', author: 'partner', updatedAt: 5_000 }
		]);
		expect(stored.find((row) => row.collection === 'profile')?.value).toEqual(profile());
		expect(await quarantine(channelId)).toEqual([]);
	});

	it('quarantines refused records with their reason and writes the rest', async () => {
		const channelId = newChannel();
		const before = await everything();
		const result = await project(channelId, {
			profile: {
				self: JSON.parse(`{"__proto__": {"x": 1}, "name": "x"}`) as unknown,
				other: profile()
			},
			acceptance: { x: { any: 1 } },
			notes: { c1: { name: 'Contoso' } },
			partnership: { state: { ...partnership(), state: 'owner' } }
		});
		expect(result).toEqual({ accepted: 0, quarantined: 5 });
		const refused = (await quarantine(channelId))
			.map(({ collection, recordId, reason, detail, at }) => ({
				collection,
				recordId,
				reason,
				detail,
				at
			}))
			.sort((a, b) => `${a.collection}${a.recordId}`.localeCompare(`${b.collection}${b.recordId}`));
		expect(refused).toEqual([
			{
				collection: 'acceptance',
				recordId: 'x',
				reason: 'not_allowed_author',
				detail: '',
				at: 5_000
			},
			{
				collection: 'notes',
				recordId: 'c1',
				reason: 'unknown_collection',
				detail: '',
				at: 5_000
			},
			{
				collection: 'partnership',
				recordId: 'state',
				reason: 'invalid',
				detail: 'state',
				at: 5_000
			},
			{ collection: 'profile', recordId: 'other', reason: 'unknown_id', detail: '', at: 5_000 },
			{ collection: 'profile', recordId: 'self', reason: 'forbidden_key', detail: '', at: 5_000 }
		]);
		expect(await rows(channelId)).toEqual([]);
		// nothing but the quarantine changed
		const after = await everything();
		expect({ ...after, quarantine: [] }).toEqual({ ...before, quarantine: [] });
	});

	it('quarantines a Yjs-decoded __proto__ record, an oversized one and a read that throws', async () => {
		const channelId = newChannel();
		const author = new Y.Doc();
		author.getMap('profile').set('self', JSON.parse(`{"__proto__": ${JSON.stringify(profile())}}`));
		const replica = new Y.Doc();
		Y.applyUpdate(replica, Y.encodeStateAsUpdate(author));
		await projectPartnerChanges(
			db,
			channelId,
			'provider',
			new Map([['profile', new Set(['self'])]]),
			(c, id) => replica.getMap(c).get(id)
		);
		await project(channelId, {
			partnership: { state: { ...partnership(), pad: 'x'.repeat(MAX_RECORD_BYTES) } }
		});
		await projectPartnerChanges(
			db,
			channelId,
			'provider',
			new Map([['profile', new Set(['self'])]]),
			() => {
				throw new Error('corrupt');
			}
		);
		const reasons = Object.fromEntries(
			(await quarantine(channelId)).map((row) => [row.collection, row.reason])
		);
		expect(reasons).toEqual({ profile: 'not_plain', partnership: 'too_large' });
		expect(await rows(channelId)).toEqual([]);
	});

	it('keeps the last good row when a later version is refused, then clears the quarantine once a good one arrives', async () => {
		const channelId = newChannel();
		await project(channelId, { profile: { self: profile('Northwind v1') } }, 1_000);
		const good = await rows(channelId);
		expect(good).toHaveLength(1);

		await project(
			channelId,
			{ profile: { self: { ...profile('Northwind v2'), country: 'Germany' } } },
			2_000
		);
		expect(await rows(channelId)).toEqual(good);
		expect(await quarantine(channelId)).toMatchObject([
			{
				id: `${channelId}|profile|self`,
				recordId: 'self',
				reason: 'invalid',
				detail: 'country',
				at: 2_000
			}
		]);

		// a second refusal replaces the first quarantine row (one row per record)
		await project(channelId, { profile: { self: new Date() } }, 3_000);
		expect(await quarantine(channelId)).toMatchObject([{ reason: 'not_plain', at: 3_000 }]);
		expect(await rows(channelId)).toEqual(good);

		await project(channelId, { profile: { self: profile('Northwind v3') } }, 4_000);
		expect(await quarantine(channelId)).toEqual([]);
		expect(await rows(channelId)).toMatchObject([
			{ value: { name: 'Northwind v3' }, updatedAt: 4_000 }
		]);
	});

	it('removes the partner’s row on null (and its quarantine row), never this side’s own', async () => {
		const channelId = newChannel();
		const own: SharedRecord = {
			channelId,
			collection: 'partnership',
			id: 'state',
			author: 'self',
			value: { mine: true },
			updatedAt: 1
		};
		await db.sharedRecords.put(own);
		await project(channelId, { partnership: { state: partnership() } });
		await project(channelId, { partnership: { state: { bad: true } } });
		expect(await quarantine(channelId)).toHaveLength(1);
		expect(await rows(channelId)).toHaveLength(2);

		const result = await project(channelId, { partnership: { state: null } });
		expect(result).toEqual({ accepted: 0, quarantined: 0 });
		expect(await rows(channelId)).toEqual([own]);
		expect(await quarantine(channelId)).toEqual([]);
	});

	it('refuses a removal by an author not allowed to state the record: the row stays', async () => {
		const channelId = newChannel();
		await project(channelId, { partnership: { state: partnership() } });
		const before = await rows(channelId);
		// the reseller's feed (read by the provider) may not remove the partnership
		const { changed, read } = feed({ partnership: { state: null } });
		await projectPartnerChanges(db, channelId, 'reseller', changed, read);
		expect(await rows(channelId)).toEqual(before);
		expect(await quarantine(channelId)).toMatchObject([{ reason: 'not_allowed_author' }]);
	});

	it('skips ids the replica no longer has (undefined) without writing anything', async () => {
		const channelId = newChannel();
		const before = await everything();
		const result = await project(channelId, { profile: { self: undefined } });
		expect(result).toEqual({ accepted: 0, quarantined: 0 });
		expect(await everything()).toEqual(before);
	});

	it('clips long collection names and ids in quarantine rows', async () => {
		const channelId = newChannel();
		const collection = 'c'.repeat(500);
		const id = 'i'.repeat(5_000);
		await project(channelId, { [collection]: { [id]: { a: 1 } } });
		const [row] = await quarantine(channelId);
		expect(row?.collection).toHaveLength(64);
		expect(row?.recordId).toHaveLength(200);
		expect(row?.id).toBe(`${channelId}|${'c'.repeat(64)}|${'i'.repeat(200)}`);
	});

	it('writes nothing at all when the transaction fails', async () => {
		const channelId = newChannel();
		vi.spyOn(db.quarantine, 'bulkPut').mockRejectedValueOnce(new Error('disk full'));
		const before = await everything();
		await expect(
			project(channelId, { profile: { self: profile() }, partnership: { state: 'garbage' } })
		).rejects.toThrow('disk full');
		expect(await everything()).toEqual(before);
	});

	it('leaves every other table untouched after garbage from every direction', async () => {
		const channelId = newChannel();
		await project(channelId, { profile: { self: profile() } });
		const before = await everything();
		const garbage = new Map<string, unknown>([
			['profile|self', JSON.parse('{"constructor": {"prototype": {"polluted": true}}}')],
			['partnership|state', [partnership()]],
			['__proto__|__proto__', JSON.parse('{"__proto__": {"polluted": true}}')],
			['toString|valueOf', { valueOf: 1 }]
		]);
		// own "__proto__" collection and id names, as a decoded update could carry
		const changed = new Map<string, Set<string>>([
			['profile', new Set(['self'])],
			['partnership', new Set(['state'])],
			['__proto__', new Set(['__proto__'])],
			['toString', new Set(['valueOf', 'constructor'])]
		]);
		await projectPartnerChanges(db, channelId, 'provider', changed, (collection, id) =>
			garbage.has(`${collection}|${id}`) ? garbage.get(`${collection}|${id}`) : { junk: id }
		);
		const after = await everything();
		for (const table of Object.keys(before)) {
			if (table === 'quarantine') continue;
			expect(after[table], table).toEqual(before[table]);
		}
		expect((await quarantine(channelId)).map((row) => row.reason).sort()).toEqual([
			'forbidden_key',
			'invalid',
			'unknown_collection',
			'unknown_collection',
			'unknown_collection'
		]);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	});
});
