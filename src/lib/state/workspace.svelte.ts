import { createContext } from 'svelte';
import { LiveQuery } from '$lib/db/live-query.svelte';
import { workspaceDb } from '$lib/db/workspace-db';
import { DEFAULT_IDLE_MINUTES } from '$lib/domain/session-policy';
import type { SessionRef } from '$lib/services/actor';
import { WorkspaceSync } from './sync.svelte';

/**
 * The open workspace as the signed-in pages see it: its profile, the signed-in user and its
 * settings, all live from Dexie. Commands still go through services with `session`.
 */
export class WorkspaceView {
	readonly profile;
	readonly user;
	readonly idleMinutes;
	/** partner sync for this workspace while it is open (started by the workspace scope) */
	readonly sync;

	constructor(readonly session: SessionRef) {
		const db = workspaceDb(session.workspaceId);
		this.profile = new LiveQuery(() => db.getMeta('profile'));
		this.user = new LiveQuery(() => db.users.get(session.userId));
		this.sync = new WorkspaceSync(session.workspaceId);
		this.idleMinutes = new LiveQuery(
			async () => (await db.getMeta('idleMinutes')) ?? DEFAULT_IDLE_MINUTES
		);
	}

	get workspaceId() {
		return this.session.workspaceId;
	}

	/** The signed-in user's record once loaded (pages render only after it is). */
	get me() {
		return this.user.current;
	}
}

export const [getWorkspaceView, setWorkspaceView] = createContext<WorkspaceView>();
