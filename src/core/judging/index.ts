// Judging: the verdicts of one moment from every source of entitlement evidence held (the reports today; data feeds,
// live agreements and events next), each source's answer typed and apart, with its origin and age.
// The folder's door: callers outside it import only this file (test/unit/layers.test.ts says why).
export type {
  EvidenceSource,
  Heard,
  Hearing,
  JudgingOn,
  Origin,
  Question,
  SourceAnswers,
  SourceKind,
} from './evidence-source';
export type { EvidenceSources } from './judgement';
export { Judgement } from './judgement';
export { ReportsEvidence } from './reports-evidence';
