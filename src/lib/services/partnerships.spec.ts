import { beforeEach, describe, expect, it } from 'vitest';
import { workspaceDb } from '$lib/db/workspace-db';
import { DomainError } from '$lib/domain/errors';
import { resetDatabases } from '$lib/test/indexeddb';
import {
	APP,
	createTestProvider,
	enginesStoppedAfterEach,
	enrolledReseller,
	eventually,
	linkParts,
	session,
	startEngines
} from '$lib/test/partners';
import {
	authorizeProvider,
	cancelInvitation,
	readInvitation,
	removePartnership,
	requestPartnership
} from './partnerships';

const engines = enginesStoppedAfterEach();

beforeEach(async () => {
	await resetDatabases();
});

describe('a provider and a reseller in one browser (same-browser transport)', () => {
	it('request → authorize → both active → remove partnership', async () => {
		const provider = await createTestProvider({ country: 'DE' });
		const reseller = await enrolledReseller({ country: 'FR' });
		const { link, invitation } = await requestPartnership(
			session(provider),
			{
				email: 'admin@fabrikam.example',
				name: 'Fabrikam'
			},
			APP
		);
		expect(link.startsWith(`${APP}invite?invType=IndirectProvider&partnerId=`)).toBe(true);
		expect(invitation.status).toBe('pending');

		await startEngines(engines, provider, reseller);

		const signed = await readInvitation(linkParts(link));
		expect(signed.payload.inviter.name).toBe('Northwind Distribution');
		const channel = await authorizeProvider(session(reseller), signed, true);
		expect(channel.state).toBe('accepted');

		const providerDb = workspaceDb(provider.workspaceId);
		const resellerDb = workspaceDb(reseller.workspaceId);
		await eventually(
			async () => (await providerDb.channels.get(channel.id))?.state === 'active',
			engines
		);
		expect((await providerDb.channels.get(channel.id))?.partner?.name).toBe('Fabrikam Resale');
		await eventually(
			async () => (await resellerDb.channels.get(channel.id))?.state === 'active',
			engines
		);
		expect((await providerDb.invitations.get(invitation.id))?.status).toBe('accepted');

		await removePartnership(session(provider), channel.id);
		await eventually(
			async () => (await resellerDb.channels.get(channel.id))?.state === 'removed',
			engines
		);
	});

	it('refuses a reseller of another CSP region, and a reused link', async () => {
		const provider = await createTestProvider({ country: 'US' });
		const reseller = await enrolledReseller({ country: 'FR' });
		const { link } = await requestPartnership(session(provider), { email: 'a@b.example' }, APP);
		const signed = await readInvitation(linkParts(link));
		await expect(authorizeProvider(session(reseller), signed, true)).rejects.toMatchObject({
			code: 'err_region_mismatch'
		});
		expect(await workspaceDb(reseller.workspaceId).channels.count()).toBe(0);
	});

	it('refuses an expired, a forged and an altered invitation', async () => {
		const provider = await createTestProvider({ country: 'FR' });
		const { link } = await requestPartnership(
			session(provider),
			{ email: 'a@b.example' },
			APP,
			1_000
		);
		await expect(readInvitation(linkParts(link), 1_000 + 31 * 864e5)).rejects.toMatchObject({
			code: 'err_invitation_expired'
		});
		const parts = linkParts(link);
		const altered = { ...parts, search: parts.search.replace(/partnerId=[^&]+/, 'partnerId=x') };
		await expect(readInvitation(altered, 2_000)).rejects.toBeInstanceOf(DomainError);
		const cut = { ...parts, hash: parts.hash.slice(0, -5) };
		await expect(readInvitation(cut, 2_000)).rejects.toMatchObject({
			code: 'err_invitation_invalid'
		});
	});

	it('cancelling an invitation stops its channel', async () => {
		const provider = await createTestProvider({ country: 'FR' });
		const { invitation } = await requestPartnership(
			session(provider),
			{ email: 'a@b.example' },
			APP
		);
		await cancelInvitation(session(provider), invitation.id);
		const db = workspaceDb(provider.workspaceId);
		expect((await db.channels.get(invitation.channelId))?.state).toBe('cancelled');
		await expect(cancelInvitation(session(provider), invitation.id)).rejects.toMatchObject({
			code: 'err_partnership_state'
		});
	});
});
