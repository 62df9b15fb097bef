import type { SyncEngine } from '$lib/sync/engine';
import { workspaceDb, type WorkspaceDB } from '$lib/db/workspace-db';
import {
	acceptCustomerInvitation,
	readCustomerInvitation,
	requestCustomerRelationship,
	type CustomerAccountInput
} from '$lib/services/customer-invitations';
import { createTestWorkspace, type TestWorkspace } from './factories';
import { activePartners, APP, eventually, linkParts, session, startEngines } from './partners';

/**
 * A provider, an enrolled reseller (active partners) and a customer that accepted the
 * reseller's request, each with its real sync engine on one mailbox hub.
 */

export const testCustomerAccount: CustomerAccountInput = {
	address: { addressLine1: '12 rue de la Paix', city: 'Paris', postalCode: '75002' },
	billing: { firstName: 'Léa', lastName: 'Martin', email: 'lea.martin@contoso.fr' }
};

export function createTestCustomer(name = 'Contoso Café', country = 'FR'): Promise<TestWorkspace> {
	return createTestWorkspace({ kind: 'customer', name, country });
}

export interface AcceptedCustomerOptions {
	dap?: boolean;
	/** any value: the combined invitation with the provider (`IndirectResellerRelationship`) */
	providerChannelId?: string | null;
	/** Partner IDs stated before the partnership (orders need the reseller's) */
	providerMpnId?: string;
	resellerMpnId?: string;
}

/** Reseller requests, customer accepts; returns every side once the reseller lists it. */
export async function acceptedCustomer(
	engines: SyncEngine[],
	options: AcceptedCustomerOptions = {}
) {
	const { provider, reseller, providerDb, resellerDb, channels } = await activePartners(
		engines,
		1,
		options
	);
	const customer = await createTestCustomer();
	await startEngines(engines, customer);
	const customerDb: WorkspaceDB = workspaceDb(customer.workspaceId);
	const { link, invitation } = await requestCustomerRelationship(
		session(reseller),
		{ email: 'admin@contoso.fr', name: 'Léa Martin', dap: options.dap ?? true },
		APP,
		options.providerChannelId === undefined || options.providerChannelId === null
			? null
			: (channels[0]?.id ?? null)
	);
	const signed = await readCustomerInvitation(linkParts(link));
	const channel = await acceptCustomerInvitation(
		session(customer),
		signed,
		testCustomerAccount,
		true
	);
	const tenantId = (await customerDb.getMeta('profile'))!.tenantId;
	await eventually(async () => (await resellerDb.customers.get(tenantId)) !== undefined, engines);
	return {
		provider,
		reseller,
		customer,
		providerDb,
		resellerDb,
		customerDb,
		providerChannel: channels[0]!,
		channel,
		invitation,
		tenantId,
		link
	};
}
