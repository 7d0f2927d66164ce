// "Who is calling?" for the panel's Check a customer: an e-mail address, a domain or a company name
// searched in the Seller Delivery Data Feeds loaded, each matching account with the feeds' verdict
// and its agreements' feed lines. Pure (no 'vscode'): the panel's host passes the feeds it holds.
import { describeInstant } from '../../core/dates';
import {
  describeFeedMoment,
  describeFeedPlace,
  emailDomainOf,
  feedMoment,
  searchFeedsByCompany,
  searchFeedsByEmailDomain,
  type FeedMatch,
} from '../../core/feeds';
import type { WhoIsCallingAnswer, WhoIsCallingRequest } from '../../shared/panel-protocol';
import type { LoadedFeeds } from '../feeds/feed-roots';

/**
 * The accounts the feeds name for `request.text`: by e-mail domain when it holds an `@` or reads as
 * a domain (`example.org`), else by company name. `asOf`/`knownAt` as the CLI takes them (a day means
 * its end in UTC). Throws an Error that says what to type for a bad moment or an empty text; with no
 * feeds loaded, the answer has no matches and says how to load them.
 */
export function whoIsCalling(
  feeds: LoadedFeeds | undefined,
  request: WhoIsCallingRequest,
  now = new Date(),
): WhoIsCallingAnswer {
  const moment = feedMoment(
    {
      ...(request.asOf ? { asOf: request.asOf } : {}),
      ...(request.knownAt ? { knownAt: request.knownAt } : {}),
    },
    now,
  );
  const text = request.text.trim();
  const domain =
    text.includes('@') || /^[^\s]+\.[a-z]{2,}$/i.test(text) ? emailDomainOf(text) : undefined;
  const searched = domain ? `e-mail domain ${domain}` : `company "${text}"`;
  if (!feeds) {
    return {
      searched,
      moment: describeFeedMoment(moment),
      delivered: 'no Seller Delivery Data Feeds loaded: add a feed root to the report paths',
      matches: [],
    };
  }
  const found = domain
    ? searchFeedsByEmailDomain(feeds.set, domain, moment)
    : searchFeedsByCompany(feeds.set, text, moment);
  const newest = feeds.set.newestUpdate;
  return {
    searched,
    moment: describeFeedMoment(moment),
    delivered: newest
      ? `feeds delivered ${describeInstant(newest)}`
      : 'nothing delivered in the feeds yet',
    matches: found.map(matchView),
  };
}

function matchView(m: FeedMatch): WhoIsCallingAnswer['matches'][number] {
  return {
    account: m.account,
    ...(m.company !== undefined ? { company: m.company } : {}),
    ...(m.emailDomain !== undefined ? { emailDomain: m.emailDomain } : {}),
    verdict: m.verdict,
    reasons: m.entitlement.products.map((p) => p.reason),
    agreements: m.entitlement.agreements.map((a) => ({
      agreementId: a.agreementId,
      status: a.status,
      ...(a.productTitle !== undefined ? { productTitle: a.productTitle } : {}),
      ...(a.productId !== undefined ? { productId: a.productId } : {}),
      offerId: a.offerId,
      visibility: a.visibility,
      reseller: a.reseller,
      ...(a.startTime !== undefined ? { startTime: a.startTime } : {}),
      ...(a.endTime !== undefined ? { endTime: a.endTime } : {}),
      ...(a.acceptanceTime !== undefined ? { acceptanceTime: a.acceptanceTime } : {}),
      evidence: a.evidence.map((place) => ({
        file: place.file,
        line: place.line,
        label: describeFeedPlace(place),
      })),
    })),
  };
}
