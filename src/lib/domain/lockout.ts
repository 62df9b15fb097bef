/**
 * Sign-in throttling. After 5 failures in a row, sign-in is refused for 30 s; every further failure
 * in the same run doubles the wait (60 s, 2 min, …, at most a day). A success resets it. The state
 * is stored, so a reload does not reset the clock.
 */
export const FAILURES_BEFORE_LOCK = 5;
export const FIRST_LOCK_MS = 30_000;
export const MAX_LOCK_MS = 24 * 60 * 60 * 1000;

export interface LockoutState {
	failuresInARow: number;
	lockedUntil: number;
}

export const initialLockout: LockoutState = { failuresInARow: 0, lockedUntil: 0 };

/** Milliseconds until sign-in is allowed again (0 when allowed). */
export function lockRemaining(state: LockoutState, now: number): number {
	return Math.max(0, state.lockedUntil - now);
}

export function lockDuration(failuresInARow: number): number {
	if (failuresInARow < FAILURES_BEFORE_LOCK) return 0;
	const doublings = failuresInARow - FAILURES_BEFORE_LOCK;
	return Math.min(MAX_LOCK_MS, FIRST_LOCK_MS * 2 ** Math.min(doublings, 32));
}

export function afterFailure(state: LockoutState, now: number): LockoutState {
	const failuresInARow = state.failuresInARow + 1;
	const wait = lockDuration(failuresInARow);
	return { failuresInARow, lockedUntil: wait > 0 ? now + wait : 0 };
}

export function afterSuccess(): LockoutState {
	return { ...initialLockout };
}
