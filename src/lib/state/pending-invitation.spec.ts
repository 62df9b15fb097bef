import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SignedInvitation } from '$lib/domain/partnership';
import { readInvitation, requestPartnership } from '$lib/services/partnerships';
import { createTestWorkspace } from '$lib/test/factories';
import { resetDatabases } from '$lib/test/indexeddb';
import {
	clearPendingInvitation,
	continueToAuthorizeAfter,
	loadPendingInvitation,
	savePendingInvitation,
	takeContinueToAuthorize
} from './pending-invitation';

/** sessionStorage as browsers have it, for Node. */
class MemoryStorage {
	#items = new Map<string, string>();
	getItem(key: string) {
		return this.#items.get(key) ?? null;
	}
	setItem(key: string, value: string) {
		this.#items.set(key, String(value));
	}
	removeItem(key: string) {
		this.#items.delete(key);
	}
	keys() {
		return [...this.#items.keys()];
	}
}

let storage: MemoryStorage;
let invitation: SignedInvitation;
const WORKSPACE = '6f1c4f0e-7a1b-4c55-9a43-1f2b3c4d5e6f';

beforeAll(async () => {
	await resetDatabases();
	const provider = await createTestWorkspace({ kind: 'provider', name: 'Northwind Distribution' });
	const { link } = await requestPartnership(
		{ workspaceId: provider.workspaceId, userId: provider.userId },
		{ email: 'admin@fabrikam.example' },
		'https://tierlink.example/app/'
	);
	const url = new URL(link);
	invitation = await readInvitation({ search: url.search, hash: url.hash });
});

beforeEach(() => {
	storage = new MemoryStorage();
	vi.stubGlobal('sessionStorage', storage);
});

afterEach(() => {
	vi.unstubAllGlobals();
});

describe('pending invitation', () => {
	it('is kept across reads until cleared', () => {
		expect(loadPendingInvitation()).toBeNull();
		savePendingInvitation(invitation);
		expect(loadPendingInvitation()).toEqual(invitation);
		expect(loadPendingInvitation()).toEqual(invitation);
		clearPendingInvitation();
		expect(loadPendingInvitation()).toBeNull();
		expect(storage.keys()).toEqual([]);
	});

	it.each([
		['not JSON', '{'],
		['another shape', JSON.stringify({ payload: {}, signature: 'x' })],
		['an inherited key', '{"__proto__":{"polluted":true}}'],
		['null', 'null']
	])('drops %s', (_label, text) => {
		storage.setItem('tierlink.pendingInvitation', text);
		expect(loadPendingInvitation()).toBeNull();
		expect(storage.getItem('tierlink.pendingInvitation')).toBeNull();
	});

	it('drops an entry with an extra field', () => {
		storage.setItem(
			'tierlink.pendingInvitation',
			JSON.stringify({ ...invitation, payload: { ...invitation.payload, admin: true } })
		);
		expect(loadPendingInvitation()).toBeNull();
	});

	it('lives as long as the page when storage is blocked', () => {
		vi.stubGlobal('sessionStorage', {
			getItem: () => {
				throw new Error('blocked');
			},
			setItem: () => {
				throw new Error('blocked');
			},
			removeItem: () => {
				throw new Error('blocked');
			}
		});
		expect(() => savePendingInvitation(invitation)).not.toThrow();
		expect(loadPendingInvitation()).toBeNull();
		expect(() => clearPendingInvitation()).not.toThrow();
		expect(takeContinueToAuthorize(WORKSPACE)).toBe(false);
	});
});

describe('continue to the Authorize page', () => {
	it('answers once, for the workspace that was picked', () => {
		savePendingInvitation(invitation);
		continueToAuthorizeAfter(WORKSPACE);
		expect(takeContinueToAuthorize(WORKSPACE)).toBe(true);
		expect(takeContinueToAuthorize(WORKSPACE)).toBe(false);
	});

	it('is dropped by signing in to another workspace', () => {
		savePendingInvitation(invitation);
		continueToAuthorizeAfter(WORKSPACE);
		expect(takeContinueToAuthorize(crypto.randomUUID())).toBe(false);
		expect(takeContinueToAuthorize(WORKSPACE)).toBe(false);
	});

	it('applies to any workspace after Create workspace', () => {
		savePendingInvitation(invitation);
		continueToAuthorizeAfter(null);
		expect(takeContinueToAuthorize(crypto.randomUUID())).toBe(true);
	});

	it('needs an invitation still pending', () => {
		continueToAuthorizeAfter(WORKSPACE);
		expect(takeContinueToAuthorize(WORKSPACE)).toBe(false);
		savePendingInvitation(invitation);
		continueToAuthorizeAfter(WORKSPACE);
		clearPendingInvitation();
		expect(takeContinueToAuthorize(WORKSPACE)).toBe(false);
	});

	it('expires after an hour', () => {
		savePendingInvitation(invitation);
		const at = Date.now();
		continueToAuthorizeAfter(WORKSPACE, at);
		expect(takeContinueToAuthorize(WORKSPACE, at + 60 * 60 * 1000 + 1)).toBe(false);
		continueToAuthorizeAfter(WORKSPACE, at);
		expect(takeContinueToAuthorize(WORKSPACE, at + 59 * 60 * 1000)).toBe(true);
	});

	it('ignores a damaged marker', () => {
		savePendingInvitation(invitation);
		for (const text of [
			'{',
			'null',
			'{"workspaceId":"x"}',
			`{"workspaceId":"${WORKSPACE}","at":"now"}`
		]) {
			storage.setItem('tierlink.continueToAuthorize', text);
			expect(takeContinueToAuthorize(WORKSPACE)).toBe(false);
			expect(storage.getItem('tierlink.continueToAuthorize')).toBeNull();
		}
	});
});
