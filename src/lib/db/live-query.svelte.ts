import { liveQuery, type Subscription } from 'dexie';
import { createSubscriber } from 'svelte/reactivity';

/**
 * A Dexie live query as a rune-friendly value: read `.current` in a template or `$derived` and it
 * stays up to date while something reads it. `loading` is true until the first result arrives;
 * `error` holds the last failure. Subscribes only while observed, so pages that unmount stop
 * querying.
 */
export class LiveQuery<T> {
	#value = $state.raw<T | undefined>(undefined);
	#loading = $state(true);
	#error = $state.raw<unknown>(undefined);
	#subscribe: () => void;

	constructor(query: () => T | Promise<T>) {
		this.#subscribe = createSubscriber((update) => {
			const subscription: Subscription = liveQuery(query).subscribe({
				next: (value) => {
					this.#value = value;
					this.#loading = false;
					this.#error = undefined;
					update();
				},
				error: (error) => {
					this.#error = error;
					this.#loading = false;
					update();
				}
			});
			return () => subscription.unsubscribe();
		});
	}

	get current(): T | undefined {
		this.#subscribe();
		return this.#value;
	}

	get loading(): boolean {
		this.#subscribe();
		return this.#loading;
	}

	get error(): unknown {
		this.#subscribe();
		return this.#error;
	}
}
