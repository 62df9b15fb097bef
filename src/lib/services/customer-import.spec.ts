import Papa from 'papaparse';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChannelRecord, CustomerRecord } from '$lib/db/records';
import type { AuditAction } from '$lib/domain/audit';
import { workspaceDb } from '$lib/db/workspace-db';
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from '$lib/domain/customer-import';
import { ownCustomerRow, sharedCustomerKey } from '$lib/domain/customers';
import { DomainError, PermissionError, type ErrorCode } from '$lib/domain/errors';
import { createTestWorkspace, insertTestUser } from '$lib/test/factories';
import {
	resetDatabases,
	restoreWorkspace,
	workspaceSnapshot,
	type WorkspaceSnapshot
} from '$lib/test/indexeddb';
import type { SessionRef } from './actor';
import { exportCustomersCsv, importCustomers, previewCustomerImport } from './customer-import';

const T1 = '0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f1';
const T2 = '1a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d';
const T3 = '2b3c4d5e-6f7a-4b2c-9d3e-4f5a6b7c8d9e';
const PROVIDER_CHANNEL = 'a'.repeat(32);
const CUSTOMER_CHANNEL = 'b'.repeat(32);
const NOW = Date.UTC(2025, 0, 15, 9);
const EARLIER = Date.UTC(2023, 5, 1);

const header = 'Company name,Domain,Tenant ID,Country,Relationship,Delegated admin';

// Creating a workspace hashes a password (~0.3 s): one reseller workspace with a Global admin
// and a Helpdesk agent is made once and put back before each test.
let template: WorkspaceSnapshot;
let admin: SessionRef;
let helpdesk: SessionRef;

beforeAll(async () => {
	const ws = await createTestWorkspace({ kind: 'reseller', country: 'FR' });
	const agent = await insertTestUser(ws.workspaceId, {
		fullName: 'Hugo Desk',
		agentRole: 'helpdesk_agent',
		adminRole: 'none'
	});
	admin = { workspaceId: ws.workspaceId, userId: ws.userId };
	helpdesk = { workspaceId: ws.workspaceId, userId: agent.id };
	template = await workspaceSnapshot(ws.workspaceId);
});

beforeEach(async () => {
	await resetDatabases();
	await restoreWorkspace(template);
});

const db = () => workspaceDb(admin.workspaceId);

function file(text: string, name = 'customers.csv') {
	return { name, bytes: new TextEncoder().encode(text) };
}

function csvOf(...rows: string[]) {
	return file([header, ...rows].join('\n'));
}

/** Customers and the Activity log, in a stable order: what a refusal must leave as it was. */
async function tables() {
	const [customers, audit] = await Promise.all([
		db().customers.orderBy('key').toArray(),
		db().audit.orderBy('id').toArray()
	]);
	return { customers, audit };
}

async function refusal(attempt: Promise<unknown>): Promise<unknown> {
	try {
		await attempt;
	} catch (error) {
		return error;
	}
	throw new Error('expected a refusal');
}

async function expectCode(attempt: Promise<unknown>, code: ErrorCode) {
	const error = await refusal(attempt);
	expect(error).toBeInstanceOf(DomainError);
	expect((error as DomainError).code).toBe(code);
}

/** An own customer as a relationship request would have made it, shared with a provider. */
function existingCustomer(): CustomerRecord {
	return {
		...ownCustomerRow(
			{
				tenantId: T1,
				companyName: 'Contoso Old Name',
				domain: 'contoso-old.com',
				country: 'DE',
				relationship: 'reseller',
				delegatedAdmin: true,
				source: 'marketing',
				since: EARLIER,
				channelId: CUSTOMER_CHANNEL
			},
			EARLIER
		),
		sharedWith: [PROVIDER_CHANNEL],
		providersWithRelationship: [PROVIDER_CHANNEL]
	};
}

/** A customer a reseller shared with this workspace (as on a provider): never touched. */
function sharedRow(tenantId: string): CustomerRecord {
	return {
		...ownCustomerRow(
			{
				tenantId,
				companyName: 'Shared Co',
				domain: 'shared.example.com',
				country: 'FR',
				relationship: 'reseller',
				delegatedAdmin: false,
				source: 'indirect_provider',
				since: EARLIER
			},
			EARLIER
		),
		key: sharedCustomerKey(PROVIDER_CHANNEL, tenantId),
		resellerChannelId: PROVIDER_CHANNEL
	};
}

async function auditOf(action: AuditAction) {
	return db().audit.where('[action+at]').between([action, 0], [action, Infinity]).toArray();
}

describe('previewCustomerImport', () => {
	it('says what would be added, updated and rejected, and changes nothing', async () => {
		await db().customers.bulkPut([existingCustomer(), sharedRow(T2)]);
		const before = await tables();
		const preview = await previewCustomerImport(
			admin,
			csvOf(
				`Contoso,contoso.com,${T1},FR,Advisor,no`,
				`Fabrikam,fabrikam.com,${T2},FR,,`,
				`Tailspin,tailspin,not-a-guid,FR,,`
			)
		);
		expect(preview.counts).toEqual({ add: 1, update: 1, rejected: 1 });
		expect(preview.rows.map((row) => [row.line, row.status, row.action])).toEqual([
			[2, 'valid', 'update'],
			[3, 'valid', 'add'],
			[4, 'rejected', undefined]
		]);
		expect(preview.rows[2]!.errors).toEqual({
			domain: 'err_customer_domain_format',
			tenantId: 'err_tenant_id_format'
		});
		expect(await tables()).toEqual(before);
	});

	it("gives customers without a country the workspace's country, or the one chosen", async () => {
		const text = file(`Microsoft ID,Company name,Primary domain name\n${T1},Contoso,contoso.com`);
		const preview = await previewCustomerImport(admin, text);
		expect(preview.defaultCountry).toBe('FR');
		expect(preview.countryAssumed).toBe(1);
		expect(preview.rows[0]!.value!.country).toBe('FR');
		const chosen = await previewCustomerImport(admin, text, { defaultCountry: 'BE' });
		expect(chosen.rows[0]!.value!.country).toBe('BE');
	});

	it.each<[string, () => { name: string; bytes: Uint8Array }, ErrorCode]>([
		['malformed CSV', () => csvOf(`"Contoso,contoso.com,${T1},FR,,`), 'err_import_csv_malformed'],
		['malformed JSON', () => file('{"items": [', 'customers.json'), 'err_import_json_malformed'],
		[
			'a wrong encoding (Latin-1)',
			() => ({ name: 'c.csv', bytes: new Uint8Array([...file(header).bytes, 10, 0x53, 0xe9]) }),
			'err_import_encoding'
		],
		[
			'a file over the size limit',
			() => ({ name: 'c.csv', bytes: new Uint8Array(MAX_IMPORT_BYTES + 1) }),
			'err_import_too_large'
		],
		[
			'a missing column',
			() => file('Company name,Domain\nContoso,contoso.com'),
			'err_import_column_missing'
		]
	])('refuses %s and leaves every customer as it was', async (_, make, code) => {
		await db().customers.put(existingCustomer());
		const before = await tables();
		await expectCode(previewCustomerImport(admin, make()), code);
		expect(await tables()).toEqual(before);
	});

	it('refuses a file with more rows than the limit', async () => {
		const lines = [header];
		for (let i = 0; i <= MAX_IMPORT_ROWS; i++) {
			const hex = i.toString(16).padStart(12, '0');
			lines.push(`Co ${i},c${i}.example.com,0f1e2d3c-4b5a-4978-8695-${hex},FR,,`);
		}
		await expectCode(
			previewCustomerImport(admin, file(lines.join('\n'))),
			'err_import_too_many_rows'
		);
		expect(await db().customers.count()).toBe(0);
	}, 60_000);

	it('is refused to a Helpdesk agent (no customer relationships)', async () => {
		const error = await refusal(previewCustomerImport(helpdesk, csvOf()));
		expect(error).toBeInstanceOf(PermissionError);
		expect((error as PermissionError).capability).toBe('request_customer_relationship');
	});
});

describe('importCustomers', () => {
	it('adds the valid rows of a partly wrong file, in one entry of the Activity log', async () => {
		const preview = await previewCustomerImport(
			admin,
			csvOf(
				`Contoso,contoso.com,${T1},FR,Advisor,yes`,
				`Fabrikam,fabrikam.com,${T2},,,`,
				`Inc,tailspin.com,${T3},FR,,`
			)
		);
		expect(await importCustomers(admin, preview, NOW)).toEqual({ added: 2, updated: 0 });
		const rows = await db().customers.orderBy('nameKey').toArray();
		expect(rows).toEqual([
			expect.objectContaining({
				key: T1,
				companyName: 'Contoso',
				relationship: 'advisor',
				delegatedAdmin: true,
				source: 'import',
				since: NOW,
				sharedWith: [],
				channelId: null,
				resellerChannelId: null
			}),
			expect.objectContaining({
				key: T2,
				country: 'FR',
				relationship: 'reseller',
				delegatedAdmin: false,
				searchTerms: expect.arrayContaining(['fabrikam', 'fabrikam.com'])
			})
		]);
		expect(await auditOf('customer.imported')).toEqual([
			expect.objectContaining({
				actorId: admin.userId,
				target: 'customers.csv',
				details: { added: 2, updated: 0, rejected: 1 },
				at: NOW
			})
		]);
	});

	it('updates an own customer and keeps where it came from, its sharing and its channel', async () => {
		await db().customers.bulkPut([existingCustomer(), sharedRow(T2)]);
		const preview = await previewCustomerImport(
			admin,
			file(
				`Company name,Domain,Tenant ID,Relationship\nContoso Renamed,contoso.com,${T1},Advisor\nFabrikam,fabrikam.com,${T2},`
			)
		);
		expect(await importCustomers(admin, preview, NOW)).toEqual({ added: 1, updated: 1 });
		const updated = await db().customers.get(T1);
		expect(updated).toEqual({
			...existingCustomer(),
			companyName: 'Contoso Renamed',
			domain: 'contoso.com',
			nameKey: 'contoso renamed',
			searchTerms: ['contoso renamed', 'contoso.com', 'contoso', 'renamed'],
			relationship: 'advisor',
			// the file had no country: the existing one stays, not the assumed default
			country: 'DE',
			updatedAt: NOW
		});
		// the provider-side row of the same tenant is another customer row and stays as it was
		expect(await db().customers.get(sharedCustomerKey(PROVIDER_CHANNEL, T2))).toEqual(
			sharedRow(T2)
		);
		expect(await db().customers.get(T2)).toMatchObject({ source: 'import', key: T2 });
	});

	it('decides add or update again inside the transaction', async () => {
		const preview = await previewCustomerImport(admin, csvOf(`Contoso,contoso.com,${T1},FR,,`));
		expect(preview.rows[0]!.action).toBe('add');
		await db().customers.put(existingCustomer());
		expect(await importCustomers(admin, preview, NOW)).toEqual({ added: 0, updated: 1 });
		expect(await db().customers.get(T1)).toMatchObject({ source: 'marketing', since: EARLIER });
	});

	it('imports 10,000 rows in one transaction: a failure at its end keeps none', async () => {
		const lines: string[] = [];
		for (let i = 0; i < 10_000; i++) {
			const hex = i.toString(16).padStart(12, '0');
			lines.push(`Contoso ${i},c${i}.example.com,0f1e2d3c-4b5a-4978-8695-${hex},FR,Reseller,no`);
		}
		const preview = await previewCustomerImport(admin, csvOf(...lines));
		expect(preview.counts).toEqual({ add: 10_000, update: 0, rejected: 0 });

		// The Activity log entry is written last, in the same transaction as the rows.
		const audit = vi.spyOn(db().audit, 'add').mockRejectedValueOnce(new Error('disk full'));
		await expect(importCustomers(admin, preview, NOW)).rejects.toThrow('disk full');
		audit.mockRestore();
		expect(await db().customers.count()).toBe(0);

		expect(await importCustomers(admin, preview, NOW)).toEqual({ added: 10_000, updated: 0 });
		expect(await db().customers.count()).toBe(10_000);
		expect(await auditOf('customer.imported')).toHaveLength(1);
	}, 60_000);

	it('is refused to a Helpdesk agent, even with a preview in hand', async () => {
		const preview = await previewCustomerImport(admin, csvOf(`Contoso,contoso.com,${T1},FR,,`));
		const error = await refusal(importCustomers(helpdesk, preview));
		expect(error).toBeInstanceOf(PermissionError);
		expect(await db().customers.count()).toBe(0);
	});

	it('refuses a preview with nothing valid, or made for another workspace', async () => {
		const preview = await previewCustomerImport(admin, csvOf(`Inc,contoso.com,${T1},FR,,`));
		await expectCode(importCustomers(admin, preview), 'err_import_empty');
		const valid = await previewCustomerImport(admin, csvOf(`Contoso,contoso.com,${T1},FR,,`));
		await expectCode(
			importCustomers(admin, { ...valid, workspaceId: crypto.randomUUID() }),
			'err_import_preview_stale'
		);
		expect(await db().customers.count()).toBe(0);
	});
});

describe('exportCustomersCsv', () => {
	async function addProvider(name: string) {
		await db().channels.put({
			id: PROVIDER_CHANNEL,
			kind: 'partnership',
			role: 'reseller',
			state: 'active',
			partner: { name }
		} as unknown as ChannelRecord);
	}

	it('writes every customer by name, with provider names, formula-safe; logged', async () => {
		await addProvider('=Northwind Distribution');
		const second = ownCustomerRow(
			{
				tenantId: T2,
				companyName: '=cmd()',
				domain: 'evil.example.com',
				country: 'FR',
				relationship: 'none',
				delegatedAdmin: false,
				source: 'import',
				since: NOW
			},
			NOW
		);
		await db().customers.bulkPut([existingCustomer(), second]);
		const exported = await exportCustomersCsv(helpdesk, NOW);
		expect(exported.fileName).toBe('customers-2025-01-15.csv');
		expect(exported.count).toBe(2);
		const cells = Papa.parse<string[]>(exported.text.replace(/^\uFEFF/, ''), {
			skipEmptyLines: true
		}).data;
		// by name as the index sorts it: "=" comes before letters
		expect(cells.slice(1)).toEqual([
			["'=cmd()", 'evil.example.com', T2, 'FR', 'none', 'no', 'import', '2025-01-15', ''],
			[
				'Contoso Old Name',
				'contoso-old.com',
				T1,
				'DE',
				'reseller',
				'yes',
				'marketing',
				'2023-06-01',
				"'=Northwind Distribution"
			]
		]);
		expect(await auditOf('customer.exported')).toEqual([
			expect.objectContaining({ actorId: helpdesk.userId, details: { count: 2 }, at: NOW })
		]);
	});

	it('re-imports as updates of the same customers', async () => {
		await db().customers.put(existingCustomer());
		const { fileName, text } = await exportCustomersCsv(admin, NOW);
		const preview = await previewCustomerImport(admin, file(text, fileName));
		expect(preview.counts).toEqual({ add: 0, update: 1, rejected: 0 });
		await importCustomers(admin, preview, NOW);
		expect(await db().customers.get(T1)).toEqual({ ...existingCustomer(), updatedAt: NOW });
	});

	it('is refused without view_customers', async () => {
		const nobody = await insertTestUser(admin.workspaceId, {
			agentRole: 'none',
			adminRole: 'user_management_admin'
		});
		const error = await refusal(
			exportCustomersCsv({ workspaceId: admin.workspaceId, userId: nobody.id })
		);
		expect(error).toBeInstanceOf(PermissionError);
	});
});
