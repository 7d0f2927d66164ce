// Many daily reports merged into one index by account and by product, so a lookup is a hash probe.
// Rows stay in their reports' columns (SubscriptionRows); the store keeps row numbers and builds
// SubscriptionRecords only for the account being looked up.
import { AccountIndex } from './account-index';
import { dayKey, dayOfKey } from '../dates';
import type { RejectedRow, SubscriptionRecord, SupportContact } from '../domain';
import type { RejectedRows } from './rejected-rows';
import type { ContactEvent, ParsedReport } from './report-types';
import { lastAtMost } from '../sorted-numbers';
import { accountText, SubscriptionRows } from './subscription-rows';

/** One product as the loaded reports name it. */
export interface ProductInfo {
  /** As the reports write it ("prod-abc123..."). */
  productId: string;
  /** The product code (1 to 25 letters or digits) from the newest report that carries one; absent when none does. */
  productCode?: string;
  /** The title from the newest report that carries one; absent when none does. */
  productTitle?: string;
  /** The newest report date that mentions the product (YYYY-MM-DD): that report decides who is listed. */
  latestReportDate: string;
}

interface ProductEntry {
  productId: string;
  productCode?: string;
  productTitle?: string;
  latestDay: number;
  /** For each account listed for the product, the row that first listed it: found on first ask (see accountsForProduct). */
  accountRows?: Int32Array;
}

const ACCOUNT_12 = /^\d{12}$/;

/**
 * The subscriptions of every loaded report, indexed for lookups: by account (12 digits) and by
 * product id. Built once from parsed reports (`SubscriptionStore.from`; `combineReports` and
 * `loadReports` do it), then read only; a reload builds a new store. Each record keeps its
 * evidence: the report's name (a path, or s3://bucket/key), the line, the report date.
 * Sources: the AWS Marketplace subscriber reports (legacy and daily formats, the subscription report with a date of last usage) and
 * the Product Support Connection exports (contacts). Lookups never throw: an account that is not
 * 12 digits simply has no rows. Days are YYYY-MM-DD strings (local calendar days, as the reports
 * write them). Memory beside the reports' own columns: 4 bytes per row, 16 per account-table slot
 * (at least one per two rows), and a bit per row.
 */
export class SubscriptionStore {
  // Row numbers run on from one report to the next: report k holds rows firstRows[k] onwards.
  private readonly sources: SubscriptionRows[] = [];
  private readonly firstRows: number[] = [];
  private rowCount = 0;
  private readonly byAccount: AccountIndex;
  /** Per row, the previous row of the same account (-1 for none): each account's rows form a chain. */
  private readonly chain: Int32Array;
  /**
   * Per report, its triples' product numbers (see SubscriptionRows.triple): a row's product is
   * found through its report rather than kept per row.
   */
  private readonly tripleProducts: Int32Array[] = [];
  /** A bit per row: set on the row that first lists its (account, product) pair. */
  private readonly pairStarts: Int32Array;
  private readonly byProduct: ProductEntry[] = [];
  private readonly productNumbers = new Map<string, number>();
  private readonly contactsByAccount = new Map<string, SupportContact[]>();
  private readonly rejected: RejectedRows[] = [];
  private newestDay = 0;
  private pairs = 0;

  private constructor(rows: number) {
    this.chain = new Int32Array(rows);
    this.pairStarts = new Int32Array(Math.ceil(rows / 32));
    // Room for an account per two rows (it grows past that): a table half the size is touched by
    // fewer pages, and reports list most accounts more than once.
    this.byAccount = new AccountIndex(rows >> 1);
  }

  /**
   * One store over `reports`, in the order given (row numbers and ties follow it): their rows
   * indexed, their rejected rows kept for verdicts to cite, their contact events applied in time
   * order. A report whose `records` is not a SubscriptionRows (a test's array of records) is put
   * into columns first. Does not throw for any ParsedReport the readers produce.
   */
  static from(reports: ParsedReport[]): SubscriptionStore {
    const sources = reports.map((r) =>
      r.records instanceof SubscriptionRows ? r.records : SubscriptionRows.from(r.records),
    );
    const store = new SubscriptionStore(sources.reduce((rows, s) => rows + s.length, 0));
    const events: ContactEvent[] = [];
    reports.forEach((report, k) => {
      if (report.format !== 'support-contacts' && report.reportDate !== null)
        store.noteReportDay(dayKey(report.reportDate));
      store.addRows(sources[k]);
      if (report.rejected.length > 0) store.rejected.push(report.rejected);
      for (const event of report.contacts) events.push(event);
    });
    store.applyContacts(events);
    return store;
  }

  /** Unique (account, product) pairs over all reports: what "subscriptions" counts everywhere. */
  get subscriptionCount(): number {
    return this.pairs;
  }

  /** Distinct accounts with at least one kept subscription row. */
  get accountCount(): number {
    return this.byAccount.size;
  }

  /** Distinct product ids with at least one kept subscription row. */
  get productCount(): number {
    return this.byProduct.length;
  }

  /** Every product, sorted by product id (a new array each call). */
  products(): ProductInfo[] {
    return this.byProduct.map(productInfo).sort((a, b) => a.productId.localeCompare(b.productId));
  }

  /** The product as the reports name it; undefined when no kept row names `productId` (compared exactly). */
  productInfo(productId: string): ProductInfo | undefined {
    const entry = this.product(productId);
    return entry && productInfo(entry);
  }

  /** The product's code from the newest report that carries one; undefined when unknown. */
  productCodeFor(productId: string): string | undefined {
    return this.product(productId)?.productCode;
  }

  /** Every account as 12 digits, ascending (a new array each call). */
  accounts(): string[] {
    return Array.from(this.byAccount.accounts(), accountText);
  }

  /** True when some kept subscription row names `account` (12 digits; anything else is false). */
  hasAccount(account: string): boolean {
    return ACCOUNT_12.test(account) && this.byAccount.get(Number(account)) >= 0;
  }

  /**
   * Every kept record of the account (12 digits; anything else gives []), newest report first, then
   * latest usage first; each names its report, line and report date. Built on each call.
   */
  recordsForAccount(account: string): SubscriptionRecord[] {
    if (!ACCOUNT_12.test(account)) return [];
    const records: SubscriptionRecord[] = [];
    for (let row = this.byAccount.get(Number(account)); row >= 0; row = this.chain[row])
      records.push(this.record(row));
    return records.reverse().sort(newestFirst);
  }

  /** The accounts listed for the product, each once, in the order first listed; [] for an unknown product. */
  accountsForProduct(productId: string): string[] {
    const number = this.productNumbers.get(productId);
    if (number === undefined) return [];
    const entry = this.byProduct[number];
    // Found when first asked (a view opening the product), not while loading: a list per product
    // grown row by row would be memory to touch for every load.
    entry.accountRows ??= this.pairStartsOf(number);
    return Array.from(entry.accountRows, (row) => this.record(row).account);
  }

  /**
   * The rejected rows that name `account` (12 digits), or may (an account a spreadsheet wrote in
   * scientific notation that it rounds to), report by report in load order.
   */
  rejectedRowsFor(account: string): RejectedRow[] {
    // Most loads reject no row: then a lookup pays nothing for this.
    if (this.rejected.length === 0 || !ACCOUNT_12.test(account)) return [];
    return this.rejected.flatMap((rows) => rows.forAccount(account));
  }

  /**
   * The account's current support contacts from the Product Support Connection exports (after
   * CREATE/UPDATE/DELETE in operation-time order), one per subscription; copies, [] when none.
   */
  contactsFor(account: string): SupportContact[] {
    return (this.contactsByAccount.get(account) ?? []).map((c) => ({ ...c }));
  }

  /** The newest report date over all subscription reports loaded (YYYY-MM-DD); undefined when none has one. */
  latestReportDate(): string | undefined {
    return this.newestDay === 0 ? undefined : dayOfKey(this.newestDay);
  }

  private noteReportDay(day: number): void {
    if (day > this.newestDay) this.newestDay = day;
  }

  private product(productId: string): ProductEntry | undefined {
    const number = this.productNumbers.get(productId);
    return number === undefined ? undefined : this.byProduct[number];
  }

  private productNumber(productId: string): number {
    let number = this.productNumbers.get(productId);
    if (number === undefined) {
      number = this.byProduct.push({ productId, latestDay: 0 }) - 1;
      this.productNumbers.set(productId, number);
    }
    return number;
  }

  /** Indexes one report's rows: the hot loop of loading, so it reads columns and builds no objects. */
  private addRows(rows: SubscriptionRows): void {
    const first = this.rowCount;
    this.sources.push(rows);
    this.firstRows.push(first);
    this.rowCount += rows.length;
    // The report's own products, numbered as the store numbers products, by triple.
    const products = Int32Array.from(rows.products, (value) =>
      this.productNumber(rows.text(value)!),
    );
    this.tripleProducts.push(products);
    // Per product, the triple and day it was last updated from in this report: a row that repeats
    // them would change nothing, and most rows do.
    const updatedTriple = new Int32Array(this.byProduct.length).fill(-1);
    const updatedDay = new Int32Array(this.byProduct.length);
    const chain = this.chain;
    for (let r = 0; r < rows.length; r++) {
      const row = first + r;
      const triple = rows.triple(r);
      const product = products[triple];
      // The first 31 products are marks on the account, so most rows need no walk along the chain.
      const mark = product < 31 ? 1 << product : 0;
      const previous = this.byAccount.push(rows.account(r), row, mark);
      chain[row] = previous;
      const newPair =
        mark === 0
          ? !this.chainHolds(previous, product)
          : (this.byAccount.marksBefore & mark) === 0;
      if (newPair) {
        this.pairs++;
        this.pairStarts[row >>> 5] |= 1 << (row & 31);
      }
      const day = rows.reportDays.get(r);
      if (updatedTriple[product] === triple && updatedDay[product] === day) continue;
      updatedTriple[product] = triple;
      updatedDay[product] = day;
      this.noteReportDay(day);
      const entry = this.byProduct[product];
      const newer = day >= entry.latestDay;
      if (newer) entry.latestDay = day;
      // Code and title come from the newest report that carries them.
      const code = rows.codes[triple];
      if (code !== 0 && (newer || entry.productCode === undefined))
        entry.productCode = rows.text(code);
      const title = rows.titles[triple];
      if (title !== 0 && (newer || entry.productTitle === undefined))
        entry.productTitle = rows.text(title);
    }
  }

  /** The rows that first list a pair of `product`, ascending. */
  private pairStartsOf(product: number): Int32Array {
    const rows: number[] = [];
    for (let row = 0; row < this.rowCount; row++) {
      if ((this.pairStarts[row >>> 5] & (1 << (row & 31))) !== 0 && this.productOf(row) === product)
        rows.push(row);
    }
    return Int32Array.from(rows);
  }

  /** True when a row from `row` back along its account's chain is for `product`. */
  private chainHolds(row: number, product: number): boolean {
    for (let other = row; other >= 0; other = this.chain[other])
      if (this.productOf(other) === product) return true;
    return false;
  }

  /** The product number of a row (of a report already indexed). */
  private productOf(row: number): number {
    const k = this.reportOf(row);
    return this.tripleProducts[k][this.sources[k].triple(row - this.firstRows[k])];
  }

  /** The report that holds `row`. */
  private reportOf(row: number): number {
    return lastAtMost(this.firstRows, row);
  }

  private record(row: number): SubscriptionRecord {
    const k = this.reportOf(row);
    return this.sources[k].at(row - this.firstRows[k])!;
  }

  /** CREATE/UPDATE/DELETE in operation-time order (file order breaks ties) leave each subscription's contact. */
  private applyContacts(events: ContactEvent[]): void {
    const ordered = events
      .map((event, index) => ({
        event,
        index,
        time: event.operationTime ? Date.parse(event.operationTime) : Number.NEGATIVE_INFINITY,
      }))
      .sort((a, b) => a.time - b.time || a.index - b.index);
    const current = new Map<string, SupportContact>();
    for (const { event } of ordered) {
      const key = `${event.contact.account}|${event.contact.productId}|${event.subscriptionId ?? ''}`;
      if (event.operation === 'DELETE') current.delete(key);
      else current.set(key, { ...current.get(key), ...definedFields(event.contact) });
    }
    for (const contact of current.values()) {
      const list = this.contactsByAccount.get(contact.account) ?? [];
      list.push(contact);
      this.contactsByAccount.set(contact.account, list);
    }
  }
}

function newestFirst(a: SubscriptionRecord, b: SubscriptionRecord): number {
  return (
    compareDesc(a.reportDate, b.reportDate) || compareDesc(a.lastUsage ?? '', b.lastUsage ?? '')
  );
}

function compareDesc(a: string, b: string): number {
  return a < b ? 1 : a > b ? -1 : 0;
}

function productInfo(entry: ProductEntry): ProductInfo {
  const info: ProductInfo = {
    productId: entry.productId,
    latestReportDate: dayOfKey(entry.latestDay),
  };
  if (entry.productCode !== undefined) info.productCode = entry.productCode;
  if (entry.productTitle !== undefined) info.productTitle = entry.productTitle;
  return info;
}

/** An UPDATE that leaves a column empty keeps what the contact had. */
function definedFields(contact: SupportContact): SupportContact {
  return Object.fromEntries(
    Object.entries(contact).filter(([, v]) => v !== undefined && v !== ''),
  ) as unknown as SupportContact;
}
