import { z } from 'zod';
import { emailSchema, normalizeEmail } from './email';
import { personNameSchema } from './organisation';
import { cleanText } from './text';

/**
 * Web-based mail services Partner Center refuses for the primary contact (DOMAIN.md: Gmail,
 * Yahoo! Mail, iCloud Mail, AOL Mail, Outlook Mail), with their domains and national variants.
 * Compared with the whole domain: `contoso.gmail.com.example` or `mail.contoso.fr` are not webmail.
 */
// prettier-ignore
export const webmailDomains: readonly string[] = Object.freeze([
	// Gmail
	'gmail.com', 'googlemail.com',
	// Yahoo! Mail
	'yahoo.com', 'yahoo.fr', 'yahoo.co.uk', 'yahoo.de', 'yahoo.es', 'yahoo.it', 'yahoo.ca',
	'yahoo.com.au', 'yahoo.com.br', 'yahoo.co.in', 'yahoo.com.mx', 'yahoo.co.jp', 'ymail.com',
	'rocketmail.com',
	// iCloud Mail
	'icloud.com', 'me.com', 'mac.com',
	// AOL Mail
	'aol.com', 'aol.fr', 'aol.co.uk', 'aol.de', 'aim.com',
	// Outlook Mail (Outlook.com, Hotmail, Windows Live, MSN)
	'outlook.com', 'outlook.fr', 'outlook.de', 'outlook.es', 'outlook.it', 'outlook.be',
	'outlook.co.uk', 'hotmail.com', 'hotmail.fr', 'hotmail.co.uk', 'hotmail.de', 'hotmail.es',
	'hotmail.it', 'hotmail.be', 'live.com', 'live.fr', 'live.co.uk', 'live.de', 'live.be',
	'live.nl', 'live.ca', 'msn.com'
]);

const webmailDomainSet = new Set(webmailDomains);

/** Whether the address is at a web-based mail service (by its exact domain, any case). */
export function isWebmail(email: string): boolean {
	const normalized = normalizeEmail(email);
	const at = normalized.lastIndexOf('@');
	if (at < 0) return false;
	return webmailDomainSet.has(normalized.slice(at + 1).replace(/\.$/, ''));
}

export const PHONE_MIN_DIGITS = 7;
export const PHONE_MAX_DIGITS = 15;
const PHONE_MAX_LENGTH = 30;

// An optional leading +, then digits or parenthesised digit groups, with at most one separator
// (space, dot, dash) between them: `+33 1 23 45 67 89`, `(425) 555-0100`, `+44 (0)20 7946 0958`.
const phonePattern = /^\+?(?:\(\d+\)|\d)(?:[ .-]?(?:\(\d+\)|\d))*$/;

function isPhoneNumber(phone: string): boolean {
	if (phone.length > PHONE_MAX_LENGTH || !phonePattern.test(phone)) return false;
	const digits = phone.replace(/\D/g, '').length;
	return digits >= PHONE_MIN_DIGITS && digits <= PHONE_MAX_DIGITS;
}

/**
 * An international or national phone number, kept as typed (trimmed, single spaces; full-width
 * digits folded): an optional leading +, digits with spaces, dots, dashes and parentheses, 7 to
 * 15 digits in all (E.164's maximum).
 */
export const phoneSchema = z
	.string({ error: 'err_required' })
	.transform((value) => cleanText(value, 'NFKC'))
	.pipe(
		z
			.string()
			.min(1, { error: 'err_required' })
			.refine(isPhoneNumber, { error: 'err_phone_invalid' })
	);

/** The organisation's primary contact: status updates go to them, so no web-based mail. */
export const primaryContactSchema = z.object({
	firstName: personNameSchema,
	lastName: personNameSchema,
	email: emailSchema.refine((email) => !isWebmail(email), { error: 'err_email_webmail' }),
	phone: phoneSchema
});
export type PrimaryContactInput = z.input<typeof primaryContactSchema>;
export type PrimaryContact = z.output<typeof primaryContactSchema>;

export const URL_MAX_LENGTH = 2048;

function isWebsite(value: string): boolean {
	if (!/^https?:\/\//i.test(value) || /\s/.test(value)) return false;
	try {
		const url = new URL(value);
		// A host name with a dot and a real top-level label (not `https://contoso` or an IP).
		const host = url.hostname.replace(/\.$/, '');
		return (
			!url.username &&
			!url.password &&
			/^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]+)$/.test(host)
		);
	} catch {
		return false;
	}
}

/** Free text that may be left out or empty; empty is stored as undefined. */
function optional<T extends z.ZodType<unknown, string>>(schema: T) {
	return z
		.string({ error: 'err_required' })
		.nullish()
		.transform((value) => cleanText(value ?? ''))
		.pipe(z.union([z.literal('').transform(() => undefined), schema]));
}

/** Customer support information: shown to customers, so a web-based mailbox is allowed here. */
export const supportContactSchema = z.object({
	email: emailSchema,
	phone: phoneSchema,
	website: optional(
		z
			.string()
			.max(URL_MAX_LENGTH, { error: 'err_too_long' })
			.refine(isWebsite, { error: 'err_url_invalid' })
	),
	hours: optional(z.string().max(100, { error: 'err_too_long' }))
});
export type SupportContactInput = z.input<typeof supportContactSchema>;
export type SupportContact = z.output<typeof supportContactSchema>;
