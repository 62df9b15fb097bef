import { beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '$lib/domain/errors';
import { pmcSeed } from '$lib/domain/pmc-seed';
import { registryDb } from '$lib/db/registry-db';
import {
	addPmcAccount,
	ensurePmcDirectory,
	listPmcAccounts,
	pmcSignIn,
	updatePmcAccount
} from './pmc';

// Seeding hashes every seed password (PBKDF2, ~0.3 s each): once for the whole file.
beforeAll(ensurePmcDirectory, 30_000);

async function refusal(promise: Promise<unknown>): Promise<unknown> {
	try {
		await promise;
	} catch (error) {
		return error;
	}
	throw new Error('expected the command to be refused');
}

const contoso = pmcSeed[0]!;

describe('the PMC directory', () => {
	it('is seeded once, with hashed passwords that are never listed', async () => {
		await ensurePmcDirectory();
		const rows = await registryDb().pmcAccounts.toArray();
		expect(rows).toHaveLength(pmcSeed.length);
		expect(JSON.stringify(rows)).not.toContain(contoso.password);
		const listed = await listPmcAccounts();
		expect(listed.map((a) => a.userName)).toEqual(pmcSeed.map((a) => a.userName).sort());
		for (const account of listed) expect(account).not.toHaveProperty('password');
	});

	it('signs in with a seed account and returns its profiles', async () => {
		const profiles = await pmcSignIn(contoso.userName.toUpperCase(), contoso.password);
		expect(profiles).toEqual(contoso.profiles);
	});

	it.each([
		['a wrong password', contoso.userName, 'Not-the-password-1'],
		['an unknown user', 'nobody@unknown.example', contoso.password]
	])('refuses %s without saying which part is wrong', async (_case, userName, password) => {
		const error = await refusal(pmcSignIn(userName, password));
		expect(error).toBeInstanceOf(ValidationError);
		expect((error as ValidationError).fields).toEqual({ pmcPassword: 'err_sign_in_failed' });
	});
});

describe('adding and editing PMC accounts', () => {
	const profile = { organisationName: 'Wingtip Toys SARL', country: 'FR', active: true };

	it('adds an account that signs in, and edits it keeping the password when left empty', async () => {
		const userName = `admin@${crypto.randomUUID().slice(0, 8)}.example`;
		const password = 'Wingtip-PMC-2026!';
		const id = await addPmcAccount({
			userName,
			password,
			profiles: [{ ...profile, mpnId: '7700001' }]
		});
		expect(await pmcSignIn(userName, password)).toEqual([{ ...profile, mpnId: '7700001' }]);

		await updatePmcAccount(id, {
			userName,
			password: '',
			profiles: [{ ...profile, mpnId: '7700001', active: false }]
		});
		expect((await pmcSignIn(userName, password))[0]?.active).toBe(false);
	});

	it('refuses an MPN ID another account already holds, next to that profile', async () => {
		const before = await registryDb().pmcAccounts.count();
		const error = await refusal(
			addPmcAccount({
				userName: `other@${crypto.randomUUID().slice(0, 8)}.example`,
				password: 'Another-PMC-2026!',
				profiles: [
					{ ...profile, mpnId: '7799999' },
					{ ...profile, mpnId: contoso.profiles[0]!.mpnId }
				]
			})
		);
		expect(error).toBeInstanceOf(ValidationError);
		expect((error as ValidationError).fields).toEqual({ 'profiles.1.mpnId': 'err_mpn_duplicate' });
		expect(await registryDb().pmcAccounts.count()).toBe(before);
	});
});
