import type { WorkspaceDB } from '$lib/db/workspace-db';
import type { QuarantineRecord, SharedRecord } from '$lib/db/records';
import type { ChannelKind, ChannelRole } from '$lib/domain/partnership';
import { checkSharedRecord, collectionRules, isCollectionName } from '$lib/domain/shared-records';
import { projectIntoTables, tableCollections, type TableRecords } from './table-projection';

/**
 * Projection of a partner's feed into Dexie (DESIGN.md §4): for each changed record, rebuild it
 * from its own properties, validate it with its collection's schema, check the partner may
 * state it, then write every accepted record with one `bulkPut`. A refused record goes to the
 * quarantine with its reason and the last good row stays. `null` removes a record. Customers,
 * orders, subscriptions and change requests go to their own tables (table-projection.ts).
 */
export async function projectPartnerChanges(
	db: WorkspaceDB,
	channelId: string,
	authorRole: ChannelRole,
	changed: ReadonlyMap<string, ReadonlySet<string>>,
	read: (collection: string, id: string) => unknown,
	now = Date.now(),
	kind: ChannelKind = 'partnership'
): Promise<{ accepted: number; quarantined: number }> {
	const puts: SharedRecord[] = [];
	const tableRecords: TableRecords = new Map();
	let tableAccepted = 0;
	const deletes: [string, string, string, string][] = [];
	const quarantined: QuarantineRecord[] = [];
	const cleared: string[] = [];
	for (const [collection, ids] of changed) {
		for (const id of ids) {
			const quarantineId = `${channelId}|${collection.slice(0, 64)}|${id.slice(0, 200)}`;
			let value: unknown;
			try {
				value = read(collection, id);
			} catch {
				quarantined.push(refusal(quarantineId, channelId, collection, id, 'not_plain', '', now));
				continue;
			}
			if (value === undefined) continue;
			const verdict = checkSharedRecord(collection, id, value, authorRole, kind);
			if (verdict.ok && tableCollections.has(collection)) {
				const records = tableRecords.get(collection) ?? [];
				records.push({ id, value: verdict.value });
				tableRecords.set(collection, records);
				if (verdict.value !== null) tableAccepted++;
				cleared.push(quarantineId);
				continue;
			}
			if (verdict.ok && verdict.value === null) {
				deletes.push([channelId, 'partner', collection, id]);
				cleared.push(quarantineId);
				continue;
			}
			if (verdict.ok) {
				puts.push({
					channelId,
					collection,
					id,
					author: 'partner',
					value: verdict.value,
					updatedAt: now
				});
				cleared.push(quarantineId);
			} else {
				quarantined.push(
					refusal(
						quarantineId,
						channelId,
						collection,
						id,
						verdict.reason,
						verdict.detail ?? '',
						now
					)
				);
			}
		}
	}
	const tables = [
		db.sharedRecords,
		db.quarantine,
		db.customers,
		db.subscriptions,
		db.subscriptionTotals,
		db.orders,
		db.changeRequests,
		db.customerUsers,
		db.licenseAssignments
	];
	await db.transaction('rw', tables, async () => {
		if (puts.length) await db.sharedRecords.bulkPut(puts);
		if (deletes.length) await db.sharedRecords.bulkDelete(deletes);
		if (tableRecords.size) await projectIntoTables(db, channelId, tableRecords, now);
		// Most channels never quarantine anything: skip clearing then.
		const anyQuarantined =
			cleared.length > 0 && (await db.quarantine.where('channelId').equals(channelId).count()) > 0;
		if (anyQuarantined) await db.quarantine.bulkDelete(cleared);
		if (quarantined.length) await db.quarantine.bulkPut(quarantined);
	});
	return { accepted: puts.length + tableAccepted, quarantined: quarantined.length };
}

function refusal(
	id: string,
	channelId: string,
	collection: string,
	recordId: string,
	reason: QuarantineRecord['reason'],
	detail: string,
	at: number
): QuarantineRecord {
	return {
		id,
		channelId,
		collection: collection.slice(0, 64),
		recordId: recordId.slice(0, 200),
		reason,
		detail: detail.slice(0, 300),
		at
	};
}

/** Refusals of this side's own records have ids of their own, so both kinds can be told apart. */
export function ownRefusalId(channelId: string, collection: string, id: string): string {
	return `${channelId}|self|${collection.slice(0, 64)}|${id.slice(0, 200)}`;
}

/** Whether a quarantine row is about this side's own feed (not a partner's record). */
export function isOwnRefusal(row: Pick<QuarantineRecord, 'id' | 'channelId'>): boolean {
	return row.id.startsWith(`${row.channelId}|self|`);
}

/**
 * The own feed's records this side may not state (a forged order a modified client wrote into a
 * reseller's feed, say): each goes to this side's quarantine too, as the partner will put it in
 * its own, so the Sync page shows it on both sides. Only collection names are compared, so a
 * feed of 500,000 subscriptions costs nothing here.
 */
export async function quarantineForbiddenOwnRecords(
	db: WorkspaceDB,
	channelId: string,
	ownRole: ChannelRole,
	kind: ChannelKind,
	feed: { share: Map<string, unknown>; getMap(name: string): { keys(): IterableIterator<string> } },
	now = Date.now()
): Promise<number> {
	const refused: QuarantineRecord[] = [];
	for (const collection of feed.share.keys()) {
		const allowed =
			isCollectionName(collection) &&
			(collectionRules[collection].kinds as readonly ChannelKind[]).includes(kind) &&
			(collectionRules[collection].authors as readonly ChannelRole[]).includes(ownRole);
		if (allowed) continue;
		const reason = isCollectionName(collection) ? 'not_allowed_author' : 'unknown_collection';
		for (const id of feed.getMap(collection).keys()) {
			const quarantineId = ownRefusalId(channelId, collection, id);
			refused.push(refusal(quarantineId, channelId, collection, id, reason, '', now));
		}
	}
	if (refused.length) await db.quarantine.bulkPut(refused);
	return refused.length;
}
