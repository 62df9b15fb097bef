import { publicPart } from '$lib/crypto/signing';
import * as Y from 'yjs';
import { fromBase64Url } from '$lib/crypto/encoding';
import { channelCryptoKey } from '$lib/crypto/channel-cipher';
import type { WorkspaceDB } from '$lib/db/workspace-db';
import type { ChannelRecord, SyncStateRecord } from '$lib/db/records';
import { missingSeqs, type DropReason, type Envelope } from '$lib/domain/envelope';
import { isInviter, partnerRoleOf } from '$lib/domain/partnership';
import { sealEnvelope, openEnvelope } from './envelope';
import { loadFeed } from './feed';
import { envelopesOf, type MailboxHub } from './mailbox-hub';
import { keyFingerprintHex, mailboxName } from './relay-token';
import { projectPartnerChanges, quarantineForbiddenOwnRecords } from './projection';
import { serialise } from './serial';

/**
 * One channel as this workspace syncs it: seals its own feed into its mailbox (the
 * transactional outbox: whatever the feed holds beyond the sealed state vector), reads the
 * partner's mailbox into a replica of the partner's feed, and projects the replica's changes.
 * Envelopes are opened in order on a promise chain; anything that fails is dropped and counted.
 */
/** Where Web Locks are missing (Node): one chain per sealer name. */
const localSealChains = new Map<string, ReturnType<typeof serialise>>();

/** Compaction starts at this many envelopes, when they weigh this many times a snapshot. */
const COMPACT_MIN_ENVELOPES = 64;
const COMPACT_RATIO = 4;

export interface Identity {
	/** 32 hex digits */
	fingerprint: string;
	publicKey: JsonWebKey;
	privateKey: JsonWebKey;
}

export interface SessionHooks {
	/** a `hello` (acceptance) opened from the reply mailbox: the service decides what it means */
	onHello?(channel: ChannelRecord, plaintext: Uint8Array, authorKey: JsonWebKey): Promise<void>;
	/** the hello this (reseller) side must publish, or null when none is due */
	helloFor?(channel: ChannelRecord): Promise<Uint8Array<ArrayBuffer> | null>;
	/**
	 * after partner records were projected (e.g. the partnership's state changed); `changed`
	 * names the ids per collection
	 */
	afterProjection?(
		channel: ChannelRecord,
		collections: ReadonlySet<string>,
		changed: ReadonlyMap<string, ReadonlySet<string>>
	): Promise<void>;
}

export interface Attachment {
	name: string;
	mode: 'write' | 'read';
	/** the private key whose signature lets this side write the mailbox on a relay */
	writerKey?: { publicKey: JsonWebKey; privateKey: JsonWebKey };
}

export function emptySyncState(channelId: string): SyncStateRecord {
	return {
		channelId,
		sealedSv: new Uint8Array([0]),
		lastSeq: 0,
		received: 0,
		dropped: {},
		missing: [],
		lastReceivedAt: null,
		lastSentAt: null,
		transports: {}
	};
}

export class ChannelSession {
	readonly ownMailbox: string;
	readonly replyMailbox: string;
	readonly partnerMailbox: string | null;
	private docs = new Map<string, Y.Doc>();
	private replica = new Y.Doc({ gc: true });
	private handled = new WeakSet<object>();
	/** per mailbox: how many non-object items were already counted as malformed */
	private primitives = new Map<string, number>();
	private applied = new Map<number, string>();
	private snapshotSeq = 0;
	private dropped: Partial<Record<DropReason, number>> = {};
	private helloDone = false;
	private closed = false;
	private readonly run = serialise();
	private readonly unobserve: (() => void)[] = [];
	private changedCollections = new Set<string>();
	private changedKeys = new Map<string, Set<string>>();

	constructor(
		private readonly db: WorkspaceDB,
		private channel: ChannelRecord,
		private readonly me: Identity,
		private readonly hub: MailboxHub,
		replyFingerprint: string,
		private readonly hooks: SessionHooks = {}
	) {
		this.ownMailbox = mailboxName(channel.id, me.fingerprint);
		this.replyMailbox = mailboxName(channel.id, replyFingerprint);
		this.partnerMailbox = channel.partner
			? mailboxName(channel.id, channel.partner.fingerprint)
			: null;
		this.replica.on('afterTransaction', (transaction: Y.Transaction) => {
			for (const [type, keys] of transaction.changed) {
				if (type._item !== null) continue;
				const name = this.topLevelName(type);
				if (name === null) continue;
				const set = this.changedKeys.get(name) ?? new Set<string>();
				for (const key of keys) if (key !== null) set.add(key);
				this.changedKeys.set(name, set);
			}
		});
	}

	/** The documents this side keeps in step, and how (what the transports attach). */
	attachments(): Attachment[] {
		const { state } = this.channel;
		const inviter = isInviter(this.channel);
		const writer = { publicKey: this.me.publicKey, privateKey: this.me.privateKey };
		const list: Attachment[] = [];
		const publishes = state === 'invited' || state === 'accepted' || state === 'active';
		// Whoever ends a relationship keeps publishing, so the end reaches the partner; in a
		// customer channel either side may end it.
		const endedHere = state === 'removed' && (inviter || this.channel.kind === 'customer');
		if (publishes || endedHere) {
			list.push({ name: this.ownMailbox, mode: 'write', writerKey: writer });
		}
		if (inviter && state === 'invited') {
			list.push({ name: this.replyMailbox, mode: 'read' });
		}
		if (!inviter && state === 'accepted') {
			const replyKey = this.channel.replyKey;
			if ('d' in replyKey) {
				list.push({
					name: this.replyMailbox,
					mode: 'write',
					writerKey: { publicKey: publicPart(replyKey), privateKey: replyKey }
				});
			}
		}
		const reads =
			endedHere || (inviter ? state === 'active' : state === 'accepted' || state === 'active');
		if (reads && this.partnerMailbox) list.push({ name: this.partnerMailbox, mode: 'read' });
		return list;
	}

	/** Opens the documents and starts reading; safe to call once. */
	async start(): Promise<void> {
		for (const attachment of this.attachments()) {
			const doc = await this.hub.open(attachment.name);
			if (this.closed) {
				this.hub.release(attachment.name);
				return;
			}
			this.docs.set(attachment.name, doc);
			if (attachment.mode === 'read') {
				const array = envelopesOf(doc);
				const observer = () => this.schedule(() => this.readMailbox(attachment.name));
				array.observe(observer);
				this.unobserve.push(() => array.unobserve(observer));
				this.schedule(() => this.readMailbox(attachment.name));
			}
		}
		this.schedule(() => this.sealPending());
		this.schedule(() => this.publishHello());
	}

	/** Seals whatever the own feed holds beyond what was sealed (after a command, on start). */
	sealSoon(): Promise<void> {
		return this.schedule(() => this.sealPending());
	}

	/**
	 * One sealer per channel at a time, across this tab's sessions and the browser's tabs of the
	 * same workspace (Web Locks), so no two envelopes ever share a seq.
	 */
	private sealExclusively(step: () => Promise<void>): Promise<void> {
		const name = `tierlink-seal-${this.db.workspaceId}-${this.channel.id}`;
		const locks = (globalThis.navigator as Navigator | undefined)?.locks;
		if (locks) return locks.request(name, step).then(() => undefined);
		let chain = localSealChains.get(name);
		if (!chain) {
			chain = serialise();
			localSealChains.set(name, chain);
		}
		return chain(step);
	}

	close(): void {
		if (this.closed) return;
		this.closed = true;
		for (const off of this.unobserve) off();
		for (const name of this.docs.keys()) this.hub.release(name);
		this.docs.clear();
		this.replica.destroy();
	}

	/** Waits for every queued step (tests, benchmarks). */
	idle(): Promise<void> {
		return this.schedule(async () => undefined);
	}

	private schedule(step: () => Promise<void>): Promise<void> {
		return this.run(async () => {
			if (this.closed) return;
			try {
				await step();
			} catch (error) {
				// Garbage from a partner must never stop the channel; the failure is counted
				// where it is understood and otherwise only reported to the console.
				console.warn('Tierlink sync step failed', (error as Error)?.name ?? 'error');
			}
		});
	}

	/** Changes these fields of the channel's sync state, creating the row when missing. */
	private async writeSyncState(
		changes: Partial<Omit<SyncStateRecord, 'channelId'>>
	): Promise<void> {
		const db = this.db;
		await db.transaction('rw', db.syncState, async () => {
			const updated = await db.syncState.update(this.channel.id, changes);
			if (updated === 0) await db.syncState.put({ ...emptySyncState(this.channel.id), ...changes });
		});
	}

	private async syncState(): Promise<SyncStateRecord> {
		return (await this.db.syncState.get(this.channel.id)) ?? emptySyncState(this.channel.id);
	}

	private async channelKey(): Promise<CryptoKey> {
		return channelCryptoKey(fromBase64Url(this.channel.key));
	}

	private sealPending(): Promise<void> {
		return this.sealExclusively(() => this.sealNow());
	}

	private async sealNow(): Promise<void> {
		const own = this.docs.get(this.ownMailbox);
		if (!own || this.closed) return;
		const feed = await loadFeed(this.db, this.channel.id);
		const state = await this.syncState();
		const sealed = Y.decodeStateVector(state.sealedSv);
		const current = new Uint8Array(Y.encodeStateVector(feed));
		let ahead = false;
		for (const [client, clock] of Y.decodeStateVector(current)) {
			if ((sealed.get(client) ?? 0) < clock) ahead = true;
		}
		const envelopes = envelopesOf(own);
		// Someone emptied the mailbox (a relay that lost it, a new browser after a restore):
		// publish the whole feed again as one snapshot.
		const vanished = state.lastSeq > 0 && envelopes.length === 0;
		if (!ahead && !vanished) return;
		await quarantineForbiddenOwnRecords(
			this.db,
			this.channel.id,
			this.channel.role,
			this.channel.kind,
			feed
		);
		const seq = state.lastSeq + 1;
		const keys = { channelKey: await this.channelKey(), authorPrivateKey: this.me.privateKey };
		const header = {
			channelId: this.channel.id,
			author: this.me.fingerprint,
			seq,
			covers: current
		};
		const update = new Uint8Array(
			Y.encodeStateAsUpdate(feed, vanished ? undefined : state.sealedSv)
		);
		const envelope = await sealEnvelope(
			{ kind: vanished ? 'snapshot' : 'update', ...header },
			update,
			keys
		);
		envelopes.push([envelope]);
		await this.compactIfWorthIt(own, feed, header, keys);
		await this.hub.persisted(this.ownMailbox);
		// Partial updates only: the reader and the transports update other fields of this row.
		await this.writeSyncState({ sealedSv: current, lastSeq: seq, lastSentAt: Date.now() });
	}

	/**
	 * Compaction: when the mailbox holds many envelopes and is much larger than one snapshot of
	 * the feed, replace them all with that snapshot (same seq as the last envelope, so readers see
	 * no gap). Every compaction re-sends the whole snapshot to every reader, hence "much larger".
	 */
	private async compactIfWorthIt(
		own: Y.Doc,
		feed: Y.Doc,
		header: { channelId: string; author: string; seq: number; covers: Uint8Array },
		keys: { channelKey: CryptoKey; authorPrivateKey: JsonWebKey }
	): Promise<void> {
		const envelopes = envelopesOf(own);
		if (envelopes.length < COMPACT_MIN_ENVELOPES) return;
		let size = 0;
		for (const item of envelopes.toArray()) {
			if (isRecord(item) && item.ciphertext instanceof Uint8Array)
				size += item.ciphertext.byteLength;
		}
		const full = new Uint8Array(Y.encodeStateAsUpdate(feed));
		const snapshot = await sealEnvelope(
			{ kind: 'snapshot', ...header, covers: new Uint8Array(header.covers) },
			full,
			keys
		);
		if (size < COMPACT_RATIO * snapshot.ciphertext.byteLength) return;
		own.transact(() => {
			envelopes.delete(0, envelopes.length);
			envelopes.push([snapshot]);
		});
	}

	private async publishHello(): Promise<void> {
		if (this.helloDone || !this.hooks.helloFor) return;
		const reply = this.docs.get(this.replyMailbox);
		if (!reply || isInviter(this.channel)) return;
		const already = envelopesOf(reply)
			.toArray()
			.some(
				(item) => isRecord(item) && item.kind === 'hello' && item.author === this.me.fingerprint
			);
		if (already) {
			this.helloDone = true;
			return;
		}
		const plaintext = await this.hooks.helloFor(this.channel);
		if (!plaintext) return;
		const envelope = await sealEnvelope(
			{
				kind: 'hello',
				channelId: this.channel.id,
				author: this.me.fingerprint,
				seq: 1,
				covers: new Uint8Array([0]),
				authorKey: publicPart(this.me.publicKey) as Envelope['authorKey']
			},
			plaintext,
			{ channelKey: await this.channelKey(), authorPrivateKey: this.me.privateKey }
		);
		envelopesOf(reply).push([envelope]);
		await this.hub.persisted(this.replyMailbox);
		this.helloDone = true;
	}

	private async readMailbox(name: string): Promise<void> {
		const doc = this.docs.get(name);
		if (!doc) return;
		const items = envelopesOf(doc).toArray();
		// Primitives cannot be remembered in `handled`: count how many there are, so a number
		// or string left in the mailbox is counted once, not at every read.
		let primitives = 0;
		const fresh = items.filter((item): item is Record<string, unknown> => {
			if (typeof item !== 'object' || item === null) {
				primitives++;
				return false;
			}
			if (this.handled.has(item)) return false;
			this.handled.add(item);
			return true;
		});
		const counted = this.primitives.get(name) ?? 0;
		for (let i = counted; i < primitives; i++) this.count('malformed');
		this.primitives.set(name, Math.max(counted, primitives));
		if (fresh.length === 0 && primitives <= counted) return;
		const key = await this.channelKey();
		if (name === this.replyMailbox) {
			await this.readHellos(fresh, key);
			return;
		}
		const partner = this.channel.partner;
		if (!partner) return;
		fresh.sort((a, b) => seqOf(a) - seqOf(b));
		let received = 0;
		for (const item of fresh) {
			const seq = seqOf(item);
			if (this.applied.has(seq) && item.kind !== 'snapshot') {
				this.count('replayed');
				continue;
			}
			const opened = await openEnvelope(item, {
				channelId: this.channel.id,
				author: partner.fingerprint,
				authorKey: partner.publicKey,
				channelKey: key
			});
			if (!opened.ok) {
				this.count(opened.reason);
				continue;
			}
			if (opened.envelope.kind === 'hello') {
				this.count('malformed');
				continue;
			}
			try {
				Y.applyUpdate(this.replica, opened.plaintext, 'remote');
			} catch {
				this.count('cannot_apply');
				continue;
			}
			this.applied.set(seq, opened.envelope.kind);
			if (opened.envelope.kind === 'snapshot') this.snapshotSeq = Math.max(this.snapshotSeq, seq);
			received++;
		}
		await this.project();
		await this.writeSyncState({
			received: this.applied.size,
			dropped: { ...this.dropped },
			missing: missingSeqs(this.applied.keys(), this.snapshotSeq),
			...(received > 0 ? { lastReceivedAt: Date.now() } : {})
		});
	}

	private async readHellos(items: Record<string, unknown>[], key: CryptoKey): Promise<void> {
		if (!this.hooks.onHello) return;
		for (const item of items) {
			const authorKey = item.authorKey;
			const author = item.author;
			if (item.kind !== 'hello' || !isRecord(authorKey) || typeof author !== 'string') {
				this.count('malformed');
				continue;
			}
			if ((await keyFingerprintHex(authorKey as JsonWebKey).catch(() => '')) !== author) {
				this.count('unknown_author');
				continue;
			}
			const opened = await openEnvelope(item, {
				channelId: this.channel.id,
				author,
				authorKey: authorKey as JsonWebKey,
				channelKey: key
			});
			if (!opened.ok) {
				this.count(opened.reason);
				continue;
			}
			await this.hooks.onHello(this.channel, opened.plaintext, authorKey as JsonWebKey);
		}
		await this.writeSyncState({ dropped: { ...this.dropped } });
	}

	private async project(): Promise<void> {
		if (this.changedKeys.size === 0) return;
		const changed = this.changedKeys;
		this.changedKeys = new Map();
		const collections = new Set(changed.keys());
		await projectPartnerChanges(
			this.db,
			this.channel.id,
			partnerRoleOf(this.channel),
			changed,
			(collection, id) => this.replica.getMap(collection).get(id),
			Date.now(),
			this.channel.kind
		);
		for (const name of collections) this.changedCollections.add(name);
		if (this.hooks.afterProjection) {
			await this.hooks.afterProjection(this.channel, collections, changed);
		}
	}

	private count(reason: DropReason): void {
		this.dropped[reason] = (this.dropped[reason] ?? 0) + 1;
	}

	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Yjs types its shared types so
	private topLevelName(type: Y.AbstractType<any>): string | null {
		for (const [name, shared] of this.replica.share) if (shared === type) return name;
		return null;
	}
}

function seqOf(item: Record<string, unknown>): number {
	return typeof item.seq === 'number' && Number.isFinite(item.seq) ? item.seq : 0;
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null;
}
