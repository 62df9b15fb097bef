import { publicPart } from '$lib/crypto/signing';
import * as Y from 'yjs';
import { z } from 'zod';
import { fromBase64, toBase64 } from '$lib/crypto/encoding';
import { workspaceDb, type WorkspaceDB } from '$lib/db/workspace-db';
import type { ChannelRecord } from '$lib/db/records';
import { DomainError } from '$lib/domain/errors';
import { isInviter } from '$lib/domain/partnership';
import { parseOrThrow } from '$lib/domain/validation';
import { SyncEngine } from '$lib/sync/engine';
import { FILE, mailboxHub } from '$lib/sync/mailbox-hub';
import { keyFingerprintHex, mailboxName, parseMailboxName } from '$lib/sync/relay-token';
import { authorize, type SessionRef } from './actor';
import { auditEntry } from './audit';
import { followPartnershipState, helloFor, receiveAcceptance } from './partnerships';
import { customerHelloFor, receiveCustomerAcceptance } from './customer-invitations';
import { followCustomerFeed } from './customer-relationships';
import { passOnSubscriptions } from './subscriptions';
import { withStorageErrors } from './storage';

/**
 * Sync as the app uses it: the engine of a signed-in workspace, the relay setting, and the file
 * transport (**Export changes for this partner** / **Import changes**).
 */
export async function startWorkspaceSync(workspaceId: string): Promise<SyncEngine> {
	const db = workspaceDb(workspaceId);
	const [profile, privateKey, relayUrl] = await Promise.all([
		db.getMeta('profile'),
		db.getMeta('identityPrivateKey'),
		db.getMeta('relayUrl')
	]);
	if (!profile || !privateKey) throw new DomainError('err_workspace_not_found');
	const publicKey = profile.identity.publicKey as JsonWebKey;
	let currentRelay = relayUrl ?? null;
	const engine = new SyncEngine({
		db,
		identity: { fingerprint: await keyFingerprintHex(publicKey), publicKey, privateKey },
		relayUrl: () => currentRelay,
		hooks: {
			onHello: async (channel, plaintext, authorKey) => {
				if (channel.kind === 'customer') {
					await receiveCustomerAcceptance(db, channel, plaintext, authorKey);
				} else await receiveAcceptance(db, channel, plaintext, authorKey);
			},
			helloFor: (channel) =>
				channel.kind === 'customer' ? customerHelloFor(db, channel) : helloFor(db, channel),
			afterProjection: async (channel, collections, changed) => {
				if (channel.kind === 'customer') return followCustomerFeed(db, channel, collections);
				await followPartnershipState(db, channel, collections);
				const subscriptions = changed.get('subscriptions');
				if (subscriptions) await passOnSubscriptions(db, channel, subscriptions);
			}
		}
	});
	engine.start();
	const original = engine.restart.bind(engine);
	engine.restart = async () => {
		currentRelay = (await db.getMeta('relayUrl')) ?? null;
		await original();
	};
	return engine;
}

// ——— relay setting ———

export const relayUrlSchema = z
	.string()
	.trim()
	.max(2048, { error: 'err_too_long' })
	.refine(
		(value) => {
			if (value === '') return true;
			try {
				const url = new URL(value);
				return (
					(url.protocol === 'ws:' || url.protocol === 'wss:') &&
					!url.username &&
					!url.password &&
					!url.search &&
					!url.hash
				);
			} catch {
				return false;
			}
		},
		{ error: 'err_relay_url_invalid' }
	);

/** Settings > Sync: the relay URL; empty means none. */
export async function setRelayUrl(
	session: SessionRef,
	value: string,
	now = Date.now()
): Promise<void> {
	const { db, user } = await authorize(session, 'manage_workspace_settings');
	const { relayUrl } = parseOrThrow(z.object({ relayUrl: relayUrlSchema }), { relayUrl: value });
	const url = relayUrl === '' ? null : relayUrl;
	await withStorageErrors(() =>
		db.transaction('rw', db.meta, db.audit, async () => {
			await db.meta.put({ key: 'relayUrl', value: url });
			await db.audit.add(auditEntry(user, 'sync.relay_changed', url ?? '—', {}, now));
		})
	);
}

// ——— file transport ———

export const CHANGES_FORMAT = 'tierlink-changes';

const changesFileSchema = z.strictObject({
	format: z.literal(CHANGES_FORMAT),
	version: z.literal(1),
	channelId: z.string().regex(/^[0-9a-f]{32}$/),
	createdAt: z.number().int().nonnegative(),
	docs: z
		.array(
			z.strictObject({
				name: z.string().max(100),
				update: z.string().max(64 * 1024 * 1024)
			})
		)
		.max(4)
});

/** Largest changes file accepted (64 MiB). */
export const MAX_CHANGES_FILE_BYTES = 64 * 1024 * 1024;

/** The mailboxes this side writes for a channel: what a partner needs from us. */
async function writtenMailboxes(db: WorkspaceDB, channel: ChannelRecord): Promise<string[]> {
	const profile = await db.getMeta('profile');
	if (!profile) throw new DomainError('err_workspace_not_found');
	const names = [
		mailboxName(channel.id, await keyFingerprintHex(profile.identity.publicKey as JsonWebKey))
	];
	if (!isInviter(channel)) {
		names.push(mailboxName(channel.id, await keyFingerprintHex(publicPart(channel.replyKey))));
	}
	return names;
}

/** The mailboxes this side reads for a channel: what a file may bring. */
async function readMailboxes(channel: ChannelRecord): Promise<string[]> {
	const names: string[] = [];
	if (channel.partner) names.push(mailboxName(channel.id, channel.partner.fingerprint));
	if (isInviter(channel)) {
		names.push(mailboxName(channel.id, await keyFingerprintHex(channel.replyKey)));
	}
	return names;
}

/**
 * **Export changes for this partner**: this side's mailboxes of the channel as a file. They hold
 * only envelopes (encrypted and signed), so the file reveals nothing without the channel key.
 */
export async function exportChanges(
	session: SessionRef,
	channelId: string,
	now = Date.now()
): Promise<{ fileName: string; text: string }> {
	const { db, user } = await authorize(session, 'manage_workspace_settings');
	const channel = await db.channels.get(channelId);
	if (!channel) throw new DomainError('err_partnership_not_found');
	const hub = mailboxHub();
	const docs = [];
	for (const name of await writtenMailboxes(db, channel)) {
		const doc = await hub.open(name);
		try {
			docs.push({ name, update: toBase64(Y.encodeStateAsUpdate(doc)) });
		} finally {
			hub.release(name);
		}
	}
	const text = JSON.stringify({
		format: CHANGES_FORMAT,
		version: 1,
		channelId,
		createdAt: now,
		docs
	});
	await db.audit.add(
		auditEntry(user, 'sync.changes_exported', channel.partner?.name ?? channelId, {}, now)
	);
	const day = new Date(now).toISOString().slice(0, 10);
	return { fileName: `tierlink-changes-${channelId.slice(0, 8)}-${day}.json`, text };
}

/**
 * **Import changes**: a file a partner exported. Only the mailboxes this side reads for that
 * channel are taken; each envelope is then verified and opened like any other. A file that
 * cannot be read changes nothing.
 */
export async function importChanges(
	session: SessionRef,
	text: string,
	now = Date.now()
): Promise<{ channelId: string; partnerName: string | null }> {
	const { db, user } = await authorize(session, 'manage_workspace_settings');
	if (text.length > MAX_CHANGES_FILE_BYTES) throw new DomainError('err_changes_file_invalid');
	let raw: unknown;
	try {
		raw = JSON.parse(text);
	} catch {
		throw new DomainError('err_changes_file_invalid');
	}
	const parsed = changesFileSchema.safeParse(raw);
	if (!parsed.success) throw new DomainError('err_changes_file_invalid');
	const file = parsed.data;
	const channel = await db.channels.get(file.channelId);
	if (!channel) throw new DomainError('err_changes_file_other_channel');
	const readable = new Set(await readMailboxes(channel));
	const updates: { name: string; bytes: Uint8Array }[] = [];
	for (const doc of file.docs) {
		if (!parseMailboxName(doc.name)) throw new DomainError('err_changes_file_invalid');
		if (!readable.has(doc.name)) continue;
		try {
			const bytes = fromBase64(doc.update);
			Y.decodeUpdate(bytes);
			updates.push({ name: doc.name, bytes });
		} catch {
			throw new DomainError('err_changes_file_invalid');
		}
	}
	if (updates.length === 0) throw new DomainError('err_changes_file_nothing');
	const hub = mailboxHub();
	for (const { name, bytes } of updates) {
		await hub.open(name);
		try {
			hub.apply(name, bytes, FILE);
			await hub.persisted(name);
		} finally {
			hub.release(name);
		}
	}
	await db.audit.add(
		auditEntry(user, 'sync.changes_imported', channel.partner?.name ?? channel.id, {}, now)
	);
	return { channelId: channel.id, partnerName: channel.partner?.name ?? null };
}
