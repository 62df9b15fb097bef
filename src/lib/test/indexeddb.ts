import Dexie from 'dexie';
import { registryDb } from '$lib/db/registry-db';
import { closeWorkspaceDb, workspaceDb } from '$lib/db/workspace-db';

const WORKSPACE_DB_PREFIX = 'tierlink-ws-';

/**
 * Empties fake-indexeddb between tests: closes and deletes every workspace database and clears
 * the registry. The registry database itself stays (its handle is cached by registryDb()).
 */
export async function resetDatabases(): Promise<void> {
	for (const { name } of await indexedDB.databases()) {
		if (!name?.startsWith(WORKSPACE_DB_PREFIX)) continue;
		closeWorkspaceDb(name.slice(WORKSPACE_DB_PREFIX.length));
		await Dexie.delete(name);
	}
	const registry = registryDb();
	// The PMC directory stays (seeding it hashes ten passwords); what workspaces claimed goes.
	await Promise.all([
		registry.workspaces.clear(),
		registry.mpnEnrollments.clear(),
		registry.programSettings.clear()
	]);
}

/** What a refused command must leave untouched: the registry rows and the list of databases. */
export async function storageSnapshot() {
	const [registry, databases] = await Promise.all([
		registryDb().workspaces.orderBy('id').toArray(),
		indexedDB.databases()
	]);
	return { registry, databases: databases.map((db) => db.name).sort() };
}

export type WorkspaceSnapshot = Awaited<ReturnType<typeof workspaceSnapshot>>;

/**
 * Every row of one workspace: its registry entry and all its tables. Lets a file create a
 * workspace once (one PBKDF2 hash) and put it back after each `resetDatabases()`.
 */
export async function workspaceSnapshot(workspaceId: string) {
	const entry = await registryDb().workspaces.get(workspaceId);
	if (!entry) throw new Error(`no workspace ${workspaceId}`);
	const db = workspaceDb(workspaceId);
	const tables = await db.transaction('r', db.tables, async () =>
		Object.fromEntries(
			await Promise.all(db.tables.map(async (table) => [table.name, await table.toArray()]))
		)
	);
	return { entry, tables: tables as Record<string, unknown[]> };
}

/** Writes a snapshot back, under the same workspace id, into an emptied database. */
export async function restoreWorkspace({ entry, tables }: WorkspaceSnapshot): Promise<void> {
	const db = workspaceDb(entry.id);
	await db.transaction('rw', db.tables, async () => {
		for (const table of db.tables) await table.bulkAdd(tables[table.name] ?? []);
	});
	await registryDb().workspaces.add(entry);
}
