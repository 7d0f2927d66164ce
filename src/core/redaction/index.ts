// Redaction: every secret shape the product knows, replaced before any text leaves it (linear time in the input).
// The folder's door: callers outside it import only this file (test/unit/layers.test.ts says why).
export type { RedactionCount, SecretKind } from './redaction';
export { describeRedactions, redact, redactDeep, sortedCounts } from './redaction';
