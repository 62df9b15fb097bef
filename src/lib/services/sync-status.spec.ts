import { beforeEach, describe, expect, it } from 'vitest';
import { workspaceDb } from '$lib/db/workspace-db';
import type { QuarantineRecord } from '$lib/db/records';
import { resetDatabases } from '$lib/test/indexeddb';
import {
	APP,
	createTestProvider,
	enginesStoppedAfterEach,
	enrolledReseller,
	eventually,
	linkParts,
	session,
	startEngines
} from '$lib/test/partners';
import { authorizeProvider, readInvitation, requestPartnership } from './partnerships';
import { syncOverview } from './sync-status';

function quarantined(channelId: string, recordId: string, at: number): QuarantineRecord {
	return {
		id: `${channelId}|profile|${recordId}`,
		channelId,
		collection: 'profile',
		recordId,
		reason: 'unknown_id',
		detail: '',
		at
	};
}

/** The item at `index`, failing the test when there is none. */
function at<T>(items: readonly T[], index: number): T {
	const item = items[index];
	if (item === undefined) throw new Error(`no item ${index}`);
	return item;
}

const engines = enginesStoppedAfterEach();

beforeEach(async () => {
	await resetDatabases();
});

describe('syncOverview', () => {
	it('is empty for a workspace without partners', async () => {
		const provider = await createTestProvider({ name: 'Northwind', country: 'FR' });
		expect(await syncOverview(workspaceDb(provider.workspaceId))).toEqual([]);
	});

	it('lists invited and active channels with their counters and their own quarantine', async () => {
		const provider = await createTestProvider({ country: 'DE' });
		const reseller = await enrolledReseller({ country: 'FR' });
		const providerDb = workspaceDb(provider.workspaceId);
		const resellerDb = workspaceDb(reseller.workspaceId);

		// One invitation stays unanswered, the other is accepted.
		const pending = await requestPartnership(
			session(provider),
			{ email: 'zeta@unanswered.example', name: '' },
			APP
		);
		const { link } = await requestPartnership(
			session(provider),
			{ email: 'admin@fabrikam.example', name: 'Fabrikam' },
			APP
		);
		const before = await syncOverview(providerDb);
		expect(before).toHaveLength(2);
		for (const item of before) {
			expect(item.channel.state).toBe('invited');
			expect(item.channel.partnerName).toBeNull();
			expect(item.syncState.lastSeq).toBe(0);
			expect(item.syncState.received).toBe(0);
		}
		// Sorted by what stands for the partner's name: the invited email while unanswered.
		expect(before.map((item) => item.channel.invitationEmail)).toEqual([
			'admin@fabrikam.example',
			'zeta@unanswered.example'
		]);

		await startEngines(engines, provider, reseller);
		const channel = await authorizeProvider(
			session(reseller),
			await readInvitation(linkParts(link)),
			true
		);
		await eventually(
			async () => (await resellerDb.channels.get(channel.id))?.state === 'active',
			engines
		);
		await eventually(async () => {
			const state = await providerDb.syncState.get(channel.id);
			return !!state && state.received > 0 && state.lastSeq > 0;
		}, engines);

		await providerDb.quarantine.bulkPut([
			quarantined(channel.id, 'older', 1_000),
			quarantined(channel.id, 'newer', 2_000),
			quarantined(pending.invitation.channelId, 'other', 3_000)
		]);

		const after = await syncOverview(providerDb);
		expect(after.map((item) => item.channel.id)).toEqual([
			channel.id, // "Fabrikam Resale"
			pending.invitation.channelId // "zeta@unanswered.example"
		]);
		const active = at(after, 0);
		const invited = at(after, 1);

		expect(active.channel).toMatchObject({
			role: 'provider',
			state: 'active',
			syncing: true,
			partnerName: 'Fabrikam Resale',
			invitationEmail: 'admin@fabrikam.example'
		});
		expect(active.channel.partnerFingerprint).toMatch(/^[0-9a-f]{32}$/);
		expect(active.syncState.lastSeq).toBeGreaterThan(0);
		expect(active.syncState.received).toBeGreaterThan(0);
		expect(active.syncState.lastSentAt).not.toBeNull();
		expect(active.syncState.lastReceivedAt).not.toBeNull();
		// (Both workspaces share this process's mailbox hub, so no transport is named here.)
		expect(active.syncState.dropped).toEqual({});
		expect(active.syncState.missing).toEqual([]);
		expect(active.waiting).toBe(0);
		expect(active.quarantined.map((row) => row.recordId)).toEqual(['newer', 'older']);
		expect(active).not.toHaveProperty('channel.key');

		expect(invited.channel).toMatchObject({
			state: 'invited',
			partnerName: null,
			partnerFingerprint: null,
			invitationEmail: 'zeta@unanswered.example'
		});
		expect(invited.quarantined.map((row) => row.recordId)).toEqual(['other']);

		// The reseller sees the provider by name; its channel has no invitation row of its own.
		const fromReseller = at(await syncOverview(resellerDb), 0);
		expect(fromReseller.channel).toMatchObject({
			id: channel.id,
			role: 'reseller',
			state: 'active',
			partnerName: 'Northwind Distribution',
			invitationEmail: null
		});
		expect(fromReseller.syncState.received).toBeGreaterThan(0);
		expect(fromReseller.quarantined).toEqual([]);
	});

	it('counts own feed updates not yet sent as waiting', async () => {
		const provider = await createTestProvider({ name: 'Northwind', country: 'FR' });
		const { invitation } = await requestPartnership(
			session(provider),
			{ email: 'a@b.example', name: '' },
			APP
		);
		const db = workspaceDb(provider.workspaceId);
		const rows = await db.feedUpdates.where('docId').equals(`feed:${invitation.channelId}`).count();
		const item = at(await syncOverview(db), 0);
		// Nothing was sealed yet: every row of the channel's feed is waiting.
		expect(item.waiting).toBe(rows);

		await db.syncState.put({ ...item.syncState, lastSentAt: Date.now() + 1000 });
		const later = at(await syncOverview(db), 0);
		expect(later.waiting).toBe(0);
	});
});
