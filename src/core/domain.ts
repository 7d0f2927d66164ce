// The shared vocabulary of the core: what a report holds, what a verdict says.
// Other layers (aws, ui, cli) depend on these shapes; extend them, don't break them.

export type ReportFormatId = 'subscription-usage' | 'legacy-subscriber' | 'daily-subscriber' | 'support-contacts';
export type Severity = 'error' | 'warning' | 'info';

/** A problem in an input file. `line` is the 1-based physical line where the record starts (header = 1). */
export interface Problem {
  file: string;
  line: number;
  severity: Severity;
  message: string;
}

/** Where a fact came from, so every verdict can show its evidence. */
export interface Evidence {
  file: string;
  line: number;
  reportDate: string; // YYYY-MM-DD
}

/** One (account, product) row as read from one report. */
export interface SubscriptionRecord extends Evidence {
  account: string; // 12 digits
  productId: string;
  productCode?: string;
  productTitle?: string;
  lastUsage?: string; // YYYY-MM-DD; absent for formats without last usage
  subscriptionStart?: string; // YYYY-MM-DD
}

/** A customer contact from a Product Support Connection export, after CREATE/UPDATE/DELETE were applied. */
export interface SupportContact {
  account: string;
  productId: string;
  organization?: string;
  givenName?: string;
  surname?: string;
  email?: string;
  telephone?: string;
  title?: string;
  countryCode?: string;
}

export interface ReportFileSummary {
  path: string;
  format: ReportFormatId | null;
  reportDate: string | null;
  rows: number; // data records read
  kept: number; // records stored
  /** Only when `format` is null: what the file is instead, in a few words ("empty", "UTF-16LE text", `header names columns "A", "B"`). */
  notAReport?: string;
}

/** A subscription row that was not kept because a value on it is wrong, as a verdict cites it. */
export interface RejectedRow {
  file: string;
  line: number;
  /** As the row wrote it: 12 digits, or the scientific notation a spreadsheet left there ("4.44456E+11"). */
  account: string;
  /** Absent when the row's product id is empty or unreadable. */
  productId?: string;
  /** Why the row was not kept: the error on its line. */
  reason: string;
}

export type Verdict = 'eligible' | 'lapsed' | 'not-in-latest-report' | 'unlisted';

/** Best first: an account's verdict is the best of its subscriptions'. */
export const VERDICT_RANK: readonly Verdict[] = ['eligible', 'lapsed', 'not-in-latest-report', 'unlisted'];

export interface EligibilityPolicy {
  lastUsageDays: number; // default 30
  goodFaithDays: number; // default 3
}

export const DEFAULT_POLICY: EligibilityPolicy = { lastUsageDays: 30, goodFaithDays: 3 };

export interface SubscriptionVerdict {
  account: string;
  productId: string;
  productCode?: string;
  productTitle?: string;
  lastUsage?: string;
  reportDate?: string;
  verdict: Verdict;
  /** Plain words, each naming its evidence (file, line, report date, last usage). */
  reasons: string[];
  evidence: Evidence[];
}

export interface AccountVerdict {
  account: string;
  verdict: Verdict;
  subscriptions: SubscriptionVerdict[];
  /**
   * The good-faith rule for a new subscriber the reports do not list yet, said once for the account (each
   * subscription it applies to also has it among its reasons, for its own day); absent when none does.
   */
  goodFaith?: string;
  contacts: SupportContact[];
  /**
   * Rejected report rows that name the account, or may (an account in scientific notation it rounds
   * to); each is also a reason of the subscriptions it concerns.
   */
  rejectedRows: RejectedRow[];
}
