import type { z } from 'zod';
import { isErrorCode, ValidationError, type FieldErrors } from './errors';

/** The first error code per field path (`admin.email`), as the form shows them. */
export function fieldErrors(error: z.ZodError): FieldErrors {
	const fields: FieldErrors = {};
	for (const issue of error.issues) {
		const path = issue.path.map(String).join('.');
		if (fields[path]) continue;
		fields[path] = isErrorCode(issue.message) ? issue.message : fallbackCode(issue);
	}
	return fields;
}

function fallbackCode(issue: z.core.$ZodIssue) {
	if (issue.code === 'too_big') return 'err_too_long';
	return 'err_required';
}

/** Parses or throws a ValidationError with per-field codes. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
	const result = schema.safeParse(input);
	if (!result.success) throw new ValidationError(fieldErrors(result.error));
	return result.data;
}
