import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import type * as Y from 'yjs';
import type { MailboxHub } from './mailbox-hub';
import { createRelayToken } from './relay-token';
import type { Attachment } from './channel-session';

/**
 * The relay transport (DESIGN.md §5): one shared `HocuspocusProviderWebsocket` per relay URL for
 * every mailbox of the tab (Chromium allows 255 sockets per browser), one `HocuspocusProvider`
 * attached to it per mailbox. The owner of a mailbox sends a write token signed with its key;
 * everyone else reads with the token `read`. The relay stores mailboxes, so partners need not be
 * online together; Yjs state vectors make resuming and de-duplication free.
 */
export type RelayStatus = 'connecting' | 'connected' | 'disconnected';

interface Attached {
	provider: HocuspocusProvider;
	refs: number;
	/** pending destroy, so a channel restarting re-uses its connection */
	release: ReturnType<typeof setTimeout> | null;
}

/**
 * How long an unused mailbox stays attached. Hocuspocus 3.4 does not re-authenticate a document
 * detached and attached again at once on the same socket (the new provider stays read-only), and
 * a channel restarts its session on every state change: keeping the provider a moment avoids both.
 */
const RELEASE_DELAY_MS = 3000;

export class RelayPool {
	private sockets = new Map<string, HocuspocusProviderWebsocket>();
	private attached = new Map<string, Attached>();
	private statuses = new Map<string, RelayStatus>();
	private listeners = new Set<() => void>();

	constructor(private readonly hub: MailboxHub) {}

	/** Keeps `doc` in step with the relay at `url` until the returned function is called. */
	attach(url: string, doc: Y.Doc, attachment: Attachment): () => void {
		const key = `${url}|${attachment.name}|${attachment.mode}`;
		const existing = this.attached.get(key);
		if (existing && existing.provider.document === doc) {
			existing.refs++;
			if (existing.release) clearTimeout(existing.release);
			existing.release = null;
			return () => this.detach(key);
		}
		let delay = 0;
		if (existing) {
			// The mailbox document was re-opened meanwhile: connect the new one, a moment after
			// the old connection is gone so the relay authenticates it afresh.
			if (existing.release) clearTimeout(existing.release);
			existing.provider.destroy();
			this.attached.delete(key);
			delay = 100;
		}
		const writerKey = attachment.writerKey;
		const provider = new HocuspocusProvider({
			websocketProvider: this.socket(url),
			name: attachment.name,
			document: doc,
			awareness: null,
			token:
				attachment.mode === 'write' && writerKey
					? () => createRelayToken(attachment.name, writerKey)
					: 'read'
		});
		this.hub.registerOrigin(provider, 'relay');
		if (delay) setTimeout(() => provider.attach(), delay);
		else provider.attach();
		this.attached.set(key, { provider, refs: 1, release: null });
		return () => this.detach(key);
	}

	status(url: string): RelayStatus {
		return this.statuses.get(url) ?? 'disconnected';
	}

	/** Called when a relay's connection status changes. */
	subscribe(listener: () => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	/** Resolves when every attached mailbox has nothing left to send (tests, benchmarks). */
	async flushed(timeoutMs = 10_000): Promise<boolean> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const pending = [...this.attached.values()].some(
				({ provider }) => provider.unsyncedChanges > 0 || !provider.isSynced
			);
			if (!pending) return true;
			if (Date.now() > deadline) return false;
			await new Promise((resolve) => setTimeout(resolve, 50));
		}
	}

	close(): void {
		for (const { provider, release } of this.attached.values()) {
			if (release) clearTimeout(release);
			provider.destroy();
		}
		this.attached.clear();
		for (const socket of this.sockets.values()) socket.destroy();
		this.sockets.clear();
		this.listeners.clear();
	}

	private socket(url: string): HocuspocusProviderWebsocket {
		let socket = this.sockets.get(url);
		if (!socket) {
			this.statuses.set(url, 'connecting');
			socket = new HocuspocusProviderWebsocket({
				url,
				// Mailboxes share this socket without awareness, so the relay may stay silent
				// for long; do not mistake silence for a dead connection.
				messageReconnectTimeout: 10 * 60 * 1000
			});
			socket.on('status', ({ status }: { status: RelayStatus }) => {
				this.statuses.set(url, status);
				for (const listener of this.listeners) listener();
			});
			this.sockets.set(url, socket);
		}
		return socket;
	}

	private detach(key: string): void {
		const entry = this.attached.get(key);
		if (!entry) return;
		entry.refs--;
		if (entry.refs > 0 || entry.release) return;
		entry.release = setTimeout(() => {
			entry.release = null;
			if (entry.refs > 0) return;
			entry.provider.destroy();
			this.attached.delete(key);
		}, RELEASE_DELAY_MS);
	}
}
