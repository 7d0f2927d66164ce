// Many daily reports merged into one index by account and by product, so a lookup is a hash probe.
// Rows stay in their reports' columns (SubscriptionRows); the store keeps row numbers and builds
// SubscriptionRecords only for the account being looked up.
import { AccountIndex } from './account-index';
import { dayKey, dayOfKey } from './dates';
import type { RejectedRow, SubscriptionRecord, SupportContact } from './domain';
import type { RejectedRows } from './rejected-rows';
import type { ContactEvent, ParsedReport } from './reports';
import { accountText, SubscriptionRows } from './subscription-rows';

export interface ProductInfo {
  productId: string;
  productCode?: string;
  productTitle?: string;
  /** The newest report date that mentions the product: that report decides who is listed. */
  latestReportDate: string;
}

interface ProductEntry {
  productId: string;
  productCode?: string;
  productTitle?: string;
  latestDay: number;
  /** For each account listed for the product, the row that first listed it. */
  accountRows: number[];
}

const ACCOUNT_12 = /^\d{12}$/;

export class SubscriptionStore {
  // Row numbers run on from one report to the next: report k holds rows firstRows[k] onwards.
  private readonly sources: SubscriptionRows[] = [];
  private readonly firstRows: number[] = [];
  private rowCount = 0;
  private readonly byAccount: AccountIndex;
  /**
   * Per row, side by side (one cache line per step): the previous row of the same account (-1 for
   * none), so each account's rows form a chain, and the row's product number.
   */
  private readonly chain: Int32Array;
  private readonly byProduct: ProductEntry[] = [];
  private readonly productNumbers = new Map<string, number>();
  private readonly contactsByAccount = new Map<string, SupportContact[]>();
  private readonly rejected: RejectedRows[] = [];
  private newestDay = 0;
  private pairs = 0;

  private constructor(rows: number) {
    this.chain = new Int32Array(2 * rows);
    this.byAccount = new AccountIndex(rows); // an account per row at most
  }

  static from(reports: ParsedReport[]): SubscriptionStore {
    const sources = reports.map((r) => (r.records instanceof SubscriptionRows ? r.records : SubscriptionRows.from(r.records)));
    const store = new SubscriptionStore(sources.reduce((rows, s) => rows + s.length, 0));
    const events: ContactEvent[] = [];
    reports.forEach((report, k) => {
      if (report.format !== 'support-contacts' && report.reportDate !== null) store.noteReportDay(dayKey(report.reportDate));
      store.addRows(sources[k]);
      if (report.rejected.length > 0) store.rejected.push(report.rejected);
      for (const event of report.contacts) events.push(event);
    });
    store.applyContacts(events);
    return store;
  }

  /** Unique (account, product) pairs. */
  get subscriptionCount(): number {
    return this.pairs;
  }

  get accountCount(): number {
    return this.byAccount.size;
  }

  get productCount(): number {
    return this.byProduct.length;
  }

  products(): ProductInfo[] {
    return this.byProduct.map(productInfo).sort((a, b) => a.productId.localeCompare(b.productId));
  }

  productInfo(productId: string): ProductInfo | undefined {
    const entry = this.product(productId);
    return entry && productInfo(entry);
  }

  productCodeFor(productId: string): string | undefined {
    return this.product(productId)?.productCode;
  }

  accounts(): string[] {
    return Array.from(this.byAccount.accounts(), accountText);
  }

  hasAccount(account: string): boolean {
    return ACCOUNT_12.test(account) && this.byAccount.get(Number(account)) >= 0;
  }

  /** Every record of the account, newest report first (then latest usage first). */
  recordsForAccount(account: string): SubscriptionRecord[] {
    if (!ACCOUNT_12.test(account)) return [];
    const records: SubscriptionRecord[] = [];
    for (let row = this.byAccount.get(Number(account)); row >= 0; row = this.chain[2 * row]) records.push(this.record(row));
    return records.reverse().sort(newestFirst);
  }

  accountsForProduct(productId: string): string[] {
    return (this.product(productId)?.accountRows ?? []).map((row) => this.record(row).account);
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

  contactsFor(account: string): SupportContact[] {
    return (this.contactsByAccount.get(account) ?? []).map((c) => ({ ...c }));
  }

  /** The newest report date over all subscription reports loaded. */
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
      number = this.byProduct.push({ productId, latestDay: 0, accountRows: [] }) - 1;
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
    // The report's own product values, numbered as the store numbers products.
    const productNumbers = new Int32Array(rows.valueCount).fill(-1);
    const chain = this.chain;
    for (let r = 0; r < rows.length; r++) {
      const row = first + r;
      const value = rows.products[r];
      let product = productNumbers[value];
      if (product < 0) product = productNumbers[value] = this.productNumber(rows.text(value)!);
      // The first 31 products are marks on the account, so most rows need no walk along the chain.
      const mark = product < 31 ? 1 << product : 0;
      const previous = this.byAccount.push(rows.accounts[r], row, mark);
      chain[2 * row] = previous;
      chain[2 * row + 1] = product;
      const newPair = mark === 0 ? !this.chainHolds(previous, product) : (this.byAccount.marksBefore & mark) === 0;
      const entry = this.byProduct[product];
      if (newPair) {
        this.pairs++;
        entry.accountRows.push(row);
      }
      const day = rows.reportDays[r];
      this.noteReportDay(day);
      const newer = day >= entry.latestDay;
      if (newer) entry.latestDay = day;
      // Code and title come from the newest report that carries them.
      const code = rows.codes[r];
      if (code !== 0 && (newer || entry.productCode === undefined)) entry.productCode = rows.text(code);
      const title = rows.titles[r];
      if (title !== 0 && (newer || entry.productTitle === undefined)) entry.productTitle = rows.text(title);
    }
  }

  /** True when a row from `row` back along its account's chain is for `product`. */
  private chainHolds(row: number, product: number): boolean {
    for (let other = row; other >= 0; other = this.chain[2 * other]) if (this.chain[2 * other + 1] === product) return true;
    return false;
  }

  private record(row: number): SubscriptionRecord {
    let k = this.firstRows.length - 1;
    while (this.firstRows[k] > row) k--; // few reports: a scan beats a binary search
    return this.sources[k].at(row - this.firstRows[k])!;
  }

  /** CREATE/UPDATE/DELETE in operation-time order (file order breaks ties) leave each subscription's contact. */
  private applyContacts(events: ContactEvent[]): void {
    const ordered = events
      .map((event, index) => ({ event, index, time: event.operationTime ? Date.parse(event.operationTime) : Number.NEGATIVE_INFINITY }))
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
  return compareDesc(a.reportDate, b.reportDate) || compareDesc(a.lastUsage ?? '', b.lastUsage ?? '');
}

function compareDesc(a: string, b: string): number {
  return a < b ? 1 : a > b ? -1 : 0;
}

function productInfo(entry: ProductEntry): ProductInfo {
  const info: ProductInfo = { productId: entry.productId, latestReportDate: dayOfKey(entry.latestDay) };
  if (entry.productCode !== undefined) info.productCode = entry.productCode;
  if (entry.productTitle !== undefined) info.productTitle = entry.productTitle;
  return info;
}

/** An UPDATE that leaves a column empty keeps what the contact had. */
function definedFields(contact: SupportContact): SupportContact {
  return Object.fromEntries(Object.entries(contact).filter(([, v]) => v !== undefined && v !== '')) as unknown as SupportContact;
}
