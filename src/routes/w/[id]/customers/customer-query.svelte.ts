import type { CustomerRelationship, CustomerSource } from '$lib/domain/customers';
import type { CustomerQuery, CustomerSort } from '$lib/services/customers';

/**
 * What the Customers page is asked to show: the search box, the sort and the filters. `query`
 * is what `customerKeys()` and the customer index take. Answers come from memory in a few
 * milliseconds, so every keystroke is answered (no pause to wait for).
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

	setText(value: string) {
		this.text = value;
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
			text: this.text,
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
		this.text = '';
		this.relationship = '';
		this.source = '';
		this.partnerChannelId = '';
	}
}
