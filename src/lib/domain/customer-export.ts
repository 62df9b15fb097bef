import Papa from 'papaparse';
import type { CustomerRecord } from './customers';

/**
 * The Customers list as a CSV file for spreadsheets and for re-import (`customer-import.ts`
 * reads every column it needs back). Headers are English, like Partner Center's own export; the
 * values are Partner Center's (`reseller`, `microsoft_support`), `yes`/`no`, ISO dates (UTC).
 *
 * Partner data is text from outside: a cell starting with `=`, `+`, `-`, `@`, a tab or a carriage
 * return would run as a formula in a spreadsheet, so it gets a leading `'` (OWASP "CSV
 * injection"); the importer takes that apostrophe off again. A UTF-8 BOM makes spreadsheet apps
 * read accents right.
 */

export const customerExportColumns = [
	'Company name',
	'Domain',
	'Tenant ID',
	'Country',
	'Relationship',
	'Delegated admin',
	'Source',
	'Since',
	'Shared with'
] as const;

export interface ExportedCustomer {
	customer: Pick<
		CustomerRecord,
		| 'companyName'
		| 'domain'
		| 'tenantId'
		| 'country'
		| 'relationship'
		| 'delegatedAdmin'
		| 'source'
		| 'since'
	>;
	/** the names of the providers it is shared with */
	sharedWith: readonly string[];
}

/** Any cell a spreadsheet could take for a formula (the whole cell, line breaks included). */
export const FORMULA_START = /^[=+\-@\t\r]/;

const BOM = '\uFEFF';

/** An ISO date (`2024-05-31`, UTC) of an epoch time. */
export function isoDate(epochMs: number): string {
	return new Date(epochMs).toISOString().slice(0, 10);
}

/** The CSV text of the rows, BOM first, lines ending with CRLF (RFC 4180). */
export function customersCsv(rows: Iterable<ExportedCustomer>): string {
	const data: string[][] = [];
	for (const { customer, sharedWith } of rows) {
		data.push([
			customer.companyName,
			customer.domain,
			customer.tenantId,
			customer.country,
			customer.relationship,
			customer.delegatedAdmin ? 'yes' : 'no',
			customer.source,
			isoDate(customer.since),
			sharedWith.join('; ')
		]);
	}
	return (
		BOM +
		Papa.unparse(
			{ fields: [...customerExportColumns], data },
			{ escapeFormulae: FORMULA_START, newline: '\r\n' }
		)
	);
}

/** `customers-2024-05-31.csv` */
export function customersCsvFileName(now: number): string {
	return `customers-${isoDate(now)}.csv`;
}
