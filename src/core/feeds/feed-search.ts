// "Who is calling?": the accounts whose mailing address carries a company name or an e-mail domain,
// as the address stood at the moment asked, each with its feed answer.
import { feedContact, feedEntitlement } from './feed-entitlement';
import { squash } from './feed-read';
import type { FeedSet } from './feed-set';
import type { FeedMatch, FeedMoment } from './feed-types';

/**
 * Accounts whose company (the mailing address's company_name, else the account's tax_legal_name, as
 * AWS's agreement report takes it) contains `text`, ignoring case and white space
 * ("acme corp" finds "ACME  Corporation"). Sorted by account. Throws an Error when `text` is blank.
 */
export function searchFeedsByCompany(set: FeedSet, text: string, moment: FeedMoment): FeedMatch[] {
  const wanted = squash(text);
  if (wanted === '')
    throw new Error(
      "the company name to search for is empty: type part of the customer's company name",
    );
  return matches(set, moment, (m) => m.company !== undefined && squash(m.company).includes(wanted));
}

/**
 * Accounts whose mailing address has this e-mail domain (case-insensitive, exact: `example.com`
 * does not find `mail.example.com`). An e-mail address is accepted and its domain used. Sorted by
 * account. Throws an Error that says what to type when no domain can be read from `domainOrAddress`.
 */
export function searchFeedsByEmailDomain(
  set: FeedSet,
  domainOrAddress: string,
  moment: FeedMoment,
): FeedMatch[] {
  const domain = emailDomainOf(domainOrAddress);
  if (!domain)
    throw new Error(
      `"${domainOrAddress.slice(0, 80)}" is not an e-mail domain: type one such as example.com, or the customer's e-mail address`,
    );
  return matches(set, moment, (m) => m.emailDomain === domain);
}

/**
 * The domain of an e-mail address (`Jane.Doe@Example.COM` -> `example.com`) or of a domain as typed
 * (`@example.com`, `example.com.`); undefined when the text holds no plausible domain.
 */
export function emailDomainOf(text: string): string | undefined {
  const value = text.trim().toLowerCase();
  const domain = (value.includes('@') ? value.slice(value.lastIndexOf('@') + 1) : value).replace(
    /\.$/,
    '',
  );
  return /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/.test(
    domain,
  )
    ? domain
    : undefined;
}

function matches(
  set: FeedSet,
  moment: FeedMoment,
  hit: (m: { company?: string; emailDomain?: string }) => boolean,
): FeedMatch[] {
  const found: FeedMatch[] = [];
  for (const account of set.accounts()) {
    // Who the account is, first: the agreements are joined only for the accounts that match.
    const contact = feedContact(set, account, moment);
    if (contact.guids.length === 0 || !hit(contact)) continue;
    const entitlement = feedEntitlement(set, account, moment);
    found.push({
      account,
      company: entitlement.company,
      emailDomain: entitlement.emailDomain,
      verdict: entitlement.verdict,
      entitlement,
    });
  }
  return found;
}
