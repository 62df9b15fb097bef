import { describe, expect, it } from 'vitest';
import {
	afterFailure,
	afterSuccess,
	FIRST_LOCK_MS,
	initialLockout,
	lockDuration,
	lockRemaining,
	MAX_LOCK_MS,
	type LockoutState
} from './lockout';

const T0 = 1_700_000_000_000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The state after `count` failures, each at time T0. */
function failTimes(count: number, now = T0): LockoutState {
	let state: LockoutState = initialLockout;
	for (let i = 0; i < count; i++) state = afterFailure(state, now);
	return state;
}

describe('lockout clock', () => {
	it('locks for 30 s first and at most a day', () => {
		expect(FIRST_LOCK_MS).toBe(30_000);
		expect(MAX_LOCK_MS).toBe(DAY_MS);
	});

	it.each([
		[1, 0],
		[2, 0],
		[3, 0],
		[4, 0],
		[5, 30_000],
		[6, 60_000],
		[7, 120_000],
		[8, 240_000],
		[10, 960_000],
		[15, 30_720_000],
		[16, 61_440_000],
		[17, DAY_MS],
		[40, DAY_MS],
		[1000, DAY_MS]
	])('after %i failures in a row, locks for %i ms', (failures, wait) => {
		expect(lockDuration(failures)).toBe(wait);
		const state = failTimes(failures);
		expect(state.failuresInARow).toBe(failures);
		expect(lockRemaining(state, T0)).toBe(wait);
	});

	it('does not lock before the fifth failure', () => {
		expect(failTimes(4)).toEqual({ failuresInARow: 4, lockedUntil: 0 });
	});

	it('sets lockedUntil from the time of the failure', () => {
		const fourFailures = failTimes(4, T0);
		expect(afterFailure(fourFailures, T0 + 5_000)).toEqual({
			failuresInARow: 5,
			lockedUntil: T0 + 5_000 + 30_000
		});
	});

	it('counts the remaining wait down to zero, never below', () => {
		const state = failTimes(5);
		expect(lockRemaining(state, T0 + 1)).toBe(29_999);
		expect(lockRemaining(state, T0 + 29_999)).toBe(1);
		expect(lockRemaining(state, T0 + 30_000)).toBe(0);
		expect(lockRemaining(state, T0 + 90_000)).toBe(0);
		expect(lockRemaining(initialLockout, T0)).toBe(0);
	});

	it('resets on success, and the count starts again from zero', () => {
		const locked = failTimes(7);
		expect(lockRemaining(locked, T0)).toBeGreaterThan(0);
		const reset = afterSuccess();
		expect(reset).toEqual({ failuresInARow: 0, lockedUntil: 0 });
		expect(afterFailure(reset, T0)).toEqual({ failuresInARow: 1, lockedUntil: 0 });
	});

	it('returns a fresh object from afterSuccess, never the shared initial state', () => {
		const reset = afterSuccess();
		expect(reset).not.toBe(initialLockout);
		reset.failuresInARow = 99;
		expect(initialLockout.failuresInARow).toBe(0);
	});
});
