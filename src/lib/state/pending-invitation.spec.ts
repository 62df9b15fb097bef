import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SignedCustomerInvitation } from '$lib/domain/customer-relationship';
import type { SignedInvitation } from '$lib/domain/partnership';
import {
	readCustomerInvitation,
	requestCustomerRelationship
} from '$lib/services/customer-invitations';
import { readInvitation, requestPartnership } from '$lib/services/partnerships';
import { createTestWorkspace } from '$lib/test/factories';
import { resetDatabases } from '$lib/test/indexeddb';
import { APP, enrolledReseller, linkParts, session } from '$lib/test/partners';
import {
	clearPendingInvitation,
	continueToAcceptAfter,
	continueToAuthorizeAfter,
	loadPendingCustomerInvitation,
	loadPendingInvitation,
	pendingContinuation,
	savePendingCustomerInvitation,
	savePendingInvitation,
	takeContinuation,
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
let request: SignedCustomerInvitation;
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
	const reseller = await enrolledReseller();
	const created = await requestCustomerRelationship(
		session(reseller),
		{ email: 'admin@contoso.fr', dap: true },
		APP
	);
	request = await readCustomerInvitation(linkParts(created.link));
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

describe('pending customer request', () => {
	it('is kept beside a provider invitation, each under its own key, and cleared with it', () => {
		expect(loadPendingCustomerInvitation()).toBeNull();
		savePendingCustomerInvitation(request);
		savePendingInvitation(invitation);
		expect(loadPendingCustomerInvitation()).toEqual(request);
		expect(loadPendingInvitation()).toEqual(invitation);
		expect(storage.keys().sort()).toEqual([
			'tierlink.pendingCustomerInvitation',
			'tierlink.pendingInvitation'
		]);
		clearPendingInvitation();
		expect(loadPendingCustomerInvitation()).toBeNull();
		expect(loadPendingInvitation()).toBeNull();
		expect(storage.keys()).toEqual([]);
	});

	it.each([
		['not JSON', '{'],
		['a provider invitation', () => JSON.stringify(invitation)],
		['an extra field', () => JSON.stringify({ ...request, payload: { ...request.payload, x: 1 } })],
		['an inherited key', '{"__proto__":{"polluted":true}}']
	])('drops %s', (_label, text) => {
		storage.setItem(
			'tierlink.pendingCustomerInvitation',
			typeof text === 'function' ? text() : text
		);
		expect(loadPendingCustomerInvitation()).toBeNull();
		expect(storage.getItem('tierlink.pendingCustomerInvitation')).toBeNull();
	});

	it('continues a customer workspace to Accept, and a reseller workspace to Authorize', () => {
		savePendingCustomerInvitation(request);
		continueToAcceptAfter(WORKSPACE);
		expect(pendingContinuation()).toBe('customer');
		// Signing in to a reseller workspace meanwhile leaves the wish for the customer's.
		expect(takeContinuation(WORKSPACE, 'reseller')).toBeNull();
		expect(takeContinuation(WORKSPACE, 'customer')).toBe('accept');
		expect(takeContinuation(WORKSPACE, 'customer')).toBeNull();
		expect(pendingContinuation()).toBeNull();

		savePendingInvitation(invitation);
		continueToAuthorizeAfter(null);
		expect(pendingContinuation()).toBe('provider');
		expect(takeContinuation(WORKSPACE, 'customer')).toBeNull();
		expect(takeContinuation(WORKSPACE, 'provider')).toBeNull();
		expect(takeContinuation(WORKSPACE, 'reseller')).toBe('authorize');
	});

	it('needs the request it was asked for still pending', () => {
		savePendingInvitation(invitation);
		continueToAcceptAfter(null);
		expect(pendingContinuation()).toBeNull();
		expect(takeContinuation(WORKSPACE, 'customer')).toBeNull();

		savePendingCustomerInvitation(request);
		continueToAcceptAfter(WORKSPACE);
		expect(takeContinuation(crypto.randomUUID(), 'customer')).toBeNull();
		expect(takeContinuation(WORKSPACE, 'customer')).toBeNull();
	});

	it('answers takeContinueToAuthorize for either kind', () => {
		savePendingCustomerInvitation(request);
		continueToAcceptAfter(WORKSPACE);
		expect(takeContinueToAuthorize(WORKSPACE)).toBe(true);
		expect(takeContinueToAuthorize(WORKSPACE)).toBe(false);
		const at = Date.now();
		continueToAcceptAfter(WORKSPACE, at);
		expect(pendingContinuation(at + 60 * 60 * 1000 + 1)).toBeNull();
		expect(takeContinueToAuthorize(WORKSPACE, at + 60 * 60 * 1000 + 1)).toBe(false);
	});

	it('ignores a marker of an unknown kind', () => {
		savePendingCustomerInvitation(request);
		storage.setItem(
			'tierlink.continueToAuthorize',
			JSON.stringify({ workspaceId: WORKSPACE, at: Date.now(), kind: 'admin' })
		);
		expect(pendingContinuation()).toBeNull();
		expect(takeContinuation(WORKSPACE, 'customer')).toBeNull();
		expect(storage.getItem('tierlink.continueToAuthorize')).toBeNull();
	});
});
