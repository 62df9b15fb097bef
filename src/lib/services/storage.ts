import { DomainError } from '$lib/domain/errors';
import { storageErrorCode } from '$lib/db/storage-errors';

/** Runs a write and turns storage failures (full disk, closed database) into a clear refusal. */
export async function withStorageErrors<T>(write: () => Promise<T>): Promise<T> {
	try {
		return await write();
	} catch (error) {
		if (error instanceof DomainError) throw error;
		const code = storageErrorCode(error);
		if (code) throw new DomainError(code);
		throw error;
	}
}

export interface StorageStatus {
	/** bytes used by this origin, when the browser says */
	usage: number | null;
	quota: number | null;
	persisted: boolean | null;
}

export async function storageStatus(): Promise<StorageStatus> {
	const storage = globalThis.navigator?.storage;
	if (!storage) return { usage: null, quota: null, persisted: null };
	const [estimate, persisted] = await Promise.all([
		storage.estimate?.().catch(() => undefined),
		storage.persisted?.().catch(() => null)
	]);
	return {
		usage: estimate?.usage ?? null,
		quota: estimate?.quota ?? null,
		persisted: persisted ?? null
	};
}

/** Asks the browser not to evict this origin's data under storage pressure. */
export async function requestPersistentStorage(): Promise<boolean> {
	try {
		return (await globalThis.navigator?.storage?.persist?.()) ?? false;
	} catch {
		return false;
	}
}
