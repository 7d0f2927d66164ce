// AWS Marketplace reports: found, recognized by header, read row by row into one subscription store, every bad
// row kept as a problem with its line.
// The folder's door: callers outside it import only this file (test/unit/layers.test.ts says why).
export type { LoadedReports } from './load-reports';
export type { ParsedReport, ReadOptions } from './report-types';
export type { ProductInfo, SubscriptionStore } from './store';
export type { ReportSource } from './report-source';
export { ReportPathError, expandReportPaths, findReportFiles, isReportFileName } from './report-files';
export { combineReports, loadReports, missingSubscriptionReport, summarize } from './load-reports';
export { readReport, readReportSource } from './report-source';
