import { z } from 'zod';
import { cleanText } from './text';

/**
 * An MPN ID (Microsoft Partner Network ID, now "Partner ID"): 6 to 10 digits. Surrounding spaces
 * are ignored and full-width digits folded; anything else (a space, a dash, a letter) is refused.
 */
export const mpnIdSchema = z
	.string({ error: 'err_required' })
	.transform((value) => cleanText(value, 'NFKC'))
	.pipe(
		z
			.string()
			.min(1, { error: 'err_required' })
			.regex(/^\d{6,10}$/, { error: 'err_mpn_format' })
	);
