import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { newChannelKey } from '$lib/crypto/channel-cipher';
import { randomBytes, toBase64Url, toHex } from '$lib/crypto/encoding';
import { newSigningKeyPair } from '$lib/crypto/signing';
import type { ChannelRecord } from '$lib/db/records';
import { workspaceDb, type WorkspaceDB } from '$lib/db/workspace-db';
import type { Envelope, PublicJwk } from '$lib/domain/envelope';
import type { ChannelRole, PartnerCard } from '$lib/domain/partnership';
import { createTestWorkspace } from '$lib/test/factories';
import { resetDatabases } from '$lib/test/indexeddb';
import { ChannelSession, emptySyncState, type Identity } from './channel-session';
import { forgetFeeds, loadFeed, putOwnRecords, type FeedRecord } from './feed';
import { envelopesOf, type MailboxHub } from './mailbox-hub';
import { isOwnRefusal } from './projection';
import { keyFingerprintHex, mailboxName } from './relay-token';

/**
 * Property: whatever each side writes to its feed, and however the envelopes travel — any order,
 * duplicated, dropped, then everything delivered — each side's replica ends equal to the other's
 * feed and each side's Dexie projection equal to the other's own records.
 *
 * The real code runs on both sides (putOwnRecords in a Dexie transaction, ChannelSession sealing
 * with sealEnvelope, opening, applying, projecting); only the transport is a stand-in: each side
 * has its own copies of the mailbox documents, and the test carries envelopes between them.
 */
class TestHub {
	readonly docs = new Map<string, Y.Doc>();
	async open(name: string): Promise<Y.Doc> {
		let doc = this.docs.get(name);
		if (!doc) {
			doc = new Y.Doc();
			this.docs.set(name, doc);
		}
		return doc;
	}
	release(): void {}
	async persisted(): Promise<void> {}
}

interface Side {
	role: ChannelRole;
	db: WorkspaceDB;
	identity: Identity;
	card: PartnerCard;
}

let provider: Side;
let reseller: Side;
let replyFingerprint: string;
let replyKey: PublicJwk;

async function side(role: ChannelRole): Promise<Side> {
	const { workspaceId } = await createTestWorkspace({
		kind: role,
		name: `${role} Ltd`,
		country: 'FR'
	});
	const db = workspaceDb(workspaceId);
	const profile = (await db.getMeta('profile'))!;
	const privateKey = (await db.getMeta('identityPrivateKey'))!;
	const publicKey = profile.identity.publicKey as JsonWebKey;
	const fingerprint = await keyFingerprintHex(publicKey);
	return {
		role,
		db,
		identity: { fingerprint, publicKey, privateKey },
		card: {
			workspaceId,
			tenantId: profile.tenantId,
			name: profile.name,
			domain: profile.domain,
			mpnId: null,
			country: 'FR',
			publicKey: { kty: 'EC', crv: 'P-256', x: publicKey.x!, y: publicKey.y! },
			fingerprint
		}
	};
}

beforeAll(async () => {
	await resetDatabases();
	[provider, reseller] = await Promise.all([side('provider'), side('reseller')]);
	const reply = await newSigningKeyPair();
	replyKey = reply.publicKey as PublicJwk;
	replyFingerprint = await keyFingerprintHex(reply.publicKey);
});

afterAll(() => {
	forgetFeeds();
});

// ——— what the feeds may carry ———

const INVITATIONS = [
	'0b6a3f4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
	'1c7b4a5f-2d3e-4f6a-9b0c-1d2e3f4a5b6c',
	'2d8c5b6a-3e4f-4a7b-8c1d-2e3f4a5b6c7d'
];

interface Edit extends FeedRecord {
	/** whether the partner's projection must accept this value */
	valid: boolean;
}

const nameArb = fc.constantFrom(
	'Northwind',
	'Fabrikam',
	'Contoso',
	'Tailspin',
	'Wingtip',
	'Été & Cie'
);

function profileEdit(): fc.Arbitrary<Edit> {
	return fc.oneof(
		nameArb.map((name) => ({
			collection: 'profile',
			id: 'self',
			value: {
				workspaceId: '6f1c1d9e-4b7a-4c1e-9a55-0d1f7b0c2e11',
				tenantId: '2a7d3c44-9e1b-4f7a-8c3d-5e6f7a8b9c0d',
				name,
				domain: 'example.com',
				mpnId: null,
				country: 'FR',
				fingerprint: '0123456789abcdef0123456789abcdef'
			},
			valid: true
		})),
		fc.constant({ collection: 'profile', id: 'self', value: null, valid: true }),
		// refused by the schema
		nameArb.map((name) => ({ collection: 'profile', id: 'self', value: { name }, valid: false }))
	);
}

function partnershipEdit(allowed: boolean): fc.Arbitrary<Edit> {
	return fc.oneof(
		fc
			.record({ state: fc.constantFrom('active', 'removed'), since: fc.nat({ max: 1e12 }) })
			.map(({ state, since }) => ({
				collection: 'partnership',
				id: 'state',
				value: {
					state,
					resellerFingerprint: 'fedcba9876543210fedcba9876543210',
					since,
					removedAt: state === 'removed' ? since + 1 : null
				},
				valid: allowed
			})),
		fc.constant({ collection: 'partnership', id: 'state', value: null, valid: allowed })
	);
}

function acceptanceEdit(allowed: boolean): fc.Arbitrary<Edit> {
	return fc
		.record({
			id: fc.constantFrom(...INVITATIONS),
			by: nameArb,
			at: fc.nat({ max: 1e12 }),
			kind: fc.nat({ max: 4 })
		})
		.map(({ id, by, at, kind }) => ({
			collection: 'acceptance',
			id,
			value:
				kind === 0
					? null
					: kind === 1
						? { invitationId: id, acceptedBy: by }
						: {
								invitationId: id,
								channelId: 'fedcba9876543210fedcba9876543210',
								accepter: {
									workspaceId: '6f1c1d9e-4b7a-4c1e-9a55-0d1f7b0c2e11',
									tenantId: '2a7d3c44-9e1b-4f7a-8c3d-5e6f7a8b9c0d',
									name: by,
									domain: 'example.com',
									mpnId: null,
									country: 'FR',
									publicKey: { kty: 'EC', crv: 'P-256', x: 'A'.repeat(43), y: 'B'.repeat(43) },
									fingerprint: '0123456789abcdef0123456789abcdef'
								},
								acceptedAt: at,
								acceptedBy: by
							},
			valid: allowed && kind !== 1
		}));
}

/** records of a collection no rule knows (garbage, or a later version's collections) */
const unknownEdit: fc.Arbitrary<Edit> = fc
	.record({ id: fc.constantFrom('a', 'b', '__proto__', 'constructor'), n: fc.integer() })
	.map(({ id, n }) => ({
		collection: 'invoices',
		id,
		value: n % 3 === 0 ? null : { n },
		valid: false
	}));

function editsOf(role: ChannelRole): fc.Arbitrary<Edit[]> {
	const provider = role === 'provider';
	return fc.array(
		fc.oneof(profileEdit(), partnershipEdit(provider), acceptanceEdit(!provider), unknownEdit),
		{ minLength: 1, maxLength: 4 }
	);
}

type Op =
	| { type: 'edit'; side: 'provider' | 'reseller'; edits: Edit[] }
	| { type: 'deliver'; to: 'provider' | 'reseller'; picks: number[]; batch: boolean };

const opArb: fc.Arbitrary<Op> = fc.oneof(
	editsOf('provider').map((edits): Op => ({ type: 'edit', side: 'provider', edits })),
	editsOf('reseller').map((edits): Op => ({ type: 'edit', side: 'reseller', edits })),
	fc
		.record({
			to: fc.constantFrom('provider', 'reseller'),
			picks: fc.array(fc.nat(), { maxLength: 6 }),
			batch: fc.boolean()
		})
		.map((d): Op => ({ type: 'deliver', ...d }))
);

// ——— one run ———

interface Running {
	side: Side;
	partner: Side;
	hub: TestHub;
	session: ChannelSession;
	own: string;
	/** the partner's mailbox as this side holds it */
	partnerMailbox: string;
	/** final value and validity of every key this side wrote */
	written: Map<string, Edit>;
}

function channelFor(me: Side, partner: Side, id: string, key: string): ChannelRecord {
	return {
		id,
		kind: 'partnership',
		role: me.role,
		state: 'active',
		invitationId: INVITATIONS[0]!,
		key,
		replyKey,
		partner: partner.card,
		relayUrl: null,
		createdAt: 1,
		since: 1,
		removedAt: null
	};
}

async function open(me: Side, partner: Side, channelId: string, key: string): Promise<Running> {
	const hub = new TestHub();
	const session = new ChannelSession(
		me.db,
		channelFor(me, partner, channelId, key),
		me.identity,
		hub as unknown as MailboxHub,
		replyFingerprint
	);
	await session.start();
	return {
		side: me,
		partner,
		hub,
		session,
		own: mailboxName(channelId, me.identity.fingerprint),
		partnerMailbox: mailboxName(channelId, partner.identity.fingerprint),
		written: new Map()
	};
}

async function edit(run: Running, channelId: string, edits: Edit[]) {
	const { db } = run.side;
	await db.transaction('rw', [db.feedUpdates, db.sharedRecords], () =>
		putOwnRecords(
			db,
			channelId,
			edits.map(({ collection, id, value }) => ({ collection, id, value }))
		)
	);
	for (const e of edits) run.written.set(`${e.collection}|${e.id}`, e);
	await run.session.sealSoon();
}

function sealed(run: Running): Envelope[] {
	return envelopesOf(run.hub.docs.get(run.own)!).toArray() as Envelope[];
}

/** Carries envelopes from `from`'s own mailbox into `to`'s copy of it, as copies. */
function deliver(from: Running, to: Running, picks: number[], batch: boolean) {
	const envelopes = sealed(from);
	if (envelopes.length === 0) return;
	const target = envelopesOf(to.hub.docs.get(to.partnerMailbox)!);
	const chosen = picks.map((pick) => structuredClone(envelopes[pick % envelopes.length]!));
	if (batch) target.push(chosen);
	else for (const envelope of chosen) target.push([envelope]);
}

function replicaOf(run: Running): Y.Doc {
	// the replica is the session's own business; the property needs to look at it
	return (run.session as unknown as { replica: Y.Doc }).replica;
}

function mapsOf(doc: Y.Doc, names: Iterable<string>) {
	return Object.fromEntries([...names].sort().map((name) => [name, doc.getMap(name).toJSON()]));
}

async function check(reader: Running, author: Running, channelId: string) {
	await reader.session.idle();
	// 1. the replica equals the author's feed
	const feed = await loadFeed(author.side.db, channelId);
	const names = new Set([...feed.share.keys(), ...replicaOf(reader).share.keys()]);
	expect(mapsOf(replicaOf(reader), names)).toEqual(mapsOf(feed, names));

	// 2. the projection: every accepted record, as the author itself stores it; nothing refused
	const partnerRows = (await reader.side.db.sharedRecords.toArray()).filter(
		(row) => row.channelId === channelId && row.author === 'partner'
	);
	const ownRows = (await author.side.db.sharedRecords.toArray()).filter(
		(row) => row.channelId === channelId && row.author === 'self'
	);
	const accepted = new Map<string, unknown>();
	const removed = new Set<string>();
	const refused = new Set<string>();
	for (const [key, e] of author.written) {
		if (!e.valid) refused.add(key);
		else if (e.value === null) removed.add(key);
		else accepted.set(key, e.value);
	}
	const projected = new Map(partnerRows.map((row) => [`${row.collection}|${row.id}`, row.value]));
	const own = new Map(ownRows.map((row) => [`${row.collection}|${row.id}`, row.value]));
	for (const [key, value] of accepted) {
		expect(projected.get(key), key).toEqual(value);
		expect(projected.get(key), key).toEqual(own.get(key));
	}
	for (const key of removed) expect(projected.has(key), key).toBe(false);
	for (const key of projected.keys()) {
		// any other row is the last good version of a record whose latest version was refused
		if (!accepted.has(key)) expect(refused.has(key), key).toBe(true);
	}
	const quarantined = new Set(
		(await reader.side.db.quarantine.where('channelId').equals(channelId).toArray())
			.filter((row) => !isOwnRefusal(row))
			.map((row) => `${row.collection}|${row.recordId}`)
	);
	expect([...quarantined].sort()).toEqual([...refused].sort());

	// 3. the counters: everything received, no gap left
	const state = (await reader.side.db.syncState.get(channelId)) ?? emptySyncState(channelId);
	expect(state.missing).toEqual([]);
	expect(state.received).toBe(sealed(author).length);
	expect(Object.keys(state.dropped ?? {}).filter((reason) => reason !== 'replayed')).toEqual([]);
}

/** 30 by default (a few seconds); CONVERGENCE_RUNS=300 for a deeper search */
const RUNS = Number(process.env.CONVERGENCE_RUNS ?? 30);

describe('two partners’ feeds over envelopes', () => {
	it('projects a record written twice in one command as the feed holds it (the last write wins)', async () => {
		const channelId = toHex(randomBytes(16));
		const { db } = reseller;
		const value = { n: 2 };
		await db.transaction('rw', [db.feedUpdates, db.sharedRecords], () =>
			putOwnRecords(db, channelId, [
				{ collection: 'orders', id: 'a', value: null },
				{ collection: 'orders', id: 'a', value },
				{ collection: 'orders', id: 'b', value: { n: 1 } },
				{ collection: 'orders', id: 'b', value: null }
			])
		);
		const feed = await loadFeed(db, channelId);
		expect(feed.getMap('orders').toJSON()).toEqual({ a: value, b: null });
		const rows = (await db.sharedRecords.toArray()).filter((row) => row.channelId === channelId);
		expect(rows.map((row) => [row.id, row.value])).toEqual([['a', value]]);
	});

	it(
		'converge, replicas and Dexie projections alike, whatever the delivery',
		{ timeout: 30_000 + RUNS * 1_000 },
		async () => {
			await fc.assert(
				fc.asyncProperty(
					fc.array(opArb, { minLength: 1, maxLength: 14 }),
					fc.array(fc.nat(), { maxLength: 8 }),
					async (ops, finalOrder) => {
						const channelId = toHex(randomBytes(16));
						const key = toBase64Url(newChannelKey());
						const p = await open(provider, reseller, channelId, key);
						const r = await open(reseller, provider, channelId, key);
						try {
							const runs = { provider: p, reseller: r };
							for (const op of ops) {
								if (op.type === 'edit') {
									await edit(runs[op.side], channelId, op.edits);
								} else {
									const to = runs[op.to];
									const from = op.to === 'provider' ? r : p;
									deliver(from, to, op.picks, op.batch);
								}
							}
							// full delivery, in an order of its own, with some envelopes twice
							for (const [from, to] of [
								[p, r],
								[r, p]
							] as const) {
								const count = sealed(from).length;
								const order = [...Array(count).keys()].reverse();
								for (const n of finalOrder) order.splice(n % (order.length + 1), 0, n);
								deliver(from, to, order, false);
							}
							await check(r, p, channelId);
							await check(p, r, channelId);
						} finally {
							p.session.close();
							r.session.close();
						}
					}
				),
				{ numRuns: RUNS }
			);
		}
	);
});
