// Reading subscription reports: format by header, values checked row by row, a bad row becomes a
// problem on its line and the good rows are kept. Content never throws; only a missing path does.
import type { Stats } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { CsvParser, readCsvFile, type CsvRow, type CsvRowSink } from './csv';
import { dayInFileName, dayKey, dayOfKey, isRealDay, localDay, parseIsoDay } from './dates';
import { FieldCache } from './fieldCache';
import { parseAccountNumber, PRODUCT_CODE, truncate } from './ids';
import type { Evidence, Problem, ReportFileSummary, Severity, SupportContact } from './model';
import { describeUnknownHeader, detectFormat, type Column, type DetectedFormat } from './reportFormats';
import { SubscriptionStore } from './store';
import { accountText, SubscriptionRows, type RecordList } from './subscriptionRows';

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
}

export class PathNotFoundError extends Error {
  constructor(readonly path: string) {
    super(`no such file or folder: ${path} (give a report .csv file or a folder of them)`);
  }
}

export interface LoadedReports {
  files: ReportFileSummary[];
  problems: Problem[];
  store: SubscriptionStore;
}

/** Past this many problems in one file the rest are counted, not listed: one bad export should not flood the view. */
export const MAX_PROBLEMS_PER_FILE = 1000;

export async function readReport(path: string, opts: { signal?: AbortSignal } = {}): Promise<ParsedReport> {
  const file = await statReportPath(path);
  const reader = new ReportReader(path, dayInFileName(basename(path)), localDay(file.mtime), file.size);
  const parser = new CsvParser(reader);
  reader.parser = parser;
  try {
    await readCsvFile(path, parser, opts.signal);
  } catch (error) {
    if (opts.signal?.aborted) throw error;
    reader.fileProblem('error', `cannot read the file: ${(error as Error).message}`);
  }
  return reader.finish();
}

/** A path the engineer gave: a missing one is a PathNotFoundError that says what to give instead. */
async function statReportPath(path: string): Promise<Stats> {
  try {
    return await stat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new PathNotFoundError(path);
    throw error;
  }
}

/** A folder stands for its `.csv` files (sorted, not recursive); a missing path is an error. */
export async function expandReportPaths(paths: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    if (!(await statReportPath(path)).isDirectory()) {
      files.push(path);
      continue;
    }
    const entries = await readdir(path, { withFileTypes: true });
    files.push(...entries.filter((e) => e.isFile() && /\.csv$/i.test(e.name)).map((e) => join(path, e.name)).sort());
  }
  return [...new Set(files)];
}

export async function loadReports(
  paths: string[], opts: { signal?: AbortSignal; onFile?: (r: ReportFileSummary) => void } = {},
): Promise<LoadedReports> {
  const reports: ParsedReport[] = [];
  for (const file of await expandReportPaths(paths)) {
    opts.signal?.throwIfAborted();
    const report = await readReport(file, { signal: opts.signal });
    reports.push(report);
    opts.onFile?.(summarize(report));
  }
  return combineReports(reports);
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
  const { path, format, reportDate, rows, kept } = report;
  return { path, format, reportDate, rows, kept };
}

const OPERATIONS = new Set<string>(['CREATE', 'UPDATE', 'DELETE']);
const DAY_COLUMNS = new Set<Column>(['lastUsage', 'reportDate', 'subscriptionStart', 'operationTime']);
const TYPICAL_ROW_BYTES = 64; // real report rows run 100 to 200 bytes
const MAX_PRESIZED_ROWS = 1 << 24;
const INVALID = -1; // what a cache answers for a value that is wrong (a bad date or product code)

/** Receives the records of one file and turns them into subscription rows, contacts and problems. */
class ReportReader implements CsvRowSink {
  parser!: CsvParser;
  private values: RowValues | null = null; // set once the header names a known format
  private headerSeen = false;
  private rows = 0;
  private readonly records: SubscriptionRows;
  private readonly fileValue: number;
  private readonly fallbackDay: number;
  private readonly contacts: ContactEvent[] = [];
  private readonly problems: Problem[] = [];
  private unlisted = 0;
  private firstUnlistedLine = 0;
  private undecodableLines = 0;
  private firstUndecodableLine = 0;
  private newestRowDay = 0;
  private usedFallbackDay = false;

  constructor(private readonly path: string, private readonly nameDay: string | undefined, private readonly modifiedDay: string, bytes: number) {
    // Room for the rows a file of this size probably holds, so the columns are rarely copied to
    // grow; memory that no row reaches is never touched, so it costs address space, not RSS.
    this.records = new SubscriptionRows(Math.min(Math.ceil(bytes / TYPICAL_ROW_BYTES), MAX_PRESIZED_ROWS) + 16);
    this.fileValue = this.records.value(path);
    this.fallbackDay = dayKey(nameDay ?? modifiedDay);
  }

  row(row: CsvRow, line: number): void {
    if (isBlank(row)) return; // rows of empty cells that spreadsheets leave behind
    if (!this.headerSeen) return this.header(row.fields(), line);
    const values = this.values;
    if (!values) return;
    const format = values.format;
    this.rows++;
    const width = format.header.length;
    if (row.count !== width && !onlyEmptyExtras(row, width)) {
      return this.add(line, 'error', `row has ${row.count} fields but the header has ${width}: a value holding a comma or line break must be quoted`);
    }
    values.read(row);
    const account = values.account();
    const product = values.required('productId');
    if (format.id === 'support-contacts') return this.contactRow(values, line, account, product);
    const lastUsage = format.index.lastUsage === undefined ? 0 : values.day('lastUsage');
    const start = values.day('subscriptionStart');
    const rowDay = values.day('reportDate');
    const code = values.productCode();
    const title = values.value('productTitle');
    if (values.errors.length > 0) return this.add(line, 'error', values.errors.join('; '));
    if (format.index.lastUsage !== undefined && lastUsage === 0) {
      this.add(line, 'warning', `no ${format.header[format.index.lastUsage]}: the subscription is judged as listed without usage`);
    }
    if (values.paddedAccount) this.padded(line, values.paddedAccount, account);
    this.records.add(account, line, this.fileValue, this.reportDay(rowDay), product, code, title, lastUsage, start);
  }

  problem(line: number, message: string): void {
    this.add(line, 'error', message);
  }

  undecodable(line: number): void {
    if (this.undecodableLines++ === 0) this.firstUndecodableLine = line;
  }

  fileProblem(severity: Severity, message: string): void {
    this.add(1, severity, message);
  }

  finish(): ParsedReport {
    if (!this.headerSeen) this.add(1, 'error', 'empty file: a report starts with a header line naming its columns');
    if (this.undecodableLines > 0) {
      this.add(this.firstUndecodableLine, 'warning',
        `${this.undecodableLines === 1 ? 'this line holds' : `this line and ${this.undecodableLines - 1} more hold`} bytes that are not UTF-8 (shown as \uFFFD): save the report as UTF-8`);
    }
    let reportDate: string | null = null;
    if (this.values) {
      reportDate = this.newestRowDay === 0 ? this.nameDay ?? this.modifiedDay : dayOfKey(this.newestRowDay);
      if ((this.usedFallbackDay || this.newestRowDay === 0) && !this.nameDay) {
        this.add(1, 'warning', `no report date in the file or its name: using its modification day ${this.modifiedDay}; name the file like report_YYYY-MM-DD.csv`);
      }
    }
    if (this.unlisted > 0) {
      this.problems.push({ file: this.path, line: this.firstUnlistedLine, severity: 'info', message: `${this.unlisted} more problems from this line on are not listed` });
    }
    const problems = this.problems.sort((a, b) => a.line - b.line);
    const kept = this.records.length + this.contacts.length;
    return {
      path: this.path, format: this.values?.format.id ?? null, reportDate, rows: this.rows, kept,
      records: this.records, contacts: this.contacts, problems,
    };
  }

  private header(fields: string[], line: number): void {
    this.headerSeen = true;
    const format = detectFormat(fields);
    if (format) {
      this.values = new RowValues(format, this.records);
    } else {
      this.add(line, 'error', describeUnknownHeader(fields));
      this.parser.stop();
    }
  }

  private contactRow(values: RowValues, line: number, account: number, product: number): void {
    const operation = values.required('operation') && values.text('operation')!.toUpperCase();
    if (operation && !OPERATIONS.has(operation)) {
      values.errors.push(`${values.name('operation')} "${truncate(operation)}" must be CREATE, UPDATE or DELETE`);
    }
    const operationTime = values.day('operationTime') ? values.text('operationTime') : undefined;
    if (values.errors.length > 0 || !operation) return this.add(line, 'error', values.errors.join('; '));
    if (values.paddedAccount) this.padded(line, values.paddedAccount, account);
    this.contacts.push({
      file: this.path, line, reportDate: dayOfKey(this.reportDay(0)),
      operation: operation as ContactEvent['operation'], operationTime, subscriptionId: values.text('subscriptionId'),
      contact: {
        account: accountText(account), productId: this.records.text(product)!, organization: values.text('organization'),
        givenName: values.text('givenName'), surname: values.text('surname'), email: values.text('email'),
        telephone: values.text('telephone'), title: values.text('title'), countryCode: values.text('countryCode'),
      },
    });
  }

  /** The row's own report date, else the file's (from its name or modification day). */
  private reportDay(rowDay: number): number {
    if (rowDay !== 0) {
      if (rowDay > this.newestRowDay) this.newestRowDay = rowDay;
      return rowDay;
    }
    this.usedFallbackDay = true;
    return this.fallbackDay;
  }

  private padded(line: number, raw: string, account: number): void {
    this.add(line, 'warning', `account number "${raw}" has fewer than 12 digits: read as ${accountText(account)} (a spreadsheet dropped its leading zeros?)`);
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
 * `errors`. Texts come back as indexes into the report's table of values (0 for an empty cell),
 * days as yyyymmdd numbers (0 for an empty cell), accounts as numbers (-1 when wrong). One instance
 * serves every row of a file, so a row costs no allocation.
 */
class RowValues {
  errors: string[] = [];
  paddedAccount: string | undefined;
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
      return parsed === undefined ? INVALID : dayKey(parsed);
    };
    for (const [column, field] of Object.entries(format.index) as [Column, number][]) {
      this.caches[field] = new FieldCache(DAY_COLUMNS.has(column) ? day : column === 'productCode' ? code : text);
    }
  }

  read(row: CsvRow): void {
    this.row = row;
    if (this.errors.length > 0) this.errors = [];
    this.paddedAccount = undefined;
  }

  name(column: Column): string {
    return this.format.header[this.format.index[column]!];
  }

  /** The trimmed text, or undefined when the column is missing or the cell empty (decoded every time: for rare columns). */
  text(column: Column): string | undefined {
    const field = this.format.index[column];
    if (field === undefined) return undefined;
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
    if (parsed.padded) this.paddedAccount = raw.trim();
    return Number(parsed.account);
  }

  /** The day in that column as yyyymmdd; 0 when the cell is empty (and an error when it is not a date). */
  day(column: Column): number {
    const field = this.format.index[column];
    if (field === undefined) return 0;
    const { view, starts, ends } = this.row;
    const fast = plainDay(view, starts[field], ends[field]);
    if (fast > 0) return fast;
    const day = this.caches[field].get(this.row, field);
    if (day === INVALID) {
      this.errors.push(`${this.name(column)} "${truncate(this.row.text(field).trim())}" is not an ISO 8601 date such as 2026-11-20`);
      return 0;
    }
    return day;
  }

  productCode(): number {
    const code = this.value('productCode');
    if (code !== INVALID) return code;
    this.errors.push(`${this.name('productCode')} "${truncate(this.text('productCode')!)}" must be 1 to 25 letters or digits`);
    return 0;
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
