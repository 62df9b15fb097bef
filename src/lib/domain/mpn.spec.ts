import { describe, expect, it } from 'vitest';
import { mpnIdSchema } from './mpn';
import { fieldErrors } from './validation';

function codeFor(input: unknown): string | null {
	const result = mpnIdSchema.safeParse(input);
	return result.success ? null : (fieldErrors(result.error)[''] ?? 'no root error');
}

describe('mpnIdSchema', () => {
	it.each([
		['123456', '123456'],
		['1234567', '1234567'],
		['4812345', '4812345'],
		['1234567890', '1234567890'],
		['0012345', '0012345'],
		['  4812345  ', '4812345'],
		['\t4812345\n', '4812345'],
		['４８１２３４５', '4812345']
	])('accepts %j as %j', (input, stored) => {
		expect(mpnIdSchema.parse(input)).toBe(stored);
	});

	it.each([
		['12345', 'err_mpn_format'],
		['12345678901', 'err_mpn_format'],
		['48 12345', 'err_mpn_format'],
		['481-2345', 'err_mpn_format'],
		['MPN4812345', 'err_mpn_format'],
		['4812345a', 'err_mpn_format'],
		['+4812345', 'err_mpn_format'],
		['4812345.0', 'err_mpn_format'],
		['٤٨١٢٣٤٥', 'err_mpn_format'],
		['', 'err_required'],
		['   ', 'err_required'],
		[undefined, 'err_required'],
		[null, 'err_required'],
		[4812345, 'err_required']
	])('refuses %j with %s', (input, code) => {
		expect(codeFor(input)).toBe(code);
	});
});
