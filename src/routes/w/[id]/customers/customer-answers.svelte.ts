import { firstCustomerKeys, type CustomerQuery } from '$lib/services/customers';
import { acquireCustomerIndex } from '$lib/services/customer-index';
import type { WorkspaceDB } from '$lib/db/workspace-db';

/** Enough rows to fill the first screen. */
const FIRST_ROWS = 40;

/**
 * The Customers page's answers, reactive: from the workspace's customer index (in memory, a
 * few milliseconds at 100,000) once it has read the table; before that, the first screen of
 * the list by name, straight from the name index, so the page shows rows at once.
 */
export class CustomerAnswers {
	#version = $state(0);
	#firstKeys = $state.raw<string[] | null>(null);
	#firstError = $state.raw<unknown>(undefined);
	readonly #index;
	readonly #release: () => void;
	readonly #stopFollowing: () => void;

	constructor(db: WorkspaceDB) {
		// Asked before the index starts reading, so IndexedDB answers it first.
		firstCustomerKeys(db, { sort: 'name' }, FIRST_ROWS).then(
			(found) => (this.#firstKeys = found),
			(error: unknown) => (this.#firstError = error)
		);
		const held = acquireCustomerIndex(db);
		this.#index = held.index;
		this.#release = held.release;
		this.#stopFollowing = this.#index.subscribe(() => this.#version++);
	}

	/** The index has read the table: every answer is exact and live. */
	get ready(): boolean {
		void this.#version;
		return this.#index.state === 'ready';
	}

	get error(): unknown {
		void this.#version;
		return this.#index.state === 'failed' ? this.#index.error : this.#firstError;
	}

	/** How many customers the workspace has; null until the index is ready. */
	get total(): number | null {
		return this.ready ? this.#index.size : null;
	}

	/**
	 * The keys matching the query. Until the index is ready: the first screen by name, whatever
	 * is asked (the page marks it busy), or null before even that has been read.
	 */
	keys(query: CustomerQuery): string[] | null {
		return this.ready ? this.#index.keys(query) : this.#firstKeys;
	}

	/** Customers per partner channel (a provider's resellers); null until ready. */
	partnerCounts(): Map<string, number> | null {
		return this.ready ? this.#index.partnerCounts() : null;
	}

	destroy(): void {
		this.#stopFollowing();
		this.#release();
	}
}
