// Vitest browser mode for `npm run bench:sync` and `npm run bench:customers` only (not part of
// `npm test`): the SvelteKit plugin for `$lib`, the Chromium launch options every browser test
// uses, and a `benchReport` command that hands the figures back to Node. Each script names its
// own bench/*.bench-run.ts file. scripts/bench-sync.mjs starts the relay first and passes its URL
// in BENCH_RELAY_URL and its data directory in BENCH_RELAY_DIR; the results file is
// BENCH_RESULT_FILE. BENCH_USER_DATA_DIR (scripts/bench-customers.mjs) runs the browser with a
// profile in that directory, so IndexedDB is on disk as for a person, not in memory.
import { sveltekit } from '@sveltejs/kit/vite';
import { playwright } from '@vitest/browser-playwright';
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserCommand } from 'vitest/node';
import { defineConfig } from 'vitest/config';
import { chromiumLaunchOptions } from '../scripts/chromium.mjs';

const benchReport: BrowserCommand<[json: string]> = async (_context, json) => {
	const file = process.env.BENCH_RESULT_FILE;
	if (file) await writeFile(file, json);
};

/**
 * Puts mailboxes into the relay's data directory, as the relay itself stores them
 * (`<sha256 of the name>.bin`, the document's full Yjs state): the relay loads them when a client
 * first asks. Only for mailboxes it has not loaded yet (fresh names).
 */
const relayStore: BrowserCommand<[mailboxes: { name: string; state: string }[]]> = async (
	_context,
	mailboxes
) => {
	const directory = process.env.BENCH_RELAY_DIR;
	if (!directory) throw new Error('BENCH_RELAY_DIR is not set');
	for (const { name, state } of mailboxes) {
		if (!/^tl1-[0-9a-f]{32}-[0-9a-f]{32}$/.test(name)) throw new Error('not a mailbox name');
		const file = join(directory, `${createHash('sha256').update(name).digest('hex')}.bin`);
		await writeFile(file, Buffer.from(state, 'base64'), { flag: 'wx' });
	}
};

export default defineConfig({
	root: fileURLToPath(new URL('..', import.meta.url)),
	// Not the paraglide plugin of vite.config.ts: the bench shows no text, and that plugin would
	// rewrite src/lib/paraglide while others work on the messages.
	plugins: [sveltekit()],
	server: { host: '127.0.0.1' },
	// Its own dependency cache, so it never races a concurrent `vitest` over node_modules/.vite.
	cacheDir: 'node_modules/.vite-bench',
	optimizeDeps: { include: ['yjs', 'dexie', '@hocuspocus/provider', 'zod', 'papaparse'] },
	test: {
		name: 'bench',
		include: ['bench/**/*.bench-run.ts'],
		provide: {
			relayUrl: process.env.BENCH_RELAY_URL ?? '',
			benchScale: Number(process.env.BENCH_SCALE ?? 1),
			benchProfile: Boolean(process.env.BENCH_PROFILE)
		},
		testTimeout: 15 * 60 * 1000,
		hookTimeout: 2 * 60 * 1000,
		fileParallelism: false,
		browser: {
			enabled: true,
			provider: playwright({
				launchOptions: chromiumLaunchOptions(),
				persistentContext: process.env.BENCH_USER_DATA_DIR || false
			}),
			instances: [{ browser: 'chromium', headless: true }],
			// The test UI shares the page's main thread with the code measured: leave it out.
			ui: false,
			commands: { benchReport, relayStore }
		}
	}
});
