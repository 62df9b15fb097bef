import { z } from 'zod';
import { foldForSearch } from './audit';
import { isCountryCode } from './countries';
import { findCspRegion, type CspRegion } from './regions';

/** The services an indirect provider offers its resellers, as "Find a provider" lists them. */
export const providerServices = [
	'technical_training_support',
	'marketing_help',
	'credit_financing'
] as const;
export type ProviderService = (typeof providerServices)[number];

const hostOf = (url: string) => new URL(url).hostname;

/**
 * One indirect provider (distributor) as "Find a provider" shows it. Entries of the shipped
 * directory have every field; a provider known only from this browser has no city, website,
 * contact email or MPN ID (null). The contact email is on the website's domain.
 */
export const directoryProviderSchema = z
	.strictObject({
		id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
		name: z.string().trim().min(1).max(200),
		country: z.string().refine(isCountryCode),
		city: z.string().trim().min(1).max(100).nullable(),
		services: z
			.array(z.enum(providerServices))
			.max(providerServices.length)
			.refine((services) => new Set(services).size === services.length),
		website: z.url({ protocol: /^https$/ }).nullable(),
		contactEmail: z.email().nullable(),
		mpnId: z
			.string()
			.regex(/^\d{6,10}$/)
			.nullable(),
		source: z.enum(['directory', 'browser']).optional()
	})
	.refine(
		(entry) =>
			!entry.website ||
			!entry.contactEmail ||
			entry.contactEmail.split('@')[1] === hostOf(entry.website).replace(/^www\./, ''),
		{ path: ['contactEmail'], message: 'contact email not on the website domain' }
	);
export type DirectoryProvider = z.infer<typeof directoryProviderSchema>;

type Seed = [
	id: string,
	name: string,
	country: string,
	city: string,
	services: ProviderService[],
	domain: string,
	mailbox: string,
	mpnId: string
];

const T: ProviderService = 'technical_training_support';
const M: ProviderService = 'marketing_help';
const C: ProviderService = 'credit_financing';

// Fictitious distributors on `.example` domains (reserved, never resolvable): any likeness to a
// real company is accidental. Spread over regions so that every reseller finds some nearby.
// prettier-ignore
const seeds: Seed[] = [
	// Europe
	['nuage-reseau', 'Nuage Réseau Distribution', 'FR', 'Paris', [T, M, C], 'nuage-reseau.example', 'partenaires', '4620173'],
	['lumiere-cloud', 'Lumière Cloud Grossiste', 'FR', 'Lyon', [T, C], 'lumiere-cloud.example', 'revendeurs', '4620488'],
	['atlantique-numerique', 'Atlantique Numérique', 'FR', 'Nantes', [M], 'atlantique-numerique.example', 'contact', '4621902'],
	['rheinwolke', 'Rheinwolke Distribution', 'DE', 'Köln', [T, M], 'rheinwolke.example', 'partner', '5103347'],
	['isarcloud', 'Isarcloud Großhandel', 'DE', 'München', [C], 'isarcloud.example', 'vertrieb', '5104420'],
	['thamesbridge', 'Thamesbridge Cloud Distribution', 'GB', 'London', [T, M, C], 'thamesbridge.example', 'partners', '3307615'],
	['polder-cloud', 'Polder Cloud Partners', 'NL', 'Utrecht', [T], 'polder-cloud.example', 'partners', '5881290'],
	['meseta-nube', 'Meseta Nube Distribución', 'ES', 'Madrid', [M, C], 'meseta-nube.example', 'socios', '6012248'],
	['norrsken-moln', 'Norrsken Molntjänster', 'SE', 'Göteborg', [T, M], 'norrsken-moln.example', 'partner', '6245031'],
	['wisla-cloud', 'Wisła Cloud Dystrybucja', 'PL', 'Kraków', [T, C], 'wisla-cloud.example', 'partnerzy', '6390057'],
	// United States and Canada
	['cascade-peak', 'Cascade Peak Distribution', 'US', 'Seattle', [T, M, C], 'cascade-peak.example', 'partners', '2104418'],
	['lone-star-cloud', 'Lone Star Cloud Supply', 'US', 'Austin', [C], 'lone-star-cloud.example', 'resellers', '2105593'],
	['peachtree-channel', 'Peachtree Channel Cloud', 'US', 'Atlanta', [T, M], 'peachtree-channel.example', 'channel', '2107730'],
	['maple-relay', 'Maple Relay Distribution', 'CA', 'Toronto', [T, C], 'maple-relay.example', 'partners', '2560214'],
	['fleuve-nuagique', 'Fleuve Nuagique Distribution', 'CA', 'Montréal', [M], 'fleuve-nuagique.example', 'partenaires', '2561187'],
	// Latin America & Caribbean, Brazil
	['ajolote-nube', 'Ajolote Nube Mayorista', 'MX', 'Ciudad de México', [T, M], 'ajolote-nube.example', 'socios', '7023361'],
	['condor-cloud', 'Cóndor Cloud Mayorista', 'CO', 'Bogotá', [T, C], 'condor-cloud.example', 'canal', '7024470'],
	['pampa-digital', 'Pampa Digital Distribución', 'AR', 'Buenos Aires', [M, C], 'pampa-digital.example', 'canales', '7025518'],
	['ipe-nuvem', 'Ipê Nuvem Distribuidora', 'BR', 'São Paulo', [T, M, C], 'ipe-nuvem.example', 'parceiros', '7310924'],
	// Asia Pacific, Japan, India, Australia, New Zealand
	['merlion-channel', 'Merlion Channel Cloud', 'SG', 'Singapore', [T, M], 'merlion-channel.example', 'partners', '8051136'],
	['victoria-harbour', 'Victoria Harbour Cloud Distribution', 'HK', 'Hong Kong', [C], 'victoria-harbour.example', 'partners', '8052279'],
	['kumo-bridge', 'Kumo Bridge Distribution', 'JP', 'Ōsaka', [T], 'kumo-bridge.example', 'partners', '8203345'],
	['deccan-cloud', 'Deccan Cloud Distribution', 'IN', 'Bengaluru', [T, M, C], 'deccan-cloud.example', 'partners', '8420761'],
	['southern-cross', 'Southern Cross Cloud Wholesale', 'AU', 'Sydney', [T, C], 'southern-cross.example', 'resellers', '8611802'],
	['kowhai-cloud', 'Kōwhai Cloud Distribution', 'NZ', 'Auckland', [M], 'kowhai-cloud.example', 'kiaora', '8612915'],
	// Africa
	['highveld-cloud', 'Highveld Cloud Distribution', 'ZA', 'Johannesburg', [T, M, C], 'highveld-cloud.example', 'partners', '9101438'],
	['savanna-cloud', 'Savanna Cloud Distributors', 'KE', 'Nairobi', [T], 'savanna-cloud.example', 'partners', '9102546'],
	['atlas-nuage', 'Atlas Nuage Distribution', 'MA', 'Casablanca', [T, M], 'atlas-nuage.example', 'partenaires', '9103651'],
	// Middle East / Central & Eastern Europe
	['dune-cloud', 'Dune Cloud Distribution', 'AE', 'Dubai', [T, M, C], 'dune-cloud.example', 'partners', '9504172'],
	['bogazici-bulut', 'Boğaziçi Bulut Dağıtım', 'TR', 'İstanbul', [C], 'bogazici-bulut.example', 'bayi', '9505283']
];

/** The "Find a provider" directory shipped with the app. */
export const providerDirectory: readonly DirectoryProvider[] = Object.freeze(
	seeds.map(([id, name, country, city, services, domain, mailbox, mpnId]) =>
		Object.freeze({
			id,
			name,
			country,
			city,
			services,
			website: `https://www.${domain}/`,
			contactEmail: `${mailbox}@${domain}`,
			mpnId,
			source: 'directory' as const
		})
	)
);

export interface ProviderFilter {
	/** case- and accent-insensitive, over name and city */
	text?: string;
	region?: CspRegion | '';
	country?: string;
	service?: ProviderService | '';
}

/** The entries that pass every filter given, in their order. */
export function filterProviders<T extends DirectoryProvider>(
	entries: readonly T[],
	{ text = '', region = '', country = '', service = '' }: ProviderFilter
): T[] {
	const needle = foldForSearch(text.trim());
	return entries.filter(
		(entry) =>
			(!region || findCspRegion(entry.country) === region) &&
			(!country || entry.country === country.toUpperCase()) &&
			(!service || entry.services.includes(service)) &&
			(!needle || foldForSearch(`${entry.name}\n${entry.city ?? ''}`).includes(needle))
	);
}

/**
 * A `mailto:` link that opens an email draft (RFC 6068): the address kept readable, subject and
 * body percent-encoded, line breaks as CRLF.
 */
export function mailtoHref(to: string, subject: string, body: string): string {
	const encode = (text: string) => encodeURIComponent(text.replace(/\r?\n/g, '\r\n'));
	const address = to.split('@').map(encodeURIComponent).join('@');
	return `mailto:${address}?subject=${encode(subject)}&body=${encode(body)}`;
}
