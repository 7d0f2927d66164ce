// The live agreement: what AWS Marketplace's Agreement API says of an account's subscription now (SearchAgreements
// today; DescribeAgreement, terms and entitlements next), as a verdict with its evidence.
// The folder's door: callers outside it import only this file (test/unit/layers.test.ts says why).
export type { LiveAgreement, LiveEvidence, LiveVerdict } from './live-verdict';
export { combineVerdicts, describeLive, liveVerdictOf } from './live-verdict';
