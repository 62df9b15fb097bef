import type { ErrorCode } from '$lib/domain/errors';

/** Maps what IndexedDB throws to what the user is told. */
export function storageErrorCode(error: unknown): ErrorCode | null {
	const name = errorName(error);
	if (!name) return null;
	if (name === 'QuotaExceededError') return 'err_storage_quota';
	if (name === 'DatabaseClosedError' || name === 'InvalidStateError') return 'err_storage_closed';
	if (
		[
			'AbortError',
			'UnknownError',
			'OpenFailedError',
			'VersionError',
			'DataError',
			'TransactionInactiveError'
		].includes(name)
	)
		return 'err_storage_unknown';
	return null;
}

function errorName(error: unknown): string | undefined {
	if (!error || typeof error !== 'object') return undefined;
	const { name, inner } = error as { name?: unknown; inner?: unknown };
	// Dexie wraps the browser's DOMException; the inner one names the real cause.
	const innerName = inner && typeof inner === 'object' ? (inner as { name?: unknown }).name : null;
	if (typeof innerName === 'string' && innerName === 'QuotaExceededError') return innerName;
	return typeof name === 'string' ? name : undefined;
}
