import { setProviderMpnId } from '$lib/services/partner-id';
import { afterEach } from 'vitest';
import type { ChannelRecord } from '$lib/db/records';
import { workspaceDb, type WorkspaceDB } from '$lib/db/workspace-db';
import type { CreateWorkspaceInput } from '$lib/domain/workspace';
import type { SessionRef } from '$lib/services/actor';
import { enrollExistingCsp } from '$lib/services/enrollment';
import { authorizeProvider, readInvitation, requestPartnership } from '$lib/services/partnerships';
import { startWorkspaceSync } from '$lib/services/sync';
import type { SyncEngine } from '$lib/sync/engine';
import { createTestWorkspace, type TestWorkspace } from './factories';

/**
 * Partnerships for service tests (Node + fake-indexeddb): a provider, an enrolled reseller, their
 * sync engines running in one process (one mailbox hub), and waiting for those engines to deliver.
 */

type PartnerOverrides = Partial<Pick<CreateWorkspaceInput, 'name' | 'country'>>;

/** The app's address that invitation links point into. */
export const APP = 'https://tierlink.example/app/';

/** The session of a test workspace's first user, as commands take it. */
export function session(w: TestWorkspace): SessionRef {
	return { workspaceId: w.workspaceId, userId: w.userId };
}

/** The parts of an invitation link the Authorize page reads: query string and fragment. */
export function linkParts(link: string): { search: string; hash: string } {
	const url = new URL(link);
	return { search: url.search, hash: url.hash };
}

/** A provider workspace: "Northwind Distribution" in Germany unless told otherwise. */
export function createTestProvider(overrides: PartnerOverrides = {}): Promise<TestWorkspace> {
	return createTestWorkspace({
		kind: 'provider',
		name: 'Northwind Distribution',
		country: 'DE',
		...overrides
	});
}

/** A reseller workspace ("Fabrikam Resale" in France unless told) enrolled, so it may authorize. */
export async function enrolledReseller(overrides: PartnerOverrides = {}): Promise<TestWorkspace> {
	const reseller = await createTestWorkspace({
		kind: 'reseller',
		name: 'Fabrikam Resale',
		country: 'FR',
		...overrides
	});
	await enrollExistingCsp(session(reseller), {
		support: { email: 'support@fabrikam.example', phone: '+33 1 23 45 67 00' }
	});
	return reseller;
}

/** The engines a test file starts: after every test each is stopped and the list emptied. */
export function enginesStoppedAfterEach(): SyncEngine[] {
	const engines: SyncEngine[] = [];
	afterEach(() => {
		for (const engine of engines.splice(0)) engine.stop();
	});
	return engines;
}

/** Starts the sync engine of each workspace, one after the other, and adds it to `engines`. */
export async function startEngines(engines: SyncEngine[], ...workspaces: TestWorkspace[]) {
	for (const workspace of workspaces) engines.push(await startWorkspaceSync(workspace.workspaceId));
}

/** Polls until `check` passes, letting the engines work meanwhile; throws after `timeoutMs`. */
export async function eventually(
	check: () => Promise<boolean>,
	engines: readonly SyncEngine[],
	timeoutMs = 5000
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		await Promise.all(engines.map((engine) => engine.idle()));
		if (await check()) return;
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
	throw new Error('timed out');
}

/**
 * A provider and an enrolled reseller (the defaults above) with their engines started into
 * `engines`, and `count` partnerships between them, each active on both sides.
 */
export async function activePartners(
	engines: SyncEngine[],
	count = 1,
	ids: { providerMpnId?: string; resellerMpnId?: string } = {}
) {
	const provider = await createTestProvider();
	const reseller = await enrolledReseller();
	// Partner IDs go on the cards the two exchange: stated before the partnership begins.
	if (ids.providerMpnId) await setProviderMpnId(session(provider), ids.providerMpnId);
	if (ids.resellerMpnId) await setProviderMpnId(session(reseller), ids.resellerMpnId);
	await startEngines(engines, provider, reseller);
	const providerDb = workspaceDb(provider.workspaceId);
	const resellerDb = workspaceDb(reseller.workspaceId);
	const channels: ChannelRecord[] = [];
	for (let i = 0; i < count; i++) {
		const { link } = await requestPartnership(
			session(provider),
			{ email: `admin${i}@fabrikam.example` },
			APP
		);
		const signed = await readInvitation(linkParts(link));
		channels.push(await authorizeProvider(session(reseller), signed, true));
	}
	for (const channel of channels) {
		const active = async (db: WorkspaceDB) =>
			(await db.channels.get(channel.id))?.state === 'active';
		await eventually(() => active(resellerDb), engines);
		await eventually(() => active(providerDb), engines);
	}
	return { provider, reseller, providerDb, resellerDb, channels };
}
