import { liveQuery, type Subscription } from 'dexie';
import { SvelteMap } from 'svelte/reactivity';

/** How many rows stay cached once scrolled out of view, before the cache is trimmed. */
const CACHE_LIMIT = 600;

/**
 * The rows a virtual list has on screen, read live by key. Each mounted row says so with
 * `track(key)`; one Dexie live query reads exactly those keys (a few dozen, never the table), so
 * a sync or an edit that changes a visible row shows at once. Rows scrolled away stay cached a
 * while, so scrolling back shows them without a flash. `read(keys)` returns the rows found
 * (a service's bulk read), and `keyOf` names each. The Customers and Subscriptions lists.
 */
export class VisibleRows<T> {
	/** undefined: not read yet; null: no such row any more (deleted meanwhile) */
	readonly #rows = new SvelteMap<string, T | null>();
	/** key → how many mounted rows show it (bookkeeping only: nothing renders from it) */
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- not reactive on purpose
	readonly #mounted = new Map<string, number>();
	#subscription: Subscription | null = null;
	#scheduled = false;
	#error = $state.raw<unknown>(undefined);

	constructor(
		private readonly read: (keys: string[]) => Promise<readonly T[]>,
		private readonly keyOf: (row: T) => string
	) {}

	get(key: string): T | null | undefined {
		return this.#rows.get(key);
	}

	get error(): unknown {
		return this.#error;
	}

	/** A row in view; call the returned function when it leaves. */
	track(key: string): () => void {
		this.#mounted.set(key, (this.#mounted.get(key) ?? 0) + 1);
		this.#schedule();
		return () => {
			const count = (this.#mounted.get(key) ?? 1) - 1;
			if (count > 0) this.#mounted.set(key, count);
			else this.#mounted.delete(key);
			this.#schedule();
		};
	}

	/** Stops reading (the list unmounts). */
	destroy(): void {
		this.#subscription?.unsubscribe();
		this.#subscription = null;
	}

	// Rows mount and unmount by the dozen while scrolling: one query per batch, not per row.
	#schedule() {
		if (this.#scheduled) return;
		this.#scheduled = true;
		queueMicrotask(() => {
			this.#scheduled = false;
			this.#resubscribe();
		});
	}

	#resubscribe() {
		this.#subscription?.unsubscribe();
		this.#subscription = null;
		const keys = [...this.#mounted.keys()];
		if (keys.length === 0) return;
		this.#subscription = liveQuery(() => this.read(keys)).subscribe({
			next: (rows) => {
				this.#error = undefined;
				// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local lookup
				const found = new Map(rows.map((row) => [this.keyOf(row), row]));
				for (const key of keys) this.#rows.set(key, found.get(key) ?? null);
				this.#trim();
			},
			error: (error) => {
				this.#error = error;
			}
		});
	}

	#trim() {
		if (this.#rows.size <= CACHE_LIMIT) return;
		for (const key of this.#rows.keys()) {
			if (!this.#mounted.has(key)) this.#rows.delete(key);
			if (this.#rows.size <= CACHE_LIMIT / 2) break;
		}
	}
}
