// Reading the rows of one report: format by header, values checked row by row, a bad row becomes a
// problem on its line (and a rejected row a lookup can cite) and the good rows are kept. Content
// never throws. Where the bytes come from is report-source.ts's job.
import { CsvRow, type CsvParser, type CsvRowSink } from '../csv';
import { dayKey, dayOfKey, parseIsoDay } from '../dates';
import type { Problem, Severity } from '../domain';
import { truncate } from '../ids';
import { recognizeNotCsv } from './not-csv';
import {
  describeUnknownHeader,
  describeUnknownHeaderBriefly,
  detectFormat,
} from './report-formats';
import type { ContactEvent, ParsedReport } from './report-types';
import { RejectedRows } from './rejected-rows';
import { RowValues } from './row-values';
import { accountText, SubscriptionRows } from './subscription-rows';

/** Past this many problems in one report the rest are counted, not listed: one bad export should not flood the view. */
export const MAX_PROBLEMS_PER_FILE = 1000;

const OPERATIONS = new Set<string>(['CREATE', 'UPDATE', 'DELETE']);
const TYPICAL_ROW_BYTES = 64; // real report rows run 100 to 200 bytes
const MAX_PRESIZED_ROWS = 1 << 24;
// What some exports write as the Last Usage Date of a subscription without an end.
const PLACEHOLDER_DAY = 99991231;
// Rows with an ambiguous day (3.4.2025) held until a day of the file proves its order; past this
// many, the rest are judged as they come (an error each), so memory stays bounded.
const MAX_UNDECIDED_ROWS = 10_000;

/**
 * A report none of whose rows can be used (`what` it is instead, in a few words, and the error on
 * its line 1 that says why and what to do), e.g. a named pipe, or a read cut off part-way.
 */
export function reportWithoutRows(
  path: string,
  why: { what: string; message: string },
  rows = 0,
): ParsedReport {
  return {
    path,
    format: null,
    reportDate: null,
    rows,
    kept: 0,
    notAReport: why.what,
    records: new SubscriptionRows(0),
    contacts: [],
    rejected: new RejectedRows(path),
    problems: [{ file: path, line: 1, severity: 'error', message: why.message }],
  };
}

/** What the reader knows of a report before its first row. */
export interface FileFacts {
  /** The day in the file's name, if any: the file's own date. */
  nameDay: string | undefined;
  /** The day it was last modified (YYYY-MM-DD, local time): its own date when its name has none. */
  modifiedDay: string;
  /** Its size as stored, if known (0 when not): to size the columns for the rows it probably holds. */
  bytes: number;
  /** The as-of day as yyyymmdd, and how messages name it ("the as-of day 2026-11-22", "today (2026-11-30)"). */
  asOf: number;
  asOfLabel: string;
}

/**
 * Receives the records of one report from its CsvParser (set `parser` before the first push) and
 * turns them into subscription rows, contacts, rejected rows and problems; `finish` gives the ParsedReport.
 */
export class ReportReader implements CsvRowSink {
  parser!: CsvParser;
  private values: RowValues | null = null; // set once the header names a known format
  private headerSeen = false;
  private notAReport: string | undefined;
  private rows = 0;
  private readonly records: SubscriptionRows;
  private readonly rejected: RejectedRows;
  private readonly fileValue: number;
  /** The day of the file's name, else of its modification, as yyyymmdd: the report date of rows without their own. */
  private readonly ownDay: number;
  /** `ownDay` when it is not after the as-of day, else 0: such rows are then not used. */
  private readonly fileDay: number;
  /** Why `fileDay` is 0: the problem on the header's line, which the rows without a date cite. */
  private readonly fileDayRefused: string | undefined;
  private readonly nameDay: number;
  private readonly contacts: ContactEvent[] = [];
  private readonly problems: Problem[] = [];
  private unlisted = 0;
  private firstUnlistedLine = 0;
  private undecodableLines = 0;
  private firstUndecodableLine = 0;
  private newestRowDay = 0;
  private usedFileDay = false;
  private cutOff: { what: string; message: string } | undefined;
  private headerLine = 1;
  /** Rows held until the file proves the order of its days (RowValues.dayOrder), as text. */
  private readonly undecided: { line: number; fields: string[] }[] = [];
  /** The line of the day that proved the order; 0 until one does. */
  private dayOrderLine = 0;

  constructor(
    private readonly path: string,
    private readonly facts: FileFacts,
  ) {
    // Room for the rows a file of this size probably holds, so the columns are rarely copied to
    // grow; memory that no row reaches is never touched, so it costs address space, not RSS.
    this.records = new SubscriptionRows(
      Math.min(Math.ceil(facts.bytes / TYPICAL_ROW_BYTES), MAX_PRESIZED_ROWS) + 16,
    );
    this.rejected = new RejectedRows(path);
    this.fileValue = this.records.value(path);
    this.nameDay = facts.nameDay === undefined ? 0 : dayKey(facts.nameDay);
    this.ownDay = dayKey(facts.nameDay ?? facts.modifiedDay);
    if (this.ownDay > facts.asOf) {
      this.fileDayRefused =
        facts.nameDay === undefined
          ? `the file has no date in its name and was modified ${facts.modifiedDay} (UTC), after ${facts.asOfLabel}: its rows without a report date of their own are not used (name the file like report_YYYY-MM-DD.csv)`
          : `the file name dates this report ${facts.nameDay}, after ${facts.asOfLabel}: its rows without a report date of their own are not used, and it does not decide which report is newest (name the file with the day the report was made)`;
    }
    this.fileDay = this.fileDayRefused ? 0 : this.ownDay;
  }

  firstLine(bytes: Buffer): void {
    const notCsv = recognizeNotCsv(bytes);
    if (!notCsv) return;
    this.notAReport = notCsv.what;
    this.add(1, 'error', notCsv.message);
    this.parser.stop();
  }

  row(row: CsvRow, line: number): void {
    if (isBlank(row)) return; // rows of empty cells that spreadsheets leave behind
    if (!this.headerSeen) return this.header(row.fields(), line);
    const values = this.values;
    if (!values) return;
    this.rows++;
    values.read(row);
    this.judgeRow(values, row, line, true);
    if (values.dayOrder && this.dayOrderLine === 0) this.dayOrderLine = line;
    if (values.dayOrder && this.undecided.length > 0) this.judgeUndecided(values);
  }

  /** One row, `values` reading it; `mayWait`: a row with an ambiguous day may be held (see undecided). */
  private judgeRow(values: RowValues, row: CsvRow, line: number, mayWait: boolean): void {
    const width = values.format.header.length;
    if (row.count !== width && !onlyEmptyExtras(row, width)) {
      return this.reject(
        line,
        values,
        `row has ${row.count} fields but the header has ${width}: a value holding a comma or line break must be quoted`,
      );
    }
    const account = values.account();
    const product = values.required('productId', values.format.index.productId);
    if (values.format.id === 'support-contacts')
      this.contactRow(values, line, account, product, mayWait);
    else this.subscriptionRow(values, line, account, product, mayWait);
  }

  /** The held rows, judged now: in the proven order, or (none proven by the end) each an error. */
  private judgeUndecided(values: RowValues): void {
    for (const { line, fields } of this.undecided.splice(0)) {
      const row = CsvRow.of(fields);
      values.read(row);
      this.judgeRow(values, row, line, false);
    }
  }

  /** True when the row is held until the file proves the order of its days (and is judged then). */
  private waitsForDayOrder(values: RowValues, line: number, mayWait: boolean): boolean {
    if (!values.undecidedDay || !mayWait || this.undecided.length >= MAX_UNDECIDED_ROWS)
      return false;
    this.undecided.push({ line, fields: values.fields() });
    return true;
  }

  problem(line: number, message: string): void {
    this.add(line, 'error', message);
  }

  undecodable(line: number): void {
    if (this.undecodableLines++ === 0) this.firstUndecodableLine = line;
  }

  /**
   * The bytes could not be read to their end (`reason` says why) after `linesDone` whole lines: the
   * report keeps none of its rows, since a partial report must never be taken as whole.
   */
  readFailed(reason: string, linesDone: number): void {
    this.cutOff =
      linesDone === 0
        ? { what: 'cannot be read', message: `cannot be read: ${reason}` }
        : {
            what: `cut off after line ${linesDone}`,
            message: `the read was cut off after line ${linesDone}: ${reason}. None of this report's rows are used, since the rest of it is missing: read it again`,
          };
  }

  finish(): ParsedReport {
    if (this.cutOff) return reportWithoutRows(this.path, this.cutOff, this.rows);
    if (this.values && this.undecided.length > 0) this.judgeUndecided(this.values);
    this.noteHowRead();
    if (!this.headerSeen && this.notAReport === undefined) {
      this.notAReport = 'empty';
      this.add(1, 'error', 'empty file: a report starts with a header line naming its columns');
    }
    if (this.undecodableLines > 0) {
      this.add(
        this.firstUndecodableLine,
        'warning',
        `${this.undecodableLines === 1 ? 'this line holds' : `this line and ${this.undecodableLines - 1} more hold`} bytes that are not UTF-8 (shown as \uFFFD): save the report as UTF-8`,
      );
    }
    if (this.values && this.rows === 0) {
      // A header and nothing else is what an export cut short looks like: it lists no one, so it must not pass for "nobody subscribed".
      this.add(
        1,
        'warning',
        'the report has its header and no rows: an export cut short? Download it again before anyone is judged on it',
      );
    }
    let reportDate: string | null = null;
    if (this.values) {
      const day = this.newestRowDay || this.fileDay;
      reportDate = day === 0 ? null : dayOfKey(day);
      if (
        (this.usedFileDay || this.newestRowDay === 0) &&
        !this.facts.nameDay &&
        this.fileDay !== 0
      ) {
        this.add(
          1,
          'warning',
          `no report date in the file or its name: using its modification day ${this.facts.modifiedDay} (UTC); name the file like report_YYYY-MM-DD.csv`,
        );
      }
    }
    if (this.unlisted > 0) {
      this.problems.push({
        file: this.path,
        line: this.firstUnlistedLine,
        severity: 'info',
        message: `${this.unlisted} more problems from this line on are not listed`,
      });
    }
    const problems = this.problems.sort((a, b) => a.line - b.line);
    const kept = this.records.length + this.contacts.length;
    return {
      path: this.path,
      format: this.values?.format.id ?? null,
      reportDate,
      rows: this.rows,
      kept,
      ...(this.notAReport === undefined ? {} : { notAReport: this.notAReport }),
      records: this.records,
      contacts: this.contacts,
      problems,
      rejected: this.rejected,
    };
  }

  /** An info on the header's line when the file was read in a way of its own: semicolons, `sep=`, day-first days. */
  private noteHowRead(): void {
    const how: string[] = [];
    if (this.parser.separatorHinted)
      how.push(`its first line "sep=${this.parser.separator}" (Excel's) names the separator`);
    else if (this.parser.separator === ';')
      how.push('read semicolon-separated (as a European Excel saves CSV)');
    const order = this.values?.dayOrder;
    if (order && this.values!.orderedDays > 0) {
      how.push(
        `its days that read two ways (${this.values!.orderedDays}, such as "${truncate(this.values!.orderedExample)}") are read ${order.reading}, as "${truncate(order.proof)}" on line ${this.dayOrderLine} can only be read ${order.reading}`,
      );
    }
    if (how.length > 0) this.add(this.headerLine, 'info', `this file: ${how.join('; ')}`);
  }

  private header(fields: string[], line: number): void {
    this.headerSeen = true;
    this.headerLine = line;
    const format = detectFormat(fields);
    if (!format) {
      this.notAReport = describeUnknownHeaderBriefly(fields);
      this.add(line, 'error', describeUnknownHeader(fields));
      return this.parser.stop();
    }
    this.values = new RowValues(format, this.records);
    if (this.fileDayRefused && format.id !== 'support-contacts')
      this.add(line, 'error', this.fileDayRefused);
  }

  private subscriptionRow(
    values: RowValues,
    line: number,
    account: number,
    product: number,
    mayWait: boolean,
  ): void {
    const hasLastUsage = values.format.index.lastUsage !== undefined;
    // Field numbers given: see RowValues.
    const { index } = values.format;
    const lastUsage = hasLastUsage ? values.day('lastUsage', index.lastUsage) : 0;
    const start = values.day('subscriptionStart', index.subscriptionStart);
    const rowDay = values.day('reportDate', index.reportDate);
    const code = values.productCode();
    const title = values.value('productTitle', index.productTitle);
    if (this.waitsForDayOrder(values, line, mayWait)) return;
    if (values.errors.length === 0) this.checkReportDay(values, rowDay);
    if (values.errors.length > 0) return this.reject(line, values, values.errors.join('; '));
    const day = rowDay || this.fileDay;
    // The header's line already says why the file's own date is not used: no problem per row.
    if (day === 0) return this.remember(line, values, this.fileDayRefused!);
    if (hasLastUsage) this.checkLastUsage(values, lastUsage, day);
    // A daily report's rows carry its own day: an older one is judged as that older report's row, which
    // reads as "missing from the newest report" while naming this very file.
    if (rowDay !== 0 && this.nameDay !== 0 && rowDay < this.nameDay) {
      values.warnings.push(
        `${values.name('reportDate')} ${dayOfKey(rowDay)} is before the file's own date ${this.facts.nameDay} (in its name): the row is judged as part of the ${dayOfKey(rowDay)} report (check the dates of the export, or the file name)`,
      );
    }
    this.warn(line, values);
    if (rowDay === 0) this.usedFileDay = true;
    else if (rowDay > this.newestRowDay) this.newestRowDay = rowDay;
    this.records.add(account, line, this.fileValue, day, product, code, title, lastUsage, start);
  }

  /** A row's own report date must not be after the as-of day, nor after the file's own date (in its name). */
  private checkReportDay(values: RowValues, rowDay: number): void {
    if (
      rowDay === 0 ||
      (rowDay <= this.facts.asOf && (this.nameDay === 0 || rowDay <= this.nameDay))
    )
      return;
    const written = `${values.name('reportDate')} ${dayOfKey(rowDay)}`;
    const notUsed = 'this row is not used and does not decide which report is newest';
    values.errors.push(
      rowDay > this.facts.asOf
        ? `${written} is after ${this.facts.asOfLabel}: ${notUsed} (check the dates of the export)`
        : `${written} is after the file's own date ${this.facts.nameDay} (in its name): ${notUsed} (check the dates of the export, or the file name)`,
    );
  }

  /** A last usage after the report's date is suspect (9999-12-31 is a placeholder): a warning, the row is kept. */
  private checkLastUsage(values: RowValues, lastUsage: number, day: number): void {
    if (lastUsage !== 0 && lastUsage <= day) return;
    if (lastUsage === 0) {
      values.warnings.push(
        `no ${values.name('lastUsage')}: the subscription is judged as listed without usage`,
      );
      return;
    }
    const written = `${values.name('lastUsage')} ${dayOfKey(lastUsage)}`;
    values.warnings.push(
      lastUsage >= PLACEHOLDER_DAY
        ? `${written} is a placeholder, not a day of usage: the subscription is judged as used recently (check it with the customer or AWS)`
        : `${written} is after the row's report date ${dayOfKey(day)}: a report cannot know later usage (check the dates of the export)`,
    );
  }

  private contactRow(
    values: RowValues,
    line: number,
    account: number,
    product: number,
    mayWait: boolean,
  ): void {
    const operation = values.required('operation') && values.text('operation')!.toUpperCase();
    if (operation && !OPERATIONS.has(operation)) {
      values.errors.push(
        `${values.name('operation')} "${truncate(operation)}" must be CREATE, UPDATE or DELETE`,
      );
    }
    const operationDay = values.day('operationTime');
    if (this.waitsForDayOrder(values, line, mayWait)) return;
    // A time as written orders the contacts; a day read from a spreadsheet's writing is given in ISO form.
    const written = values.text('operationTime');
    const operationTime =
      operationDay === 0 ? undefined : parseIsoDay(written!) ? written : dayOfKey(operationDay);
    if (values.errors.length > 0 || !operation)
      return this.add(line, 'error', values.errors.join('; '));
    this.warn(line, values);
    this.usedFileDay = true;
    this.contacts.push({
      file: this.path,
      line,
      reportDate: dayOfKey(this.ownDay),
      operation: operation as ContactEvent['operation'],
      operationTime,
      subscriptionId: values.text('subscriptionId'),
      contact: {
        account: accountText(account),
        productId: this.records.text(product)!,
        organization: values.text('organization'),
        givenName: values.text('givenName'),
        surname: values.text('surname'),
        email: values.text('email'),
        telephone: values.text('telephone'),
        title: values.text('title'),
        countryCode: values.text('countryCode'),
      },
    });
  }

  /** An error on the row's line; a subscription row is also remembered for the verdicts of its account. */
  private reject(line: number, values: RowValues, reason: string): void {
    this.add(line, 'error', reason);
    if (values.format.id !== 'support-contacts') this.remember(line, values, reason);
  }

  private remember(line: number, values: RowValues, reason: string): void {
    const account = values.accountAsWritten();
    if (account !== undefined) this.rejected.add(account, line, values.text('productId'), reason);
  }

  private warn(line: number, values: RowValues): void {
    if (values.warnings.length > 0) this.add(line, 'warning', values.warnings.join('; '));
  }

  private add(line: number, severity: Severity, message: string): void {
    if (this.problems.length < MAX_PROBLEMS_PER_FILE) {
      this.problems.push({ file: this.path, line, severity, message });
    } else if (this.unlisted++ === 0) {
      this.firstUnlistedLine = line;
    }
  }
}

function isBlank(row: CsvRow): boolean {
  for (let i = 0; i < row.count; i++) if (!row.isBlank(i)) return false;
  return true;
}

function onlyEmptyExtras(row: CsvRow, width: number): boolean {
  if (row.count < width) return false;
  for (let i = width; i < row.count; i++) if (!row.isBlank(i)) return false;
  return true;
}
