import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { hashPassword, type PasswordHash } from '$lib/crypto/password-hash';
import { workspaceDb } from '$lib/db/workspace-db';
import type { AuditAction } from '$lib/domain/audit';
import { DomainError, PermissionError, ValidationError, type ErrorCode } from '$lib/domain/errors';
import { capabilities } from '$lib/domain/permissions';
import {
	workspaceKinds,
	type AdminRole,
	type AgentRole,
	type UserStatus,
	type WorkspaceKind
} from '$lib/domain/roles';
import { createTestWorkspace, insertTestUser, type TestWorkspace } from '$lib/test/factories';
import {
	resetDatabases,
	restoreWorkspace,
	workspaceSnapshot,
	type WorkspaceSnapshot
} from '$lib/test/indexeddb';
import { authorize, loadActor, type SessionRef } from './actor';
import { signIn } from './auth';
import {
	addUser,
	changeOwnPassword,
	deactivateUser,
	deleteUser,
	reactivateUser,
	resetUserPassword,
	updateUserRoles
} from './users';

// Every hash and every password check runs PBKDF2 at 600,000 iterations (~0.3 s). So one
// workspace of each kind is created once and put back before each test, and the users the tests
// only act with or on share one hash of KNOWN_PASSWORD.
const KNOWN_PASSWORD = 'Helpdesk-password-2024';
const NEW_PASSWORD = 'Mon-nouveau-mot-de-passe-42';
let knownHash: PasswordHash;
const templates = new Map<WorkspaceKind, { ws: TestWorkspace; snapshot: WorkspaceSnapshot }>();

beforeAll(async () => {
	knownHash = await hashPassword(KNOWN_PASSWORD);
	for (const kind of workspaceKinds) {
		const ws = await createTestWorkspace({
			kind,
			admin: { fullName: 'Ana Lopez', email: 'ana@contoso.example' }
		});
		templates.set(kind, { ws, snapshot: await workspaceSnapshot(ws.workspaceId) });
	}
});
beforeEach(resetDatabases);

type Session = SessionRef & { email: string; fullName: string };

/** A fresh copy of a workspace whose creator, Ana, is its Global admin. */
async function workspace(kind: WorkspaceKind = 'reseller') {
	const { ws, snapshot } = templates.get(kind)!;
	await restoreWorkspace(snapshot);
	const ga: Session = {
		workspaceId: ws.workspaceId,
		userId: ws.userId,
		email: ws.email,
		fullName: 'Ana Lopez'
	};
	const db = workspaceDb(ws.workspaceId);

	/** Inserts a user who can sign in with KNOWN_PASSWORD; returns their session. */
	async function member(
		fullName: string,
		adminRole: AdminRole,
		agentRole: AgentRole = 'none',
		status: UserStatus = 'active'
	): Promise<Session> {
		const email = `${fullName.split(' ')[0]!.toLowerCase()}@contoso.example`;
		const row = await insertTestUser(ws.workspaceId, {
			fullName,
			email,
			adminRole,
			agentRole,
			status,
			password: KNOWN_PASSWORD,
			passwordHash: knownHash
		});
		return { workspaceId: ws.workspaceId, userId: row.id, email, fullName };
	}

	/** Users and Activity log, in a stable order: what a refused command must leave as it was. */
	async function tables() {
		const [users, audit] = await Promise.all([
			db.users.orderBy('id').toArray(),
			db.audit.orderBy('id').toArray()
		]);
		return { users, audit };
	}

	return { ws, ga, db, member, tables };
}

async function refused(attempt: Promise<unknown>): Promise<unknown> {
	try {
		await attempt;
	} catch (error) {
		return error;
	}
	throw new Error('expected the command to be refused');
}

/** Refused with this DomainError code, and not for lack of a role. */
async function expectRefusal(attempt: Promise<unknown>, code: ErrorCode) {
	const error = await refused(attempt);
	expect(error).toBeInstanceOf(DomainError);
	expect(error).not.toBeInstanceOf(PermissionError);
	expect((error as DomainError).code).toBe(code);
}

async function expectFieldErrors(attempt: Promise<unknown>, fields: Record<string, ErrorCode>) {
	const error = await refused(attempt);
	expect(error).toBeInstanceOf(ValidationError);
	expect((error as ValidationError).fields).toEqual(fields);
}

const newUser = (email: string, adminRole: AdminRole = 'none', agentRole: AgentRole = 'none') => ({
	fullName: 'Dora Petit',
	email,
	agentRole,
	adminRole
});

const changeTo = (currentPassword: string, newPassword = NEW_PASSWORD) => ({
	currentPassword,
	newPassword,
	confirmPassword: newPassword
});

describe('addUser', () => {
	it('stores only a hash of the temporary password and asks for a new one', async () => {
		const { ga, db, tables } = await workspace();
		const { user, temporaryPassword } = await addUser(ga, {
			fullName: ' Bruno  Martin ',
			email: '  Bruno.Martin@Contoso.example ',
			agentRole: 'helpdesk_agent',
			adminRole: 'none'
		});

		expect(temporaryPassword.length).toBeGreaterThanOrEqual(16);
		expect(await db.users.get(user.id)).toEqual(user);
		expect(user).toMatchObject({
			email: 'bruno.martin@contoso.example',
			fullName: 'Bruno Martin',
			agentRole: 'helpdesk_agent',
			adminRole: 'none',
			status: 'active',
			mustChangePassword: true,
			lastSignInAt: null,
			password: { algorithm: 'PBKDF2-SHA-256', iterations: 600_000 }
		});
		const stored = JSON.stringify(await tables());
		expect(stored).not.toContain(temporaryPassword);
		expect(stored).not.toContain(temporaryPassword.replaceAll('-', ''));
	});

	it.each([
		['ANA@contoso.example '],
		['  Ana@Contoso.Example\t'],
		['ａｎａ@ｃｏｎｔｏｓｏ.ｅｘａｍｐｌｅ'],
		['ＡＮＡ＠contoso.example']
	])('refuses %j: Ana already has that email, and writes nothing', async (email) => {
		const { ga, tables } = await workspace();
		const before = await tables();
		await expectFieldErrors(addUser(ga, newUser(email)), { email: 'err_email_taken' });
		expect(await tables()).toEqual(before);
	});

	it('refuses an email taken by a user it added, however it is typed', async () => {
		const { ga, tables } = await workspace();
		await addUser(ga, newUser('Dora.Petit@contoso.example'));
		const before = await tables();
		for (const email of [' dora.petit@CONTOSO.example', 'ｄｏｒａ.ｐｅｔｉｔ@contoso.example']) {
			await expectFieldErrors(addUser(ga, newUser(email)), { email: 'err_email_taken' });
		}
		expect(await tables()).toEqual(before);
	});

	it('refuses a Cyrillic lookalike of a taken email rather than add a second “ana”', async () => {
		const { ga, tables } = await workspace();
		const before = await tables();
		await expectFieldErrors(addUser(ga, newUser('\u0430na@contoso.example')), {
			email: 'err_email_invalid'
		});
		expect(await tables()).toEqual(before);
	});

	it('offers Sales agent in provider workspaces only', async () => {
		const reseller = await workspace('reseller');
		const before = await reseller.tables();
		await expectFieldErrors(
			addUser(reseller.ga, newUser('dora@contoso.example', 'none', 'sales_agent')),
			{ agentRole: 'err_role_unknown' }
		);
		expect(await reseller.tables()).toEqual(before);

		const provider = await workspace('provider');
		const { user } = await addUser(
			provider.ga,
			newUser('dora@contoso.example', 'none', 'sales_agent')
		);
		expect(user.agentRole).toBe('sales_agent');
	});
});

describe('first sign-in with a temporary password', () => {
	it('allows nothing but changing it, then signs in with the new one only', async () => {
		const { ws, ga, db } = await workspace();
		// A new Global admin: every refusal below is about the password, never about a role.
		const { user, temporaryPassword } = await addUser(
			ga,
			newUser('dora@contoso.example', 'global_admin', 'admin_agent')
		);

		const session = await signIn(ws.workspaceId, 'Dora@contoso.example', temporaryPassword);
		expect(session).toEqual({
			workspaceId: ws.workspaceId,
			userId: user.id,
			mustChangePassword: true
		});
		for (const capability of capabilities) {
			await expectRefusal(authorize(session, capability), 'err_password_change_required');
		}
		await expectRefusal(
			addUser(session, newUser('eve@contoso.example')),
			'err_password_change_required'
		);
		await expectRefusal(resetUserPassword(session, ga.userId), 'err_password_change_required');
		await expect(loadActor(session, { passwordChange: true })).resolves.toMatchObject({
			user: { id: user.id }
		});

		const rowBefore = await db.users.get(user.id);
		await expectFieldErrors(changeOwnPassword(session, changeTo('Not-the-temporary-one')), {
			currentPassword: 'err_current_password_wrong'
		});
		await expectFieldErrors(changeOwnPassword(session, changeTo(temporaryPassword, 'short')), {
			newPassword: 'err_password_too_short'
		});
		await expectFieldErrors(
			changeOwnPassword(session, changeTo(temporaryPassword, temporaryPassword)),
			{ newPassword: 'err_password_unchanged' }
		);
		expect(await db.users.get(user.id)).toEqual(rowBefore);

		await changeOwnPassword(session, changeTo(temporaryPassword));
		expect(await db.users.get(user.id)).toMatchObject({ mustChangePassword: false });
		for (const capability of capabilities) {
			await expect(authorize(session, capability)).resolves.toBeDefined();
		}

		await expectRefusal(
			signIn(ws.workspaceId, 'dora@contoso.example', temporaryPassword),
			'err_sign_in_failed'
		);
		await expect(
			signIn(ws.workspaceId, 'dora@contoso.example', NEW_PASSWORD)
		).resolves.toMatchObject({ userId: user.id, mustChangePassword: false });
	});

	it('keeps a user without the role out after the change, with a permission error', async () => {
		const { ga } = await workspace();
		const { user, temporaryPassword } = await addUser(
			ga,
			newUser('dora@contoso.example', 'none', 'helpdesk_agent')
		);
		const session = { workspaceId: ga.workspaceId, userId: user.id };
		await expectRefusal(authorize(session, 'view_customers'), 'err_password_change_required');
		await changeOwnPassword(session, changeTo(temporaryPassword));
		await expect(authorize(session, 'view_customers')).resolves.toBeDefined();
		await expect(authorize(session, 'manage_users')).rejects.toEqual(
			new PermissionError('manage_users')
		);
	});
});

describe('the Global admin role', () => {
	it('is given and taken by a Global admin only', async () => {
		const { ga, db, member, tables } = await workspace();
		const uma = await member('Bruno Martin', 'user_management_admin');
		const carla = await member('Carla Diaz', 'none', 'helpdesk_agent');
		const before = await tables();

		// Add a Global admin, promote someone, promote themselves, demote the Global admin.
		const grants = [
			() => addUser(uma, newUser('dora@contoso.example', 'global_admin')),
			() => updateUserRoles(uma, carla.userId, { agentRole: 'none', adminRole: 'global_admin' }),
			() => updateUserRoles(uma, uma.userId, { agentRole: 'none', adminRole: 'global_admin' }),
			() =>
				updateUserRoles(uma, ga.userId, { agentRole: 'none', adminRole: 'user_management_admin' })
		];
		for (const attempt of grants) {
			await expectRefusal(attempt(), 'err_only_global_admin_grants');
		}
		expect(await tables()).toEqual(before);

		await updateUserRoles(ga, carla.userId, { agentRole: 'none', adminRole: 'global_admin' });
		expect(await db.users.get(carla.userId)).toMatchObject({ adminRole: 'global_admin' });
		await updateUserRoles(ga, carla.userId, { agentRole: 'helpdesk_agent', adminRole: 'none' });
		expect(await db.users.get(carla.userId)).toMatchObject({ adminRole: 'none' });

		// A user management admin manages everything else.
		await updateUserRoles(uma, carla.userId, {
			agentRole: 'admin_agent',
			adminRole: 'user_management_admin'
		});
		expect(await db.users.get(carla.userId)).toMatchObject({
			agentRole: 'admin_agent',
			adminRole: 'user_management_admin'
		});
	});

	it('has its password reset by a Global admin only', async () => {
		const { ga, db, member, tables } = await workspace();
		const uma = await member('Bruno Martin', 'user_management_admin');
		const dora = await member('Dora Petit', 'global_admin');
		const carla = await member('Carla Diaz', 'none', 'helpdesk_agent');
		const before = await tables();
		await expectRefusal(resetUserPassword(uma, ga.userId), 'err_only_global_admin_resets');
		await expectRefusal(resetUserPassword(uma, dora.userId), 'err_only_global_admin_resets');
		expect(await tables()).toEqual(before);

		await resetUserPassword(ga, dora.userId);
		await resetUserPassword(uma, carla.userId);
		expect(await db.users.get(dora.userId)).toMatchObject({ mustChangePassword: true });
		expect(await db.users.get(carla.userId)).toMatchObject({ mustChangePassword: true });
	});

	it.each(['global_admin', 'user_management_admin'] as const)(
		'a %s cannot deactivate or delete themselves',
		async (adminRole) => {
			const { member, tables } = await workspace();
			// A second Global admin, so "the last one" is never the reason.
			await member('Dora Petit', 'global_admin');
			const self = await member('Bruno Martin', adminRole);
			const before = await tables();
			await expectRefusal(deactivateUser(self, self.userId), 'err_cannot_remove_self');
			await expectRefusal(deleteUser(self, self.userId), 'err_cannot_remove_self');
			expect(await tables()).toEqual(before);
		}
	);

	it('keeps the last active Global admin, even with an inactive one around', async () => {
		const { ga, db, member, tables } = await workspace();
		const uma = await member('Bruno Martin', 'user_management_admin');
		await member('Carla Diaz', 'global_admin', 'none', 'inactive');
		const before = await tables();

		for (const adminRole of ['user_management_admin', 'none'] as const) {
			await expectRefusal(
				updateUserRoles(ga, ga.userId, { agentRole: 'admin_agent', adminRole }),
				'err_last_global_admin_demote'
			);
		}
		await expectRefusal(deactivateUser(ga, ga.userId), 'err_cannot_remove_self');
		await expectRefusal(deleteUser(ga, ga.userId), 'err_cannot_remove_self');
		await expectRefusal(deactivateUser(uma, ga.userId), 'err_only_global_admin_grants');
		await expectRefusal(deleteUser(uma, ga.userId), 'err_only_global_admin_grants');
		await expectRefusal(
			updateUserRoles(uma, ga.userId, { agentRole: 'helpdesk_agent', adminRole: 'global_admin' }),
			'err_only_global_admin_grants'
		);
		expect(await tables()).toEqual(before);

		// The seed's post-enrolment step: select your own name, tick Admin agent, Update.
		await updateUserRoles(ga, ga.userId, { agentRole: 'admin_agent', adminRole: 'global_admin' });
		expect(await db.users.get(ga.userId)).toMatchObject({
			agentRole: 'admin_agent',
			adminRole: 'global_admin'
		});
	});

	it('with a second active Global admin, either may be demoted, deactivated or deleted', async () => {
		const { ga, db, member } = await workspace();
		const dora = await member('Dora Petit', 'global_admin');
		const asGlobalAdmin = { agentRole: 'none', adminRole: 'global_admin' } as const;
		const asNobody = { agentRole: 'none', adminRole: 'none' } as const;

		await updateUserRoles(ga, dora.userId, asNobody);
		expect(await db.users.get(dora.userId)).toMatchObject({ adminRole: 'none' });
		await expectRefusal(updateUserRoles(ga, ga.userId, asNobody), 'err_last_global_admin_demote');
		await updateUserRoles(ga, dora.userId, asGlobalAdmin);

		await updateUserRoles(ga, ga.userId, asNobody);
		expect(await db.users.get(ga.userId)).toMatchObject({ adminRole: 'none' });
		await updateUserRoles(dora, ga.userId, asGlobalAdmin);

		await deactivateUser(ga, dora.userId);
		expect(await db.users.get(dora.userId)).toMatchObject({ status: 'inactive' });
		await reactivateUser(ga, dora.userId);

		await deleteUser(dora, ga.userId);
		expect(await db.users.get(ga.userId)).toBeUndefined();
		await expectRefusal(
			updateUserRoles(dora, dora.userId, asNobody),
			'err_last_global_admin_demote'
		);
	});

	it.each([
		[
			'demote',
			(a: Session, b: Session) =>
				updateUserRoles(a, b.userId, { agentRole: 'none', adminRole: 'none' }),
			'err_last_global_admin_demote'
		],
		[
			'deactivate',
			(a: Session, b: Session) => deactivateUser(a, b.userId),
			'err_last_global_admin_deactivate'
		],
		['delete', (a: Session, b: Session) => deleteUser(a, b.userId), 'err_last_global_admin_delete']
	] as const)(
		'two Global admins who %s each other at once keep one of them',
		async (_label, act, code) => {
			const { ga, db, member } = await workspace();
			const dora = await member('Dora Petit', 'global_admin');
			const results = await Promise.allSettled([act(ga, dora), act(dora, ga)]);
			expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
			const [rejection] = results.filter((r) => r.status === 'rejected');
			expect(rejection?.reason).toBeInstanceOf(DomainError);
			expect((rejection?.reason as DomainError).code).toBe(code);
			const admins = (await db.users.toArray()).filter(
				(u) => u.adminRole === 'global_admin' && u.status === 'active'
			);
			expect(admins).toHaveLength(1);
		}
	);
});

describe('resetUserPassword', () => {
	it('gives a new temporary password that works, and voids the old password', async () => {
		const { ws, ga, db, member, tables } = await workspace();
		const bruno = await member('Bruno Martin', 'none', 'helpdesk_agent');
		const { user, temporaryPassword } = await resetUserPassword(ga, bruno.userId);
		expect(user).toEqual(await db.users.get(bruno.userId));
		expect(user.mustChangePassword).toBe(true);
		expect(JSON.stringify(await tables())).not.toContain(temporaryPassword);

		await expectRefusal(signIn(ws.workspaceId, bruno.email, KNOWN_PASSWORD), 'err_sign_in_failed');
		await expect(signIn(ws.workspaceId, bruno.email, temporaryPassword)).resolves.toEqual({
			workspaceId: ws.workspaceId,
			userId: bruno.userId,
			mustChangePassword: true
		});
		await expectRefusal(authorize(bruno, 'view_customers'), 'err_password_change_required');
	});

	it('refuses an unknown user', async () => {
		const { ga } = await workspace();
		await expectRefusal(resetUserPassword(ga, crypto.randomUUID()), 'err_user_not_found');
	});
});

describe('deactivateUser, reactivateUser and deleteUser', () => {
	it('a deactivated user cannot sign in nor act until reactivated', async () => {
		const { ws, ga, db, member } = await workspace();
		const bruno = await member('Bruno Martin', 'none', 'helpdesk_agent');
		await deactivateUser(ga, bruno.userId);
		expect(await db.users.get(bruno.userId)).toMatchObject({ status: 'inactive' });
		await expectRefusal(signIn(ws.workspaceId, bruno.email, KNOWN_PASSWORD), 'err_user_inactive');
		await expectRefusal(authorize(bruno, 'view_customers'), 'err_session_expired');

		await reactivateUser(ga, bruno.userId);
		await expect(signIn(ws.workspaceId, bruno.email, KNOWN_PASSWORD)).resolves.toMatchObject({
			userId: bruno.userId,
			mustChangePassword: false
		});
		await expect(authorize(bruno, 'view_customers')).resolves.toBeDefined();
	});

	it('a deleted user is gone and cannot sign in', async () => {
		const { ws, ga, db, member } = await workspace();
		const bruno = await member('Bruno Martin', 'none', 'helpdesk_agent');
		await deleteUser(ga, bruno.userId);
		expect(await db.users.get(bruno.userId)).toBeUndefined();
		await expectRefusal(signIn(ws.workspaceId, bruno.email, KNOWN_PASSWORD), 'err_sign_in_failed');
		await expectRefusal(deleteUser(ga, bruno.userId), 'err_user_not_found');
		await expectRefusal(deactivateUser(ga, bruno.userId), 'err_user_not_found');
		await expectRefusal(
			updateUserRoles(ga, bruno.userId, { agentRole: 'none', adminRole: 'none' }),
			'err_user_not_found'
		);
	});
});

describe('updateUserRoles', () => {
	it('sets both roles, and refuses a role the workspace kind does not have', async () => {
		const { ga, db, member, tables } = await workspace('customer');
		const bruno = await member('Bruno Martin', 'none', 'helpdesk_agent');
		await updateUserRoles(ga, bruno.userId, {
			agentRole: 'admin_agent',
			adminRole: 'user_management_admin'
		});
		expect(await db.users.get(bruno.userId)).toMatchObject({
			agentRole: 'admin_agent',
			adminRole: 'user_management_admin'
		});
		const before = await tables();
		await expectFieldErrors(
			updateUserRoles(ga, bruno.userId, { agentRole: 'sales_agent', adminRole: 'none' }),
			{ agentRole: 'err_role_unknown' }
		);
		await expectFieldErrors(
			updateUserRoles(ga, bruno.userId, {
				agentRole: 'none',
				adminRole: 'owner' as AdminRole
			}),
			{ adminRole: 'err_role_unknown' }
		);
		expect(await tables()).toEqual(before);
	});
});

describe('the Activity log', () => {
	type Setup = Awaited<ReturnType<typeof workspace>>;
	interface Cast {
		ga: Session;
		uma: Session;
		bruno: Session;
		carla: Session;
	}

	// One command each; `actor` is who acts, `target` whose email the entry names.
	const changes: [AuditAction, (c: Cast) => Promise<unknown>, keyof Cast, keyof Cast | string][] = [
		[
			'user.added',
			(c) => addUser(c.uma, newUser('Dora@contoso.example')),
			'uma',
			'dora@contoso.example'
		],
		[
			'user.roles_changed',
			(c) => updateUserRoles(c.ga, c.bruno.userId, { agentRole: 'admin_agent', adminRole: 'none' }),
			'ga',
			'bruno'
		],
		['user.password_reset', (c) => resetUserPassword(c.uma, c.bruno.userId), 'uma', 'bruno'],
		[
			'user.password_changed',
			(c) => changeOwnPassword(c.bruno, changeTo(KNOWN_PASSWORD)),
			'bruno',
			'bruno'
		],
		['user.deactivated', (c) => deactivateUser(c.uma, c.bruno.userId), 'uma', 'bruno'],
		['user.reactivated', (c) => reactivateUser(c.ga, c.carla.userId), 'ga', 'carla'],
		['user.deleted', (c) => deleteUser(c.uma, c.bruno.userId), 'uma', 'bruno']
	];

	async function cast(setup: Setup): Promise<Cast> {
		return {
			ga: setup.ga,
			uma: await setup.member('Élodie Bernard', 'user_management_admin'),
			bruno: await setup.member('Bruno Martin', 'none', 'helpdesk_agent'),
			carla: await setup.member('Carla Diaz', 'none', 'helpdesk_agent', 'inactive')
		};
	}

	it.each(changes)('%s: one entry naming the acting user', async (action, run, actor, target) => {
		const setup = await workspace();
		const c = await cast(setup);
		const before = new Set((await setup.db.audit.toArray()).map((e) => e.id));
		await run(c);
		const added = (await setup.db.audit.toArray()).filter((e) => !before.has(e.id));
		const targetEmail = target in c ? c[target as keyof Cast].email : target;
		expect(added).toEqual([
			expect.objectContaining({
				action,
				actorId: c[actor].userId,
				actorName: c[actor].fullName,
				target: targetEmail
			})
		]);
	});

	it('records nothing when nothing changes', async () => {
		const setup = await workspace();
		const c = await cast(setup);
		const before = await setup.tables();
		await updateUserRoles(c.ga, c.bruno.userId, { agentRole: 'helpdesk_agent', adminRole: 'none' });
		await deactivateUser(c.ga, c.carla.userId);
		await reactivateUser(c.ga, c.bruno.userId);
		expect(await setup.tables()).toEqual(before);
	});
});
