import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** Base path for static hosts that serve the app under a folder, e.g. BASE_PATH=/tierlink */
const base = process.env.BASE_PATH ?? '';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// A single-page app: every route falls back to 200.html, which static hosts serve for
		// unknown paths (see README, "Deploying to a static host").
		adapter: adapter({ fallback: '200.html', strict: true }),
		paths: { base, relative: false }
	}
};

export default config;
