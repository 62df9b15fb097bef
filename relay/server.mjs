// @ts-check
/**
 * The Tierlink relay: a Hocuspocus server that stores and forwards encrypted mailboxes.
 *
 * - Only documents named like a mailbox (`tl1-<channelId>-<writer fingerprint>`) are served.
 * - Anyone may read a mailbox (its envelopes are encrypted and signed); only the connection whose
 *   token is the writer's signature over the mailbox name may change it. Everyone else is
 *   read-only, and Hocuspocus drops their updates.
 * - Only Yjs sync traffic passes: awareness and stateless messages, which would let any reader
 *   broadcast to every reader of a mailbox, close the connection.
 * - Each mailbox's full Yjs state is a file `<sha256(name)>.bin` in the data directory, written
 *   atomically (temp file, fsync, rename).
 * - It never logs document content or tokens.
 *
 * Run it with `npm run relay` (RELAY_PORT, RELAY_HOST, RELAY_DATA_DIR), or call `startRelay()`.
 */
import { Database } from '@hocuspocus/extension-database';
import { Server } from '@hocuspocus/server';
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseMailboxName, verifyRelayToken } from '../src/lib/sync/relay-token.js';

/** A mailbox whose state is larger than this is not stored (64 MiB). */
export const DEFAULT_MAX_DOCUMENT_BYTES = 64 * 1024 * 1024;
/** How often the relay sends every socket a message no provider listens to (ms). */
export const DEFAULT_KEEPALIVE_MS = 10_000;

/**
 * Hocuspocus message types (`MessageType` in @hocuspocus/server) a mailbox client may send:
 * Sync (0), Auth (2), QueryAwareness (3), SyncReply (4) and Close (7). Not Awareness (1),
 * Stateless (5) nor BroadcastStateless (6).
 */
const ALLOWED_MESSAGE_TYPES = new Set([0, 2, 3, 4, 7]);
/** `@hocuspocus/common` Forbidden: the provider receives it as the reason of a `close` event. */
const FORBIDDEN = { code: 4403, reason: 'Forbidden' };
/**
 * A QueryAwareness message (type 3) for the document named "" (no mailbox has that name). A
 * provider socket counts any message as a sign of life and hands it to the provider of that name:
 * there is none, and a provider without awareness would ignore it anyway.
 */
const KEEPALIVE = new Uint8Array([0, 3]);

/** @param {string} text */
function sha256Hex(text) {
	return createHash('sha256').update(text).digest('hex');
}

/**
 * The message type of a raw Hocuspocus message: var-string document name, then var-uint type
 * (lib0 encoding: 7 bits a byte, low bits first). -1 when it cannot be read.
 * @param {Uint8Array} bytes
 */
export function messageType(bytes) {
	let position = 0;
	const readVarUint = () => {
		let value = 0;
		for (let shift = 0; shift < 35; shift += 7) {
			if (position >= bytes.length) return -1;
			const byte = /** @type {number} */ (bytes[position++]);
			value += (byte & 0x7f) * 2 ** shift;
			if (byte < 0x80) return value;
		}
		return -1;
	};
	const nameLength = readVarUint();
	if (nameLength < 0 || position + nameLength > bytes.length) return -1;
	position += nameLength;
	return readVarUint();
}

/**
 * @typedef {object} RelayOptions
 * @property {number} [port] 0 (the default) picks a free port
 * @property {string} [host] defaults to 127.0.0.1; use 0.0.0.0 only behind a firewall or proxy
 * @property {string} dataDir where mailboxes are stored (created if missing)
 * @property {boolean} [quiet] hide Hocuspocus's start screen and the relay's notices
 * @property {number} [maxDocumentBytes] refuse to store a mailbox larger than this
 * @property {number} [maxMessageBytes] the largest WebSocket message accepted (defaults to
 *   maxDocumentBytes plus 1 MiB: a client's first sync may carry its whole mailbox)
 * @property {number} [keepAliveMs] 0 turns the keep-alive off
 * @property {import('@hocuspocus/server').Extension[]} [extensions] more Hocuspocus extensions,
 *   e.g. `@hocuspocus/extension-redis` to run several relays (see relay/README.md)
 */

/**
 * @typedef {object} Relay
 * @property {string} url e.g. `ws://127.0.0.1:1234`
 * @property {number} port
 * @property {() => Promise<void>} close stores pending changes, closes every connection
 */

/**
 * @param {RelayOptions} options
 * @returns {Promise<Relay>}
 */
export async function startRelay({
	port = 0,
	host = '127.0.0.1',
	dataDir,
	quiet = false,
	maxDocumentBytes = DEFAULT_MAX_DOCUMENT_BYTES,
	maxMessageBytes = maxDocumentBytes + 1024 * 1024,
	keepAliveMs = DEFAULT_KEEPALIVE_MS,
	extensions = []
}) {
	if (!dataDir) throw new Error('startRelay: dataDir is required');
	const directory = resolve(dataDir);
	await mkdir(directory, { recursive: true });
	// Temp files of writes a crash interrupted: the previous state is still in place.
	for (const file of await readdir(directory)) {
		if (file.endsWith('.tmp')) await rm(join(directory, file), { force: true });
	}

	/** @param {string} documentName */
	const fileOf = (documentName) => join(directory, `${sha256Hex(documentName)}.bin`);

	const database = new Database({
		async fetch({ documentName }) {
			try {
				return new Uint8Array(await readFile(fileOf(documentName)));
			} catch (error) {
				if (/** @type {NodeJS.ErrnoException} */ (error).code === 'ENOENT') return null;
				// Refuse the document rather than serve it empty and overwrite it later.
				throw error;
			}
		},
		async store({ documentName, state }) {
			const file = fileOf(documentName);
			if (state.byteLength > maxDocumentBytes) {
				console.warn(
					`relay: not storing mailbox ${sha256Hex(documentName).slice(0, 12)}…: ` +
						`${state.byteLength} bytes is over the ${maxDocumentBytes}-byte cap`
				);
				return;
			}
			const temporary = `${file}.${randomUUID()}.tmp`;
			const handle = await open(temporary, 'wx', 0o600);
			try {
				await handle.writeFile(state);
				await handle.sync();
			} finally {
				await handle.close();
			}
			try {
				await rename(temporary, file);
			} catch (error) {
				await rm(temporary, { force: true });
				throw error;
			}
		}
	});

	const server = new Server(
		{
			name: 'tierlink-relay',
			port,
			address: host,
			stopOnSignals: false,
			quiet,
			extensions: [database, ...extensions],

			async onAuthenticate({ documentName, token, connectionConfig }) {
				// Thrown without a message, so Hocuspocus does not log it; the provider receives
				// `authenticationFailed` with this reason.
				if (!parseMailboxName(documentName)) throw { reason: 'not-a-mailbox' };
				connectionConfig.readOnly = !(await verifyRelayToken(token, documentName));
			},

			async beforeHandleMessage({ update }) {
				if (!ALLOWED_MESSAGE_TYPES.has(messageType(update))) throw FORBIDDEN;
			}
		},
		{ maxPayload: maxMessageBytes }
	);

	await server.listen();
	const actualPort = server.address.port;

	// Providers that pass `awareness: null` (as mailboxes do) otherwise receive nothing on an idle
	// socket, and HocuspocusProviderWebsocket reconnects after `messageReconnectTimeout` (30 s)
	// of silence, re-authenticating and re-syncing every attached mailbox.
	const keepAlive =
		keepAliveMs > 0
			? setInterval(() => {
					for (const socket of server.webSocketServer.clients) {
						if (socket.readyState === socket.OPEN) socket.send(KEEPALIVE);
					}
				}, keepAliveMs)
			: undefined;
	keepAlive?.unref();

	/** @type {Promise<void> | undefined} */
	let closing;
	const close = () => {
		closing ??= (async () => {
			clearInterval(keepAlive);
			// Store whatever is waiting for its debounce, then let Hocuspocus close the documents
			// (which stores again only what changed since).
			const { hocuspocus } = server;
			await Promise.allSettled(
				Array.from(hocuspocus.documents.keys(), (name) =>
					hocuspocus.debouncer.executeNow(`onStoreDocument-${name}`)
				)
			);
			/** @type {NodeJS.Timeout | undefined} */
			let timer;
			await Promise.race([
				server.destroy(),
				new Promise((done) => {
					timer = setTimeout(done, 10_000);
				})
			]);
			clearTimeout(timer);
			// Hocuspocus closes documents, not sockets: end those that remain.
			for (const socket of server.webSocketServer.clients) socket.terminate();
			server.httpServer.closeAllConnections();
		})();
		return closing;
	};

	const url = `ws://${host.includes(':') ? `[${host}]` : host}:${actualPort}`;
	return { url, port: actualPort, close };
}

/** @param {string | undefined} text */
function parsePort(text) {
	const port = Number(text ?? 1234);
	if (!Number.isInteger(port) || port < 0 || port > 65535) {
		throw new Error(`RELAY_PORT must be a port number, not "${text}"`);
	}
	return port;
}

async function main() {
	const relay = await startRelay({
		port: parsePort(process.env.RELAY_PORT),
		host: process.env.RELAY_HOST || '127.0.0.1',
		dataDir: process.env.RELAY_DATA_DIR || './relay-data',
		quiet: true
	});
	console.log(`Tierlink relay listening on ${relay.url}`);
	let stopping = false;
	/** @param {NodeJS.Signals} signal */
	const stop = async (signal) => {
		if (stopping) {
			console.error(`relay: ${signal} again, exiting without waiting`);
			process.exit(1);
		}
		stopping = true;
		try {
			await relay.close();
			process.exit(0);
		} catch (error) {
			console.error('relay: could not close cleanly:', /** @type {Error} */ (error).message);
			process.exit(1);
		}
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	main().catch((error) => {
		console.error('relay:', error instanceof Error ? error.message : error);
		process.exit(1);
	});
}
