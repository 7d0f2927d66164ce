// One report read from wherever its bytes are: a file on disk or an object in S3 go through the
// same parser and reader, so they give the same rows, problems and verdicts.
import { CsvParser } from '../csv';
import { fileChunks, parseCsvChunks } from '../csv';
import { dayInFileName, dayKey, isIsoDay, today, utcDay } from '../dates';
import { inspectReportFile } from './report-files';
import { ReportReader, reportWithoutRows } from './report-reader';
import type { ParsedReport, ReadOptions } from './report-types';

/** Where one report's bytes come from: a file on disk or an object in S3. */
export interface ReportSource {
  /** What problems and evidence name: a path, or s3://bucket/key (problems become `name:line`). */
  name: string;
  /** The object's/file's last modification, for reports whose day is not in their name (default: the time of reading). */
  modified?: Date;
  /** Its size as stored (compressed when gzipped), if known: sizes the columns up front. */
  bytes?: number;
  /**
   * The bytes as stored (gzipped when the bytes start 1f 8b: the reader gunzips on the way).
   * Streamed: no temp file, no whole-object buffer. A stream that errors mid-way rejects.
   */
  open(signal?: AbortSignal): AsyncIterable<Uint8Array>;
}

/**
 * Reads one report from its source. Anything wrong with the content (not a report, bad rows) is a
 * problem in the result; a source that fails (cannot be opened, or its stream errors part-way)
 * gives a report with no rows at all and one error on line 1 saying where it was cut off, so a
 * partial report is never taken as whole. The day in the name's last segment (…_2026-11-21.csv)
 * dates the report, else `modified`. Throws a RangeError for an `asOf` that is not YYYY-MM-DD and
 * the signal's reason when aborted.
 */
export async function readReportSource(
  source: ReportSource,
  opts: ReadOptions = {},
): Promise<ParsedReport> {
  const asOf = opts.asOf ?? today();
  if (!isIsoDay(asOf))
    throw new RangeError(`as-of day "${asOf}" must be a date written YYYY-MM-DD`);
  const reader = new ReportReader(source.name, {
    nameDay: dayInFileName(source.name.slice(source.name.lastIndexOf('/') + 1)),
    modifiedDay: utcDay(source.modified ?? new Date()),
    bytes: source.bytes ?? 0,
    asOf: dayKey(asOf),
    asOfLabel: opts.asOf ? `the as-of day ${asOf}` : `today (${asOf})`,
  });
  const parser = new CsvParser(reader);
  reader.parser = parser;
  try {
    await parseCsvChunks(source.open(opts.signal), parser, opts.signal);
  } catch (error) {
    if (opts.signal?.aborted) throw opts.signal.reason;
    reader.readFailed(reasonOf(error), parser.linesDone);
  }
  return reader.finish();
}

/**
 * Reads one report file (plain or gzipped): readReportSource over the file. Throws a
 * PathNotFoundError when nothing is at `path`; a path that is not a readable regular file (a named
 * pipe, a link loop) is one problem in the result, read without opening it.
 */
export async function readReport(path: string, opts: ReadOptions = {}): Promise<ParsedReport> {
  const file = await inspectReportFile(path);
  if ('unreadable' in file) return reportWithoutRows(path, file.unreadable);
  return readReportSource(
    {
      name: path,
      modified: file.stats.mtime,
      bytes: file.stats.size,
      open: (signal) => fileChunks(path, signal),
    },
    opts,
  );
}

/** An error's words: the message, with the system code when it does not already say it. */
function reasonOf(error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException;
  const text = message ?? String(error);
  return code && !text.includes(code) ? `${code}: ${text}` : text;
}
