import { afterEach, describe, expect, it } from 'vitest';
import { locale } from '$lib/state/locale.svelte';
import { invitationEmail, keepsLink, mailtoHref } from './invitation-email';

const LINK =
	'http://127.0.0.1:4319/tierlink/invite?invType=IndirectProvider&partnerId=x&indirectCSPId=x#inv=eyJhIjoxfQ';
const EXPIRES = Date.UTC(2031, 2, 14, 12);

afterEach(() => locale.set('en'));

describe('invitationEmail', () => {
	it('greets the reseller by name, names the provider and its MPN ID, keeps the link on its own line', () => {
		const { subject, body } = invitationEmail({
			providerName: 'Northwind Distribution',
			mpnId: '4847383',
			resellerName: 'Fabrikam',
			link: LINK,
			expiresAt: EXPIRES
		});
		expect(subject).toContain('Northwind Distribution');
		const lines = body.split('\n');
		expect(lines[0]).toBe('Hello Fabrikam,');
		expect(body).toContain('Northwind Distribution (MPN ID 4847383) invites you');
		expect(body).toContain('submit orders and add subscriptions');
		expect(body).toContain('admin access');
		expect(body).toContain('works once and expires on March 14, 2031');
		expect(lines).toContain(LINK);
		expect(keepsLink(body, LINK)).toBe(true);
	});

	it('says hello without a name and leaves the MPN ID out when none is set', () => {
		const { body } = invitationEmail({
			providerName: 'Northwind',
			mpnId: null,
			resellerName: '',
			link: LINK,
			expiresAt: EXPIRES
		});
		expect(body.split('\n')[0]).toBe('Hello,');
		expect(body).not.toContain('MPN');
		expect(body).toContain('Northwind invites you');
	});

	it('is written in the UI language', () => {
		locale.set('fr');
		const { subject, body } = invitationEmail({
			providerName: 'Northwind',
			mpnId: '4847383',
			resellerName: 'Fabrikam',
			link: LINK,
			expiresAt: EXPIRES
		});
		expect(subject).toContain('fournisseur indirect');
		expect(body.split('\n')[0]).toBe('Bonjour Fabrikam,');
		expect(body).toContain('(ID MPN 4847383)');
		expect(body).toContain('14 mars 2031');
		expect(body.split('\n')).toContain(LINK);
	});
});

describe('keepsLink', () => {
	it.each([
		[`Hi\n\n${LINK}\n`, true],
		['Hi, no link here', false],
		[`Hi\n\n${LINK.slice(0, -1)}\n`, false],
		[`Hi\n\n${LINK.replace('tierlink', 'tierl1nk')}`, false]
	])('%j → %s', (body, kept) => {
		expect(keepsLink(body, LINK)).toBe(kept);
	});

	it('never accepts an empty link', () => {
		expect(keepsLink('anything', '')).toBe(false);
	});
});

describe('mailtoHref', () => {
	it('percent-encodes every part and sends line breaks as CRLF', () => {
		const href = mailtoHref('ana@fabrikam.example', 'A & B?', `Hello,\n\n${LINK}`);
		expect(href.startsWith('mailto:ana%40fabrikam.example?subject=A%20%26%20B%3F&body=')).toBe(
			true
		);
		const body = new URL(href).searchParams.get('body');
		expect(body).toBe(`Hello,\r\n\r\n${LINK}`);
		expect(href).not.toContain('#');
	});
});
