import { m } from '$lib/paraglide/messages.js';
import type { ChangeRequestState } from '$lib/domain/commerce-records';
import type { ChangeRequestRecord } from '$lib/domain/change-requests';
import type { HistoryEntry, SubscriptionStatus } from '$lib/domain/subscriptions';
import { formatDate, formatNumber } from '$lib/i18n/format';

/** The Services tab's words for subscription states, history entries and change requests. */

const statusLabels: Record<SubscriptionStatus, () => string> = {
	active: m.svc_status_active,
	suspended: m.svc_status_suspended,
	deleted: m.svc_status_deleted,
	expired: m.svc_status_expired,
	pending: m.svc_status_pending,
	disabled: m.svc_status_disabled
};

export function statusLabel(status: SubscriptionStatus): string {
	return statusLabels[status]();
}

/** A status read back from a history entry, which holds plain strings. */
function statusWord(value: HistoryEntry['from']): string {
	return typeof value === 'string' && Object.hasOwn(statusLabels, value)
		? statusLabel(value as SubscriptionStatus)
		: String(value ?? '—');
}

function onOff(value: HistoryEntry['from']): string {
	return value ? m.svc_on() : m.svc_off();
}

function quantity(value: HistoryEntry['from']): string {
	return typeof value === 'number' ? formatNumber(value) : String(value ?? '—');
}

function date(value: HistoryEntry['from']): string {
	return typeof value === 'number' ? formatDate(value) : String(value ?? '—');
}

/** "Quantity changed from 5 to 7", in the UI language. */
export function historyText(entry: HistoryEntry): string {
	switch (entry.action) {
		case 'created':
			return m.svc_history_created({ quantity: quantity(entry.to) });
		case 'quantity_changed':
			return m.svc_history_quantity({ from: quantity(entry.from), to: quantity(entry.to) });
		case 'auto_renew_changed':
			return m.svc_history_auto_renew({ from: onOff(entry.from), to: onOff(entry.to) });
		case 'suspended':
			return m.svc_history_suspended({ from: statusWord(entry.from), to: statusWord(entry.to) });
		case 'reactivated':
			return m.svc_history_reactivated({ from: statusWord(entry.from), to: statusWord(entry.to) });
		case 'cancelled':
			return m.svc_history_cancelled({ from: statusWord(entry.from), to: statusWord(entry.to) });
		case 'renewed':
			return m.svc_history_renewed({ from: date(entry.from), to: date(entry.to) });
		case 'expired':
			return m.svc_history_expired({ from: statusWord(entry.from), to: statusWord(entry.to) });
	}
}

/** "New quantity: 7" or "Cancellation". */
export function requestText(request: Pick<ChangeRequestRecord, 'kind' | 'quantity'>): string {
	return request.kind === 'cancel'
		? m.svc_request_what_cancel()
		: m.svc_request_what_quantity({ quantity: formatNumber(request.quantity ?? 0) });
}

const requestStateLabels: Record<ChangeRequestState, () => string> = {
	pending: m.svc_request_state_pending,
	accepted: m.svc_request_state_accepted,
	declined: m.svc_request_state_declined
};

export function requestStateLabel(state: ChangeRequestState): string {
	return requestStateLabels[state]();
}

/** The first 8 characters of a 32-digit id: enough to tell orders apart on screen. */
export function shortId(id: string): string {
	return id.slice(0, 8);
}
