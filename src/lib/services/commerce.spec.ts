import { beforeEach, describe, expect, it } from 'vitest';
import { sharedCustomerKey } from '$lib/domain/customers';
import { DomainError, PermissionError } from '$lib/domain/errors';
import { DAY_MS } from '$lib/domain/subscriptions';
import { putOwnRecords } from '$lib/sync/feed';
import { announceFeedChange } from '$lib/sync/feed-signal';
import { acceptedCustomer } from '$lib/test/customers';
import { insertTestUser } from '$lib/test/factories';
import { resetDatabases } from '$lib/test/indexeddb';
import { enginesStoppedAfterEach, eventually as eventuallyWith, session } from '$lib/test/partners';
import { decideChangeRequest, requestSubscriptionChange } from './change-requests';
import { shareCustomer } from './customer-relationships';
import { placeOrder } from './orders';
import { changeOwnSubscription } from './subscriptions';

/**
 * Orders to licences across three workspaces with their real sync engines (same-browser
 * transport): the provider orders for a customer the reseller shares, the reseller and the
 * customer see it, the reseller asks for a change, the provider answers.
 */

const engines = enginesStoppedAfterEach();
const eventually = (check: () => Promise<boolean>) => eventuallyWith(check, engines);

beforeEach(resetDatabases);

const BUSINESS_BASIC = 'CFQ7TTC0LH18:0001';
const PROVIDER_MPN = '4847383';
const RESELLER_MPN = '5123456';

async function orderingSetUp() {
	const parties = await acceptedCustomer(engines, {
		providerChannelId: 'combined',
		providerMpnId: PROVIDER_MPN,
		resellerMpnId: RESELLER_MPN
	});
	const { providerDb, providerChannel, tenantId, reseller } = parties;
	const customerKey = sharedCustomerKey(providerChannel.id, tenantId);
	await eventually(async () => (await providerDb.customers.get(customerKey)) !== undefined);
	const resellerMpnId = (await providerDb.channels.get(providerChannel.id))!.partner!.mpnId!;
	return { ...parties, customerKey, resellerMpnId, resellerSession: session(reseller) };
}

function businessBasic(partnerIdOnRecord: string, quantity = 5) {
	return {
		offerId: BUSINESS_BASIC,
		quantity: String(quantity),
		termDuration: 'P1Y',
		billingCycle: 'monthly',
		friendlyName: 'Contoso mail',
		partnerIdOnRecord
	};
}

describe('placeOrder', () => {
	it('creates a subscription the reseller and the customer see, with the reseller of record', async () => {
		const { provider, providerDb, resellerDb, customerDb, customerKey, resellerMpnId, tenantId } =
			await orderingSetUp();
		const { subscriptionKey } = await placeOrder(
			session(provider),
			customerKey,
			businessBasic(resellerMpnId)
		);
		const own = (await providerDb.subscriptions.get(subscriptionKey))!;
		expect(own).toMatchObject({ origin: 'own', status: 'active', customerKey });
		expect(own.record).toMatchObject({
			partnerId: resellerMpnId,
			quantity: 5,
			friendlyName: 'Contoso mail',
			autoRenewEnabled: true
		});

		await eventually(async () => (await resellerDb.subscriptions.count()) === 1);
		const resellerRow = (await resellerDb.subscriptions.get(subscriptionKey))!;
		expect(resellerRow).toMatchObject({ origin: 'partner', customerKey: tenantId });
		expect(resellerRow.record).toEqual(own.record);
		expect(await resellerDb.orders.where('customerKey').equals(tenantId).count()).toBe(1);

		await eventually(async () => (await customerDb.subscriptions.count()) === 1);
		const customerRow = (await customerDb.subscriptions.toArray())[0]!;
		expect(customerRow.customerKey).toBe('self');
		expect(customerRow.record.quantity).toBe(5);
		expect(customerRow.sellers).toMatchObject({
			provider: expect.any(String),
			reseller: expect.any(String)
		});
		expect(
			await providerDb.audit
				.where('[action+at]')
				.between(['order.placed', 0], ['order.placed', Infinity])
				.count()
		).toBe(1);
	});

	it('refuses what Partner Center refuses, writing nothing', async () => {
		const { provider, providerDb, customerKey, resellerMpnId } = await orderingSetUp();
		const providerMpnId = PROVIDER_MPN;
		expect(await providerDb.getMeta('mpnId')).toBe(PROVIDER_MPN);
		const refused = async (input: object, code: string) => {
			await expect(placeOrder(session(provider), customerKey, input)).rejects.toMatchObject({
				code
			});
		};
		await refused(businessBasic(providerMpnId), 'err_order_partner_is_provider');
		await refused(businessBasic('1234567'), 'err_order_reseller_unknown');
		await expect(
			placeOrder(session(provider), customerKey, businessBasic(resellerMpnId, 301))
		).rejects.toMatchObject({ code: 'err_order_quantity_range', params: { min: 1, max: 300 } });
		expect(await providerDb.subscriptions.count()).toBe(0);
		expect(await providerDb.orders.count()).toBe(0);
	});

	it('refuses 20002 for a customer that has no relationship with the provider', async () => {
		// A plain reseller request (no provider in it), shared afterwards: only the reseller has a
		// relationship with the customer.
		const { provider, providerDb, providerChannel, tenantId, reseller } = await acceptedCustomer(
			engines,
			{ resellerMpnId: RESELLER_MPN }
		);
		await shareCustomer(session(reseller), tenantId, providerChannel.id);
		const customerKey = sharedCustomerKey(providerChannel.id, tenantId);
		await eventually(async () => (await providerDb.customers.get(customerKey)) !== undefined);
		const mpn = (await providerDb.channels.get(providerChannel.id))!.partner!.mpnId!;
		await expect(
			placeOrder(session(provider), customerKey, businessBasic(mpn))
		).rejects.toMatchObject({ code: 'err_order_no_relationship' });
	});

	it('is the provider’s alone, and needs manage_subscriptions', async () => {
		const { provider, reseller, customerKey, resellerMpnId, tenantId } = await orderingSetUp();
		const admin = await insertTestUser(provider.workspaceId, {
			agentRole: 'none',
			adminRole: 'user_management_admin'
		});
		await expect(
			placeOrder(
				{ workspaceId: provider.workspaceId, userId: admin.id },
				customerKey,
				businessBasic(resellerMpnId)
			)
		).rejects.toBeInstanceOf(PermissionError);
		await expect(
			placeOrder(session(reseller), tenantId, businessBasic(resellerMpnId))
		).rejects.toMatchObject({ code: 'err_order_provider_only' });
	});
});

describe('changes and change requests', () => {
	it('reseller asks for a new quantity, provider accepts: all three see it', async () => {
		const {
			provider,
			providerDb,
			resellerDb,
			customerDb,
			customerKey,
			resellerMpnId,
			resellerSession: reseller
		} = await orderingSetUp();
		const { subscriptionKey } = await placeOrder(
			session(provider),
			customerKey,
			businessBasic(resellerMpnId)
		);
		await eventually(
			async () => (await resellerDb.subscriptions.get(subscriptionKey)) !== undefined
		);

		// The reseller cannot change the subscription itself.
		await expect(
			changeOwnSubscription(reseller, subscriptionKey, { kind: 'quantity', quantity: 7 })
		).rejects.toMatchObject({ code: 'err_subscription_provider_only' });

		const requestKey = await requestSubscriptionChange(reseller, subscriptionKey, {
			kind: 'quantity',
			quantity: '7',
			note: 'Two new hires'
		});
		// One pending request per subscription.
		await expect(
			requestSubscriptionChange(reseller, subscriptionKey, { kind: 'cancel', note: '' })
		).rejects.toMatchObject({ code: 'err_change_request_pending' });
		await eventually(
			async () => (await providerDb.changeRequests.get(requestKey))?.state === 'pending'
		);

		await decideChangeRequest(session(provider), requestKey, { decision: 'accepted', reason: '' });
		expect((await providerDb.subscriptions.get(subscriptionKey))!.record.quantity).toBe(7);
		await expect(
			decideChangeRequest(session(provider), requestKey, { decision: 'declined', reason: '' })
		).rejects.toMatchObject({ code: 'err_change_request_decided' });

		await eventually(
			async () => (await resellerDb.subscriptions.get(subscriptionKey))?.record.quantity === 7
		);
		await eventually(
			async () => (await resellerDb.changeRequests.get(requestKey))?.state === 'accepted'
		);
		await eventually(
			async () => (await customerDb.subscriptions.toArray())[0]?.record.quantity === 7
		);
		const history = (await providerDb.subscriptions.get(subscriptionKey))!.record.history;
		expect(history.at(-1)).toMatchObject({ action: 'quantity_changed', from: 5, to: 7 });
	});

	it('declines with a reason, and refuses requests the provider could not grant', async () => {
		const {
			provider,
			providerDb,
			resellerDb,
			customerKey,
			resellerMpnId,
			resellerSession: reseller
		} = await orderingSetUp();
		const purchased = Date.now();
		const { subscriptionKey } = await placeOrder(
			session(provider),
			customerKey,
			businessBasic(resellerMpnId),
			purchased
		);
		await eventually(
			async () => (await resellerDb.subscriptions.get(subscriptionKey)) !== undefined
		);
		await expect(
			requestSubscriptionChange(reseller, subscriptionKey, {
				kind: 'quantity',
				quantity: '400',
				note: ''
			})
		).rejects.toMatchObject({ code: 'err_order_quantity_range' });
		// Eight days after purchase the cancellation window has closed.
		await expect(
			requestSubscriptionChange(
				reseller,
				subscriptionKey,
				{ kind: 'cancel', note: '' },
				purchased + 8 * DAY_MS
			)
		).rejects.toMatchObject({ code: 'err_subscription_cancel_window' });

		const requestKey = await requestSubscriptionChange(reseller, subscriptionKey, {
			kind: 'cancel',
			note: 'Closing the office'
		});
		await eventually(async () => (await providerDb.changeRequests.get(requestKey)) !== undefined);
		await decideChangeRequest(session(provider), requestKey, {
			decision: 'declined',
			reason: 'Call us first'
		});
		await eventually(async () => {
			const row = await resellerDb.changeRequests.get(requestKey);
			return row?.state === 'declined' && row.decision?.reason === 'Call us first';
		});
		expect((await providerDb.subscriptions.get(subscriptionKey))!.status).toBe('active');
	});

	it('suspends and reactivates; the reseller sees each state', async () => {
		const { provider, resellerDb, customerKey, resellerMpnId } = await orderingSetUp();
		const { subscriptionKey } = await placeOrder(
			session(provider),
			customerKey,
			businessBasic(resellerMpnId)
		);
		await changeOwnSubscription(session(provider), subscriptionKey, {
			kind: 'suspend',
			reason: 'Unpaid invoice'
		});
		await eventually(
			async () => (await resellerDb.subscriptions.get(subscriptionKey))?.status === 'suspended'
		);
		await expect(
			changeOwnSubscription(session(provider), subscriptionKey, { kind: 'quantity', quantity: 6 })
		).rejects.toBeInstanceOf(DomainError);
		await changeOwnSubscription(session(provider), subscriptionKey, { kind: 'reactivate' });
		await eventually(
			async () => (await resellerDb.subscriptions.get(subscriptionKey))?.status === 'active'
		);
	});
});

describe('a forged order', () => {
	it('written by a reseller into its own feed is quarantined on both sides and shown nowhere', async () => {
		const {
			providerDb,
			resellerDb,
			customerDb,
			providerChannel,
			reseller,
			tenantId,
			resellerMpnId
		} = await orderingSetUp();
		const now = Date.now();
		const id = 'f'.repeat(32);
		const forged = {
			id,
			customerId: tenantId,
			offerId: BUSINESS_BASIC,
			offerName: 'Microsoft 365 Business Basic',
			productId: 'CFQ7TTC0LH18',
			friendlyName: 'Free seats',
			quantity: 300,
			unitType: 'Licenses',
			status: 'active',
			autoRenewEnabled: true,
			billingType: 'license',
			billingCycle: 'monthly',
			termDuration: 'P1Y',
			creationDate: now,
			effectiveStartDate: now,
			commitmentEndDate: now + 365 * DAY_MS,
			partnerId: resellerMpnId,
			orderId: id,
			isTrial: false,
			history: [],
			updatedAt: now
		};
		await resellerDb.transaction('rw', [resellerDb.feedUpdates, resellerDb.sharedRecords], () =>
			putOwnRecords(resellerDb, providerChannel.id, [
				{ collection: 'subscriptions', id, value: forged }
			])
		);
		announceFeedChange(reseller.workspaceId, providerChannel.id);
		const quarantined = (db: typeof providerDb) =>
			db.quarantine
				.where('channelId')
				.equals(providerChannel.id)
				.filter((row) => row.collection === 'subscriptions' && row.recordId === id)
				.first();
		await eventually(async () => (await quarantined(providerDb))?.reason === 'not_allowed_author');
		await eventually(async () => (await quarantined(resellerDb))?.reason === 'not_allowed_author');
		expect(await providerDb.subscriptions.count()).toBe(0);
		expect(await resellerDb.subscriptions.count()).toBe(0);
		expect(await customerDb.subscriptions.count()).toBe(0);
	});
});
