import { beforeEach, describe, expect, it } from 'vitest';
import { closeWorkspaceDb, workspaceDb } from '$lib/db/workspace-db';
import { DomainError } from '$lib/domain/errors';
import { createTestWorkspace, insertTestUser } from '$lib/test/factories';
import { resetDatabases } from '$lib/test/indexeddb';
import { signIn, signOut } from './auth';

// Every sign-in attempt that reaches the password check runs PBKDF2 (~0.3 s); tests move the
// clock with `now` instead of sleeping, and seed the lockout state where the path to it is
// tested elsewhere.
const T0 = 1_750_000_000_000;
const WRONG = 'Wrong-password-123';

beforeEach(resetDatabases);

/** The DomainError code and params a sign-in attempt is refused with. */
async function refusal(attempt: Promise<unknown>) {
	try {
		await attempt;
	} catch (error) {
		if (error instanceof DomainError) return { code: error.code, params: error.params };
		throw error;
	}
	throw new Error('expected sign-in to be refused');
}

const failed = { code: 'err_sign_in_failed', params: {} };
const lockedFor = (seconds: number) => ({ code: 'err_sign_in_locked', params: { seconds } });

describe('signIn', () => {
	it('signs the Global admin in with any case and spacing of the email', async () => {
		const ws = await createTestWorkspace({ admin: { email: 'ana.lopez@contoso.example' } });
		const result = await signIn(ws.workspaceId, '  Ana.Lopez@CONTOSO.example ', ws.password, T0);
		expect(result).toEqual({
			workspaceId: ws.workspaceId,
			userId: ws.userId,
			mustChangePassword: false
		});
		const db = workspaceDb(ws.workspaceId);
		expect((await db.users.get(ws.userId))?.lastSignInAt).toBe(T0);
		const entries = await db.audit.where('action').equals('user.signed_in').toArray();
		expect(entries).toEqual([
			expect.objectContaining({ actorId: ws.userId, target: 'ana.lopez@contoso.example', at: T0 })
		]);
	});

	it('gives the same answer for an unknown email and a wrong password', async () => {
		const ws = await createTestWorkspace();
		const db = workspaceDb(ws.workspaceId);
		const lastSignInAt = (await db.users.get(ws.userId))?.lastSignInAt;
		const unknownEmail = await refusal(
			signIn(ws.workspaceId, 'nobody@contoso.example', ws.password, T0)
		);
		const wrongPassword = await refusal(signIn(ws.workspaceId, ws.email, WRONG, T0 + 1));
		const emptyEmail = await refusal(signIn(ws.workspaceId, '', ws.password, T0 + 2));
		expect(unknownEmail).toEqual(failed);
		expect(wrongPassword).toEqual(failed);
		expect(emptyEmail).toEqual(failed);
		const entries = await db.audit.where('action').equals('user.sign_in_failed').sortBy('at');
		expect(entries.map((e) => [e.actorId, e.target, e.details])).toEqual([
			[null, 'nobody@contoso.example', { failuresInARow: 1 }],
			[null, ws.email, { failuresInARow: 2 }],
			[null, '', { failuresInARow: 3 }]
		]);
		expect((await db.users.get(ws.userId))?.lastSignInAt).toBe(lastSignInAt);
	});

	it('refuses an unknown workspace', async () => {
		expect(await refusal(signIn(crypto.randomUUID(), 'a@b.fr', 'whatever-password', T0))).toEqual({
			code: 'err_workspace_not_found',
			params: {}
		});
	});

	it('refuses an inactive user even with the right password', async () => {
		const ws = await createTestWorkspace();
		const user = await insertTestUser(ws.workspaceId, { status: 'inactive' });
		expect(await refusal(signIn(ws.workspaceId, user.email, user.plainPassword, T0))).toEqual({
			code: 'err_user_inactive',
			params: {}
		});
	});

	it('locks for 30 s after five failures in a row, across a fresh database handle', async () => {
		const ws = await createTestWorkspace();
		for (let attempt = 1; attempt <= 4; attempt++) {
			expect(await refusal(signIn(ws.workspaceId, ws.email, WRONG, T0 + attempt))).toEqual(failed);
		}
		const fifth = T0 + 5;
		expect(await refusal(signIn(ws.workspaceId, ws.email, WRONG, fifth))).toEqual(lockedFor(30));

		// The right password does not help while locked, and a reload (fresh handle) keeps the lock.
		expect(await refusal(signIn(ws.workspaceId, ws.email, ws.password, fifth + 29_001))).toEqual(
			lockedFor(1)
		);
		closeWorkspaceDb(ws.workspaceId);
		expect(await workspaceDb(ws.workspaceId).getMeta('lockout')).toEqual({
			failuresInARow: 5,
			lockedUntil: fifth + 30_000
		});
		expect(await refusal(signIn(ws.workspaceId, ws.email, ws.password, fifth + 10_000))).toEqual(
			lockedFor(20)
		);

		// Once the time is up the right password works and the count starts again.
		await expect(
			signIn(ws.workspaceId, ws.email, ws.password, fifth + 30_000)
		).resolves.toMatchObject({ userId: ws.userId });
		expect(await workspaceDb(ws.workspaceId).getMeta('lockout')).toEqual({
			failuresInARow: 0,
			lockedUntil: 0
		});
	});

	it('doubles the wait with each further failure, and refused attempts do not count', async () => {
		const ws = await createTestWorkspace();
		const db = workspaceDb(ws.workspaceId);
		// Five failures have already happened and their 30 s are over.
		await db.meta.put({ key: 'lockout', value: { failuresInARow: 5, lockedUntil: T0 } });

		expect(await refusal(signIn(ws.workspaceId, ws.email, WRONG, T0))).toEqual(lockedFor(60));
		expect(await refusal(signIn(ws.workspaceId, 'x@y.fr', WRONG, T0 + 59_999))).toEqual(
			lockedFor(1)
		);
		expect(await refusal(signIn(ws.workspaceId, ws.email, WRONG, T0 + 60_000))).toEqual(
			lockedFor(120)
		);
		expect(await db.getMeta('lockout')).toEqual({
			failuresInARow: 7,
			lockedUntil: T0 + 60_000 + 120_000
		});
	});

	it('resets the count on success', async () => {
		const ws = await createTestWorkspace();
		const db = workspaceDb(ws.workspaceId);
		await db.meta.put({ key: 'lockout', value: { failuresInARow: 4, lockedUntil: 0 } });
		await signIn(ws.workspaceId, ws.email, ws.password, T0);
		expect(await db.getMeta('lockout')).toEqual({ failuresInARow: 0, lockedUntil: 0 });
		expect(await refusal(signIn(ws.workspaceId, ws.email, WRONG, T0 + 1))).toEqual(failed);
		expect(await db.getMeta('lockout')).toEqual({ failuresInARow: 1, lockedUntil: 0 });
	});

	it('never writes a password into the activity log', async () => {
		const ws = await createTestWorkspace();
		await signIn(ws.workspaceId, ws.email, ws.password, T0);
		await refusal(signIn(ws.workspaceId, ws.email, WRONG, T0 + 1));
		// A password typed into the email field by mistake must not be recorded either.
		await refusal(signIn(ws.workspaceId, ws.password, ws.password, T0 + 2));

		const log = JSON.stringify(await workspaceDb(ws.workspaceId).audit.toArray());
		const actions = JSON.parse(log).map((e: { action: string }) => e.action);
		expect(actions).toEqual(
			expect.arrayContaining(['user.signed_in', 'user.sign_in_failed', 'user.sign_in_failed'])
		);
		for (const secret of [ws.password, WRONG]) {
			expect(log).not.toContain(secret);
			expect(log.toLowerCase()).not.toContain(secret.toLowerCase());
		}
	});
});

describe('signOut', () => {
	it.each([
		['user', 'user.signed_out'],
		['idle', 'user.session_expired']
	] as const)('records the end of the session (%s)', async (reason, action) => {
		const ws = await createTestWorkspace();
		await signOut(ws, reason);
		const entries = await workspaceDb(ws.workspaceId)
			.audit.where('action')
			.equals(action)
			.toArray();
		expect(entries).toEqual([expect.objectContaining({ actorId: ws.userId, target: ws.email })]);
	});

	it('ends quietly when the user is gone', async () => {
		const ws = await createTestWorkspace();
		const db = workspaceDb(ws.workspaceId);
		const before = await db.audit.count();
		await expect(
			signOut({ workspaceId: ws.workspaceId, userId: crypto.randomUUID() }, 'user')
		).resolves.toBeUndefined();
		expect(await db.audit.count()).toBe(before);
	});
});
