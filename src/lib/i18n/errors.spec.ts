import { afterEach, describe, expect, it } from 'vitest';
import { DomainError } from '$lib/domain/errors';
import { locale } from '$lib/state/locale.svelte';
import { describeError, errorText } from './errors';

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

describe('numbers in error messages', () => {
	const NNBSP = '\u202f';

	it('groups a quantity range the UI language’s way', () => {
		const error = new DomainError('err_order_quantity_range', { min: 1, max: 1000 });
		locale.current = 'en';
		expect(describeError(error)).toBe('The quantity must be between 1 and 1,000 for this offer.');
		locale.current = 'fr';
		expect(describeError(error)).toBe(
			`La quantité doit être comprise entre 1 et 1${NNBSP}000 pour cette offre.`
		);
	});

	it('groups licence counts but never the Partner Center error number', () => {
		const error = new DomainError('err_license_not_enough', {
			product: 'Microsoft 365 E3',
			assigned: 2500,
			total: 2500
		});
		locale.current = 'fr';
		const text = describeError(error);
		expect(text).toContain(`2${NNBSP}500 sur 2${NNBSP}500`);
		expect(text).toContain('(erreur 60012)');
		locale.current = 'en';
		expect(describeError(error)).toContain('2,500 of 2,500 are already assigned');
	});

	it('leaves numbers that name something as they are: an MPN ID, a line of a file', () => {
		locale.current = 'fr';
		expect(errorText('err_order_partner_is_provider', { mpnId: 5123456 })).toContain(
			'Le partenaire attitré (5123456)'
		);
		expect(errorText('err_import_csv_malformed', { line: 12345 })).toContain('à la ligne 12345');
		// The same value under a counting name is grouped: the name decides.
		expect(errorText('err_import_too_many_rows', { max: 100000 })).toContain(
			`plus de 100${NNBSP}000 clients`
		);
	});

	it('keeps text params as they are, digits included', () => {
		locale.current = 'en';
		expect(errorText('err_order_quantity_range', { min: '1', max: '1000' })).toBe(
			'The quantity must be between 1 and 1000 for this offer.'
		);
	});

	it('shows an instant as a date and time in the UI language', () => {
		const closedAt = Date.UTC(2025, 2, 10, 9, 0);
		const error = new DomainError('err_subscription_cancel_window', { closedAt });
		locale.current = 'en';
		const english = describeError(error);
		expect(english).toContain(
			new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'medium' }).format(closedAt)
		);
		expect(english).toContain('Mar 10, 2025');
		locale.current = 'fr';
		expect(describeError(error)).toContain('10 mars 2025');
		expect(describeError(error)).not.toContain(String(closedAt));
	});
});
