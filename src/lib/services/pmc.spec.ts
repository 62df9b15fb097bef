import { beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '$lib/domain/errors';
import { pmcSeed } from '$lib/domain/pmc-seed';
import { registryDb } from '$lib/db/registry-db';
import { ensurePmcDirectory, listPmcAccounts, pmcSignIn } from './pmc';

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
