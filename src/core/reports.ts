// Reading subscription reports: format by header, values checked row by row, a bad row becomes a
// problem on its line and the good rows are kept. Content never throws; only a missing path does.
import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { CsvParser, readCsvFile, type CsvSink } from './csv';
import { dayInFileName, localDay, parseIsoDay } from './dates';
import { parseAccountNumber, PRODUCT_CODE, truncate } from './ids';
import type { Evidence, Problem, ReportFileSummary, Severity, SubscriptionRecord, SupportContact } from './model';
import { describeUnknownHeader, detectFormat, type Column, type DetectedFormat } from './reportFormats';
import { SubscriptionStore } from './store';

export type ContactOperation = 'CREATE' | 'UPDATE' | 'DELETE';

/** One row of a Product Support Connection export; applied in order they give the current contacts. */
export interface ContactEvent extends Evidence {
  operation: ContactOperation;
  operationTime?: string;
  subscriptionId?: string;
  contact: SupportContact;
}

export interface ParsedReport extends ReportFileSummary {
  records: SubscriptionRecord[];
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
  let modified: Date;
  try {
    modified = (await stat(path)).mtime;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new PathNotFoundError(path);
    throw error;
  }
  const reader = new ReportReader(path, dayInFileName(basename(path)), localDay(modified));
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

/** A folder stands for its `.csv` files (sorted, not recursive); a missing path is an error. */
export async function expandReportPaths(paths: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    let isFolder: boolean;
    try {
      isFolder = (await stat(path)).isDirectory();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new PathNotFoundError(path);
      throw error;
    }
    if (!isFolder) {
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

const ACCOUNT_12 = /^\d{12}$/;
const OPERATIONS = new Set<string>(['CREATE', 'UPDATE', 'DELETE']);
// Caches of parsed values: a report repeats a few dozen dates and products a million times, and
// sharing one string per value keeps the store small. Bounded so junk input cannot grow them forever.
const CACHE_LIMIT = 50_000;

/** Receives the records of one file and turns them into subscription records, contacts and problems. */
class ReportReader implements CsvSink {
  parser!: CsvParser;
  private format: DetectedFormat | null = null;
  private headerSeen = false;
  private rows = 0;
  private readonly records: SubscriptionRecord[] = [];
  private readonly contacts: ContactEvent[] = [];
  private readonly problems: Problem[] = [];
  private unlisted = 0;
  private firstUnlistedLine = 0;
  private undecodableLines = 0;
  private firstUndecodableLine = 0;
  private newestRowDay: string | undefined;
  private usedFallbackDay = false;
  private readonly days = new Map<string, string | null | undefined>();
  private readonly strings = new Map<string, string>();

  constructor(private readonly path: string, private readonly nameDay: string | undefined, private readonly modifiedDay: string) {}

  record(fields: string[], line: number): void {
    if (isBlank(fields)) return; // rows of empty cells that spreadsheets leave behind
    if (!this.headerSeen) return this.header(fields, line);
    const format = this.format;
    if (!format) return;
    this.rows++;
    if (fields.length !== format.header.length && !onlyEmptyExtras(fields, format.header.length)) {
      return this.add(line, 'error', `row has ${fields.length} fields but the header has ${format.header.length}: a value holding a comma or line break must be quoted`);
    }
    const row = new RowValues(this, format, fields);
    const account = row.account();
    const productId = row.required('productId');
    if (format.id === 'support-contacts') return this.contactRow(row, line, account, productId);
    const lastUsage = format.index.lastUsage === undefined ? undefined : row.day('lastUsage');
    const subscriptionStart = row.day('subscriptionStart');
    const rowDay = row.day('reportDate');
    const productCode = row.productCode();
    const productTitle = row.text('productTitle');
    if (row.errors.length > 0 || account === undefined || productId === undefined) return this.add(line, 'error', row.errors.join('; '));
    if (format.index.lastUsage !== undefined && lastUsage === undefined) {
      this.add(line, 'warning', `no ${format.header[format.index.lastUsage]}: the subscription is judged as listed without usage`);
    }
    if (row.paddedAccount) this.padded(line, row.paddedAccount, account);
    this.records.push({
      file: this.path, line, reportDate: this.reportDay(rowDay), account, productId,
      productCode, productTitle, lastUsage, subscriptionStart,
    });
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
    if (this.format) {
      reportDate = this.newestRowDay ?? this.nameDay ?? this.modifiedDay;
      if ((this.usedFallbackDay || this.newestRowDay === undefined) && !this.nameDay) {
        this.add(1, 'warning', `no report date in the file or its name: using its modification day ${this.modifiedDay}; name the file like report_YYYY-MM-DD.csv`);
      }
    }
    if (this.unlisted > 0) {
      this.problems.push({ file: this.path, line: this.firstUnlistedLine, severity: 'info', message: `${this.unlisted} more problems from this line on are not listed` });
    }
    const problems = this.problems.sort((a, b) => a.line - b.line);
    const kept = this.records.length + this.contacts.length;
    return { path: this.path, format: this.format?.id ?? null, reportDate, rows: this.rows, kept, records: this.records, contacts: this.contacts, problems };
  }

  /** One shared string per distinct value. */
  intern(value: string): string {
    const known = this.strings.get(value);
    if (known !== undefined) return known;
    if (this.strings.size >= CACHE_LIMIT) this.strings.clear();
    this.strings.set(value, value);
    return value;
  }

  /** The calendar day of an ISO 8601 date or date-time; null when it is not one, undefined for blanks. */
  day(raw: string): string | null | undefined {
    let day = this.days.get(raw);
    if (day === undefined) {
      day = raw.trim() === '' ? undefined : parseIsoDay(raw) ?? null;
      if (this.days.size >= CACHE_LIMIT) this.days.clear();
      this.days.set(raw, day);
    }
    return day;
  }

  private header(fields: string[], line: number): void {
    this.headerSeen = true;
    this.format = detectFormat(fields) ?? null;
    if (!this.format) {
      this.add(line, 'error', describeUnknownHeader(fields));
      this.parser.stop();
    }
  }

  private contactRow(row: RowValues, line: number, account: string | undefined, productId: string | undefined): void {
    const operation = row.required('operation')?.toUpperCase();
    if (operation !== undefined && !OPERATIONS.has(operation)) {
      row.errors.push(`${row.name('operation')} "${truncate(operation)}" must be CREATE, UPDATE or DELETE`);
    }
    const operationTime = row.day('operationTime') && row.text('operationTime');
    if (row.errors.length > 0 || account === undefined || productId === undefined || operation === undefined) {
      return this.add(line, 'error', row.errors.join('; '));
    }
    if (row.paddedAccount) this.padded(line, row.paddedAccount, account);
    this.contacts.push({
      file: this.path, line, reportDate: this.reportDay(undefined),
      operation: operation as ContactEvent['operation'], operationTime, subscriptionId: row.text('subscriptionId'),
      contact: {
        account, productId, organization: row.text('organization'), givenName: row.text('givenName'), surname: row.text('surname'),
        email: row.text('email'), telephone: row.text('telephone'), title: row.text('title'), countryCode: row.text('countryCode'),
      },
    });
  }

  private reportDay(rowDay: string | undefined): string {
    if (rowDay !== undefined) {
      if (this.newestRowDay === undefined || rowDay > this.newestRowDay) this.newestRowDay = rowDay;
      return rowDay;
    }
    this.usedFallbackDay = true;
    return this.nameDay ?? this.modifiedDay;
  }

  private padded(line: number, raw: string, account: string): void {
    this.add(line, 'warning', `account number "${raw}" has fewer than 12 digits: read as ${account} (a spreadsheet dropped its leading zeros?)`);
  }

  private add(line: number, severity: Severity, message: string): void {
    if (this.problems.length < MAX_PROBLEMS_PER_FILE) {
      this.problems.push({ file: this.path, line, severity, message });
    } else if (this.unlisted++ === 0) {
      this.firstUnlistedLine = line;
    }
  }
}

/** The values of one row, checked; what is wrong collects in `errors`. */
class RowValues {
  readonly errors: string[] = [];
  paddedAccount: string | undefined;

  constructor(private readonly reader: ReportReader, private readonly format: DetectedFormat, private readonly fields: string[]) {}

  name(column: Column): string {
    return this.format.header[this.format.index[column]!];
  }

  /** The trimmed value, or undefined when the column is missing or the cell empty. */
  text(column: Column): string | undefined {
    const at = this.format.index[column];
    if (at === undefined) return undefined;
    const value = this.fields[at].trim();
    return value === '' ? undefined : this.reader.intern(value);
  }

  required(column: Column): string | undefined {
    const value = this.text(column);
    if (value === undefined) this.errors.push(`${this.name(column)} is empty`);
    return value;
  }

  account(): string | undefined {
    const raw = this.fields[this.format.index.account!];
    if (ACCOUNT_12.test(raw)) return raw;
    const parsed = parseAccountNumber(raw);
    if (!parsed.ok) {
      this.errors.push(`${this.name('account')}: ${parsed.reason}`);
      return undefined;
    }
    if (parsed.padded) this.paddedAccount = raw.trim();
    return parsed.account;
  }

  /** The day in that column; undefined when the cell is empty (and an error when it is not a date). */
  day(column: Column): string | undefined {
    const at = this.format.index[column];
    const raw = at === undefined ? '' : this.fields[at];
    if (raw === '') return undefined;
    const day = this.reader.day(raw);
    if (day === undefined) return undefined;
    if (day === null) this.errors.push(`${this.name(column)} "${truncate(raw.trim())}" is not an ISO 8601 date such as 2026-11-20`);
    return day ?? undefined;
  }

  productCode(): string | undefined {
    const code = this.text('productCode');
    if (code !== undefined && !PRODUCT_CODE.test(code)) {
      this.errors.push(`${this.name('productCode')} "${truncate(code)}" must be 1 to 25 letters or digits`);
      return undefined;
    }
    return code;
  }
}

function isBlank(fields: string[]): boolean {
  for (const field of fields) if (field !== '' && field.trim() !== '') return false;
  return true;
}

function onlyEmptyExtras(fields: string[], width: number): boolean {
  return fields.length > width && fields.slice(width).every((f) => f.trim() === '');
}
