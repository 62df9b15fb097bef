// Row types of the workspace database; their schemas live in domain/records.ts.
export type {
	AuditRecord,
	EnrollmentRecord,
	OutboxRecord,
	VerificationRecord,
	FeedUpdateRecord,
	MetaKey,
	MetaRecord,
	UserRecord,
	ChannelRecord,
	InvitationRecord,
	SharedRecord,
	QuarantineRecord,
	SyncStateRecord,
	CustomerRecord,
	CustomerUserRecord
} from '$lib/domain/records';
