// Many daily reports merged into one index by account and by product, so a lookup is a map read.
import type { SubscriptionRecord, SupportContact } from './model';
import type { ContactEvent, ParsedReport } from './reports';

export interface ProductInfo {
  productId: string;
  productCode?: string;
  productTitle?: string;
  /** The newest report date that mentions the product: that report decides who is listed. */
  latestReportDate: string;
}

interface ProductEntry {
  info: ProductInfo;
  accounts: string[];
}

export class SubscriptionStore {
  // One record is kept bare, several in an array: most accounts hold one subscription, and a
  // million one-element arrays would cost tens of megabytes.
  private readonly byAccount = new Map<string, SubscriptionRecord | SubscriptionRecord[]>();
  private readonly byProduct = new Map<string, ProductEntry>();
  private readonly contactsByAccount = new Map<string, SupportContact[]>();
  private newestReportDate: string | undefined;
  private pairs = 0;

  static from(reports: ParsedReport[]): SubscriptionStore {
    const store = new SubscriptionStore();
    const events: ContactEvent[] = [];
    for (const report of reports) {
      if (report.format !== 'support-contacts' && report.reportDate !== null) store.noteReportDate(report.reportDate);
      for (const record of report.records) store.add(record);
      for (const event of report.contacts) events.push(event);
    }
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
    return this.byProduct.size;
  }

  products(): ProductInfo[] {
    return [...this.byProduct.values()].map((p) => ({ ...p.info })).sort((a, b) => a.productId.localeCompare(b.productId));
  }

  productInfo(productId: string): ProductInfo | undefined {
    const entry = this.byProduct.get(productId);
    return entry && { ...entry.info };
  }

  productCodeFor(productId: string): string | undefined {
    return this.byProduct.get(productId)?.info.productCode;
  }

  accounts(): string[] {
    return [...this.byAccount.keys()].sort();
  }

  hasAccount(account: string): boolean {
    return this.byAccount.has(account);
  }

  /** Every record of the account, newest report first (then latest usage first). */
  recordsForAccount(account: string): SubscriptionRecord[] {
    const held = this.byAccount.get(account);
    if (!held) return [];
    return (Array.isArray(held) ? [...held] : [held]).sort(newestFirst);
  }

  accountsForProduct(productId: string): string[] {
    return [...(this.byProduct.get(productId)?.accounts ?? [])];
  }

  contactsFor(account: string): SupportContact[] {
    return (this.contactsByAccount.get(account) ?? []).map((c) => ({ ...c }));
  }

  /** The newest report date over all subscription reports loaded. */
  latestReportDate(): string | undefined {
    return this.newestReportDate;
  }

  private noteReportDate(day: string): void {
    if (this.newestReportDate === undefined || day > this.newestReportDate) this.newestReportDate = day;
  }

  private add(record: SubscriptionRecord): void {
    this.noteReportDate(record.reportDate);
    const held = this.byAccount.get(record.account);
    let newPair: boolean;
    if (held === undefined) {
      this.byAccount.set(record.account, record);
      newPair = true;
    } else if (Array.isArray(held)) {
      newPair = !held.some((r) => r.productId === record.productId);
      held.push(record);
    } else {
      newPair = held.productId !== record.productId;
      this.byAccount.set(record.account, [held, record]);
    }
    const product = this.productEntry(record);
    if (newPair) {
      this.pairs++;
      product.accounts.push(record.account);
    }
  }

  private productEntry(record: SubscriptionRecord): ProductEntry {
    let entry = this.byProduct.get(record.productId);
    if (!entry) {
      entry = { info: { productId: record.productId, latestReportDate: record.reportDate }, accounts: [] };
      this.byProduct.set(record.productId, entry);
    }
    const info = entry.info;
    const newer = record.reportDate >= info.latestReportDate;
    if (newer) info.latestReportDate = record.reportDate;
    // Code and title come from the newest report that carries them.
    if (record.productCode && (newer || !info.productCode)) info.productCode = record.productCode;
    if (record.productTitle && (newer || !info.productTitle)) info.productTitle = record.productTitle;
    return entry;
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

/** An UPDATE that leaves a column empty keeps what the contact had. */
function definedFields(contact: SupportContact): SupportContact {
  return Object.fromEntries(Object.entries(contact).filter(([, v]) => v !== undefined && v !== '')) as unknown as SupportContact;
}
