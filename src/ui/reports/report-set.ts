// The parsed reports currently loaded, file by file (or S3 object by object), so a change to one CSV
// re-reads only that one, and the log line of a load. Pure Node (no 'vscode').
import type { Problem, ReportFileSummary } from '../../core/domain';
import {
  KeptReports,
  listed,
  loadReports,
  type ReportLoad,
  type ReportSource,
} from '../../core/reports';

/** A load of the configured reports: their store and problems, and the names this load read. */
export type ReportSnapshot = ReportLoad;

/**
 * The log line of one load: "loaded 5 report files, 12 subscriptions in 34 ms: 1 file read again, 4
 * unchanged kept; 2 problems". `ms` is the load's duration in milliseconds.
 */
export function describeLoad(
  snapshot: Pick<ReportSnapshot, 'files' | 'parsed' | 'store' | 'problems'>,
  ms: number,
): string {
  const count = (n: number, one: string, many = `${one}s`) =>
    `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
  const read = snapshot.parsed.length;
  const kept = Math.max(0, snapshot.files.length - read);
  const how =
    kept === 0
      ? 'every file read'
      : `${count(read, 'file')} read again, ${count(kept, 'unchanged file')} kept from the last load`;
  return (
    `loaded ${count(snapshot.files.length, 'report file')}, ${count(snapshot.store.subscriptionCount, 'subscription')} in ${Math.round(ms)} ms ` +
    `(${how}); ${count(snapshot.problems.length, 'problem')}`
  );
}

export interface SyncOptions {
  signal?: AbortSignal;
  /** The day the reports are judged on (YYYY-MM-DD; default today): a report dated after it is a problem on its line. */
  asOf?: string;
  /** What finding the reports noted (an S3 prefix with no reports): shown before the reports' own problems. */
  notes?: readonly Problem[];
  onFile?: (summary: ReportFileSummary, index: number, total: number) => void;
}

/** The extension's reports between loads: core's loader with the parsed reports kept, so a change to one CSV re-reads only that one. */
export class ReportSet {
  private readonly kept = new KeptReports();

  /**
   * Makes the set hold exactly `found` (report file paths, read as they are, and sources such as S3
   * objects, known by their name): drops the ones gone, reads the new ones and those named in
   * `changed` ('all' reads everything again). Throws what loadReports throws (the signal's reason when aborted).
   */
  sync(
    found: readonly (string | ReportSource)[],
    changed: ReadonlySet<string> | 'all',
    opts: SyncOptions = {},
  ): Promise<ReportSnapshot> {
    this.kept.markChanged(changed);
    return loadReports([listed({ sources: found, notes: opts.notes ?? [] })], {
      ...opts,
      kept: this.kept,
    });
  }

  clear(): void {
    this.kept.clear();
  }
}
