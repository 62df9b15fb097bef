import { beforeAll, describe, expect, it } from 'vitest';
import { workspaceDb } from '$lib/db/workspace-db';
import { DomainError, PermissionError, ValidationError } from '$lib/domain/errors';
import { createTestWorkspace, insertTestUser, type TestWorkspace } from '$lib/test/factories';
import { setIdleMinutes } from './settings';

// One workspace for the file (each user costs a PBKDF2 hash); every test compares before/after.
let ws: TestWorkspace;
let userAdminId: string;
let agentId: string;
let inactiveAdminId: string;

beforeAll(async () => {
	ws = await createTestWorkspace();
	const [userAdmin, agent, inactiveAdmin] = await Promise.all([
		insertTestUser(ws.workspaceId, { adminRole: 'user_management_admin' }),
		insertTestUser(ws.workspaceId, { adminRole: 'none', agentRole: 'admin_agent' }),
		insertTestUser(ws.workspaceId, { adminRole: 'global_admin', status: 'inactive' })
	]);
	userAdminId = userAdmin.id;
	agentId = agent.id;
	inactiveAdminId = inactiveAdmin.id;
});

async function state() {
	const db = workspaceDb(ws.workspaceId);
	return { idleMinutes: await db.getMeta('idleMinutes'), audit: await db.audit.count() };
}

async function refusal(attempt: Promise<unknown>) {
	try {
		await attempt;
	} catch (error) {
		return error;
	}
	throw new Error('expected setIdleMinutes to be refused');
}

describe('setIdleMinutes', () => {
	it.each<[unknown, number]>([
		[{ idleMinutes: 45 }, 45],
		[{ idleMinutes: '5' }, 5],
		[{ idleMinutes: 1 }, 1],
		[{ idleMinutes: 1440 }, 1440]
	])('stores %j as %i minutes and logs the change', async (input, minutes) => {
		const before = await state();
		expect(await setIdleMinutes(ws, input)).toBe(minutes);
		const db = workspaceDb(ws.workspaceId);
		expect(await db.getMeta('idleMinutes')).toBe(minutes);
		const last = await db.audit.orderBy('at').last();
		expect(last).toMatchObject({
			actorId: ws.userId,
			action: 'workspace.settings_changed',
			target: 'idleMinutes',
			details: { from: before.idleMinutes, to: minutes }
		});
		expect(await db.audit.count()).toBe(before.audit + 1);
	});

	it.each<[unknown, Record<string, string>]>([
		[{ idleMinutes: 0 }, { idleMinutes: 'err_idle_minutes_range' }],
		[{ idleMinutes: 1441 }, { idleMinutes: 'err_idle_minutes_range' }],
		[{ idleMinutes: 2.5 }, { idleMinutes: 'err_idle_minutes_range' }],
		[{ idleMinutes: -30 }, { idleMinutes: 'err_idle_minutes_range' }],
		[{ idleMinutes: 'trente' }, { idleMinutes: 'err_idle_minutes_range' }],
		[{}, { idleMinutes: 'err_idle_minutes_range' }],
		[null, { '': 'err_required' }]
	])('refuses %j and changes nothing', async (input, fields) => {
		const before = await state();
		const error = await refusal(setIdleMinutes(ws, input));
		expect(error).toBeInstanceOf(ValidationError);
		expect((error as ValidationError).fields).toEqual(fields);
		expect(await state()).toEqual(before);
	});

	it.each([
		['a user without an admin role', () => agentId],
		['a User management admin', () => userAdminId]
	])('refuses %s with a PermissionError and changes nothing', async (_label, userId) => {
		const before = await state();
		const error = await refusal(
			setIdleMinutes({ workspaceId: ws.workspaceId, userId: userId() }, { idleMinutes: 60 })
		);
		expect(error).toBeInstanceOf(PermissionError);
		expect((error as PermissionError).capability).toBe('manage_workspace_settings');
		expect(await state()).toEqual(before);
	});

	it('refuses an inactive Global admin as a session that has ended', async () => {
		const before = await state();
		const error = await refusal(
			setIdleMinutes({ workspaceId: ws.workspaceId, userId: inactiveAdminId }, { idleMinutes: 60 })
		);
		expect(error).toBeInstanceOf(DomainError);
		expect((error as DomainError).code).toBe('err_session_expired');
		expect(await state()).toEqual(before);
	});
});
