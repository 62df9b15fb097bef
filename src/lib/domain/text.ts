/**
 * How free text typed in a form is stored: Unicode-normalised (NFC by default, so `é` typed as
 * e + accent is one character; NFKC for codes, so full-width digits become ASCII), trimmed, and
 * every run of white space made one space.
 */
export function cleanText(value: string, form: 'NFC' | 'NFKC' = 'NFC'): string {
	return value.normalize(form).trim().replace(/\s+/g, ' ');
}
