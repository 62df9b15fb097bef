import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { DomainError, ValidationError } from '$lib/domain/errors';
import { withStorageErrors } from './storage';

describe('withStorageErrors', () => {
	it('returns what the write returns', async () => {
		expect(await withStorageErrors(async () => 42)).toBe(42);
	});

	it.each([
		['a full disk', new DOMException('full', 'QuotaExceededError'), 'err_storage_quota'],
		[
			'a database closed by the browser',
			new Dexie.DatabaseClosedError('closed'),
			'err_storage_closed'
		]
	])('turns %s into a clear refusal', async (_label, cause, code) => {
		const error = await withStorageErrors(() => Promise.reject(cause)).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(DomainError);
		expect((error as DomainError).code).toBe(code);
	});

	it('passes domain errors and unknown errors through unchanged', async () => {
		const refusal = new ValidationError({ name: 'err_required' });
		const bug = new TypeError('bug');
		await expect(withStorageErrors(() => Promise.reject(refusal))).rejects.toBe(refusal);
		await expect(withStorageErrors(() => Promise.reject(bug))).rejects.toBe(bug);
	});
});
