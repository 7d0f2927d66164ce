// How `lookup` prints the feeds' answer: the `feeds` and `matches` keys of --json (docs/json-output.md)
// and the text an engineer pastes into a ticket. The feeds' answer stays apart from the reports'
// (the sources are fused later), so it has its own words here.
import {
  describeFeedMoment,
  describeFeedPlace,
  type FeedAgreement,
  type FeedEntitlement,
  type FeedMatch,
  type FeedSet,
} from '../core/feeds';
import { describeInstant } from '../core/dates';
import { visibleLine } from '../core/text';

/** `lookup --json`'s `feeds` key: the account's agreements (per product), company and e-mail domain, the feeds' verdict and moment. */
export function feedsJson(e: FeedEntitlement, set: FeedSet): Record<string, unknown> {
  return {
    verdict: e.verdict,
    company: e.company ?? null,
    emailDomain: e.emailDomain ?? null,
    asOf: e.moment.asOf,
    knownAt: e.moment.knownAt ?? null,
    newestUpdate: set.newestUpdate ?? null,
    products: e.products.map((p) => ({
      productId: p.productId ?? null,
      productCode: p.productCode ?? null,
      productTitle: p.productTitle ?? null,
      verdict: p.verdict,
      covering: p.covering ?? null,
      reason: p.reason,
    })),
    agreements: e.agreements.map((a) => ({
      agreementId: a.agreementId,
      status: a.status,
      productId: a.productId ?? null,
      productCode: a.productCode ?? null,
      productTitle: a.productTitle ?? null,
      offerId: a.offerId,
      startTime: a.startTime ?? null,
      endTime: a.endTime ?? null,
      acceptanceTime: a.acceptanceTime ?? null,
      reseller: a.reseller,
      proposerAccountId: a.proposerAccountId,
      visibility: a.visibility,
      evidence: a.evidence,
    })),
    evidence: e.evidence,
  };
}

/** `lookup --company/--email-domain --json`'s `matches`: one per account found, with the feeds' verdict. */
export function matchesJson(matches: readonly FeedMatch[]): Record<string, unknown>[] {
  return matches.map((m) => ({
    account: m.account,
    company: m.company ?? null,
    emailDomain: m.emailDomain ?? null,
    verdict: m.verdict,
  }));
}

/**
 * The feeds' answer for one account in words: who it is, its verdict at the moment asked, a line per
 * product with the reason, and each agreement with its status, times, offer, reseller and the feed
 * lines behind it. Every value from a feed is made visible text (no terminal escapes get through).
 */
export function describeFeedEntitlement(e: FeedEntitlement, set: FeedSet): string {
  const who = [e.company, e.emailDomain].filter((v) => v !== undefined).join(', ');
  const lines = [
    `From the Seller Delivery Data Feeds (${describeFeedMoment(e.moment)}; ${delivered(set)}):`,
    e.accountIds.length === 0
      ? `  account ${e.account} is not in the account feed: UNLISTED`
      : `  account ${e.account}${who ? ` (${who})` : ''} is ${e.verdict.toUpperCase()}`,
    ...e.products.map((p) => `  - ${p.verdict}: ${p.reason}`),
    ...e.agreements.flatMap((a) => describeAgreement(a).map((l) => `    ${l}`)),
  ];
  return lines.map(visibleLine).join('\n');
}

/** The accounts a company or e-mail domain search found, each with its verdict and products. */
export function describeFeedMatches(
  what: string,
  matches: readonly FeedMatch[],
  set: FeedSet,
): string {
  if (matches.length === 0) return visibleLine(`No account in the feeds matches ${what}.`);
  const moment = describeFeedMoment(matches[0].entitlement.moment);
  const lines = [
    `${matches.length} account${matches.length === 1 ? '' : 's'} in the feeds match${matches.length === 1 ? 'es' : ''} ${what} (${moment}; ${delivered(set)}):`,
    ...matches.flatMap((m) => [
      `  ${m.account}  ${m.verdict.toUpperCase()}  ${[m.company, m.emailDomain].filter((v) => v !== undefined).join(', ')}`,
      ...m.entitlement.products.map((p) => `    - ${p.verdict}: ${p.reason}`),
    ]),
  ];
  return lines.map(visibleLine).join('\n');
}

/** One agreement: id, status and times, then offer and who sold it, then its feed lines. */
function describeAgreement(a: FeedAgreement): string[] {
  const end = a.endTime ? `ends ${a.endTime}` : 'no end (pay-as-you-go)';
  const sold = a.reseller
    ? `resold by a channel partner (proposer ${a.proposerAccountId})`
    : 'sold by the seller';
  return [
    `${a.agreementId}: ${a.status}${a.statusReasonCode ? ` (${a.statusReasonCode})` : ''} since ${a.statusSince}; starts ${a.startTime ?? '-'}, ${end}, accepted ${a.acceptanceTime ?? '-'}`,
    `  ${a.visibility} offer ${a.offerId}${a.offerRevision ? ` revision ${a.offerRevision}` : ''}, ${sold}`,
    `  evidence: ${a.evidence.map(describeFeedPlace).join(', ')}`,
  ];
}

/** "newest update 2026-11-20 13:00:00 UTC": when AWS last recorded anything in the feeds read. */
function delivered(set: FeedSet): string {
  return `newest update ${set.newestUpdate ? describeInstant(set.newestUpdate) : 'none'}`;
}
