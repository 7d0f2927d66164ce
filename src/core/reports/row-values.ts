// The cells of a report row, checked straight from the parser's bytes: accounts, days and product
// codes read without decoding where the bytes allow, and each column's values cached, so that a
// million rows cost few strings and no allocation per row.
import type { CsvRow } from '../csv';
import { dayKey, isRealDay, parseIsoDay, parseSpreadsheetDay } from '../dates';
import { FieldCache } from './field-cache';
import { parseTypedAccount, PRODUCT_CODE, SCIENTIFIC_ACCOUNT, truncate } from '../ids';
import type { Column, DetectedFormat } from './report-formats';
import type { SubscriptionRows } from './subscription-rows';

const DAY_COLUMNS = new Set<Column>([
  'lastUsage',
  'reportDate',
  'subscriptionStart',
  'operationTime',
]);
const INVALID = -1; // what a cache answers for a value that is wrong (a bad date or product code)
const AMBIGUOUS = -2; // a day a spreadsheet wrote so that it reads as two different days (3/4/2025)
// A day read from a spreadsheet's writing (11/20/2026) is cached as the day plus this, so that each
// row it is on still gets its warning.
const FROM_SPREADSHEET = 100_000_000;

/**
 * The values of the current row, checked straight from its bytes; what is wrong collects in
 * `errors` (the row is not kept), what is doubtful in `warnings` (it is). Texts come back as indexes
 * into the report's table of values (0 for an empty cell), days as yyyymmdd numbers (0 for an empty
 * cell), accounts as numbers (-1 when wrong). One instance serves every row of a file, so a row
 * costs no allocation.
 */
export class RowValues {
  errors: string[] = [];
  warnings: string[] = [];
  /**
   * How this file writes the days a spreadsheet re-saved, once one of them proves it (20.11.2026 can
   * only be day first): the order that then reads its ambiguous days (3.4.2025). `proof` is that cell.
   */
  dayOrder: { reading: 'month first' | 'day first'; proof: string } | undefined;
  /** Ambiguous days read by `dayOrder` so far, and the first of them as written. */
  orderedDays = 0;
  orderedExample = '';
  /** The current row holds a day that reads as two different days, and no day has proven the order yet. */
  undecidedDay = false;
  private row!: CsvRow;
  /** Per field number, the cache that gives its meaning. */
  private readonly caches: FieldCache[] = [];
  /**
   * The product id's field and its cache entry in this row; per field that follows it (code and
   * title), the entry it last had beside each product id entry: those are compared first.
   */
  private readonly productField: number | undefined;
  private productEntry = -1;
  private readonly companions: (Int32Array | undefined)[] = [];

  constructor(
    readonly format: DetectedFormat,
    table: SubscriptionRows,
  ) {
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
      this.caches[field] = new FieldCache(
        DAY_COLUMNS.has(column) ? day : column === 'productCode' ? code : text,
      );
      if (column === 'productCode' || column === 'productTitle')
        this.companions[field] = new Int32Array(FieldCache.MAX_ENTRIES).fill(-1);
    }
    this.productField = format.index.productId;
  }

  read(row: CsvRow): void {
    this.row = row;
    this.undecidedDay = false;
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

  // The column-named methods take the column's field number too, optionally (format.index[column]
  // by default): every row's reads give it, as a lookup by a column name that varies costs as much
  // as reading the cell.

  /** The cell as an index into the table of values; 0 when the column is missing or the cell empty. */
  value(column: Column, field = this.format.index[column]): number {
    if (field === undefined) return 0;
    const cache = this.caches[field];
    const companions = this.companions[field];
    if (companions === undefined || this.productEntry < 0) {
      const value = cache.get(this.row, field);
      if (field === this.productField) this.productEntry = cache.lastEntry;
      return value;
    }
    const value = cache.getExpecting(companions[this.productEntry], this.row, field);
    companions[this.productEntry] = cache.lastEntry;
    return value;
  }

  /** value(), and an error when the cell is empty. */
  required(column: Column, field = this.format.index[column]): number {
    const value = this.value(column, field);
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
    // Written as the AWS console groups it ("1111-2222-3333", "1111 2222 3333"): the same account, said once.
    const parsed = parseTypedAccount(raw);
    if (!parsed.ok) {
      this.errors.push(`${this.name('account')}: ${parsed.reason}`);
      return -1;
    }
    if (/\d[\s-]+\d/.test(raw.trim()))
      this.warnings.push(
        `account number "${raw.trim()}" is written with dashes or spaces: read as ${parsed.account}`,
      );
    if (parsed.padded) {
      this.warnings.push(
        `account number "${raw.trim()}" has fewer than 12 digits: read as ${parsed.account} (a spreadsheet dropped its leading zeros?)`,
      );
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
    const parsed = parseTypedAccount(text);
    if (parsed.ok) return Number(parsed.account);
    return SCIENTIFIC_ACCOUNT.test(text) ? text : undefined;
  }

  /** The current row's values as text (to read the row again later). */
  fields(): string[] {
    return this.row.fields();
  }

  /**
   * The day in that column as yyyymmdd; 0 when the cell is empty. A day that only a spreadsheet's
   * writing gives (11/20/2026) is read with a warning, and proves the file's order (dayOrder); an
   * ambiguous one (3/4/2025) is read in that order, and is an error while none is proven (see
   * undecidedDay); anything else that is not a date is an error.
   */
  day(column: Column, field = this.format.index[column]): number {
    if (field === undefined) return 0;
    const { view, starts, ends } = this.row;
    const fast = plainDay(view, starts[field], ends[field]);
    if (fast > 0) return fast;
    const day = this.caches[field].get(this.row, field);
    if (day >= 0 && day < FROM_SPREADSHEET) return day;
    return this.dayNotIso(column, field);
  }

  productCode(): number {
    const code = this.value('productCode', this.format.index.productCode);
    if (code !== INVALID) return code;
    this.errors.push(
      `${this.name('productCode')} "${truncate(this.text('productCode')!)}" must be 1 to 25 letters or digits`,
    );
    return 0;
  }

  /**
   * A day cell not written in ISO 8601, as yyyymmdd (0 when it cannot be read), with its warning or
   * error (parsed again for the words: a rare path).
   */
  private dayNotIso(column: Column, field: number): number {
    const written = this.row.text(field).trim();
    const cell = `${this.name(column)} "${truncate(written)}"`;
    const read = parseSpreadsheetDay(written);
    const toBeSure = 'export the report with ISO dates (YYYY-MM-DD) to be sure';
    if (read === undefined) {
      this.errors.push(`${cell} is not an ISO 8601 date such as 2026-11-20`);
      return 0;
    }
    if ('ambiguous' in read) {
      if (this.dayOrder) {
        const day = read.ambiguous[this.dayOrder.reading === 'month first' ? 0 : 1];
        if (this.orderedDays++ === 0) this.orderedExample = written;
        this.warnings.push(
          `${cell} read as ${day} (${this.dayOrder.reading}: this file's "${truncate(this.dayOrder.proof)}" can only be read so); ${toBeSure}`,
        );
        return dayKey(day);
      }
      this.undecidedDay = true;
      this.errors.push(
        `${cell} could be ${read.ambiguous[0]} (month first) or ${read.ambiguous[1]} (day first), and no day in this file proves which (a day above 12): export the report with ISO dates (YYYY-MM-DD)`,
      );
      return 0;
    }
    if (read.reading !== 'the same either way')
      this.dayOrder ??= { reading: read.reading, proof: written };
    const why =
      read.reading === 'the same either way'
        ? 'the same day month first or day first'
        : `${read.reading}: the only reading that is a real day`;
    this.warnings.push(`${cell} read as ${read.day} (${why}); ${toBeSure}`);
    return dayKey(read.day);
  }
}

/** The number written by the four ASCII digits of a big-endian word, or -1 if any byte is not a digit. */
function fourDigits(word: number): number {
  // Digits are 0x30-0x39: high nibble 3, and adding 6 to the low nibble does not carry.
  if ((word & 0xf0f0f0f0) !== 0x30303030 || ((word + 0x06060606) & 0xf0f0f0f0) !== 0x30303030)
    return -1;
  return (
    ((word >>> 24) & 0xf) * 1000 +
    ((word >>> 16) & 0xf) * 100 +
    ((word >>> 8) & 0xf) * 10 +
    (word & 0xf)
  );
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
  const monthDay = fourDigits(
    (view.getInt16(start + 5) << 16) | (view.getInt16(start + 8) & 0xffff),
  );
  if (
    year < 0 ||
    monthDay < 0 ||
    view.getUint8(start + 4) !== 0x2d ||
    view.getUint8(start + 7) !== 0x2d
  )
    return 0;
  return isRealDay(year, (monthDay / 100) | 0, monthDay % 100) ? year * 10_000 + monthDay : 0;
}
