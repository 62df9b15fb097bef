import { z } from 'zod';

/**
 * Emails are compared after NFKC normalisation, trimming and lower-casing, so `Ana@Contoso.com `
 * and `ana@contoso.com` are one account. NFKC also folds full-width and compatibility lookalikes
 * (`ａｎａ@…` → `ana@…`).
 */
export function normalizeEmail(raw: string): string {
	return raw.normalize('NFKC').trim().toLowerCase();
}

// Deliberately plain: one @, a dot in the domain, no spaces, ASCII domain labels.
const emailPattern =
	/^[^\s@]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/;

export const emailSchema = z
	.string({ error: 'err_required' })
	.transform(normalizeEmail)
	.pipe(
		z
			.string()
			.min(1, { error: 'err_required' })
			.max(254, { error: 'err_too_long' })
			.regex(emailPattern, { error: 'err_email_invalid' })
	);
