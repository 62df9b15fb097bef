/**
 * Hands `text` to the browser as a file download named `fileName` (a Blob URL clicked through a
 * hidden link), for the pages' **Export** buttons. `type` is the MIME type, e.g.
 * `text/csv;charset=utf-8`.
 */
export function downloadText(fileName: string, text: string, type: string): void {
	const url = URL.createObjectURL(new Blob([text], { type }));
	const link = document.createElement('a');
	link.href = url;
	link.download = fileName;
	link.hidden = true;
	document.body.append(link);
	link.click();
	link.remove();
	// Revoke once the browser has started the download.
	setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
