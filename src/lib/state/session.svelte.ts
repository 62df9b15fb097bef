import type { SessionRef } from '$lib/services/actor';

const STORAGE_KEY = 'tierlink.sessions';

export interface StoredSession extends SessionRef {
	startedAt: number;
	lastActivity: number;
}

/**
 * Who is signed in to which workspace, in this tab. Kept in sessionStorage: it survives a reload
 * and ends when the tab closes. It holds ids and times, never a password or key; the services
 * re-check the user on every command, so a stale entry cannot do anything a signed-out user can't.
 */
class SessionState {
	#sessions = $state<Record<string, StoredSession>>({});

	constructor() {
		this.#sessions = read();
	}

	for(workspaceId: string): StoredSession | undefined {
		return this.#sessions[workspaceId];
	}

	start(ref: SessionRef, now = Date.now()) {
		this.#sessions = {
			...this.#sessions,
			[ref.workspaceId]: { ...ref, startedAt: now, lastActivity: now }
		};
		write(this.#sessions);
	}

	touch(workspaceId: string, now = Date.now()) {
		const session = this.#sessions[workspaceId];
		if (!session) return;
		session.lastActivity = now;
		write(this.#sessions);
	}

	end(workspaceId: string) {
		const { [workspaceId]: _ended, ...rest } = this.#sessions;
		this.#sessions = rest;
		write(rest);
	}

	reset() {
		this.#sessions = {};
		write({});
	}
}

function read(): Record<string, StoredSession> {
	try {
		const parsed: unknown = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? '{}');
		return parsed && typeof parsed === 'object' ? (parsed as Record<string, StoredSession>) : {};
	} catch {
		return {};
	}
}

function write(sessions: Record<string, StoredSession>) {
	try {
		sessionStorage.setItem(STORAGE_KEY, JSON.stringify(sessions));
	} catch {
		// Storage blocked: the session lasts as long as the page.
	}
}

export const sessions = new SessionState();
