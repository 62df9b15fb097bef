// Helpers for the orders journey: a forged feed record, written as a modified client would, and
// what the Sync page says about refused records.
import type { Locator, Page } from '@playwright/test';
import * as Y from 'yjs';
import { openFromDashboardMenu, t, workspaceIdOf, type Lang } from './fixtures';

/**
 * Writes a record into this workspace's own feed for its active provider channel, straight
 * into IndexedDB, as a modified client could: a Yjs update appended to `feedUpdates` after the
 * last one. The app never writes such a record; its engine seals and sends it like any other
 * on the next start (the test reloads the page). Returns the channel's id.
 */
export async function forgeOwnFeedRecord(
	page: Page,
	collection: string,
	id: string,
	value: unknown
): Promise<string> {
	const doc = new Y.Doc();
	doc.getMap(collection).set(id, value);
	const update = Array.from(Y.encodeStateAsUpdate(doc));
	const workspaceId = workspaceIdOf(page);
	return page.evaluate(
		async ({ workspaceId, update }) => {
			const done = <T>(request: IDBRequest<T>) =>
				new Promise<T>((resolve, reject) => {
					request.onsuccess = () => resolve(request.result);
					request.onerror = () => reject(request.error);
				});
			const db = await done(indexedDB.open(`tierlink-ws-${workspaceId}`));
			try {
				const channels = (await done(
					db.transaction('channels').objectStore('channels').getAll()
				)) as { id: string; kind: string; role: string; state: string }[];
				const channel = channels.find(
					(row) => row.kind === 'partnership' && row.role === 'reseller' && row.state === 'active'
				);
				if (!channel) throw new Error('no active provider channel');
				const docId = `feed:${channel.id}`;
				const tx = db.transaction('feedUpdates', 'readwrite');
				const store = tx.objectStore('feedUpdates');
				const keys = (await done(
					store.getAllKeys(IDBKeyRange.bound([docId, 0], [docId, Infinity]))
				)) as [string, number][];
				const seq = Math.max(0, ...keys.map(([, n]) => n)) + 1;
				await done(store.add({ docId, seq, update: new Uint8Array(update), at: Date.now() }));
				return channel.id;
			} finally {
				db.close();
			}
		},
		{ workspaceId, update }
	);
}

/** Settings > Sync: the refused records of the channel with this partner. */
export async function quarantineOf(page: Page, partnerName: string, lang: Lang = 'en') {
	await openFromDashboardMenu(page, 'nav_sync', lang);
	const card: Locator = page.getByTestId('sync-partner').filter({ hasText: partnerName });
	return card.getByTestId('sync-quarantine');
}

/** A quarantined row naming the collection and the reason "may not state it". */
export function refusedRow(table: Locator, collection: string, lang: Lang = 'en'): Locator {
	return table
		.getByRole('row')
		.filter({ hasText: collection })
		.filter({ hasText: t(lang, 'quarantine_not_allowed_author') });
}
