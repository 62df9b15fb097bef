import {
	signedCustomerInvitationSchema,
	type SignedCustomerInvitation
} from '$lib/domain/customer-relationship';
import { signedInvitationSchema, type SignedInvitation } from '$lib/domain/partnership';
import type { WorkspaceKind } from '$lib/domain/roles';
import { rebuildPlain } from '$lib/domain/shared-records';
import type { z } from 'zod';

/**
 * The invitation opened in this tab, kept while the user picks a workspace, signs in (or creates
 * one) and reaches the page that answers it: a provider's invitation (a reseller's **Authorize
 * indirect provider**) or a reseller's relationship request (a customer's **Accept**). Each holds
 * a channel key, so it lives in sessionStorage only: it survives a reload, ends with the tab, and
 * is cleared once answered. What is read back is checked again (a tampered entry is dropped); the
 * signature and dates are checked by the pages before anything is shown as valid.
 */
const INVITATION_KEY = 'tierlink.pendingInvitation';
const CUSTOMER_INVITATION_KEY = 'tierlink.pendingCustomerInvitation';

/**
 * "Continue to the page that answers the invitation after signing in to (or creating) a
 * workspace": set by the invitation page when the user picks a workspace, read once by sign-in
 * and by Create workspace. A marker, not a URL, so nothing can redirect anywhere else.
 */
const CONTINUE_KEY = 'tierlink.continueToAuthorize';
/** A marker older than this is ignored: the user has moved on. */
const CONTINUE_MAX_AGE_MS = 60 * 60 * 1000;

/** Which invitation a marker continues to: a provider's (reseller) or a reseller's (customer). */
export type PendingInvitationKind = 'provider' | 'customer';

/** The page that answers each kind, and the workspace kind that may answer it. */
const answeredBy = {
	provider: { page: 'authorize', workspace: 'reseller' },
	customer: { page: 'accept', workspace: 'customer' }
} as const satisfies Record<PendingInvitationKind, { page: string; workspace: WorkspaceKind }>;

export type ContinuePage = (typeof answeredBy)[PendingInvitationKind]['page'];

export function savePendingInvitation(invitation: SignedInvitation): void {
	write(INVITATION_KEY, JSON.stringify(invitation));
}

/** The pending provider's invitation if one is stored and still well-formed; else dropped. */
export function loadPendingInvitation(): SignedInvitation | null {
	return load(INVITATION_KEY, signedInvitationSchema);
}

export function savePendingCustomerInvitation(invitation: SignedCustomerInvitation): void {
	write(CUSTOMER_INVITATION_KEY, JSON.stringify(invitation));
}

/** The pending reseller's request if one is stored and still well-formed; else dropped. */
export function loadPendingCustomerInvitation(): SignedCustomerInvitation | null {
	return load(CUSTOMER_INVITATION_KEY, signedCustomerInvitationSchema);
}

/** Forgets both invitations (and any wish to continue to one). */
export function clearPendingInvitation(): void {
	remove(INVITATION_KEY);
	remove(CUSTOMER_INVITATION_KEY);
	remove(CONTINUE_KEY);
}

/**
 * After signing in to `workspaceId` — or, with `null`, after creating a workspace — continue to
 * the Authorize page of that workspace (`kind` 'provider', a reseller workspace) or to its Accept
 * page (`kind` 'customer', a customer workspace).
 */
export function continueToAuthorizeAfter(
	workspaceId: string | null,
	now = Date.now(),
	kind: PendingInvitationKind = 'provider'
): void {
	write(CONTINUE_KEY, JSON.stringify({ workspaceId, at: now, kind }));
}

/** `continueToAuthorizeAfter` for a reseller's request: continue to the Accept page. */
export function continueToAcceptAfter(workspaceId: string | null, now = Date.now()): void {
	continueToAuthorizeAfter(workspaceId, now, 'customer');
}

/**
 * Whether signing in to (or having just created) `workspaceId` should continue to the page that
 * answers an invitation: asked for recently, for this workspace or any new one, with the
 * invitation it was asked for (of either kind) still pending. Answers true once; the marker is
 * removed whenever it is found.
 */
export function takeContinueToAuthorize(workspaceId: string, now = Date.now()): boolean {
	const marker = readMarker();
	if (marker === null) return false;
	remove(CONTINUE_KEY);
	return continues(marker, workspaceId, now);
}

/**
 * Where signing in to (or having just created) `workspaceId` of kind `workspaceKind` continues:
 * 'authorize' (a reseller, a provider's invitation pending), 'accept' (a customer, a reseller's
 * request pending), or null. A marker meant for the other kind of workspace is left for it.
 */
export function takeContinuation(
	workspaceId: string,
	workspaceKind: WorkspaceKind | undefined,
	now = Date.now()
): ContinuePage | null {
	const marker = readMarker();
	if (marker === null) return null;
	const kind = markerKind(marker);
	if (kind === null) {
		remove(CONTINUE_KEY);
		return null;
	}
	if (answeredBy[kind].workspace !== workspaceKind) return null;
	remove(CONTINUE_KEY);
	return continues(marker, workspaceId, now) ? answeredBy[kind].page : null;
}

/**
 * The kind of invitation a fresh marker continues to, without using it up: Create workspace
 * offers the matching kind of workspace first.
 */
export function pendingContinuation(now = Date.now()): PendingInvitationKind | null {
	const marker = readMarker();
	if (marker === null || !fresh(marker, now)) return null;
	const kind = markerKind(marker);
	return kind && pendingOf(kind) ? kind : null;
}

type Marker = { workspaceId?: unknown; at?: unknown; kind?: unknown };

function readMarker(): Marker | null {
	const text = read(CONTINUE_KEY);
	if (text === null) return null;
	try {
		const marker: unknown = JSON.parse(text);
		if (marker && typeof marker === 'object') return marker as Marker;
	} catch {
		// damaged: treated as no wish at all
	}
	return {};
}

/** A marker written before customer requests existed has no kind: a provider's invitation. */
function markerKind(marker: Marker): PendingInvitationKind | null {
	if (marker.kind === undefined || marker.kind === 'provider') return 'provider';
	return marker.kind === 'customer' ? 'customer' : null;
}

function fresh(marker: Marker, now: number): boolean {
	const { at } = marker;
	return typeof at === 'number' && now - at >= 0 && now - at <= CONTINUE_MAX_AGE_MS;
}

function continues(marker: Marker, workspaceId: string, now: number): boolean {
	const kind = markerKind(marker);
	const matches = marker.workspaceId === null || marker.workspaceId === workspaceId;
	return kind !== null && fresh(marker, now) && matches && pendingOf(kind);
}

function pendingOf(kind: PendingInvitationKind): boolean {
	return kind === 'provider'
		? loadPendingInvitation() !== null
		: loadPendingCustomerInvitation() !== null;
}

function load<S extends z.ZodType>(key: string, schema: S): z.output<S> | null {
	const text = read(key);
	if (text === null) return null;
	try {
		const rebuilt = rebuildPlain(JSON.parse(text));
		const parsed = rebuilt.ok ? schema.safeParse(rebuilt.value) : null;
		if (parsed?.success) return parsed.data;
	} catch {
		// not JSON: dropped below
	}
	remove(key);
	return null;
}

function write(key: string, value: string): void {
	try {
		sessionStorage.setItem(key, value);
	} catch {
		// Storage blocked: the invitation (or the wish) lasts as long as the page.
	}
}

function read(key: string): string | null {
	try {
		return sessionStorage.getItem(key);
	} catch {
		return null;
	}
}

function remove(key: string): void {
	try {
		sessionStorage.removeItem(key);
	} catch {
		// Storage blocked: nothing was stored either.
	}
}
