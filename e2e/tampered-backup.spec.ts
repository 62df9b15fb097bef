import { readFileSync } from 'node:fs';
import {
	chooseBackupFile,
	chooseLanguageInHeader,
	createWorkspace,
	expect,
	expectFieldError,
	expectSignInPage,
	expectStartPageLists,
	exportBackup,
	openRestorePage,
	t,
	test,
	workspaceData
} from './fixtures';

const passphrase = 'tamper-proof passphrase';

/** One base64 character in the middle of the ciphertext replaced by another. */
function flipCiphertextCharacter(text: string): string {
	const file = JSON.parse(text) as { ciphertext: string };
	const at = Math.floor(file.ciphertext.length / 2);
	const old = file.ciphertext[at];
	const replacement = old === 'A' ? 'B' : 'A';
	file.ciphertext = file.ciphertext.slice(0, at) + replacement + file.ciphertext.slice(at + 1);
	return JSON.stringify(file, null, 1);
}

/** The readable header's workspace name edited, the ciphertext left alone. */
function renameInHeader(text: string): string {
	const file = JSON.parse(text) as { workspace: { name: string } };
	file.workspace.name = `${file.workspace.name} (edited)`;
	return JSON.stringify(file, null, 1);
}

test('a tampered, truncated or foreign backup file is refused and nothing changes', async ({
	page,
	browser
}) => {
	const data = workspaceData();
	await createWorkspace(page, data);
	const original = readFileSync(await exportBackup(page, passphrase), 'utf8');

	// Restore in another browser profile, which holds no workspace yet: a refused file must not
	// add one.
	const other = await browser.newContext();
	const restorer = await other.newPage();
	await expectStartPageLists(restorer, []);

	const decryptRefused = [
		{ title: 'one character of the ciphertext changed', text: flipCiphertextCharacter(original) },
		{ title: 'the workspace name in the header edited', text: renameInHeader(original) }
	];
	for (const { title, text } of decryptRefused) {
		await test.step(title, async () => {
			expect(text).not.toBe(original);
			await openRestorePage(restorer);
			await chooseBackupFile(restorer, { name: 'tampered.tierlink-backup.json', text });
			await restorer.getByLabel(t('en', 'backup_passphrase'), { exact: true }).fill(passphrase);
			await restorer.getByRole('button', { name: t('en', 'restore_button') }).click();
			await expectFieldError(restorer, t('en', 'backup_passphrase'), t('en', 'err_backup_decrypt'));
			await expectStartPageLists(restorer, []);
		});
	}

	const unreadable = [
		{
			title: 'a truncated copy',
			text: original.slice(0, Math.floor(original.length / 2)),
			message: 'err_backup_truncated'
		},
		{ title: 'a foreign JSON file', text: '{"hello":"world"}', message: 'err_backup_foreign' }
	];
	for (const { title, text, message } of unreadable) {
		await test.step(title, async () => {
			await openRestorePage(restorer);
			await chooseBackupFile(restorer, { name: 'backup.json', text });
			await expectFieldError(restorer, t('en', 'restore_file'), t('en', message));
			// Nothing to restore: no summary, no passphrase, and the button stays disabled.
			await expect(restorer.getByLabel(t('en', 'backup_passphrase'), { exact: true })).toHaveCount(
				0
			);
			await expect(
				restorer.getByRole('button', { name: t('en', 'restore_button') })
			).toBeDisabled();
			await expectStartPageLists(restorer, []);
		});
	}

	await test.step('the reason is given in French too', async () => {
		await openRestorePage(restorer);
		await chooseBackupFile(restorer, { name: 'backup.json', text: '{"hello":"world"}' });
		await expectFieldError(restorer, t('en', 'restore_file'), t('en', 'err_backup_foreign'));
		// Switching the language re-words the reason already shown.
		await chooseLanguageInHeader(restorer, 'en', 'fr');
		await expectFieldError(restorer, t('fr', 'restore_file'), t('fr', 'err_backup_foreign'));
		await chooseLanguageInHeader(restorer, 'fr', 'en');
	});

	await test.step('the untouched file restores in the same browser', async () => {
		await openRestorePage(restorer);
		await chooseBackupFile(restorer, { name: 'backup.json', text: original });
		await restorer.getByLabel(t('en', 'backup_passphrase'), { exact: true }).fill(passphrase);
		await restorer.getByRole('button', { name: t('en', 'restore_button') }).click();
		await expectSignInPage(restorer, data);
		await expectStartPageLists(restorer, [data.name]);
	});

	await other.close();
});
