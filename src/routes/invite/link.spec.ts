import { describe, expect, it } from 'vitest';
import type { SignedInvitation } from '$lib/domain/partnership';
import { invitationFromQuery } from './link';

const TENANT = '0d4c2a6e-1b3f-4e5a-8c7d-9e0f1a2b3c4d';
const OTHER = '7e6d5c4b-3a29-4817-a6b5-c4d3e2f1a0b9';
const invitation = { payload: { inviter: { tenantId: TENANT } } } as unknown as SignedInvitation;

describe('a stored invitation for an address without its fragment', () => {
	it.each([
		['no query', '', true],
		[
			'the same provider',
			`?invType=IndirectProvider&partnerId=${TENANT}&indirectCSPId=${TENANT}`,
			true
		],
		['only partnerId, the same', `?partnerId=${TENANT}`, true],
		[
			'another provider',
			`?invType=IndirectProvider&partnerId=${OTHER}&indirectCSPId=${OTHER}`,
			false
		],
		['a mixed pair', `?partnerId=${TENANT}&indirectCSPId=${OTHER}`, false],
		['an empty partnerId', '?partnerId=', false]
	])('%s → %s', (_label, search, expected) => {
		expect(invitationFromQuery(invitation, search)).toBe(expected);
	});
});
