import { describe, expect, it } from 'vitest';
import {
	booleanFromText,
	dateFromText,
	decodeImportText,
	parseCustomerCsv,
	parseCustomerFile,
	parseCustomerJson,
	relationshipFromText,
	type ImportRow,
	type ParseOptions
} from './customer-import';
import { DomainError, type ErrorCode } from './errors';

const T1 = '0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f1';
const T2 = '1a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d';
const T3 = '2b3c4d5e-6f7a-4b2c-9d3e-4f5a6b7c8d9e';

const utf8 = (text: string) => new TextEncoder().encode(text);

function csv(text: string, options: ParseOptions = {}) {
	return parseCustomerFile({ name: 'customers.csv', bytes: utf8(text) }, options);
}

function json(value: unknown, options: ParseOptions = {}) {
	return parseCustomerFile(
		{
			name: 'customers.json',
			bytes: utf8(typeof value === 'string' ? value : JSON.stringify(value))
		},
		options
	);
}

/** The DomainError code (and params) a call throws. */
function refusal(run: () => unknown): { code: ErrorCode; params: Record<string, unknown> } {
	try {
		run();
	} catch (error) {
		if (error instanceof DomainError) return { code: error.code, params: error.params };
		throw error;
	}
	throw new Error('expected a refusal');
}

function valid(rows: ImportRow[]) {
	return rows.filter((row) => row.status === 'valid').map((row) => row.value!);
}

const header = 'Company name,Domain,Tenant ID,Country,Relationship,Delegated admin';

describe('decoding', () => {
	const text = `${header}\nSociété Générale Café,cafe.example.com,${T1},FR,Reseller,yes\n`;

	function utf16(value: string, bigEndian: boolean): Uint8Array {
		const out = new Uint8Array(2 + value.length * 2);
		out.set(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]);
		for (let i = 0; i < value.length; i++) {
			const code = value.charCodeAt(i);
			out[2 + i * 2] = bigEndian ? code >> 8 : code & 0xff;
			out[3 + i * 2] = bigEndian ? code & 0xff : code >> 8;
		}
		return out;
	}

	it.each([
		['UTF-8', utf8(text)],
		['UTF-8 with BOM', new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(text)])],
		['UTF-16 LE with BOM', utf16(text, false)],
		['UTF-16 BE with BOM', utf16(text, true)]
	])('reads %s, accents and all', (_, bytes) => {
		const parsed = parseCustomerFile({ name: 'c.csv', bytes });
		expect(valid(parsed.rows)).toMatchObject([
			{ companyName: 'Société Générale Café', tenantId: T1, country: 'FR' }
		]);
	});

	it('refuses Windows-1252 (é as one byte 0xE9) instead of guessing', () => {
		const bytes = utf8(text.replace('Société', 'Soci_t_'));
		bytes[bytes.indexOf('_'.charCodeAt(0))] = 0xe9;
		expect(refusal(() => parseCustomerFile({ name: 'c.csv', bytes })).code).toBe(
			'err_import_encoding'
		);
	});

	it('refuses UTF-16 without BOM and binary content', () => {
		const noBom = utf16(text, false).slice(2);
		expect(() => decodeImportText(noBom)).toThrow(DomainError);
		const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00]);
		expect(refusal(() => parseCustomerFile({ name: 'c', bytes: zip })).code).toBe(
			'err_import_encoding'
		);
	});
});

describe('what cannot be read at all', () => {
	it.each<[string, () => unknown, ErrorCode]>([
		['an empty file', () => csv(''), 'err_import_empty'],
		['only blank lines', () => csv('\n  \n\n'), 'err_import_empty'],
		['a header and no rows', () => csv(`${header}\n`), 'err_import_empty'],
		[
			'a spreadsheet',
			() => parseCustomerFile({ name: 'c.xlsx', bytes: utf8('x') }),
			'err_import_format'
		],
		[
			'a .json file that is no JSON',
			() => json('Company name,Domain'),
			'err_import_json_malformed'
		],
		['JSON that is an array', () => json([{ id: T1 }]), 'err_import_json_shape'],
		[
			'JSON of another object type',
			() => json({ attributes: { objectType: 'Order' } }),
			'err_import_json_shape'
		],
		[
			'a Collection without items',
			() => json({ attributes: { objectType: 'Collection' } }),
			'err_import_json_shape'
		],
		[
			'an unterminated quote',
			() => csv(`${header}\n"Contoso,contoso.com,${T1},FR,,\n`),
			'err_import_csv_malformed'
		]
	])('refuses %s', (_, run, code) => {
		expect(refusal(run).code).toBe(code);
	});

	it('refuses a file over the size limit before reading it', () => {
		const bytes = utf8(`${header}\nContoso,contoso.com,${T1},FR,,\n`);
		expect(refusal(() => parseCustomerFile({ name: 'c.csv', bytes }, { maxBytes: 20 }))).toEqual({
			code: 'err_import_too_large',
			params: { maxMiB: 0 }
		});
	});

	it('refuses more rows than the limit, in CSV and JSON, and takes exactly the limit', () => {
		const rows = [T1, T2, T3].map((t, i) => `Contoso ${i},c${i}.example.com,${t},FR,,`);
		const text = `${header}\n${rows.join('\n')}\n`;
		expect(refusal(() => csv(text, { maxRows: 2 }))).toEqual({
			code: 'err_import_too_many_rows',
			params: { max: 2 }
		});
		expect(csv(text, { maxRows: 3 }).rows).toHaveLength(3);
		const items = [T1, T2, T3].map((tenantId) => ({
			companyProfile: { tenantId, domain: 'c.example.com', companyName: 'Contoso' }
		}));
		expect(refusal(() => json({ items }, { maxRows: 2 })).code).toBe('err_import_too_many_rows');
	});

	it('gives the line of an unterminated quote', () => {
		const text = `${header}\nContoso,contoso.com,${T1},FR,,\n\n"Fabrikam,fabrikam.com,${T2},FR,,\n`;
		expect(refusal(() => csv(text))).toEqual({
			code: 'err_import_csv_malformed',
			params: { line: 4 }
		});
	});

	it.each([
		['Company name', 'Domain,Tenant ID,Country'],
		['Domain', 'Company name,Tenant ID,Country'],
		['Tenant ID', 'Company name,Domain,Country'],
		['Country', 'Company name,Domain,Tenant ID']
	])('refuses the whole file without a %s column, naming it', (column, columns) => {
		expect(refusal(() => csv(`${columns}\na,b,c\n`))).toEqual({
			code: 'err_import_column_missing',
			params: { column }
		});
	});

	it('refuses two columns that mean the same', () => {
		expect(refusal(() => csv(`${header},Microsoft ID\n`))).toEqual({
			code: 'err_import_column_duplicate',
			params: { column: 'Microsoft ID' }
		});
	});
});

describe('CSV', () => {
	it("reads Partner Center's own export (no country: the default one, counted)", () => {
		const text = [
			'Microsoft ID,Company name,Primary domain name,Relationship,Tags',
			`${T1},Contoso Ltd,contoso.onmicrosoft.com,Cloud Reseller,vip`,
			`${T2},Fabrikam,fabrikam.onmicrosoft.com,Indirect reseller,`,
			`${T3},Tailspin Toys,tailspin.onmicrosoft.com,Advisor,`
		].join('\r\n');
		const parsed = csv(text, { defaultCountry: 'fr' });
		expect(parsed.format).toBe('csv');
		expect(parsed.ignoredColumns).toEqual(['Tags']);
		expect(parsed.countryAssumed).toBe(3);
		expect(valid(parsed.rows)).toEqual([
			{
				tenantId: T1,
				companyName: 'Contoso Ltd',
				domain: 'contoso.onmicrosoft.com',
				country: 'FR',
				countryAssumed: true,
				relationship: 'reseller',
				delegatedAdmin: null,
				since: null,
				companyProfile: null,
				billingProfile: null
			},
			expect.objectContaining({ tenantId: T2, relationship: 'reseller' }),
			expect.objectContaining({ tenantId: T3, relationship: 'advisor' })
		]);
	});

	it('matches headers whatever their case, spacing and punctuation; detects ;', () => {
		const text = [
			'COMPANYNAME; primary  domain name ;TenantId;Country/Region;relationshipToPartner;DAP',
			`Contoso;CONTOSO.com;${T1.toUpperCase()}; de ;none;Non`
		].join('\n');
		expect(valid(csv(text).rows)).toEqual([
			expect.objectContaining({
				companyName: 'Contoso',
				domain: 'contoso.com',
				tenantId: T1,
				country: 'DE',
				countryAssumed: false,
				relationship: 'none',
				delegatedAdmin: false
			})
		]);
	});

	it('keeps the valid rows of a partly wrong file and says, per field, what is wrong', () => {
		const text = [
			header,
			`Contoso,contoso.com,${T1},FR,Reseller,yes`,
			'Fabrikam,fabrikam,not-a-guid,XX,Partner,maybe',
			`Inc,tailspin.com,${T2},FR,,`,
			`Tailspin,tailspin.com,${T3},,,`
		].join('\n');
		const { rows } = csv(text);
		expect(rows.map((row) => [row.line, row.status])).toEqual([
			[2, 'valid'],
			[3, 'rejected'],
			[4, 'rejected'],
			[5, 'rejected']
		]);
		expect(rows[1]).toMatchObject({
			companyName: 'Fabrikam',
			tenantId: 'not-a-guid',
			errors: {
				tenantId: 'err_tenant_id_format',
				domain: 'err_customer_domain_format',
				country: 'err_country_unknown',
				relationship: 'err_import_relationship_unknown',
				delegatedAdmin: 'err_import_yes_no'
			}
		});
		expect(rows[2]!.errors).toEqual({ companyName: 'err_org_name_legal_form' });
		expect(rows[3]!.errors).toEqual({ country: 'err_required' });
	});

	it('rejects later rows repeating a tenant id', () => {
		const text = [
			header,
			`Contoso,contoso.com,${T1},FR,,`,
			`Contoso again,contoso.fr,${T1.toUpperCase()},FR,,`,
			`Fabrikam,fabrikam.com,${T2},FR,,`
		].join('\n');
		const { rows } = csv(text);
		expect(rows[1]).toMatchObject({
			line: 3,
			status: 'rejected',
			errors: { tenantId: 'err_import_duplicate_tenant' }
		});
		expect(valid(rows).map((row) => row.tenantId)).toEqual([T1, T2]);
	});

	it('numbers lines as a text editor does: quoted line breaks and blank lines count', () => {
		const text = [
			header,
			'',
			`"Contoso ""North""",contoso.com,${T1},FR,,`,
			`"Fabrikam`,
			`Two lines",fabrikam,${T2},FR,,`,
			'  ',
			`Tailspin,tailspin,${T3},FR,,`
		].join('\n');
		const { rows } = csv(text);
		expect(rows.map((row) => [row.line, row.companyName])).toEqual([
			[3, 'Contoso "North"'],
			[4, 'Fabrikam Two lines'],
			[7, 'Tailspin']
		]);
	});

	it('rejects a row with extra filled cells (a stray comma), not one with empty ones', () => {
		const text = [
			header,
			`Contoso, Inc,contoso.com,${T1},FR,Reseller,yes`,
			`Fabrikam,fabrikam.com,${T2},FR,,,,`,
			`Tailspin,tailspin.com,${T3}`
		].join('\n');
		const { rows } = csv(text, { defaultCountry: 'FR' });
		expect(rows.map((row) => row.status)).toEqual(['rejected', 'valid', 'valid']);
		expect(rows[0]!.errors).toEqual({ row: 'err_import_row_columns' });
		expect(rows[2]!.value!.countryAssumed).toBe(true);
	});

	it('reads an address and a billing contact, checked with the country rules', () => {
		const columns =
			'Company name,Domain,Tenant ID,Country,Address line 1,City,State,ZIP code,Billing first name,Billing last name,Billing email,Culture';
		const text = [
			columns,
			`Contoso,contoso.com,${T1},US,1 Microsoft Way,Redmond,wa,98052,Gena,Soto,gena@contoso.com,EN-US`,
			`Fabrikam,fabrikam.com,${T2},FR,1 rue de Rivoli,Paris,,7500,,,,`,
			`Tailspin,tailspin.com,${T3},US,2 Main St,Seattle,WA,98101,Ann,Lee,not-an-email,`
		].join('\n');
		const { rows } = csv(text);
		expect(rows[0]!.value).toMatchObject({
			companyProfile: {
				tenantId: T1,
				companyName: 'Contoso',
				address: { addressLine1: '1 Microsoft Way', city: 'Redmond', state: 'WA', country: 'US' }
			},
			billingProfile: {
				firstName: 'Gena',
				email: 'gena@contoso.com',
				culture: 'en-US',
				companyName: 'Contoso',
				defaultAddress: { postalCode: '98052' }
			}
		});
		expect(rows[1]).toMatchObject({
			status: 'rejected',
			errors: { 'address.postalCode': 'err_postal_code_format' }
		});
		expect(rows[2]).toMatchObject({
			status: 'rejected',
			errors: { 'billingProfile.email': 'err_email_invalid' }
		});
	});

	it('takes back the apostrophe our export put before a formula-like cell', () => {
		const text = `${header}\n'=Contoso+1,contoso.com,${T1},FR,,\n'Plain,plain.com,${T2},FR,,\n`;
		expect(valid(csv(text).rows).map((row) => row.companyName)).toEqual(['=Contoso+1', "'Plain"]);
	});

	it('reads a Since date and refuses other date forms', () => {
		const text = `${header},Since\nContoso,contoso.com,${T1},FR,,,2024-05-31\nFabrikam,fabrikam.com,${T2},FR,,,31/05/2024\n`;
		const { rows } = csv(text);
		expect(rows[0]!.value!.since).toBe(Date.UTC(2024, 4, 31));
		expect(rows[1]!.errors).toEqual({ since: 'err_import_date_format' });
	});

	it('reads 100,000 rows in linear time', () => {
		const lines = [header];
		for (let i = 0; i < 100_000; i++) {
			const hex = i.toString(16).padStart(12, '0');
			lines.push(`Contoso ${i},c${i}.example.com,0f1e2d3c-4b5a-4978-8695-${hex},FR,Reseller,no`);
		}
		const text = lines.join('\n');
		const started = performance.now();
		const parsed = parseCustomerCsv(text);
		const elapsed = performance.now() - started;
		expect(parsed.rows).toHaveLength(100_000);
		expect(parsed.rows.every((row) => row.status === 'valid')).toBe(true);
		expect(elapsed).toBeLessThan(10_000);
	});
});

describe('Partner Center JSON', () => {
	const customer = {
		id: T1,
		companyProfile: {
			tenantId: T1,
			domain: 'contoso.onmicrosoft.com',
			companyName: 'Contoso',
			address: {
				country: 'US',
				city: 'Redmond',
				state: 'WA',
				addressLine1: '1 Microsoft Way',
				postalCode: '98052',
				firstName: 'Gena',
				phoneNumber: '4255550101'
			}
		},
		billingProfile: {
			firstName: 'Gena',
			lastName: 'Soto',
			email: 'gena@contoso.com',
			culture: 'EN-US',
			language: 'En',
			companyName: 'Contoso Billing',
			defaultAddress: {
				country: 'US',
				city: 'Redmond',
				state: 'WA',
				addressLine1: '1 Microsoft Way',
				postalCode: '98052'
			}
		},
		relationshipToPartner: 'reseller',
		allowDelegatedAccess: true,
		attributes: { objectType: 'Customer' }
	};

	it('reads one Customer with its profiles', () => {
		const parsed = json(customer);
		expect(parsed.format).toBe('json');
		expect(parsed.rows).toEqual([
			{
				line: 1,
				tenantId: T1,
				companyName: 'Contoso',
				status: 'valid',
				value: {
					tenantId: T1,
					companyName: 'Contoso',
					domain: 'contoso.onmicrosoft.com',
					country: 'US',
					countryAssumed: false,
					relationship: 'reseller',
					delegatedAdmin: true,
					since: null,
					companyProfile: {
						tenantId: T1,
						domain: 'contoso.onmicrosoft.com',
						companyName: 'Contoso',
						address: {
							addressLine1: '1 Microsoft Way',
							addressLine2: undefined,
							city: 'Redmond',
							state: 'WA',
							postalCode: '98052',
							country: 'US'
						}
					},
					billingProfile: expect.objectContaining({
						culture: 'en-US',
						language: 'en',
						companyName: 'Contoso Billing'
					})
				}
			}
		]);
	});

	it('reads a Collection; bad items are rejected one by one', () => {
		const text = JSON.stringify({
			totalCount: 4,
			items: [
				customer,
				{
					id: T2,
					companyProfile: { tenantId: T2, domain: 'fabrikam.com', companyName: 'Fabrikam' },
					relationshipToPartner: 'microsoft_support',
					attributes: { objectType: 'Customer' }
				},
				'not a customer',
				{ id: T3, companyProfile: { tenantId: T2, domain: 'x.com', companyName: 'Mismatch' } }
			],
			attributes: { objectType: 'Collection' }
		}).replace('"not a customer"', `{"__proto__": {"isAdmin": true}, "id": "${T3}"}`);
		const { rows, countryAssumed } = json(text, { defaultCountry: 'GB' });
		expect(rows.map((row) => [row.line, row.status])).toEqual([
			[1, 'valid'],
			[2, 'valid'],
			[3, 'rejected'],
			[4, 'rejected']
		]);
		expect(rows[1]!.value).toMatchObject({
			country: 'GB',
			countryAssumed: true,
			relationship: 'microsoft_support',
			delegatedAdmin: null
		});
		expect(countryAssumed).toBe(1);
		expect(rows[2]!.errors).toEqual({ row: 'err_import_row_unsafe' });
		expect(rows[3]!.errors).toEqual({ tenantId: 'err_import_tenant_mismatch' });
	});

	it('rejects a customer with no country when no default is given', () => {
		const { rows } = json({
			companyProfile: { tenantId: T2, domain: 'fabrikam.com', companyName: 'Fabrikam' }
		});
		expect(rows[0]).toMatchObject({ status: 'rejected', errors: { country: 'err_required' } });
	});

	it('rejects a wrong billing address with its field', () => {
		const wrong = structuredClone(customer);
		wrong.billingProfile.defaultAddress.postalCode = 'ABC';
		expect(json(wrong).rows[0]!.errors).toEqual({
			'billingProfile.defaultAddress.postalCode': 'err_postal_code_format'
		});
	});

	it('is chosen by content when the file name has no extension', () => {
		const parsed = parseCustomerFile({ name: 'export', bytes: utf8(JSON.stringify(customer)) });
		expect(parsed.format).toBe('json');
		expect(parseCustomerJson(JSON.stringify(customer)).rows[0]!.status).toBe('valid');
	});
});

describe('cell words', () => {
	it.each([
		['Reseller', 'reseller'],
		['Cloud Reseller', 'reseller'],
		['indirect_reseller', 'reseller'],
		['ADVISOR', 'advisor'],
		['None', 'none'],
		['Microsoft support', 'microsoft_support'],
		['', undefined],
		['Partner', null]
	])('relationship %j → %j', (text, expected) => {
		expect(relationshipFromText(text)).toBe(expected);
	});

	it.each([
		['yes', true],
		['TRUE', true],
		['1', true],
		['oui', true],
		['No', false],
		['false', false],
		['0', false],
		[' ', undefined],
		['maybe', null]
	])('yes/no %j → %j', (text, expected) => {
		expect(booleanFromText(text)).toBe(expected);
	});

	it.each([
		['2024-05-31', Date.UTC(2024, 4, 31)],
		['2024-05-31T10:00:00Z', Date.UTC(2024, 4, 31, 10)],
		['2024-02-30x', null],
		['yesterday', null],
		['', undefined]
	])('date %j → %j', (text, expected) => {
		expect(dateFromText(text)).toBe(expected);
	});
});
