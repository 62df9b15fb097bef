// Test data of `npm run bench:customers`: a Partner Center–style customer export (CSV) with any
// number of rows, the same for a given seed. Imported by bench/customers.bench-run.ts (in the
// browser) and by scripts/bench-customers.mjs (in Node), so both halves measure the same file.
//
// Company names mix English, French, German, Spanish, Portuguese, Nordic, Polish, Czech and
// Turkish words, with accents and letters that do not fold to ASCII (ł, ø, ß); each language
// comes with its countries, legal forms and top-level domains. Domains are `<name><n>.onmicrosoft.com`
// or a company domain (`<name>-<n>.<tld>`), tenant ids random GUIDs, relationships as Partner
// Center writes them.

/** The columns of Partner Center's "Export customers" file, plus what our importer also reads. */
export const benchCsvHeader = [
	'Microsoft ID',
	'Company name',
	'Primary domain name',
	'Country/Region',
	'Relationship',
	'Delegated admin',
	'Customer since',
	'Tags'
];

/**
 * @typedef {{ words: string[], trades: string[], forms: string[], countries: string[], tlds: string[] }} Language
 */

/** @type {Language[]} */
const languages = [
	{
		words: [
			'Contoso',
			'Fabrikam',
			'Northwind',
			'Tailspin',
			'Wingtip',
			'Litware',
			'Proseware',
			'Woodgrove',
			'Adatum',
			'Relecloud',
			'Coho',
			'Lamna',
			'Humongous',
			'VanArsdel',
			'Wide World',
			'Blue Yonder',
			'Fourth Coffee',
			"Margie's"
		],
		trades: ['Consulting', 'Digital', 'Systems', 'Logistics', 'Trading', 'Software', 'Holdings'],
		forms: ['Ltd', 'Inc.', 'LLC', 'PLC', 'Pty Ltd'],
		countries: ['US', 'GB', 'IE', 'AU', 'CA'],
		tlds: ['com', 'co.uk', 'ie', 'com.au']
	},
	{
		words: [
			'Société',
			'Café',
			'Boulangerie',
			'Crème',
			'Éléphant',
			'Hôtel',
			'Château',
			'Forêt',
			'Pâtisserie',
			'Légère',
			'Contoso',
			'Élysée',
			'Cœur'
		],
		trades: ['Conseil', 'Informatique', 'Numérique', 'Services', 'Négoce', 'Télécom'],
		forms: ['SA', 'SAS', 'SARL', 'EURL', 'SASU'],
		countries: ['FR', 'BE', 'CH', 'LU', 'CA'],
		tlds: ['fr', 'be', 'ch', 'lu']
	},
	{
		words: [
			'Müller',
			'Bäckerei',
			'Größe',
			'Schön',
			'Grün',
			'Käse',
			'Brücke',
			'Zürich',
			'Weiß',
			'Nordwind',
			'Fabrikam'
		],
		trades: ['Technik', 'Handel', 'Systeme', 'Logistik', 'Beratung', 'Datentechnik'],
		forms: ['GmbH', 'AG', 'KG', 'GmbH & Co. KG', 'e.K.'],
		countries: ['DE', 'AT', 'CH', 'LI'],
		tlds: ['de', 'at', 'ch']
	},
	{
		words: [
			'Compañía',
			'Señorío',
			'Peña',
			'Cañón',
			'Araña',
			'Jalapeño',
			'Logroño',
			'Córdoba',
			'Málaga',
			'Contoso'
		],
		trades: ['Soluciones', 'Servicios', 'Tecnología', 'Consultoría', 'Distribución'],
		forms: ['S.L.', 'S.A.', 'S.A. de C.V.', 'S.R.L.'],
		countries: ['ES', 'MX', 'AR', 'CO', 'CL'],
		tlds: ['es', 'com.mx', 'com.ar', 'co']
	},
	{
		words: ['São', 'Ação', 'Coração', 'Limão', 'Fabrikam', 'Conceição', 'Avô'],
		trades: ['Tecnologia', 'Serviços', 'Soluções', 'Informática', 'Comércio'],
		forms: ['Lda', 'S.A.', 'Ltda.', 'ME'],
		countries: ['PT', 'BR', 'AO'],
		tlds: ['pt', 'com.br']
	},
	{
		words: ['Åkerlund', 'Øresund', 'Björk', 'Ærø', 'Gävle', 'Mjölner', 'Kärnä', 'Fjørd'],
		trades: ['Data', 'Konsult', 'Teknik', 'Systemer', 'Palvelut', 'Handel'],
		forms: ['AB', 'AS', 'ApS', 'Oy', 'A/S'],
		countries: ['SE', 'NO', 'DK', 'FI', 'IS'],
		tlds: ['se', 'no', 'dk', 'fi']
	},
	{
		words: ['Łódź', 'Żabka', 'Dvořák', 'Kraków', 'Gdańsk', 'Şeker', 'Çiçek', 'Öztürk', 'Brno'],
		trades: ['Informatyka', 'Usługi', 'Systémy', 'Bilişim', 'Danışmanlık', 'Technologie'],
		forms: ['sp. z o.o.', 's.r.o.', 'a.s.', 'A.Ş.', 'Ltd. Şti.'],
		countries: ['PL', 'CZ', 'SK', 'TR'],
		tlds: ['pl', 'cz', 'sk', 'com.tr']
	}
];

/** Shares of the languages, in the order above (sum 1). */
const languageWeights = [0.34, 0.2, 0.16, 0.12, 0.07, 0.06, 0.05];

/** Partner Center's `Relationship` column, with how often each appears. */
const relationships = /** @type {const} */ ([
	['Reseller', 0.62],
	['Cloud Reseller', 0.1],
	['Indirect reseller', 0.08],
	['Advisor', 0.1],
	['None', 0.1]
]);

const tags = ['', '', '', 'Key account', 'Education', 'Public sector', 'Nonprofit'];

/** A small, fast, seeded PRNG (mulberry32): the same seed gives the same file. */
function generator(seed = 20_250_601) {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
}

/**
 * @template T
 * @param {() => number} random
 * @param {readonly T[]} list
 * @returns {T}
 */
function pick(random, list) {
	return /** @type {T} */ (list[Math.floor(random() * list.length)]);
}

/**
 * @param {() => number} random
 * @param {readonly number[]} weights
 */
function weighted(random, weights) {
	let r = random();
	for (let i = 0; i < weights.length; i++) {
		r -= /** @type {number} */ (weights[i]);
		if (r < 0) return i;
	}
	return weights.length - 1;
}

/** @param {() => number} random */
function guid(random) {
	const hex = () =>
		Math.floor(random() * 4_294_967_296)
			.toString(16)
			.padStart(8, '0');
	const [a, b, c, d] = [hex(), hex(), hex(), hex()];
	const variant = '89ab'[Math.floor(random() * 4)];
	return `${a}-${b.slice(0, 4)}-4${b.slice(5)}-${variant}${c.slice(0, 3)}-${c.slice(3)}${d.slice(0, 7)}`;
}

/** Letters and digits of a name, without accents, lower case (ł, ø, ß, æ, œ spelled out). */
export function asciiSlug(/** @type {string} */ text) {
	return text
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/ł/g, 'l')
		.replace(/ø/g, 'o')
		.replace(/ß/g, 'ss')
		.replace(/æ/g, 'ae')
		.replace(/œ/g, 'oe')
		.replace(/ı/g, 'i')
		.replace(/[^a-z0-9]+/g, ' ')
		.trim();
}

/** A CSV cell, quoted when it must be (RFC 4180). */
function cell(/** @type {string} */ value) {
	return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * @typedef {{ tenantId: string, companyName: string, domain: string, country: string }} BenchCustomer
 */

/**
 * The customers of the file, row by row.
 * @param {number} count
 * @param {number} [seed]
 * @returns {Generator<BenchCustomer & { relationship: string, delegatedAdmin: string, since: string, tags: string }>}
 */
export function* benchCustomers(count, seed) {
	const random = generator(seed);
	const start = Date.UTC(2015, 0, 1);
	const span = Date.UTC(2025, 0, 1) - start;
	for (let i = 0; i < count; i++) {
		const language = /** @type {Language} */ (languages[weighted(random, languageWeights)]);
		const first = pick(random, language.words);
		const shape = random();
		let base;
		if (shape < 0.55) base = `${first} ${pick(random, language.trades)}`;
		else if (shape < 0.85) {
			const second = pick(random, language.words);
			base = second === first ? `${first} ${pick(random, language.trades)}` : `${first} ${second}`;
		} else base = `${first} ${pick(random, language.trades)} ${1 + Math.floor(random() * 99)}`;
		const form = random() < 0.8 ? ` ${pick(random, language.forms)}` : '';
		const companyName = `${base}${form}`;
		const slug = asciiSlug(base);
		const serial = i.toString(36);
		const domain =
			random() < 0.7
				? `${slug.replace(/ /g, '').slice(0, 20)}${serial}.onmicrosoft.com`
				: `${slug.replace(/ /g, '-').slice(0, 30).replace(/-$/, '')}-${serial}.${pick(random, language.tlds)}`;
		const relationship =
			relationships[
				weighted(
					random,
					relationships.map(([, w]) => w)
				)
			]?.[0];
		yield {
			tenantId: guid(random),
			companyName,
			domain,
			country: pick(random, language.countries),
			relationship: relationship ?? 'Reseller',
			delegatedAdmin: random() < 0.4 ? 'Yes' : 'No',
			since: new Date(start + Math.floor(random() * span)).toISOString().slice(0, 10),
			tags: pick(random, tags)
		};
	}
}

/**
 * The whole file as text: a UTF-8 BOM (as Partner Center and spreadsheets write it), the header,
 * one line per customer, CRLF line ends.
 * @param {number} count
 * @param {number} [seed]
 */
export function benchCustomerCsv(count, seed) {
	const lines = [benchCsvHeader.map(cell).join(',')];
	for (const c of benchCustomers(count, seed)) {
		lines.push(
			[
				c.tenantId,
				c.companyName,
				c.domain,
				c.country,
				c.relationship,
				c.delegatedAdmin,
				c.since,
				c.tags
			]
				.map(cell)
				.join(',')
		);
	}
	return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/**
 * What the benchmarks type in the search box, one keystroke at a time: a brand, an accented word,
 * two words, a letter that does not fold (ł), and the start of one customer's domain (the first
 * `.onmicrosoft.com` one of the file, up to `.onm`).
 * @param {number} count the file's number of rows (the domain is taken from its first rows)
 * @param {number} [seed]
 */
export function benchSearchQueries(count, seed) {
	let domain = 'contoso.onm';
	for (const c of benchCustomers(Math.min(count, 200), seed)) {
		if (c.domain.endsWith('.onmicrosoft.com')) {
			domain = c.domain.slice(0, c.domain.indexOf('.onmicrosoft.com') + 4);
			break;
		}
	}
	return ['contoso', 'café', 'müller bä', 'łódź', domain];
}

/** Each query as typed: "c", "co", "con"… */
export function keystrokes(/** @type {string} */ query) {
	const chars = [...query];
	return chars.map((_, i) => chars.slice(0, i + 1).join(''));
}
