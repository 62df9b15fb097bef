import * as Y from 'yjs';
import { mailboxDb, MailboxDB } from '$lib/db/mailbox-db';
import { unrefIfNode } from './feed-signal';

/**
 * The mailbox documents open in this tab, shared by every workspace and channel that needs
 * them. Each is a `Y.Doc` with one `Y.Array('envelopes')`, persisted as update rows in the
 * browser's mailbox database and announced to the other tabs of this browser on a
 * BroadcastChannel (the same-browser transport). Other transports (relay, file) apply their
 * updates here; the hub persists and announces whatever did not come from the database or
 * another tab.
 */
export type TransportKind = 'same_browser' | 'relay' | 'file' | 'local';

export const LOAD = Symbol('load');
export const BROADCAST = Symbol('broadcast');
export const FILE = Symbol('file');

/** Updates larger than this (ciphertext containers) are ignored. */
const MAX_UPDATE_BYTES = 32 * 1024 * 1024;
/** Rows per document beyond which they are merged into one when the document opens. */
const COMPACT_AFTER_ROWS = 64;

interface Entry {
	doc: Y.Doc;
	refs: number;
	ready: Promise<Y.Doc>;
	persisted: Promise<void>;
}

type Listener = (doc: string, transport: TransportKind) => void;

export class MailboxHub {
	private readonly entries = new Map<string, Entry>();
	private readonly channel: BroadcastChannel | null;
	private readonly listeners = new Set<Listener>();
	/** origins (e.g. relay providers) and the transport they stand for */
	private readonly origins = new WeakMap<object, TransportKind>();

	private readonly db: MailboxDB;

	/**
	 * `isolated` gives a hub its own database and no BroadcastChannel: a second "browser" in one
	 * page, for benchmarks and tests of the other transports.
	 */
	constructor(options: { isolated?: string } = {}) {
		this.db = options.isolated
			? new MailboxDB(`tierlink-mailboxes-${options.isolated}`)
			: mailboxDb();
		this.channel =
			options.isolated || typeof BroadcastChannel === 'undefined'
				? null
				: new BroadcastChannel('tierlink-mailboxes');
		if (this.channel) unrefIfNode(this.channel);
		this.channel?.addEventListener('message', (event: MessageEvent) => this.onBroadcast(event));
	}

	/** Opens (or shares) a mailbox document; `release` it when done. */
	open(name: string): Promise<Y.Doc> {
		let entry = this.entries.get(name);
		if (entry) {
			entry.refs++;
			return entry.ready;
		}
		const doc = new Y.Doc({ gc: true });
		const created: Entry = {
			doc,
			refs: 1,
			ready: Promise.resolve(doc),
			persisted: Promise.resolve()
		};
		created.ready = this.load(name, doc).then(() => {
			doc.on('update', (update: Uint8Array, origin: unknown) =>
				this.onUpdate(name, update, origin)
			);
			return doc;
		});
		this.entries.set(name, created);
		entry = created;
		return entry.ready;
	}

	release(name: string): void {
		const entry = this.entries.get(name);
		if (!entry) return;
		entry.refs--;
		if (entry.refs <= 0) {
			this.entries.delete(name);
			void entry.ready.then((doc) => doc.destroy());
		}
	}

	/** Resolves once every update made so far to this document is in the database. */
	async persisted(name: string): Promise<void> {
		await this.entries.get(name)?.persisted;
	}

	/** Applies an update that came by a transport (validated as a Yjs update by Yjs itself). */
	apply(name: string, update: Uint8Array, origin: unknown): boolean {
		const entry = this.entries.get(name);
		if (!entry || update.byteLength > MAX_UPDATE_BYTES) return false;
		try {
			Y.applyUpdate(entry.doc, update, origin);
			return true;
		} catch {
			return false;
		}
	}

	/** Names the transport an origin stands for, for the sync status page. */
	registerOrigin(origin: object, transport: TransportKind): void {
		this.origins.set(origin, transport);
	}

	/** Called whenever a document changes, with the transport that brought the change. */
	subscribe(listener: Listener): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	close(): void {
		this.channel?.close();
		for (const [name] of this.entries) this.entries.get(name)?.doc.destroy();
		this.entries.clear();
		this.listeners.clear();
	}

	private async load(name: string, doc: Y.Doc): Promise<void> {
		const db = this.db;
		const rows = await db.updates.where('doc').equals(name).toArray();
		if (rows.length === 0) return;
		const updates: Uint8Array[] = [];
		for (const row of rows) {
			try {
				Y.applyUpdate(doc, row.update, LOAD);
				updates.push(row.update);
			} catch {
				// A damaged row is dropped at the next compaction; the rest still loads.
			}
		}
		if (rows.length > COMPACT_AFTER_ROWS) {
			const merged = Y.encodeStateAsUpdate(doc);
			const ids = rows.map((row) => row.id).filter((id): id is number => id !== undefined);
			await db.transaction('rw', db.updates, async () => {
				await db.updates.bulkDelete(ids);
				await db.updates.add({ doc: name, update: merged });
			});
		}
	}

	private onUpdate(name: string, update: Uint8Array, origin: unknown): void {
		if (origin === LOAD) return;
		const transport: TransportKind =
			origin === BROADCAST
				? 'same_browser'
				: origin === FILE
					? 'file'
					: typeof origin === 'object' && origin !== null
						? (this.origins.get(origin) ?? 'local')
						: 'local';
		if (origin !== BROADCAST) {
			const entry = this.entries.get(name);
			if (entry) {
				entry.persisted = entry.persisted
					.then(() => this.db.updates.add({ doc: name, update }))
					.then(
						() => undefined,
						() => undefined
					);
			}
			this.channel?.postMessage({ doc: name, update });
		}
		for (const listener of this.listeners) {
			try {
				listener(name, transport);
			} catch {
				// A listener's failure must not stop the others.
			}
		}
	}

	private onBroadcast(event: MessageEvent): void {
		const data: unknown = event.data;
		if (!data || typeof data !== 'object') return;
		const { doc, update } = data as { doc?: unknown; update?: unknown };
		if (typeof doc !== 'string' || !(update instanceof Uint8Array)) return;
		this.apply(doc, update, BROADCAST);
	}
}

let hub: MailboxHub | null = null;

/** The tab's one hub. */
export function mailboxHub(): MailboxHub {
	hub ??= new MailboxHub();
	return hub;
}

export function envelopesOf(doc: Y.Doc): Y.Array<unknown> {
	return doc.getArray('envelopes');
}
