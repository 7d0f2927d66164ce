// The one loader of many reports into one store, for the extension, the CLI and the tests alike:
// where the reports come from (local paths, listings the caller made such as S3's) is found first,
// then each report is read in turn (or taken from the kept ones), and one store is built over all
// their rows.
import type { Problem, ReportFileSummary } from '../domain';
import type { KeptReports } from './kept-reports';
import { findReportFiles } from './report-files';
import { readReport, readReportSource, type ReportSource } from './report-source';
import type { ParsedReport, ReadOptions } from './report-types';
import { SubscriptionStore } from './store';

/** The reports of a load, as lookups and views use them. */
export interface LoadedReports {
  /** Per report, in load order: its name (path or s3://bucket/key), format, date and row counts. */
  files: ReportFileSummary[];
  /** The folders' and listings' notes (where reports were found, or what a folder holds instead), then each report's problems. */
  problems: Problem[];
  store: SubscriptionStore;
}

/** A load's reports, with the names it read (the others were kept from the last load). */
export interface ReportLoad extends LoadedReports {
  /** The names read by this load, in load order; the rest of `files` came from the kept reports. */
  parsed: string[];
}

/** Reports found by the caller (the objects under an S3 prefix, the files a glob matched), with what it noted while finding them. */
export interface ReportListing {
  /** Each report once, in load order: a source, or a local file's path (read as it is, not expanded as a folder). */
  sources: readonly (string | ReportSource)[];
  /** Problems of the listing itself (a prefix with no reports), shown before the reports' own. */
  notes: readonly Problem[];
}

/**
 * Where a load's reports come from, one kind per case:
 * - a string: a local file or folder, found as findReportFiles finds them (a run of strings is
 *   found together, so a file given twice is read once);
 * - listed reports: the ones the caller finds (S3 objects, through the AWS layer, which core
 *   does not import; the files the extension's globs match), asked for when the load reaches them.
 * A data-feed root (core/feeds) will be one more kind here, found by the feeds folder.
 */
export type ReportInput = string | ListedReports;

/** Reports listed by the caller when the load reaches them; rejects with the caller's own error when the listing fails. */
export interface ListedReports {
  list(signal?: AbortSignal): Promise<ReportListing>;
}

/** How to load reports: ReadOptions, plus where parsed reports are kept and who hears of each read. */
export interface LoadOptions extends ReadOptions {
  /** Reports kept from the last load: the ones not marked changed are used again, not read. */
  kept?: KeptReports;
  /** Hears of each report read (not of the kept ones): its summary, its index in the load, and how many it holds. */
  onFile?: (summary: ReportFileSummary, index: number, total: number) => void;
}

/** A listing already made, as a ReportInput. */
export function listed(listing: ReportListing): ListedReports {
  return { list: () => Promise.resolve(listing) };
}

/**
 * Loads the reports `inputs` stand for, in order: first finds them all (local paths expanded,
 * listings asked for), then reads each in turn, or takes it from `kept`. Throws what
 * findReportFiles throws for a local path that cannot be used (PathNotFoundError,
 * ReportPathError), what a listing rejects with, a RangeError for a bad `asOf`, and the signal's
 * reason when aborted. A report that cannot be read (a named pipe, a stream cut off) is a problem in
 * the result; only a local file gone since it was found throws (PathNotFoundError).
 */
export async function loadReports(
  inputs: readonly ReportInput[],
  opts: LoadOptions = {},
): Promise<ReportLoad> {
  const { sources, notes } = await findReports(inputs, opts.signal);
  const names = sources.map(nameOf);
  opts.kept?.startLoad(new Set(names), opts.asOf);
  const reports: ParsedReport[] = [];
  const parsed: string[] = [];
  for (const [index, source] of sources.entries()) {
    opts.signal?.throwIfAborted();
    const kept = opts.kept?.reuse(names[index]);
    if (kept) {
      reports.push(kept);
      continue;
    }
    const report =
      typeof source === 'string'
        ? await readReport(source, opts)
        : await readReportSource(source, opts);
    opts.signal?.throwIfAborted();
    opts.kept?.keep(report);
    reports.push(report);
    parsed.push(report.path);
    opts.onFile?.(summarize(report), index, sources.length);
  }
  const loaded = combineReports(reports);
  return { ...loaded, problems: [...notes, ...loaded.problems], parsed };
}

/** Every report the inputs stand for (a local file by its path), and the notes of finding them, in order. */
async function findReports(
  inputs: readonly ReportInput[],
  signal?: AbortSignal,
): Promise<{ sources: (string | ReportSource)[]; notes: Problem[] }> {
  const sources: (string | ReportSource)[] = [];
  const notes: Problem[] = [];
  for (const run of runsOfAKind(inputs)) {
    signal?.throwIfAborted();
    // A data-feed root will be found here too, by the feeds folder's own finder.
    const found = Array.isArray(run) ? await findReportFiles(run) : await run.list(signal);
    sources.push(...('files' in found ? found.files : found.sources));
    notes.push(...found.notes);
  }
  return { sources, notes };
}

/** Runs of local paths together (found at once, so each file is read once), every listing alone. */
function runsOfAKind(inputs: readonly ReportInput[]): (string[] | ListedReports)[] {
  const runs: (string[] | ListedReports)[] = [];
  for (const input of inputs) {
    const last = runs.at(-1);
    if (typeof input !== 'string') runs.push(input);
    else if (Array.isArray(last)) last.push(input);
    else runs.push([input]);
  }
  return runs;
}

function nameOf(source: string | ReportSource): string {
  return typeof source === 'string' ? source : source.name;
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
  return notAReport === undefined
    ? { path, format, reportDate, rows, kept }
    : { path, format, reportDate, rows, kept, notAReport };
}

/**
 * Undefined when `loaded` holds a subscription report; else the error a lookup gives instead of a
 * verdict: what was found in its place (each file and what it is) and what to give.
 */
export function missingSubscriptionReport(loaded: LoadedReports): string | undefined {
  if (loaded.files.some((f) => f.format !== null && f.format !== 'support-contacts'))
    return undefined;
  const notes = loaded.problems.map((p) => `${p.file}: ${p.message}`).join('; ');
  const found =
    loaded.files.length === 0
      ? `found no report files${notes ? ` (${notes})` : ''}`
      : `found ${loaded.files.length} file${loaded.files.length === 1 ? '' : 's'}, none a subscription report: ${loaded.files.map((f) => `${f.path} (${whatFileIs(f)})`).join(', ')}`;
  return `no subscription report loaded: ${found}. Give the AWS Marketplace subscription reports (the daily customer subscriber reports, .csv or .csv.gz): a file or a folder of them`;
}

function whatFileIs(file: ReportFileSummary): string {
  return file.format === 'support-contacts'
    ? 'support contacts, no subscriptions'
    : (file.notAReport ?? 'not a report');
}
