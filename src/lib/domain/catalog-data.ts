import {
	offerSchema,
	productIdOf,
	type BillingCycle,
	type Offer,
	type OfferCategory,
	type TermDuration
} from './catalog';
import { countriesOfRegion, cspRegions } from './regions';

/**
 * The offer catalogue shipped with Tierlink: commercial new-commerce offers as a provider sees
 * them in Partner Center. Ids are the real product:SKU ids where public price lists agree on
 * them; the others (marked "shaped like") follow the same pattern. Prices are list prices in US
 * dollars per user per month on an annual term, rounded as Microsoft publishes them; they feed
 * dashboards, never a bill.
 */

/**
 * Where the Microsoft commercial cloud is sold: every country and territory of a CSP region,
 * except those under embargo or sanctions (Cuba, Iran, North Korea, Syria, Russia, Belarus) and
 * the uninhabited territories that have no market (Antarctica, Bouvet, Heard and McDonald,
 * South Georgia, the French Southern Territories, British Indian Ocean Territory, US Minor
 * Outlying Islands).
 */
const notSold = new Set([
	'CU',
	'IR',
	'KP',
	'SY',
	'RU',
	'BY',
	'AQ',
	'BV',
	'HM',
	'GS',
	'TF',
	'IO',
	'UM'
]);

const everyMarket: readonly string[] = cspRegions
	.flatMap((region) => countriesOfRegion(region))
	.filter((code) => !notSold.has(code))
	.sort();

/** Every market but mainland China, where Microsoft 365 is operated separately (21Vianet). */
const outsideChina = everyMarket.filter((code) => code !== 'CN');

/**
 * Business Central Essentials is sold only where Microsoft ships a localisation (tax, banking
 * and reporting rules) of its own.
 */
// prettier-ignore
const businessCentralCountries = [
	'AT', 'AU', 'BE', 'CA', 'CH', 'CZ', 'DE', 'DK', 'ES', 'FI', 'FR', 'GB', 'IE', 'IN', 'IS', 'IT',
	'MX', 'NL', 'NO', 'NZ', 'SE', 'US'
].sort();

const monthlyOrAnnual: BillingCycle[] = ['monthly', 'annual'];
const monthOrYear: TermDuration[] = ['P1M', 'P1Y'];

/** What most licence-based offers share; each entry below says only what is its own. */
interface OfferFields {
	id: string;
	name: string;
	en: string;
	fr: string;
	category: OfferCategory;
	unitPriceUsd: number;
	maximumQuantity?: number;
	minimumQuantity?: number;
	supportedBillingCycles?: BillingCycle[];
	termDurations?: TermDuration[];
	baseOfferIds?: string[];
	isTrial?: boolean;
	countries?: readonly string[];
}

function licenceOffer(fields: OfferFields): Offer {
	return {
		id: fields.id,
		productId: productIdOf(fields.id),
		name: fields.name,
		description: { en: fields.en, fr: fields.fr },
		category: fields.category,
		minimumQuantity: fields.minimumQuantity ?? 1,
		maximumQuantity: fields.maximumQuantity ?? 10_000,
		isAddOn: fields.baseOfferIds !== undefined,
		...(fields.baseOfferIds ? { baseOfferIds: fields.baseOfferIds } : {}),
		isTrial: fields.isTrial ?? false,
		billing: 'license',
		supportedBillingCycles: fields.supportedBillingCycles ?? monthlyOrAnnual,
		termDurations: fields.termDurations ?? monthOrYear,
		unitType: 'Licenses',
		countries: [...(fields.countries ?? everyMarket)],
		unitPriceUsd: fields.unitPriceUsd
	};
}

/** A one-month free trial: up to 25 users, not billed, same product as the paid offer. */
function trialOf(paid: Offer, id: string, en: string, fr: string): Offer {
	return {
		...paid,
		id,
		name: `${paid.name} Trial`,
		description: { en, fr },
		maximumQuantity: 25,
		isTrial: true,
		supportedBillingCycles: ['none'],
		termDurations: ['P1M'],
		countries: [...paid.countries],
		unitPriceUsd: 0
	};
}

const ids = {
	businessBasic: 'CFQ7TTC0LH18:0001',
	businessStandard: 'CFQ7TTC0LDPB:0001',
	businessPremium: 'CFQ7TTC0LCHC:0002',
	appsForBusiness: 'CFQ7TTC0LH1G:0001',
	appsForEnterprise: 'CFQ7TTC0LGZT:0001',
	office365E1: 'CFQ7TTC0LF8Q:0001',
	office365E3: 'CFQ7TTC0LF8R:0001',
	office365E5: 'CFQ7TTC0LF8S:0002',
	microsoft365E3: 'CFQ7TTC0LFLX:0001',
	microsoft365E5: 'CFQ7TTC0LFLZ:0002',
	microsoft365F3: 'CFQ7TTC0LH05:0001',
	exchangePlan1: 'CFQ7TTC0LH16:0001',
	exchangePlan2: 'CFQ7TTC0LH1P:0001',
	exchangeKiosk: 'CFQ7TTC0LH0R:0001' // shaped like
} as const;

/** The suites that include Teams, which Teams Premium extends. */
const teamsSuites = [
	ids.businessBasic,
	ids.businessStandard,
	ids.businessPremium,
	ids.office365E1,
	ids.office365E3,
	ids.office365E5,
	ids.microsoft365E3,
	ids.microsoft365E5,
	ids.microsoft365F3
];

const businessBasic = licenceOffer({
	id: ids.businessBasic,
	name: 'Microsoft 365 Business Basic',
	category: 'productivity',
	unitPriceUsd: 6,
	maximumQuantity: 300,
	en: 'Web and mobile versions of Word, Excel, PowerPoint and Outlook, business email with a 50 GB mailbox, 1 TB of OneDrive storage, and Teams for chat and online meetings. For businesses of up to 300 users.',
	fr: 'Versions web et mobiles de Word, Excel, PowerPoint et Outlook, messagerie professionnelle avec une boîte aux lettres de 50 Go, 1 To de stockage OneDrive, et Teams pour les conversations et les réunions en ligne. Pour les entreprises jusqu’à 300 utilisateurs.'
});

const businessPremium = licenceOffer({
	id: ids.businessPremium,
	name: 'Microsoft 365 Business Premium',
	category: 'productivity',
	unitPriceUsd: 22,
	maximumQuantity: 300,
	en: 'Everything in Business Standard, plus advanced security: Intune device management, Entra ID P1 conditional access, Defender for Business, and Defender for Office 365 (Plan 1) against phishing and ransomware.',
	fr: 'Tout Business Standard, plus une sécurité avancée : gestion des appareils avec Intune, accès conditionnel Entra ID P1, Defender for Business, et Defender for Office 365 (Plan 1) contre l’hameçonnage et les rançongiciels.'
});

const offers: Offer[] = [
	// Productivity
	businessBasic,
	trialOf(
		businessBasic,
		'CFQ7TTC0LH18:0002',
		'One-month free trial of Microsoft 365 Business Basic for up to 25 users. Nothing is billed unless a paid subscription is bought.',
		'Essai gratuit d’un mois de Microsoft 365 Business Basic pour 25 utilisateurs au plus. Rien n’est facturé tant qu’aucun abonnement payant n’est acheté.'
	),
	licenceOffer({
		id: ids.businessStandard,
		name: 'Microsoft 365 Business Standard',
		category: 'productivity',
		unitPriceUsd: 12.5,
		maximumQuantity: 300,
		en: 'Everything in Business Basic, plus the desktop versions of the Office apps with premium features, webinars with attendee registration, and Microsoft Bookings. For businesses of up to 300 users.',
		fr: 'Tout Business Basic, plus les versions de bureau des applications Office avec leurs fonctionnalités premium, les webinaires avec inscription des participants, et Microsoft Bookings. Pour les entreprises jusqu’à 300 utilisateurs.'
	}),
	businessPremium,
	trialOf(
		businessPremium,
		'CFQ7TTC0LCHC:0007', // shaped like
		'One-month free trial of Microsoft 365 Business Premium for up to 25 users. Nothing is billed unless a paid subscription is bought.',
		'Essai gratuit d’un mois de Microsoft 365 Business Premium pour 25 utilisateurs au plus. Rien n’est facturé tant qu’aucun abonnement payant n’est acheté.'
	),
	licenceOffer({
		id: ids.appsForBusiness,
		name: 'Microsoft 365 Apps for business',
		category: 'productivity',
		unitPriceUsd: 8.25,
		maximumQuantity: 300,
		en: 'Desktop versions of Word, Excel, PowerPoint and Outlook on up to 5 PCs or Macs, 5 tablets and 5 phones per user, with 1 TB of OneDrive storage. No business email. For businesses of up to 300 users.',
		fr: 'Versions de bureau de Word, Excel, PowerPoint et Outlook sur 5 PC ou Mac, 5 tablettes et 5 téléphones par utilisateur, avec 1 To de stockage OneDrive. Sans messagerie professionnelle. Pour les entreprises jusqu’à 300 utilisateurs.'
	}),
	licenceOffer({
		id: ids.appsForEnterprise,
		name: 'Microsoft 365 Apps for enterprise',
		category: 'productivity',
		unitPriceUsd: 12,
		en: 'The desktop Office apps with enterprise management: shared computer activation, centralised deployment and update channels, and 1 TB of OneDrive storage per user. No business email.',
		fr: 'Les applications Office de bureau avec la gestion pour les grandes entreprises : activation sur ordinateur partagé, déploiement et canaux de mise à jour centralisés, et 1 To de stockage OneDrive par utilisateur. Sans messagerie professionnelle.'
	}),
	licenceOffer({
		id: ids.office365E1,
		name: 'Office 365 E1',
		category: 'productivity',
		unitPriceUsd: 10,
		termDurations: ['P1M', 'P1Y', 'P3Y'],
		en: 'Web and mobile Office apps, business email with a 50 GB mailbox, SharePoint, 1 TB of OneDrive storage and Teams, with enterprise compliance tools. No limit on the number of users.',
		fr: 'Applications Office web et mobiles, messagerie professionnelle avec une boîte aux lettres de 50 Go, SharePoint, 1 To de stockage OneDrive et Teams, avec les outils de conformité des grandes entreprises. Sans limite du nombre d’utilisateurs.'
	}),
	licenceOffer({
		id: ids.office365E3,
		name: 'Office 365 E3',
		category: 'productivity',
		unitPriceUsd: 23,
		termDurations: ['P1M', 'P1Y', 'P3Y'],
		en: 'Desktop Office apps, a 100 GB mailbox with unlimited archiving, SharePoint, OneDrive and Teams, with data loss prevention, eDiscovery and retention policies.',
		fr: 'Applications Office de bureau, boîte aux lettres de 100 Go avec archivage illimité, SharePoint, OneDrive et Teams, avec la protection contre la perte de données, l’eDiscovery et les stratégies de rétention.'
	}),
	licenceOffer({
		id: ids.office365E5,
		name: 'Office 365 E5',
		category: 'productivity',
		unitPriceUsd: 38,
		termDurations: ['P1M', 'P1Y', 'P3Y'],
		en: 'Everything in Office 365 E3, plus Defender for Office 365 (Plan 2), advanced compliance and eDiscovery, Teams Phone with audio conferencing, and Power BI Pro.',
		fr: 'Tout Office 365 E3, plus Defender for Office 365 (Plan 2), la conformité et l’eDiscovery avancées, Teams Phone avec l’audioconférence, et Power BI Pro.'
	}),
	licenceOffer({
		id: ids.microsoft365E3,
		name: 'Microsoft 365 E3',
		category: 'productivity',
		unitPriceUsd: 36,
		supportedBillingCycles: ['monthly', 'annual', 'triennial'],
		termDurations: ['P1M', 'P1Y', 'P3Y'],
		en: 'Office 365 E3 with Windows Enterprise E3, Intune device management and Entra ID P1: productivity, security and device management in one licence.',
		fr: 'Office 365 E3 avec Windows Entreprise E3, la gestion des appareils Intune et Entra ID P1 : productivité, sécurité et gestion des appareils en une seule licence.'
	}),
	licenceOffer({
		id: ids.microsoft365E5,
		name: 'Microsoft 365 E5',
		category: 'productivity',
		unitPriceUsd: 57,
		supportedBillingCycles: ['monthly', 'annual', 'triennial'],
		termDurations: ['P1M', 'P1Y', 'P3Y'],
		en: 'Everything in Microsoft 365 E3, plus Defender XDR, Entra ID P2, Purview information protection and compliance, Teams Phone and Power BI Pro.',
		fr: 'Tout Microsoft 365 E3, plus Defender XDR, Entra ID P2, la protection des informations et la conformité Purview, Teams Phone et Power BI Pro.'
	}),
	licenceOffer({
		id: ids.microsoft365F3,
		name: 'Microsoft 365 F3',
		category: 'productivity',
		unitPriceUsd: 8,
		en: 'For frontline workers: web and mobile Office apps, a 2 GB mailbox, Teams with Shifts, and Windows Enterprise E3 for shared devices.',
		fr: 'Pour les travailleurs de première ligne : applications Office web et mobiles, boîte aux lettres de 2 Go, Teams avec Shifts, et Windows Entreprise E3 pour les appareils partagés.'
	}),
	licenceOffer({
		id: 'CFQ7TTC0MM8R:0002',
		name: 'Microsoft 365 Copilot',
		category: 'productivity',
		unitPriceUsd: 30,
		baseOfferIds: [
			...teamsSuites.filter((id) => id !== ids.microsoft365F3),
			ids.appsForBusiness,
			ids.appsForEnterprise
		],
		countries: outsideChina,
		en: 'Add-on that brings the Copilot AI assistant into Word, Excel, PowerPoint, Outlook and Teams, grounded in the user’s work data.',
		fr: 'Module complémentaire qui intègre l’assistant IA Copilot dans Word, Excel, PowerPoint, Outlook et Teams, en s’appuyant sur les données professionnelles de l’utilisateur.'
	}),
	licenceOffer({
		id: 'CFQ7TTC0HD32:0002',
		name: 'Visio Plan 2',
		category: 'productivity',
		unitPriceUsd: 15,
		termDurations: ['P1Y'],
		en: 'The Visio desktop and web apps to draw professional diagrams, flowcharts and floor plans, with 2 GB of OneDrive storage.',
		fr: 'Les applications Visio de bureau et web pour dessiner des diagrammes, organigrammes et plans professionnels, avec 2 Go de stockage OneDrive.'
	}),
	licenceOffer({
		id: 'CFQ7TTC0HDB0:0002',
		name: 'Project Plan 3',
		category: 'productivity',
		unitPriceUsd: 30,
		termDurations: ['P1Y'],
		en: 'Project management with the Project desktop client, roadmaps, resource management and timesheets.',
		fr: 'Gestion de projets avec le client de bureau Project, les feuilles de route, la gestion des ressources et les feuilles de temps.'
	}),

	// Collaboration
	licenceOffer({
		id: ids.exchangePlan1,
		name: 'Exchange Online (Plan 1)',
		category: 'collaboration',
		unitPriceUsd: 4,
		en: 'Business email, calendar and contacts with a 50 GB mailbox per user, Outlook on the web, and protection against malware and spam.',
		fr: 'Messagerie, calendrier et contacts professionnels avec une boîte aux lettres de 50 Go par utilisateur, Outlook sur le web, et une protection contre les logiciels malveillants et le courrier indésirable.'
	}),
	licenceOffer({
		id: ids.exchangePlan2,
		name: 'Exchange Online (Plan 2)',
		category: 'collaboration',
		unitPriceUsd: 8,
		en: 'Everything in Exchange Online (Plan 1), plus a 100 GB mailbox, unlimited archiving, data loss prevention and hosted voicemail.',
		fr: 'Tout Exchange Online (Plan 1), plus une boîte aux lettres de 100 Go, l’archivage illimité, la protection contre la perte de données et la messagerie vocale hébergée.'
	}),
	licenceOffer({
		id: ids.exchangeKiosk,
		name: 'Exchange Online Kiosk',
		category: 'collaboration',
		unitPriceUsd: 2,
		en: 'Email for frontline workers: a 2 GB mailbox used through Outlook on the web or a mobile phone, with calendar and contacts.',
		fr: 'Messagerie pour les travailleurs de première ligne : boîte aux lettres de 2 Go utilisée depuis Outlook sur le web ou un téléphone mobile, avec calendrier et contacts.'
	}),
	licenceOffer({
		id: 'CFQ7TTC0JN4R:0002',
		name: 'Microsoft Teams Essentials',
		category: 'collaboration',
		unitPriceUsd: 4,
		maximumQuantity: 300,
		countries: outsideChina,
		en: 'Online meetings of up to 30 hours with up to 300 participants, unlimited group chat, file sharing and 10 GB of cloud storage per user. For small businesses.',
		fr: 'Réunions en ligne jusqu’à 30 heures avec 300 participants au plus, conversations de groupe illimitées, partage de fichiers et 10 Go de stockage cloud par utilisateur. Pour les petites entreprises.'
	}),
	licenceOffer({
		id: 'CFQ7TTC0RM8K:0002',
		name: 'Microsoft Teams Premium',
		category: 'collaboration',
		unitPriceUsd: 10,
		baseOfferIds: teamsSuites,
		countries: outsideChina,
		en: 'Add-on for Teams: intelligent meeting recap, live translated captions, advanced webinars and town halls, and meeting protection with watermarks and sensitivity labels.',
		fr: 'Module complémentaire pour Teams : récapitulatif intelligent des réunions, sous-titres traduits en direct, webinaires et assemblées avancés, et protection des réunions par filigranes et étiquettes de confidentialité.'
	}),

	// Security
	licenceOffer({
		id: 'CFQ7TTC0HX56:0002',
		name: 'Microsoft Defender for Business',
		category: 'security',
		unitPriceUsd: 3,
		maximumQuantity: 300,
		en: 'Endpoint security for businesses of up to 300 users: next-generation antivirus, endpoint detection and response, and automated investigation and remediation.',
		fr: 'Sécurité des points de terminaison pour les entreprises jusqu’à 300 utilisateurs : antivirus nouvelle génération, détection et réponse sur les points de terminaison, investigation et correction automatisées.'
	}),
	licenceOffer({
		id: 'CFQ7TTC0LGV0:0001',
		name: 'Microsoft Defender for Endpoint P2',
		category: 'security',
		unitPriceUsd: 5.2,
		en: 'Enterprise endpoint detection and response, with threat hunting over six months of data, threat analytics and automated remediation.',
		fr: 'Détection et réponse sur les points de terminaison pour les grandes entreprises, avec la chasse aux menaces sur six mois de données, l’analyse des menaces et la correction automatisée.'
	}),
	licenceOffer({
		id: 'CFQ7TTC0LH0X:0001', // shaped like
		name: 'Microsoft Defender for Office 365 (Plan 1)',
		category: 'security',
		unitPriceUsd: 2,
		// the plans that do not already include it (Business Premium, E5)
		baseOfferIds: [
			ids.businessBasic,
			ids.businessStandard,
			ids.office365E1,
			ids.office365E3,
			ids.microsoft365E3,
			ids.microsoft365F3,
			ids.exchangePlan1,
			ids.exchangePlan2,
			ids.exchangeKiosk
		],
		en: 'Add-on protection for email and collaboration: Safe Attachments, Safe Links and anti-phishing for Exchange Online, SharePoint, OneDrive and Teams.',
		fr: 'Protection complémentaire de la messagerie et de la collaboration : pièces jointes fiables, liens fiables et anti-hameçonnage pour Exchange Online, SharePoint, OneDrive et Teams.'
	}),

	// Identity
	licenceOffer({
		id: 'CFQ7TTC0LFLS:0002',
		name: 'Microsoft Entra ID P1',
		category: 'identity',
		unitPriceUsd: 6,
		en: 'Conditional access, multifactor authentication, self-service password reset with on-premises writeback, and dynamic groups.',
		fr: 'Accès conditionnel, authentification multifacteur, réinitialisation du mot de passe en libre-service avec réécriture locale, et groupes dynamiques.'
	}),
	licenceOffer({
		id: 'CFQ7TTC0LFK5:0001',
		name: 'Microsoft Entra ID P2',
		category: 'identity',
		unitPriceUsd: 9,
		en: 'Everything in Entra ID P1, plus risk-based conditional access with ID Protection, Privileged Identity Management and access reviews.',
		fr: 'Tout Entra ID P1, plus l’accès conditionnel basé sur le risque avec ID Protection, Privileged Identity Management et les révisions d’accès.'
	}),

	// Device management
	licenceOffer({
		id: 'CFQ7TTC0LCH4:0009',
		name: 'Microsoft Intune Plan 1',
		category: 'device_management',
		unitPriceUsd: 8,
		en: 'Cloud management of Windows, macOS, iOS, Android and Linux devices: enrolment, configuration and compliance policies, app deployment and app protection.',
		fr: 'Gestion cloud des appareils Windows, macOS, iOS, Android et Linux : inscription, stratégies de configuration et de conformité, déploiement et protection des applications.'
	}),

	// Analytics
	licenceOffer({
		id: 'CFQ7TTC0L3PB:0001',
		name: 'Power BI Pro',
		category: 'analytics',
		unitPriceUsd: 14,
		en: 'Build interactive reports and dashboards, share them with colleagues and work on them together in Power BI, Teams and Excel.',
		fr: 'Créez des rapports et des tableaux de bord interactifs, partagez-les avec vos collègues et travaillez-y ensemble dans Power BI, Teams et Excel.'
	}),
	licenceOffer({
		id: 'CFQ7TTC0HL8W:0001',
		name: 'Power BI Premium Per User',
		category: 'analytics',
		unitPriceUsd: 24,
		en: 'Everything in Power BI Pro, plus larger semantic models, more frequent refreshes, paginated reports and AI features, licensed per user.',
		fr: 'Tout Power BI Pro, plus des modèles sémantiques plus volumineux, des actualisations plus fréquentes, des rapports paginés et des fonctionnalités d’IA, sous licence par utilisateur.'
	}),

	// Business applications
	licenceOffer({
		id: 'CFQ7TTC0KXG6:0002', // shaped like
		name: 'Power Automate Premium',
		category: 'business_apps',
		unitPriceUsd: 15,
		en: 'Automate workflows across cloud services with premium connectors, desktop robotic process automation and process mining.',
		fr: 'Automatisez les flux de travail entre services cloud grâce aux connecteurs premium, à l’automatisation robotisée des processus sur le poste de travail et à l’exploration des processus.'
	}),
	licenceOffer({
		id: 'CFQ7TTC0LGWM:0001', // shaped like
		name: 'Dynamics 365 Sales Enterprise',
		category: 'business_apps',
		unitPriceUsd: 105,
		supportedBillingCycles: ['monthly', 'annual', 'triennial'],
		termDurations: ['P1M', 'P1Y', 'P3Y'],
		en: 'Customer relationship management for sales teams: leads and opportunities, forecasting, sales insights and Copilot in Dynamics 365.',
		fr: 'Gestion de la relation client pour les équipes commerciales : prospects et opportunités, prévisions, analyses des ventes et Copilot dans Dynamics 365.'
	}),
	licenceOffer({
		id: 'CFQ7TTC0LGWP:0001', // shaped like
		name: 'Dynamics 365 Customer Service Enterprise',
		category: 'business_apps',
		unitPriceUsd: 105,
		supportedBillingCycles: ['monthly', 'annual', 'triennial'],
		termDurations: ['P1M', 'P1Y', 'P3Y'],
		en: 'Case management, knowledge base, service-level agreements and omnichannel routing for customer service teams.',
		fr: 'Gestion des demandes, base de connaissances, contrats de niveau de service et routage omnicanal pour les équipes du service client.'
	}),
	licenceOffer({
		id: 'CFQ7TTC0LH3N:0001', // shaped like
		name: 'Dynamics 365 Business Central Essentials',
		category: 'business_apps',
		unitPriceUsd: 80,
		countries: businessCentralCountries,
		en: 'All-in-one business management for small and medium businesses: finance, sales, purchasing, inventory and projects.',
		fr: 'Gestion d’entreprise tout-en-un pour les PME : finances, ventes, achats, stocks et projets.'
	}),

	// Azure: one plan per customer, metered; Partner Center bills its usage monthly.
	{
		id: 'DZH318Z0BPS6:0001',
		productId: 'DZH318Z0BPS6',
		name: 'Azure plan',
		description: {
			en: 'Pay-as-you-go access to Azure services (virtual machines, storage, databases and more), billed monthly for what is consumed.',
			fr: 'Accès aux services Azure avec paiement à l’utilisation (machines virtuelles, stockage, bases de données et bien plus), facturé chaque mois selon la consommation.'
		},
		category: 'azure',
		minimumQuantity: 1,
		maximumQuantity: 1,
		isAddOn: false,
		isTrial: false,
		billing: 'usage',
		supportedBillingCycles: ['monthly'],
		termDurations: ['P1M'],
		unitType: 'Usage-based',
		countries: [...everyMarket],
		unitPriceUsd: 0
	}
];

function frozen(offer: Offer): Offer {
	const checked = offerSchema.parse(offer);
	Object.freeze(checked.description);
	Object.freeze(checked.countries);
	Object.freeze(checked.supportedBillingCycles);
	Object.freeze(checked.termDurations);
	if (checked.baseOfferIds) Object.freeze(checked.baseOfferIds);
	return Object.freeze(checked);
}

/** The catalogue, validated once when the module loads (a bad entry fails every page and test). */
export const offerCatalog: readonly Offer[] = Object.freeze(offers.map(frozen));

const offersById: ReadonlyMap<string, Offer> = new Map(
	offerCatalog.map((offer) => [offer.id, offer])
);

export function offerById(id: string): Offer | undefined {
	return offersById.get(id);
}
