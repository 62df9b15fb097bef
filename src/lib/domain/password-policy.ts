import type { ErrorCode } from './errors';
import { normalizeEmail } from './email';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

/**
 * The password policy: at least 12 characters (counted as code points, so accented French input
 * counts as a person would count it) and not the user's email address.
 * Returns the first rule broken, or null.
 */
export function passwordPolicyError(password: string, email = ''): ErrorCode | null {
	const length = [...password.normalize('NFC')].length;
	if (length === 0) return 'err_required';
	if (length < PASSWORD_MIN_LENGTH) return 'err_password_too_short';
	if (length > PASSWORD_MAX_LENGTH) return 'err_too_long';
	const normalizedEmail = normalizeEmail(email);
	if (normalizedEmail) {
		const candidate = normalizeEmail(password);
		const localPart = normalizedEmail.split('@')[0] ?? '';
		if (candidate === normalizedEmail || candidate === localPart) return 'err_password_is_email';
	}
	return null;
}
