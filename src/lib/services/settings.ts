import { z } from 'zod';
import { MAX_IDLE_MINUTES, MIN_IDLE_MINUTES } from '$lib/domain/session-policy';
import { parseOrThrow } from '$lib/domain/validation';
import { authorize, type SessionRef } from './actor';
import { auditEntry } from './audit';
import { withStorageErrors } from './storage';

const idleMinutesSchema = z.object({
	idleMinutes: z.coerce
		.number({ error: 'err_idle_minutes_range' })
		.int({ error: 'err_idle_minutes_range' })
		.min(MIN_IDLE_MINUTES, { error: 'err_idle_minutes_range' })
		.max(MAX_IDLE_MINUTES, { error: 'err_idle_minutes_range' })
});

/** How long a session may stay idle before it ends (Account settings). */
export async function setIdleMinutes(session: SessionRef, input: unknown): Promise<number> {
	const { db, user } = await authorize(session, 'manage_workspace_settings');
	const { idleMinutes } = parseOrThrow(idleMinutesSchema, input);
	const before = await db.getMeta('idleMinutes');
	await withStorageErrors(() =>
		db.transaction('rw', db.meta, db.audit, async () => {
			await db.meta.put({ key: 'idleMinutes', value: idleMinutes });
			await db.audit.add(
				auditEntry(user, 'workspace.settings_changed', 'idleMinutes', {
					from: before ?? 0,
					to: idleMinutes
				})
			);
		})
	);
	return idleMinutes;
}
