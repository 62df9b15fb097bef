// Row types of the workspace database; their schemas live in domain/records.ts.
export type {
	AuditRecord,
	FeedUpdateRecord,
	MetaKey,
	MetaRecord,
	UserRecord
} from '$lib/domain/records';
