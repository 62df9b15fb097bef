import { DomainError } from '$lib/domain/errors';
import { m } from '$lib/paraglide/messages.js';
import { describeError } from '$lib/i18n/errors';

/**
 * What is wrong with a reseller's relationship request, naming the reseller (the shared texts of
 * these codes name a provider): on /invite and on Accept.
 */
export function describeRequestError(error: unknown): string {
	if (error instanceof DomainError) {
		if (error.code === 'err_invitation_invalid') return m.cust_inv_err_invalid();
		if (error.code === 'err_invitation_expired') return m.cust_inv_err_expired();
		if (error.code === 'err_invitation_used') return m.cust_inv_err_used();
	}
	return describeError(error);
}
