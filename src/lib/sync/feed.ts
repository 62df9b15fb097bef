import Dexie from 'dexie';
import * as Y from 'yjs';
import type { WorkspaceDB } from '$lib/db/workspace-db';
import type { SharedRecord } from '$lib/db/records';

/**
 * The feeds this workspace owns: one `Y.Doc` per channel that only this workspace writes
 * (DESIGN.md §3). Each change is a Yjs update row in the workspace database (`feedUpdates`,
 * `[docId+seq]`), written in the same Dexie transaction as the command's other rows, so an
 * acknowledged action survives a closed tab. Several tabs of one workspace each keep a copy and
 * catch up from the rows before every write.
 *
 * Records are plain JSON values in `Y.Map`s named by collection and keyed by record id. A record
 * is never deleted from its map: it is set to `null`, so every removal moves the state vector
 * (which is what the mailbox sealer compares).
 */
export interface FeedRecord {
	collection: string;
	id: string;
	value: unknown;
}

interface CachedFeed {
	doc: Y.Doc;
	loadedSeq: number;
}

const cache = new Map<string, CachedFeed>();

export function feedDocId(channelId: string): string {
	return `feed:${channelId}`;
}

function cacheKey(db: WorkspaceDB, channelId: string): string {
	return `${db.workspaceId}|${channelId}`;
}

/** Applies the rows written since this tab last looked (by this tab or another). */
async function catchUp(db: WorkspaceDB, channelId: string): Promise<CachedFeed> {
	const key = cacheKey(db, channelId);
	let feed = cache.get(key);
	if (!feed) {
		feed = { doc: new Y.Doc({ gc: true }), loadedSeq: 0 };
		cache.set(key, feed);
	}
	const docId = feedDocId(channelId);
	const rows = await db.feedUpdates
		.where('[docId+seq]')
		.between([docId, feed.loadedSeq + 1], [docId, Dexie.maxKey], true, true)
		.toArray();
	for (const row of rows) {
		Y.applyUpdate(feed.doc, row.update, 'load');
		feed.loadedSeq = row.seq;
	}
	return feed;
}

/** The feed as it stands in the database, read-only for the caller. */
export async function loadFeed(db: WorkspaceDB, channelId: string): Promise<Y.Doc> {
	return (await catchUp(db, channelId)).doc;
}

/**
 * Writes records to the channel's feed and their projection rows. Call it inside a Dexie `rw`
 * transaction over `feedUpdates` and `sharedRecords`, with the command's other writes: if the
 * transaction fails, nothing is kept, in the database or in this tab's copy.
 */
export async function putOwnRecords(
	db: WorkspaceDB,
	channelId: string,
	records: readonly FeedRecord[],
	now = Date.now()
): Promise<void> {
	const transaction = Dexie.currentTransaction;
	if (!transaction) throw new Error('putOwnRecords needs a transaction');
	const feed = await catchUp(db, channelId);
	const forget = () => cache.delete(cacheKey(db, channelId));
	transaction.on('abort', forget);
	transaction.on('error', forget);
	const before = Y.encodeStateVector(feed.doc);
	// Plain JSON, as a partner will read it: fields left `undefined` are dropped, not sent.
	records = records.map((record) => ({
		...record,
		value: record.value === null ? null : JSON.parse(JSON.stringify(record.value))
	}));
	feed.doc.transact(() => {
		for (const record of records) {
			feed.doc.getMap(record.collection).set(record.id, record.value);
		}
	}, 'local');
	const update = new Uint8Array(Y.encodeStateAsUpdate(feed.doc, before));
	const seq = feed.loadedSeq + 1;
	await db.feedUpdates.add({ docId: feedDocId(channelId), seq, update, at: now });
	feed.loadedSeq = seq;
	// As in the feed, the last write of a record in the batch wins.
	const last = new Map<string, FeedRecord>();
	for (const record of records) last.set(`${record.collection}\u0000${record.id}`, record);
	const final = [...last.values()];
	const rows: SharedRecord[] = final
		.filter((record) => record.value !== null)
		.map((record) => ({
			channelId,
			collection: record.collection,
			id: record.id,
			author: 'self',
			value: record.value,
			updatedAt: now
		}));
	if (rows.length) await db.sharedRecords.bulkPut(rows);
	const removed = final.filter((record) => record.value === null);
	if (removed.length) {
		await db.sharedRecords.bulkDelete(
			removed.map(
				(record) =>
					[channelId, 'self', record.collection, record.id] as [string, string, string, string]
			)
		);
	}
}

/** Forgets this tab's copies (tests, workspace deletion). */
export function forgetFeeds(): void {
	for (const feed of cache.values()) feed.doc.destroy();
	cache.clear();
}
