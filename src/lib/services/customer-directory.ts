import type { WorkspaceDB } from '$lib/db/workspace-db';
import { directoryUserOf } from '$lib/domain/customer-directory';
import { putOwnRecords } from '$lib/sync/feed';
import type { CustomerUserRecord } from '$lib/db/records';

/**
 * The customer's users and their licences, shared with the customer: the reseller, which
 * administers them with the customer's delegated admin privileges, passes each change on
 * through their customer channel (`customerUsers`); the customer's **Licenses** page reads what
 * arrived (`ownLicenses` in licenses.ts). Customers without a channel (imported) learn nothing.
 */

/** Tables a pass-on writes, for the caller's transaction. */
export const directoryTables = (db: WorkspaceDB) => [
	db.channels,
	db.customerUsers,
	db.licenseAssignments,
	db.feedUpdates,
	db.sharedRecords
];

/**
 * Reseller side, inside the caller's transaction (over `directoryTables` and `customers`):
 * states the users' current records in the customer's channel. Returns the channel written to
 * (to announce after the commit), or null when the customer has no active channel.
 */
export async function passOnDirectory(
	db: WorkspaceDB,
	customer: { channelId: string | null },
	userIds: readonly string[],
	now: number
): Promise<string | null> {
	if (!customer.channelId || userIds.length === 0) return null;
	const channel = await db.channels.get(customer.channelId);
	if (channel?.kind !== 'customer' || channel.state !== 'active') return null;
	const users = (await db.customerUsers.bulkGet([...userIds])).filter(
		(user): user is CustomerUserRecord => user !== undefined
	);
	const assignments = await db.licenseAssignments
		.where('userId')
		.anyOf([...userIds])
		.toArray();
	await putOwnRecords(
		db,
		channel.id,
		users.map((user) => ({
			collection: 'customerUsers',
			id: user.id,
			value: directoryUserOf(user, assignments)
		})),
		now
	);
	return channel.id;
}
