import type { CustomerRecord, CustomerUserRecord } from '$lib/db/records';
import type { WorkspaceDB } from '$lib/db/workspace-db';
import { customerUserInputSchema, type CustomerUserInput } from '$lib/domain/customers';
import { DomainError, ValidationError } from '$lib/domain/errors';
import { parseOrThrow } from '$lib/domain/validation';
import { authorize, type SessionRef } from './actor';
import { auditEntry } from './audit';
import { announceFeedChange } from '$lib/sync/feed-signal';
import { directoryTables, passOnDirectory } from './customer-directory';
import { withStorageErrors } from './storage';

/**
 * A customer's users (Customers > expand > Users), managed by a reseller on the customer's behalf.
 * Partner Center lets an admin agent (or Global admin) do it only with the delegated admin
 * privileges the customer granted: here, an own customer whose row says `delegatedAdmin`.
 */

/** The customer's users, by display name. */
export async function customerUsersOf(
	db: WorkspaceDB,
	customerKey: string
): Promise<CustomerUserRecord[]> {
	const users = await db.customerUsers.where('customerKey').equals(customerKey).toArray();
	return users.sort(
		(a, b) =>
			a.displayName.localeCompare(b.displayName, undefined, { sensitivity: 'base' }) ||
			a.userPrincipalName.localeCompare(b.userPrincipalName)
	);
}

/** **Add user** for a customer; returns the new user. */
export async function addCustomerUser(
	session: SessionRef,
	customerKey: string,
	input: CustomerUserInput,
	now = Date.now()
): Promise<CustomerUserRecord> {
	const { db, user: actor } = await authorize(session, 'administer_customers');
	const valid = parseOrThrow(customerUserInputSchema, input);
	let shared: string | null = null;
	const added = await withStorageErrors(() =>
		db.transaction('rw', [db.customers, db.audit, ...directoryTables(db)], async () => {
			const customer = await administeredCustomer(db, customerKey);
			checkUpnDomain(customer, valid.userPrincipalName);
			await checkUpnFree(db, customerKey, valid.userPrincipalName, null);
			const record: CustomerUserRecord = {
				id: crypto.randomUUID(),
				customerKey,
				firstName: valid.firstName,
				lastName: valid.lastName,
				displayName: valid.displayName || `${valid.firstName} ${valid.lastName}`,
				userPrincipalName: valid.userPrincipalName,
				usageLocation: valid.usageLocation || null,
				state: valid.state,
				createdAt: now,
				updatedAt: now
			};
			await db.customerUsers.add(record);
			await db.audit.add(
				auditEntry(
					actor,
					'customer.user_added',
					record.userPrincipalName,
					{ customer: customer.companyName, usageLocation: record.usageLocation ?? '' },
					now
				)
			);
			shared = await passOnDirectory(db, customer, [record.id], now);
			return record;
		})
	);
	if (shared) announceFeedChange(session.workspaceId, shared);
	return added;
}

/** **Edit** a customer user: names, user name, usage location, state. */
export async function updateCustomerUser(
	session: SessionRef,
	userId: string,
	input: CustomerUserInput,
	now = Date.now()
): Promise<CustomerUserRecord> {
	const { db, user: actor } = await authorize(session, 'administer_customers');
	const valid = parseOrThrow(customerUserInputSchema, input);
	let shared: string | null = null;
	const saved = await withStorageErrors(() =>
		db.transaction('rw', [db.customers, db.audit, ...directoryTables(db)], async () => {
			const existing = await db.customerUsers.get(userId);
			if (!existing) throw new DomainError('err_customer_not_found');
			const customer = await administeredCustomer(db, existing.customerKey);
			checkUpnDomain(customer, valid.userPrincipalName);
			await checkUpnFree(db, existing.customerKey, valid.userPrincipalName, userId);
			const updated: CustomerUserRecord = {
				...existing,
				firstName: valid.firstName,
				lastName: valid.lastName,
				displayName: valid.displayName || `${valid.firstName} ${valid.lastName}`,
				userPrincipalName: valid.userPrincipalName,
				usageLocation: valid.usageLocation || null,
				state: valid.state,
				updatedAt: now
			};
			await db.customerUsers.put(updated);
			await db.audit.add(
				auditEntry(
					actor,
					'customer.user_updated',
					updated.userPrincipalName,
					{ customer: customer.companyName, usageLocation: updated.usageLocation ?? '' },
					now
				)
			);
			shared = await passOnDirectory(db, customer, [updated.id], now);
			return updated;
		})
	);
	if (shared) announceFeedChange(session.workspaceId, shared);
	return saved;
}

/**
 * An own customer (key = tenant id) that granted delegated admin privileges: what every command
 * acting in the customer's tenant (users, licences) needs. Call inside a transaction over
 * `customers`.
 */
export async function administeredCustomer(db: WorkspaceDB, customerKey: string) {
	const customer = await db.customers.get(customerKey);
	if (!customer) throw new DomainError('err_customer_not_found');
	// A provider's rows (`<channel>:<tenant>`) are the reseller's customers: no admin rights here.
	if (customer.key.includes(':') || !customer.delegatedAdmin) {
		throw new DomainError('err_customer_dap_required');
	}
	return customer;
}

/** The user name's domain must be one of the customer's domains, or a subdomain of one. */
function checkUpnDomain(customer: CustomerRecord, userPrincipalName: string) {
	const domain = userPrincipalName.slice(userPrincipalName.lastIndexOf('@') + 1);
	const owned = [customer.domain, customer.companyProfile?.domain]
		.filter((value): value is string => Boolean(value))
		.map((value) => value.toLowerCase());
	if (!owned.some((own) => domain === own || domain.endsWith(`.${own}`))) {
		throw new ValidationError({ userPrincipalName: 'err_upn_domain_mismatch' });
	}
}

async function checkUpnFree(
	db: WorkspaceDB,
	customerKey: string,
	userPrincipalName: string,
	exceptId: string | null
) {
	const taken = await db.customerUsers
		.where('customerKey')
		.equals(customerKey)
		.filter((user) => user.userPrincipalName === userPrincipalName && user.id !== exceptId)
		.count();
	if (taken) throw new ValidationError({ userPrincipalName: 'err_customer_user_exists' });
}
