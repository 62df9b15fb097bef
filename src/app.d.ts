// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
	namespace App {
		// interface Error {}
		// interface Locals {}
		// interface PageData {}
		interface PageState {
			/** a one-off notice for the page navigated to (not kept in the URL) */
			notice?: 'session_expired' | 'restored';
		}
		// interface Platform {}
	}
}

export {};
