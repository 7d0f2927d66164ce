// Confirmations in bulk: the instance list read from CSV or text, and the results file (JSON lines, resumable, locked).
// The folder's door: callers outside it import only this file (test/unit/layers.test.ts says why).
export type { BatchRow } from './batch-input';
export type { ResultsLock } from './batch-results';
export { BATCH_INPUT_SHAPES, readBatchInput } from './batch-input';
export {
  ResultsFileInUse,
  ResultsWriteError,
  describeHolder,
  lockResults,
  resultKey,
  resultsWriteError,
  resumeResults,
} from './batch-results';
