// Prints what the start page costs to load: every script and stylesheet the browser fetches for
// it, raw and gzipped (level 9). Measures the real static build: `npm run bench:bundle`.
import { spawn } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright';
import { chromiumLaunchOptions } from './chromium.mjs';

const PORT = 4391;
const url = `http://127.0.0.1:${PORT}/`;

const server = spawn('node', ['scripts/serve.mjs'], {
	env: { ...process.env, PORT: String(PORT), BASE_PATH: '' },
	stdio: ['ignore', 'pipe', 'inherit']
});
await new Promise((resolve, reject) => {
	server.stdout.on('data', (chunk) => String(chunk).includes('running at') && resolve(undefined));
	server.on('exit', (code) =>
		reject(new Error(`serve.mjs exited with ${code}; run npm run build`))
	);
});

const browser = await chromium.launch(chromiumLaunchOptions());
try {
	const page = await browser.newPage();
	const assets = [];
	page.on('response', async (response) => {
		const type = response.request().resourceType();
		if (type !== 'script' && type !== 'stylesheet' && type !== 'document') return;
		assets.push({ url: response.url(), type, body: await response.body() });
	});
	await page.goto(url, { waitUntil: 'networkidle' });
	await page.getByRole('heading', { level: 1 }).waitFor();

	let raw = 0;
	let gzip = 0;
	const rows = assets.map(({ url: assetUrl, type, body }) => {
		const zipped = gzipSync(body, { level: 9 }).length;
		raw += body.length;
		gzip += zipped;
		return { file: new URL(assetUrl).pathname, type, raw: body.length, gzip: zipped };
	});
	rows.sort((a, b) => b.gzip - a.gzip);
	const kb = (n) => `${(n / 1024).toFixed(1)} kB`;
	for (const row of rows) {
		console.log(`${kb(row.gzip).padStart(9)} gzip  ${kb(row.raw).padStart(9)} raw  ${row.file}`);
	}
	console.log(`start page: ${rows.length} files, ${kb(raw)} raw, ${kb(gzip)} gzip`);
} finally {
	await browser.close();
	server.kill();
}
