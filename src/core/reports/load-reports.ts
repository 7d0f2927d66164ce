// Many reports as one loaded set: each read in turn, their summaries and problems in order, and
// one store over all their rows.
import type { Problem, ReportFileSummary } from '../domain';
import { findReportFiles } from './report-files';
import { readReport } from './report-source';
import type { ParsedReport, ReadOptions } from './report-types';
import { SubscriptionStore } from './store';

/** The reports of a load, as lookups and views use them. */
export interface LoadedReports {
  /** Per report, in load order: its name (path or s3://bucket/key), format, date and row counts. */
  files: ReportFileSummary[];
  /** The folders' notes (where reports were found, or what a folder holds instead), then each report's problems. */
  problems: Problem[];
  store: SubscriptionStore;
}

/**
 * Reads every report the paths stand for (see findReportFiles), in order; `onFile` hears of each
 * as it is read. Throws what findReportFiles throws for a path that cannot be used, a RangeError
 * for a bad `asOf`, and the signal's reason when aborted.
 */
export async function loadReports(paths: string[], opts: ReadOptions & { onFile?: (r: ReportFileSummary) => void } = {}): Promise<LoadedReports> {
  const { files, notes } = await findReportFiles(paths);
  const reports: ParsedReport[] = [];
  for (const file of files) {
    opts.signal?.throwIfAborted();
    const report = await readReport(file, opts);
    reports.push(report);
    opts.onFile?.(summarize(report));
  }
  const loaded = combineReports(reports);
  return { ...loaded, problems: [...notes, ...loaded.problems] };
}

/**
 * Reports read from anywhere (files, S3 objects) as one loaded set: their summaries and problems
 * in the order given, one store over all their rows.
 */
export function combineReports(reports: ParsedReport[]): LoadedReports {
  return {
    files: reports.map(summarize),
    problems: reports.flatMap((r) => r.problems),
    store: SubscriptionStore.from(reports),
  };
}

/** The summary fields of a report alone (no rows, no problems): what a list of reports shows. */
export function summarize(report: ReportFileSummary): ReportFileSummary {
  const { path, format, reportDate, rows, kept, notAReport } = report;
  return notAReport === undefined ? { path, format, reportDate, rows, kept } : { path, format, reportDate, rows, kept, notAReport };
}

/**
 * Undefined when `loaded` holds a subscription report; else the error a lookup gives instead of a
 * verdict: what was found in its place (each file and what it is) and what to give.
 */
export function missingSubscriptionReport(loaded: LoadedReports): string | undefined {
  if (loaded.files.some((f) => f.format !== null && f.format !== 'support-contacts')) return undefined;
  const notes = loaded.problems.map((p) => `${p.file}: ${p.message}`).join('; ');
  const found =
    loaded.files.length === 0
      ? `found no report files${notes ? ` (${notes})` : ''}`
      : `found ${loaded.files.length} file${loaded.files.length === 1 ? '' : 's'}, none a subscription report: ${loaded.files.map((f) => `${f.path} (${whatFileIs(f)})`).join(', ')}`;
  return `no subscription report loaded: ${found}. Give the AWS Marketplace subscription reports (the daily customer subscriber reports, .csv or .csv.gz): a file or a folder of them`;
}

function whatFileIs(file: ReportFileSummary): string {
  return file.format === 'support-contacts' ? 'support contacts, no subscriptions' : (file.notAReport ?? 'not a report');
}
