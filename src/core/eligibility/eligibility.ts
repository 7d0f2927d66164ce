// Support eligibility verdicts from the merged reports. Pure: the "as of" day is always a parameter.
import { daysBetween, isIsoDay } from '../dates';
import { sharedName } from './shared-name';
import {
  DEFAULT_POLICY,
  VERDICT_RANK,
  type AccountVerdict,
  type EligibilityPolicy,
  type RejectedRow,
  type SubscriptionRecord,
  type SubscriptionVerdict,
  type Verdict,
} from '../domain';
import type { ProductInfo, SubscriptionStore } from '../reports';

/** How old the newest report is on the judging day, against the policy's reporting lag (goodFaithDays). */
export interface Freshness {
  /** The newest report date (YYYY-MM-DD); absent when no subscription report is loaded. */
  latestReportDate?: string;
  /** Days from that date to the judging day (negative: the report is dated after it); absent with no report. */
  daysBehind?: number;
  /** True when no report is loaded or the newest is older than `goodFaithDays`: load newer reports. */
  stale: boolean;
  /** One line for the engineer, e.g. "latest report 2026-11-22, 1 day old". */
  message: string;
}

export { today } from '../dates';

/**
 * The verdict for one product of an account, from the loaded subscription reports (`store`), with reasons
 * that name their evidence (file:line and report date).
 *
 * - `eligible`: listed in the product's newest report with a last usage at most `policy.lastUsageDays`
 *   days before `asOf` (or after it, or with no last-usage column: being listed is enough);
 * - `lapsed`: listed there, but the last usage is older than that window;
 * - `not-in-latest-report`: listed only in an older report of the product (the subscription may have ended);
 * - `unlisted`: no kept row names the account for the product; the reasons carry the good-faith rule
 *   (a new subscriber is missing for up to `policy.goodFaithDays` days) or, when the account is on a
 *   rejected row, that row and why it was rejected (never the new-subscriber advice).
 *
 * Rejected rows that may be the account's (scientific notation it rounds to) are added as reasons.
 * `account` is 12 digits (parse typed input with parseTypedAccount first); `productId` as the reports
 * write it (prod-...); `asOf` the judging day, YYYY-MM-DD (days are whole UTC days). Pure: the same
 * inputs give the same verdict. Throws a RangeError when `asOf` is not a YYYY-MM-DD day.
 */
export function judgeSubscription(
  store: SubscriptionStore,
  account: string,
  productId: string,
  asOf: string,
  policy: EligibilityPolicy = DEFAULT_POLICY,
): SubscriptionVerdict {
  requireDay(asOf);
  const product = store.productInfo(productId);
  const records = store.recordsForAccount(account).filter((r) => r.productId === productId);
  const newest = records[0];
  const base = {
    account,
    productId,
    productCode: product?.productCode ?? newest?.productCode,
    productTitle: product?.productTitle ?? newest?.productTitle,
    lastUsage: newest?.lastUsage,
    reportDate: newest?.reportDate,
    evidence: records.map(({ file, line, reportDate }) => ({ file, line, reportDate })),
  };
  const rejected = store
    .rejectedRowsFor(account)
    .filter((r) => r.productId === undefined || r.productId === productId);
  const onRows = rejected.filter((r) => r.account === account);
  const mayBe = rejected.filter((r) => r.account !== account).map((r) => mayBeReason(r, account));
  if (!newest || !product) {
    // The account is on a row of the reports, only not a usable one: that, not "new subscriber?", is the answer.
    const reasons =
      onRows.length > 0
        ? onRows.map(
            (r) =>
              `Account ${account} is on ${row(r)}, a row that was rejected: ${r.reason}. It could not be judged from that row: fix the row in the export and load the report again, or confirm the instance with ConfirmProductInstance.`,
          )
        : unlistedReasons(store, account, productId, product, asOf, policy);
    return { ...base, verdict: 'unlisted', reasons: [...reasons, ...mayBe] };
  }
  const { verdict, reasons } = judgeListed(account, product, newest, asOf, policy);
  const also = onRows.map(
    (r) =>
      `Also on ${row(r)}, a row that was rejected (${r.reason}): fixed, it could change this verdict.`,
  );
  return { ...base, verdict, reasons: [...reasons, ...also, ...mayBe] };
}

/** The verdict from the account's newest row for a product the reports list. */
function judgeListed(
  account: string,
  product: ProductInfo,
  newest: SubscriptionRecord,
  asOf: string,
  policy: EligibilityPolicy,
): { verdict: Verdict; reasons: string[] } {
  const label = productLabel(product);
  if (newest.reportDate !== product.latestReportDate) {
    return {
      verdict: 'not-in-latest-report',
      reasons: [
        `Last listed for ${label} in an older report: ${where(newest)}${usage(newest)}.`,
        `The newest report for ${label} (dated ${product.latestReportDate}) does not list account ${account}: the subscription may have ended.`,
      ],
    };
  }
  if (newest.lastUsage === undefined) {
    return {
      verdict: 'eligible',
      reasons: [
        `Listed in the newest report for ${label}: ${where(newest)}. That report gives no date of last usage, so being listed is enough.`,
      ],
    };
  }
  const days = daysBetween(newest.lastUsage, asOf);
  const listed = `Listed in the newest report for ${label}: ${where(newest)}, last usage ${newest.lastUsage}`;
  if (days < 0)
    return { verdict: 'eligible', reasons: [`${listed}, after the as-of day ${asOf}.`] };
  const within = days <= policy.lastUsageDays;
  return {
    verdict: within ? 'eligible' : 'lapsed',
    reasons: [
      `${listed}, ${plural(days, 'day')} before ${asOf}: ${within ? 'within' : 'outside'} the ${policy.lastUsageDays}-day last-usage window.`,
    ],
  };
}

/** For a rejected row whose account a spreadsheet turned into scientific notation that `account` rounds to. */
function mayBeReason(rejected: RejectedRow, account: string): string {
  return `${row(rejected)} may be this account's row, but it was rejected: ${rejected.reason}; ${account} rounds to ${rejected.account}.`;
}

/**
 * The account's verdict over its products: each product its rows (kept or rejected) name is judged by
 * judgeSubscription; an account no row names is judged against every product the reports know, so each
 * "unlisted" carries its evidence and the good-faith note.
 *
 * Returns `verdict`, the best of them (eligible > lapsed > not-in-latest-report > unlisted; 'unlisted'
 * when the reports know no product), `subscriptions` best first (then by product id), the account's
 * support `contacts` from the support-connection reports, the `rejectedRows` that name it or may, and
 * `goodFaith`, the good-faith rule said once when any product gives it.
 * Arguments as for judgeSubscription; the CLI's `lookup --json`, the tree and the panel all show this.
 * Throws a RangeError when `asOf` is not a YYYY-MM-DD day.
 */
export function judgeAccount(
  store: SubscriptionStore,
  account: string,
  asOf: string,
  policy: EligibilityPolicy = DEFAULT_POLICY,
): AccountVerdict {
  requireDay(asOf);
  const rejectedRows = store.rejectedRowsFor(account);
  const named = [
    ...store.recordsForAccount(account).map((r) => r.productId),
    ...rejectedRows
      .filter((r) => r.account === account)
      .flatMap((r) => (r.productId === undefined ? [] : [r.productId])),
  ];
  const productIds =
    named.length > 0 ? [...new Set(named)] : store.products().map((p) => p.productId);
  const subscriptions = productIds
    .map((productId) => judgeSubscription(store, account, productId, asOf, policy))
    .sort((a, b) => rank(a.verdict) - rank(b.verdict) || a.productId.localeCompare(b.productId));
  // Every product the account may be a new subscriber of gives the rule; the answer says it once, with
  // the day when those products' newest reports share it.
  const newestDays = new Set(
    subscriptions
      .filter((s) => s.reasons.some(isGoodFaithRule))
      .map((s) => store.productInfo(s.productId)?.latestReportDate),
  );
  return {
    account,
    verdict: subscriptions[0]?.verdict ?? 'unlisted',
    subscriptions,
    ...(newestDays.size > 0
      ? { goodFaith: goodFaithRule(policy, newestDays.size === 1 ? [...newestDays][0] : undefined) }
      : {}),
    contacts: store.contactsFor(account),
    rejectedRows,
  };
}

/** How fresh the newest subscription report is on `asOf` (YYYY-MM-DD); throws a RangeError for another shape. */
export function reportFreshness(
  store: SubscriptionStore,
  asOf: string,
  policy: EligibilityPolicy = DEFAULT_POLICY,
): Freshness {
  requireDay(asOf);
  const latestReportDate = store.latestReportDate();
  if (latestReportDate === undefined) {
    return {
      stale: true,
      message: 'no subscription reports loaded: add the daily reports to answer eligibility',
    };
  }
  const daysBehind = daysBetween(latestReportDate, asOf);
  if (daysBehind < 0) {
    return {
      latestReportDate,
      daysBehind,
      stale: false,
      message: `latest report ${latestReportDate}, ${plural(-daysBehind, 'day')} after ${asOf}`,
    };
  }
  const stale = daysBehind > policy.goodFaithDays;
  const age = `latest report ${latestReportDate}, ${plural(daysBehind, 'day')} old`;
  return {
    latestReportDate,
    daysBehind,
    stale,
    message: stale
      ? `${age}: older than the ${policy.goodFaithDays}-day reporting lag, load newer reports`
      : age,
  };
}

function unlistedReasons(
  store: SubscriptionStore,
  account: string,
  productId: string,
  product: ProductInfo | undefined,
  asOf: string,
  policy: EligibilityPolicy,
): string[] {
  if (!product) return [`No loaded report mentions product ${productId}.`];
  const newestDay = product.latestReportDate;
  const reasons = [
    `Account ${account} is not listed for ${productLabel(product)} in any loaded report (the newest report for it is dated ${newestDay}).`,
  ];
  const lag = daysBetween(newestDay, asOf);
  if (lag <= policy.goodFaithDays) {
    reasons.push(goodFaithRule(policy, newestDay));
  } else {
    const freshness = reportFreshness(store, asOf, policy);
    reasons.push(
      `The newest report for this product is ${plural(lag, 'day')} older than ${asOf}, beyond the ${policy.goodFaithDays}-day reporting lag (${freshness.message}): ` +
        'a recent subscriber would not be in it, so load newer reports or confirm the instance with ConfirmProductInstance.',
    );
  }
  return reasons;
}

/** How the good-faith rule starts, so that an answer over several products can say it once (isGoodFaithRule). */
const GOOD_FAITH_RULE = 'New subscribers reach the daily reports only after a lag of up to';

/** The good-faith rule, for a customer who subscribed after `newestDay` (a product's newest report), or after whichever that is. */
function goodFaithRule(policy: EligibilityPolicy, newestDay: string | undefined): string {
  const lag = plural(policy.goodFaithDays, 'day');
  return (
    `${GOOD_FAITH_RULE} ${lag}: if the customer subscribed after ${newestDay ?? 'the newest report for the product (each product names its date)'}, ` +
    `support them in good faith until a newer report lists them (up to ${lag} after subscribing); ConfirmProductInstance answers in real time.`
  );
}

/** Whether `reason`, one of a SubscriptionVerdict's, is the good-faith rule that AccountVerdict.goodFaith says once. */
export function isGoodFaithRule(reason: string): boolean {
  return reason.startsWith(GOOD_FAITH_RULE);
}

function where(record: SubscriptionRecord): string {
  return `${row(record)} (report ${record.reportDate})`;
}

/** "customer_subscriber_report_2026-11-22.csv:3": a row as evidence names it, never by a local path. */
function row(at: { file: string; line: number }): string {
  return `${sharedName(at.file)}:${at.line}`;
}

function usage(record: SubscriptionRecord): string {
  return record.lastUsage ? `, last usage ${record.lastUsage}` : '';
}

function productLabel(product: ProductInfo): string {
  return product.productTitle
    ? `${product.productTitle} (${product.productId})`
    : product.productId;
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

function rank(verdict: Verdict): number {
  return VERDICT_RANK.indexOf(verdict);
}

function requireDay(asOf: string): void {
  if (!isIsoDay(asOf))
    throw new RangeError(`as-of day "${asOf}" must be a date written YYYY-MM-DD`);
}
