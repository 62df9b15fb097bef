import { beforeAll, describe, expect, it } from 'vitest';
import { workspaceDb } from '$lib/db/workspace-db';
import type { AuditAction, AuditFilter } from '$lib/domain/audit';
import { auditRecordSchema } from '$lib/domain/records';
import { auditEntry, queryActivity } from './audit';

const db = workspaceDb(crypto.randomUUID());
const helene = { id: crypto.randomUUID(), fullName: 'Hélène Dupré' };
const bruno = { id: crypto.randomUUID(), fullName: 'Bruno Martin' };

const rows: [typeof helene | null, AuditAction, string, number][] = [
	[helene, 'workspace.created', 'Société Générale', 100],
	[helene, 'user.signed_in', 'helene@exemple.fr', 200],
	[null, 'user.sign_in_failed', 'bruno@exemple.fr', 300],
	[bruno, 'user.signed_in', 'bruno@exemple.fr', 400],
	[bruno, 'workspace.settings_changed', 'idleMinutes', 500],
	[helene, 'user.signed_out', 'helene@exemple.fr', 600]
];

beforeAll(async () => {
	await db.audit.bulkAdd(
		rows.map(([actor, action, target, at]) => auditEntry(actor, action, target, undefined, at))
	);
});

describe('auditEntry', () => {
	it('builds a valid row, with or without an actor and details', () => {
		const withActor = auditEntry(
			helene,
			'workspace.settings_changed',
			'idleMinutes',
			{ from: 30, to: 45 },
			7
		);
		expect(withActor).toEqual({
			id: expect.any(String),
			at: 7,
			actorId: helene.id,
			actorName: 'Hélène Dupré',
			action: 'workspace.settings_changed',
			target: 'idleMinutes',
			details: { from: 30, to: 45 }
		});
		const anonymous = auditEntry(null, 'user.sign_in_failed', 'x@y.fr');
		expect(anonymous).toMatchObject({ actorId: null, actorName: '' });
		expect('details' in anonymous).toBe(false);
		expect(auditRecordSchema.safeParse(withActor).success).toBe(true);
		expect(auditRecordSchema.safeParse(anonymous).success).toBe(true);
		expect(anonymous.id).not.toBe(withActor.id);
	});
});

describe('queryActivity', () => {
	it.each<[string, AuditFilter, number[]]>([
		['everything, newest first', {}, [600, 500, 400, 300, 200, 100]],
		['one action', { action: 'user.signed_in' }, [400, 200]],
		['one actor', { actorId: bruno.id }, [500, 400]],
		['accent-free text in the actor name', { text: 'helene' }, [600, 200, 100]],
		['text in the target', { text: 'SOCIETE' }, [100]],
		['a time range, inclusive', { from: 200, to: 400 }, [400, 300, 200]],
		['an action within a range', { action: 'user.signed_in', from: 300 }, [400]],
		['an action and text', { action: 'user.signed_in', text: 'bruno' }, [400]],
		['nothing matching', { text: 'contoso' }, []]
	])('finds %s', async (_label, filter, times) => {
		expect((await queryActivity(db, filter)).map((entry) => entry.at)).toEqual(times);
	});

	it('returns at most `limit` entries, the newest', async () => {
		expect((await queryActivity(db, {}, 2)).map((entry) => entry.at)).toEqual([600, 500]);
		expect((await queryActivity(db, { text: 'helene' }, 2)).map((e) => e.at)).toEqual([600, 200]);
	});
});
