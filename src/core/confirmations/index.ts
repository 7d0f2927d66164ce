// A confirmation: the ConfirmProductInstance request, its checks and its result, in the words the engineer reads.
// The folder's door: callers outside it import only this file (test/unit/layers.test.ts says why).
export type {
  ConfirmationError,
  ConfirmationErrorKind,
  ConfirmationRequest,
  ConfirmationResult,
  ConfirmationVerdict,
  RegionSource,
} from './confirmation';
export {
  CONFIRMATION_KEYS,
  DEFAULT_CONCURRENCY,
  describeConfirmationEvidence,
  describeResult,
  isFinalResult,
  malformedResult,
  namedRegion,
  normalizeClaimedAccount,
  regionProblem,
  validateConfirmationRequest,
  verdictFor,
} from './confirmation';
