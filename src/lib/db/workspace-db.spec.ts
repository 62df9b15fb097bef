import Dexie from 'dexie';
import { beforeEach, describe, expect, it } from 'vitest';
import { catalogOffer, subscriptionRow, uniqueHex } from '$lib/test/commerce-rows';
import { resetDatabases } from '$lib/test/indexeddb';
import {
	closeWorkspaceDb,
	WORKSPACE_DB_VERSION,
	workspaceDb,
	workspaceDbName,
	workspaceSchemaV1,
	workspaceSchemaV2,
	workspaceSchemaV3,
	workspaceSchemaV5,
	workspaceSchemaV6
} from './workspace-db';
import { workspaceTablesByVersion, workspaceTableSchemas } from '$lib/domain/records';

beforeEach(resetDatabases);

describe('workspaceDb', () => {
	it('names each database after its workspace', () => {
		expect(workspaceDbName('abc')).toBe('tierlink-ws-abc');
		expect(workspaceDb('abc').name).toBe('tierlink-ws-abc');
	});

	it('has one table per row schema, and each version lists its tables', () => {
		expect(Object.keys(workspaceSchemaV6).sort()).toEqual(
			Object.keys(workspaceTableSchemas).sort()
		);
		expect([...workspaceTablesByVersion[5]!].sort()).toEqual(Object.keys(workspaceSchemaV5).sort());
		expect([...workspaceTablesByVersion[3]!].sort()).toEqual(Object.keys(workspaceSchemaV3).sort());
		expect([...workspaceTablesByVersion[2]!].sort()).toEqual(Object.keys(workspaceSchemaV2).sort());
		expect([...workspaceTablesByVersion[1]!].sort()).toEqual(Object.keys(workspaceSchemaV1).sort());
		expect([...workspaceTablesByVersion[WORKSPACE_DB_VERSION]!].sort()).toEqual(
			Object.keys(workspaceSchemaV6).sort()
		);
		expect(
			workspaceDb('tables')
				.tables.map((t) => t.name)
				.sort()
		).toEqual(Object.keys(workspaceTableSchemas).sort());
	});

	it('returns the same handle until it is closed', async () => {
		const id = crypto.randomUUID();
		const db = workspaceDb(id);
		expect(workspaceDb(id)).toBe(db);
		await db.meta.put({ key: 'idleMinutes', value: 45 });
		closeWorkspaceDb(id);
		expect(db.isOpen()).toBe(false);
		const fresh = workspaceDb(id);
		expect(fresh).not.toBe(db);
		expect(await fresh.getMeta('idleMinutes')).toBe(45);
	});

	it('keeps workspaces apart', async () => {
		const [a, b] = [crypto.randomUUID(), crypto.randomUUID()];
		await workspaceDb(a).meta.put({ key: 'idleMinutes', value: 10 });
		expect(await workspaceDb(b).getMeta('idleMinutes')).toBeUndefined();
		expect(await workspaceDb(a).getMeta('idleMinutes')).toBe(10);
	});

	it('enforces one account per email', async () => {
		const db = workspaceDb(crypto.randomUUID());
		const user = {
			id: crypto.randomUUID(),
			email: 'ana@contoso.com',
			fullName: 'Ana',
			agentRole: 'none',
			adminRole: 'none',
			status: 'active',
			password: { algorithm: 'PBKDF2-SHA-256', iterations: 600_000, salt: 'AAAA', hash: 'AAAA' },
			mustChangePassword: false,
			createdAt: 0,
			lastSignInAt: null
		} as const;
		await db.users.add(user);
		await expect(db.users.add({ ...user, id: crypto.randomUUID() })).rejects.toMatchObject({
			name: 'ConstraintError'
		});
	});

	it('closing an unknown workspace is harmless', () => {
		expect(() => closeWorkspaceDb('never-opened')).not.toThrow();
	});

	it('upgrading to v6 counts every subscription by status into the running totals', async () => {
		const id = uniqueHex();
		const channelId = uniqueHex();
		const offer = catalogOffer('Microsoft 365 Business Basic');
		const rows = (['active', 'active', 'suspended', 'expired'] as const).map((status, i) =>
			subscriptionRow({ channelId, customerKey: 'c', offer, quantity: i + 1, status })
		);
		const v5 = new Dexie(workspaceDbName(id));
		v5.version(5).stores({ ...workspaceSchemaV5 });
		await v5.table('subscriptions').bulkAdd(rows);
		v5.close();

		const db = workspaceDb(id);
		const totals = await db.subscriptionTotals.where('dimension').equals('status').toArray();
		expect(totals.map(({ id, subscriptions, seats }) => [id, subscriptions, seats]).sort()).toEqual(
			[
				['active', 2, 3],
				['expired', 1, 4],
				['suspended', 1, 3]
			]
		);
		closeWorkspaceDb(id);
	});
});
