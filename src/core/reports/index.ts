// AWS Marketplace reports: found, recognized by header, read row by row into one subscription store, every bad
// row kept as a problem with its line.
// The folder's door: callers outside it import only this file (test/unit/layers.test.ts says why).
export type {
  ListedReports,
  LoadedReports,
  LoadOptions,
  ReportInput,
  ReportListing,
  ReportLoad,
} from './load-reports';
export type { ParsedReport, ReadOptions } from './report-types';
export type { ProductInfo, SubscriptionStore } from './store';
export type { ReportSource } from './report-source';
export {
  ReportPathError,
  expandReportPaths,
  findReportFiles,
  isReportFileName,
} from './report-files';
export { KeptReports } from './kept-reports';
export {
  combineReports,
  listed,
  loadReports,
  missingSubscriptionReport,
  summarize,
} from './load-reports';
export { readReport, readReportSource } from './report-source';
