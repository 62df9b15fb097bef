import { hashPassword, type PasswordHash } from '$lib/crypto/password-hash';
import type { UserRecord } from '$lib/db/records';
import { workspaceDb } from '$lib/db/workspace-db';
import type { AdminRole, AgentRole, UserStatus } from '$lib/domain/roles';
import type { CreateWorkspaceInput } from '$lib/domain/workspace';
import { createWorkspace } from '$lib/services/workspaces';

/**
 * Test data for domain, db and service tests. Every workspace gets its own domain prefix, so tests
 * in one file never collide on the registry's unique domain index.
 */
let sequence = 0;

export function uniqueDomainPrefix(): string {
	sequence += 1;
	return `t${sequence}${Math.random().toString(36).slice(2, 10)}`;
}

export const DEFAULT_PASSWORD = 'Correct-horse-42-battery';

type InputOverrides = Partial<Omit<CreateWorkspaceInput, 'admin'>> & {
	admin?: Partial<CreateWorkspaceInput['admin']>;
};

/** A valid "Create workspace" form; `admin` overrides merge into the default first user. */
export function validWorkspaceInput(overrides: InputOverrides = {}): CreateWorkspaceInput {
	const { admin, ...rest } = overrides;
	const password = admin?.password ?? DEFAULT_PASSWORD;
	return {
		kind: 'reseller',
		name: 'Contoso Distribution',
		country: 'FR',
		domainPrefix: uniqueDomainPrefix(),
		...rest,
		admin: {
			fullName: 'Ana Lopez',
			email: 'ana.lopez@contoso.example',
			password,
			confirmPassword: password,
			...admin
		}
	};
}

export interface TestWorkspace {
	workspaceId: string;
	userId: string;
	input: CreateWorkspaceInput;
	name: string;
	email: string;
	password: string;
}

/** Creates a workspace through the real service (one PBKDF2 hash, ~0.3 s). */
export async function createTestWorkspace(overrides: InputOverrides = {}): Promise<TestWorkspace> {
	const input = validWorkspaceInput(overrides);
	const { workspaceId, userId } = await createWorkspace(input);
	return {
		workspaceId,
		userId,
		input,
		name: input.name,
		email: input.admin.email,
		password: input.admin.password
	};
}

export interface TestUserOptions {
	email?: string;
	fullName?: string;
	password?: string;
	adminRole?: AdminRole;
	agentRole?: AgentRole;
	status?: UserStatus;
	mustChangePassword?: boolean;
	/**
	 * A hash computed once by the caller (of `password`), so tests that insert many users do not
	 * run PBKDF2 (~0.3 s) for each.
	 */
	passwordHash?: PasswordHash;
}

/**
 * Writes a user row straight into a workspace database, with a real password hash, bypassing the
 * "add user" command and its checks (for setting up who acts and on whom).
 */
export async function insertTestUser(
	workspaceId: string,
	options: TestUserOptions = {}
): Promise<UserRecord & { plainPassword: string }> {
	const plainPassword = options.password ?? 'Helpdesk-password-2024';
	const user: UserRecord = {
		id: crypto.randomUUID(),
		email: options.email ?? `user-${crypto.randomUUID().slice(0, 8)}@contoso.example`,
		fullName: options.fullName ?? 'Bruno Martin',
		agentRole: options.agentRole ?? 'helpdesk_agent',
		adminRole: options.adminRole ?? 'none',
		status: options.status ?? 'active',
		password: options.passwordHash ?? (await hashPassword(plainPassword)),
		mustChangePassword: options.mustChangePassword ?? false,
		createdAt: Date.now(),
		lastSignInAt: null
	};
	await workspaceDb(workspaceId).users.add(user);
	return { ...user, plainPassword };
}
