// An AWS account's entitlement from the feeds: account number -> account GUIDs -> agreements they
// accepted -> offer revision at acceptance -> products (through the legacy id mapping when an old id
// is used) -> product code and title, each as it stood at the moment asked; then a verdict per product.
import { parseFeedInstant } from './feed-instants';
import { standingVersion, statusWord, type FeedRecord, type FeedSet } from './feed-set';
import type {
  FeedAgreement,
  FeedEntitlement,
  FeedEvidence,
  FeedMoment,
  FeedProductVerdict,
  FeedVerdict,
} from './feed-types';

/**
 * The feeds' answer for `account` (12 digits) at `moment` (see FeedEntitlement). `product`, when
 * given, narrows the products to the one with that product id or product code (case-insensitive for
 * the code), and names it `unlisted` when the account has no agreement for it. An account the
 * account feed does not name is `unlisted` with no agreements.
 */
export function feedEntitlement(
  set: FeedSet,
  account: string,
  moment: FeedMoment,
  product?: string,
): FeedEntitlement {
  const { guids, company, emailDomain, evidence } = feedContact(set, account, moment);
  const agreements: FeedAgreement[] = [];
  for (const guid of guids) {
    for (const id of set.agreementsByAcceptor.get(guid) ?? []) {
      const standing = set.standing('agreement', id, moment);
      if (standing?.values[1] === guid)
        agreements.push(...agreementProducts(set, standing, moment));
    }
  }
  agreements.sort((a, b) => startMs(b) - startMs(a) || a.agreementId.localeCompare(b.agreementId));
  let products = productVerdicts(agreements, moment);
  if (product !== undefined) {
    const asked = product.toLowerCase();
    products = products.filter(
      (p) => p.productId === product || p.productCode?.toLowerCase() === asked,
    );
    if (products.length === 0) {
      products = [
        {
          productId: product,
          productCode: undefined,
          productTitle: undefined,
          verdict: 'unlisted',
          covering: undefined,
          ended: undefined,
          agreements: [],
          reason: `no agreement of account ${account} names ${product} in the feeds`,
        },
      ];
    }
  }
  const verdict: FeedVerdict = products.some((p) => p.verdict === 'eligible')
    ? 'eligible'
    : products.some((p) => p.verdict === 'ended')
      ? 'ended'
      : 'unlisted';
  return {
    account,
    accountIds: guids,
    company,
    emailDomain,
    verdict,
    agreements,
    products,
    moment,
    evidence,
  };
}

/**
 * Who an account is at the moment: the GUIDs whose standing account row carries its number, the
 * company (the mailing address's company_name, else the tax_legal_name, as AWS's agreement report
 * takes it) and e-mail domain (lower-cased) of the first GUID that has them, and the rows used.
 */
export function feedContact(
  set: FeedSet,
  account: string,
  moment: FeedMoment,
): {
  guids: string[];
  company: string | undefined;
  emailDomain: string | undefined;
  evidence: FeedEvidence[];
} {
  const guids = [...(set.guidsByAccount.get(account) ?? [])]
    .filter((g) => set.standing('account', g, moment)?.values[1] === account)
    .sort();
  const evidence: FeedEvidence[] = [];
  let company: string | undefined;
  let emailDomain: string | undefined;
  for (const guid of guids) {
    const row = set.standing('account', guid, moment)!;
    evidence.push(set.place(row));
    const address =
      row.values[2] === undefined ? undefined : set.standing('address', row.values[2], moment);
    if (address) evidence.push(set.place(address));
    company ??= address?.values[1] ?? row.values[3];
    emailDomain ??= address?.values[2]?.toLowerCase();
  }
  return { guids, company, emailDomain, evidence };
}

/** feedEntitlement for every account the kept account rows name, sorted by account: the tree's rows. */
export function feedEntitlements(set: FeedSet, moment: FeedMoment): FeedEntitlement[] {
  return set.accounts().map((account) => feedEntitlement(set, account, moment));
}

// Values of the agreement feed's rows (FEED_COLUMNS.agreement.read order).
const A = {
  id: 0,
  proposer: 2,
  offer: 3,
  revision: 4,
  start: 5,
  end: 6,
  acceptance: 7,
  status: 8,
  reason: 9,
  intent: 10,
  preceding: 11,
};

/** One FeedAgreement per product of the agreement's offer revision (one with no product when none is found). */
function agreementProducts(set: FeedSet, row: FeedRecord, moment: FeedMoment): FeedAgreement[] {
  const v = row.values;
  const offerId = v[A.offer]!;
  const revision = v[A.revision];
  const offer = resolvedOffer(set, offerId, revision, moment);
  const base = {
    agreementId: v[A.id]!,
    status: v[A.status]!,
    statusReasonCode: v[A.reason],
    statusSince: new Date(row.validFrom).toISOString(),
    offerId: offer.id,
    offerRevision: revision,
    startTime: v[A.start],
    endTime: v[A.end],
    acceptanceTime: v[A.acceptance],
    proposerAccountId: v[A.proposer]!,
    intent: v[A.intent],
    precedingAgreementId: v[A.preceding],
  };
  const start = startOf(row);
  const end = parseFeedInstant(v[A.end] ?? '');
  const activeAt =
    statusWord(v[A.status]) === 'active' && start <= moment.asOfMs && !(end <= moment.asOfMs);
  const targets = offerTargets(set, offer.id, revision, moment);
  const visibility = targets.some((t) => isPrivateTarget(t)) ? 'private' : 'public';
  const targetPlaces = targets.filter(isPrivateTarget).map((t) => set.place(t));
  const products = offerProducts(set, offer.id, revision, moment);
  if (products.length === 0) {
    return [
      {
        ...base,
        productId: undefined,
        productCode: undefined,
        productTitle: undefined,
        manufacturerAccountId: undefined,
        reseller: false,
        visibility,
        activeAt,
        evidence: [set.place(row), ...offer.evidence, ...targetPlaces],
      },
    ];
  }
  return products.map((link) => {
    const product = resolvedProduct(set, link.values[2]!, moment);
    const manufacturer = product.row?.values[1];
    return {
      ...base,
      productId: product.id,
      productCode: product.row?.values[2],
      productTitle: product.row?.values[3],
      manufacturerAccountId: manufacturer,
      reseller: manufacturer !== undefined && manufacturer !== base.proposerAccountId,
      visibility,
      activeAt,
      evidence: [
        set.place(row),
        ...offer.evidence,
        set.place(link),
        ...product.evidence,
        ...targetPlaces,
      ],
    };
  });
}

/** The offer id as the offer product feed knows it: the agreement's, else the one its legacy id maps to. */
function resolvedOffer(
  set: FeedSet,
  offerId: string,
  revision: string | undefined,
  moment: FeedMoment,
): { id: string; evidence: FeedEvidence[] } {
  if (
    set.offerProducts.has(`${offerId}|${revision}`) ||
    set.offerTargets.has(`${offerId}|${revision}`)
  )
    return { id: offerId, evidence: [] };
  const mapping = set.standing('legacyIdMapping', `OFFER|${offerId}`, moment);
  return mapping?.values[2]
    ? { id: mapping.values[2], evidence: [set.place(mapping)] }
    : { id: offerId, evidence: [] };
}

/** The product row for a product id, through the legacy mapping when the id is an old one. */
function resolvedProduct(
  set: FeedSet,
  productId: string,
  moment: FeedMoment,
): { id: string; row: FeedRecord | undefined; evidence: FeedEvidence[] } {
  const row = set.standing('product', productId, moment);
  if (row) return { id: productId, row, evidence: [set.place(row)] };
  const mapping = set.standing('legacyIdMapping', `PRODUCT|${productId}`, moment);
  const mapped = mapping?.values[2]
    ? set.standing('product', mapping.values[2], moment)
    : undefined;
  if (!mapping?.values[2]) return { id: productId, row: undefined, evidence: [] };
  return {
    id: mapping.values[2],
    row: mapped,
    evidence: [set.place(mapping), ...(mapped ? [set.place(mapped)] : [])],
  };
}

function offerProducts(
  set: FeedSet,
  offerId: string,
  revision: string | undefined,
  moment: FeedMoment,
): FeedRecord[] {
  return standingOf(set, 'offerProduct', set.offerProducts.get(`${offerId}|${revision}`), moment);
}

function offerTargets(
  set: FeedSet,
  offerId: string,
  revision: string | undefined,
  moment: FeedMoment,
): FeedRecord[] {
  return standingOf(set, 'offerTarget', set.offerTargets.get(`${offerId}|${revision}`), moment);
}

function standingOf(
  set: FeedSet,
  kind: 'offerProduct' | 'offerTarget',
  keys: Set<string> | undefined,
  moment: FeedMoment,
): FeedRecord[] {
  const found: FeedRecord[] = [];
  for (const key of [...(keys ?? [])].sort()) {
    const row = standingVersion(set.versions(kind, key), moment, false);
    if (row) found.push(row);
  }
  return found;
}

/** A target of buyer accounts, positively: the offer was made to named accounts (a private offer). */
function isPrivateTarget(target: FeedRecord): boolean {
  return (
    statusWord(target.values[3]) === 'buyeraccounts' &&
    statusWord(target.values[4]) === 'positivetargeting'
  );
}

/** When the agreement starts (epoch ms): start_time, else acceptance_time, else the row's valid_from. */
function startOf(row: FeedRecord): number {
  for (const text of [row.values[A.start], row.values[A.acceptance]]) {
    const ms = parseFeedInstant(text ?? '');
    if (!Number.isNaN(ms)) return ms;
  }
  return row.validFrom;
}

function startMs(a: FeedAgreement): number {
  const ms = parseFeedInstant(a.startTime ?? a.acceptanceTime ?? '');
  return Number.isNaN(ms) ? -Infinity : ms;
}

function endMs(a: FeedAgreement): number {
  const ms = parseFeedInstant(a.endTime ?? '');
  return Number.isNaN(ms) ? Infinity : ms;
}

/**
 * Per product (agreements newest start first): eligible when one that has started is Active and not
 * past its end (covering: the one that ends last); else ended, from the newest one that has started;
 * else unlisted (only agreements that start later).
 */
function productVerdicts(
  agreements: readonly FeedAgreement[],
  moment: FeedMoment,
): FeedProductVerdict[] {
  const byProduct = new Map<string, FeedAgreement[]>();
  for (const a of agreements) {
    const key = a.productId ?? '';
    byProduct.set(key, [...(byProduct.get(key) ?? []), a]);
  }
  return [...byProduct.values()].map((list) => {
    const { productId, productCode, productTitle } = list[0];
    const named = productTitle ?? productCode ?? productId ?? 'an unknown product';
    const base = { productId, productCode, productTitle, agreements: list };
    const started = list.filter((a) => startMs(a) <= moment.asOfMs);
    const active = started
      .filter((a) => a.activeAt)
      .sort((a, b) => endMs(b) - endMs(a) || startMs(b) - startMs(a));
    if (active.length > 0) {
      const c = active[0];
      const also =
        active.length > 1
          ? `; ${active.length - 1} more concurrent agreement${active.length > 2 ? 's' : ''} active too`
          : '';
      const until = c.endTime ? `until ${c.endTime}` : 'with no end date (pay-as-you-go)';
      return {
        ...base,
        verdict: 'eligible' as const,
        covering: c.agreementId,
        ended: undefined,
        reason: `${named}: agreement ${c.agreementId} is Active ${until}${also} (${c.evidence[0].file}:${c.evidence[0].line})`,
      };
    }
    if (started.length > 0) {
      const newest = started[0];
      const end = endMs(newest);
      const at = end <= moment.asOfMs ? newest.endTime! : newest.statusSince;
      const how =
        statusWord(newest.status) === 'active'
          ? 'reached its end time'
          : `is ${newest.status}${newest.statusReasonCode ? ` (${newest.statusReasonCode})` : ''}`;
      return {
        ...base,
        verdict: 'ended' as const,
        covering: undefined,
        ended: { status: newest.status, at },
        reason: `${named}: the newest agreement ${newest.agreementId} ${how}${end <= moment.asOfMs ? `, ended ${newest.endTime}` : ''} (${newest.evidence[0].file}:${newest.evidence[0].line})`,
      };
    }
    const next = list[list.length - 1];
    return {
      ...base,
      verdict: 'unlisted' as const,
      covering: undefined,
      ended: undefined,
      reason: `${named}: agreement ${next.agreementId} starts ${next.startTime} (after the moment asked)`,
    };
  });
}
