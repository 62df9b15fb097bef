import { resolve } from '$app/paths';
import { m } from '$lib/paraglide/messages.js';
import type { VerificationEmailOptions } from '$lib/services/enrollment';

/**
 * The verification email, in the user's language, with a link to this browser's verification
 * page; the token travels in the fragment, which no server ever receives.
 */
export function verificationEmailOptions(workspaceId: string): VerificationEmailOptions {
	const linkBase = new URL(
		resolve('/w/[id]/enrollment/verify', { id: workspaceId }),
		window.location.origin
	).href;
	return {
		linkBase,
		compose: (link) => ({
			subject: m.enr_email_subject(),
			body: m.enr_email_body({ link })
		})
	};
}
