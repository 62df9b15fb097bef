import type { WorkspaceDB } from '$lib/db/workspace-db';
import { nextRenewalAt, renewDueSubscriptions } from './subscriptions';

/**
 * Renewals on a schedule: while a provider's workspace is open, every own subscription renews
 * (or expires) when its term ends, not only when someone opens the customer's Services. Runs
 * once at start (terms that ended while the app was closed), then wakes at the next term end,
 * and at least every hour (a laptop that slept, a clock that moved, a subscription ordered
 * in another tab).
 */

/** The longest the schedule sleeps between two looks. */
export const RENEWAL_CHECK_MS = 60 * 60 * 1000;

export interface RenewalClock {
	now(): number;
	setTimeout(run: () => void, ms: number): unknown;
	clearTimeout(handle: unknown): void;
}

const realClock: RenewalClock = {
	now: () => Date.now(),
	setTimeout: (run, ms) => setTimeout(run, ms),
	clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>)
};

export interface RenewalSchedule {
	/** Resolves when the current look (renew, then plan the next) is done. */
	readonly settled: Promise<void>;
	stop(): void;
}

/** Starts the schedule for one open workspace; `stop()` when it closes. */
export function scheduleRenewals(
	db: WorkspaceDB,
	clock: RenewalClock = realClock
): RenewalSchedule {
	let stopped = false;
	let timer: unknown = null;
	let settled = Promise.resolve();

	async function look(): Promise<void> {
		timer = null;
		if (stopped) return;
		try {
			const now = clock.now();
			await renewDueSubscriptions(db, now);
			const next = await nextRenewalAt(db, now);
			if (stopped) return;
			const wait = next === null ? RENEWAL_CHECK_MS : Math.max(next - clock.now(), 0) + 1;
			timer = clock.setTimeout(wake, Math.min(wait, RENEWAL_CHECK_MS));
		} catch (error) {
			// The next look tries again; the error's name only (never a record in a log).
			console.warn('Tierlink renewals', (error as Error)?.name ?? 'error');
			if (!stopped) timer = clock.setTimeout(wake, RENEWAL_CHECK_MS);
		}
	}

	function wake(): void {
		settled = look();
	}

	wake();
	return {
		get settled() {
			return settled;
		},
		stop() {
			stopped = true;
			if (timer !== null) clock.clearTimeout(timer);
			timer = null;
		}
	};
}
