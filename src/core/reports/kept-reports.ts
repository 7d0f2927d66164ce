// Parsed reports kept between loads, by name, so that a reload reads again only the reports that
// changed (the extension keeps them across reloads; the CLI reads every report once and keeps none).
import type { ParsedReport } from './report-types';

/**
 * The reports the last load read, by name (a file path or s3://bucket/key). A load for another
 * as-of day reads every report again (a report dated after that day is a problem on its line); a
 * load drops the names it no longer finds.
 */
export class KeptReports {
  private readonly reports = new Map<string, ParsedReport>();
  private readonly changed = new Set<string>();
  private asOf?: string;

  /** Marks reports to be read again by the next load (`'all'`: every one). */
  markChanged(changed: ReadonlySet<string> | 'all'): void {
    if (changed === 'all') this.reports.clear();
    else for (const name of changed) this.changed.add(name);
  }

  /** Forgets every report. */
  clear(): void {
    this.reports.clear();
    this.changed.clear();
  }

  /**
   * Starts a load of the reports `names` for the day `asOf` (undefined: today): forgets the ones
   * not among them, and all of them when the day is another than the last load's.
   */
  startLoad(names: ReadonlySet<string>, asOf: string | undefined): void {
    if (asOf !== this.asOf) this.clear();
    this.asOf = asOf;
    for (const name of [...this.reports.keys()]) if (!names.has(name)) this.reports.delete(name);
    for (const name of [...this.changed]) if (!names.has(name)) this.changed.delete(name);
  }

  /** The report kept under `name`, unless it is marked changed. */
  reuse(name: string): ParsedReport | undefined {
    return this.changed.has(name) ? undefined : this.reports.get(name);
  }

  /** Keeps `report` under its name (`report.path`), read now: no longer marked changed. */
  keep(report: ParsedReport): void {
    this.reports.set(report.path, report);
    this.changed.delete(report.path);
  }
}
