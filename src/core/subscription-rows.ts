// The subscriptions of one report in columns: a million rows are a few typed arrays instead of a
// million objects, and a SubscriptionRecord is built only when someone looks one up.
import { dayKey, dayOfKey } from './dates';
import type { SubscriptionRecord } from './domain';

/** What ParsedReport.records offers; SubscriptionRows and a plain array of records both are one. */
export interface RecordList extends Iterable<SubscriptionRecord> {
  readonly length: number;
  at(index: number): SubscriptionRecord | undefined;
}

/** The 12-digit text of an account number held as a number. */
export function accountText(account: number): string {
  return String(account).padStart(12, '0');
}

const COLUMNS = ['files', 'lines', 'reportDays', 'products', 'codes', 'titles', 'lastUsage', 'starts'] as const;

/**
 * Texts (file, product id, code, title) are indexes into a table of the report's distinct values,
 * 0 meaning none; days are yyyymmdd numbers (see dayKey), 0 meaning none.
 */
export class SubscriptionRows implements RecordList {
  length = 0;
  accounts: Float64Array;
  files: Int32Array;
  lines: Int32Array;
  reportDays: Int32Array;
  products: Int32Array;
  codes: Int32Array;
  titles: Int32Array;
  lastUsage: Int32Array;
  starts: Int32Array;
  private readonly values: (string | undefined)[] = [undefined];
  private readonly valueIndex = new Map<string, number>();

  constructor(capacity = 1024) {
    this.accounts = new Float64Array(capacity);
    this.files = new Int32Array(capacity);
    this.lines = new Int32Array(capacity);
    this.reportDays = new Int32Array(capacity);
    this.products = new Int32Array(capacity);
    this.codes = new Int32Array(capacity);
    this.titles = new Int32Array(capacity);
    this.lastUsage = new Int32Array(capacity);
    this.starts = new Int32Array(capacity);
  }

  /** Columns of records that were built as objects (by a test, or another reader). */
  static from(records: Iterable<SubscriptionRecord>): SubscriptionRows {
    const rows = new SubscriptionRows();
    const day = (text: string | undefined) => (text === undefined ? 0 : dayKey(text));
    const value = (text: string | undefined) => (text === undefined ? 0 : rows.value(text));
    for (const r of records) {
      rows.add(Number(r.account), r.line, rows.value(r.file), dayKey(r.reportDate), rows.value(r.productId),
        value(r.productCode), value(r.productTitle), day(r.lastUsage), day(r.subscriptionStart));
    }
    return rows;
  }

  /** The number of distinct texts (one more than the largest index). */
  get valueCount(): number {
    return this.values.length;
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

  add(
    account: number, line: number, file: number, reportDay: number, product: number, code: number, title: number,
    lastUsage: number, start: number,
  ): void {
    const i = this.length;
    if (i === this.accounts.length) this.grow();
    this.accounts[i] = account;
    this.lines[i] = line;
    this.files[i] = file;
    this.reportDays[i] = reportDay;
    this.products[i] = product;
    this.codes[i] = code;
    this.titles[i] = title;
    this.lastUsage[i] = lastUsage;
    this.starts[i] = start;
    this.length = i + 1;
  }

  /** The record of row `index` (negative counts from the end, as for arrays). */
  at(index: number): SubscriptionRecord | undefined {
    const i = index < 0 ? this.length + index : index;
    if (!(i >= 0 && i < this.length)) return undefined;
    return {
      file: this.values[this.files[i]]!, line: this.lines[i], reportDate: dayOfKey(this.reportDays[i]),
      account: accountText(this.accounts[i]), productId: this.values[this.products[i]]!,
      productCode: this.values[this.codes[i]], productTitle: this.values[this.titles[i]],
      lastUsage: optionalDay(this.lastUsage[i]), subscriptionStart: optionalDay(this.starts[i]),
    };
  }

  *[Symbol.iterator](): Iterator<SubscriptionRecord> {
    for (let i = 0; i < this.length; i++) yield this.at(i)!;
  }

  private grow(): void {
    const capacity = this.accounts.length * 2;
    const accounts = new Float64Array(capacity);
    accounts.set(this.accounts);
    this.accounts = accounts;
    for (const name of COLUMNS) {
      const column = new Int32Array(capacity);
      column.set(this[name]);
      this[name] = column;
    }
  }
}

function optionalDay(key: number): string | undefined {
  return key === 0 ? undefined : dayOfKey(key);
}
