// Which feed a header belongs to, and the columns this product reads from each. AWS names the
// columns on its feed pages; a header is matched by the columns that only that feed carries, so a
// folder renamed by the seller (or a copy in another layout) is still read for what it is.
import type { FeedKind } from './feed-types';

/** Every feed this product reads, in the order they are read (a feed's filter needs the ones before it). */
export const FEED_KINDS: readonly FeedKind[] = [
  'account',
  'address',
  'agreement',
  'legacyIdMapping',
  'offerProduct',
  'offerTarget',
  'offer',
  'product',
];

/** AWS's own table names for them (the Athena samples' `<name>_v1`), for messages and `report inspect`. */
export const FEED_TABLE_NAMES: Readonly<Record<FeedKind, string>> = {
  account: 'accountfeed_v1',
  address: 'addressfeed_v1',
  agreement: 'agreementfeed_v1',
  legacyIdMapping: 'legacyidmappingfeed_v1',
  offerProduct: 'offerproductfeed_v1',
  offerTarget: 'offertargetfeed_v1',
  offer: 'offerfeed_v1',
  product: 'productfeed_v1',
};

/** The history columns: read from every feed (insert_date and delete_date may be missing from a header). */
export const HISTORY = ['valid_from', 'update_date', 'insert_date', 'delete_date'] as const;

/**
 * Per feed: the columns that tell it apart (all must be in the header), the columns read (in this
 * order into a row's values; missing optional ones read as empty), and which of those form the key
 * of one record (its versions share the key), and which repeat enough to be kept once.
 */
interface FeedColumns {
  signature: readonly string[];
  read: readonly string[];
  required: readonly string[];
  key: readonly number[];
  /** Values (by `read` index) that repeat across rows (statuses, offers, account GUIDs): kept once. */
  shared: readonly number[];
}

export const FEED_COLUMNS: Readonly<Record<FeedKind, FeedColumns>> = {
  agreement: {
    signature: ['agreement_id', 'acceptor_account_id', 'proposer_account_id'],
    read: [
      'agreement_id',
      'acceptor_account_id',
      'proposer_account_id',
      'offer_id',
      'offer_revision_at_acceptance',
      'start_time',
      'end_time',
      'acceptance_time',
      'status',
      'status_reason_code',
      'intent',
      'preceding_agreement_id',
    ],
    required: ['agreement_id', 'acceptor_account_id', 'proposer_account_id', 'offer_id', 'status'],
    key: [0],
    shared: [1, 2, 3, 4, 8, 9, 10],
  },
  offerTarget: {
    signature: ['offer_id', 'target_type', 'polarity'],
    read: ['offer_target_id', 'offer_id', 'offer_revision', 'target_type', 'polarity', 'value'],
    required: ['offer_id', 'offer_revision', 'target_type', 'polarity', 'value'],
    key: [0, 1, 2, 5],
    shared: [1, 2, 3, 4],
  },
  offerProduct: {
    signature: ['offer_id', 'offer_revision', 'product_id'],
    read: ['offer_id', 'offer_revision', 'product_id'],
    required: ['offer_id', 'offer_revision', 'product_id'],
    key: [0, 1, 2],
    shared: [0, 1, 2],
  },
  offer: {
    signature: ['offer_id', 'offer_revision', 'expiration_date'],
    read: [
      'offer_id',
      'offer_revision',
      'name',
      'expiration_date',
      'seller_account_id',
      'opportunity_id',
    ],
    required: ['offer_id', 'offer_revision'],
    key: [0, 1],
    shared: [1, 4],
  },
  product: {
    signature: ['product_id', 'manufacturer_account_id', 'product_code'],
    read: ['product_id', 'manufacturer_account_id', 'product_code', 'title'],
    required: ['product_id', 'manufacturer_account_id', 'product_code'],
    key: [0],
    shared: [1],
  },
  legacyIdMapping: {
    signature: ['mapping_type', 'legacy_id', 'new_id'],
    read: ['mapping_type', 'legacy_id', 'new_id'],
    required: ['mapping_type', 'legacy_id', 'new_id'],
    key: [0, 1],
    shared: [0],
  },
  account: {
    signature: ['account_id', 'aws_account_id'],
    read: ['account_id', 'aws_account_id', 'mailing_address_id', 'tax_legal_name'],
    required: ['account_id', 'aws_account_id'],
    key: [0],
    shared: [],
  },
  address: {
    signature: ['address_id', 'email_domain'],
    read: ['address_id', 'company_name', 'email_domain', 'country_code'],
    required: ['address_id'],
    key: [0],
    shared: [3],
  },
};

// Most specific first: the agreement feed has offer_id too, the offer target feed offer_revision.
const DETECTION_ORDER: readonly FeedKind[] = [
  'agreement',
  'offerTarget',
  'offerProduct',
  'offer',
  'product',
  'legacyIdMapping',
  'account',
  'address',
];

/**
 * The feed whose columns this header carries (names compared trimmed and lower-cased), or undefined
 * when it names none of the eight. Recognition only: the caller checks the required columns
 * (missingColumns) and reports what lacks.
 */
export function detectFeed(header: readonly string[]): FeedKind | undefined {
  const names = new Set(header.map((h) => h.trim().toLowerCase()));
  return DETECTION_ORDER.find((kind) => FEED_COLUMNS[kind].signature.every((c) => names.has(c)));
}

/** The columns this feed needs that the header lacks (valid_from and update_date included). */
export function missingColumns(kind: FeedKind, header: readonly string[]): string[] {
  const names = new Set(header.map((h) => h.trim().toLowerCase()));
  return [...FEED_COLUMNS[kind].required, 'valid_from', 'update_date'].filter((c) => !names.has(c));
}
