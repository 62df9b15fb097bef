import { describe, expect, it } from 'vitest';
import { foldForSearch, matchesAuditFilter, type AuditEntry, type AuditFilter } from './audit';

const entry: AuditEntry = {
	id: '3b5f8d0e-6c1a-4f7e-9a2b-1c3d5e7f9a0b',
	at: 1_000,
	actorId: '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a',
	actorName: 'Hélène Dupré',
	action: 'workspace.settings_changed',
	target: 'Société Générale Équipements'
};

describe('foldForSearch', () => {
	it.each([
		['Éloïse', 'eloise'],
		['SOCIÉTÉ', 'societe'],
		['Ce\u0301dric', 'cedric'],
		['Ærø', 'ærø'],
		['plain', 'plain']
	])('folds %j to %j', (text, folded) => {
		expect(foldForSearch(text)).toBe(folded);
	});
});

describe('matchesAuditFilter', () => {
	it.each<[string, AuditFilter, boolean]>([
		['an empty filter', {}, true],
		['the same action', { action: 'workspace.settings_changed' }, true],
		['another action', { action: 'user.signed_in' }, false],
		['the same actor', { actorId: entry.actorId! }, true],
		['another actor', { actorId: '00000000-0000-4000-8000-000000000000' }, false],
		['text in the actor name, without accents', { text: 'helene' }, true],
		['text in the target, in capitals', { text: 'GENERALE EQUIP' }, true],
		['text with accents the entry has', { text: 'Dupré' }, true],
		['text across name and target', { text: 'dupre societe' }, true],
		['text found nowhere', { text: 'contoso' }, false],
		['blank text', { text: '   ' }, true],
		['a range around the entry', { from: 1_000, to: 1_000 }, true],
		['a range that starts after it', { from: 1_001 }, false],
		['a range that ends before it', { to: 999 }, false],
		['all criteria matching', { action: 'workspace.settings_changed', text: 'hel', from: 0 }, true],
		['all but one criterion matching', { action: 'workspace.settings_changed', text: 'zz' }, false]
	])('%s → %s', (_label, filter, expected) => {
		expect(matchesAuditFilter(entry, filter)).toBe(expected);
	});
});
