import { tick } from 'svelte';
import type { z } from 'zod';
import { ValidationError, type FieldErrors } from '$lib/domain/errors';
import { fieldErrors } from '$lib/domain/validation';
import { describeError } from '$lib/i18n/errors';

/**
 * One form's submission state: field errors (codes shown next to each field), a form-level
 * failure message, and whether it is busy. `submit` checks the input with the same zod schema the
 * service uses (so errors show at once, all together), runs the command, and turns what the
 * command throws into field errors or a message; focus moves to the first field in error.
 */
export class FormState {
	errors = $state<FieldErrors>({});
	failure = $state('');
	busy = $state(false);

	async submit<T>(
		check: { schema: z.ZodType; input: unknown } | null,
		action: () => Promise<T>
	): Promise<T | undefined> {
		this.failure = '';
		const checked = check?.schema.safeParse(check.input);
		this.errors = checked && !checked.success ? fieldErrors(checked.error) : {};
		if (checked && !checked.success) {
			await focusFirstInvalid();
			return undefined;
		}
		this.busy = true;
		try {
			return await action();
		} catch (error) {
			if (error instanceof ValidationError) {
				this.errors = error.fields;
				await focusFirstInvalid();
			} else this.failure = describeError(error);
			return undefined;
		} finally {
			this.busy = false;
		}
	}
}

async function focusFirstInvalid() {
	await tick();
	document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
}
