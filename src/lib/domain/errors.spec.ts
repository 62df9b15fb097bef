import { describe, expect, it } from 'vitest';
import { DomainError, errorCodes, isErrorCode, PermissionError, ValidationError } from './errors';

describe('error codes', () => {
	it.each([
		['err_required', true],
		['err_backup_decrypt', true],
		['err_nope', false],
		['', false],
		[42, false],
		[undefined, false]
	])('isErrorCode(%j) is %s', (value, expected) => {
		expect(isErrorCode(value)).toBe(expected);
	});

	it('has no duplicate codes', () => {
		expect(new Set(errorCodes).size).toBe(errorCodes.length);
	});

	it('gives a ValidationError the code of its first field', () => {
		const error = new ValidationError({ name: 'err_org_name_legal_form', country: 'err_required' });
		expect(error.code).toBe('err_org_name_legal_form');
		expect(error.message).toBe('err_org_name_legal_form');
		expect(error.name).toBe('ValidationError');
		expect(error).toBeInstanceOf(DomainError);
	});

	it('gives a PermissionError the denied code and the capability', () => {
		const error = new PermissionError('delete_workspace');
		expect(error.code).toBe('err_permission_denied');
		expect(error.params).toEqual({ capability: 'delete_workspace' });
		expect(error).toBeInstanceOf(DomainError);
	});
});
