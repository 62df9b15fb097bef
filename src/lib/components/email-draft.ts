/** Whether the edited body still holds the exact link. */
export function keepsLink(body: string, link: string): boolean {
	return link !== '' && body.includes(link);
}

/** A mailto: URL (RFC 6068: every part percent-encoded, line breaks as CRLF). */
export function mailtoHref(to: string, subject: string, body: string): string {
	const crlf = (text: string) => text.replace(/\r?\n/g, '\r\n');
	return `mailto:${encodeURIComponent(to)}?subject=${encodeURIComponent(crlf(subject))}&body=${encodeURIComponent(crlf(body))}`;
}
