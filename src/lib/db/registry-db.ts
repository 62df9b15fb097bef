import Dexie, { type EntityTable } from 'dexie';
import type { WorkspaceEntry } from '$lib/domain/workspace';

/**
 * The registry lists the workspaces of this browser: id, kind, name, domain, country. No secrets.
 *
 * Schema history: v1 workspaces.
 */
export class RegistryDB extends Dexie {
	workspaces!: EntityTable<WorkspaceEntry, 'id'>;

	constructor() {
		super('tierlink-registry');
		this.version(1).stores({ workspaces: 'id, &domain, name, createdAt' });
	}
}

let registry: RegistryDB | undefined;

export function registryDb(): RegistryDB {
	registry ??= new RegistryDB();
	return registry;
}
