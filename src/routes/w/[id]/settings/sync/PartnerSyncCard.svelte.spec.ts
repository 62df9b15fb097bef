import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import type { ChannelSyncOverview } from '$lib/services/sync-status';
import { locale } from '$lib/state/locale.svelte';
import PartnerSyncCard from './PartnerSyncCard.svelte';

const CHANNEL = '0123456789abcdef0123456789abcdef';

function overview(overrides: Partial<ChannelSyncOverview> = {}): ChannelSyncOverview {
	return {
		channel: {
			id: CHANNEL,
			role: 'provider',
			partnerRole: 'reseller',
			state: 'active',
			syncing: true,
			partnerName: 'Fabrikam Resale',
			invitationEmail: 'admin@fabrikam.example',
			partnerFingerprint: 'fedcba9876543210fedcba9876543210',
			relayUrl: null
		},
		syncState: {
			channelId: CHANNEL,
			sealedSv: new Uint8Array([0]),
			lastSeq: 7,
			received: 4,
			dropped: { bad_signature: 2, too_large: 1 },
			missing: [3, 5],
			lastReceivedAt: Date.UTC(2025, 0, 2, 10, 0),
			lastSentAt: Date.UTC(2025, 0, 1, 10, 0),
			transports: { same_browser: Date.UTC(2025, 0, 1, 10, 0), file: Date.UTC(2025, 0, 2, 10, 0) }
		},
		waiting: 0,
		quarantined: [
			{
				id: `${CHANNEL}|profile|x`,
				channelId: CHANNEL,
				collection: 'profile',
				recordId: 'x',
				reason: 'forbidden_key',
				detail: '',
				at: Date.UTC(2025, 0, 2, 11, 0)
			}
		],
		...overrides
	};
}

function setup(item = overview()) {
	render(PartnerSyncCard, {
		item,
		session: { workspaceId: '00000000-0000-4000-8000-000000000000', userId: 'nobody' },
		relayStatus: () => 'connected'
	});
	return { card: page.getByRole('region', { name: item.channel.partnerName ?? '' }) };
}

describe('PartnerSyncCard', () => {
	afterEach(() => locale.set('en'));

	it('shows the counters, drops by reason, missing envelopes and quarantined records', async () => {
		const { card } = setup();
		await expect.element(card).toBeVisible();
		await expect
			.element(card.getByRole('alert'))
			.toHaveTextContent(
				'Envelopes 3 and 5 from Fabrikam Resale never arrived: the relay or a file may have withheld them.'
			);
		await expect.element(card.getByTestId('sync-state')).toHaveTextContent('Active');
		await expect.element(card.getByTestId('sync-sent')).toHaveTextContent('7');
		await expect.element(card.getByTestId('sync-received')).toHaveTextContent('4');
		await expect.element(card.getByTestId('sync-waiting')).toHaveTextContent('Everything sent');
		await expect.element(card.getByTestId('sync-dropped')).toHaveTextContent('Bad signature: 2');
		await expect.element(card.getByTestId('sync-dropped')).toHaveTextContent('Too large: 1');
		await expect.element(card.getByTestId('sync-transports')).toHaveTextContent('This browser');
		await expect.element(card.getByTestId('sync-transports')).toHaveTextContent('File');
		await expect
			.element(card.getByRole('row').filter({ hasText: 'Forbidden field name' }))
			.toBeVisible();
		await expect
			.element(card.getByRole('button', { name: 'Export changes for this partner' }))
			.toBeEnabled();
	});

	it('speaks French and shows partner data as text', async () => {
		locale.set('fr');
		const name = '<img src=x onerror=alert(1)>';
		const base = overview();
		const { card } = setup({
			...base,
			channel: { ...base.channel, partnerName: name, syncing: false, state: 'removed' }
		});
		await expect.element(card.getByRole('heading', { name })).toBeVisible();
		await expect
			.element(card.getByRole('alert'))
			.toHaveTextContent(`Les enveloppes 3 et 5 de ${name} ne sont jamais arrivées`);
		await expect.element(card.getByTestId('sync-state')).toHaveTextContent('Supprimé');
		await expect
			.element(card.getByTestId('sync-waiting'))
			.toHaveTextContent('Synchronisation arrêtée');
		await expect
			.element(card.getByRole('button', { name: 'Exporter les modifications pour ce partenaire' }))
			.toBeVisible();
		expect(document.querySelector('img')).toBeNull();
	});

	it('names an unanswered invitation by its email and says it never synced', async () => {
		const base = overview();
		setup({
			...base,
			channel: {
				...base.channel,
				state: 'invited',
				partnerName: null,
				partnerFingerprint: null,
				invitationEmail: 'zeta@unanswered.example'
			},
			syncState: {
				...base.syncState,
				lastSeq: 0,
				received: 0,
				dropped: {},
				missing: [],
				lastReceivedAt: null,
				lastSentAt: null,
				transports: {}
			},
			waiting: 2,
			quarantined: []
		});
		const card = page.getByRole('region', { name: 'zeta@unanswered.example' });
		await expect.element(card.getByTestId('sync-state')).toHaveTextContent('Invitation pending');
		await expect.element(card.getByTestId('sync-last')).toHaveTextContent('Never');
		await expect.element(card.getByTestId('sync-waiting')).toHaveTextContent('2');
		await expect.element(card.getByTestId('sync-dropped')).toHaveTextContent('None');
		await expect.element(card.getByTestId('sync-transports')).toHaveTextContent('None yet');
		expect(card.getByRole('alert').elements()).toHaveLength(0);
	});
});
