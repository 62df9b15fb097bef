import { m } from '$lib/paraglide/messages.js';
import { DomainError, isErrorCode, type ErrorCode } from '$lib/domain/errors';
import { storageErrorCode } from '$lib/db/storage-errors';

type Params = Record<string, string | number>;
const messages = m as unknown as Record<ErrorCode, (params?: Params) => string>;

/** The message for an error code, in the UI language. */
export function errorText(code: ErrorCode, params: Params = {}): string {
	return messages[code]?.(params) ?? m.error_unexpected();
}

/** What to tell the user about anything a command threw. */
export function describeError(error: unknown): string {
	if (error instanceof DomainError) return errorText(error.code, error.params);
	const storage = storageErrorCode(error);
	if (storage) return errorText(storage);
	if (isErrorCode(error)) return errorText(error);
	console.error(error);
	return m.error_unexpected();
}
