import type { SyncEngine } from '$lib/sync/engine';
import { startWorkspaceSync } from '$lib/services/sync';

/**
 * The open workspace's sync engine in this tab: started when a user is signed in, stopped when
 * the workspace closes. Pages use it to restart after the relay changed and to show the relay's
 * connection status.
 */
export class WorkspaceSync {
	engine = $state<SyncEngine | null>(null);
	failed = $state(false);
	private stopped = false;

	constructor(private readonly workspaceId: string) {}

	async start(): Promise<void> {
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
		this.engine?.stop();
		this.engine = null;
	}
}
