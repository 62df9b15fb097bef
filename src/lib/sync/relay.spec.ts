import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
// @ts-expect-error -- ws ships no types, and @types/ws is not installed
import WebSocket from 'ws';
import * as Y from 'yjs';
import { messageType, startRelay } from '../../../relay/server.mjs';
import {
	createRelayToken,
	keyFingerprintHex,
	mailboxName,
	MAX_TOKEN_LIFETIME_MS,
	parseMailboxName,
	TOKEN_LIFETIME_MS,
	verifyRelayToken
} from './relay-token.js';

type Keys = { publicKey: JsonWebKey; privateKey: JsonWebKey };
type Relay = Awaited<ReturnType<typeof startRelay>>;

async function newKeys(): Promise<Keys> {
	const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
		'sign',
		'verify'
	]);
	return {
		publicKey: await crypto.subtle.exportKey('jwk', pair.publicKey),
		privateKey: await crypto.subtle.exportKey('jwk', pair.privateKey)
	};
}

function randomHex(bytes: number) {
	return Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) =>
		b.toString(16).padStart(2, '0')
	).join('');
}

async function newMailbox(keys: Keys) {
	return mailboxName(randomHex(16), await keyFingerprintHex(keys.publicKey));
}

function base64UrlJson(value: unknown) {
	return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** Replaces the character at `index` with another base64url character. */
function flip(text: string, index: number) {
	const replacement = text[index] === 'A' ? 'B' : 'A';
	return text.slice(0, index) + replacement + text.slice(index + 1);
}

async function until(condition: () => boolean, what: string, timeoutMs = 3000) {
	const start = Date.now();
	while (!condition()) {
		if (Date.now() - start > timeoutMs) throw new Error(`Timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

// ---------------------------------------------------------------------------------------------
// relay-token.js

describe('relay tokens', () => {
	it('names mailboxes after the channel and the writer key', async () => {
		const keys = await newKeys();
		const fingerprint = await keyFingerprintHex(keys.publicKey);
		expect(fingerprint).toMatch(/^[0-9a-f]{32}$/);
		// The private JWK fingerprints the same as its public half.
		expect(await keyFingerprintHex(keys.privateKey)).toBe(fingerprint);
		const channelId = randomHex(16);
		const spaced = fingerprint.toUpperCase().replace(/(.{4})/g, '$1 ');
		const name = mailboxName(channelId, spaced);
		expect(name).toBe(`tl1-${channelId}-${fingerprint}`);
		expect(parseMailboxName(name)).toEqual({ channelId, writer: fingerprint });
		for (const bad of ['', 'hello', `tl1-${channelId}`, `tl2-${channelId}-${fingerprint}`]) {
			expect(parseMailboxName(bad)).toBeNull();
		}
		expect(parseMailboxName(`tl1-${channelId.toUpperCase()}-${fingerprint}`)).toBeNull();
		expect(parseMailboxName(`${name}x`)).toBeNull();
		expect(() => mailboxName('xyz', fingerprint)).toThrow();
	});

	it('verifies a fresh token for its mailbox only, until it expires', async () => {
		const keys = await newKeys();
		const doc = await newMailbox(keys);
		const now = Date.now();
		const token = await createRelayToken(doc, keys, now);
		expect(token.length).toBeLessThan(4096);
		expect(await verifyRelayToken(token, doc, now)).toBe(true);
		expect(await verifyRelayToken(token, doc, now + TOKEN_LIFETIME_MS - 1)).toBe(true);
		// Expired.
		expect(await verifyRelayToken(token, doc, now + TOKEN_LIFETIME_MS)).toBe(false);
		// Another mailbox of the same writer, and a name that is no mailbox.
		expect(await verifyRelayToken(token, await newMailbox(keys), now)).toBe(false);
		expect(await verifyRelayToken(token, 'hello', now)).toBe(false);
	});

	it('tolerates a relay clock behind the browser, not an expiry beyond the maximum', async () => {
		const keys = await newKeys();
		const doc = await newMailbox(keys);
		const now = Date.now();
		// Signed by a browser whose clock is an hour ahead of the relay's.
		const ahead = await createRelayToken(doc, keys, now + 60 * 60 * 1000);
		expect(await verifyRelayToken(ahead, doc, now)).toBe(true);
		// An expiry further away than the maximum lifetime is refused.
		const tooFar = await createRelayToken(doc, keys, now + MAX_TOKEN_LIFETIME_MS);
		expect(await verifyRelayToken(tooFar, doc, now)).toBe(false);
	});

	it('refuses tampered bodies and signatures', async () => {
		const keys = await newKeys();
		const doc = await newMailbox(keys);
		const now = Date.now();
		const token = await createRelayToken(doc, keys, now);
		const [body = '', signature = ''] = token.split('.');
		const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));

		const longer = base64UrlJson({ ...payload, exp: payload.exp + 1000 });
		expect(await verifyRelayToken(`${longer}.${signature}`, doc, now)).toBe(false);
		const otherDoc = await newMailbox(keys);
		const moved = base64UrlJson({ ...payload, doc: otherDoc });
		expect(await verifyRelayToken(`${moved}.${signature}`, otherDoc, now)).toBe(false);
		expect(await verifyRelayToken(`${flip(body, 10)}.${signature}`, doc, now)).toBe(false);
		expect(await verifyRelayToken(`${body}.${flip(signature, 5)}`, doc, now)).toBe(false);
		expect(await verifyRelayToken(`${body}.${signature.slice(0, -4)}`, doc, now)).toBe(false);
		expect(await verifyRelayToken(`${body}.${signature}.x`, doc, now)).toBe(false);
		expect(await verifyRelayToken(`${body}.`, doc, now)).toBe(false);
	});

	it('refuses a token signed by a key other than the one the mailbox names', async () => {
		const owner = await newKeys();
		const intruder = await newKeys();
		const doc = await newMailbox(owner);
		const now = Date.now();
		// The intruder's own key: its fingerprint is not the mailbox's.
		expect(await verifyRelayToken(await createRelayToken(doc, intruder, now), doc, now)).toBe(
			false
		);
		// The owner's public key in the payload, signed with the intruder's private key.
		const forged = await createRelayToken(
			doc,
			{ publicKey: owner.publicKey, privateKey: intruder.privateKey },
			now
		);
		expect(await verifyRelayToken(forged, doc, now)).toBe(false);
		// A key that is not P-256.
		const [body = '', signature = ''] = (await createRelayToken(doc, owner, now)).split('.');
		const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
		const wrongCurve = base64UrlJson({ ...payload, key: { ...payload.key, crv: 'P-384' } });
		expect(await verifyRelayToken(`${wrongCurve}.${signature}`, doc, now)).toBe(false);
	});

	it('returns false, never throws, for garbage and non-strings', async () => {
		const keys = await newKeys();
		const doc = await newMailbox(keys);
		const valid = await createRelayToken(doc, keys);
		const garbage: unknown[] = [
			'',
			'read',
			'.',
			'a.b',
			'a.b.c',
			'!!!.???',
			'=.=',
			`${base64UrlJson(null)}.AAAA`,
			`${base64UrlJson('text')}.AAAA`,
			`${base64UrlJson({ doc, exp: 'tomorrow', key: {} })}.AAAA`,
			`${base64UrlJson({ doc, exp: Date.now() + 1000 })}.AAAA`,
			`${valid}${'A'.repeat(5000)}`,
			undefined,
			null,
			42,
			{},
			[valid],
			new String(valid)
		];
		for (const token of garbage) {
			await expect(verifyRelayToken(token, doc)).resolves.toBe(false);
		}
		await expect(verifyRelayToken(valid, undefined as unknown as string)).resolves.toBe(false);
	});
});

// ---------------------------------------------------------------------------------------------
// The relay

const relays: Relay[] = [];
const directories: string[] = [];
const sockets: HocuspocusProviderWebsocket[] = [];
const providers: HocuspocusProvider[] = [];

/** Before a relay closes: a socket left open would keep retrying, and keep vitest running. */
function disconnectAll() {
	for (const provider of providers.splice(0)) provider.destroy();
	// destroy() of a provider leaves a shared socket open.
	for (const socket of sockets.splice(0)) socket.destroy();
}

afterEach(async () => {
	disconnectAll();
	await Promise.all(relays.splice(0).map((relay) => relay.close()));
	await Promise.all(directories.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
	vi.restoreAllMocks();
});

async function newDataDir() {
	const dir = await mkdtemp(join(tmpdir(), 'tierlink-relay-'));
	directories.push(dir);
	return dir;
}

async function newRelay(options: Partial<Parameters<typeof startRelay>[0]> = {}) {
	const relay = await startRelay({ dataDir: await newDataDir(), quiet: true, ...options });
	relays.push(relay);
	return relay;
}

function newSocket(relay: Relay, options: { messageReconnectTimeout?: number } = {}) {
	const socket = new HocuspocusProviderWebsocket({
		url: relay.url,
		WebSocketPolyfill: WebSocket,
		...options
	});
	sockets.push(socket);
	return socket;
}

/** Reads `[var-string name][var-uint type = 8][var-int applied]`, or null for other messages. */
function syncStatusOf(data: ArrayBuffer): boolean | null {
	const bytes = new Uint8Array(data);
	if (messageType(bytes) !== 8) return null;
	let position = 0;
	let nameLength = 0;
	for (let shift = 0; ; shift += 7) {
		const byte = bytes[position++] ?? 0;
		nameLength += (byte & 0x7f) * 2 ** shift;
		if (byte < 0x80) break;
	}
	position += nameLength + 1; // the name, then the one-byte type
	return ((bytes[position] ?? 0) & 0x3f) === 1;
}

function open(socket: HocuspocusProviderWebsocket, name: string, token: string) {
	const doc = new Y.Doc();
	const provider = new HocuspocusProvider({
		websocketProvider: socket,
		name,
		document: doc,
		token,
		awareness: null
	});
	providers.push(provider);
	const scope = new Promise<string>((resolve, reject) => {
		provider.on('authenticated', ({ scope }: { scope: string }) => resolve(scope));
		provider.on('authenticationFailed', ({ reason }: { reason: string }) =>
			reject(new Error(reason))
		);
	});
	scope.catch(() => {});
	const synced = new Promise<void>((resolve) => provider.on('synced', () => resolve()));
	const statuses: boolean[] = [];
	provider.on('message', ({ event }: { event: { data: ArrayBuffer } }) => {
		const status = syncStatusOf(event.data);
		if (status !== null) statuses.push(status);
	});
	const closed = new Promise<string>((resolve) =>
		provider.on('close', ({ event }: { event: { reason: string } }) => resolve(event.reason))
	);
	// A provider on a shared socket syncs only once attached.
	provider.attach();
	return {
		doc,
		provider,
		scope,
		synced,
		statuses,
		closed,
		envelopes: doc.getArray<string>('envelopes')
	};
}

type Client = ReturnType<typeof open>;

async function write(client: Client, change: () => void) {
	change();
	await until(() => !client.provider.hasUnsyncedChanges, 'the relay to accept the write');
}

describe('relay', () => {
	it('lets the owner write a mailbox and anyone read it', async () => {
		const relay = await newRelay();
		expect(relay.url).toBe(`ws://127.0.0.1:${relay.port}`);
		const keys = await newKeys();
		const doc = await newMailbox(keys);

		const owner = open(newSocket(relay), doc, await createRelayToken(doc, keys));
		expect(await owner.scope).toBe('read-write');
		await owner.synced;
		await write(owner, () => owner.envelopes.push(['envelope-1']));

		const reader = open(newSocket(relay), doc, 'read');
		expect(await reader.scope).toBe('readonly');
		await until(() => reader.envelopes.length === 1, 'the reader to receive the envelope');
		expect(reader.envelopes.toArray()).toEqual(['envelope-1']);

		// Live updates reach a connected reader too.
		await write(owner, () => owner.envelopes.push(['envelope-2']));
		await until(() => reader.envelopes.length === 2, 'the live update');
		expect(reader.envelopes.toArray()).toEqual(['envelope-1', 'envelope-2']);
	});

	it('ignores pushes and deletions by anyone but the owner', async () => {
		const relay = await newRelay();
		const keys = await newKeys();
		const intruderKeys = await newKeys();
		const doc = await newMailbox(keys);
		const socket = newSocket(relay);

		const owner = open(socket, doc, await createRelayToken(doc, keys));
		await owner.synced;
		await write(owner, () => owner.envelopes.push(['owner-1', 'owner-2']));

		const tokens = {
			reader: 'read',
			'another key': await createRelayToken(doc, intruderKeys),
			'another mailbox': await createRelayToken(await newMailbox(keys), keys),
			expired: await createRelayToken(doc, keys, Date.now() - TOKEN_LIFETIME_MS - 1000),
			empty: ''
		};
		for (const [who, token] of Object.entries(tokens)) {
			// Each on its own socket (one provider per document and socket).
			const intruder = open(newSocket(relay), doc, token);
			expect(await intruder.scope, who).toBe('readonly');
			await until(() => intruder.envelopes.length === 2, `${who} to sync`);
			intruder.envelopes.push([`${who} was here`]);
			intruder.envelopes.delete(0, 2);
			// The relay answers each update with "not applied"; the intruder keeps its own copy.
			await until(() => intruder.statuses.filter((s) => !s).length === 2, `${who}'s refusal`);
			expect(intruder.provider.hasUnsyncedChanges).toBe(true);
			expect(intruder.envelopes.toArray()).toEqual([`${who} was here`]);
		}

		const fresh = open(newSocket(relay), doc, 'read');
		await fresh.synced;
		expect(fresh.envelopes.toArray()).toEqual(['owner-1', 'owner-2']);
		expect(owner.envelopes.toArray()).toEqual(['owner-1', 'owner-2']);
	});

	it('keeps mailboxes across a restart, in files named by hash', async () => {
		const dataDir = await newDataDir();
		const first = await startRelay({ dataDir, quiet: true });
		const keys = await newKeys();
		const doc = await newMailbox(keys);
		const owner = open(newSocket(first), doc, await createRelayToken(doc, keys));
		await owner.synced;
		await write(owner, () => owner.envelopes.push(['kept']));
		// Closed at once, the owner still connected: close() must store what is pending (the
		// store is debounced by 2 s). Its flush starts synchronously; the clients go right after,
		// so that they do not keep retrying the closed relay.
		const closing = first.close();
		disconnectAll();
		await closing;

		const files = await readdir(dataDir);
		const hash = createHash('sha256').update(doc).digest('hex');
		expect(files).toEqual([`${hash}.bin`]);
		const { channelId, writer } = parseMailboxName(doc) ?? { channelId: '?', writer: '?' };
		for (const file of files) {
			expect(file).not.toContain(channelId);
			expect(file).not.toContain(writer);
		}
		const stored = new Y.Doc();
		Y.applyUpdate(stored, new Uint8Array(await readFile(join(dataDir, `${hash}.bin`))));
		expect(stored.getArray('envelopes').toArray()).toEqual(['kept']);

		const second = await newRelay({ dataDir });
		const reader = open(newSocket(second), doc, 'read');
		await reader.synced;
		expect(reader.envelopes.toArray()).toEqual(['kept']);
	});

	it('refuses documents that are not mailboxes', async () => {
		const relay = await newRelay();
		const keys = await newKeys();
		const socket = newSocket(relay);
		const channelId = randomHex(16);
		const writer = await keyFingerprintHex(keys.publicKey);
		for (const name of ['hello', '', `tl1-${channelId.toUpperCase()}-${writer}`, `../${writer}`]) {
			const client = open(socket, name, 'read');
			await expect(client.scope).rejects.toThrow('not-a-mailbox');
		}
		// The same socket still serves mailboxes.
		const mailbox = open(socket, mailboxName(channelId, writer), 'read');
		expect(await mailbox.scope).toBe('readonly');
		expect(await readdir(directories[0] ?? '')).toEqual([]);
	});

	it('closes a mailbox connection that sends stateless or awareness messages', async () => {
		const relay = await newRelay();
		const keys = await newKeys();
		const doc = await newMailbox(keys);
		const listener = open(newSocket(relay), doc, 'read');
		const heard: string[] = [];
		listener.provider.on('stateless', ({ payload }: { payload: string }) => heard.push(payload));
		await listener.synced;

		const sender = open(newSocket(relay), doc, 'read');
		await sender.synced;
		sender.provider.sendStateless('spam');
		expect(await sender.closed).toBe('Forbidden');
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect(heard).toEqual([]);
	});

	it('keeps idle sockets of providers without awareness alive', async () => {
		const relay = await newRelay({ keepAliveMs: 100 });
		const keys = await newKeys();
		const socket = newSocket(relay, { messageReconnectTimeout: 500 });
		let closes = 0;
		socket.on('close', () => closes++);
		const reader = open(socket, await newMailbox(keys), 'read');
		await reader.synced;
		await new Promise((resolve) => setTimeout(resolve, 1200));
		expect(closes).toBe(0);
	});

	it('does not store a mailbox over the size cap, and says so without its content', async () => {
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
		const relay = await newRelay({ maxDocumentBytes: 2048 });
		const keys = await newKeys();
		const doc = await newMailbox(keys);
		const owner = open(newSocket(relay), doc, await createRelayToken(doc, keys));
		await owner.synced;
		const content = `secret-${'x'.repeat(4096)}`;
		await write(owner, () => owner.envelopes.push([content]));
		disconnectAll();
		await relay.close();

		expect(await readdir(directories[0] ?? '')).toEqual([]);
		expect(warn).toHaveBeenCalledTimes(1);
		const message = String(warn.mock.calls[0]?.[0]);
		expect(message).toContain('cap');
		expect(message).not.toContain('secret');
		expect(message).not.toContain(doc);
	});
});
