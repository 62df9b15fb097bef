import { m } from '$lib/paraglide/messages.js';
import { formatDate } from '$lib/i18n/format';

export interface CustomerEmailInput {
	resellerName: string;
	/** the reseller's Partner ID, from its enrolment */
	mpnId: string | null;
	/** the customer contact's name as the user typed it ('' if unknown) */
	contactName: string;
	/** a combined invitation: the indirect provider's name */
	providerName: string | null;
	/** the request includes delegated administration privileges */
	dap: boolean;
	/** the personalised link; it stands alone on its own line */
	link: string;
	expiresAt: number;
}

/** The draft of a reseller relationship request email, in the UI language. */
export function customerRequestEmail(input: CustomerEmailInput): {
	subject: string;
	body: string;
} {
	const reseller = input.resellerName;
	const lines = [
		input.contactName
			? m.res_email_greeting_named({ name: input.contactName })
			: m.res_email_greeting(),
		'',
		input.mpnId
			? m.creq_email_intro_mpn({ reseller, mpnId: input.mpnId })
			: m.creq_email_intro({ reseller }),
		''
	];
	if (input.providerName) {
		lines.push(m.creq_email_provider({ reseller, provider: input.providerName }), '');
	}
	lines.push(input.dap ? m.creq_email_dap({ reseller }) : m.creq_email_no_dap(), '');
	lines.push(m.creq_email_link_intro({ date: formatDate(input.expiresAt) }), '', input.link, '');
	lines.push(m.res_email_closing(), reseller);
	return {
		subject: input.providerName
			? m.creq_email_subject_provider({ reseller, provider: input.providerName })
			: m.creq_email_subject({ reseller }),
		body: lines.join('\n')
	};
}
