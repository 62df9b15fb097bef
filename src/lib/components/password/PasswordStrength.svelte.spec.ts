import { describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import PasswordStrength from './PasswordStrength.svelte';

describe('PasswordStrength', () => {
	it('shows nothing for an empty password', async () => {
		render(PasswordStrength, { password: '' });
		await expect.element(page.getByText(/Strength:/)).not.toBeInTheDocument();
	});

	it('rates a common password as very weak', async () => {
		render(PasswordStrength, { password: 'password' });
		await expect.element(page.getByText('Strength: very weak')).toBeVisible();
	});

	it('rates a long random password as very strong', async () => {
		render(PasswordStrength, { password: 'vq9!Lr2#Zt7@mW4s' });
		await expect.element(page.getByText('Strength: very strong')).toBeVisible();
	});

	it('counts the user’s own name and email against the password', async () => {
		render(PasswordStrength, {
			password: 'anadupont2024',
			userInputs: ['ana.dupont@contoso.fr', 'Ana Dupont', 'anadupont']
		});
		await expect.element(page.getByText(/Strength: (very weak|weak)$/)).toBeVisible();
	});
});
