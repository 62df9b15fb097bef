/**
 * A promise chain: each step starts when the previous one settled, whatever its outcome. What
 * the sync layer uses to apply envelopes in order without ever stalling on a failure.
 */
export function serialise(): <T>(step: () => Promise<T>) => Promise<T> {
	let tail: Promise<unknown> = Promise.resolve();
	return <T>(step: () => Promise<T>) => {
		const next = tail.then(step, step);
		tail = next.catch(() => undefined);
		return next;
	};
}
