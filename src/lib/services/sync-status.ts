import type { WorkspaceDB } from '$lib/db/workspace-db';
import type { ChannelRecord, QuarantineRecord, SyncStateRecord } from '$lib/db/records';
import {
	isInviter,
	partnerRoleOf,
	type ChannelRole,
	type ChannelState
} from '$lib/domain/partnership';
import { feedDocId } from '$lib/sync/feed';
import { syncs } from '$lib/sync/engine';
import { emptySyncState } from '$lib/sync/channel-session';

/**
 * Settings > Sync: what each partnership's sync has done, read from the workspace database only
 * (channels, invitations, syncState, quarantine, feedUpdates), so a page can run it in a
 * `LiveQuery` and see it change as envelopes come and go. Never returns channel keys.
 */
export interface ChannelSyncOverview {
	channel: {
		id: string;
		/** this workspace's role in the channel */
		role: ChannelRole;
		/** the partner's role: a reseller, a provider or a customer */
		partnerRole: ChannelRole;
		state: ChannelState;
		/** whether this channel still exchanges anything (not cancelled, removed or refused) */
		syncing: boolean;
		/** the partner's name, or null while a provider's invitation is unanswered */
		partnerName: string | null;
		/** the invited email of a provider's channel, from its invitation */
		invitationEmail: string | null;
		/** 32 hex digits, once the partner is known */
		partnerFingerprint: string | null;
		/** the relay the channel was set up with (from its invitation), if any */
		relayUrl: string | null;
	};
	/** the channel's counters; empty until its sync first started */
	syncState: SyncStateRecord;
	/** own feed updates written after the last envelope was sealed and sent */
	waiting: number;
	/** the partner's records the projection refused, newest first */
	quarantined: QuarantineRecord[];
}

/** The name the page sorts and titles a partner by: its name, else the invited email. */
export function partnerLabelOf(overview: ChannelSyncOverview): string {
	return overview.channel.partnerName ?? overview.channel.invitationEmail ?? overview.channel.id;
}

async function overviewOf(db: WorkspaceDB, channel: ChannelRecord): Promise<ChannelSyncOverview> {
	const [syncState, invitation, quarantined] = await Promise.all([
		db.syncState.get(channel.id),
		isInviter(channel) ? db.invitations.get(channel.invitationId) : undefined,
		db.quarantine.where('channelId').equals(channel.id).toArray()
	]);
	const state = syncState ?? emptySyncState(channel.id);
	const since = state.lastSentAt ?? 0;
	const syncing = syncs(channel);
	// A channel that no longer syncs will never send what it holds: nothing is "waiting".
	const waiting = syncing
		? await db.feedUpdates
				.where('docId')
				.equals(feedDocId(channel.id))
				.filter((row) => row.at > since)
				.count()
		: 0;
	return {
		channel: {
			id: channel.id,
			role: channel.role,
			partnerRole: partnerRoleOf(channel),
			state: channel.state,
			syncing,
			partnerName: channel.partner?.name ?? null,
			invitationEmail: invitation?.email ?? null,
			partnerFingerprint: channel.partner?.fingerprint ?? null,
			relayUrl: channel.relayUrl
		},
		syncState: state,
		waiting,
		quarantined: quarantined.sort((a, b) => b.at - a.at)
	};
}

/** Every channel of the workspace with its sync counters, sorted by partner name. */
export async function syncOverview(
	db: WorkspaceDB,
	locale?: string
): Promise<ChannelSyncOverview[]> {
	const channels = await db.channels.toArray();
	const overviews = await Promise.all(channels.map((channel) => overviewOf(db, channel)));
	const collator = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
	return overviews.sort(
		(a, b) =>
			collator.compare(partnerLabelOf(a), partnerLabelOf(b)) ||
			a.channel.id.localeCompare(b.channel.id)
	);
}
