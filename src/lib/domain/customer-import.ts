import Papa from 'papaparse';
import { z } from 'zod';
import { addressSchema, type Address } from './address';
import {
	billingProfileSchema,
	customerDomainSchema,
	customerRelationships,
	tenantIdSchema,
	type BillingProfile,
	type CompanyProfile,
	type CustomerRelationship
} from './customers';
import { DomainError, type ErrorCode, type FieldErrors } from './errors';
import { organisationNameSchema } from './organisation';
import { rebuildPlain } from './shared-records';
import { cleanText } from './text';
import { fieldErrors } from './validation';
import { countrySchema } from './workspace';

/**
 * Existing customers from a file: the bytes are decoded, parsed (CSV or Partner Center JSON) and
 * every row validated with the Customers rules, without touching any database. A file that
 * cannot be read at all is refused with a `DomainError` naming why; a file that can be read gives
 * one result per customer row, valid or rejected with a reason per field.
 *
 * **Bytes.** UTF-8 with or without BOM, or UTF-16 LE/BE with a BOM. Anything else (Windows-1252,
 * UTF-16 without BOM, UTF-32, binary) is refused (`err_import_encoding`): nothing is guessed.
 * At most `MAX_IMPORT_BYTES` and `MAX_IMPORT_ROWS`.
 *
 * **CSV** (`.csv`, `.txt`): a header row, then one customer per row; the delimiter (`,` `;` tab)
 * is detected. Headers are matched ignoring case, spaces and punctuation. Partner Center's
 * **Export customers** file has `Microsoft ID`, `Company name`, `Primary domain name`,
 * `Relationship` and `Tags`; Tierlink's own export has the columns of `customer-export.ts`.
 * Accepted columns (any one name of each):
 * - required: `Company name` | `Customer name` | `CompanyName` | `Organization name`;
 *   `Domain` | `Primary domain name` | `Domain name`; `Tenant ID` | `Customer ID` |
 *   `Microsoft ID` | `TenantId`;
 * - `Country` | `Country/Region` | `Country code`: required unless the caller gives a default
 *   country (Partner Center's export has none); an empty cell also takes the default, and the
 *   result says how many rows did;
 * - `Relationship` | `Relationship to partner` | `relationshipToPartner`: `Reseller`,
 *   `Cloud Reseller`, `Indirect reseller`, `Advisor`, `None`, `Syndication`, `Microsoft support`
 *   (empty: not stated);
 * - `Delegated admin` | `DAP` | `allowDelegatedAccess`: yes/no, true/false, y/n, 1/0, oui/non;
 * - `Since` | `Customer since`: an ISO date (`2024-05-31`, or a full ISO date-time);
 * - the company address: `Address line 1` | `Address` | `Street`, `Address line 2`, `City`,
 *   `State` | `State/Province` | `Province`, `Postal code` | `ZIP code` | `Postcode` (in the
 *   row's country; checked with its postal-code and state rules when any of them is filled);
 * - the billing contact: `Billing first name` | `First name`, `Billing last name` | `Last name`,
 *   `Billing email` | `Email`, `Billing phone` | `Phone number`, `Culture`, `Language` (when any
 *   of the first three is filled; its address is the company address).
 * Other columns (`Tags`, `Source`, `Shared with`…) are listed as ignored. A cell our export
 * protected against spreadsheet formulas (`'=…`) loses that apostrophe again.
 *
 * **JSON** (`.json`): a Partner Center `Customer` (`{id, companyProfile: {tenantId, domain,
 * companyName, address?}, billingProfile?: {firstName, lastName, email, culture, language,
 * companyName, defaultAddress}, relationshipToPartner, allowDelegatedAccess, attributes:
 * {objectType: "Customer"}}`) or a `Collection` of them (`{totalCount, items, attributes:
 * {objectType: "Collection"}}`). Each item is rebuilt from its own properties first
 * (`rebuildPlain`): an item with a `__proto__` key or not a plain object is rejected. Its country
 * is its company address's, else its billing address's, else the default.
 */

/** Largest file read (64 MiB). */
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;
/** Most customer rows in one file. */
export const MAX_IMPORT_ROWS = 200_000;

export type ImportFormat = 'csv' | 'json';

export interface ImportFile {
	name: string;
	bytes: Uint8Array;
}

export interface ParseOptions {
	/** the country given to rows that state none; without it such rows (or files) are refused */
	defaultCountry?: string | null;
	maxBytes?: number;
	maxRows?: number;
}

/** A valid row: what the file says about one customer; `null` where the file says nothing. */
export interface ImportedCustomer {
	tenantId: string;
	companyName: string;
	domain: string;
	country: string;
	/** the country came from `defaultCountry`, not from the file */
	countryAssumed: boolean;
	relationship: CustomerRelationship | null;
	delegatedAdmin: boolean | null;
	since: number | null;
	companyProfile: CompanyProfile | null;
	billingProfile: BillingProfile | null;
}

export interface ImportRow {
	/** the CSV line the row starts on, or the JSON item's position (from 1) */
	line: number;
	tenantId?: string;
	companyName?: string;
	status: 'valid' | 'rejected';
	errors?: FieldErrors;
	value?: ImportedCustomer;
}

export interface ParsedImport {
	format: ImportFormat;
	rows: ImportRow[];
	/** CSV headers not imported, as written in the file */
	ignoredColumns: string[];
	/** how many valid rows took the default country */
	countryAssumed: number;
}

/** Reads, parses and validates a customer file; throws a DomainError when it cannot be read. */
export function parseCustomerFile(file: ImportFile, options: ParseOptions = {}): ParsedImport {
	const maxBytes = options.maxBytes ?? MAX_IMPORT_BYTES;
	if (file.bytes.byteLength > maxBytes) {
		throw new DomainError('err_import_too_large', { maxMiB: Math.floor(maxBytes / 2 ** 20) });
	}
	const extensionFormat = formatFromName(file.name);
	const text = decodeImportText(file.bytes);
	if (text.trim() === '') throw new DomainError('err_import_empty');
	const format = extensionFormat ?? (/^\s*[{[]/.test(text) ? 'json' : 'csv');
	const parsed =
		format === 'json' ? parseCustomerJson(text, options) : parseCustomerCsv(text, options);
	if (parsed.rows.length === 0) throw new DomainError('err_import_empty');
	return parsed;
}

/** `csv`, `json`, or null when the name says neither (then the content decides); refuses others. */
function formatFromName(name: string): ImportFormat | null {
	const match = /\.([^./\\]+)$/.exec(name.trim());
	if (!match) return null;
	const extension = match[1]!.toLowerCase();
	if (extension === 'csv' || extension === 'txt') return 'csv';
	if (extension === 'json') return 'json';
	throw new DomainError('err_import_format');
}

/** UTF-8 (BOM optional) or UTF-16 with a BOM; anything else is refused, never guessed. */
export function decodeImportText(bytes: Uint8Array): string {
	let encoding = 'utf-8';
	if (bytes[0] === 0xff && bytes[1] === 0xfe) encoding = 'utf-16le';
	else if (bytes[0] === 0xfe && bytes[1] === 0xff) encoding = 'utf-16be';
	let text: string;
	try {
		// The decoder drops the BOM; `fatal` refuses any invalid sequence.
		text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
	} catch {
		throw new DomainError('err_import_encoding');
	}
	// NUL is valid UTF-8 but never in a text file: UTF-16 without BOM, UTF-32 or binary.
	if (text.includes('\u0000')) throw new DomainError('err_import_encoding');
	return text;
}

// ——— one row, whatever the format ———

/** A row as read from the file, before validation. */
interface RawCustomer {
	line: number;
	tenantId: unknown;
	/** the JSON `id`, which must equal the tenant id when both are given */
	id?: unknown;
	companyName: unknown;
	domain: unknown;
	country: unknown;
	relationship: unknown;
	delegatedAdmin: unknown;
	since?: unknown;
	address: Record<string, unknown> | null;
	billing: Record<string, unknown> | null;
}

const coreSchema = z.object({
	tenantId: tenantIdSchema,
	companyName: organisationNameSchema,
	domain: customerDomainSchema
});

/** Partner Center's words for a relationship, lower case without spaces or punctuation. */
const relationshipByWord = new Map<string, CustomerRelationship>([
	...customerRelationships.map((name) => [name.replace('_', ''), name] as const),
	['cloudreseller', 'reseller'],
	['indirectreseller', 'reseller'],
	['directreseller', 'reseller'],
	['resellerrelationship', 'reseller'],
	['cloudadvisor', 'advisor'],
	['norelationship', 'none']
]);

/** A relationship as a file may write it; undefined when empty; null when unknown. */
export function relationshipFromText(value: unknown): CustomerRelationship | null | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'string') return null;
	const word = value.toLowerCase().replace(/[^a-z]/g, '');
	if (word === '') return undefined;
	return relationshipByWord.get(word) ?? null;
}

const yes = new Set(['yes', 'y', 'true', '1', 'oui', 'o']);
const no = new Set(['no', 'n', 'false', '0', 'non']);

/** yes/no, true/false…; undefined when empty; null when neither. */
export function booleanFromText(value: unknown): boolean | null | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value === 'boolean') return value;
	if (typeof value !== 'string') return null;
	const word = value.trim().toLowerCase();
	if (word === '') return undefined;
	return yes.has(word) ? true : no.has(word) ? false : null;
}

/** An ISO date or date-time as epoch ms; undefined when empty; null when not a date. */
export function dateFromText(value: unknown): number | null | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'string') return null;
	const text = value.trim();
	if (text === '') return undefined;
	if (!/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/.test(text)) return null;
	const time = Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text);
	return Number.isFinite(time) && time >= 0 ? time : null;
}

function isBlank(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && !value.trim());
}

function anyFilled(record: Record<string, unknown>, keys: readonly string[]): boolean {
	return keys.some((key) => Object.hasOwn(record, key) && !isBlank(record[key]));
}

const addressKeys = ['addressLine1', 'addressLine2', 'city', 'state', 'postalCode'] as const;
const billingContactKeys = ['firstName', 'lastName', 'email'] as const;

function prefixed(prefix: string, errors: FieldErrors): FieldErrors {
	const out: FieldErrors = {};
	for (const [path, code] of Object.entries(errors))
		out[path ? `${prefix}.${path}` : prefix] = code;
	return out;
}

function hasAny(errors: FieldErrors): boolean {
	for (const key in errors) if (Object.hasOwn(errors, key)) return true;
	return false;
}

/** Text to show for a row even when it is rejected. */
function shownText(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() ? cleanText(value).slice(0, 200) : undefined;
}

type CountryResult = { ok: true; country: string } | { ok: false; code: ErrorCode };
// A file repeats a few countries many times: each distinct cell is checked once.
const countryCache = new Map<unknown, CountryResult>();

function countryOf(value: unknown): CountryResult {
	let result = countryCache.get(value);
	if (!result) {
		const parsed = countrySchema.safeParse(value);
		result = parsed.success
			? { ok: true, country: parsed.data }
			: { ok: false, code: fieldErrors(parsed.error)[''] ?? 'err_required' };
		if (typeof value === 'string' && value.length <= 8 && countryCache.size < 1000) {
			countryCache.set(value, result);
		}
	}
	return result;
}

function validateRow(raw: RawCustomer, defaultCountry: string | null): ImportRow {
	const errors: FieldErrors = {};
	const core = coreSchema.safeParse({
		tenantId: raw.tenantId,
		companyName: raw.companyName,
		domain: raw.domain
	});
	if (!core.success) Object.assign(errors, fieldErrors(core.error));
	if (
		core.success &&
		!isBlank(raw.id) &&
		(typeof raw.id !== 'string' || raw.id.trim().toLowerCase() !== core.data.tenantId)
	) {
		errors.tenantId = 'err_import_tenant_mismatch';
	}
	const countryAssumed = isBlank(raw.country) && defaultCountry !== null;
	const countryResult = countryOf(countryAssumed ? defaultCountry : raw.country);
	const country = countryResult.ok ? countryResult.country : undefined;
	if (!countryResult.ok) errors.country = countryResult.code;
	const relationship = relationshipFromText(raw.relationship);
	if (relationship === null) errors.relationship = 'err_import_relationship_unknown';
	const delegatedAdmin = booleanFromText(raw.delegatedAdmin);
	if (delegatedAdmin === null) errors.delegatedAdmin = 'err_import_yes_no';
	const since = dateFromText(raw.since);
	if (since === null) errors.since = 'err_import_date_format';

	// The address is checked only when the row has one, and against a known country.
	let address: Address | null = null;
	let addressFailed = false;
	if (raw.address && anyFilled(raw.address, addressKeys)) {
		const addressCountry = isBlank(raw.address.country) ? country : raw.address.country;
		const parsed = addressSchema.safeParse({ ...raw.address, country: addressCountry });
		if (parsed.success) address = parsed.data;
		else {
			addressFailed = true;
			if (country !== undefined) {
				Object.assign(errors, prefixed('address', fieldErrors(parsed.error)));
			}
		}
	}
	let billingProfile: BillingProfile | null = null;
	const billingAddress = raw.billing?.defaultAddress ?? address ?? undefined;
	// A billing contact whose address is the company's: that address's errors are already given.
	const billingSkipped = addressFailed && raw.billing?.defaultAddress === undefined;
	if (raw.billing && anyFilled(raw.billing, billingContactKeys) && !billingSkipped) {
		const parsed = billingProfileSchema.safeParse({
			...raw.billing,
			companyName: isBlank(raw.billing.companyName) ? raw.companyName : raw.billing.companyName,
			culture: cultureOf(raw.billing.culture),
			language: isBlank(raw.billing.language)
				? undefined
				: String(raw.billing.language).trim().toLowerCase(),
			defaultAddress: billingAddress
		});
		if (parsed.success) billingProfile = parsed.data;
		else Object.assign(errors, prefixed('billingProfile', fieldErrors(parsed.error)));
	}

	if (!core.success || country === undefined || hasAny(errors)) {
		return {
			line: raw.line,
			tenantId: core.success ? core.data.tenantId : shownText(raw.tenantId),
			companyName: core.success ? core.data.companyName : shownText(raw.companyName),
			status: 'rejected',
			errors
		};
	}
	const { tenantId, companyName, domain } = core.data;
	return {
		line: raw.line,
		tenantId,
		companyName,
		status: 'valid',
		value: {
			tenantId,
			companyName,
			domain,
			country,
			countryAssumed,
			relationship: relationship ?? null,
			delegatedAdmin: delegatedAdmin ?? null,
			since: since ?? null,
			companyProfile: address ? { tenantId, domain, companyName, address } : null,
			billingProfile
		}
	};
}

/** `en-us`, `EN-US` → `en-US`, as the billing profile stores it. */
function cultureOf(value: unknown): unknown {
	if (isBlank(value)) return undefined;
	if (typeof value !== 'string') return value;
	const [language, region, ...rest] = value.trim().split(/[-_]/);
	if (!language || !region || rest.length) return value;
	return `${language.toLowerCase()}-${region.toUpperCase()}`;
}

/**
 * The rows of a file, validated as they are read (so the cells of a row can be freed at once); a
 * tenant id already seen on an earlier row rejects the later one.
 */
class ImportRows {
	readonly rows: ImportRow[] = [];
	countryAssumed = 0;
	private readonly seen = new Set<string>();

	constructor(private readonly defaultCountry: string | null) {}

	add(raw: RawCustomer | ImportRow): void {
		if ('status' in raw) {
			this.rows.push(raw);
			return;
		}
		const row = validateRow(raw, this.defaultCountry);
		const tenantId = row.value?.tenantId;
		if (tenantId !== undefined) {
			if (this.seen.has(tenantId)) {
				this.rows.push({
					line: row.line,
					tenantId,
					companyName: row.companyName,
					status: 'rejected',
					errors: { tenantId: 'err_import_duplicate_tenant' }
				});
				return;
			}
			this.seen.add(tenantId);
			if (row.value!.countryAssumed) this.countryAssumed++;
		} else if (row.tenantId && !row.errors?.tenantId) {
			this.seen.add(row.tenantId);
		}
		this.rows.push(row);
	}
}

function defaultCountryOf(options: ParseOptions): string | null {
	const parsed = countrySchema.safeParse(options.defaultCountry ?? '');
	return parsed.success ? parsed.data : null;
}

// ——— CSV ———

type CsvField =
	| 'companyName'
	| 'domain'
	| 'tenantId'
	| 'country'
	| 'relationship'
	| 'delegatedAdmin'
	| 'since'
	| 'addressLine1'
	| 'addressLine2'
	| 'city'
	| 'state'
	| 'postalCode'
	| 'firstName'
	| 'lastName'
	| 'email'
	| 'phoneNumber'
	| 'culture'
	| 'language';

/** Accepted headers, lower case without spaces or punctuation; the first is the name we show. */
export const csvColumns: Record<CsvField, { name: string; aliases: readonly string[] }> = {
	companyName: {
		name: 'Company name',
		aliases: ['companyname', 'customername', 'organizationname', 'organisationname', 'company']
	},
	domain: {
		name: 'Domain',
		aliases: ['domain', 'primarydomainname', 'domainname', 'primarydomain']
	},
	tenantId: {
		name: 'Tenant ID',
		aliases: ['tenantid', 'customerid', 'microsoftid', 'customertenantid']
	},
	country: {
		name: 'Country',
		aliases: ['country', 'countryregion', 'countrycode', 'countryorregion']
	},
	relationship: { name: 'Relationship', aliases: ['relationship', 'relationshiptopartner'] },
	delegatedAdmin: {
		name: 'Delegated admin',
		aliases: ['delegatedadmin', 'dap', 'allowdelegatedaccess', 'delegatedadminprivileges']
	},
	since: { name: 'Since', aliases: ['since', 'customersince'] },
	addressLine1: {
		name: 'Address line 1',
		aliases: ['addressline1', 'address1', 'address', 'street', 'streetaddress']
	},
	addressLine2: { name: 'Address line 2', aliases: ['addressline2', 'address2'] },
	city: { name: 'City', aliases: ['city', 'town'] },
	state: {
		name: 'State',
		aliases: ['state', 'stateprovince', 'province', 'stateorprovince', 'region']
	},
	postalCode: {
		name: 'Postal code',
		aliases: ['postalcode', 'zipcode', 'zip', 'postcode', 'zippostalcode']
	},
	firstName: { name: 'Billing first name', aliases: ['billingfirstname', 'firstname'] },
	lastName: { name: 'Billing last name', aliases: ['billinglastname', 'lastname'] },
	email: { name: 'Billing email', aliases: ['billingemail', 'email', 'emailaddress'] },
	phoneNumber: {
		name: 'Billing phone',
		aliases: ['billingphone', 'phonenumber', 'phone', 'billingphonenumber']
	},
	culture: { name: 'Culture', aliases: ['culture', 'billingculture'] },
	language: { name: 'Language', aliases: ['language', 'billinglanguage'] }
};

const fieldByAlias = new Map<string, CsvField>();
for (const [field, { aliases }] of Object.entries(csvColumns)) {
	for (const alias of aliases) fieldByAlias.set(alias, field as CsvField);
}

function headerKey(header: string): string {
	return header
		.normalize('NFKC')
		.toLowerCase()
		.replace(/[^\p{L}\p{N}]/gu, '');
}

/** What our export adds in front of a formula-like cell (OWASP CSV injection) comes off again. */
function cellText(cell: string | undefined): string {
	if (cell === undefined) return '';
	return cell.length > 1 && cell[0] === "'" && /^[=+\-@\t\r]/.test(cell.slice(1))
		? cell.slice(1)
		: cell;
}

interface CsvLayout {
	column: Partial<Record<CsvField, number>>;
	width: number;
	ignored: string[];
	hasAddress: boolean;
	hasBilling: boolean;
}

function csvLayout(header: string[], defaultCountry: string | null): CsvLayout {
	const column: Partial<Record<CsvField, number>> = {};
	const ignored: string[] = [];
	header.forEach((raw, index) => {
		const field = fieldByAlias.get(headerKey(raw));
		if (!field) {
			if (raw.trim()) ignored.push(raw.trim());
			return;
		}
		if (column[field] !== undefined) {
			throw new DomainError('err_import_column_duplicate', { column: raw.trim() });
		}
		column[field] = index;
	});
	const required: CsvField[] = ['companyName', 'domain', 'tenantId'];
	if (defaultCountry === null) required.push('country');
	for (const field of required) {
		if (column[field] === undefined) {
			throw new DomainError('err_import_column_missing', { column: csvColumns[field].name });
		}
	}
	return {
		column,
		width: header.length,
		ignored,
		hasAddress: addressKeys.some((key) => column[key] !== undefined),
		hasBilling: billingContactKeys.some((key) => column[key] !== undefined)
	};
}

function rawFromCells(cells: string[], line: number, layout: CsvLayout): RawCustomer | ImportRow {
	const { column } = layout;
	if (cells.length > layout.width && cells.slice(layout.width).some((cell) => cell.trim())) {
		return { line, status: 'rejected', errors: { row: 'err_import_row_columns' } };
	}
	const get = (field: CsvField) => {
		const index = column[field];
		return index === undefined ? undefined : cellText(cells[index]);
	};
	return {
		line,
		tenantId: get('tenantId'),
		companyName: get('companyName'),
		domain: get('domain'),
		country: get('country'),
		relationship: get('relationship'),
		delegatedAdmin: get('delegatedAdmin'),
		since: get('since'),
		address: layout.hasAddress
			? {
					addressLine1: get('addressLine1'),
					addressLine2: get('addressLine2'),
					city: get('city'),
					state: get('state'),
					postalCode: get('postalCode')
				}
			: null,
		billing: layout.hasBilling
			? {
					firstName: get('firstName'),
					lastName: get('lastName'),
					email: get('email'),
					phoneNumber: get('phoneNumber'),
					culture: get('culture'),
					language: get('language')
				}
			: null
	};
}

/** Parses CSV text (header row first); throws when the file cannot be read as a whole. */
export function parseCustomerCsv(text: string, options: ParseOptions = {}): ParsedImport {
	const maxRows = options.maxRows ?? MAX_IMPORT_ROWS;
	const defaultCountry = defaultCountryOf(options);
	const rows = new ImportRows(defaultCountry);
	let layout: CsvLayout | null = null;
	let refusal: DomainError | null = null;
	// A record starts where the previous one ended (papaparse's cursor is past its line break).
	let offset = 0;
	let line = 1;
	Papa.parse<string[]>(text, {
		step(result, parser) {
			const startLine = line;
			const end = result.meta.cursor;
			for (let i = offset; i < end; i++) if (text.charCodeAt(i) === 10) line++;
			offset = end;
			try {
				if (result.errors.some((error) => error.type === 'Quotes')) {
					throw new DomainError('err_import_csv_malformed', { line: startLine });
				}
				if (result.data.every((cell) => cell.trim() === '')) return;
				if (!layout) {
					layout = csvLayout(result.data, defaultCountry);
					return;
				}
				if (rows.rows.length >= maxRows) {
					throw new DomainError('err_import_too_many_rows', { max: maxRows });
				}
				rows.add(rawFromCells(result.data, startLine, layout));
			} catch (error) {
				if (!(error instanceof DomainError)) throw error;
				refusal = error;
				parser.abort();
			}
		}
	});
	if (refusal) throw refusal;
	if (!layout) throw new DomainError('err_import_empty');
	return {
		format: 'csv',
		rows: rows.rows,
		ignoredColumns: (layout as CsvLayout).ignored,
		countryAssumed: rows.countryAssumed
	};
}

// ——— JSON ———

function plainObject(value: unknown): Record<string, unknown> | null {
	return value !== null && typeof value === 'object' && !Array.isArray(value)
		? (value as Record<string, unknown>)
		: null;
}

function own(record: Record<string, unknown> | null, key: string): unknown {
	return record && Object.hasOwn(record, key) ? record[key] : undefined;
}

function objectType(value: Record<string, unknown>): unknown {
	return own(plainObject(own(value, 'attributes')), 'objectType');
}

function rawFromCustomer(item: unknown, line: number): RawCustomer | ImportRow {
	const rebuilt = rebuildPlain(item);
	const customer = rebuilt.ok ? plainObject(rebuilt.value) : null;
	if (!customer) return { line, status: 'rejected', errors: { row: 'err_import_row_unsafe' } };
	const company = plainObject(own(customer, 'companyProfile'));
	const address = plainObject(own(company, 'address'));
	const billing = plainObject(own(customer, 'billingProfile'));
	const billingAddress = plainObject(own(billing, 'defaultAddress'));
	const addressCountry = anyFilled(address ?? {}, addressKeys)
		? own(address, 'country')
		: undefined;
	return {
		line,
		tenantId: own(company, 'tenantId') ?? own(customer, 'id'),
		id: own(customer, 'id'),
		companyName: own(company, 'companyName'),
		domain: own(company, 'domain'),
		country: isBlank(addressCountry) ? own(billingAddress, 'country') : addressCountry,
		relationship: own(customer, 'relationshipToPartner'),
		delegatedAdmin: own(customer, 'allowDelegatedAccess'),
		address,
		billing:
			billing && (billingAddress || anyFilled(billing, billingContactKeys))
				? { ...billing, defaultAddress: billingAddress ?? undefined }
				: null
	};
}

/** Parses a Partner Center `Customer` or `Collection` of customers. */
export function parseCustomerJson(text: string, options: ParseOptions = {}): ParsedImport {
	const maxRows = options.maxRows ?? MAX_IMPORT_ROWS;
	let top: unknown;
	try {
		top = JSON.parse(text);
	} catch {
		throw new DomainError('err_import_json_malformed');
	}
	const root = plainObject(top);
	if (!root) throw new DomainError('err_import_json_shape');
	const type = objectType(root);
	const items = own(root, 'items');
	let list: unknown[];
	if (type === 'Collection' || (type === undefined && Array.isArray(items))) {
		if (!Array.isArray(items)) throw new DomainError('err_import_json_shape');
		list = items;
	} else if (type === 'Customer' || (type === undefined && own(root, 'companyProfile'))) {
		list = [root];
	} else {
		throw new DomainError('err_import_json_shape');
	}
	if (list.length > maxRows) throw new DomainError('err_import_too_many_rows', { max: maxRows });
	const rows = new ImportRows(defaultCountryOf(options));
	list.forEach((item, index) => rows.add(rawFromCustomer(item, index + 1)));
	return {
		format: 'json',
		rows: rows.rows,
		ignoredColumns: [],
		countryAssumed: rows.countryAssumed
	};
}
