import type { AuditAction, AuditEntry, AuditFilter } from '$lib/domain/audit';
import { matchesAuditFilter } from '$lib/domain/audit';
import type { WorkspaceDB } from '$lib/db/workspace-db';
import type { UserRecord } from '$lib/db/records';

/** Builds an Activity log entry; write it in the same transaction as the change it records. */
export function auditEntry(
	actor: Pick<UserRecord, 'id' | 'fullName'> | null,
	action: AuditAction,
	target: string,
	details?: AuditEntry['details'],
	at = Date.now()
): AuditEntry {
	return {
		id: crypto.randomUUID(),
		at,
		actorId: actor?.id ?? null,
		actorName: actor?.fullName ?? '',
		action,
		target,
		...(details ? { details } : {})
	};
}

/**
 * The newest entries matching the filter, newest first, at most `limit`. Walks the `at` (or
 * `[action+at]`) index backwards and stops once it has enough, so a long log stays cheap.
 */
export function queryActivity(db: WorkspaceDB, filter: AuditFilter, limit = 200) {
	const from = filter.from ?? -Infinity;
	const to = filter.to ?? Infinity;
	const collection = filter.action
		? db.audit
				.where('[action+at]')
				.between([filter.action, from], [filter.action, to], true, true)
				.reverse()
		: db.audit.where('at').between(from, to, true, true).reverse();
	return collection
		.filter((entry) => matchesAuditFilter(entry, filter))
		.limit(limit)
		.toArray();
}
