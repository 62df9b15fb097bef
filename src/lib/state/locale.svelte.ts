import {
	baseLocale,
	getLocale,
	isLocale,
	localStorageKey,
	locales,
	overwriteGetLocale,
	type Locale
} from '$lib/paraglide/runtime';

/**
 * The UI language. Paraglide's messages call `getLocale()` each time they render; pointing it at
 * this `$state` makes every message on screen follow a switch at once, without a reload (so a
 * half-filled form keeps its input). The choice is remembered in localStorage, where Paraglide's
 * own strategy reads it at start-up.
 */
class LocaleState {
	current = $state<Locale>(baseLocale);

	constructor() {
		try {
			this.current = getLocale();
		} catch {
			this.current = baseLocale;
		}
		overwriteGetLocale(() => this.current);
	}

	readonly available = locales;

	set(locale: string) {
		if (!isLocale(locale)) return;
		this.current = locale;
		try {
			localStorage.setItem(localStorageKey, locale);
		} catch {
			// Private mode or storage blocked: the switch still holds for this page.
		}
	}

	/** For tests: back to the language the browser asks for. */
	reset() {
		this.current = baseLocale;
	}
}

export const locale = new LocaleState();
