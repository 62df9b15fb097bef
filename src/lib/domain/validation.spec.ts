import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DomainError, ValidationError } from './errors';
import { fieldErrors, parseOrThrow } from './validation';

const schema = z.object({
	name: z.string().min(2, { error: 'err_org_name_single_char' }).max(5),
	nested: z.object({ count: z.number({ error: 'err_idle_minutes_range' }) }),
	note: z.string().refine((v) => v !== 'x', { error: 'not a known code' })
});

describe('fieldErrors', () => {
	it('maps each issue path to its error code, first issue per path', () => {
		const result = schema.safeParse({ name: 'a', nested: { count: 'three' }, note: 'x' });
		expect(fieldErrors(result.error!)).toEqual({
			name: 'err_org_name_single_char',
			'nested.count': 'err_idle_minutes_range',
			note: 'err_required'
		});
	});

	it('falls back to err_too_long for an uncoded maximum', () => {
		const result = schema.safeParse({ name: 'abcdefgh', nested: { count: 1 }, note: '' });
		expect(fieldErrors(result.error!)).toEqual({ name: 'err_too_long' });
	});
});

describe('parseOrThrow', () => {
	it('returns the parsed value', () => {
		expect(parseOrThrow(schema, { name: 'abc', nested: { count: 2 }, note: 'ok' })).toEqual({
			name: 'abc',
			nested: { count: 2 },
			note: 'ok'
		});
	});

	it('throws a ValidationError carrying the field codes', () => {
		let caught: unknown;
		try {
			parseOrThrow(schema, { name: 'a', nested: { count: 1 }, note: 'ok' });
		} catch (error) {
			caught = error;
		}
		expect(caught).toBeInstanceOf(ValidationError);
		expect(caught).toBeInstanceOf(DomainError);
		expect((caught as ValidationError).fields).toEqual({ name: 'err_org_name_single_char' });
		expect((caught as ValidationError).code).toBe('err_org_name_single_char');
	});
});
