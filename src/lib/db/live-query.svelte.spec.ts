import Dexie from 'dexie';
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { LiveQuery } from './live-query.svelte';

/** LiveQuery over real IndexedDB in Chromium. */
class NotesDB extends Dexie {
	notes!: Dexie.Table<{ id: number; text: string }, number>;
	constructor(name: string) {
		super(name);
		this.version(1).stores({ notes: 'id' });
	}
}

const opened: NotesDB[] = [];
afterEach(async () => {
	for (const db of opened.splice(0)) await db.delete();
});

function until(check: () => boolean, timeout = 3000) {
	return expect.poll(() => (flushSync(), check()), { timeout }).toBe(true);
}

describe('LiveQuery', () => {
	it('loads, then follows writes made after the first result', async () => {
		const db = new NotesDB(`live-${crypto.randomUUID()}`);
		opened.push(db);
		await db.notes.add({ id: 1, text: 'first' });

		const query = new LiveQuery(() => db.notes.orderBy('id').toArray());
		const seen: string[][] = [];
		// An effect is what a page's template is: it subscribes while it reads `current`.
		const cleanup = $effect.root(() => {
			$effect(() => {
				seen.push((query.current ?? []).map((n) => n.text));
			});
		});

		await until(() => !query.loading);
		expect(seen.at(-1)).toEqual(['first']);

		await db.notes.add({ id: 2, text: 'second' });
		await until(() => seen.at(-1)?.length === 2);
		expect(seen.at(-1)).toEqual(['first', 'second']);
		cleanup();
	});

	it('reports a failing query as an error, not as empty data', async () => {
		const query = new LiveQuery<number>(() => Promise.reject(new Error('boom')));
		const cleanup = $effect.root(() => {
			$effect(() => {
				void query.current;
			});
		});
		await until(() => !query.loading);
		expect(query.error).toBeInstanceOf(Error);
		expect(query.current).toBeUndefined();
		cleanup();
	});
});
