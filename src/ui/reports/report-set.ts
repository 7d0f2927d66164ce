// The parsed reports currently loaded, file by file, so a change to one CSV re-reads only that file.
// Pure Node (no 'vscode').
import type { ReportFileSummary } from '../../core/domain';
import { combineReports, readReport, summarize, type LoadedReports, type ParsedReport, type ReadOptions } from '../../core/reports';

export interface ReportSnapshot extends LoadedReports {
  /** Files parsed by this sync (the others were kept from before). */
  parsed: string[];
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

  constructor(private readonly read: (path: string, opts: ReadOptions) => Promise<ParsedReport> = readReport) {}

  /**
   * Makes the set hold exactly `files`: drops the ones gone, parses the new ones and those in
   * `changed` ('all' re-parses everything). Throws the signal's reason when aborted.
   */
  async sync(files: readonly string[], changed: ReadonlySet<string> | 'all', opts: SyncOptions = {}): Promise<ReportSnapshot> {
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
        const report = await this.read(path, { asOf: opts.asOf });
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
