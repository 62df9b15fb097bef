import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Acceptance, PartnershipState } from './partnership';
import {
	checkSharedRecord,
	collectionRules,
	isCollectionName,
	MAX_RECORD_BYTES,
	MAX_RECORD_DEPTH,
	rebuildPlain
} from './shared-records';

const FINGERPRINT = '0123456789abcdef0123456789abcdef';
const CHANNEL = 'fedcba9876543210fedcba9876543210';

function profile() {
	return {
		workspaceId: '6f1c1d9e-4b7a-4c1e-9a55-0d1f7b0c2e11',
		tenantId: '2a7d3c44-9e1b-4f7a-8c3d-5e6f7a8b9c0d',
		name: 'Fabrikam Resale',
		domain: 'fabrikam.example',
		mpnId: '1234567',
		country: 'FR',
		fingerprint: FINGERPRINT
	};
}

function partnership(): PartnershipState {
	return { state: 'active', resellerFingerprint: FINGERPRINT, since: 1_000, removedAt: null };
}

function acceptance(): Acceptance {
	return {
		invitationId: '9b2f0c1e-3d4a-4b5c-8d6e-7f8091a2b3c4',
		channelId: CHANNEL,
		accepter: {
			...profile(),
			publicKey: { kty: 'EC', crv: 'P-256', x: 'A'.repeat(43), y: 'B'.repeat(43) }
		},
		acceptedAt: 2_000,
		acceptedBy: 'Ana Lopez'
	};
}

/** A value as a partner's feed would deliver it: set in one Y.Doc, read from another. */
function throughYjs(value: unknown): unknown {
	const author = new Y.Doc();
	author.getMap('profile').set('self', value);
	const reader = new Y.Doc();
	Y.applyUpdate(reader, Y.encodeStateAsUpdate(author));
	return reader.getMap('profile').get('self');
}

function nested(levels: number): unknown {
	let value: unknown = 1;
	for (let i = 0; i < levels; i++) value = { a: value };
	return value;
}

describe('rebuildPlain', () => {
	it('rebuilds JSON values as fresh plain objects with the same content', () => {
		const source = { a: [1, 'two', true, null, { b: -0.5 }], c: { d: '' } };
		const result = rebuildPlain(source);
		expect(result).toEqual({ ok: true, value: source });
		if (!result.ok) return;
		const value = result.value as typeof source;
		expect(value).not.toBe(source);
		expect(value.c).not.toBe(source.c);
		expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
		source.c.d = 'changed';
		expect(value.c.d).toBe('');
	});

	it('accepts null-prototype objects and gives them the plain prototype back', () => {
		const bare = Object.assign(Object.create(null) as Record<string, unknown>, { a: 1 });
		const result = rebuildPlain(bare);
		expect(result.ok).toBe(true);
		if (result.ok) expect(Object.getPrototypeOf(result.value)).toBe(Object.prototype);
	});

	it('refuses an own "__proto__" key from JSON.parse (forbidden_key)', () => {
		const parsed: unknown = JSON.parse('{"name": "x", "__proto__": {"isAdmin": true}}');
		expect(Object.hasOwn(parsed as object, '__proto__')).toBe(true);
		expect(rebuildPlain(parsed)).toEqual({ ok: false, reason: 'forbidden_key' });
		const deep: unknown = JSON.parse('{"a": [{"b": {"__proto__": {"x": 1}}}]}');
		expect(rebuildPlain(deep)).toEqual({ ok: false, reason: 'forbidden_key' });
	});

	it('refuses a "__proto__" record once Yjs has decoded it (prototype set: not_plain)', () => {
		const decoded = throughYjs(JSON.parse('{"__proto__": {"x": 1}}'));
		// lib0 decodes with `obj[key] = …`: the key became the prototype, the record looks empty
		expect(Object.keys(decoded as object)).toEqual([]);
		expect((decoded as { x?: number }).x).toBe(1);
		const verdict = rebuildPlain(decoded);
		expect(verdict.ok).toBe(false);
		if (!verdict.ok) expect(['forbidden_key', 'not_plain']).toContain(verdict.reason);
		expect(checkSharedRecord('profile', 'self', decoded, 'reseller')).toMatchObject({ ok: false });
	});

	it('refuses a record whose inherited fields would satisfy the schema (Yjs-decoded __proto__)', () => {
		const decoded = throughYjs(JSON.parse(`{"__proto__": ${JSON.stringify(profile())}}`));
		// every field is inherited: zod alone would accept it
		expect((decoded as { name?: string }).name).toBe('Fabrikam Resale');
		expect(checkSharedRecord('profile', 'self', decoded, 'reseller')).toMatchObject({
			ok: false,
			reason: 'not_plain'
		});
	});

	it.each(['constructor', 'prototype', '__proto__'])('refuses a "%s" key at any depth', (key) => {
		const top: unknown = JSON.parse(`{${JSON.stringify(key)}: 1}`);
		const deep: unknown = JSON.parse(`{"a": {"b": [1, {${JSON.stringify(key)}: {"c": 2}}]}}`);
		expect(rebuildPlain(top)).toEqual({ ok: false, reason: 'forbidden_key' });
		expect(rebuildPlain(deep)).toEqual({ ok: false, reason: 'forbidden_key' });
	});

	class Card {
		name = 'x';
	}
	it.each<[string, unknown]>([
		['a class instance', new Card()],
		['a Date', new Date(0)],
		['a Map', new Map([['a', 1]])],
		['a Set', new Set([1])],
		['a Uint8Array', new Uint8Array([1])],
		['a RegExp', /x/],
		['a function', () => 1],
		['a function inside', { a: { f() {} } }],
		['NaN', Number.NaN],
		['Infinity', Number.POSITIVE_INFINITY],
		['-Infinity inside an array', [1, Number.NEGATIVE_INFINITY]],
		['undefined', undefined],
		['undefined inside', { a: undefined }],
		['a sparse array', [1, , 3]], // eslint-disable-line no-sparse-arrays
		['a bigint', 1n],
		['a symbol', Symbol('x')],
		['a symbol key', { [Symbol('x')]: 1 }],
		['an object inheriting from another', Object.create({ isAdmin: true }) as object],
		['a getter', Object.defineProperty({}, 'name', { get: () => 'x', enumerable: true })],
		['a Y.Map', new Y.Doc().getMap('m')]
	])('refuses %s (not_plain)', (_what, value) => {
		expect(rebuildPlain(value)).toEqual({ ok: false, reason: 'not_plain' });
	});

	it('copies own data properties by descriptor, never through a proxy’s get trap', () => {
		let trapped = false;
		const proxy = new Proxy(
			{ a: 1 },
			{
				get() {
					trapped = true;
					return 'injected';
				}
			}
		);
		const result = rebuildPlain(proxy);
		// own data properties are copied by descriptor, never through `get`
		expect(trapped).toBe(false);
		expect(result).toEqual({ ok: true, value: { a: 1 } });
	});

	it(`accepts ${MAX_RECORD_DEPTH} levels of nesting and refuses one more (too_deep)`, () => {
		expect(rebuildPlain(nested(MAX_RECORD_DEPTH)).ok).toBe(true);
		expect(rebuildPlain(nested(MAX_RECORD_DEPTH + 1))).toEqual({ ok: false, reason: 'too_deep' });
		let array: unknown = 1;
		for (let i = 0; i < 10_000; i++) array = [array];
		expect(rebuildPlain(array)).toEqual({ ok: false, reason: 'too_deep' });
	});
});

describe('checkSharedRecord', () => {
	it('accepts each collection from its allowed authors', () => {
		expect(checkSharedRecord('profile', 'self', profile(), 'reseller')).toEqual({
			ok: true,
			value: profile()
		});
		expect(checkSharedRecord('profile', 'self', profile(), 'provider').ok).toBe(true);
		expect(checkSharedRecord('partnership', 'state', partnership(), 'provider')).toEqual({
			ok: true,
			value: partnership()
		});
		const a = acceptance();
		expect(checkSharedRecord('acceptance', a.invitationId, a, 'reseller')).toEqual({
			ok: true,
			value: a
		});
	});

	it('refuses a record of the wrong kind from the wrong author (not_allowed_author)', () => {
		expect(checkSharedRecord('partnership', 'state', partnership(), 'reseller')).toEqual({
			ok: false,
			reason: 'not_allowed_author'
		});
		const a = acceptance();
		expect(checkSharedRecord('acceptance', a.invitationId, a, 'provider')).toEqual({
			ok: false,
			reason: 'not_allowed_author'
		});
	});

	it('treats null as a removal that still needs an allowed author', () => {
		expect(checkSharedRecord('partnership', 'state', null, 'provider')).toEqual({
			ok: true,
			value: null
		});
		expect(checkSharedRecord('partnership', 'state', null, 'reseller')).toEqual({
			ok: false,
			reason: 'not_allowed_author'
		});
		expect(checkSharedRecord('acceptance', 'x', null, 'provider')).toEqual({
			ok: false,
			reason: 'not_allowed_author'
		});
		expect(checkSharedRecord('nope', 'x', null, 'provider')).toEqual({
			ok: false,
			reason: 'unknown_collection'
		});
		expect(checkSharedRecord('profile', 'other', null, 'provider')).toEqual({
			ok: false,
			reason: 'unknown_id'
		});
	});

	it.each(['notes', '__proto__', 'constructor', 'hasOwnProperty', 'toString', ''])(
		'refuses the unknown collection %j',
		(collection) => {
			expect(isCollectionName(collection)).toBe(false);
			expect(checkSharedRecord(collection, 'self', profile(), 'provider')).toEqual({
				ok: false,
				reason: 'unknown_collection'
			});
		}
	);

	it('refuses an id a fixed collection does not have, and overlong ids (unknown_id)', () => {
		expect(checkSharedRecord('profile', 'other', profile(), 'reseller')).toEqual({
			ok: false,
			reason: 'unknown_id'
		});
		expect(checkSharedRecord('partnership', '__proto__', partnership(), 'provider')).toEqual({
			ok: false,
			reason: 'unknown_id'
		});
		expect(collectionRules.acceptance).not.toHaveProperty('ids');
		const a = acceptance();
		expect(checkSharedRecord('acceptance', 'x'.repeat(201), a, 'reseller')).toEqual({
			ok: false,
			reason: 'unknown_id'
		});
		expect(checkSharedRecord('acceptance', 'x'.repeat(200), a, 'reseller').ok).toBe(true);
	});

	it('refuses a value that fails its schema (invalid, with the path)', () => {
		expect(
			checkSharedRecord('profile', 'self', { ...profile(), country: 'France' }, 'reseller')
		).toEqual({ ok: false, reason: 'invalid', detail: 'country' });
		expect(
			checkSharedRecord('profile', 'self', { ...profile(), extra: 1 }, 'reseller')
		).toMatchObject({
			ok: false,
			reason: 'invalid'
		});
		expect(
			checkSharedRecord('partnership', 'state', { ...partnership(), state: 'owner' }, 'provider')
		).toEqual({ ok: false, reason: 'invalid', detail: 'state' });
		expect(checkSharedRecord('profile', 'self', 'a string', 'reseller')).toMatchObject({
			ok: false,
			reason: 'invalid'
		});
		expect(checkSharedRecord('profile', 'self', [profile()], 'reseller')).toMatchObject({
			ok: false,
			reason: 'invalid'
		});
	});

	it('refuses a __proto__ record before its schema is looked at', () => {
		const parsed: unknown = JSON.parse(
			`{"__proto__": {"x": 1}, ${JSON.stringify(profile()).slice(1)}`
		);
		expect(checkSharedRecord('profile', 'self', parsed, 'reseller')).toEqual({
			ok: false,
			reason: 'forbidden_key'
		});
	});

	it('refuses non-plain values (not_plain) and deep ones (too_deep)', () => {
		expect(checkSharedRecord('profile', 'self', new Date(), 'reseller')).toEqual({
			ok: false,
			reason: 'not_plain'
		});
		expect(
			checkSharedRecord('profile', 'self', { ...profile(), name: Number.NaN }, 'reseller')
		).toEqual({ ok: false, reason: 'not_plain' });
		expect(
			checkSharedRecord('profile', 'self', { ...profile(), x: nested(40) }, 'reseller')
		).toEqual({
			ok: false,
			reason: 'too_deep'
		});
	});

	it(`refuses values over ${MAX_RECORD_BYTES} bytes of JSON (too_large), counting UTF-8 bytes`, () => {
		const a = acceptance();
		// schema allows 120 characters; the size check comes first
		const big = { ...a, acceptedBy: 'x'.repeat(MAX_RECORD_BYTES) };
		expect(checkSharedRecord('acceptance', a.invitationId, big, 'reseller')).toEqual({
			ok: false,
			reason: 'too_large'
		});
		// 22,000 three-byte characters: under the limit in characters, over it in bytes
		const wide = { ...profile(), name: '€'.repeat(22_000) };
		expect(JSON.stringify(wide).length).toBeLessThan(MAX_RECORD_BYTES);
		expect(checkSharedRecord('profile', 'self', wide, 'reseller')).toEqual({
			ok: false,
			reason: 'too_large'
		});
		// the same character count in ASCII is not too large, merely invalid (name ≤ 200)
		expect(
			checkSharedRecord('profile', 'self', { ...profile(), name: 'e'.repeat(22_000) }, 'reseller')
		).toMatchObject({ ok: false, reason: 'invalid' });
	});

	it('returns the parsed value, not the caller’s object', () => {
		const source = profile();
		const verdict = checkSharedRecord('profile', 'self', source, 'provider');
		expect(verdict.ok && verdict.value).not.toBe(source);
	});
});
