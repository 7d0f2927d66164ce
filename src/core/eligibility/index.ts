// Eligibility: a verdict per account and subscription from the reports (good faith for new subscribers, lapsed
// usage), and the evidence behind it in shared words.
// The folder's door: callers outside it import only this file (test/unit/layers.test.ts says why).
export type { Freshness } from './eligibility';
export type { RecordedEvidence } from './evidence';
export {
  describeAccountEvidence,
  describeContact,
  describeIdentityEntry,
  describeLiveEntry,
  describeRecordedEvidence,
  recordedEvidenceByAccount,
  summarizeRecordedEvidence,
} from './evidence';
export {
  isGoodFaithRule,
  judgeAccount,
  judgeSubscription,
  reportFreshness,
  today,
} from './eligibility';
export { sharedName, withoutLocalPaths } from './shared-name';
