import { beforeEach, describe, expect, it } from 'vitest';
import { workspaceDb, type WorkspaceDB } from '$lib/db/workspace-db';
import { sharedCustomerKey } from '$lib/domain/customers';
import { DomainError, PermissionError, ValidationError } from '$lib/domain/errors';
import { insertTestUser } from '$lib/test/factories';
import { resetDatabases } from '$lib/test/indexeddb';
import {
	acceptedCustomer,
	createTestCustomer,
	testCustomerAccount as account,
	type AcceptedCustomerOptions
} from '$lib/test/customers';
import {
	activePartners,
	APP,
	enginesStoppedAfterEach,
	eventually as eventuallyWith,
	linkParts,
	session
} from '$lib/test/partners';
import {
	acceptCustomerInvitation,
	cancelCustomerRequest,
	customerAcceptanceProblem,
	readCustomerInvitation,
	requestCustomerRelationship
} from './customer-invitations';
import {
	endPartnerRelationship,
	removeCustomerRelationship,
	removePartnerRoles,
	shareCustomer,
	unshareCustomer
} from './customer-relationships';

/**
 * Reseller ↔ customer relationships end to end in one process: three workspaces with their real
 * sync engines on one mailbox hub (the same-browser transport).
 */

const engines = enginesStoppedAfterEach();
const eventually = (check: () => Promise<boolean>) => eventuallyWith(check, engines);

beforeEach(resetDatabases);

async function customerOf(db: WorkspaceDB, tenantId: string) {
	return db.customers.get(tenantId);
}

const acceptedRequest = (options: AcceptedCustomerOptions = {}) =>
	acceptedCustomer(engines, options);

describe('requestCustomerRelationship', () => {
	it('builds a Partner Center link with the request signed in the fragment', async () => {
		const { reseller } = await activePartners(engines);
		const { link, invitation } = await requestCustomerRelationship(
			session(reseller),
			{ email: 'admin@contoso.fr', dap: true },
			APP
		);
		const url = new URL(link);
		expect(url.pathname).toBe('/app/invite');
		expect(url.searchParams.get('invType')).toBe('ResellerRelationship');
		expect(url.searchParams.get('msppId')).toBe('0');
		expect(url.searchParams.get('DAP')).toBe('true');
		expect(url.search).not.toContain('inv=');
		expect(invitation).toMatchObject({
			invType: 'ResellerRelationship',
			status: 'pending',
			dap: true
		});
		const signed = await readCustomerInvitation(linkParts(link));
		expect(signed.payload.dap).toBe(true);
		expect(signed.payload.provider).toBeNull();
	});

	it('refuses a link whose DAP query was changed, or a combined link without its provider', async () => {
		const { reseller } = await activePartners(engines);
		const { link } = await requestCustomerRelationship(
			session(reseller),
			{ email: 'admin@contoso.fr', dap: false },
			APP
		);
		const parts = linkParts(link);
		await expect(
			readCustomerInvitation({ ...parts, search: parts.search.replace('DAP=false', 'DAP=true') })
		).rejects.toMatchObject({ code: 'err_invitation_invalid' });
		await expect(
			readCustomerInvitation({
				...parts,
				search: parts.search.replace('ResellerRelationship', 'IndirectResellerRelationship')
			})
		).rejects.toMatchObject({ code: 'err_invitation_invalid' });
	});

	it('asks for request_delegated_admin to include admin privileges, and refuses providers', async () => {
		const { reseller, provider } = await activePartners(engines);
		const sales = await insertTestUser(reseller.workspaceId, {
			agentRole: 'sales_agent',
			adminRole: 'none'
		});
		await expect(
			requestCustomerRelationship(
				{ workspaceId: reseller.workspaceId, userId: sales.id },
				{ email: 'admin@contoso.fr', dap: true },
				APP
			)
		).rejects.toBeInstanceOf(PermissionError);
		await expect(
			requestCustomerRelationship(
				{ workspaceId: reseller.workspaceId, userId: sales.id },
				{ email: 'admin@contoso.fr', dap: false },
				APP
			)
		).resolves.toMatchObject({ invitation: { dap: false } });
		await expect(
			requestCustomerRelationship(session(provider), { email: 'admin@contoso.fr' }, APP)
		).rejects.toMatchObject({ code: 'err_customer_request_reseller_only' });
	});

	it('can be cancelled: the channel stops and the customer can no longer answer it', async () => {
		const { reseller, resellerDb } = await activePartners(engines);
		const { invitation } = await requestCustomerRelationship(
			session(reseller),
			{ email: 'admin@contoso.fr' },
			APP
		);
		await cancelCustomerRequest(session(reseller), invitation.id);
		expect((await resellerDb.invitations.get(invitation.id))?.status).toBe('cancelled');
		expect((await resellerDb.channels.get(invitation.channelId))?.state).toBe('cancelled');
		await expect(cancelCustomerRequest(session(reseller), invitation.id)).rejects.toBeInstanceOf(
			DomainError
		);
	});
});

describe('acceptCustomerInvitation', () => {
	it('puts the customer on the reseller’s Customers page with its account and DAP', async () => {
		const { resellerDb, tenantId, channel, customerDb } = await acceptedRequest({ dap: true });
		const row = (await customerOf(resellerDb, tenantId))!;
		expect(row).toMatchObject({
			companyName: 'Contoso Café',
			country: 'FR',
			relationship: 'reseller',
			delegatedAdmin: true,
			source: 'marketing',
			channelId: channel.id,
			sharedWith: []
		});
		expect(row.billingProfile).toMatchObject({ firstName: 'Léa', email: 'lea.martin@contoso.fr' });
		expect(row.companyProfile?.address).toMatchObject({ city: 'Paris', postalCode: '75002' });
		expect(row.searchTerms).toContain('cafe');
		await eventually(async () => (await customerDb.channels.get(channel.id))?.state === 'active');
	});

	it('refuses a customer of another market with both regions named, and changes nothing', async () => {
		const { reseller } = await activePartners(engines);
		const customer = await createTestCustomer('Tailspin Toys', 'US');
		const { link } = await requestCustomerRelationship(
			session(reseller),
			{ email: 'admin@tailspin.example' },
			APP
		);
		const signed = await readCustomerInvitation(linkParts(link));
		const db = workspaceDb(customer.workspaceId);
		expect(await customerAcceptanceProblem(db, signed)).toMatchObject({
			code: 'err_customer_market_mismatch',
			params: { partner: 'Fabrikam Resale', partnerRegion: 'europe', ownRegion: 'united_states' }
		});
		await expect(
			acceptCustomerInvitation(session(customer), signed, account, true)
		).rejects.toMatchObject({ code: 'err_customer_market_mismatch' });
		expect(await db.channels.count()).toBe(0);
	});

	it('refuses a reseller workspace, a reused link, and an address that breaks the country rules', async () => {
		const { reseller } = await activePartners(engines);
		const customer = await createTestCustomer();
		const { link } = await requestCustomerRelationship(
			session(reseller),
			{ email: 'admin@contoso.fr' },
			APP
		);
		const signed = await readCustomerInvitation(linkParts(link));
		await expect(
			acceptCustomerInvitation(session(reseller), signed, account, true)
		).rejects.toMatchObject({ code: 'err_customer_invitation_wrong_kind' });
		const agent = await insertTestUser(customer.workspaceId, {
			agentRole: 'admin_agent',
			adminRole: 'none'
		});
		await expect(
			acceptCustomerInvitation(
				{ workspaceId: customer.workspaceId, userId: agent.id },
				signed,
				account,
				true
			)
		).rejects.toBeInstanceOf(PermissionError);
		const bad = { ...account, address: { ...account.address, postalCode: '7500' } };
		const error = await acceptCustomerInvitation(session(customer), signed, bad, true).catch(
			(e: unknown) => e
		);
		expect(error).toBeInstanceOf(ValidationError);
		expect((error as ValidationError).fields).toEqual({
			'address.postalCode': 'err_postal_code_format'
		});
		await acceptCustomerInvitation(session(customer), signed, account, true);
		await expect(
			acceptCustomerInvitation(session(customer), signed, account, true)
		).rejects.toMatchObject({ code: 'err_invitation_used' });
	});
});

describe('combined invitation and sharing', () => {
	it('shares the customer with the provider, which lists it under the reseller', async () => {
		const { providerDb, resellerDb, tenantId, providerChannel } = await acceptedRequest({
			providerChannelId: 'first'
		});
		const row = (await customerOf(resellerDb, tenantId))!;
		expect(row).toMatchObject({
			source: 'indirect_provider',
			sharedWith: [providerChannel.id],
			providersWithRelationship: [providerChannel.id]
		});
		const key = sharedCustomerKey(providerChannel.id, tenantId);
		await eventually(async () => (await providerDb.customers.get(key)) !== undefined);
		expect(await providerDb.customers.get(key)).toMatchObject({
			companyName: 'Contoso Café',
			resellerChannelId: providerChannel.id,
			providerRelationship: true,
			delegatedAdmin: true
		});
	});

	it('unsharing removes it from the provider’s list on its next sync', async () => {
		const { reseller, providerDb, tenantId, providerChannel } = await acceptedRequest();
		const key = sharedCustomerKey(providerChannel.id, tenantId);
		await shareCustomer(session(reseller), tenantId, providerChannel.id);
		await eventually(async () => (await providerDb.customers.get(key)) !== undefined);
		expect((await providerDb.customers.get(key))?.providerRelationship).toBe(false);
		await unshareCustomer(session(reseller), tenantId, providerChannel.id);
		await eventually(async () => (await providerDb.customers.get(key)) === undefined);
		await expect(
			unshareCustomer(session(reseller), tenantId, providerChannel.id)
		).rejects.toMatchObject({ code: 'err_customer_not_shared' });
	});

	it('refuses to share with a provider that is not an active partner, or a helpdesk agent', async () => {
		const { reseller, tenantId } = await acceptedRequest();
		await expect(shareCustomer(session(reseller), tenantId, '0'.repeat(32))).rejects.toMatchObject({
			code: 'err_customer_request_provider_inactive'
		});
		const helpdesk = await insertTestUser(reseller.workspaceId, {
			agentRole: 'helpdesk_agent',
			adminRole: 'none'
		});
		await expect(
			shareCustomer({ workspaceId: reseller.workspaceId, userId: helpdesk.id }, tenantId, 'x')
		).rejects.toBeInstanceOf(PermissionError);
	});
});

describe('the customer’s Partner relationships', () => {
	it('Remove roles: the reseller and the provider see delegated admin off', async () => {
		const { customer, channel, resellerDb, providerDb, tenantId, providerChannel } =
			await acceptedRequest({ dap: true, providerChannelId: 'first' });
		const key = sharedCustomerKey(providerChannel.id, tenantId);
		await eventually(async () => (await providerDb.customers.get(key))?.delegatedAdmin === true);
		await removePartnerRoles(session(customer), channel.id);
		await eventually(
			async () => (await customerOf(resellerDb, tenantId))?.delegatedAdmin === false
		);
		expect((await customerOf(resellerDb, tenantId))?.relationship).toBe('reseller');
		await eventually(async () => (await providerDb.customers.get(key))?.delegatedAdmin === false);
		await expect(removePartnerRoles(session(customer), channel.id)).rejects.toMatchObject({
			code: 'err_partnership_state'
		});
	});

	it('ending the provider relationship keeps the reseller’s; ending the reseller’s unshares', async () => {
		const { customer, channel, resellerDb, providerDb, tenantId, providerChannel } =
			await acceptedRequest({ providerChannelId: 'first' });
		const key = sharedCustomerKey(providerChannel.id, tenantId);
		await eventually(async () => (await providerDb.customers.get(key)) !== undefined);
		await endPartnerRelationship(session(customer), channel.id, 'provider');
		await eventually(
			async () => (await providerDb.customers.get(key))?.providerRelationship === false
		);
		expect((await customerOf(resellerDb, tenantId))?.relationship).toBe('reseller');
		await endPartnerRelationship(session(customer), channel.id, 'reseller');
		await eventually(async () => (await customerOf(resellerDb, tenantId))?.relationship === 'none');
		await eventually(async () => (await providerDb.customers.get(key)) === undefined);
		expect((await resellerDb.channels.get(channel.id))?.state).toBe('removed');
	});

	it('the reseller’s Remove customer relationship reaches the customer', async () => {
		const { reseller, customerDb, channel, tenantId, resellerDb } = await acceptedRequest();
		await eventually(async () => (await customerDb.channels.get(channel.id))?.state === 'active');
		await removeCustomerRelationship(session(reseller), tenantId);
		expect(await customerOf(resellerDb, tenantId)).toMatchObject({
			relationship: 'none',
			delegatedAdmin: false
		});
		await eventually(async () => (await customerDb.channels.get(channel.id))?.state === 'removed');
		await expect(removeCustomerRelationship(session(reseller), tenantId)).rejects.toMatchObject({
			code: 'err_relationship_ended'
		});
	});
});
