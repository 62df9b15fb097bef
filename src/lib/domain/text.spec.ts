import { describe, expect, it } from 'vitest';
import { cleanText } from './text';

describe('cleanText', () => {
	it.each([
		['  Rue   de la  Paix ', 'NFC', 'Rue de la Paix'],
		['\tA\n\nB\u00a0C ', 'NFC', 'A B C'],
		["l'E\u0301glise", 'NFC', "l'Église"],
		['７５００８', 'NFC', '７５００８'],
		['７５００８', 'NFKC', '75008'],
		['', 'NFC', ''],
		['   ', 'NFKC', '']
	] as const)('cleanText(%j, %s) is %j', (input, form, expected) => {
		expect(cleanText(input, form)).toBe(expected);
	});

	it('composes accents by default', () => {
		expect(cleanText('Ce\u0301dric')).toBe('Cédric');
	});
});
