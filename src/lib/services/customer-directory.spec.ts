import { beforeEach, describe, expect, it } from 'vitest';
import { sharedCustomerKey } from '$lib/domain/customers';
import { putOwnRecords } from '$lib/sync/feed';
import { announceFeedChange } from '$lib/sync/feed-signal';
import { acceptedCustomer } from '$lib/test/customers';
import { resetDatabases } from '$lib/test/indexeddb';
import { enginesStoppedAfterEach, eventually as eventuallyWith, session } from '$lib/test/partners';
import { addCustomerUser, updateCustomerUser } from './customer-users';
import { assignLicense, ownLicenses, unassignLicense } from './licenses';
import { placeOrder } from './orders';

/**
 * The customer's users and licences travel from the reseller (which administers them with the
 * customer's delegated admin privileges) to the customer's own **Licenses** page, across three
 * workspaces with their real sync engines.
 */

const engines = enginesStoppedAfterEach();
const eventually = (check: () => Promise<boolean>) => eventuallyWith(check, engines);

beforeEach(resetDatabases);

const BUSINESS_BASIC = 'CFQ7TTC0LH18:0001';
const BUSINESS_BASIC_PRODUCT = 'CFQ7TTC0LH18';

async function licensedCustomer() {
	const parties = await acceptedCustomer(engines, {
		providerChannelId: 'combined',
		providerMpnId: '4847383',
		resellerMpnId: '5123456'
	});
	const { provider, providerDb, providerChannel, tenantId, reseller, resellerDb, customerDb } =
		parties;
	const customerKey = sharedCustomerKey(providerChannel.id, tenantId);
	await eventually(async () => (await providerDb.customers.get(customerKey)) !== undefined);
	await placeOrder(session(provider), customerKey, {
		offerId: BUSINESS_BASIC,
		quantity: '2',
		termDuration: 'P1Y',
		billingCycle: 'monthly',
		friendlyName: 'Mail',
		partnerIdOnRecord: '5123456'
	});
	await eventually(async () => (await customerDb.subscriptions.count()) === 1);
	const domain = (await resellerDb.customers.get(tenantId))!.domain;
	const anna = await addCustomerUser(session(reseller), tenantId, {
		firstName: 'Anna',
		lastName: 'Rossi',
		userPrincipalName: `anna@${domain}`,
		usageLocation: 'FR'
	});
	return { ...parties, anna, domain };
}

describe('the customer directory, passed on', () => {
	it('shows the customer its users and who holds its licences, live', async () => {
		const { reseller, customerDb, tenantId, anna, domain } = await licensedCustomer();
		await eventually(async () => (await ownLicenses(customerDb)).users.length === 1);
		const first = await ownLicenses(customerDb);
		expect(first.users[0]).toMatchObject({
			id: anna.id,
			displayName: 'Anna Rossi',
			userPrincipalName: `anna@${domain}`,
			usageLocation: 'FR',
			customerKey: 'self'
		});
		expect(first.products).toEqual([
			expect.objectContaining({
				productId: BUSINESS_BASIC_PRODUCT,
				total: 2,
				assigned: 0,
				available: 2,
				holderIds: []
			})
		]);

		await assignLicense(session(reseller), tenantId, anna.id, BUSINESS_BASIC_PRODUCT);
		await eventually(async () => (await ownLicenses(customerDb)).products[0]?.assigned === 1);
		expect((await ownLicenses(customerDb)).products[0]).toMatchObject({
			available: 1,
			holderIds: [anna.id]
		});

		await updateCustomerUser(session(reseller), anna.id, {
			firstName: 'Anna',
			lastName: 'Rossi',
			displayName: 'Anna R.',
			userPrincipalName: `anna@${domain}`,
			usageLocation: 'IT'
		});
		await eventually(
			async () => (await ownLicenses(customerDb)).users[0]?.displayName === 'Anna R.'
		);
		expect((await ownLicenses(customerDb)).users[0]!.usageLocation).toBe('IT');
		// Editing the user keeps the licence it holds.
		expect((await ownLicenses(customerDb)).products[0]!.holderIds).toEqual([anna.id]);

		await unassignLicense(session(reseller), tenantId, anna.id, BUSINESS_BASIC_PRODUCT);
		await eventually(async () => (await ownLicenses(customerDb)).products[0]?.assigned === 0);
		expect(await customerDb.licenseAssignments.count()).toBe(0);
	});

	it('refuses users a customer states in its own feed: they are the reseller’s to state', async () => {
		const { customer, customerDb, resellerDb, channel, anna } = await licensedCustomer();
		await eventually(async () => (await ownLicenses(customerDb)).users.length === 1);
		const forged = { ...(await customerDb.customerUsers.get(anna.id))!, displayName: 'Forged' };
		const { customerKey: _self, ...record } = forged;
		await customerDb.transaction('rw', [customerDb.feedUpdates, customerDb.sharedRecords], () =>
			putOwnRecords(customerDb, channel.id, [
				{ collection: 'customerUsers', id: anna.id, value: { ...record, licenses: [] } }
			])
		);
		announceFeedChange(customer.workspaceId, channel.id);
		await eventually(
			async () => (await resellerDb.quarantine.where('channelId').equals(channel.id).count()) > 0
		);
		const refusal = (
			await resellerDb.quarantine.where('channelId').equals(channel.id).toArray()
		)[0]!;
		expect(refusal).toMatchObject({ collection: 'customerUsers', reason: 'not_allowed_author' });
		expect((await resellerDb.customerUsers.get(anna.id))!.displayName).toBe('Anna Rossi');
	});
});
