import Dexie, { type EntityTable } from 'dexie';

/**
 * `tierlink-mailboxes`: the mailboxes this browser holds, for every workspace in it. Mailboxes
 * hold only ciphertext (DESIGN.md §3), so one database shared by the browser's workspaces is
 * also the same-browser transport: a partner workspace in this browser reads the owner's
 * mailbox here even when no tab of the owner is open. Re-fetchable transport state: not backed
 * up; each workspace re-seals what its mailbox lacks.
 */
export interface MailboxUpdateRow {
	id?: number;
	/** the mailbox name, `tl1-<channel>-<writer>` */
	doc: string;
	/** a Yjs update of the mailbox document */
	update: Uint8Array;
}

export class MailboxDB extends Dexie {
	updates!: EntityTable<MailboxUpdateRow, 'id'>;

	constructor(name = 'tierlink-mailboxes') {
		super(name);
		this.version(1).stores({ updates: '++id, doc' });
	}
}

let db: MailboxDB | null = null;

export function mailboxDb(): MailboxDB {
	db ??= new MailboxDB();
	return db;
}

export function closeMailboxDb(): void {
	db?.close();
	db = null;
}
