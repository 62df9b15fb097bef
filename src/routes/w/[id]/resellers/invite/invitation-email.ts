import { m } from '$lib/paraglide/messages.js';
import { formatDate } from '$lib/i18n/format';

export interface InvitationEmailInput {
	providerName: string;
	/** the provider's Partner ID, if set in Account settings */
	mpnId: string | null;
	/** the reseller's name as the user typed it ('' if unknown) */
	resellerName: string;
	/** the personalised link; it stands alone on its own line */
	link: string;
	expiresAt: number;
}

/** The draft of the partnership invitation email, in the UI language. */
export function invitationEmail(input: InvitationEmailInput): { subject: string; body: string } {
	const provider = input.providerName;
	const lines = [
		input.resellerName
			? m.res_email_greeting_named({ name: input.resellerName })
			: m.res_email_greeting(),
		'',
		input.mpnId
			? m.res_email_invite_mpn({ provider, mpnId: input.mpnId })
			: m.res_email_invite({ provider }),
		'',
		m.res_email_meaning({ provider }),
		'',
		m.res_email_link_intro({ provider, date: formatDate(input.expiresAt) }),
		'',
		input.link,
		'',
		m.res_email_closing(),
		provider
	];
	return { subject: m.res_email_subject({ provider }), body: lines.join('\n') };
}

export { keepsLink, mailtoHref } from '$lib/components/email-draft';
