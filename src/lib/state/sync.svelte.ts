import type { SyncEngine } from '$lib/sync/engine';
import { workspaceDb } from '$lib/db/workspace-db';
import { scheduleRenewals, type RenewalSchedule } from '$lib/services/renewal-schedule';
import { startWorkspaceSync } from '$lib/services/sync';

/**
 * The open workspace's background work in this tab: its sync engine and its renewal schedule,
 * started when a user is signed in, stopped when the workspace closes. Pages use it to restart
 * after the relay changed and to show the relay's connection status.
 */
export class WorkspaceSync {
	engine = $state<SyncEngine | null>(null);
	failed = $state(false);
	private stopped = false;
	private renewals: RenewalSchedule | null = null;

	constructor(private readonly workspaceId: string) {}

	async start(): Promise<void> {
		if (!this.stopped) this.renewals ??= scheduleRenewals(workspaceDb(this.workspaceId));
		try {
			const engine = await startWorkspaceSync(this.workspaceId);
			if (this.stopped) engine.stop();
			else this.engine = engine;
		} catch (error) {
			console.warn('Tierlink sync did not start', (error as Error)?.name ?? 'error');
			this.failed = true;
		}
	}

	/** After the relay setting changed. */
	async restart(): Promise<void> {
		await this.engine?.restart();
	}

	stop(): void {
		this.stopped = true;
		this.renewals?.stop();
		this.renewals = null;
		this.engine?.stop();
		this.engine = null;
	}
}
