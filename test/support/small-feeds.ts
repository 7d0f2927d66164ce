// A small feed root written by hand, one record per trap, so a test can name the answer it expects:
// two buyers (one whose number lost its leading zero), a reseller's private offer, a public offer
// with two revisions, a product known by its legacy id, an agreement changed twice, a redelivery, a
// soft delete, a backdated BYOL acceptance, Concurrent Agreements, a header-only month and a bad row.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The seller, a reseller (channel partner) and the two buyers' account GUIDs. */
export const SELLER = 'SellerGuid000000000000000000000000000000001';
export const RESELLER = 'ResellerGuid00000000000000000000000000000002';
export const ZERO_BUYER = {
  guid: 'BuyerGuid0000000000000000000000000000000001',
  account: '012345678901',
  address: 'addr-1',
};
export const OTHER_BUYER = {
  guid: 'BuyerGuid0000000000000000000000000000000002',
  account: '222233334444',
  address: 'addr-2',
};
/** Product ids: Alpha and Beta by their ids, Gamma reached through its legacy id. */
export const ALPHA = { id: 'prod-alpha0000001', code: 'alphacode', title: 'Alpha Server' };
export const BETA = { id: 'prod-beta00000001', code: 'betacode', title: 'Beta Gateway' };
export const GAMMA = {
  id: 'prod-gamma0000001',
  code: 'gammacode',
  title: 'Gamma Analytics',
  legacy: '1368541d-890b-4b6c-9bb9-4a55306ab642',
};
export const LEGACY_OFFER = '8a806c74-dbd6-403e-9362-bb08f417ff37';

const HISTORY = 'valid_from,insert_date,update_date,delete_date';
const AGREEMENTS = `${HISTORY},status,agreement_id,proposer_account_id,acceptor_account_id,offer_id,offer_revision_at_acceptance,start_time,end_time,acceptance_time,intent,preceding_agreement_id,status_reason_code`;
const Z = (day: string) => (day.includes('T') ? day : `${day}T00:00:00Z`);
/** A row: valid_from, recorded (insert and update), delete_date ('' for none), then the feed's own fields. */
const row = (validFrom: string, recorded: string, deleted: string, ...fields: string[]) =>
  [Z(validFrom), Z(recorded), Z(recorded), deleted && Z(deleted), ...fields].join(',');

interface AgreementFields {
  status?: string;
  id: string;
  proposer?: string;
  acceptor: string;
  offer: string;
  revision: string;
  start: string;
  end: string;
  acceptance: string;
  intent?: string;
  reason?: string;
}

/** An agreement feed row in AGREEMENTS' column order (status Active, proposer the seller, intent NEW unless given; days as midnight UTC). */
const agreement = (validFrom: string, recorded: string, deleted: string, a: AgreementFields) =>
  row(
    validFrom,
    recorded,
    deleted,
    a.status ?? 'Active',
    a.id,
    a.proposer ?? SELLER,
    a.acceptor,
    a.offer,
    a.revision,
    Z(a.start),
    a.end && Z(a.end),
    Z(a.acceptance),
    a.intent ?? 'NEW',
    '',
    a.reason ?? '',
  );

// Records delivered in several versions: each version below spreads the first.
const AGMT_EXPIRED: AgreementFields = {
  id: 'agmt-expired',
  acceptor: ZERO_BUYER.guid,
  offer: 'offer-public',
  revision: '1',
  start: '2025-01-01',
  end: '2026-01-01',
  acceptance: '2025-01-01',
};
const AGMT_REDELIVERED: AgreementFields = {
  id: 'agmt-redelivered',
  acceptor: OTHER_BUYER.guid,
  offer: 'offer-old',
  revision: '1',
  start: '2025-01-10',
  end: '2025-06-01',
  acceptance: '2025-01-10',
};
const AGMT_DELETED: AgreementFields = {
  id: 'agmt-deleted',
  acceptor: OTHER_BUYER.guid,
  offer: 'offer-public',
  revision: '1',
  start: '2025-02-10',
  end: '',
  acceptance: '2025-02-10',
};
const AGMT_TWICE: AgreementFields = {
  id: 'agmt-twice',
  acceptor: OTHER_BUYER.guid,
  offer: 'offer-public',
  revision: '2',
  start: '2025-06-01',
  end: '2026-06-01',
  acceptance: '2025-06-01',
};

/** The files, by path under the root. The agreement feed sits in a renamed folder: headers decide. */
export const SMALL_FEEDS: Record<string, string[]> = {
  'accountfeed_v1/year=2010/month=01/data.csv': [
    `${HISTORY},account_id,aws_account_id,encrypted_account_id,mailing_address_id,tax_address_id,tax_legal_name`,
    row('2019-01-01', '2019-01-01', '', SELLER, '300000000001', 'enc1', '', '', 'Seller Ltd'),
    row('2019-01-01', '2019-01-01', '', RESELLER, '300000000002', 'enc2', '', '', 'Partner Ltd'),
  ],
  'accountfeed_v1/year=2025/month=01/data.csv': [
    `${HISTORY},account_id,aws_account_id,encrypted_account_id,mailing_address_id,tax_address_id,tax_legal_name`,
    // The number imported as a number: its leading zero lost.
    row(
      '2025-01-01',
      '2025-01-01',
      '',
      ZERO_BUYER.guid,
      '12345678901',
      'enc3',
      ZERO_BUYER.address,
      '',
      '',
    ),
    row(
      '2025-01-01',
      '2025-01-01',
      '',
      OTHER_BUYER.guid,
      '222233334444',
      'enc4',
      OTHER_BUYER.address,
      '',
      'Globex GmbH',
    ),
  ],
  'addressfeed_v1/year=2025/month=01/data.csv': [
    'address_id,email_domain,company_name,country_code,valid_from,valid_to,insert_date,update_date,delete_date',
    `${ZERO_BUYER.address},acme.example,"Acme  Corporation, Intl",US,2025-01-01T00:00:00Z,,2025-01-01T00:00:00Z,2025-01-01T00:00:00Z,`,
    // '' company name (quoted): the account's tax_legal_name stands in.
    `${OTHER_BUYER.address},globex.example,"",DE,2025-01-01T00:00:00Z,,2025-01-01T00:00:00Z,2025-01-01T00:00:00Z,`,
  ],
  'productfeed_v1/year=2010/month=01/data.csv': [
    `${HISTORY},product_id,manufacturer_account_id,product_code,title`,
    row('2018-01-01', '2018-01-01', '', ALPHA.id, SELLER, ALPHA.code, ALPHA.title),
    row('2018-01-01', '2018-01-01', '', BETA.id, SELLER, BETA.code, BETA.title),
    row('2018-01-01', '2018-01-01', '', GAMMA.id, SELLER, GAMMA.code, GAMMA.title),
  ],
  // A month with no new products: the header alone, as AWS delivers it.
  'productfeed_v1/year=2026/month=11/data.csv': [
    `${HISTORY},product_id,manufacturer_account_id,product_code,title`,
  ],
  'legacyidmappingfeed_v1/year=2010/month=01/data.csv': [
    `${HISTORY},mapping_type,legacy_id,new_id`,
    row('2018-01-01', '2018-01-01', '', 'PRODUCT', GAMMA.legacy, GAMMA.id),
    row('2018-01-01', '2018-01-01', '', 'OFFER', LEGACY_OFFER, 'offer-public'),
  ],
  'offerfeed_v1/year=2025/month=01/data.csv': [
    `${HISTORY},offer_id,offer_revision,name,expiration_date,opportunity_name,opportunity_description,seller_account_id,opportunity_id`,
    row(
      '2018-01-01',
      '2018-01-01',
      '',
      'offer-public',
      '1',
      'Public',
      '9999-01-01T00:00:00Z',
      '',
      '',
      SELLER,
      '',
    ),
    row(
      '2025-05-01',
      '2025-05-01',
      '',
      'offer-public',
      '2',
      'Public',
      '9999-01-01T00:00:00Z',
      '',
      '',
      SELLER,
      '',
    ),
    row(
      '2026-02-20',
      '2026-02-20',
      '',
      'offer-private',
      '1',
      'For Acme',
      '2026-04-01T00:00:00Z',
      'Channel deal',
      '',
      RESELLER,
      'O1234567',
    ),
  ],
  'offerproductfeed_v1/year=2025/month=01/data.csv': [
    `${HISTORY},offer_id,offer_revision,product_id`,
    row('2018-01-01', '2018-01-01', '', 'offer-public', '1', ALPHA.id),
    row('2025-05-01', '2025-05-01', '', 'offer-public', '2', ALPHA.id),
    row('2026-02-20', '2026-02-20', '', 'offer-private', '1', BETA.id),
    // An old offer names Gamma by its legacy id.
    row('2018-01-01', '2018-01-01', '', 'offer-old', '1', GAMMA.legacy),
    // The BYOL offer's revision was made after the agreement's backdated start.
    row('2025-06-30', '2025-06-30', '', 'offer-byol', '1', BETA.id),
  ],
  'offertargetfeed_v1/year=2025/month=01/data.csv': [
    `${HISTORY},offer_target_id,offer_id,offer_revision,target_type,polarity,value`,
    row(
      '2018-01-01',
      '2018-01-01',
      '',
      'target-1',
      'offer-public',
      '1',
      'ParticipatingPrograms',
      'PositiveTargeting',
      'StandardContract',
    ),
    row(
      '2026-02-20',
      '2026-02-20',
      '',
      'target-2',
      'offer-private',
      '1',
      'BuyerAccounts',
      'PositiveTargeting',
      ZERO_BUYER.account,
    ),
  ],
  'agreements_v1/year=2025/month=01/data.csv': [
    AGREEMENTS,
    // agmt-expired: a year of Alpha, then Expired at its end.
    agreement('2025-01-01', '2025-01-01', '', { ...AGMT_EXPIRED }),
    // agmt-redelivered (Gamma through the legacy id): first with an end in 2025-06...
    agreement('2025-01-10', '2025-01-10', '', { ...AGMT_REDELIVERED }),
  ],
  'agreements_v1/year=2025/month=02/data.csv': [
    AGREEMENTS,
    // ...then the same version again, recorded later, with the end corrected: the later update wins.
    agreement('2025-01-10', '2025-02-01', '', { ...AGMT_REDELIVERED, end: '2027-01-01' }),
    // A broken row (a field missing): reported at line 3, the rows after it kept.
    row(
      '2025-02-02',
      '2025-02-02',
      '',
      'Active',
      'agmt-broken',
      SELLER,
      OTHER_BUYER.guid,
      'offer-public',
      '1',
      Z('2025-02-02'),
      '',
      Z('2025-02-02'),
      'NEW',
      '',
    ),
    // agmt-deleted: accepted on 2025-02-10, soft-deleted on 2025-02-15.
    agreement('2025-02-10', '2025-02-10', '', { ...AGMT_DELETED }),
    agreement('2025-02-10', '2025-02-15', '2025-02-15', { ...AGMT_DELETED }),
    // agmt-legacy-offer: names the public offer by its legacy id; pay-as-you-go (end '').
    agreement('2025-02-20', '2025-02-20', '', {
      id: 'agmt-legacy-offer',
      acceptor: OTHER_BUYER.guid,
      offer: LEGACY_OFFER,
      revision: '1',
      start: '2025-02-20',
      end: '',
      acceptance: '2025-02-20',
    }),
  ],
  'agreements_v1/year=2025/month=06/data.csv': [
    AGREEMENTS,
    // agmt-twice, version 1: Alpha from 2025-06-01 to 2026-06-01.
    agreement('2025-06-01', '2025-06-01', '', { ...AGMT_TWICE }),
  ],
  'agreements_v1/year=2025/month=07/data.csv': [
    AGREEMENTS,
    // agmt-byol: Beta started 2025-01-01, accepted (and first recorded) 2025-07-01.
    agreement('2025-07-01', '2025-07-01', '', {
      id: 'agmt-byol',
      acceptor: OTHER_BUYER.guid,
      offer: 'offer-byol',
      revision: '1',
      start: '2025-01-01',
      end: '2027-01-01',
      acceptance: '2025-07-01',
    }),
  ],
  'agreements_v1/year=2025/month=09/data.csv': [
    AGREEMENTS,
    // agmt-twice, version 2 (valid 2025-09-01, recorded 2025-09-02): the end amended to 2026-12-31.
    agreement('2025-09-01', '2025-09-02', '', {
      ...AGMT_TWICE,
      end: '2026-12-31',
      intent: 'AMEND',
    }),
  ],
  'agreements_v1/year=2026/month=02/data.csv': [
    AGREEMENTS,
    // agmt-twice, version 3 (valid 2026-02-01, recorded 2026-02-03): Cancelled.
    agreement('2026-02-01', '2026-02-03', '', {
      ...AGMT_TWICE,
      status: 'Cancelled',
      end: '2026-12-31',
      intent: 'AMEND',
      reason: 'CUSTOMER_REQUEST',
    }),
    // agmt-concurrent-1 and -2: two Alpha agreements of the zero buyer, both Active from 2026-04-01.
    agreement('2026-02-01', '2026-02-01', '', {
      id: 'agmt-concurrent-1',
      acceptor: ZERO_BUYER.guid,
      offer: 'offer-public',
      revision: '2',
      start: '2026-02-01',
      end: '2027-02-01',
      acceptance: '2026-02-01',
    }),
    // agmt-reseller: the reseller's private offer of Beta, pay-as-you-go.
    agreement('2026-03-01', '2026-03-01', '', {
      id: 'agmt-reseller',
      proposer: RESELLER,
      acceptor: ZERO_BUYER.guid,
      offer: 'offer-private',
      revision: '1',
      start: '2026-03-01',
      end: '',
      acceptance: '2026-03-01',
    }),
  ],
  'agreements_v1/year=2026/month=04/data.csv': [
    AGREEMENTS,
    agreement('2026-04-01', '2026-04-01', '', {
      id: 'agmt-concurrent-2',
      acceptor: ZERO_BUYER.guid,
      offer: 'offer-public',
      revision: '2',
      start: '2026-04-01',
      end: '2028-04-01',
      acceptance: '2026-04-01',
    }),
    // Another buyer's row whose valid_from is no instant: reported at line 3, by a lookup of any account too.
    agreement('the first of April', '2026-04-01', '', { ...AGMT_DELETED, id: 'agmt-bad-instant' }),
  ],
  'agreements_v1/year=2026/month=01/data.csv': [
    AGREEMENTS,
    // agmt-expired, version 2: Expired at its end.
    agreement('2026-01-01', '2026-01-01', '', { ...AGMT_EXPIRED, status: 'Expired' }),
  ],
  // Not a feed: its header names none.
  'notes_v1/year=2026/month=01/data.csv': ['subject,body', 'hello,world'],
};

/** Writes SMALL_FEEDS under `root` (`\n` line ends, UTF-8 without BOM, as AWS writes) and returns `root`. */
export function writeSmallFeeds(root: string): string {
  for (const [path, lines] of Object.entries(SMALL_FEEDS)) {
    const file = join(root, ...path.split('/'));
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, `${lines.join('\n')}\n`);
  }
  return root;
}
