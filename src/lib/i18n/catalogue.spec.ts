import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { auditActions } from '$lib/domain/audit';
import { errorCodes } from '$lib/domain/errors';

const catalogue = (locale: string) =>
	JSON.parse(
		readFileSync(new URL(`../../../messages/${locale}.json`, import.meta.url), 'utf8')
	) as Record<string, string>;
const en = catalogue('en');
const fr = catalogue('fr');

describe('message catalogues', () => {
	it('have the same keys in English and French', () => {
		expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
	});

	it.each(errorCodes)('say %s in both languages', (code) => {
		expect(en[code]).toEqual(expect.any(String));
		expect(fr[code]).toEqual(expect.any(String));
	});

	it.each(auditActions)('name the Activity log action %s in both languages', (action) => {
		const key = `audit_${action.replace('.', '_')}`;
		expect(en[key]).toEqual(expect.any(String));
		expect(fr[key]).toEqual(expect.any(String));
	});

	it('use the same placeholders in both languages', () => {
		const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
		for (const key of Object.keys(en)) {
			expect(placeholders(fr[key] ?? ''), key).toEqual(placeholders(en[key] ?? ''));
		}
	});
});
