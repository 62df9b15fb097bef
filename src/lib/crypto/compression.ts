/** Deflate with the platform's CompressionStream (browsers and Node 20 alike). */
async function pipe(
	bytes: Uint8Array<ArrayBuffer>,
	stream: CompressionStream | DecompressionStream
): Promise<Uint8Array<ArrayBuffer>> {
	const output = new Blob([bytes]).stream().pipeThrough(stream);
	return new Uint8Array(await new Response(output).arrayBuffer());
}

export function deflate(bytes: Uint8Array<ArrayBuffer>) {
	return pipe(bytes, new CompressionStream('deflate-raw'));
}

/** Rejects on corrupt input; `maxBytes` guards against decompression bombs. */
export async function inflate(bytes: Uint8Array<ArrayBuffer>, maxBytes = 512 * 1024 * 1024) {
	const reader = new Blob([bytes])
		.stream()
		.pipeThrough(new DecompressionStream('deflate-raw'))
		.getReader();
	const chunks: Uint8Array[] = [];
	let total = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		total += value.length;
		if (total > maxBytes) {
			await reader.cancel();
			throw new Error('Inflated data exceeds the size limit');
		}
		chunks.push(value);
	}
	const out = new Uint8Array(total);
	let offset = 0;
	for (const chunk of chunks) {
		out.set(chunk, offset);
		offset += chunk.length;
	}
	return out;
}
