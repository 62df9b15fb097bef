import Dexie from 'dexie';
import { registryDb } from '$lib/db/registry-db';
import { closeWorkspaceDb } from '$lib/db/workspace-db';

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
	await registryDb().workspaces.clear();
}

/** What a refused command must leave untouched: the registry rows and the list of databases. */
export async function storageSnapshot() {
	const [registry, databases] = await Promise.all([
		registryDb().workspaces.orderBy('id').toArray(),
		indexedDB.databases()
	]);
	return { registry, databases: databases.map((db) => db.name).sort() };
}
