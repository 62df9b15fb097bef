import { z } from 'zod';
import { DomainError } from '$lib/domain/errors';
import { mpnIdSchema } from '$lib/domain/mpn';
import { parseOrThrow } from '$lib/domain/validation';
import { authorize, type SessionRef } from './actor';
import { auditEntry } from './audit';
import { withStorageErrors } from './storage';

const partnerIdInputSchema = z.object({ mpnId: mpnIdSchema });

/**
 * Account settings > **Partner ID (MPN ID)**. A provider's is signed into the invitations it
 * sends, so resellers see who invites them. A reseller's comes from its enrolment, or is stated
 * here when it was already in CSP: it goes on the cards it sends its partners and on the orders
 * its providers place (reseller of record). Returns the stored value (trimmed, full-width digits
 * folded).
 */
export async function setProviderMpnId(
	session: SessionRef,
	value: unknown,
	now = Date.now()
): Promise<string> {
	const { db, user } = await authorize(session, 'manage_workspace_settings');
	const profile = await db.getMeta('profile');
	if (!profile) throw new DomainError('err_workspace_not_found');
	if (profile.kind === 'customer') throw new DomainError('err_partners_only');
	const { mpnId } = parseOrThrow(partnerIdInputSchema, { mpnId: value });
	await withStorageErrors(() =>
		db.transaction('rw', db.meta, db.audit, async () => {
			const before = (await db.getMeta('mpnId')) ?? null;
			await db.meta.put({ key: 'mpnId', value: mpnId });
			await db.audit.add(
				auditEntry(
					user,
					'workspace.settings_changed',
					'mpnId',
					{ from: before ?? '', to: mpnId },
					now
				)
			);
		})
	);
	return mpnId;
}
