import { describe, expect, it } from 'vitest';
import {
	isWebmail,
	phoneSchema,
	primaryContactSchema,
	supportContactSchema,
	webmailDomains
} from './contact';
import { fieldErrors } from './validation';
import type { z } from 'zod';

/** The per-field error codes for the input, or null when it is accepted. */
function refusal(schema: z.ZodType, input: unknown) {
	const result = schema.safeParse(input);
	return result.success ? null : fieldErrors(result.error);
}

const contact = {
	firstName: 'Élodie',
	lastName: 'Lefèvre-Dupont',
	email: 'elodie.lefevre@contoso.fr',
	phone: '+33 1 23 45 67 89'
};

const support = {
	email: 'support@contoso.fr',
	phone: '+33 1 23 45 67 89',
	website: 'https://contoso.fr/support',
	hours: 'Lun–Ven 9 h – 18 h'
};

describe('webmailDomains', () => {
	it.each([
		'gmail.com',
		'googlemail.com',
		'yahoo.com',
		'yahoo.fr',
		'yahoo.co.uk',
		'ymail.com',
		'rocketmail.com',
		'icloud.com',
		'me.com',
		'mac.com',
		'aol.com',
		'aim.com',
		'outlook.com',
		'outlook.fr',
		'hotmail.com',
		'hotmail.fr',
		'hotmail.co.uk',
		'live.com',
		'live.fr',
		'msn.com'
	])('lists %s', (domain) => {
		expect(webmailDomains).toContain(domain);
	});

	it('holds lower-case domains, each once', () => {
		expect(new Set(webmailDomains).size).toBe(webmailDomains.length);
		for (const domain of webmailDomains) expect(domain).toMatch(/^[a-z0-9.-]+\.[a-z]{2,}$/);
	});

	it('cannot be changed', () => {
		expect(() => (webmailDomains as string[]).push('contoso.com')).toThrow(TypeError);
	});
});

describe('isWebmail', () => {
	it.each(webmailDomains.map((domain) => [`ana@${domain}`]))('%s is webmail', (email) => {
		expect(isWebmail(email)).toBe(true);
	});

	it.each([
		['Ana@GMAIL.COM'],
		['  ana@Gmail.com  '],
		['ana@gmail.com.'],
		['ana.lopez+csp@Hotmail.Co.UK'],
		['ａｎａ＠ｇｍａｉｌ．ｃｏｍ']
	])('%j is webmail (any case, spaces, full-width)', (email) => {
		expect(isWebmail(email)).toBe(true);
	});

	it.each([
		['ana@contoso.com'],
		['ana@contoso.fr'],
		['ana@mail.gmail.com'],
		['ana@gmail.com.contoso.example'],
		['ana@notgmail.com'],
		['ana@gmail.co'],
		['ana@outlook.contoso.com'],
		['ana@contoso.onmicrosoft.com'],
		['gmail.com'],
		['']
	])('%j is not webmail', (email) => {
		expect(isWebmail(email)).toBe(false);
	});
});

describe('phoneSchema', () => {
	it.each([
		['+33 1 23 45 67 89', '+33 1 23 45 67 89'],
		['(425) 555-0100', '(425) 555-0100'],
		['0123456789', '0123456789'],
		['01 23 45 67 89', '01 23 45 67 89'],
		['01.23.45.67.89', '01.23.45.67.89'],
		['01-23-45-67-89', '01-23-45-67-89'],
		['+1 (425) 555-0100', '+1 (425) 555-0100'],
		['+1-425-555-0100', '+1-425-555-0100'],
		['+44 (0)20 7946 0958', '+44 (0)20 7946 0958'],
		['+49 30 901820', '+49 30 901820'],
		['+41 44 668 18 00', '+41 44 668 18 00'],
		['+32 2 123 45 67', '+32 2 123 45 67'],
		['+31 20 123 4567', '+31 20 123 4567'],
		['+34 912 345 678', '+34 912 345 678'],
		['+39 06 1234 5678', '+39 06 1234 5678'],
		['+1 613 555 0199', '+1 613 555 0199'],
		['5550100', '5550100'],
		['123456789012345', '123456789012345'],
		['1 2 3 4 5 6 7 8 9 0 1 2 3 4 5', '1 2 3 4 5 6 7 8 9 0 1 2 3 4 5'],
		['+123456789012345', '+123456789012345'],
		['  +33   1 23 45 67 89 ', '+33 1 23 45 67 89'],
		['０１２３４５６７８９', '0123456789']
	])('accepts %j as %j', (input, stored) => {
		expect(phoneSchema.parse(input)).toBe(stored);
	});

	it.each([
		['abc', 'err_phone_invalid'],
		['12', 'err_phone_invalid'],
		['123456', 'err_phone_invalid'],
		['1234567890123456', 'err_phone_invalid'],
		['+1234567890123456', 'err_phone_invalid'],
		['+33 1 23 45 67 89 01 23 4', 'err_phone_invalid'],
		['01 23 45 67 89 ext 12', 'err_phone_invalid'],
		['+33 1 23 45 67 8a', 'err_phone_invalid'],
		['++33 1 23 45 67 89', 'err_phone_invalid'],
		['33+ 1 23 45 67 89', 'err_phone_invalid'],
		['+33 1 23 45 67 89+', 'err_phone_invalid'],
		['01--23-45-67-89', 'err_phone_invalid'],
		['01 .23 45 67 89', 'err_phone_invalid'],
		['(425 555-0100', 'err_phone_invalid'],
		['425) 555-0100', 'err_phone_invalid'],
		['((425)) 555-0100', 'err_phone_invalid'],
		['() 425 555 0100', 'err_phone_invalid'],
		['-425 555 0100', 'err_phone_invalid'],
		['425 555 0100-', 'err_phone_invalid'],
		['+', 'err_phone_invalid'],
		// longer than 30 characters, however few digits
		['(1) (2) (3) (4) (5) (6) (7) (8)', 'err_phone_invalid'],
		['', 'err_required'],
		['   ', 'err_required'],
		[undefined, 'err_required'],
		[33123456789, 'err_required']
	])('refuses %j with %s', (input, code) => {
		expect(refusal(phoneSchema, input)).toEqual({ '': code });
	});
});

describe('primaryContactSchema', () => {
	it('accepts a contact with accented names, storing the email in lower case', () => {
		expect(
			primaryContactSchema.parse({ ...contact, email: ' Elodie.Lefevre@Contoso.FR ' })
		).toEqual(contact);
	});

	it.each([
		['François', "O'Brien"],
		['Zoë', 'Müller-Lüdenscheidt'],
		['Ana María', 'Núñez de Balboa'],
		['Łukasz', 'Żółkiewski']
	])('accepts the name %j %j', (firstName, lastName) => {
		expect(refusal(primaryContactSchema, { ...contact, firstName, lastName })).toBeNull();
	});

	it.each(webmailDomains.map((domain) => [`contact@${domain}`]))(
		'refuses the web-based address %s',
		(email) => {
			expect(refusal(primaryContactSchema, { ...contact, email })).toEqual({
				email: 'err_email_webmail'
			});
		}
	);

	it.each([
		['Contact@GMail.com', 'err_email_webmail'],
		[' contact@hotmail.fr ', 'err_email_webmail'],
		['contact@', 'err_email_invalid'],
		['contact', 'err_email_invalid'],
		['contact@gmail', 'err_email_invalid'],
		['', 'err_required'],
		[undefined, 'err_required']
	])('refuses the email %j with %s', (email, code) => {
		expect(refusal(primaryContactSchema, { ...contact, email })).toEqual({ email: code });
	});

	it.each([
		[{ firstName: '' }, { firstName: 'err_required' }],
		[{ lastName: '   ' }, { lastName: 'err_required' }],
		[{ firstName: 'x'.repeat(121) }, { firstName: 'err_too_long' }],
		[{ phone: 'abc' }, { phone: 'err_phone_invalid' }],
		[{ phone: '' }, { phone: 'err_required' }],
		[
			{ firstName: '', email: 'a@gmail.com', phone: '12' },
			{ firstName: 'err_required', email: 'err_email_webmail', phone: 'err_phone_invalid' }
		]
	])('refuses %j with %j', (change, errors) => {
		expect(refusal(primaryContactSchema, { ...contact, ...change })).toEqual(errors);
	});
});

describe('supportContactSchema', () => {
	it('accepts the support details as typed', () => {
		expect(supportContactSchema.parse(support)).toEqual(support);
	});

	it.each(webmailDomains.map((domain) => [`support@${domain}`]))(
		'allows the web-based address %s for support',
		(email) => {
			expect(refusal(supportContactSchema, { ...support, email })).toBeNull();
		}
	);

	it.each([
		['https://contoso.fr'],
		['http://contoso.fr'],
		['https://www.contoso.co.uk/support?lang=fr#contact'],
		['HTTPS://Contoso.FR/Support'],
		['https://support.contoso.example:8443/'],
		['https://xn--quipements-h4a.example'],
		['https://équipements.example']
	])('accepts the website %j', (website) => {
		expect(refusal(supportContactSchema, { ...support, website })).toBeNull();
	});

	it.each([
		['contoso.fr'],
		['www.contoso.fr'],
		['ftp://contoso.fr'],
		['mailto:support@contoso.fr'],
		['javascript:alert(1)'],
		['https://'],
		['https://contoso'],
		['https://192.168.1.10'],
		['https://contoso .fr'],
		['https://user:secret@contoso.fr'],
		['https://contoso.fr/' + 'a'.repeat(2048)],
		['https://-contoso.fr']
	])('refuses the website %j', (website) => {
		const code = website.length > 2048 ? 'err_too_long' : 'err_url_invalid';
		expect(refusal(supportContactSchema, { ...support, website })).toEqual({ website: code });
	});

	it.each([
		[{ website: undefined, hours: undefined }],
		[{ website: '', hours: '' }],
		[{ website: '   ', hours: '   ' }],
		[{ website: null, hours: null }]
	])('leaves the website and hours out: %j', (change) => {
		const parsed = supportContactSchema.parse({ ...support, ...change });
		expect(parsed.website).toBeUndefined();
		expect(parsed.hours).toBeUndefined();
	});

	it('trims the website and hours', () => {
		const parsed = supportContactSchema.parse({
			...support,
			website: '  https://contoso.fr  ',
			hours: '  Mon–Fri   9am–5pm  '
		});
		expect(parsed.website).toBe('https://contoso.fr');
		expect(parsed.hours).toBe('Mon–Fri 9am–5pm');
	});

	it.each([
		[{ hours: 'x'.repeat(101) }, { hours: 'err_too_long' }],
		[{ email: 'support' }, { email: 'err_email_invalid' }],
		[{ email: '' }, { email: 'err_required' }],
		[{ phone: '12' }, { phone: 'err_phone_invalid' }],
		[{ phone: undefined }, { phone: 'err_required' }]
	])('refuses %j with %j', (change, errors) => {
		expect(refusal(supportContactSchema, { ...support, ...change })).toEqual(errors);
	});

	it('accepts hours of exactly 100 characters', () => {
		expect(refusal(supportContactSchema, { ...support, hours: 'é'.repeat(100) })).toBeNull();
	});
});
