import { beforeEach, describe, expect, it } from 'vitest';
import { registryDb } from '$lib/db/registry-db';
import { providerDirectory, type DirectoryProvider } from '$lib/domain/provider-directory';
import type { WorkspaceEntry } from '$lib/domain/workspace';
import type { WorkspaceKind } from '$lib/domain/roles';
import { createTestWorkspace } from '$lib/test/factories';
import { resetDatabases } from '$lib/test/indexeddb';
import { listKnownProviders } from './provider-directory';

beforeEach(resetDatabases);

let sequence = 0;

/** A registry row as createWorkspace writes it, without the PBKDF2 cost of creating one. */
async function registerWorkspace(kind: WorkspaceKind, name: string, country: string) {
	sequence += 1;
	const entry: WorkspaceEntry = {
		id: crypto.randomUUID(),
		kind,
		name,
		domain: `pd${sequence}${Math.random().toString(36).slice(2, 8)}.onmicrosoft.com`,
		country,
		createdAt: Date.now()
	};
	await registryDb().workspaces.add(entry);
	return entry;
}

const partner: DirectoryProvider = {
	id: 'fabrikam-wholesale',
	name: 'Fabrikam Wholesale',
	country: 'BE',
	city: 'Gent',
	services: ['marketing_help'],
	website: 'https://fabrikam-wholesale.example/',
	contactEmail: 'partners@fabrikam-wholesale.example',
	mpnId: '1234567',
	source: 'directory'
};

describe('listKnownProviders', () => {
	it('is the shipped directory when this browser has no provider workspace', async () => {
		await registerWorkspace('reseller', 'Contoso Resale', 'FR');
		await registerWorkspace('customer', 'Adatum Customer', 'FR');
		expect(await listKnownProviders()).toEqual([...providerDirectory]);
	});

	it('adds the provider workspaces of this browser, without contact details', async () => {
		const entry = await registerWorkspace('provider', 'Tailspin Distribution', 'CA');
		const known = await listKnownProviders();
		expect(known).toHaveLength(providerDirectory.length + 1);
		expect(known.at(-1)).toEqual({
			id: `browser-${entry.id}`,
			name: 'Tailspin Distribution',
			country: 'CA',
			city: null,
			services: [],
			website: null,
			contactEmail: null,
			mpnId: null,
			source: 'browser'
		});
	});

	it('includes a provider workspace created through the real service', async () => {
		const { workspaceId } = await createTestWorkspace({
			kind: 'provider',
			name: 'Wingtip Provider',
			country: 'us'
		});
		const known = await listKnownProviders();
		expect(known).toContainEqual(
			expect.objectContaining({
				id: `browser-${workspaceId}`,
				name: 'Wingtip Provider',
				country: 'US',
				source: 'browser'
			})
		);
	});

	it('does not list twice a browser workspace named like a directory entry', async () => {
		const shipped = providerDirectory[0]!;
		await registerWorkspace('provider', shipped.name.toUpperCase(), shipped.country);
		await registerWorkspace('provider', ` ${shipped.name.normalize('NFD')}  `, 'US');
		const known = await listKnownProviders();
		expect(known).toHaveLength(providerDirectory.length);
		expect(known.filter((e) => e.name === shipped.name)).toEqual([shipped]);
	});

	it('takes extra entries, each once, before the browser workspaces', async () => {
		await registerWorkspace('provider', 'Fabrikam Wholesale', 'BE');
		await registerWorkspace('provider', 'Litware Cloud', 'DE');
		const duplicateOfDirectory = { ...partner, id: 'copy', name: providerDirectory[1]!.name };
		const known = await listKnownProviders([partner, duplicateOfDirectory]);
		expect(known.map((e) => e.name)).toEqual([
			...providerDirectory.map((e) => e.name),
			'Fabrikam Wholesale',
			'Litware Cloud'
		]);
		expect(known.find((e) => e.name === 'Fabrikam Wholesale')).toEqual(partner);
	});

	it('lists several provider workspaces of this browser', async () => {
		await registerWorkspace('provider', 'Litware Cloud', 'DE');
		await registerWorkspace('provider', 'Proseware Supply', 'JP');
		const browser = (await listKnownProviders()).filter((e) => e.source === 'browser');
		expect(browser.map((e) => [e.name, e.country]).sort()).toEqual([
			['Litware Cloud', 'DE'],
			['Proseware Supply', 'JP']
		]);
	});
});
