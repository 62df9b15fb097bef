import { z } from 'zod';

/**
 * Emails are compared after NFKC normalisation, trimming and lower-casing, so `Ana@Contoso.com `
 * and `ana@contoso.com` are one account. NFKC also folds full-width and compatibility lookalikes
 * (`ａｎａ@…` → `ana@…`); lookalikes it does not fold (Cyrillic `а`, Greek `ο`) are refused by
 * `emailSchema`, which allows only Latin letters (accents included) in the local part.
 */
export function normalizeEmail(raw: string): string {
	return raw.normalize('NFKC').trim().toLowerCase();
}

// Deliberately plain: one @, a dot in the domain, no spaces, ASCII domain labels; the local part
// is printable ASCII or Latin letters with their accents, so `élodie@…` is fine but a Cyrillic or
// Greek letter that reads like a Latin one cannot make a second account that looks the same.
const emailPattern =
	/^(?:[!-?A-~]|\p{Script=Latin}|\p{M})+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/u;

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
