import { m } from '$lib/paraglide/messages.js';
import { DomainError, isErrorCode, PermissionError, type ErrorCode } from '$lib/domain/errors';
import { rolesGranting, type Capability } from '$lib/domain/permissions';
import { locale } from '$lib/state/locale.svelte';
import { enrollmentStates, type EnrollmentState } from '$lib/domain/enrollment';
import { isCspRegion } from '$lib/domain/regions';
import {
	adminRoleLabel,
	agentRoleLabel,
	capabilityLabel,
	enrollmentStateLabel,
	regionLabel
} from './labels';
import { storageErrorCode } from '$lib/db/storage-errors';
import { formatDateTime, formatNumber } from './format';

type Params = Record<string, string | number>;
const messages = m as unknown as Record<ErrorCode, (params?: Params) => string>;

/**
 * Number params that name or locate something rather than count it, told by their name: an id
 * (`mpnId`), a code, an error number, a year, a line of a file (the import preview shows line
 * numbers ungrouped too). They are shown as they are: "MPN ID 5123456", never "5 123 456".
 */
const LABEL_PARAM = /^(id|code|number|year|line)$|(Id|Code|Number|Year|Line)$/;
/** An instant (`closedAt`, epoch milliseconds): a date and time in the UI language. */
const INSTANT_PARAM = /^at$|At$/;

/** Quantities and instants in the UI language's format (1,000 / 1 000); labels and text as they are. */
function localeParams(params: Params): Params {
	const shown: Params = {};
	for (const [name, value] of Object.entries(params)) {
		if (typeof value !== 'number' || LABEL_PARAM.test(name)) shown[name] = value;
		else if (INSTANT_PARAM.test(name)) shown[name] = formatDateTime(value);
		else shown[name] = formatNumber(value);
	}
	return shown;
}

/** The message for an error code, in the UI language, numbers formatted for it. */
export function errorText(code: ErrorCode, params: Params = {}): string {
	return messages[code]?.(localeParams(params)) ?? m.error_unexpected();
}

/** "You need the Global admin or User management admin role to manage users." */
export function permissionText(capability: Capability): string {
	const { admin, agent } = rolesGranting(capability);
	const roles = [...admin.map(adminRoleLabel), ...agent.map(agentRoleLabel)];
	const list = new Intl.ListFormat(locale.current, { type: 'disjunction' }).format(roles);
	return m.err_permission_role({ roles: list, action: capabilityLabel(capability) });
}

/** Values a message shows, in words: an enrolment state id or a CSP region id becomes its name. */
function readableParams(params: Record<string, string | number>) {
	const readable = { ...params };
	const from = params.from;
	if (typeof from === 'string' && (enrollmentStates as readonly string[]).includes(from)) {
		readable.from = lowerFirst(enrollmentStateLabel(from as EnrollmentState));
	}
	for (const key of ['partnerRegion', 'ownRegion', 'customerRegion']) {
		const region = params[key];
		if (isCspRegion(region)) readable[key] = regionLabel(region);
	}
	return readable;
}

function lowerFirst(text: string) {
	return text.charAt(0).toLocaleLowerCase(locale.current) + text.slice(1);
}

/** What to tell the user about anything a command threw. */
export function describeError(error: unknown): string {
	if (error instanceof PermissionError) return permissionText(error.capability);
	if (error instanceof DomainError) return errorText(error.code, readableParams(error.params));
	const storage = storageErrorCode(error);
	if (storage) return errorText(storage);
	if (isErrorCode(error)) return errorText(error);
	console.error(error);
	return m.error_unexpected();
}
