// The audit trail: one JSON line per AWS call or identity check, appended, redacted, read back as evidence. The line
// is a public format (docs/json-output.md).
// The folder's door: callers outside it import only this file (test/unit/layers.test.ts says why).
export type { AuditEntry, SkippedLine } from './audit';
export {
  AuditLog,
  AuditWriteError,
  agreementAuditEntry,
  askedAs,
  auditEntryFor,
  identityAuditEntry,
  resolveAuditPath,
} from './audit';
