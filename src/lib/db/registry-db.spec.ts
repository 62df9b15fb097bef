import Dexie from 'dexie';
import { beforeEach, describe, expect, it } from 'vitest';
import { resetDatabases } from '$lib/test/indexeddb';
import type { WorkspaceEntry } from '$lib/domain/workspace';
import { registryDb } from './registry-db';

function entry(overrides: Partial<WorkspaceEntry> = {}): WorkspaceEntry {
	return {
		id: crypto.randomUUID(),
		kind: 'reseller',
		name: 'Contoso',
		domain: 'contoso.onmicrosoft.com',
		country: 'FR',
		createdAt: 1,
		...overrides
	};
}

beforeEach(resetDatabases);

describe('registryDb', () => {
	it('is one shared handle', () => {
		expect(registryDb()).toBe(registryDb());
		expect(registryDb().name).toBe('tierlink-registry');
	});

	it('refuses a second workspace with the same domain', async () => {
		await registryDb().workspaces.add(entry());
		await expect(registryDb().workspaces.add(entry({ name: 'Other' }))).rejects.toBeInstanceOf(
			Dexie.ConstraintError
		);
		expect(await registryDb().workspaces.count()).toBe(1);
	});

	it('lists by name through its index', async () => {
		await registryDb().workspaces.bulkAdd([
			entry({ name: 'Zèbre', domain: 'zebre.onmicrosoft.com' }),
			entry({ name: 'Alpha', domain: 'alpha.onmicrosoft.com' })
		]);
		const names = (await registryDb().workspaces.orderBy('name').toArray()).map((w) => w.name);
		expect(names).toEqual(['Alpha', 'Zèbre']);
	});
});
