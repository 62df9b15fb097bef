// Serves the adapter-static output in build/ the way a static host does: files as they are, and
// the SPA page (200.html) for every other path. Used by `npm start` and by Playwright.
//
//   PORT       port on 127.0.0.1 (default 4173)
//   BASE_PATH  folder the app lives under, e.g. /tierlink (default: the root). Must match the
//              BASE_PATH the app was built with.
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import sirv from 'sirv';

const HOST = '127.0.0.1';
const dir = fileURLToPath(new URL('../build', import.meta.url));
const fallback = '200.html';

const base = process.env.BASE_PATH ?? '';
if (base !== '' && (!base.startsWith('/') || base.endsWith('/'))) {
	console.error(`BASE_PATH must start with "/" and must not end with "/" (got "${base}").`);
	process.exit(1);
}

const portText = process.env.PORT || '4173';
const port = Number(portText);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
	console.error(`PORT must be a port number (got "${portText}").`);
	process.exit(1);
}

if (!existsSync(`${dir}/${fallback}`)) {
	console.error(`No ${fallback} in ${dir}. Build the app first: npm run build`);
	process.exit(1);
}

const assets = sirv(dir, {
	single: fallback,
	dev: false,
	etag: true,
	setHeaders(res, pathname) {
		// Hashed, content-addressed files never change; everything else must be revalidated so a
		// new deploy is picked up.
		res.setHeader(
			'Cache-Control',
			pathname.startsWith('/_app/immutable/') ? 'public, max-age=31536000, immutable' : 'no-cache'
		);
	}
});

/** @param {import('node:http').ServerResponse} res */
function notFound(res) {
	res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
	res.end('Not found\n');
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {string} location
 */
function redirect(res, location) {
	res.writeHead(302, { Location: location, 'Content-Type': 'text/plain; charset=utf-8' });
	res.end(`Found: ${location}\n`);
}

const server = createServer((req, res) => {
	const url = req.url ?? '/';
	const queryAt = url.indexOf('?');
	const pathname = queryAt === -1 ? url : url.slice(0, queryAt);
	const query = queryAt === -1 ? '' : url.slice(queryAt);

	if (req.method !== 'GET' && req.method !== 'HEAD') {
		res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
		res.end('Method not allowed\n');
		return;
	}

	if (base) {
		if (pathname === '/' || pathname === base) return redirect(res, `${base}/${query}`);
		if (!pathname.startsWith(`${base}/`)) return notFound(res);
		req.url = url.slice(base.length);
	}

	assets(req, res, () => notFound(res));
});

server.on('error', (error) => {
	console.error(`Cannot serve on ${HOST}:${port}: ${error.message}`);
	process.exit(1);
});

server.listen(port, HOST, () => {
	const address = server.address();
	const actualPort = typeof address === 'object' && address ? address.port : port;
	console.log(`Tierlink is running at http://${HOST}:${actualPort}${base}/`);
});

function stop() {
	server.close(() => process.exit(0));
	// Keep-alive connections would hold close() open; drop them.
	server.closeAllConnections();
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
