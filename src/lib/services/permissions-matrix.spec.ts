import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PasswordHash } from '$lib/crypto/password-hash';
import { workspaceDbName } from '$lib/db/workspace-db';
import { DomainError, PermissionError, type ErrorCode } from '$lib/domain/errors';
import { capabilities, type Capability } from '$lib/domain/permissions';
import { adminRoles, agentRoles, type AdminRole, type AgentRole } from '$lib/domain/roles';
import { createTestWorkspace, insertTestUser, type TestWorkspace } from '$lib/test/factories';
import { restoreWorkspace, workspaceSnapshot, type WorkspaceSnapshot } from '$lib/test/indexeddb';
import { authorize, type SessionRef } from './actor';
import { exportBackup } from './backup';
import { setIdleMinutes } from './settings';
import { addUser, deactivateUser, deleteUser, resetUserPassword, updateUserRoles } from './users';
import { deleteWorkspace, getWorkspaceEntry } from './workspaces';
import {
	authorizeProvider,
	cancelInvitation,
	removePartnership,
	requestPartnership
} from './partnerships';
import { exportChanges, importChanges, setRelayUrl } from './sync';
import { setProviderMpnId } from './partner-id';
import type { SignedInvitation } from '$lib/domain/partnership';
import type { SignedCustomerInvitation } from '$lib/domain/customer-relationship';
import {
	acceptCustomerInvitation,
	cancelCustomerRequest,
	requestCustomerRelationship
} from './customer-invitations';
import {
	endPartnerRelationship,
	removeCustomerRelationship,
	removePartnerRoles,
	shareCustomer,
	unshareCustomer
} from './customer-relationships';
import { assignLicense, unassignLicense } from './licenses';

/**
 * The roles table of DOMAIN.md ("Roles", from the seed), written out row by row and
 * independently of domain/permissions.ts: what each role may do. A user holds one admin and one
 * agent role and may do what either allows. Capabilities the seed does not name come from the
 * issues: Account settings for everyone; Activity log for both admin roles; workspace settings,
 * backup and deletion for the Global admin.
 */
const ALL = [...capabilities];

const adminRoleMay: Record<AdminRole, readonly Capability[]> = {
	// "everything, with full privileges; Partner Center support tickets; view, create and manage
	// partner users; accept a partnership request from an indirect provider"
	global_admin: ALL,
	// "view, create and manage users; view all partner profiles"
	user_management_admin: [
		'manage_users',
		'view_partner_profiles',
		'view_activity_log',
		'view_account_settings'
	],
	none: ['view_account_settings']
};

const agentRoleMay: Record<AgentRole, readonly Capability[]> = {
	// "service health and service requests for customers; request delegated admin privileges;
	// administer on behalf of a customer" — cannot: user management, Partner Center tickets.
	admin_agent: [
		'view_service_health',
		'customer_service_requests',
		'request_delegated_admin',
		'administer_customers',
		// administering on behalf of customers: finding them, relationships, subscriptions, orders
		'view_customers',
		'request_customer_relationship',
		'manage_subscriptions',
		'submit_orders',
		'view_account_settings'
	],
	// "search and view customers; service health; request support for customers; manage
	// subscriptions and services for customers" — cannot: partner profiles, customer
	// relationships, leads.
	helpdesk_agent: [
		'view_customers',
		'view_service_health',
		'customer_service_requests',
		'manage_subscriptions',
		'view_account_settings'
	],
	// Providers: "request a relationship with a customer, manage leads, manage subscriptions";
	// and, as the provider's seller, find customers and submit orders for them.
	sales_agent: [
		'request_customer_relationship',
		'manage_leads',
		'manage_subscriptions',
		'view_customers',
		'submit_orders',
		'view_account_settings'
	],
	none: ['view_account_settings']
};

const expectedAllowed = (adminRole: AdminRole, agentRole: AgentRole, capability: Capability) =>
	adminRoleMay[adminRole].includes(capability) || agentRoleMay[agentRole].includes(capability);

const rolePairs = adminRoles.flatMap((adminRole) =>
	agentRoles.map((agentRole) => ({ adminRole, agentRole }))
);
const key = (adminRole: AdminRole, agentRole: AgentRole) => `${adminRole}+${agentRole}`;

// authorize() never checks a password: one well-formed placeholder hash for every row.
const placeholderHash: PasswordHash = {
	algorithm: 'PBKDF2-SHA-256',
	iterations: 600_000,
	salt: 'AAECAwQFBgcICQoLDA0ODw==',
	hash: 'AAECAwQFBgcICQoLDA0ODw=='
};

/** One provider workspace (the only kind with all four agent roles) and one user per role pair. */
let ws: TestWorkspace;
const sessions = new Map<string, SessionRef>();

async function insertUser(adminRole: AdminRole, agentRole: AgentRole, label = 'actor') {
	const row = await insertTestUser(ws.workspaceId, {
		fullName: `${label} ${adminRole} ${agentRole}`,
		email: `${label}.${adminRole}.${agentRole}.${crypto.randomUUID().slice(0, 8)}@contoso.example`,
		adminRole,
		agentRole,
		passwordHash: placeholderHash
	});
	return { workspaceId: ws.workspaceId, userId: row.id };
}

beforeAll(async () => {
	ws = await createTestWorkspace({ kind: 'provider' });
	for (const { adminRole, agentRole } of rolePairs) {
		sessions.set(key(adminRole, agentRole), await insertUser(adminRole, agentRole));
	}
});

const session = (adminRole: AdminRole, agentRole: AgentRole) =>
	sessions.get(key(adminRole, agentRole))!;

describe('the expected table', () => {
	it('keeps the seed’s “cannot” column', () => {
		expect(agentRoleMay.admin_agent).not.toContain('manage_users');
		expect(agentRoleMay.admin_agent).not.toContain('partner_support_tickets');
		expect(agentRoleMay.helpdesk_agent).not.toContain('view_partner_profiles');
		expect(agentRoleMay.helpdesk_agent).not.toContain('request_customer_relationship');
		expect(agentRoleMay.helpdesk_agent).not.toContain('manage_leads');
		expect(adminRoleMay.user_management_admin).not.toContain('view_customers');
		expect(adminRoleMay.user_management_admin).not.toContain('accept_provider_partnership');
		expect(adminRoleMay.user_management_admin).not.toContain('reset_global_admin_password');
	});

	it('names only real capabilities', () => {
		for (const granted of [...Object.values(adminRoleMay), ...Object.values(agentRoleMay)]) {
			for (const capability of granted) expect(capabilities).toContain(capability);
		}
	});
});

const cases = capabilities.flatMap((capability) =>
	rolePairs.map(({ adminRole, agentRole }) => ({
		capability,
		adminRole,
		agentRole,
		allowed: expectedAllowed(adminRole, agentRole, capability)
	}))
);

describe('authorize(): every capability × admin role × agent role', () => {
	it('covers the capabilities the issue names, each for all 12 role pairs', () => {
		expect(capabilities).toEqual(
			expect.arrayContaining([
				'view_customers',
				'request_customer_relationship',
				'manage_users',
				'accept_provider_partnership',
				'customer_service_requests',
				'partner_support_tickets',
				'manage_leads',
				'view_partner_profiles',
				'manage_subscriptions',
				'submit_orders'
			])
		);
		expect(cases).toHaveLength(capabilities.length * 12);
	});

	it.each(cases)(
		'$capability for $adminRole + $agentRole: allowed $allowed',
		async ({ capability, adminRole, agentRole, allowed }) => {
			const attempt = authorize(session(adminRole, agentRole), capability);
			if (allowed) {
				await expect(attempt).resolves.toMatchObject({ user: { adminRole, agentRole } });
			} else {
				await expect(attempt).rejects.toEqual(new PermissionError(capability));
			}
		}
	);
});

/**
 * The commands that exist, called for real by each role pair. An allowed role gets past the
 * permission check: the command succeeds ('done') or is refused for the reason given here.
 */
type Command = (actor: SessionRef, adminRole: AdminRole, agentRole: AgentRole) => Promise<unknown>;

const commands: [string, Capability, Command, 'done' | ErrorCode][] = [
	[
		'addUser',
		'manage_users',
		(actor, adminRole, agentRole) =>
			addUser(actor, {
				fullName: 'Dora Petit',
				email: `added.${adminRole}.${agentRole}@contoso.example`,
				agentRole: 'helpdesk_agent',
				adminRole: 'none'
			}),
		'done'
	],
	[
		'updateUserRoles',
		'manage_users',
		async (actor) =>
			updateUserRoles(actor, (await insertUser('none', 'helpdesk_agent', 'target')).userId, {
				agentRole: 'sales_agent',
				adminRole: 'none'
			}),
		'done'
	],
	[
		'resetUserPassword',
		'manage_users',
		async (actor) =>
			resetUserPassword(actor, (await insertUser('none', 'helpdesk_agent', 'target')).userId),
		'done'
	],
	[
		'deactivateUser',
		'manage_users',
		async (actor) =>
			deactivateUser(actor, (await insertUser('none', 'helpdesk_agent', 'target')).userId),
		'done'
	],
	[
		'deleteUser',
		'manage_users',
		async (actor) =>
			deleteUser(actor, (await insertUser('none', 'helpdesk_agent', 'target')).userId),
		'done'
	],
	[
		'setIdleMinutes',
		'manage_workspace_settings',
		(actor) => setIdleMinutes(actor, { idleMinutes: 30 }),
		'done'
	],
	// A passphrase too short to seal with: an allowed role is refused for that, after the
	// permission check, without spending a PBKDF2 derivation (backup.spec.ts exports for real).
	[
		'exportBackup',
		'export_backup',
		(actor) => exportBackup(actor, 'short'),
		'err_passphrase_too_short'
	],
	[
		'requestPartnership',
		'manage_partnerships',
		(actor, adminRole, agentRole) =>
			requestPartnership(
				actor,
				{ email: `reseller.${adminRole}.${agentRole}@fabrikam.example` },
				'https://tierlink.example/'
			),
		'done'
	],
	[
		'cancelInvitation',
		'manage_partnerships',
		(actor) => cancelInvitation(actor, crypto.randomUUID()),
		'err_invitation_not_found'
	],
	[
		'removePartnership',
		'manage_partnerships',
		(actor) => removePartnership(actor, '0'.repeat(32)),
		'err_partnership_not_found'
	],
	// Unconfirmed: an allowed role is refused for the missing tick, after the permission check.
	[
		'authorizeProvider',
		'accept_provider_partnership',
		(actor) => authorizeProvider(actor, {} as SignedInvitation, false),
		'err_authorize_confirm'
	],
	['setRelayUrl', 'manage_workspace_settings', (actor) => setRelayUrl(actor, ''), 'done'],
	[
		'setProviderMpnId',
		'manage_workspace_settings',
		(actor) => setProviderMpnId(actor, '4847383'),
		'done'
	],
	[
		'exportChanges',
		'manage_workspace_settings',
		(actor) => exportChanges(actor, '0'.repeat(32)),
		'err_partnership_not_found'
	],
	[
		'importChanges',
		'manage_workspace_settings',
		(actor) => importChanges(actor, 'not json'),
		'err_changes_file_invalid'
	],
	// Customers: the workspace is a provider, so a reseller's command is refused for that.
	[
		'requestCustomerRelationship',
		'request_customer_relationship',
		(actor) =>
			requestCustomerRelationship(actor, { email: 'admin@contoso.example' }, 'https://t.example/'),
		'err_customer_request_reseller_only'
	],
	[
		'cancelCustomerRequest',
		'request_customer_relationship',
		(actor) => cancelCustomerRequest(actor, crypto.randomUUID()),
		'err_invitation_not_found'
	],
	[
		'shareCustomer',
		'request_customer_relationship',
		(actor) => shareCustomer(actor, crypto.randomUUID(), '0'.repeat(32)),
		'err_customer_not_found'
	],
	[
		'unshareCustomer',
		'request_customer_relationship',
		(actor) => unshareCustomer(actor, crypto.randomUUID(), '0'.repeat(32)),
		'err_customer_not_found'
	],
	[
		'removeCustomerRelationship',
		'request_customer_relationship',
		(actor) => removeCustomerRelationship(actor, crypto.randomUUID()),
		'err_customer_not_found'
	],
	[
		'acceptCustomerInvitation',
		'manage_partnerships',
		(actor) =>
			acceptCustomerInvitation(
				actor,
				{} as SignedCustomerInvitation,
				{
					address: { addressLine1: '', city: '' },
					billing: { firstName: '', lastName: '', email: '' }
				},
				true
			),
		'err_invitation_invalid'
	],
	[
		'removePartnerRoles',
		'manage_partnerships',
		(actor) => removePartnerRoles(actor, '0'.repeat(32)),
		'err_partnership_not_found'
	],
	[
		'endPartnerRelationship',
		'manage_partnerships',
		(actor) => endPartnerRelationship(actor, '0'.repeat(32), 'reseller'),
		'err_partnership_not_found'
	],
	// Licences: no such customer here, refused for that after the permission check.
	[
		'assignLicense',
		'administer_customers',
		(actor) => assignLicense(actor, crypto.randomUUID(), crypto.randomUUID(), 'TESTPRODUCT1'),
		'err_customer_not_found'
	],
	[
		'unassignLicense',
		'administer_customers',
		(actor) => unassignLicense(actor, crypto.randomUUID(), crypto.randomUUID(), 'TESTPRODUCT1'),
		'err_customer_not_found'
	],
	// A wrong name keeps the shared workspace; the real deletion is tested below.
	[
		'deleteWorkspace',
		'delete_workspace',
		(actor) => deleteWorkspace(actor, 'Not the name'),
		'err_confirm_name_mismatch'
	]
];

const commandCases = commands.flatMap(([name, capability, run, whenAllowed]) =>
	rolePairs.map(({ adminRole, agentRole }) => ({
		name,
		capability,
		run,
		whenAllowed,
		adminRole,
		agentRole,
		allowed: expectedAllowed(adminRole, agentRole, capability)
	}))
);

describe('the commands, called by every role pair', () => {
	it.each(commandCases)(
		'$name by $adminRole + $agentRole: allowed $allowed',
		async ({ capability, run, whenAllowed, adminRole, agentRole, allowed }) => {
			const outcome = await run(session(adminRole, agentRole), adminRole, agentRole).then(
				() => 'done',
				(error: unknown) => error
			);
			if (!allowed) {
				expect(outcome).toEqual(new PermissionError(capability));
			} else if (whenAllowed === 'done') {
				expect(outcome).toBe('done');
			} else {
				expect(outcome).toBeInstanceOf(DomainError);
				expect(outcome).not.toBeInstanceOf(PermissionError);
				expect((outcome as DomainError).code).toBe(whenAllowed);
			}
		}
	);
});

describe('deleteWorkspace, for real', () => {
	let own: TestWorkspace;
	let snapshot: WorkspaceSnapshot;
	beforeAll(async () => {
		own = await createTestWorkspace({ kind: 'provider' });
		snapshot = await workspaceSnapshot(own.workspaceId);
	});
	// Each test deletes the workspace; put it back for the next one.
	afterEach(() => restoreWorkspace(snapshot));

	it.each(
		rolePairs.filter(({ adminRole, agentRole }) =>
			expectedAllowed(adminRole, agentRole, 'delete_workspace')
		)
	)('deletes it for $adminRole + $agentRole', async ({ adminRole, agentRole }) => {
		const actor = await insertTestUser(own.workspaceId, {
			adminRole,
			agentRole,
			passwordHash: placeholderHash
		});
		await deleteWorkspace({ workspaceId: own.workspaceId, userId: actor.id }, own.name);
		expect(await getWorkspaceEntry(own.workspaceId)).toBeUndefined();
		const names = (await indexedDB.databases()).map((db) => db.name);
		expect(names).not.toContain(workspaceDbName(own.workspaceId));
	});
});
