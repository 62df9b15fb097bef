import { decoyHash, hashPassword, verifyPassword } from '$lib/crypto/password-hash';
import { normalizeEmail } from '$lib/domain/email';
import { DomainError, ValidationError } from '$lib/domain/errors';
import {
	pmcAccountSchema,
	pmcSeed,
	type PmcAccountInput,
	type PmcProfile
} from '$lib/domain/pmc-seed';
import { parseOrThrow } from '$lib/domain/validation';
import { registryDb, type PmcAccountRecord } from '$lib/db/registry-db';
import { withStorageErrors } from './storage';

/**
 * The local PMC directory: it plays Microsoft's Partner Membership Center for enrolment. It is
 * seeded once with a few fictitious organisations; a page lets demos and training add and edit
 * accounts. PMC passwords are hashed like user passwords.
 */
let seeding: Promise<void> | undefined;

export function ensurePmcDirectory(): Promise<void> {
	seeding ??= (async () => {
		const db = registryDb();
		if ((await db.pmcAccounts.count()) > 0) return;
		const now = Date.now();
		const rows: PmcAccountRecord[] = await Promise.all(
			pmcSeed.map(async (account) => ({
				id: crypto.randomUUID(),
				userName: normalizeEmail(account.userName),
				password: await hashPassword(account.password),
				profiles: account.profiles.map((profile) => ({ ...profile })),
				createdAt: now,
				updatedAt: now
			}))
		);
		await db.transaction('rw', db.pmcAccounts, async () => {
			if ((await db.pmcAccounts.count()) === 0) await db.pmcAccounts.bulkAdd(rows);
		});
	})().finally(() => {
		seeding = undefined;
	});
	return seeding;
}

export async function pmcUserExists(userName: string): Promise<boolean> {
	await ensurePmcDirectory();
	return !!(await registryDb().pmcAccounts.get({ userName: normalizeEmail(userName) }));
}

/** "Sign in" to the PMC: the profiles the account may link, or a refusal that names neither part. */
export async function pmcSignIn(userName: string, password: string): Promise<PmcProfile[]> {
	await ensurePmcDirectory();
	const account = await registryDb().pmcAccounts.get({ userName: normalizeEmail(userName) });
	const ok = await verifyPassword(password, account?.password ?? (await decoyHash()));
	if (!account || !ok) throw new ValidationError({ pmcPassword: 'err_sign_in_failed' });
	return account.profiles;
}

export async function listPmcAccounts(): Promise<Omit<PmcAccountRecord, 'password'>[]> {
	await ensurePmcDirectory();
	const rows = await registryDb().pmcAccounts.orderBy('userName').toArray();
	return rows.map(({ password: _password, ...rest }) => rest);
}

/** An MPN ID belongs to one organisation profile in the whole directory. */
async function checkMpnIdsFree(profiles: PmcProfile[], exceptAccountId?: string) {
	const others = (await registryDb().pmcAccounts.toArray()).filter((a) => a.id !== exceptAccountId);
	const taken = new Set(others.flatMap((a) => a.profiles.map((p) => p.mpnId)));
	const index = profiles.findIndex((p) => taken.has(p.mpnId));
	if (index >= 0) throw new ValidationError({ [`profiles.${index}.mpnId`]: 'err_mpn_duplicate' });
}

/** Adds a PMC account (demo and training data). */
export async function addPmcAccount(input: PmcAccountInput): Promise<string> {
	const valid = parseOrThrow(pmcAccountSchema('create'), input);
	if (await pmcUserExists(valid.userName))
		throw new ValidationError({ userName: 'err_email_taken' });
	await checkMpnIdsFree(valid.profiles);
	const now = Date.now();
	const id = crypto.randomUUID();
	const password = await hashPassword(valid.password ?? '');
	await withStorageErrors(() =>
		registryDb().pmcAccounts.add({
			id,
			userName: valid.userName,
			password,
			profiles: valid.profiles,
			createdAt: now,
			updatedAt: now
		})
	);
	return id;
}

/** Edits a PMC account; an empty password keeps the current one. */
export async function updatePmcAccount(id: string, input: PmcAccountInput): Promise<void> {
	const valid = parseOrThrow(pmcAccountSchema('edit'), input);
	const db = registryDb();
	const current = await db.pmcAccounts.get(id);
	if (!current) throw new DomainError('err_user_not_found');
	const other = await db.pmcAccounts.get({ userName: valid.userName });
	if (other && other.id !== id) throw new ValidationError({ userName: 'err_email_taken' });
	await checkMpnIdsFree(valid.profiles, id);
	const password = valid.password ? await hashPassword(valid.password) : current.password;
	await withStorageErrors(() =>
		db.pmcAccounts.update(id, {
			userName: valid.userName,
			password,
			profiles: valid.profiles,
			updatedAt: Date.now()
		})
	);
}
