import { locale } from '$lib/state/locale.svelte';

/** Dates, numbers and sizes in the UI language. */
export function formatDateTime(epochMs: number): string {
	return new Intl.DateTimeFormat(locale.current, {
		dateStyle: 'medium',
		timeStyle: 'medium'
	}).format(epochMs);
}

export function formatDate(epochMs: number): string {
	return new Intl.DateTimeFormat(locale.current, { dateStyle: 'long' }).format(epochMs);
}

export function formatNumber(value: number): string {
	return new Intl.NumberFormat(locale.current).format(value);
}

/** An amount of money (ISO 4217 `currency`) in the UI language, e.g. `$12.50` or `12,50 $US`. */
export function formatCurrency(amount: number, currency = 'USD'): string {
	return new Intl.NumberFormat(locale.current, { style: 'currency', currency }).format(amount);
}

export function formatBytes(bytes: number): string {
	const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;
	let value = bytes;
	let unit = 0;
	while (value >= 1024 && unit < units.length - 1) {
		value /= 1024;
		unit++;
	}
	return new Intl.NumberFormat(locale.current, {
		style: 'unit',
		unit: units[unit],
		unitDisplay: 'short',
		maximumFractionDigits: unit === 0 ? 0 : 1
	}).format(value);
}
