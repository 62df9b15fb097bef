import type { SignedInvitation } from '$lib/domain/partnership';

/**
 * Whether a stored invitation may stand for the address opened without its fragment (after a
 * reload, say): yes when the address names no provider, or the provider of that invitation. A
 * link whose fragment was cut off by a mail program must not show another provider's invitation.
 */
export function invitationFromQuery(invitation: SignedInvitation, search: string): boolean {
	const query = new URLSearchParams(search);
	const tenantId = invitation.payload.inviter.tenantId;
	return ['partnerId', 'indirectCSPId'].every((name) => {
		const value = query.get(name);
		return value === null || value === tenantId;
	});
}
