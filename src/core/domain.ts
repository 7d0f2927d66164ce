// The shared vocabulary of the core: what a report holds, what a verdict says.
// Other layers (aws, ui, cli) depend on these shapes; extend them, don't break them.

/**
 * The AWS Marketplace report formats the reader knows, named by the report's file name in the seller's S3 bucket:
 * the subscription usage report, the legacy and daily subscriber reports, and the Product Support Connection export.
 */
export type ReportFormatId =
  'subscription-usage' | 'legacy-subscriber' | 'daily-subscriber' | 'support-contacts';
/** How much a problem matters: `error` loses the row (or file), `warning` keeps it with a doubt, `info` only says. */
export type Severity = 'error' | 'warning' | 'info';

/**
 * A problem in an input file (a report, a playbook): `file` its path as given, `line` the 1-based physical line where
 * the record starts (header = 1; 1 for a problem of the whole file), `message` words for the engineer saying what is
 * wrong and what to do. The CLI prints it as `{file, line, severity, message}` (docs/json-output.md).
 */
export interface Problem {
  file: string;
  line: number;
  severity: Severity;
  message: string;
}

/**
 * Where a fact came from, so every verdict can show its evidence: the report `file` (a local path or an `s3://`
 * URL), the 1-based `line` of its row, and the report's `reportDate` (YYYY-MM-DD, a whole UTC day: from the row's
 * Report Date column, else the file name, else the file's modification day).
 */
export interface Evidence {
  file: string;
  line: number;
  reportDate: string; // YYYY-MM-DD
}

/**
 * One (account, product) row as read from one subscription report (any format but `support-contacts`):
 * `account` 12 digits (leading zeros kept), `productId` as AWS writes it (`prod-...`), days as YYYY-MM-DD. The store
 * keeps, per account and product, the rows of the newest report that lists them.
 */
export interface SubscriptionRecord extends Evidence {
  account: string; // 12 digits
  productId: string;
  productCode?: string;
  productTitle?: string;
  lastUsage?: string; // YYYY-MM-DD; absent for formats without last usage
  subscriptionStart?: string; // YYYY-MM-DD
}

/**
 * A customer contact from a Product Support Connection export, after its CREATE/UPDATE/DELETE operations were applied
 * in time order: `account` 12 digits, `productId` `prod-...`; the other fields as the customer gave them, absent when
 * empty.
 */
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

/**
 * What reading one file gave: its `path`, the `format` its header names (null when it is not a report), its
 * `reportDate` (YYYY-MM-DD, null when none could be found), `rows` data records read and `kept` records stored (the
 * others are problems). The CLI prints it in `report inspect`'s `files`.
 */
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

/**
 * What the reports say of a subscription (or, the best of them, of an account), on a judging day: `eligible` (listed
 * in the product's newest report, used within the last-usage window), `lapsed` (listed, last used before it),
 * `not-in-latest-report` (only an older report lists it) or `unlisted` (no kept row names it). judgeSubscription in
 * core/eligibility decides it.
 */
export type Verdict = 'eligible' | 'lapsed' | 'not-in-latest-report' | 'unlisted';

/** Best first: an account's verdict is the best of its subscriptions'. */
export const VERDICT_RANK: readonly Verdict[] = [
  'eligible',
  'lapsed',
  'not-in-latest-report',
  'unlisted',
];

/**
 * The team's rules for a verdict, in whole days: `lastUsageDays` how recent a last usage must be for `eligible`
 * (default 30); `goodFaithDays` how long a new subscriber may be missing from the reports, and how old the newest
 * report may be before it is stale (AWS's reporting lag, default 3). From the playbook's `eligibility` section and
 * the settings or CLI flags over it.
 */
export interface EligibilityPolicy {
  lastUsageDays: number; // default 30
  goodFaithDays: number; // default 3
}

/** The policy without a playbook or setting: 30 days of last usage, 3 days of reporting lag. */
export const DEFAULT_POLICY: EligibilityPolicy = { lastUsageDays: 30, goodFaithDays: 3 };

/**
 * The verdict on one product of an account: the product's names and days from its newest row (`lastUsage` and
 * `reportDate` YYYY-MM-DD, absent when unknown), the `verdict`, its `reasons` in words and the rows behind them
 * (`evidence`). The CLI prints it in `lookup`'s `subscriptions`.
 */
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

/**
 * The verdict on an account (12 digits): the best of its `subscriptions`' verdicts (VERDICT_RANK), best first, with
 * its support contacts and the rejected rows that may be its. The answer to "is this customer entitled to support?"
 * from the reports; judgeAccount in core/eligibility builds it.
 */
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
