// What reading one report gives: the shapes that the reader produces and the store indexes. They
// live apart from both, so that the store can name them without importing the reader.
import type { Evidence, Problem, ReportFileSummary, SupportContact } from '../domain';
import type { RejectedRows } from './rejected-rows';
import type { RecordList } from './subscription-rows';

/** What one row of a Product Support Connection export does to its subscription's contact. */
export type ContactOperation = 'CREATE' | 'UPDATE' | 'DELETE';

/** One row of a Product Support Connection export; applied in order they give the current contacts. */
export interface ContactEvent extends Evidence {
  operation: ContactOperation;
  /** As the row wrote it when ISO 8601 (a day or a time), else the day a spreadsheet's writing gives; absent when empty. */
  operationTime?: string;
  subscriptionId?: string;
  contact: SupportContact;
}

/**
 * One report as read: its summary (`path` is the source's name: a file path or s3://bucket/key),
 * the rows kept, and the problems found, sorted by line. A report that could not be read to its
 * end keeps no rows at all (format null, `notAReport` says it was cut off).
 */
export interface ParsedReport extends ReportFileSummary {
  /** Array-like (length, at, for-of): a SubscriptionRows when read from a report. */
  records: RecordList;
  contacts: ContactEvent[];
  problems: Problem[];
  /** Subscription rows not kept, by account, for verdicts to cite. */
  rejected: RejectedRows;
}

/** How to read reports. */
export interface ReadOptions {
  /** Aborting stops the read: the call then rejects with the signal's reason. */
  signal?: AbortSignal;
  /**
   * The day the reports are judged on (YYYY-MM-DD; default: today). A report date after it is a
   * problem on its line, and that row does not count (nor decide which report is newest).
   */
  asOf?: string;
}
