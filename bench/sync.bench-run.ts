/**
 * `npm run bench:sync`, the browser half: runs in real Chromium with real IndexedDB (vitest
 * browser mode, bench/vitest.bench.config.ts), against the relay that scripts/bench-sync.mjs
 * started. Each figure runs the app's own code (SyncEngine, envelopes, Dexie projection), and the
 * same work with bare Yjs through the same relay. Every "browser" is a MailboxHub with its own
 * isolated mailbox database and no BroadcastChannel, so data only crosses by the relay.
 * Results go back to Node with the `benchReport` command; see bench/README.md.
 */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import Dexie, { liveQuery } from 'dexie';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { cdp, commands } from 'vitest/browser';
import * as Y from 'yjs';
import { newChannelKey, channelCryptoKey } from '$lib/crypto/channel-cipher';
import { randomBytes, toBase64, toBase64Url, toHex } from '$lib/crypto/encoding';
import { newSigningKeyPair } from '$lib/crypto/signing';
import type { ChannelRecord, SharedRecord, SyncStateRecord } from '$lib/db/records';
import { workspaceDb, type WorkspaceDB } from '$lib/db/workspace-db';
import type { Acceptance, PartnerCard } from '$lib/domain/partnership';
import { enrollExistingCsp } from '$lib/services/enrollment';
import {
	authorizeProvider,
	followPartnershipState,
	helloFor,
	ownPartnerCard,
	readInvitation,
	receiveAcceptance,
	requestPartnership
} from '$lib/services/partnerships';
import { setRelayUrl } from '$lib/services/sync';
import { emptySyncState } from '$lib/sync/channel-session';
import { SyncEngine } from '$lib/sync/engine';
import { sealEnvelope } from '$lib/sync/envelope';
import { forgetFeeds, loadFeed, putOwnRecords, type FeedRecord } from '$lib/sync/feed';
import { announceFeedChange } from '$lib/sync/feed-signal';
import { envelopesOf, MailboxHub } from '$lib/sync/mailbox-hub';
import { createRelayToken, keyFingerprintHex, mailboxName } from '$lib/sync/relay-token';
import { createTestWorkspace, type TestWorkspace } from '$lib/test/factories';

declare module 'vitest' {
	export interface ProvidedContext {
		relayUrl: string;
		benchScale: number;
		benchProfile: boolean;
	}
}

declare module 'vitest/browser' {
	interface BrowserCommands {
		benchReport: (json: string) => Promise<void>;
		relayStore: (mailboxes: { name: string; state: string }[]) => Promise<void>;
	}
}

// ——— sizes (BENCH_SCALE=0.1 for a quick try; the figures are for 1) ———

const scale = inject('benchScale') || 1;
const RECORDS = Math.round(10_000 * scale);
const BATCHES = 10;
const CHANGES = 100;
const WARM_UP = 5;
const CHANNELS = Math.round(2_000 * scale);

const url = inject('relayUrl');
const run = Math.random().toString(36).slice(2, 8);

type Keys = { publicKey: JsonWebKey; privateKey: JsonWebKey };

const report: Record<string, unknown> = {
	environment: {
		userAgent: navigator.userAgent,
		hardwareConcurrency: navigator.hardwareConcurrency,
		deviceMemory: (navigator as { deviceMemory?: number }).deviceMemory ?? null
	},
	sizes: { records: RECORDS, batches: BATCHES, changes: CHANGES, channels: CHANNELS }
};
const cleanups: (() => void)[] = [];

function log(message: string) {
	console.log(`[bench] ${message}`);
}

function hub(label: string): MailboxHub {
	const created = new MailboxHub({ isolated: `bench-${run}-${label}` });
	cleanups.push(() => created.close());
	return created;
}

function session(w: TestWorkspace) {
	return { workspaceId: w.workspaceId, userId: w.userId };
}

function jsonBytes(value: unknown): number {
	return new TextEncoder().encode(JSON.stringify(value)).byteLength;
}

function sleep(ms: number) {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls a plain condition (relay connections, upload acknowledgements). */
async function poll(check: () => boolean, what: string, timeoutMs: number) {
	const deadline = performance.now() + timeoutMs;
	while (!check()) {
		if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await sleep(10);
	}
}

/**
 * Resolves with the time (performance.now()) at which a Dexie query first satisfies `ok`, as a
 * page's LiveQuery would see it: re-run after each committed write to the tables it reads.
 */
function until<T>(
	query: () => Promise<T>,
	ok: (value: T) => boolean,
	what: string,
	timeoutMs: number
): Promise<number> {
	return new Promise((resolve, reject) => {
		let done = false;
		const finish = () => {
			done = true;
			clearTimeout(timer);
			setTimeout(() => subscription.unsubscribe(), 0);
		};
		const timer = setTimeout(() => {
			if (done) return;
			finish();
			reject(new Error(`timed out waiting for ${what}`));
		}, timeoutMs);
		const subscription = liveQuery(query).subscribe({
			next: (value) => {
				if (done || !ok(value)) return;
				const at = performance.now();
				finish();
				resolve(at);
			},
			error: (error) => {
				if (done) return;
				finish();
				reject(error);
			}
		});
	});
}

/**
 * Like `until`, but checks every `intervalMs` instead of after every write: for thousands of
 * small projection transactions, where re-running the query after each would slow the engine.
 */
async function pollUntil<T>(
	query: () => Promise<T>,
	ok: (value: T) => boolean,
	what: string,
	timeoutMs: number,
	intervalMs = 25
): Promise<number> {
	const deadline = performance.now() + timeoutMs;
	for (;;) {
		if (ok(await query())) return performance.now();
		if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await sleep(intervalMs);
	}
}

function stats(samples: number[]) {
	const sorted = [...samples].sort((a, b) => a - b);
	const at = (rank: number) => sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? NaN;
	const middle = sorted.length / 2;
	const median =
		sorted.length % 2 === 0
			? ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2
			: (sorted[Math.floor(middle)] ?? NaN);
	return {
		median,
		p95: at(Math.ceil(0.95 * sorted.length)),
		min: sorted[0] ?? NaN,
		max: sorted.at(-1) ?? NaN
	};
}

// ——— BENCH_PROFILE=1: where the main thread's time goes during a measurement ———

interface CpuProfile {
	nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
	samples: number[];
	timeDeltas: number[];
}

async function startProfile(): Promise<(() => Promise<void>) | null> {
	if (!inject('benchProfile')) return null;
	const session = cdp();
	await session.send('Profiler.enable');
	await session.send('Profiler.setSamplingInterval', { interval: 1000 });
	await session.send('Profiler.start');
	return async () => {
		const { profile } = (await session.send('Profiler.stop')) as { profile: CpuProfile };
		const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
		const self = new Map<string, number>();
		profile.samples.forEach((id, i) => {
			const frame = frames.get(id);
			if (!frame) return;
			const file = frame.url.split('?')[0]?.split('/').slice(-2).join('/') ?? '';
			const key = `${frame.functionName || '(anonymous)'}${file ? ` ${file}:${frame.lineNumber + 1}` : ''}`;
			self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
		});
		const total = [...self.values()].reduce((a, b) => a + b, 0);
		for (const [key, us] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15)) {
			log(
				`  profile ${(us / 1000).toFixed(0).padStart(6)} ms ${((100 * us) / total).toFixed(0).padStart(3)}%  ${key}`
			);
		}
	};
}

// ——— the app's engine, as services/sync.ts startWorkspaceSync builds it, on an isolated hub ———

async function engineFor(db: WorkspaceDB, mailboxes: MailboxHub): Promise<SyncEngine> {
	const [profile, privateKey, relayUrl] = await Promise.all([
		db.getMeta('profile'),
		db.getMeta('identityPrivateKey'),
		db.getMeta('relayUrl')
	]);
	if (!profile || !privateKey) throw new Error('workspace has no identity');
	const publicKey = profile.identity.publicKey as JsonWebKey;
	const engine = new SyncEngine({
		db,
		identity: { fingerprint: await keyFingerprintHex(publicKey), publicKey, privateKey },
		relayUrl: () => relayUrl ?? null,
		hub: mailboxes,
		hooks: {
			onHello: async (channel, plaintext, authorKey) => {
				await receiveAcceptance(db, channel, plaintext, authorKey);
			},
			helloFor: (channel) => helloFor(db, channel),
			afterProjection: (channel, collections) => followPartnershipState(db, channel, collections)
		}
	});
	cleanups.push(() => engine.stop());
	return engine;
}

/** The state of an engine's relay connections, for a log line when something is stuck. */
function describePool(engine: SyncEngine): string {
	const attached = (
		engine.relays as unknown as { attached: Map<string, { provider: HocuspocusProvider }> }
	).attached;
	return [...attached.entries()]
		.map(
			([key, { provider }]) =>
				`${key.split('|').slice(1).join(' ')} synced=${provider.isSynced} unsynced=${provider.unsyncedChanges} scope=${provider.authorizedScope}`
		)
		.join('; ');
}

// ——— bare Yjs through the relay ———

function socket(): HocuspocusProviderWebsocket {
	const created = new HocuspocusProviderWebsocket({ url, messageReconnectTimeout: 10 * 60 * 1000 });
	cleanups.push(() => created.destroy());
	return created;
}

function attach(
	websocketProvider: HocuspocusProviderWebsocket,
	name: string,
	document: Y.Doc,
	writer: Keys | null
): HocuspocusProvider {
	const provider = new HocuspocusProvider({
		websocketProvider,
		name,
		document,
		awareness: null,
		token: writer ? () => createRelayToken(name, writer) : 'read'
	});
	provider.attach();
	cleanups.push(() => provider.destroy());
	return provider;
}

async function newMailbox(keys?: Keys) {
	const writer = keys ?? (await newSigningKeyPair());
	const name = mailboxName(toHex(randomBytes(16)), await keyFingerprintHex(writer.publicKey));
	return { name, writer };
}

/**
 * Writes documents to the relay with their writers' tokens over one socket: connects each
 * empty, fills it once synced, and returns when the relay acknowledged every update. Closes
 * its socket, like a writer going offline.
 */
async function upload(
	items: { name: string; writer: Keys; fill: (doc: Y.Doc) => void }[],
	timeoutMs: number
): Promise<void> {
	const ws = socket();
	const attached = items.map((item) => {
		const doc = new Y.Doc();
		return { item, doc, provider: attach(ws, item.name, doc, item.writer) };
	});
	try {
		await poll(
			() => attached.every(({ provider }) => provider.isSynced),
			'upload connections',
			timeoutMs
		);
		const readOnly = attached.filter(({ provider }) => provider.authorizedScope !== 'read-write');
		if (readOnly.length) throw new Error(`${readOnly.length} uploads were refused write access`);
		for (const { item, doc } of attached) item.fill(doc);
		await poll(
			() => attached.every(({ provider }) => provider.unsyncedChanges === 0),
			'upload acknowledgements',
			timeoutMs
		);
	} finally {
		for (const { provider, doc } of attached) {
			provider.destroy();
			doc.destroy();
		}
		ws.destroy();
	}
}

/** Reads documents back from the relay on a fresh socket (to check what it holds). */
async function probe<T>(
	names: string[],
	read: (doc: Y.Doc) => T,
	timeoutMs = 60_000
): Promise<T[]> {
	const ws = socket();
	const attached = names.map((name) => {
		const doc = new Y.Doc();
		return { doc, provider: attach(ws, name, doc, null) };
	});
	try {
		await poll(() => attached.every(({ provider }) => provider.isSynced), 'probe', timeoutMs);
		return attached.map(({ doc }) => read(doc));
	} finally {
		for (const { provider, doc } of attached) {
			provider.destroy();
			doc.destroy();
		}
		ws.destroy();
	}
}

// ——— data ———

function randomBase64Url(bytes: number): string {
	return toBase64Url(randomBytes(bytes));
}

/**
 * One acceptance record for the reseller's feed. Each has its own accepter card (ids, names,
 * key), like the records of a real collection, so that compression does not make them look
 * cheaper than they are.
 */
function acceptance(channelId: string, i: number): FeedRecord {
	const invitationId = crypto.randomUUID();
	const accepter: PartnerCard = {
		workspaceId: crypto.randomUUID(),
		tenantId: crypto.randomUUID(),
		name: `Reseller ${i}`,
		domain: `reseller${i}.onmicrosoft.example`,
		mpnId: null,
		country: 'FR',
		publicKey: { kty: 'EC', crv: 'P-256', x: randomBase64Url(32), y: randomBase64Url(32) },
		fingerprint: toHex(randomBytes(16))
	};
	const value: Acceptance = {
		invitationId,
		channelId,
		accepter,
		acceptedAt: Date.now(),
		acceptedBy: `Bench user ${i}`
	};
	return { collection: 'acceptance', id: invitationId, value };
}

function profileRecord(card: PartnerCard) {
	return {
		workspaceId: card.workspaceId,
		tenantId: card.tenantId,
		name: card.name,
		domain: card.domain,
		mpnId: card.mpnId,
		country: card.country,
		fingerprint: card.fingerprint
	};
}

function partnerRows(db: WorkspaceDB, channelId: string, collection: string) {
	return db.sharedRecords.where('[collection+channelId]').equals([collection, channelId]);
}

// ——— the figures ———

describe('sync benchmark', () => {
	let provider: TestWorkspace;
	let reseller: TestWorkspace;
	let channelId = '';
	let resellerEngine: SyncEngine;
	let providerEngine: SyncEngine;

	afterAll(async () => {
		for (const cleanup of cleanups.reverse()) {
			try {
				cleanup();
			} catch {
				// already closed
			}
		}
		await commands.benchReport(JSON.stringify(report));
		// Best effort: the browser profile is thrown away anyway.
		for (const { name } of await indexedDB.databases()) {
			if (name) await Dexie.delete(name).catch(() => undefined);
		}
	});

	it('1. receives 10,000 shared records from scratch through the relay', async () => {
		expect(url).toMatch(/^ws:\/\//);
		const uaData = (
			navigator as {
				userAgentData?: {
					getHighEntropyValues(
						hints: string[]
					): Promise<{ fullVersionList?: { brand: string; version: string }[] }>;
				};
			}
		).userAgentData;
		const versions =
			(await uaData?.getHighEntropyValues(['fullVersionList']))?.fullVersionList ?? [];
		(report.environment as Record<string, unknown>).browserVersions = versions;
		log(`relay ${url}; setting up a partnership (two workspaces, invitation, acceptance)…`);
		provider = await createTestWorkspace({
			kind: 'provider',
			name: 'Northwind Distribution',
			country: 'DE'
		});
		reseller = await createTestWorkspace({
			kind: 'reseller',
			name: 'Fabrikam Resale',
			country: 'FR'
		});
		await enrollExistingCsp(session(reseller), {
			support: { email: 'support@fabrikam.example', phone: '+33 1 23 45 67 00' }
		});
		await setRelayUrl(session(provider), url);
		const { link } = await requestPartnership(
			session(provider),
			{ email: 'admin@fabrikam.example', name: 'Fabrikam' },
			`${location.origin}/`
		);
		const parsed = new URL(link);
		const signed = await readInvitation({ search: parsed.search, hash: parsed.hash });
		const pdb = workspaceDb(provider.workspaceId);
		const rdb = workspaceDb(reseller.workspaceId);

		const firstProviderEngine = await engineFor(pdb, hub('provider-a'));
		firstProviderEngine.start();
		resellerEngine = await engineFor(rdb, hub('reseller-a'));
		resellerEngine.start();
		const channel = await authorizeProvider(session(reseller), signed, true);
		channelId = channel.id;
		await until(
			() => pdb.channels.get(channelId),
			(c) => c?.state === 'active',
			'provider active',
			60_000
		);
		await until(
			() => rdb.channels.get(channelId),
			(c) => c?.state === 'active',
			'reseller active',
			60_000
		);
		await until(
			() => partnerRows(pdb, channelId, 'acceptance').count(),
			(n) => n === 1,
			'acceptance',
			60_000
		);
		// The provider goes offline; the reseller's feed grows meanwhile.
		firstProviderEngine.stop();

		log(`reseller writes ${RECORDS} acceptance records in ${BATCHES} commands…`);
		const batches: FeedRecord[][] = [];
		for (let b = 0; b < BATCHES; b++) {
			const batch: FeedRecord[] = [];
			for (let i = 0; i < RECORDS / BATCHES; i++) {
				batch.push(acceptance(channelId, b * (RECORDS / BATCHES) + i));
			}
			batches.push(batch);
		}
		for (const batch of batches) {
			await rdb.transaction('rw', [rdb.feedUpdates, rdb.sharedRecords], () =>
				putOwnRecords(rdb, channelId, batch)
			);
			announceFeedChange(reseller.workspaceId, channelId);
			await resellerEngine.idle();
		}
		if (!(await resellerEngine.relays.flushed(30_000))) {
			log(`reseller relay pool not flushed after 30 s: ${describePool(resellerEngine)}`);
		}
		const ownMailbox = resellerEngine.session(channelId)?.ownMailbox;
		if (!ownMailbox) throw new Error('no reseller session');
		const mailboxDoc = await resellerEngine.hub.open(ownMailbox);
		const envelopes = envelopesOf(mailboxDoc).length;
		const mailboxBytes = Y.encodeStateAsUpdate(mailboxDoc).byteLength;
		resellerEngine.hub.release(ownMailbox);
		// What counts is what the relay holds: read it back on a fresh socket.
		let onRelay = 0;
		const deadline = performance.now() + 60_000;
		while (performance.now() < deadline) {
			[onRelay = 0] = await probe([ownMailbox], (doc) => envelopesOf(doc).length);
			if (onRelay === envelopes) break;
			await sleep(500);
		}
		expect(onRelay).toBe(envelopes);
		const recordBytes = jsonBytes(batches[0]?.[0]?.value);

		// A fresh reader: the provider's projected partner rows are gone, its mailbox database
		// is new and empty, so everything comes from the relay.
		await pdb.sharedRecords
			.where('[author+collection]')
			.between(['partner', Dexie.minKey], ['partner', Dexie.maxKey])
			.filter((row: SharedRecord) => row.channelId === channelId)
			.delete();
		expect(await partnerRows(pdb, channelId, 'acceptance').count()).toBe(0);
		// A new tab holds no feed in memory either.
		forgetFeeds();
		providerEngine = await engineFor(pdb, hub('provider-b'));
		log(`fresh provider reads ${envelopes} envelopes (${(mailboxBytes / 1024).toFixed(0)} KiB)…`);
		const stopProfile = await startProfile();
		const secureStart = performance.now();
		providerEngine.start();
		const secureEnd = await until(
			() => partnerRows(pdb, channelId, 'acceptance').count(),
			(n) => n >= RECORDS + 1,
			`${RECORDS} projected rows`,
			300_000
		);
		const secureMs = secureEnd - secureStart;
		await stopProfile?.();
		expect(await pdb.quarantine.count()).toBe(0);

		log('baseline: bare Y.Doc through the relay…');
		const bare = await newMailbox();
		let bareBytes = 0;
		await upload(
			[
				{
					...bare,
					fill: (doc) => {
						const map = doc.getMap('acceptance');
						for (const batch of batches) {
							doc.transact(() => {
								for (const record of batch) map.set(record.id, record.value);
							});
						}
						bareBytes = Y.encodeStateAsUpdate(doc).byteLength;
					}
				}
			],
			120_000
		);
		const reader = new Y.Doc();
		const map = reader.getMap('acceptance');
		const bareStart = performance.now();
		const bareEnd = await new Promise<number>((resolve) => {
			const check = () => {
				if (map.size < RECORDS) return;
				reader.off('update', check);
				resolve(performance.now());
			};
			reader.on('update', check);
			attach(socket(), bare.name, reader, null);
		});
		const bareMs = bareEnd - bareStart;
		expect(map.size).toBe(RECORDS);

		report.receive = {
			records: RECORDS,
			recordBytes,
			envelopes,
			mailboxBytes,
			bareBytes,
			secureMs,
			bareMs
		};
		log(`receive ${RECORDS}: ${secureMs.toFixed(0)} ms (bare Yjs ${bareMs.toFixed(0)} ms)`);
	});

	it('2. one change appears on the other side (median, p95 over 100)', async () => {
		expect(channelId).not.toBe('');
		const pdb = workspaceDb(provider.workspaceId);
		const rdb = workspaceDb(reseller.workspaceId);
		const own = await pdb.sharedRecords.get([channelId, 'self', 'profile', 'self']);
		if (!own) throw new Error('no provider profile record');
		const base = own.value as Record<string, unknown>;
		const partnerProfile = () => rdb.sharedRecords.get([channelId, 'partner', 'profile', 'self']);

		async function change(i: number): Promise<number> {
			const name = `Northwind Distribution ${i}`;
			const start = performance.now();
			await pdb.transaction('rw', [pdb.feedUpdates, pdb.sharedRecords], () =>
				putOwnRecords(pdb, channelId, [
					{ collection: 'profile', id: 'self', value: { ...base, name } }
				])
			);
			announceFeedChange(provider.workspaceId, channelId);
			const end = await until(
				partnerProfile,
				(row) => (row?.value as { name?: string } | undefined)?.name === name,
				`change ${i}`,
				30_000
			);
			// Let both sides finish their bookkeeping before the next change.
			await Promise.all([providerEngine.idle(), resellerEngine.idle()]);
			return end - start;
		}

		log(`${CHANGES} provider profile changes → reseller…`);
		for (let i = 0; i < WARM_UP; i++) await change(-1 - i);
		const secure: number[] = [];
		const stopProfile = await startProfile();
		for (let i = 0; i < CHANGES; i++) secure.push(await change(i));
		await stopProfile?.();

		log('baseline: bare Yjs map.set → other side…');
		const bare = await newMailbox();
		const writer = new Y.Doc();
		const writerProvider = attach(socket(), bare.name, writer, bare.writer);
		const reader = new Y.Doc();
		const readerProvider = attach(socket(), bare.name, reader, null);
		await poll(
			() => writerProvider.isSynced && readerProvider.isSynced,
			'bare connections',
			30_000
		);
		expect(writerProvider.authorizedScope).toBe('read-write');
		const readerMap = reader.getMap<{ name: string }>('profile');
		async function bareChange(i: number): Promise<number> {
			const name = `Northwind Distribution ${i}`;
			const seen = new Promise<number>((resolve) => {
				const observer = () => {
					if (readerMap.get('self')?.name !== name) return;
					readerMap.unobserve(observer);
					resolve(performance.now());
				};
				readerMap.observe(observer);
			});
			const start = performance.now();
			writer.getMap('profile').set('self', { ...base, name });
			return (await seen) - start;
		}
		for (let i = 0; i < WARM_UP; i++) await bareChange(-1 - i);
		const bareSamples: number[] = [];
		for (let i = 0; i < CHANGES; i++) bareSamples.push(await bareChange(i));

		report.latency = {
			changes: CHANGES,
			recordBytes: jsonBytes({ ...base, name: 'Northwind Distribution 99' }),
			secure: stats(secure),
			bare: stats(bareSamples)
		};
		log(
			`latency: median ${stats(secure).median.toFixed(1)} ms, p95 ${stats(secure).p95.toFixed(1)} ms`
		);
		providerEngine.stop();
		resellerEngine.stop();
	});

	it('3. a provider catches up on 2,000 channels over one socket', async () => {
		log(`setting up ${CHANNELS} active channels (keys, feeds, envelopes)…`);
		const setupStart = performance.now();
		const owner = await createTestWorkspace({
			kind: 'provider',
			name: 'Contoso Distribution',
			country: 'FR'
		});
		const db = workspaceDb(owner.workspaceId);
		await setRelayUrl(session(owner), url);
		const me = await ownPartnerCard(db);
		const myKeys = {
			publicKey: me.publicKey as JsonWebKey,
			privateKey: (await db.getMeta('identityPrivateKey')) as JsonWebKey
		};
		const now = Date.now();

		interface Planned {
			channel: ChannelRecord;
			channelKey: Uint8Array<ArrayBuffer>;
			reseller: Keys;
			card: PartnerCard;
		}
		const plan = async (i: number): Promise<Planned> => {
			const [reseller, reply] = await Promise.all([newSigningKeyPair(), newSigningKeyPair()]);
			const fingerprint = await keyFingerprintHex(reseller.publicKey);
			const card: PartnerCard = {
				workspaceId: crypto.randomUUID(),
				tenantId: crypto.randomUUID(),
				name: `Reseller ${i}`,
				domain: `reseller${i}.onmicrosoft.example`,
				mpnId: null,
				country: 'FR',
				publicKey: reseller.publicKey as PartnerCard['publicKey'],
				fingerprint
			};
			const channelKey = newChannelKey();
			const channel: ChannelRecord = {
				id: toHex(randomBytes(16)),
				kind: 'partnership',
				role: 'provider',
				state: 'active',
				invitationId: crypto.randomUUID(),
				key: toBase64Url(channelKey),
				replyKey: reply.publicKey as ChannelRecord['replyKey'],
				partner: card,
				relayUrl: url,
				createdAt: now,
				since: now,
				removedAt: null
			};
			return { channel, channelKey, reseller, card };
		};
		const planned: Planned[] = [];
		for (let start = 0; start < CHANNELS; start += 100) {
			const size = Math.min(100, CHANNELS - start);
			planned.push(...(await Promise.all(Array.from({ length: size }, (_, k) => plan(start + k)))));
		}

		// The provider's side, as its commands left it: channels, its own feed per channel
		// (profile + partnership state), sealed into its mailbox (syncState says so).
		await db.transaction('rw', [db.channels, db.feedUpdates, db.sharedRecords], async () => {
			await db.channels.bulkAdd(planned.map(({ channel }) => channel));
			await Promise.all(
				planned.map(({ channel, card }) =>
					putOwnRecords(
						db,
						channel.id,
						[
							{ collection: 'profile', id: 'self', value: profileRecord(me) },
							{
								collection: 'partnership',
								id: 'state',
								value: {
									state: 'active',
									resellerFingerprint: card.fingerprint,
									since: now,
									removedAt: null
								}
							}
						],
						now
					)
				)
			);
		});

		const mailboxes: { name: string; state: string }[] = [];
		const bareMailboxes: { name: string; state: string }[] = [];
		const states: SyncStateRecord[] = [];
		let partnerRecordBytes = 0;
		const bareWriter = await newSigningKeyPair();
		const mailboxState = (envelope: unknown) => {
			const doc = new Y.Doc();
			envelopesOf(doc).push([envelope]);
			const state = toBase64(Y.encodeStateAsUpdate(doc));
			doc.destroy();
			return state;
		};
		const seal = async ({ channel, channelKey, reseller, card }: Planned) => {
			const key = await channelCryptoKey(channelKey);
			// The provider's own envelope.
			const feed = await loadFeed(db, channel.id);
			const covers = new Uint8Array(Y.encodeStateVector(feed));
			const own = await sealEnvelope(
				{ kind: 'update', channelId: channel.id, author: me.fingerprint, seq: 1, covers },
				new Uint8Array(Y.encodeStateAsUpdate(feed)),
				{ channelKey: key, authorPrivateKey: myKeys.privateKey }
			);
			states.push({ ...emptySyncState(channel.id), sealedSv: covers, lastSeq: 1, lastSentAt: now });
			mailboxes.push({ name: mailboxName(channel.id, me.fingerprint), state: mailboxState(own) });
			// The reseller's feed (its profile and its acceptance), sealed by the reseller.
			const resellerFeed = new Y.Doc();
			const acceptanceValue: Acceptance = {
				invitationId: channel.invitationId,
				channelId: channel.id,
				accepter: card,
				acceptedAt: now,
				acceptedBy: 'Bench user'
			};
			resellerFeed.transact(() => {
				resellerFeed.getMap('profile').set('self', profileRecord(card));
				resellerFeed.getMap('acceptance').set(channel.invitationId, acceptanceValue);
			});
			partnerRecordBytes = jsonBytes(profileRecord(card)) + jsonBytes(acceptanceValue);
			const theirs = await sealEnvelope(
				{
					kind: 'update',
					channelId: channel.id,
					author: card.fingerprint,
					seq: 1,
					covers: new Uint8Array(Y.encodeStateVector(resellerFeed))
				},
				new Uint8Array(Y.encodeStateAsUpdate(resellerFeed)),
				{ channelKey: key, authorPrivateKey: reseller.privateKey }
			);
			resellerFeed.destroy();
			mailboxes.push({
				name: mailboxName(channel.id, card.fingerprint),
				state: mailboxState(theirs)
			});
			// Bare Yjs: the same records in a plain document per channel.
			const bare = new Y.Doc();
			bare.transact(() => {
				bare.getMap('profile').set('self', profileRecord(card));
				bare.getMap('acceptance').set(channel.invitationId, acceptanceValue);
			});
			const { name } = await newMailbox(bareWriter);
			bareMailboxes.push({ name, state: toBase64(Y.encodeStateAsUpdate(bare)) });
			bare.destroy();
		};
		for (let start = 0; start < planned.length; start += 100) {
			await Promise.all(planned.slice(start, start + 100).map(seal));
		}
		await db.syncState.bulkPut(states);
		// The relay holds them as if written earlier and the relay restarted since: files in its
		// data directory (relay/README.md, "Backups"), loaded when a client first asks.
		await commands.relayStore([...mailboxes, ...bareMailboxes]);
		const sample = [mailboxes[1], mailboxes.at(-1)].map((m) => m?.name ?? '');
		const held = await probe(sample, (doc) => envelopesOf(doc).length);
		expect(held).toEqual([1, 1]);
		const setupMs = performance.now() - setupStart;

		// Back online with an empty mailbox database, and no feed in memory.
		// Two native IndexedDB counts (anyOf would walk a cursor on every poll).
		const partnerCount = async () =>
			(await db.sharedRecords.where('[author+collection]').equals(['partner', 'profile']).count()) +
			(await db.sharedRecords
				.where('[author+collection]')
				.equals(['partner', 'acceptance'])
				.count());
		expect(await partnerCount()).toBe(0);
		forgetFeeds();
		const engine = await engineFor(db, hub('catch-up'));
		log(
			`set up in ${(setupMs / 1000).toFixed(0)} s; provider engine starts on ${CHANNELS} channels…`
		);
		const stopFigure3Profile = await startProfile();
		const secureStart = performance.now();
		engine.start();
		let startedMs = 0;
		let connectedMs = 0;
		void (async () => {
			await poll(() => engine.relays.status(url) === 'connected', 'socket', 480_000);
			connectedMs = performance.now() - secureStart;
			await poll(
				() => planned.every(({ channel }) => engine.session(channel.id)),
				'sessions',
				480_000
			);
			startedMs = performance.now() - secureStart;
		})().catch(() => undefined);
		// Polled every 100 ms rather than after each of thousands of projection transactions.
		const secureEnd = await pollUntil(
			partnerCount,
			(n) => n >= 2 * CHANNELS,
			`${2 * CHANNELS} projected rows`,
			480_000,
			100
		);
		const secureMs = secureEnd - secureStart;
		await stopFigure3Profile?.();
		log(
			`socket connected after ${connectedMs.toFixed(0)} ms, all sessions started after ${startedMs.toFixed(0)} ms`
		);
		const status = engine.relays.status(url);
		await engine.idle();
		engine.stop();
		expect(await db.quarantine.count()).toBe(0);

		log(`baseline: ${CHANNELS} bare Y.Docs on one socket…`);
		const bareStart = performance.now();
		const ws = socket();
		const readers = bareMailboxes.map(({ name }) => {
			const doc = new Y.Doc();
			return { doc, provider: attach(ws, name, doc, null) };
		});
		let synced = 0;
		const bareEnd = await new Promise<number>((resolve) => {
			for (const { provider } of readers) {
				provider.on('synced', () => {
					synced++;
					if (synced === readers.length) resolve(performance.now());
				});
			}
		});
		const bareMs = bareEnd - bareStart;
		expect(readers.every(({ doc }) => doc.getMap('acceptance').size === 1)).toBe(true);
		for (const { provider, doc } of readers) {
			provider.destroy();
			doc.destroy();
		}
		ws.destroy();

		report.catchUp = {
			channels: CHANNELS,
			recordsPerChannel: 2,
			partnerRecordBytes,
			mailboxesAttached: 2 * CHANNELS,
			relayStatus: status,
			connectedMs,
			sessionsStartedMs: startedMs,
			setupMs,
			secureMs,
			bareMs
		};
		log(
			`catch-up ${CHANNELS} channels: ${secureMs.toFixed(0)} ms (bare Yjs ${bareMs.toFixed(0)} ms)`
		);
	});
});
