import type { CustomerRelationship, CustomerSource } from '$lib/domain/customers';
import type { CustomerQuery, CustomerSort } from '$lib/services/customers';

/** Typing waits this long for the next key before the list is queried again. */
export const SEARCH_DEBOUNCE_MS = 80;

/**
 * What the Customers page is asked to show: the search box (shown at once, queried after a short
 * pause), the sort and the filters. `query` is what `customerKeys()` takes.
 */
export class CustomerListQuery {
	/** the search box's text, as typed */
	text = $state('');
	sort = $state<CustomerSort>('name');
	direction = $state<'asc' | 'desc'>('asc');
	relationship = $state<CustomerRelationship | ''>('');
	source = $state<CustomerSource | ''>('');
	/** reseller: a provider it is shared with; provider: the reseller that shared it */
	partnerChannelId = $state('');
	#searched = $state('');
	#timer: ReturnType<typeof setTimeout> | undefined;

	setText(value: string) {
		this.text = value;
		clearTimeout(this.#timer);
		this.#timer = setTimeout(() => (this.#searched = value), SEARCH_DEBOUNCE_MS);
	}

	/** Sorting by the column again flips the direction. */
	sortBy(sort: CustomerSort) {
		if (this.sort === sort) this.direction = this.direction === 'asc' ? 'desc' : 'asc';
		else {
			this.sort = sort;
			this.direction = 'asc';
		}
	}

	get query(): CustomerQuery {
		return {
			text: this.#searched,
			sort: this.sort,
			direction: this.direction,
			relationship: this.relationship || null,
			source: this.source || null,
			partnerChannelId: this.partnerChannelId || null
		};
	}

	get filtered(): boolean {
		return Boolean(this.text.trim() || this.relationship || this.source || this.partnerChannelId);
	}

	clear() {
		clearTimeout(this.#timer);
		this.text = '';
		this.#searched = '';
		this.relationship = '';
		this.source = '';
		this.partnerChannelId = '';
	}

	destroy() {
		clearTimeout(this.#timer);
	}
}
