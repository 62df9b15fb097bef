import { signedInvitationSchema, type SignedInvitation } from '$lib/domain/partnership';
import { rebuildPlain } from '$lib/domain/shared-records';

/**
 * The provider's invitation the reseller opened, kept while they pick a workspace, sign in (or
 * create one) and reach **Authorize indirect provider**. It holds the channel key, so it lives in
 * sessionStorage only: it survives a reload, ends with the tab, and is cleared once authorized.
 * What is read back is checked again (a tampered entry is dropped); the signature and dates are
 * checked by the pages before anything is shown as valid.
 */
const INVITATION_KEY = 'tierlink.pendingInvitation';

/**
 * "Continue to the Authorize page after signing in to (or creating) a workspace": set by the
 * invitation page when the user picks a workspace, read once by sign-in and by Create workspace.
 * A marker, not a URL, so nothing can redirect anywhere else.
 */
const CONTINUE_KEY = 'tierlink.continueToAuthorize';
/** A marker older than this is ignored: the user has moved on. */
const CONTINUE_MAX_AGE_MS = 60 * 60 * 1000;

export function savePendingInvitation(invitation: SignedInvitation): void {
	try {
		sessionStorage.setItem(INVITATION_KEY, JSON.stringify(invitation));
	} catch {
		// Storage blocked: the invitation lasts as long as the page.
	}
}

/** The pending invitation if one is stored and still well-formed; anything else is dropped. */
export function loadPendingInvitation(): SignedInvitation | null {
	const text = read(INVITATION_KEY);
	if (text === null) return null;
	try {
		const rebuilt = rebuildPlain(JSON.parse(text));
		const parsed = rebuilt.ok ? signedInvitationSchema.safeParse(rebuilt.value) : null;
		if (parsed?.success) return parsed.data;
	} catch {
		// not JSON: dropped below
	}
	remove(INVITATION_KEY);
	return null;
}

/** Forgets the invitation (and any wish to continue to it). */
export function clearPendingInvitation(): void {
	remove(INVITATION_KEY);
	remove(CONTINUE_KEY);
}

/**
 * After signing in to `workspaceId` — or, with `null`, after creating a workspace — continue to
 * the Authorize page of that workspace.
 */
export function continueToAuthorizeAfter(workspaceId: string | null, now = Date.now()): void {
	try {
		sessionStorage.setItem(CONTINUE_KEY, JSON.stringify({ workspaceId, at: now }));
	} catch {
		// Storage blocked: the user lands on the dashboard and opens the link again.
	}
}

/**
 * Whether signing in to (or having just created) `workspaceId` should continue to the Authorize
 * page: asked for recently, for this workspace or any new one, with an invitation still pending.
 * Answers true once; the marker is removed whenever it is found.
 */
export function takeContinueToAuthorize(workspaceId: string, now = Date.now()): boolean {
	const text = read(CONTINUE_KEY);
	if (text === null) return false;
	remove(CONTINUE_KEY);
	let marker: unknown;
	try {
		marker = JSON.parse(text);
	} catch {
		return false;
	}
	if (!marker || typeof marker !== 'object') return false;
	const { workspaceId: wanted, at } = marker as { workspaceId?: unknown; at?: unknown };
	const fresh = typeof at === 'number' && now - at >= 0 && now - at <= CONTINUE_MAX_AGE_MS;
	const matches = wanted === null || wanted === workspaceId;
	return fresh && matches && loadPendingInvitation() !== null;
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
