import type { WorkspaceDB } from '$lib/db/workspace-db';
import type { QuarantineRecord, SharedRecord } from '$lib/db/records';
import type { CustomerRecord } from '$lib/db/records';
import {
	rowFromSharedCustomer,
	sharedCustomerKey,
	type SharedCustomer
} from '$lib/domain/customers';
import type { ChannelKind, ChannelRole } from '$lib/domain/partnership';
import { checkSharedRecord } from '$lib/domain/shared-records';

/** Collections projected into their own table (indexed for their page) instead of sharedRecords. */
const ownTables = new Set(['customers']);

/**
 * Projection of a partner's feed into Dexie (DESIGN.md §4): for each changed record, rebuild it
 * from its own properties, validate it with its collection's schema, check the partner may
 * state it, then write every accepted record with one `bulkPut`. A refused record goes to the
 * quarantine with its reason and the last good row stays. `null` removes a record. Customers a
 * reseller shares go to the `customers` table (the Customers page's indexes), keyed by channel.
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
	const customerPuts: CustomerRecord[] = [];
	const customerDeletes: string[] = [];
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
			if (verdict.ok && ownTables.has(collection)) {
				if (verdict.value === null) customerDeletes.push(sharedCustomerKey(channelId, id));
				else
					customerPuts.push(rowFromSharedCustomer(channelId, verdict.value as SharedCustomer, now));
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
	await db.transaction('rw', [db.sharedRecords, db.quarantine, db.customers], async () => {
		if (puts.length) await db.sharedRecords.bulkPut(puts);
		if (deletes.length) await db.sharedRecords.bulkDelete(deletes);
		if (customerPuts.length) await db.customers.bulkPut(customerPuts);
		if (customerDeletes.length) await db.customers.bulkDelete(customerDeletes);
		// Most channels never quarantine anything: skip clearing then.
		const anyQuarantined =
			cleared.length > 0 && (await db.quarantine.where('channelId').equals(channelId).count()) > 0;
		if (anyQuarantined) await db.quarantine.bulkDelete(cleared);
		if (quarantined.length) await db.quarantine.bulkPut(quarantined);
	});
	return { accepted: puts.length + customerPuts.length, quarantined: quarantined.length };
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
