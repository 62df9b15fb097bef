import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { customersCsv, customersCsvFileName, type ExportedCustomer } from './customer-export';
import { parseCustomerFile } from './customer-import';

const T1 = '0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f1';
const T2 = '1a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d';
const T3 = '2b3c4d5e-6f7a-4b2c-9d3e-4f5a6b7c8d9e';
const SINCE = Date.UTC(2024, 4, 31, 15, 30);

function exported(companyName: string, tenantId = T1, sharedWith: string[] = []): ExportedCustomer {
	return {
		customer: {
			companyName,
			domain: 'contoso.onmicrosoft.com',
			tenantId,
			country: 'FR',
			relationship: 'reseller',
			delegatedAdmin: true,
			source: 'import',
			since: SINCE
		},
		sharedWith
	};
}

/** The cells as a spreadsheet would read them (after the BOM). */
function cells(text: string): string[][] {
	return Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data;
}

describe('customersCsv', () => {
	it('writes a BOM, the headers and one row per customer', () => {
		const text = customersCsv([exported('Société Générale', T1, ['Northwind', 'Adatum'])]);
		expect(text.startsWith('\uFEFFCompany name,Domain,Tenant ID,')).toBe(true);
		expect(cells(text)).toEqual([
			[
				'Company name',
				'Domain',
				'Tenant ID',
				'Country',
				'Relationship',
				'Delegated admin',
				'Source',
				'Since',
				'Shared with'
			],
			[
				'Société Générale',
				'contoso.onmicrosoft.com',
				T1,
				'FR',
				'reseller',
				'yes',
				'import',
				'2024-05-31',
				'Northwind; Adatum'
			]
		]);
	});

	it.each([
		['=cmd()', "'=cmd()"],
		['+1 Contoso', "'+1 Contoso"],
		['-2 Contoso', "'-2 Contoso"],
		['@SUM(A1)', "'@SUM(A1)"],
		['\tContoso', "'\tContoso"],
		['\rContoso', "'\rContoso"],
		['=HYPERLINK("http://x")\nsecond line', '\'=HYPERLINK("http://x")\nsecond line'],
		['Contoso = fine', 'Contoso = fine']
	])('writes %j as %j, so no spreadsheet runs it', (name, cell) => {
		const text = customersCsv([exported(name, T1, [name])]);
		expect(cells(text)[1]![0]).toBe(cell);
		expect(cells(text)[1]![8]).toBe(cell);
	});

	it('writes only the header row when there are no customers', () => {
		expect(cells(customersCsv([]))).toHaveLength(1);
	});

	it('re-imports: what the file says comes back the same', () => {
		const rows = [
			exported('=cmd()', T1, ['=evil provider']),
			exported('Contoso "North", Ltd', T2),
			exported('Café Émile', T3)
		];
		const text = customersCsv(rows);
		const parsed = parseCustomerFile({
			name: customersCsvFileName(SINCE),
			bytes: new TextEncoder().encode(text)
		});
		expect(parsed.ignoredColumns).toEqual(['Source', 'Shared with']);
		expect(parsed.rows.map((row) => row.status)).toEqual(['valid', 'valid', 'valid']);
		expect(parsed.rows.map((row) => row.value)).toEqual(
			rows.map(({ customer }) => ({
				tenantId: customer.tenantId,
				companyName: customer.companyName,
				domain: customer.domain,
				country: 'FR',
				countryAssumed: false,
				relationship: 'reseller',
				delegatedAdmin: true,
				since: Date.UTC(2024, 4, 31),
				companyProfile: null,
				billingProfile: null
			}))
		);
	});

	it('names the file after the day', () => {
		expect(customersCsvFileName(SINCE)).toBe('customers-2024-05-31.csv');
	});
});
