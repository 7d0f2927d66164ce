// Support eligibility verdicts from the merged reports. Pure: the "as of" day is always a parameter.
import { daysBetween, isIsoDay, localDay } from './dates';
import {
  DEFAULT_POLICY, VERDICT_RANK,
  type AccountVerdict, type EligibilityPolicy, type SubscriptionRecord, type SubscriptionVerdict, type Verdict,
} from './model';
import type { ProductInfo, SubscriptionStore } from './store';

export interface Freshness {
  latestReportDate?: string;
  daysBehind?: number;
  stale: boolean;
  message: string;
}

/** The one place the wall clock is read: the local day, for callers' defaults. */
export function today(): string {
  return localDay(new Date());
}

export function judgeSubscription(
  store: SubscriptionStore, account: string, productId: string, asOf: string, policy: EligibilityPolicy = DEFAULT_POLICY,
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
  if (!newest || !product) {
    return { ...base, verdict: 'unlisted', reasons: unlistedReasons(store, account, productId, product, asOf, policy) };
  }
  const label = productLabel(product);
  if (newest.reportDate !== product.latestReportDate) {
    return {
      ...base,
      verdict: 'not-in-latest-report',
      reasons: [
        `Last listed for ${label} in an older report: ${where(newest)}${usage(newest)}.`,
        `The newest report for ${label} (dated ${product.latestReportDate}) does not list account ${account}: the subscription may have ended.`,
      ],
    };
  }
  if (newest.lastUsage === undefined) {
    return {
      ...base,
      verdict: 'eligible',
      reasons: [`Listed in the newest report for ${label}: ${where(newest)}. That report gives no date of last usage, so being listed is enough.`],
    };
  }
  const days = daysBetween(newest.lastUsage, asOf);
  const listed = `Listed in the newest report for ${label}: ${where(newest)}, last usage ${newest.lastUsage}`;
  if (days < 0) {
    return { ...base, verdict: 'eligible', reasons: [`${listed}, after the as-of day ${asOf}.`] };
  }
  const within = days <= policy.lastUsageDays;
  return {
    ...base,
    verdict: within ? 'eligible' : 'lapsed',
    reasons: [
      `${listed}, ${plural(days, 'day')} before ${asOf}: ${within ? 'within' : 'outside'} the ${policy.lastUsageDays}-day last-usage window.`,
    ],
  };
}

/**
 * The account's best verdict over its products. An account no report lists is judged against every
 * product the reports know, so each "unlisted" carries its evidence and the good-faith note.
 */
export function judgeAccount(
  store: SubscriptionStore, account: string, asOf: string, policy: EligibilityPolicy = DEFAULT_POLICY,
): AccountVerdict {
  requireDay(asOf);
  const own = [...new Set(store.recordsForAccount(account).map((r) => r.productId))];
  const productIds = own.length > 0 ? own : store.products().map((p) => p.productId);
  const subscriptions = productIds
    .map((productId) => judgeSubscription(store, account, productId, asOf, policy))
    .sort((a, b) => rank(a.verdict) - rank(b.verdict) || a.productId.localeCompare(b.productId));
  return {
    account,
    verdict: subscriptions[0]?.verdict ?? 'unlisted',
    subscriptions,
    contacts: store.contactsFor(account),
  };
}

export function reportFreshness(store: SubscriptionStore, asOf: string, policy: EligibilityPolicy = DEFAULT_POLICY): Freshness {
  requireDay(asOf);
  const latestReportDate = store.latestReportDate();
  if (latestReportDate === undefined) {
    return { stale: true, message: 'no subscription reports loaded: add the daily reports to answer eligibility' };
  }
  const daysBehind = daysBetween(latestReportDate, asOf);
  if (daysBehind < 0) {
    return { latestReportDate, daysBehind, stale: false, message: `latest report ${latestReportDate}, ${plural(-daysBehind, 'day')} after ${asOf}` };
  }
  const stale = daysBehind > policy.goodFaithDays;
  const age = `latest report ${latestReportDate}, ${plural(daysBehind, 'day')} old`;
  return {
    latestReportDate,
    daysBehind,
    stale,
    message: stale ? `${age}: older than the ${policy.goodFaithDays}-day reporting lag, load newer reports` : age,
  };
}

function unlistedReasons(
  store: SubscriptionStore, account: string, productId: string, product: ProductInfo | undefined, asOf: string, policy: EligibilityPolicy,
): string[] {
  if (!product) return [`No loaded report mentions product ${productId}.`];
  const newestDay = product.latestReportDate;
  const reasons = [`Account ${account} is not listed for ${productLabel(product)} in any loaded report (the newest report for it is dated ${newestDay}).`];
  const lag = daysBetween(newestDay, asOf);
  if (lag <= policy.goodFaithDays) {
    reasons.push(
      `New subscribers reach the daily reports only after a lag of up to ${plural(policy.goodFaithDays, 'day')}: if the customer subscribed after ${newestDay}, ` +
      `support them in good faith until a newer report lists them (up to ${plural(policy.goodFaithDays, 'day')} after subscribing); ConfirmProductInstance answers in real time.`,
    );
  } else {
    const freshness = reportFreshness(store, asOf, policy);
    reasons.push(
      `The newest report for this product is ${plural(lag, 'day')} older than ${asOf}, beyond the ${policy.goodFaithDays}-day reporting lag (${freshness.message}): ` +
      'a recent subscriber would not be in it, so load newer reports or confirm the instance with ConfirmProductInstance.',
    );
  }
  return reasons;
}

function where(record: SubscriptionRecord): string {
  return `${record.file}:${record.line} (report ${record.reportDate})`;
}

function usage(record: SubscriptionRecord): string {
  return record.lastUsage ? `, last usage ${record.lastUsage}` : '';
}

function productLabel(product: ProductInfo): string {
  return product.productTitle ? `${product.productTitle} (${product.productId})` : product.productId;
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

function rank(verdict: Verdict): number {
  return VERDICT_RANK.indexOf(verdict);
}

function requireDay(asOf: string): void {
  if (!isIsoDay(asOf)) throw new RangeError(`as-of day "${asOf}" must be a date written YYYY-MM-DD`);
}
