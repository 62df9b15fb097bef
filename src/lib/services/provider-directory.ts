import { registryDb } from '$lib/db/registry-db';
import { foldForSearch } from '$lib/domain/audit';
import { cleanText } from '$lib/domain/text';
import { providerDirectory, type DirectoryProvider } from '$lib/domain/provider-directory';

const nameKey = (name: string) => foldForSearch(cleanText(name));

/**
 * The providers "Find a provider" lists: the directory shipped with the app, then `extra` (the
 * providers this workspace already partners with, once partnerships exist), then the provider
 * workspaces of this browser. A provider appears once: a later entry whose name matches an
 * earlier one (ignoring case, accents and spacing) is left out, so the entry with contact details
 * wins over a browser workspace, which has none.
 * Reads the registry only, so it can run inside a live query.
 */
export async function listKnownProviders(
	extra: DirectoryProvider[] = []
): Promise<DirectoryProvider[]> {
	const workspaces = await registryDb().workspaces.toArray();
	const browser = workspaces
		.filter((workspace) => workspace.kind === 'provider')
		.map((workspace): DirectoryProvider => ({
			id: `browser-${workspace.id}`,
			name: workspace.name,
			country: workspace.country,
			city: null,
			services: [],
			website: null,
			contactEmail: null,
			mpnId: null,
			source: 'browser'
		}));

	const seen = new Set<string>();
	const known: DirectoryProvider[] = [];
	for (const entry of [...providerDirectory, ...extra, ...browser]) {
		const key = nameKey(entry.name);
		if (seen.has(key)) continue;
		seen.add(key);
		known.push(entry);
	}
	return known;
}
