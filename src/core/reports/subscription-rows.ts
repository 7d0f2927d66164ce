// The subscriptions of one report in columns: a million rows are a few typed arrays instead of a
// million objects, and a SubscriptionRecord is built only when someone looks one up.
import { dayKey, dayOfKey } from '../dates';
import type { SubscriptionRecord } from '../domain';
import { lastAtMost } from '../sorted-numbers';

/** What ParsedReport.records offers; SubscriptionRows and a plain array of records both are one. */
export interface RecordList extends Iterable<SubscriptionRecord> {
  readonly length: number;
  at(index: number): SubscriptionRecord | undefined;
}

/** The 12-digit text of an account number held as a number. */
export function accountText(account: number): string {
  return String(account).padStart(12, '0');
}

const TWO_32 = 0x1_0000_0000;

/**
 * Texts (file, product id, code, title) are indexes into a table of the report's distinct values,
 * 0 meaning none; days are yyyymmdd numbers (see dayKey), 0 meaning none. Memory per row is what a
 * load pays most for (every new page is a page fault), so a row takes 10 bytes: its account in 5,
 * its product with code and title as one number (a report repeats a few such triples: 1 byte while
 * under 256), its two days in 2 each; its line, file and report date only when they stop following
 * the row before.
 */
export class SubscriptionRows implements RecordList {
  length = 0;
  /** Per row, the account's low 32 bits and its high 8 (12 digits fit in 40 bits). */
  private accountLow: Uint32Array;
  private accountHigh: Uint8Array;
  /** Per row, its (product, code, title) as an index into `products`, `codes`, `titles` below. */
  private readonly triples: NarrowColumn;
  private readonly lines = new LineColumn();
  /** Per row, the file (an index into the values) and the report date (yyyymmdd). */
  private readonly files = new SharedColumn();
  readonly reportDays = new SharedColumn();
  private readonly lastUsage: DayColumn;
  private readonly starts: DayColumn;
  /** Per triple: the product, code and title (indexes into the values). */
  readonly products: number[] = [];
  readonly codes: number[] = [];
  readonly titles: number[] = [];
  /** Per product value, the last triple made with it: rows of one product mostly share it. */
  private readonly lastTriple: number[] = [];
  private readonly tripleIndex = new Map<string, number>();
  private readonly values: (string | undefined)[] = [undefined];
  private readonly valueIndex = new Map<string, number>();

  constructor(capacity = 1024) {
    this.accountLow = new Uint32Array(capacity);
    this.accountHigh = new Uint8Array(capacity);
    this.triples = new NarrowColumn(capacity);
    this.lastUsage = new DayColumn(capacity);
    this.starts = new DayColumn(capacity);
  }

  /** Columns of records that were built as objects (by a test, or another reader). */
  static from(records: Iterable<SubscriptionRecord>): SubscriptionRows {
    const rows = new SubscriptionRows();
    const day = (text: string | undefined) => (text === undefined ? 0 : dayKey(text));
    const value = (text: string | undefined) => (text === undefined ? 0 : rows.value(text));
    for (const r of records) {
      rows.add(
        Number(r.account),
        r.line,
        rows.value(r.file),
        dayKey(r.reportDate),
        rows.value(r.productId),
        value(r.productCode),
        value(r.productTitle),
        day(r.lastUsage),
        day(r.subscriptionStart),
      );
    }
    return rows;
  }

  /** The index of `text` in the table of distinct values, added if new. */
  value(text: string): number {
    let index = this.valueIndex.get(text);
    if (index === undefined) {
      index = this.values.push(text) - 1;
      this.valueIndex.set(text, index);
    }
    return index;
  }

  text(index: number): string | undefined {
    return this.values[index];
  }

  /** The account of row `i` as a number. */
  account(i: number): number {
    return this.accountHigh[i] * TWO_32 + this.accountLow[i];
  }

  /** The (product, code, title) triple of row `i`: an index into `products`, `codes` and `titles`. */
  triple(i: number): number {
    return this.triples.get(i);
  }

  add(
    account: number,
    line: number,
    file: number,
    reportDay: number,
    product: number,
    code: number,
    title: number,
    lastUsage: number,
    start: number,
  ): void {
    const i = this.length;
    if (i === this.accountLow.length) this.grow();
    const capacity = this.accountLow.length;
    // Typed arrays keep the low bits of what they are given (a % would cost a call to fmod).
    this.accountLow[i] = account;
    this.accountHigh[i] = account / TWO_32;
    this.lines.set(i, line);
    this.files.set(i, file, capacity);
    this.reportDays.set(i, reportDay, capacity);
    this.triples.set(i, this.tripleOf(product, code, title));
    this.lastUsage.set(i, lastUsage);
    this.starts.set(i, start);
    this.length = i + 1;
  }

  /** The record of row `i` (negative counts from the end, as for arrays). */
  at(index: number): SubscriptionRecord | undefined {
    const i = index < 0 ? this.length + index : index;
    if (!(i >= 0 && i < this.length)) return undefined;
    const triple = this.triples.get(i);
    return {
      file: this.values[this.files.get(i)]!,
      line: this.lines.get(i),
      reportDate: dayOfKey(this.reportDays.get(i)),
      account: accountText(this.account(i)),
      productId: this.values[this.products[triple]]!,
      productCode: this.values[this.codes[triple]],
      productTitle: this.values[this.titles[triple]],
      lastUsage: optionalDay(this.lastUsage.get(i)),
      subscriptionStart: optionalDay(this.starts.get(i)),
    };
  }

  *[Symbol.iterator](): Iterator<SubscriptionRecord> {
    for (let i = 0; i < this.length; i++) yield this.at(i)!;
  }

  private tripleOf(product: number, code: number, title: number): number {
    const last = this.lastTriple[product];
    if (last !== undefined && this.codes[last] === code && this.titles[last] === title) return last;
    const key = `${product},${code},${title}`;
    let triple = this.tripleIndex.get(key);
    if (triple === undefined) {
      triple = this.products.push(product) - 1;
      this.codes.push(code);
      this.titles.push(title);
      this.tripleIndex.set(key, triple);
    }
    this.lastTriple[product] = triple;
    return triple;
  }

  private grow(): void {
    const capacity = this.accountLow.length * 2;
    this.accountLow = copyInto(new Uint32Array(capacity), this.accountLow);
    this.accountHigh = copyInto(new Uint8Array(capacity), this.accountHigh);
    this.triples.grow(capacity);
    this.files.grow(capacity);
    this.reportDays.grow(capacity);
    this.lastUsage.grow(capacity);
    this.starts.grow(capacity);
  }
}

function copyInto<T extends Uint32Array | Int32Array | Uint8Array | Uint16Array>(
  target: T,
  source: T,
): T {
  target.set(source);
  return target;
}

/**
 * A column of small non-negative integers in the fewest bytes that hold the largest so far: one
 * while it is below 256 (a report's few products), widened (copied) when a value needs more.
 */
class NarrowColumn {
  private values: Uint8Array | Uint16Array | Int32Array;
  private limit = 0xff;

  constructor(capacity: number) {
    this.values = new Uint8Array(capacity);
  }

  set(i: number, value: number): void {
    if (value > this.limit) this.resize(this.values.length, value);
    this.values[i] = value;
  }

  get(i: number): number {
    return this.values[i];
  }

  grow(capacity: number): void {
    this.resize(capacity, this.limit);
  }

  private resize(capacity: number, largest: number): void {
    this.limit = largest > 0xffff ? 0x7fffffff : largest > 0xff ? 0xffff : 0xff;
    const values =
      this.limit === 0xff
        ? new Uint8Array(capacity)
        : this.limit === 0xffff
          ? new Uint16Array(capacity)
          : new Int32Array(capacity);
    values.set(this.values);
    this.values = values;
  }
}

/**
 * The line of each row, held as where it stops being the row's number plus the line before's
 * offset: rows of a clean report are on consecutive lines, so a million of them cost a few numbers,
 * and a report with blank lines, multi-line cells or rejected rows one step per break.
 */
class LineColumn {
  /** The first row of each step, ascending, and the line minus the row number from there on. */
  private readonly stepRows: number[] = [];
  private readonly stepOffsets: number[] = [];
  private offset = Number.NaN;

  /** Sets row `i` (rows are set in order, 0 first, on ascending lines). */
  set(i: number, line: number): void {
    if (line - i === this.offset) return;
    this.offset = line - i;
    this.stepRows.push(i);
    this.stepOffsets.push(this.offset);
  }

  get(i: number): number {
    return i + this.stepOffsets[lastAtMost(this.stepRows, i)];
  }
}

// Days as 2 bytes: (year - 1970) * 372 + (month - 1) * 31 + day, so 1970-01-01 to 2146 without
// calendar arithmetic; 0 is no day, and a day outside (the 9999-12-31 of some exports) is kept aside.
const FIRST_YEAR = 1970;
const ASIDE = 0xffff;

/** A column of days (yyyymmdd, 0 for none) in 2 bytes a row. */
class DayColumn {
  private days: Uint16Array;
  private readonly aside = new Map<number, number>();

  constructor(capacity: number) {
    this.days = new Uint16Array(capacity);
  }

  set(i: number, key: number): void {
    if (key === 0) return; // a new column holds zeros, and rows are set once
    // (x / n) | 0 is an integer division, where Math.floor would divide in floating point.
    const code =
      (((key / 10_000) | 0) - FIRST_YEAR) * 372 +
      ((((key / 100) | 0) % 100) - 1) * 31 +
      (key % 100);
    if (code > 0 && code < ASIDE) {
      this.days[i] = code;
    } else {
      this.days[i] = ASIDE;
      this.aside.set(i, key);
    }
  }

  get(i: number): number {
    const code = this.days[i];
    if (code === 0) return 0;
    if (code === ASIDE) return this.aside.get(i)!;
    const day = (code - 1) % 31;
    const months = (code - 1 - day) / 31;
    return (FIRST_YEAR + ((months / 12) | 0)) * 10_000 + ((months % 12) + 1) * 100 + day + 1;
  }

  grow(capacity: number): void {
    this.days = copyInto(new Uint16Array(capacity), this.days);
  }
}

function optionalDay(key: number): string | undefined {
  return key === 0 ? undefined : dayOfKey(key);
}

/**
 * An Int32 column that holds one value for every row until a row differs, and only then a value
 * per row: a report has one file and mostly one report date, and a million copies of them would
 * be 8 MB of memory to touch (page faults cost more than the writes).
 */
export class SharedColumn {
  private shared = 0;
  private rows = 0;
  private column: Int32Array | undefined;

  /** Sets row `i` (rows are set in order, 0 first); `capacity` is the room the other columns have. */
  set(i: number, value: number, capacity: number): void {
    if (this.column) {
      this.column[i] = value;
    } else if (i === 0 || value !== this.shared) {
      if (i === 0) {
        this.shared = value;
      } else {
        this.column = new Int32Array(capacity).fill(this.shared, 0, i);
        this.column[i] = value;
      }
    }
    this.rows = i + 1;
  }

  /** The value of row `i`. */
  get(i: number): number {
    return this.column ? this.column[i] : this.shared;
  }

  /** Makes room for `capacity` rows, once the column holds a value per row. */
  grow(capacity: number): void {
    if (!this.column) return;
    const column = new Int32Array(capacity);
    column.set(this.column.subarray(0, this.rows));
    this.column = column;
  }
}
