import { beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { channelCryptoKey } from '$lib/crypto/channel-cipher';
import { fromBase64Url } from '$lib/crypto/encoding';
import { newSigningKeyPair } from '$lib/crypto/signing';
import type { ChannelRecord, SyncStateRecord } from '$lib/db/records';
import { workspaceDb } from '$lib/db/workspace-db';
import type { Envelope } from '$lib/domain/envelope';
import { sealEnvelope } from '$lib/sync/envelope';
import { putOwnRecords } from '$lib/sync/feed';
import { announceFeedChange } from '$lib/sync/feed-signal';
import { envelopesOf, mailboxHub } from '$lib/sync/mailbox-hub';
import { keyFingerprintHex, mailboxName } from '$lib/sync/relay-token';
import type { TestWorkspace } from '$lib/test/factories';
import { resetDatabases, workspaceSnapshot } from '$lib/test/indexeddb';
import {
	activePartners,
	enginesStoppedAfterEach,
	eventually as eventuallyWith,
	startEngines
} from '$lib/test/partners';

/**
 * The partner's mailbox under attack, with the real engines of both workspaces running in one
 * "browser" (one mailbox hub): whatever lands in the provider's mailbox — replays, forgeries,
 * garbage, gaps — must be counted on the reseller's side and change nothing else.
 */

/** Stands for another Yjs client (a relay, or anyone who can write the document). */
const INTRUDER = { name: 'intruder' };

const engines = enginesStoppedAfterEach();

beforeEach(async () => {
	await resetDatabases();
});

/** Polls until `check` passes, letting this file's engines work meanwhile. */
const eventually = (check: () => Promise<boolean>) => eventuallyWith(check, engines);

async function settle() {
	for (let i = 0; i < 3; i++) {
		await Promise.all(engines.map((engine) => engine.idle()));
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

/** A provider and a reseller with `count` active partnerships (channels) between them. */
async function partners(count = 1) {
	const { channels, ...workspaces } = await activePartners(engines, count);
	await settle();
	const providerFingerprint = channels[0]!.partner!.fingerprint;
	return {
		...workspaces,
		channels,
		/** the provider's mailbox of a channel: what the reseller reads */
		mailbox: (channel: ChannelRecord) => mailboxName(channel.id, providerFingerprint),
		providerFingerprint
	};
}

/** Changes the mailbox as another Yjs client would: an update made elsewhere, applied here. */
async function intrude(name: string, change: (envelopes: Y.Array<unknown>) => void) {
	const hub = mailboxHub();
	const doc = await hub.open(name);
	try {
		const other = new Y.Doc();
		Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
		expect(other.clientID).not.toBe(doc.clientID);
		const before = Y.encodeStateVector(doc);
		other.transact(() => change(envelopesOf(other)));
		expect(hub.apply(name, Y.encodeStateAsUpdate(other, before), INTRUDER)).toBe(true);
		await hub.persisted(name);
	} finally {
		hub.release(name);
	}
}

async function envelopesIn(name: string): Promise<Envelope[]> {
	const hub = mailboxHub();
	const doc = await hub.open(name);
	try {
		return envelopesOf(doc).toArray() as Envelope[];
	} finally {
		hub.release(name);
	}
}

async function syncState(workspaceId: string, channelId: string): Promise<SyncStateRecord> {
	const state = await workspaceDb(workspaceId).syncState.get(channelId);
	if (!state) throw new Error('no sync state');
	return state;
}

/** Every table of a workspace but the sync counters. */
async function storedData(workspaceId: string) {
	const { tables } = await workspaceSnapshot(workspaceId);
	const { syncState: _counters, ...rest } = tables;
	return rest;
}

/** A provider's profile rename, written like a command writes it, then sealed by its engine. */
async function renameProvider(
	provider: TestWorkspace,
	channelId: string,
	current: Record<string, unknown>,
	name: string
) {
	const db = workspaceDb(provider.workspaceId);
	await db.transaction('rw', [db.feedUpdates, db.sharedRecords], () =>
		putOwnRecords(db, channelId, [
			{ collection: 'profile', id: 'self', value: { ...current, name } }
		])
	);
	announceFeedChange(provider.workspaceId, channelId);
}

async function partnerProfile(workspaceId: string, channelId: string) {
	const row = await workspaceDb(workspaceId).sharedRecords.get([
		channelId,
		'partner',
		'profile',
		'self'
	]);
	return row?.value as Record<string, unknown> | undefined;
}

describe(
	'the reseller reading the provider’s mailbox (real engines, one browser)',
	{ timeout: 20_000 },
	() => {
		it('counts a replayed envelope as replayed and changes nothing else', async () => {
			const { reseller, channels, mailbox } = await partners();
			const [channel] = channels as [ChannelRecord];
			const state = await syncState(reseller.workspaceId, channel.id);
			expect(state.received).toBeGreaterThanOrEqual(2);
			expect(state.dropped).toEqual({});
			const before = await storedData(reseller.workspaceId);

			const [first, second] = await envelopesIn(mailbox(channel));
			expect(first?.seq).toBe(1);
			await intrude(mailbox(channel), (envelopes) =>
				envelopes.push([structuredClone(second), structuredClone(first)])
			);

			await eventually(
				async () => (await syncState(reseller.workspaceId, channel.id)).dropped.replayed === 2
			);
			await settle();
			const after = await syncState(reseller.workspaceId, channel.id);
			expect(after.dropped).toEqual({ replayed: 2 });
			expect(after.received).toBe(state.received);
			expect(after.missing).toEqual([]);
			expect(await storedData(reseller.workspaceId)).toEqual(before);
		});

		it('drops envelopes signed by a third key (bad_signature) or by an author it does not know (unknown_author)', async () => {
			const { reseller, resellerDb, channels, mailbox, providerFingerprint } = await partners();
			const [channel] = channels as [ChannelRecord];
			const before = await storedData(reseller.workspaceId);
			const profile = await partnerProfile(reseller.workspaceId, channel.id);
			expect(profile?.name).toBe('Northwind Distribution');

			// someone holding the channel key (e.g. from a leaked link) but not the provider's key
			const intruder = await newSigningKeyPair();
			const intruderFingerprint = await keyFingerprintHex(intruder.publicKey);
			const feed = new Y.Doc();
			feed.getMap('profile').set('self', { ...profile, name: 'Evil Corp' });
			feed.getMap('partnership').set('state', {
				state: 'removed',
				resellerFingerprint: '0'.repeat(32),
				since: 1,
				removedAt: 2
			});
			const update = new Uint8Array(Y.encodeStateAsUpdate(feed));
			const channelKey = await channelCryptoKey(
				fromBase64Url((await resellerDb.channels.get(channel.id))!.key)
			);
			const keys = { channelKey, authorPrivateKey: intruder.privateKey };
			const covers = new Uint8Array(Y.encodeStateVector(feed));
			const forged = await sealEnvelope(
				{ kind: 'update', channelId: channel.id, author: providerFingerprint, seq: 40, covers },
				update,
				keys
			);
			const snapshot = await sealEnvelope(
				{ kind: 'snapshot', channelId: channel.id, author: providerFingerprint, seq: 41, covers },
				update,
				keys
			);
			const ownName = await sealEnvelope(
				{ kind: 'update', channelId: channel.id, author: intruderFingerprint, seq: 42, covers },
				update,
				keys
			);
			await intrude(mailbox(channel), (envelopes) => envelopes.push([forged, snapshot, ownName]));

			await eventually(async () => {
				const { dropped } = await syncState(reseller.workspaceId, channel.id);
				return dropped.bad_signature === 2 && dropped.unknown_author === 1;
			});
			await settle();
			const after = await syncState(reseller.workspaceId, channel.id);
			expect(after.dropped).toEqual({ bad_signature: 2, unknown_author: 1 });
			// a dropped envelope is not "seen": it opens no gap
			expect(after.missing).toEqual([]);
			expect(await storedData(reseller.workspaceId)).toEqual(before);
			expect((await resellerDb.channels.get(channel.id))?.state).toBe('active');
			expect((await partnerProfile(reseller.workspaceId, channel.id))?.name).toBe(
				'Northwind Distribution'
			);
		});

		it('counts garbage items once, keeps reading that mailbox, and the other channel keeps working', async () => {
			const { provider, reseller, channels, mailbox } = await partners(2);
			const [attacked, other] = channels as [ChannelRecord, ChannelRecord];
			const before = await storedData(reseller.workspaceId);
			const profile = (await partnerProfile(reseller.workspaceId, attacked.id))!;

			// primitives alone first: they must be counted (and the count stored) on their own
			await intrude(mailbox(attacked), (envelopes) => envelopes.push([42, 'envelope', true, null]));
			await eventually(
				async () => (await syncState(reseller.workspaceId, attacked.id)).dropped.malformed === 4
			);
			const garbage: unknown[] = [
				[1, 2, 3],
				{},
				{ kind: 'update', seq: 'x' },
				{ v: 1, kind: 'update', seq: Number.MAX_SAFE_INTEGER, ciphertext: 'AAAA' },
				new Uint8Array([1, 2, 3]),
				-1
			];
			await intrude(mailbox(attacked), (envelopes) => {
				envelopes.push(garbage);
				envelopes.push([new Y.Map([['seq', 3]])]);
			});
			await eventually(
				async () => (await syncState(reseller.workspaceId, attacked.id)).dropped.malformed === 11
			);
			await settle();
			expect(await storedData(reseller.workspaceId)).toEqual(before);
			const otherState = await syncState(reseller.workspaceId, other.id);
			expect(otherState.dropped).toEqual({});

			// later good envelopes from the real author, on both channels
			await renameProvider(provider, attacked.id, profile, 'Northwind Distribution GmbH');
			await renameProvider(provider, other.id, profile, 'Northwind Distribution AG');
			await eventually(
				async () =>
					(await partnerProfile(reseller.workspaceId, attacked.id))?.name ===
					'Northwind Distribution GmbH'
			);
			await eventually(
				async () =>
					(await partnerProfile(reseller.workspaceId, other.id))?.name ===
					'Northwind Distribution AG'
			);
			await settle();
			const state = await syncState(reseller.workspaceId, attacked.id);
			// the garbage is still in the mailbox: reading it again must not count it again
			expect(state.dropped).toEqual({ malformed: 11 });
			expect(state.missing).toEqual([]);
			expect((await syncState(reseller.workspaceId, other.id)).dropped).toEqual({});
			expect(await workspaceDb(reseller.workspaceId).quarantine.count()).toBe(0);
		});

		it('reports a withheld envelope (seq 2) as missing, and applies nothing that depends on it', async () => {
			const { provider, reseller, channels, mailbox } = await partners();
			const [channel] = channels as [ChannelRecord];
			const profile = (await partnerProfile(reseller.workspaceId, channel.id))!;
			// the reseller closes its tab…
			const resellerEngine = engines.pop()!;
			resellerEngine.stop();
			// …the provider keeps working…
			await renameProvider(provider, channel.id, profile, 'Northwind Distribution GmbH');
			await eventually(async () => (await envelopesIn(mailbox(channel))).length === 3);
			const seqs = (await envelopesIn(mailbox(channel))).map((envelope) => envelope.seq);
			expect(seqs).toEqual([1, 2, 3]);
			// …and envelope 2 vanishes before the reseller comes back (a relay withholding it)
			const withheld = (await envelopesIn(mailbox(channel)))[1]!;
			await intrude(mailbox(channel), (envelopes) => {
				const index = envelopes.toArray().findIndex((item) => (item as Envelope).seq === 2);
				envelopes.delete(index, 1);
			});
			expect((await envelopesIn(mailbox(channel))).map((envelope) => envelope.seq)).toEqual([1, 3]);

			await startEngines(engines, reseller);
			await eventually(async () =>
				(await syncState(reseller.workspaceId, channel.id)).missing.includes(2)
			);
			await settle();
			const state = await syncState(reseller.workspaceId, channel.id);
			expect(state.missing).toEqual([2]);
			expect(state.dropped).toEqual({});
			// envelope 3 continues envelope 2's Yjs updates: it waits, the rename does not show
			expect((await partnerProfile(reseller.workspaceId, channel.id))?.name).toBe(
				'Northwind Distribution'
			);

			// once envelope 2 is delivered again (e.g. re-published), the gap closes and 3 applies
			await intrude(mailbox(channel), (envelopes) => envelopes.push([structuredClone(withheld)]));
			await eventually(
				async () =>
					(await partnerProfile(reseller.workspaceId, channel.id))?.name ===
					'Northwind Distribution GmbH'
			);
			expect((await syncState(reseller.workspaceId, channel.id)).missing).toEqual([]);
		});
	}
);
