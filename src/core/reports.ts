// Reading subscription reports: format by header, values checked row by row, a bad row becomes a
// problem on its line (and a rejected row a lookup can cite) and the good rows are kept. Content
// never throws; only a path that cannot be used as given does.
import { basename } from 'node:path';
import { CsvParser, readCsvFile, type CsvRow, type CsvRowSink } from './csv';
import { dayInFileName, dayKey, dayOfKey, isIsoDay, isRealDay, localDay, parseIsoDay, parseSpreadsheetDay, today } from './dates';
import { FieldCache } from './field-cache';
import { parseAccountNumber, PRODUCT_CODE, SCIENTIFIC_ACCOUNT, truncate } from './ids';
import type { Evidence, Problem, ReportFileSummary, Severity, SupportContact } from './domain';
import { recognizeNotCsv } from './not-csv';
import { findReportFiles, inspectReportFile, type Unreadable } from './report-files';
import { describeUnknownHeader, describeUnknownHeaderBriefly, detectFormat, type Column, type DetectedFormat } from './report-formats';
import { RejectedRows } from './rejected-rows';
import { SubscriptionStore } from './store';
import { accountText, SubscriptionRows, type RecordList } from './subscription-rows';

export { expandReportPaths, PathNotFoundError, ReportPathError } from './report-files';

export type ContactOperation = 'CREATE' | 'UPDATE' | 'DELETE';

/** One row of a Product Support Connection export; applied in order they give the current contacts. */
export interface ContactEvent extends Evidence {
  operation: ContactOperation;
  operationTime?: string;
  subscriptionId?: string;
  contact: SupportContact;
}

export interface ParsedReport extends ReportFileSummary {
  /** Array-like (length, at, for-of): a SubscriptionRows when read from a file. */
  records: RecordList;
  contacts: ContactEvent[];
  problems: Problem[];
  /** Subscription rows not kept, by account, for verdicts to cite. */
  rejected: RejectedRows;
}

export interface LoadedReports {
  files: ReportFileSummary[];
  /** The folders' notes (where reports were found, or what a folder holds instead), then each file's problems. */
  problems: Problem[];
  store: SubscriptionStore;
}

export interface ReadOptions {
  signal?: AbortSignal;
  /**
   * The day the reports are judged on (YYYY-MM-DD; default: today). A report date after it is a
   * problem on its line, and that row does not count (nor decide which report is newest).
   */
  asOf?: string;
}

/** Past this many problems in one file the rest are counted, not listed: one bad export should not flood the view. */
export const MAX_PROBLEMS_PER_FILE = 1000;

/**
 * Reads one report file (plain or gzipped). Anything wrong with it (not a regular file, not a
 * report, bad rows) is a problem in the result. Throws a PathNotFoundError when nothing is at
 * `path`, a RangeError for an `asOf` that is not YYYY-MM-DD, and the signal's reason when aborted.
 */
export async function readReport(path: string, opts: ReadOptions = {}): Promise<ParsedReport> {
  const file = await inspectReportFile(path);
  if ('unreadable' in file) return unreadableReport(path, file.unreadable);
  const asOf = opts.asOf ?? today();
  if (!isIsoDay(asOf)) throw new RangeError(`as-of day "${asOf}" must be a date written YYYY-MM-DD`);
  const reader = new ReportReader(path, {
    nameDay: dayInFileName(basename(path)), modifiedDay: localDay(file.stats.mtime), bytes: file.stats.size,
    asOf: dayKey(asOf), asOfLabel: opts.asOf ? `the as-of day ${asOf}` : `today (${asOf})`,
  });
  const parser = new CsvParser(reader);
  reader.parser = parser;
  try {
    await readCsvFile(path, parser, opts.signal);
  } catch (error) {
    if (opts.signal?.aborted) throw error;
    reader.readFailed(`cannot read the file: ${(error as Error).message}`);
  }
  return reader.finish();
}

/** A path named like a report that cannot be read (a named pipe, a link loop): one problem that says what it is. */
function unreadableReport(path: string, unreadable: Unreadable): ParsedReport {
  return {
    path, format: null, reportDate: null, rows: 0, kept: 0, notAReport: unreadable.what,
    records: new SubscriptionRows(0), contacts: [], rejected: new RejectedRows(path),
    problems: [{ file: path, line: 1, severity: 'error', message: unreadable.message }],
  };
}

/**
 * Reads every report the paths stand for (see findReportFiles), in order. Throws what
 * findReportFiles throws for a path that cannot be used, and the signal's reason when aborted.
 */
export async function loadReports(
  paths: string[], opts: ReadOptions & { onFile?: (r: ReportFileSummary) => void } = {},
): Promise<LoadedReports> {
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

/** Parsed files as one loaded set: their summaries and problems in file order, one store over all. */
export function combineReports(reports: ParsedReport[]): LoadedReports {
  return {
    files: reports.map(summarize),
    problems: reports.flatMap((r) => r.problems),
    store: SubscriptionStore.from(reports),
  };
}

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
  const found = loaded.files.length === 0
    ? `found no report files${notes ? ` (${notes})` : ''}`
    : `found ${loaded.files.length} file${loaded.files.length === 1 ? '' : 's'}, none a subscription report: ${loaded.files.map((f) => `${f.path} (${whatFileIs(f)})`).join(', ')}`;
  return `no subscription report loaded: ${found}. Give the AWS Marketplace subscription reports (the daily customer subscriber reports, .csv or .csv.gz): a file or a folder of them`;
}

function whatFileIs(file: ReportFileSummary): string {
  return file.format === 'support-contacts' ? 'support contacts, no subscriptions' : file.notAReport ?? 'not a report';
}

const OPERATIONS = new Set<string>(['CREATE', 'UPDATE', 'DELETE']);
const DAY_COLUMNS = new Set<Column>(['lastUsage', 'reportDate', 'subscriptionStart', 'operationTime']);
const TYPICAL_ROW_BYTES = 64; // real report rows run 100 to 200 bytes
const MAX_PRESIZED_ROWS = 1 << 24;
const INVALID = -1; // what a cache answers for a value that is wrong (a bad date or product code)
const AMBIGUOUS = -2; // a day a spreadsheet wrote so that it reads as two different days (3/4/2025)
// A day read from a spreadsheet's writing (11/20/2026) is cached as the day plus this, so that each
// row it is on still gets its warning.
const FROM_SPREADSHEET = 100_000_000;
// What some exports write as the Last Usage Date of a subscription without an end.
const PLACEHOLDER_DAY = 99991231;

/** What the reader knows of a file before its first row. */
interface FileFacts {
  /** The day in the file's name, if any: the file's own date. */
  nameDay: string | undefined;
  modifiedDay: string;
  bytes: number;
  /** The as-of day as yyyymmdd, and how messages name it ("the as-of day 2026-11-22", "today (2026-11-30)"). */
  asOf: number;
  asOfLabel: string;
}

/** Receives the records of one file and turns them into subscription rows, contacts, rejected rows and problems. */
class ReportReader implements CsvRowSink {
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

  constructor(private readonly path: string, private readonly facts: FileFacts) {
    // Room for the rows a file of this size probably holds, so the columns are rarely copied to
    // grow; memory that no row reaches is never touched, so it costs address space, not RSS.
    this.records = new SubscriptionRows(Math.min(Math.ceil(facts.bytes / TYPICAL_ROW_BYTES), MAX_PRESIZED_ROWS) + 16);
    this.rejected = new RejectedRows(path);
    this.fileValue = this.records.value(path);
    this.nameDay = facts.nameDay === undefined ? 0 : dayKey(facts.nameDay);
    this.ownDay = dayKey(facts.nameDay ?? facts.modifiedDay);
    if (this.ownDay > facts.asOf) {
      this.fileDayRefused = facts.nameDay === undefined
        ? `the file has no date in its name and was modified ${facts.modifiedDay}, after ${facts.asOfLabel}: its rows without a report date of their own are not used (name the file like report_YYYY-MM-DD.csv)`
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
    const width = values.format.header.length;
    if (row.count !== width && !onlyEmptyExtras(row, width)) {
      return this.reject(line, values, `row has ${row.count} fields but the header has ${width}: a value holding a comma or line break must be quoted`);
    }
    const account = values.account();
    const product = values.required('productId');
    if (values.format.id === 'support-contacts') this.contactRow(values, line, account, product);
    else this.subscriptionRow(values, line, account, product);
  }

  problem(line: number, message: string): void {
    this.add(line, 'error', message);
  }

  undecodable(line: number): void {
    if (this.undecodableLines++ === 0) this.firstUndecodableLine = line;
  }

  /** The file could not be read to its end (`message` says why): a problem on line 1. */
  readFailed(message: string): void {
    if (!this.headerSeen) this.notAReport ??= 'cannot be read';
    this.add(1, 'error', message);
  }

  finish(): ParsedReport {
    if (!this.headerSeen && this.notAReport === undefined) {
      this.notAReport = 'empty';
      this.add(1, 'error', 'empty file: a report starts with a header line naming its columns');
    }
    if (this.undecodableLines > 0) {
      this.add(this.firstUndecodableLine, 'warning',
        `${this.undecodableLines === 1 ? 'this line holds' : `this line and ${this.undecodableLines - 1} more hold`} bytes that are not UTF-8 (shown as \uFFFD): save the report as UTF-8`);
    }
    let reportDate: string | null = null;
    if (this.values) {
      const day = this.newestRowDay || this.fileDay;
      reportDate = day === 0 ? null : dayOfKey(day);
      if ((this.usedFileDay || this.newestRowDay === 0) && !this.facts.nameDay && this.fileDay !== 0) {
        this.add(1, 'warning', `no report date in the file or its name: using its modification day ${this.facts.modifiedDay}; name the file like report_YYYY-MM-DD.csv`);
      }
    }
    if (this.unlisted > 0) {
      this.problems.push({ file: this.path, line: this.firstUnlistedLine, severity: 'info', message: `${this.unlisted} more problems from this line on are not listed` });
    }
    const problems = this.problems.sort((a, b) => a.line - b.line);
    const kept = this.records.length + this.contacts.length;
    return {
      path: this.path, format: this.values?.format.id ?? null, reportDate, rows: this.rows, kept,
      ...(this.notAReport === undefined ? {} : { notAReport: this.notAReport }),
      records: this.records, contacts: this.contacts, problems, rejected: this.rejected,
    };
  }

  private header(fields: string[], line: number): void {
    this.headerSeen = true;
    const format = detectFormat(fields);
    if (!format) {
      this.notAReport = describeUnknownHeaderBriefly(fields);
      this.add(line, 'error', describeUnknownHeader(fields));
      return this.parser.stop();
    }
    this.values = new RowValues(format, this.records);
    if (this.fileDayRefused && format.id !== 'support-contacts') this.add(line, 'error', this.fileDayRefused);
  }

  private subscriptionRow(values: RowValues, line: number, account: number, product: number): void {
    const hasLastUsage = values.format.index.lastUsage !== undefined;
    const lastUsage = hasLastUsage ? values.day('lastUsage') : 0;
    const start = values.day('subscriptionStart');
    const rowDay = values.day('reportDate');
    const code = values.productCode();
    const title = values.value('productTitle');
    if (values.errors.length === 0) this.checkReportDay(values, rowDay);
    if (values.errors.length > 0) return this.reject(line, values, values.errors.join('; '));
    const day = rowDay || this.fileDay;
    // The header's line already says why the file's own date is not used: no problem per row.
    if (day === 0) return this.remember(line, values, this.fileDayRefused!);
    if (hasLastUsage) this.checkLastUsage(values, lastUsage, day);
    this.warn(line, values);
    if (rowDay === 0) this.usedFileDay = true;
    else if (rowDay > this.newestRowDay) this.newestRowDay = rowDay;
    this.records.add(account, line, this.fileValue, day, product, code, title, lastUsage, start);
  }

  /** A row's own report date must not be after the as-of day, nor after the file's own date (in its name). */
  private checkReportDay(values: RowValues, rowDay: number): void {
    if (rowDay === 0 || (rowDay <= this.facts.asOf && (this.nameDay === 0 || rowDay <= this.nameDay))) return;
    const written = `${values.name('reportDate')} ${dayOfKey(rowDay)}`;
    const notUsed = 'this row is not used and does not decide which report is newest';
    values.errors.push(rowDay > this.facts.asOf
      ? `${written} is after ${this.facts.asOfLabel}: ${notUsed} (check the dates of the export)`
      : `${written} is after the file's own date ${this.facts.nameDay} (in its name): ${notUsed} (check the dates of the export, or the file name)`);
  }

  /** A last usage after the report's date is suspect (9999-12-31 is a placeholder): a warning, the row is kept. */
  private checkLastUsage(values: RowValues, lastUsage: number, day: number): void {
    if (lastUsage !== 0 && lastUsage <= day) return;
    if (lastUsage === 0) {
      values.warnings.push(`no ${values.name('lastUsage')}: the subscription is judged as listed without usage`);
      return;
    }
    const written = `${values.name('lastUsage')} ${dayOfKey(lastUsage)}`;
    values.warnings.push(lastUsage >= PLACEHOLDER_DAY
      ? `${written} is a placeholder, not a day of usage: the subscription is judged as used recently (check it with the customer or AWS)`
      : `${written} is after the row's report date ${dayOfKey(day)}: a report cannot know later usage (check the dates of the export)`);
  }

  private contactRow(values: RowValues, line: number, account: number, product: number): void {
    const operation = values.required('operation') && values.text('operation')!.toUpperCase();
    if (operation && !OPERATIONS.has(operation)) {
      values.errors.push(`${values.name('operation')} "${truncate(operation)}" must be CREATE, UPDATE or DELETE`);
    }
    const operationDay = values.day('operationTime');
    // A time as written orders the contacts; a day read from a spreadsheet's writing is given in ISO form.
    const written = values.text('operationTime');
    const operationTime = operationDay === 0 ? undefined : parseIsoDay(written!) ? written : dayOfKey(operationDay);
    if (values.errors.length > 0 || !operation) return this.add(line, 'error', values.errors.join('; '));
    this.warn(line, values);
    this.usedFileDay = true;
    this.contacts.push({
      file: this.path, line, reportDate: dayOfKey(this.ownDay),
      operation: operation as ContactEvent['operation'], operationTime, subscriptionId: values.text('subscriptionId'),
      contact: {
        account: accountText(account), productId: this.records.text(product)!, organization: values.text('organization'),
        givenName: values.text('givenName'), surname: values.text('surname'), email: values.text('email'),
        telephone: values.text('telephone'), title: values.text('title'), countryCode: values.text('countryCode'),
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

/**
 * The values of the current row, checked straight from its bytes; what is wrong collects in
 * `errors` (the row is not kept), what is doubtful in `warnings` (it is). Texts come back as indexes
 * into the report's table of values (0 for an empty cell), days as yyyymmdd numbers (0 for an empty
 * cell), accounts as numbers (-1 when wrong). One instance serves every row of a file, so a row
 * costs no allocation.
 */
class RowValues {
  errors: string[] = [];
  warnings: string[] = [];
  private row!: CsvRow;
  /** Per field number, the cache that gives its meaning. */
  private readonly caches: FieldCache[] = [];

  constructor(readonly format: DetectedFormat, table: SubscriptionRows) {
    const text = (row: CsvRow, field: number) => {
      const value = row.text(field).trim();
      return value === '' ? 0 : table.value(value);
    };
    const code = (row: CsvRow, field: number) => {
      const value = row.text(field).trim();
      return value === '' ? 0 : PRODUCT_CODE.test(value) ? table.value(value) : INVALID;
    };
    const day = (row: CsvRow, field: number) => {
      const value = row.text(field);
      if (value.trim() === '') return 0;
      const parsed = parseIsoDay(value);
      if (parsed !== undefined) return dayKey(parsed);
      const spreadsheet = parseSpreadsheetDay(value);
      if (spreadsheet === undefined) return INVALID;
      return 'ambiguous' in spreadsheet ? AMBIGUOUS : FROM_SPREADSHEET + dayKey(spreadsheet.day);
    };
    for (const [column, field] of Object.entries(format.index) as [Column, number][]) {
      this.caches[field] = new FieldCache(DAY_COLUMNS.has(column) ? day : column === 'productCode' ? code : text);
    }
  }

  read(row: CsvRow): void {
    this.row = row;
    if (this.errors.length > 0) this.errors = [];
    if (this.warnings.length > 0) this.warnings = [];
  }

  name(column: Column): string {
    return this.format.header[this.format.index[column]!];
  }

  /**
   * The trimmed text, or undefined when the column is missing, the row too short to have it, or the
   * cell empty (decoded every time: for rare columns).
   */
  text(column: Column): string | undefined {
    const field = this.format.index[column];
    if (field === undefined || field >= this.row.count) return undefined;
    const value = this.row.text(field).trim();
    return value === '' ? undefined : value;
  }

  /** The cell as an index into the table of values; 0 when the column is missing or the cell empty. */
  value(column: Column): number {
    const field = this.format.index[column];
    return field === undefined ? 0 : this.caches[field].get(this.row, field);
  }

  required(column: Column): number {
    const value = this.value(column);
    if (value === 0) this.errors.push(`${this.name(column)} is empty`);
    return value;
  }

  account(): number {
    const field = this.format.index.account!;
    const { view, starts, ends } = this.row;
    if (ends[field] - starts[field] === 12) {
      const number = twelveDigits(view, starts[field]);
      if (number >= 0) return number;
    }
    const raw = this.row.text(field);
    const parsed = parseAccountNumber(raw);
    if (!parsed.ok) {
      this.errors.push(`${this.name('account')}: ${parsed.reason}`);
      return -1;
    }
    if (parsed.padded) {
      this.warnings.push(`account number "${raw.trim()}" has fewer than 12 digits: read as ${parsed.account} (a spreadsheet dropped its leading zeros?)`);
    }
    return Number(parsed.account);
  }

  /**
   * The account cell, to cite a rejected row: the account number, the text when a spreadsheet wrote
   * it in scientific notation, else undefined (no typed account can be matched to it).
   */
  accountAsWritten(): number | string | undefined {
    const text = this.text('account');
    if (text === undefined) return undefined;
    const parsed = parseAccountNumber(text);
    if (parsed.ok) return Number(parsed.account);
    return SCIENTIFIC_ACCOUNT.test(text) ? text : undefined;
  }

  /**
   * The day in that column as yyyymmdd; 0 when the cell is empty. A day that only a spreadsheet's
   * writing gives (11/20/2026) is read with a warning; an ambiguous one (3/4/2025) or anything else
   * that is not a date is an error.
   */
  day(column: Column): number {
    const field = this.format.index[column];
    if (field === undefined) return 0;
    const { view, starts, ends } = this.row;
    const fast = plainDay(view, starts[field], ends[field]);
    if (fast > 0) return fast;
    const day = this.caches[field].get(this.row, field);
    if (day >= 0 && day < FROM_SPREADSHEET) return day;
    this.noteDayNotIso(column, field);
    return day >= FROM_SPREADSHEET ? day - FROM_SPREADSHEET : 0;
  }

  productCode(): number {
    const code = this.value('productCode');
    if (code !== INVALID) return code;
    this.errors.push(`${this.name('productCode')} "${truncate(this.text('productCode')!)}" must be 1 to 25 letters or digits`);
    return 0;
  }

  /** The warning or error for a day cell not written in ISO 8601 (parsed again for the words: a rare path). */
  private noteDayNotIso(column: Column, field: number): void {
    const written = this.row.text(field).trim();
    const cell = `${this.name(column)} "${truncate(written)}"`;
    const read = parseSpreadsheetDay(written);
    if (read === undefined) {
      this.errors.push(`${cell} is not an ISO 8601 date such as 2026-11-20`);
    } else if ('ambiguous' in read) {
      this.errors.push(`${cell} could be ${read.ambiguous[0]} (month first) or ${read.ambiguous[1]} (day first): export the report with ISO dates (YYYY-MM-DD)`);
    } else {
      const why = read.reading === 'the same either way' ? 'the same day month first or day first' : `${read.reading}: the only reading that is a real day`;
      this.warnings.push(`${cell} read as ${read.day} (${why}); export the report with ISO dates (YYYY-MM-DD) to be sure`);
    }
  }
}

/** The number written by the four ASCII digits of a big-endian word, or -1 if any byte is not a digit. */
function fourDigits(word: number): number {
  // Digits are 0x30-0x39: high nibble 3, and adding 6 to the low nibble does not carry.
  if ((word & 0xf0f0f0f0) !== 0x30303030 || ((word + 0x06060606) & 0xf0f0f0f0) !== 0x30303030) return -1;
  return (word >>> 24 & 0xf) * 1000 + (word >>> 16 & 0xf) * 100 + (word >>> 8 & 0xf) * 10 + (word & 0xf);
}

/** The 12-digit number at `start`, or -1 if any byte is not a digit. */
function twelveDigits(view: DataView, start: number): number {
  const high = fourDigits(view.getInt32(start));
  const middle = fourDigits(view.getInt32(start + 4));
  const low = fourDigits(view.getInt32(start + 8));
  return high < 0 || middle < 0 || low < 0 ? -1 : high * 1e8 + middle * 1e4 + low;
}

/** A plain `YYYY-MM-DD` naming a real day, as yyyymmdd; 0 for anything else (left to parseIsoDay). */
function plainDay(view: DataView, start: number, end: number): number {
  if (end - start !== 10) return 0;
  const year = fourDigits(view.getInt32(start));
  const monthDay = fourDigits((view.getInt16(start + 5) << 16) | (view.getInt16(start + 8) & 0xffff));
  if (year < 0 || monthDay < 0 || view.getUint8(start + 4) !== 0x2d || view.getUint8(start + 7) !== 0x2d) return 0;
  return isRealDay(year, Math.floor(monthDay / 100), monthDay % 100) ? year * 10_000 + monthDay : 0;
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
