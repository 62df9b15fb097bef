import { isInviter } from '$lib/domain/partnership';
import { liveQuery, type Subscription } from 'dexie';
import type { WorkspaceDB } from '$lib/db/workspace-db';
import type { ChannelRecord } from '$lib/db/records';
import {
	ChannelSession,
	emptySyncState,
	type Identity,
	type SessionHooks
} from './channel-session';
import { onFeedChange } from './feed-signal';
import { mailboxHub, type MailboxHub, type TransportKind } from './mailbox-hub';
import { keyFingerprintHex, parseMailboxName } from './relay-token';
import { RelayPool } from './relay-transport';

/**
 * A workspace's sync while it is open in this tab: one `ChannelSession` per channel that still
 * exchanges anything, started when the channel appears or changes state and stopped when it no
 * longer syncs (cancelled, removed, refused). The same-browser transport is always on (the
 * mailbox hub); the relay joins for channels with a relay URL.
 */
export interface EngineOptions {
	db: WorkspaceDB;
	identity: Identity;
	hooks: SessionHooks;
	/** the workspace's relay setting; a channel's own relay URL (from its invitation) wins */
	relayUrl: () => string | null;
	hub?: MailboxHub;
}

/** How many channels start at once. */
const START_CONCURRENCY = 16;

interface Running {
	session: ChannelSession;
	signature: string;
	detach: (() => void)[];
}

export class SyncEngine {
	private running = new Map<string, Running>();
	private subscription: Subscription | null = null;
	private offFeed: (() => void) | null = null;
	private offHub: (() => void) | null = null;
	readonly hub: MailboxHub;
	readonly relays: RelayPool;
	private reconciling: Promise<void> = Promise.resolve();
	private stopped = false;
	private noted = new Map<string, number>();

	constructor(private readonly options: EngineOptions) {
		this.hub = options.hub ?? mailboxHub();
		this.relays = new RelayPool(this.hub);
	}

	start(): void {
		const { db } = this.options;
		this.subscription = liveQuery(() => db.channels.toArray()).subscribe({
			next: (channels) => {
				this.reconciling = this.reconciling
					.then(() => this.reconcile(channels))
					.catch(() => undefined);
			},
			error: () => undefined
		});
		this.offFeed = onFeedChange((workspaceId, channelId) => {
			if (workspaceId === db.workspaceId) void this.running.get(channelId)?.session.sealSoon();
		});
		this.offHub = this.hub.subscribe((doc, transport) => this.noteTransport(doc, transport));
	}

	/**
	 * Records that a transport brought something to one of this workspace's channels (for
	 * Settings > Sync), at most once a second per channel and transport.
	 */
	private noteTransport(doc: string, transport: TransportKind): void {
		if (transport === 'local') return;
		const channelId = parseMailboxName(doc)?.channelId;
		if (!channelId || !this.running.has(channelId)) return;
		const key = `${channelId}|${transport}`;
		const now = Date.now();
		if (now - (this.noted.get(key) ?? 0) < 1000) return;
		this.noted.set(key, now);
		void this.options.db.syncState
			.update(channelId, { [`transports.${transport}`]: now })
			.catch(() => undefined);
	}

	/** Restarts every channel, e.g. after the relay URL changed. */
	async restart(): Promise<void> {
		for (const id of [...this.running.keys()]) this.stopChannel(id);
		const channels = await this.options.db.channels.toArray();
		await this.reconcile(channels);
	}

	session(channelId: string): ChannelSession | undefined {
		return this.running.get(channelId)?.session;
	}

	/** Waits until every channel has worked through what it has (tests, benchmarks). */
	async idle(): Promise<void> {
		await this.reconciling;
		await Promise.all([...this.running.values()].map(({ session }) => session.idle()));
	}

	stop(): void {
		this.stopped = true;
		this.subscription?.unsubscribe();
		this.offFeed?.();
		this.offHub?.();
		for (const id of [...this.running.keys()]) this.stopChannel(id);
		this.relays.close();
	}

	private async reconcile(channels: ChannelRecord[]): Promise<void> {
		if (this.stopped) return;
		const wanted = new Set<string>();
		const toStart: { channel: ChannelRecord; signature: string; previous?: Running }[] = [];
		for (const channel of channels) {
			const signature = `${channel.state}|${channel.partner?.fingerprint ?? ''}|${channel.relayUrl ?? ''}|${this.options.relayUrl() ?? ''}`;
			const current = this.running.get(channel.id);
			if (current?.signature === signature) {
				wanted.add(channel.id);
				continue;
			}
			if (!syncs(channel)) {
				if (current) this.stopChannel(channel.id);
				continue;
			}
			wanted.add(channel.id);
			toStart.push({ channel, signature, previous: current });
		}
		for (const id of [...this.running.keys()]) if (!wanted.has(id)) this.stopChannel(id);
		// Channels start a few at a time: each start is mostly waiting for IndexedDB.
		let next = 0;
		const worker = async () => {
			while (next < toStart.length && !this.stopped) {
				const { channel, signature, previous } = toStart[next++]!;
				// Start the new session before stopping the old one, so the channel's mailbox
				// documents and relay connections carry over instead of closing and reopening.
				try {
					await this.startChannel(channel, signature);
				} catch {
					// One channel that cannot start (a damaged row) must not stop the others.
					this.stopChannel(channel.id);
				}
				if (previous) stopRunning(previous);
			}
		};
		await Promise.all(Array.from({ length: Math.min(START_CONCURRENCY, toStart.length) }, worker));
	}

	private async startChannel(channel: ChannelRecord, signature: string): Promise<void> {
		const { db, identity, hooks } = this.options;
		if (!(await db.syncState.get(channel.id))) {
			await db.syncState.add(emptySyncState(channel.id)).catch(() => undefined);
		}
		const replyFingerprint = await keyFingerprintHex(channel.replyKey);
		const session = new ChannelSession(db, channel, identity, this.hub, replyFingerprint, hooks);
		const running: Running = { session, signature, detach: [] };
		this.running.set(channel.id, running);
		await session.start();
		const url = channel.relayUrl ?? this.options.relayUrl();
		if (!url || this.running.get(channel.id) !== running) return;
		for (const attachment of session.attachments()) {
			const doc = await this.hub.open(attachment.name);
			running.detach.push(() => this.hub.release(attachment.name));
			running.detach.push(this.relays.attach(url, doc, attachment));
		}
	}

	private stopChannel(id: string): void {
		const running = this.running.get(id);
		if (!running) return;
		this.running.delete(id);
		stopRunning(running);
	}
}

function stopRunning(running: Running): void {
	for (const detach of running.detach) detach();
	running.session.close();
}

/** Whether a channel still exchanges anything. */
export function syncs(channel: ChannelRecord): boolean {
	if (channel.kind === 'customer')
		return channel.state !== 'cancelled' && channel.state !== 'refused';
	if (isInviter(channel)) return channel.state !== 'cancelled';
	return channel.state === 'accepted' || channel.state === 'active';
}
