/**
 * "This workspace's feed for that channel changed": said by a command after its transaction
 * commits, heard by the sync engine of every tab of the browser, which then seals what is new.
 */
type Listener = (workspaceId: string, channelId: string) => void;

const listeners = new Set<Listener>();
let channel: BroadcastChannel | null = null;

function broadcast(): BroadcastChannel | null {
	if (typeof BroadcastChannel === 'undefined') return null;
	if (!channel) {
		channel = new BroadcastChannel('tierlink-feeds');
		unrefIfNode(channel);
		channel.addEventListener('message', (event: MessageEvent) => {
			const data = event.data as { workspaceId?: unknown; channelId?: unknown } | null;
			if (typeof data?.workspaceId !== 'string' || typeof data.channelId !== 'string') return;
			for (const listener of listeners) listener(data.workspaceId, data.channelId);
		});
	}
	return channel;
}

export function announceFeedChange(workspaceId: string, channelId: string): void {
	for (const listener of listeners) listener(workspaceId, channelId);
	broadcast()?.postMessage({ workspaceId, channelId });
}

export function onFeedChange(listener: Listener): () => void {
	broadcast();
	listeners.add(listener);
	return () => listeners.delete(listener);
}

/** In Node (tests, benchmarks) an open channel would keep the process alive. */
export function unrefIfNode(channel: BroadcastChannel): void {
	(channel as BroadcastChannel & { unref?: () => void }).unref?.();
}
