import Dexie, { type EntityTable } from 'dexie';
import type { PasswordHash } from '$lib/crypto/password-hash';
import type { PmcProfile } from '$lib/domain/pmc-seed';
import type { WorkspaceEntry } from '$lib/domain/workspace';

/**
 * What a PMC (Partner Membership Center) account is in the local directory that stands in for
 * Microsoft's: a user name, a password hash and the organisation profiles it may link.
 */
export interface PmcAccountRecord {
	id: string;
	/** normalised like a user email; unique */
	userName: string;
	password: PasswordHash;
	profiles: PmcProfile[];
	createdAt: number;
	updatedAt: number;
}

/** An MPN ID enrolled (or being enrolled) by a workspace of this browser. */
export interface MpnEnrollmentRecord {
	mpnId: string;
	workspaceId: string;
}

/** How the simulated program review decides: at once (demo default) or on the review page. */
export interface ProgramSettingRecord {
	key: 'reviewMode';
	value: 'automatic' | 'manual';
}

/**
 * The registry lists the workspaces of this browser: id, kind, name, domain, country. No secrets
 * of a workspace. It also holds what stands in for Microsoft's side, shared by every workspace of
 * the browser: the PMC directory, which MPN IDs are enrolled, and the program review setting.
 *
 * Schema history: v1 workspaces; v2 pmcAccounts, mpnEnrollments, programSettings (new tables).
 */
export class RegistryDB extends Dexie {
	workspaces!: EntityTable<WorkspaceEntry, 'id'>;
	pmcAccounts!: EntityTable<PmcAccountRecord, 'id'>;
	mpnEnrollments!: EntityTable<MpnEnrollmentRecord, 'mpnId'>;
	programSettings!: EntityTable<ProgramSettingRecord, 'key'>;

	constructor() {
		super('tierlink-registry');
		this.version(1).stores({ workspaces: 'id, &domain, name, createdAt' });
		this.version(2).stores({
			pmcAccounts: 'id, &userName',
			mpnEnrollments: 'mpnId, workspaceId',
			programSettings: 'key'
		});
	}
}

let registry: RegistryDB | undefined;

export function registryDb(): RegistryDB {
	registry ??= new RegistryDB();
	return registry;
}
