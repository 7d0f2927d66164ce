// The parsed reports currently loaded, file by file (or S3 object by object), so a change to one CSV
// re-reads only that one. Pure Node (no 'vscode').
import type { ReportFileSummary } from '../../core/domain';
import { combineReports, summarize, type LoadedReports } from '../../core/reports';
import { readReport, readReportSource, type ReportSource } from '../../core/reports';
import type { ParsedReport, ReadOptions } from '../../core/reports';

export interface ReportSnapshot extends LoadedReports {
  /** Files parsed by this sync (the others were kept from before). */
  parsed: string[];
}

/**
 * The log line of one load: "loaded 5 report files, 12 subscriptions in 34 ms: 1 file read again, 4
 * unchanged kept; 2 problems". `ms` is the load's duration in milliseconds.
 */
export function describeLoad(snapshot: Pick<ReportSnapshot, 'files' | 'parsed' | 'store' | 'problems'>, ms: number): string {
  const count = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
  const read = snapshot.parsed.length;
  const kept = Math.max(0, snapshot.files.length - read);
  const how = kept === 0 ? 'every file read' : `${count(read, 'file')} read again, ${count(kept, 'unchanged file')} kept from the last load`;
  return (
    `loaded ${count(snapshot.files.length, 'report file')}, ${count(snapshot.store.subscriptionCount, 'subscription')} in ${Math.round(ms)} ms ` +
    `(${how}); ${count(snapshot.problems.length, 'problem')}`
  );
}

export interface SyncOptions {
  signal?: AbortSignal;
  /** The day the reports are judged on (YYYY-MM-DD; default today): a report dated after it is a problem on its line. */
  asOf?: string;
  onFile?: (summary: ReportFileSummary, index: number, total: number) => void;
}

export class ReportSet {
  private readonly reports = new Map<string, ParsedReport>();
  /** The as-of day the kept reports were read for: another day re-reads them all. */
  private asOf?: string;

  constructor(private readonly read: (report: string | ReportSource, opts: ReadOptions) => Promise<ParsedReport> = readAny) {}

  /**
   * Makes the set hold exactly `items` (file paths, or sources such as S3 objects, known by their
   * name): drops the ones gone, parses the new ones and those in `changed` ('all' re-parses
   * everything). Throws the signal's reason when aborted.
   */
  async sync(items: readonly (string | ReportSource)[], changed: ReadonlySet<string> | 'all', opts: SyncOptions = {}): Promise<ReportSnapshot> {
    const files = items.map(nameOf);
    const byName = new Map(items.map((r) => [nameOf(r), r]));
    if (opts.asOf !== this.asOf) {
      changed = 'all';
      this.asOf = opts.asOf;
    }
    const wanted = new Set(files);
    for (const path of [...this.reports.keys()]) if (!wanted.has(path)) this.reports.delete(path);
    const parsed: string[] = [];
    let index = 0;
    for (const path of files) {
      opts.signal?.throwIfAborted();
      if (changed === 'all' || changed.has(path) || !this.reports.has(path)) {
        const report = await this.read(byName.get(path) ?? path, { asOf: opts.asOf });
        opts.signal?.throwIfAborted();
        this.reports.set(path, report);
        parsed.push(path);
        opts.onFile?.(summarize(report), index, files.length);
      }
      index++;
    }
    const reports = files.map((f) => this.reports.get(f)).filter((r): r is ParsedReport => r !== undefined);
    return { ...combineReports(reports), parsed };
  }

  clear(): void {
    this.reports.clear();
  }
}

function nameOf(report: string | ReportSource): string {
  return typeof report === 'string' ? report : report.name;
}

function readAny(report: string | ReportSource, opts: ReadOptions): Promise<ParsedReport> {
  return typeof report === 'string' ? readReport(report, opts) : readReportSource(report, opts);
}
