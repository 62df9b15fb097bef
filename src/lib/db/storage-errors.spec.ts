import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { storageErrorCode } from './storage-errors';

describe('storageErrorCode', () => {
	it.each<[string, unknown, string | null]>([
		['a quota DOMException', new DOMException('full', 'QuotaExceededError'), 'err_storage_quota'],
		[
			'Dexie wrapping a quota error',
			{ name: 'AbortError', inner: { name: 'QuotaExceededError' } },
			'err_storage_quota'
		],
		[
			'Dexie wrapping another error',
			{ name: 'AbortError', inner: { name: 'ConstraintError' } },
			'err_storage_unknown'
		],
		['a closed database', new Dexie.DatabaseClosedError('closed'), 'err_storage_closed'],
		['an invalid state', new DOMException('gone', 'InvalidStateError'), 'err_storage_closed'],
		['a failed open', new Dexie.OpenFailedError('no'), 'err_storage_unknown'],
		['a version error', { name: 'VersionError' }, 'err_storage_unknown'],
		['an inactive transaction', { name: 'TransactionInactiveError' }, 'err_storage_unknown'],
		['a programming error', new TypeError('x is undefined'), null],
		['a constraint error', new Dexie.ConstraintError('dup'), null],
		['null', null, null],
		['a string', 'QuotaExceededError', null],
		['an object without a name', { message: 'x' }, null]
	])('maps %s to %s', (_label, error, code) => {
		expect(storageErrorCode(error)).toBe(code);
	});
});
