import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import { locale } from '$lib/state/locale.svelte';
import TextField from './TextField.svelte';

function setup(props: Partial<Parameters<typeof render<typeof TextField>>[1]> = {}) {
	render(TextField, { label: 'Work email', name: 'email', ...props });
	return {
		input: page.getByRole('textbox', { name: 'Work email' }),
		error: page.getByText(/email address|adresse e-mail/)
	};
}

describe('TextField', () => {
	afterEach(() => locale.set('en'));

	it('names the input by its label and shows no error by default', async () => {
		const { input } = setup();
		await expect.element(input).toBeVisible();
		await expect.element(input).not.toHaveAttribute('aria-invalid');
	});

	it('shows the error code as a message next to the field and links it to the input', async () => {
		const { input } = setup({ error: 'err_email_invalid' });
		const message = page.getByText('Enter an email address like name@contoso.com.');
		await expect.element(message).toBeVisible();
		await expect.element(input).toHaveAttribute('aria-invalid', 'true');
		await expect
			.element(input)
			.toHaveAccessibleDescription('Enter an email address like name@contoso.com.');
	});

	it('follows a language switch without losing what was typed', async () => {
		const { input } = setup({ error: 'err_email_invalid' });
		await input.fill('ana@');
		locale.set('fr');
		await expect
			.element(page.getByText('Saisissez une adresse e-mail de la forme nom@contoso.com.'))
			.toBeVisible();
		await expect.element(input).toHaveValue('ana@');
	});
});
