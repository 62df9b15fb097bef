import { putOwnRecords, type FeedRecord } from '$lib/sync/feed';
import { announceFeedChange } from '$lib/sync/feed-signal';
import type { CustomerRecord } from '$lib/db/records';
import type { WorkspaceDB } from '$lib/db/workspace-db';
import { customersCsv, customersCsvFileName } from '$lib/domain/customer-export';
import {
	parseCustomerFile,
	type ImportedCustomer,
	type ImportFile,
	type ImportFormat,
	type ImportRow
} from '$lib/domain/customer-import';
import { ownCustomerRow, sharedCustomerFrom, withCustomerNames } from '$lib/domain/customers';
import { DomainError } from '$lib/domain/errors';
import { authorize, type SessionRef } from './actor';
import { auditEntry } from './audit';
import { withStorageErrors } from './storage';

/**
 * **Import** existing customers from a file (CSV or Partner Center JSON, see
 * domain/customer-import.ts) and **Export** the Customers list to CSV.
 *
 * Importing is two steps: the preview reads and checks the file and says, per row, whether it
 * adds a customer, updates one (an own customer with that tenant id exists) or is rejected and
 * why — it changes nothing. **Import** then writes every accepted row and one Activity log entry
 * in one transaction, so a failure keeps nothing. Only own customers (key = tenant id) are
 * matched: customers a reseller shares with this provider (`<channel>:<tenant>`) are never
 * touched.
 */

export type ImportAction = 'add' | 'update';

export interface ImportPreviewRow extends ImportRow {
	/** for a valid row: what Import will do with it */
	action?: ImportAction;
}

export interface ImportPreview {
	workspaceId: string;
	fileName: string;
	format: ImportFormat;
	/** every row of the file, in file order */
	rows: ImportPreviewRow[];
	counts: { add: number; update: number; rejected: number };
	/** CSV headers the import does not read */
	ignoredColumns: string[];
	/** the country given to customers the file states none for (the workspace's, unless chosen) */
	defaultCountry: string | null;
	/** how many valid rows take `defaultCountry` */
	countryAssumed: number;
}

export interface ImportPreviewOptions {
	/** the country of customers the file states none for; default: the workspace's country */
	defaultCountry?: string;
}

/** The keys of every customer row (index-only). */
async function customerKeySet(db: WorkspaceDB): Promise<Set<string>> {
	return new Set(await db.customers.toCollection().primaryKeys());
}

/**
 * Reads and checks a customer file: what Import would add, update and reject. Changes nothing.
 * Throws a DomainError when the file cannot be read at all (encoding, size, format, columns).
 */
export async function previewCustomerImport(
	session: SessionRef,
	file: ImportFile,
	options: ImportPreviewOptions = {}
): Promise<ImportPreview> {
	const { db } = await authorize(session, 'request_customer_relationship');
	const profile = await db.getMeta('profile');
	const defaultCountry = options.defaultCountry ?? profile?.country ?? null;
	const parsed = parseCustomerFile(file, { defaultCountry });
	const existing = await customerKeySet(db);
	const counts = { add: 0, update: 0, rejected: 0 };
	const rows: ImportPreviewRow[] = parsed.rows.map((row) => {
		if (row.status !== 'valid') {
			counts.rejected++;
			return row;
		}
		const action: ImportAction = existing.has(row.value!.tenantId) ? 'update' : 'add';
		counts[action]++;
		return { ...row, action };
	});
	return {
		workspaceId: session.workspaceId,
		fileName: file.name,
		format: parsed.format,
		rows,
		counts,
		ignoredColumns: parsed.ignoredColumns,
		defaultCountry: parsed.countryAssumed > 0 ? defaultCountry : null,
		countryAssumed: parsed.countryAssumed
	};
}

/** A new own customer from the file: relationship reseller unless the file says otherwise. */
function addedRow(value: ImportedCustomer, now: number): CustomerRecord {
	return ownCustomerRow(
		{
			tenantId: value.tenantId,
			companyName: value.companyName,
			domain: value.domain,
			country: value.country,
			relationship: value.relationship ?? 'reseller',
			delegatedAdmin: value.delegatedAdmin ?? false,
			source: 'import',
			since: value.since ?? now,
			companyProfile: value.companyProfile,
			billingProfile: value.billingProfile
		},
		now
	);
}

/**
 * An existing customer with what the file says: names, country (unless only assumed),
 * relationship, delegated admin and profiles when given. Where it came from, since when, its
 * sharing and its channel stay.
 */
function updatedRow(row: CustomerRecord, value: ImportedCustomer, now: number): CustomerRecord {
	const named = withCustomerNames(row, value.companyName, value.domain);
	return {
		...named,
		country: value.countryAssumed ? row.country : value.country,
		relationship: value.relationship ?? row.relationship,
		delegatedAdmin: value.delegatedAdmin ?? row.delegatedAdmin,
		companyProfile: value.companyProfile ?? row.companyProfile,
		billingProfile: value.billingProfile ?? row.billingProfile,
		updatedAt: now
	};
}

/**
 * **Import**: writes every accepted row of the preview and one Activity log entry in one
 * transaction. Whether a row adds or updates is decided again inside it, since customers may
 * have changed after the preview.
 */
export async function importCustomers(
	session: SessionRef,
	preview: ImportPreview,
	now = Date.now()
): Promise<{ added: number; updated: number }> {
	const actor = await authorize(session, 'request_customer_relationship');
	const { db } = actor;
	if (preview.workspaceId !== session.workspaceId) {
		throw new DomainError('err_import_preview_stale');
	}
	const accepted: ImportedCustomer[] = [];
	for (const row of preview.rows) if (row.status === 'valid' && row.value) accepted.push(row.value);
	if (accepted.length === 0) throw new DomainError('err_import_empty');
	const rejected = preview.rows.length - accepted.length;
	const touched = new Set<string>();
	const result = await withStorageErrors(() =>
		db.transaction('rw', [db.customers, db.audit, db.feedUpdates, db.sharedRecords], async () => {
			const keys = await customerKeySet(db);
			const existing = await db.customers.bulkGet(
				accepted.filter((value) => keys.has(value.tenantId)).map((value) => value.tenantId)
			);
			const byKey = new Map<string, CustomerRecord>();
			for (const row of existing) if (row) byKey.set(row.key, row);
			const rows = accepted.map((value) => {
				const current = byKey.get(value.tenantId);
				return current ? updatedRow(current, value, now) : addedRow(value, now);
			});
			await db.customers.bulkPut(rows);
			// Providers the updated customers are shared with learn the new details.
			const byProvider = new Map<string, FeedRecord[]>();
			for (const row of rows) {
				for (const channelId of row.sharedWith) {
					const records = byProvider.get(channelId) ?? [];
					records.push({
						collection: 'customers',
						id: row.tenantId,
						value: sharedCustomerFrom(row, channelId, now)
					});
					byProvider.set(channelId, records);
				}
			}
			for (const [channelId, records] of byProvider) {
				await putOwnRecords(db, channelId, records, now);
				touched.add(channelId);
			}
			const result = { added: rows.length - byKey.size, updated: byKey.size };
			await db.audit.add(
				auditEntry(
					actor.user,
					'customer.imported',
					preview.fileName.slice(0, 300),
					{ ...result, rejected },
					now
				)
			);
			return result;
		})
	);
	for (const channelId of touched) announceFeedChange(session.workspaceId, channelId);
	return result;
}

/**
 * **Export** the Customers list: every customer sorted by name, with the names of the providers
 * each is shared with, as CSV text (see domain/customer-export.ts). Logged in the Activity log.
 */
export async function exportCustomersCsv(
	session: SessionRef,
	now = Date.now()
): Promise<{ fileName: string; text: string; count: number }> {
	const actor = await authorize(session, 'view_customers');
	const { db } = actor;
	const [customers, channels] = await Promise.all([
		db.customers.orderBy('nameKey').toArray(),
		db.channels.where('kind').equals('partnership').toArray()
	]);
	const partnerNames = new Map<string, string>();
	for (const channel of channels)
		if (channel.partner) partnerNames.set(channel.id, channel.partner.name);
	const text = customersCsv(
		customers.map((customer) => ({
			customer,
			sharedWith: customer.sharedWith.flatMap((id) => partnerNames.get(id) ?? [])
		}))
	);
	const fileName = customersCsvFileName(now);
	await withStorageErrors(() =>
		db.audit.add(
			auditEntry(actor.user, 'customer.exported', fileName, { count: customers.length }, now)
		)
	);
	return { fileName, text, count: customers.length };
}
