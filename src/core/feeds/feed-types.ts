// The shapes of Seller Delivery Data Feeds as this product reads them, and of the answers it gives
// from them. Kept apart from the reports' shapes: issue 20 fuses the sources, so each keeps its own
// typed answer until then.

/**
 * The feeds a support desk reads, named as AWS's feed pages name them (the Athena samples call their
 * tables accountfeed_v1, addressfeed_v1, agreementfeed_v1, offerfeed_v1, offerproductfeed_v1,
 * offertargetfeed_v1, productfeed_v1, legacyidmappingfeed_v1). A file is recognised by its header,
 * never by its folder's name.
 */
export type FeedKind =
  | 'account'
  | 'address'
  | 'agreement'
  | 'offer'
  | 'offerProduct'
  | 'offerTarget'
  | 'product'
  | 'legacyIdMapping';

/**
 * One row's place: `file` is the path under the feed root with `/` separators
 * (`agreementfeed_v1/year=2026/month=11/data.csv`), `line` the physical line the row starts on
 * (1 is the header). Shown as `file:line` (see describeFeedPlace).
 */
export interface FeedEvidence {
  file: string;
  line: number;
}

/** A row or file that could not be read, at its place; the good rows of the same file are kept. */
export interface FeedProblem extends FeedEvidence {
  message: string;
}

/**
 * One `data.csv` to read: `path` under the feed root with `/` separators, and its bytes in chunks
 * (a local file, an S3 object's body; gzip is gunzipped by its magic bytes). `chunks` is called once.
 */
export interface FeedInput {
  path: string;
  chunks(): AsyncIterable<Uint8Array>;
}

/**
 * AWS's layout of a path: `<name>_<version>/year=YYYY/month=MM/data.csv`. `backfill` is true for
 * `year=2010/month=01`, where AWS put the history from 2010-01 to 2020-04.
 */
export interface FeedFileLayout {
  folder: string;
  name: string;
  version: string;
  year: number;
  month: number;
  backfill: boolean;
}

/**
 * What one file held: its feed (undefined when the header names none, which is then a problem),
 * rows read (header excluded, rejected rows excluded), `headerOnly` for a month with no new entries
 * (AWS delivers those), and the newest `update_date` (else `insert_date`) as an ISO 8601 instant.
 */
export interface FeedFileSummary {
  file: string;
  feed: FeedKind | undefined;
  layout: FeedFileLayout | undefined;
  rows: number;
  headerOnly: boolean;
  newestUpdate: string | undefined;
}

/** Per feed: its folder(s), months as `YYYY-MM` (the backfill as `2010-01`), rows, newest update. */
export interface FeedSummary {
  feed: FeedKind;
  folders: string[];
  months: string[];
  rows: number;
  newestUpdate: string | undefined;
}

/**
 * What to keep while reading: every row when empty (the tree needs all), else only what answers for
 * these accounts (12 digits), company text or e-mail domain, so a lookup over a million agreements
 * holds a few rows rather than all of them. A company or e-mail domain search first passes over the
 * address and account feeds to find the matching accounts. Rows left out are still checked, so a
 * focused read names the same bad rows as a whole one.
 */
export interface FeedFocus {
  accounts?: readonly string[];
  company?: string;
  emailDomain?: string;
}

/**
 * The moment a question is asked at, in the two times of AWS's bi-temporal feeds (epoch ms, UTC):
 * `asOfMs`, when the facts must hold (valid_from side); `knownAtMs`, what AWS had recorded by then
 * (rows whose update_date, else insert_date, is later are ignored), undefined for "everything
 * delivered". `asOf`/`knownAt` are the same as ISO 8601 instants, `fixed` is false when asOf is now.
 */
export interface FeedMoment {
  asOf: string;
  asOfMs: number;
  knownAt: string | undefined;
  knownAtMs: number | undefined;
  fixed: boolean;
}

/** Private when a current offer target names buyer accounts positively (a private offer); else public. */
export type FeedVisibility = 'private' | 'public';

/**
 * One agreement the account accepted, as it stood at the moment asked (see FeedMoment), joined
 * through the offer revision at acceptance to its product. Times are ISO 8601 instants as the feed
 * wrote them (`endTime` undefined for pay-as-you-go). `status` is the feed's word (Active, Expired,
 * Cancelled, Terminated, Replaced, Renewed, Archived, Rolled back, Superseded; upper-case with
 * underscores is read the same). `reseller` is true when the proposer is not the product's
 * manufacturer (a channel partner's sale). `statusSince` is the standing row's valid_from (when AWS
 * says this status became true). `activeAt` is true when the status is Active, it has
 * started and has not ended at the moment. `evidence` names the agreement row first, then the
 * offer product, product, legacy mapping, offer target rows used.
 */
export interface FeedAgreement {
  agreementId: string;
  status: string;
  statusReasonCode: string | undefined;
  statusSince: string;
  productId: string | undefined;
  productCode: string | undefined;
  productTitle: string | undefined;
  offerId: string;
  offerRevision: string | undefined;
  startTime: string | undefined;
  endTime: string | undefined;
  acceptanceTime: string | undefined;
  proposerAccountId: string;
  manufacturerAccountId: string | undefined;
  reseller: boolean;
  visibility: FeedVisibility;
  intent: string | undefined;
  precedingAgreementId: string | undefined;
  activeAt: boolean;
  evidence: FeedEvidence[];
}

/** The feeds' verdict: an agreement Active at the moment, the newest one ended before it, or none. */
export type FeedVerdict = 'eligible' | 'ended' | 'unlisted';

/**
 * One product's verdict for the account. `agreements` holds every agreement for it, newest start
 * first (Concurrent Agreements are all kept); `covering` names the agreement that makes it eligible
 * (the Active one that ends last); `ended` says how and when the newest one ended (its status and
 * its end time, else the time the ending status became valid). `reason` is one sentence for people.
 */
export interface FeedProductVerdict {
  productId: string | undefined;
  productCode: string | undefined;
  productTitle: string | undefined;
  verdict: FeedVerdict;
  covering: string | undefined;
  ended: { status: string; at: string } | undefined;
  agreements: FeedAgreement[];
  reason: string;
}

/**
 * The feeds' answer for one AWS account (12 digits) at one moment: the account GUIDs that carry that
 * number (repadded to 12 digits when the feed lost its leading zeros), company name and e-mail domain
 * from the mailing address, every agreement accepted, a verdict per product and overall (eligible
 * when any product is, ended when some agreement exists, else unlisted), and the account and address
 * rows used as evidence.
 */
export interface FeedEntitlement {
  account: string;
  accountIds: string[];
  company: string | undefined;
  emailDomain: string | undefined;
  verdict: FeedVerdict;
  agreements: FeedAgreement[];
  products: FeedProductVerdict[];
  moment: FeedMoment;
  evidence: FeedEvidence[];
}

/** One account that a company or e-mail domain search found, with its feed answer. */
export interface FeedMatch {
  account: string;
  company: string | undefined;
  emailDomain: string | undefined;
  verdict: FeedVerdict;
  entitlement: FeedEntitlement;
}
