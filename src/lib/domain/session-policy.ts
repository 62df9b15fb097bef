export const DEFAULT_IDLE_MINUTES = 30;
export const MIN_IDLE_MINUTES = 1;
export const MAX_IDLE_MINUTES = 24 * 60;

/** True once the session has seen no activity for longer than the idle limit. */
export function isIdleExpired(lastActivity: number, now: number, idleMinutes: number): boolean {
	return now - lastActivity > idleMinutes * 60_000;
}
