import { afterEach, describe, expect, it } from 'vitest';
import { DomainError } from '$lib/domain/errors';
import { locale } from '$lib/state/locale.svelte';
import { describeError } from './errors';

afterEach(() => locale.reset());

describe('describeError', () => {
	it('names CSP regions in the UI language', () => {
		const error = new DomainError('err_region_mismatch', {
			partnerRegion: 'europe',
			ownRegion: 'united_states'
		});
		locale.current = 'en';
		expect(describeError(error)).toBe(
			'This provider is in the Europe CSP region and you are in United States: a provider can partner only with resellers in its own region.'
		);
		locale.current = 'fr';
		expect(describeError(error)).toContain('région CSP Europe');
		expect(describeError(error)).toContain('région États-Unis');
	});

	it('leaves a value that is not a region id as it is', () => {
		const error = new DomainError('err_region_mismatch', {
			partnerRegion: 'Atlantis',
			ownRegion: ''
		});
		locale.current = 'en';
		expect(describeError(error)).toContain('in the Atlantis CSP region');
	});
});
