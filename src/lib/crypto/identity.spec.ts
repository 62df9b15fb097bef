import { beforeAll, describe, expect, it } from 'vitest';
import { createIdentity, fingerprint, keysMatch, type IdentityKeys } from './identity';

let alice: IdentityKeys;
let bob: IdentityKeys;

beforeAll(async () => {
	[alice, bob] = await Promise.all([createIdentity(), createIdentity()]);
});

describe('createIdentity', () => {
	it('creates an exportable ECDSA P-256 key pair as JWK', () => {
		expect(alice.publicKey).toMatchObject({ kty: 'EC', crv: 'P-256' });
		expect(alice.publicKey.d).toBeUndefined();
		expect(alice.privateKey).toMatchObject({ kty: 'EC', crv: 'P-256' });
		expect(alice.privateKey.d).toEqual(expect.any(String));
		expect(alice.privateKey.x).toBe(alice.publicKey.x);
	});
});

describe('fingerprint', () => {
	it('is eight groups of four hex digits', async () => {
		expect(await fingerprint(alice.publicKey)).toMatch(/^[0-9a-f]{4}( [0-9a-f]{4}){7}$/);
	});

	it('is stable for the same key, whatever the JWK carries besides', async () => {
		const again = await fingerprint({ ...alice.publicKey });
		const fromPrivate = await fingerprint({
			kty: 'EC',
			crv: 'P-256',
			x: alice.privateKey.x,
			y: alice.privateKey.y
		});
		expect(again).toBe(await fingerprint(alice.publicKey));
		expect(fromPrivate).toBe(again);
	});

	it('differs between two keys', async () => {
		expect(await fingerprint(alice.publicKey)).not.toBe(await fingerprint(bob.publicKey));
	});

	it('matches SHA-256 of the SubjectPublicKeyInfo, first 16 bytes', async () => {
		const key = await crypto.subtle.importKey(
			'jwk',
			alice.publicKey,
			{ name: 'ECDSA', namedCurve: 'P-256' },
			true,
			['verify']
		);
		const spki = await crypto.subtle.exportKey('spki', key);
		const digest = Buffer.from(await crypto.subtle.digest('SHA-256', spki)).toString('hex');
		expect((await fingerprint(alice.publicKey)).replaceAll(' ', '')).toBe(digest.slice(0, 32));
	});
});

describe('keysMatch', () => {
	it('is true for the two halves of one pair', async () => {
		expect(await keysMatch(alice)).toBe(true);
	});

	it.each([
		[
			'public key of another pair',
			() => ({ publicKey: bob.publicKey, privateKey: alice.privateKey })
		],
		[
			'private key of another pair',
			() => ({ publicKey: alice.publicKey, privateKey: bob.privateKey })
		],
		[
			'a private key without d',
			() => ({ publicKey: alice.publicKey, privateKey: alice.publicKey })
		],
		['a malformed key', () => ({ publicKey: { kty: 'EC' }, privateKey: alice.privateKey })]
	])('is false for the %s', async (_label, keys) => {
		expect(await keysMatch(keys())).toBe(false);
	});
});
