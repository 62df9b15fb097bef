/** A partner as the Customers page names it: a provider (reseller side) or a reseller. */
export interface PartnerOption {
	/** the partnership channel's id */
	id: string;
	name: string;
}
