// A seeded, realistic Seller Delivery Data Feeds root in AWS's layout
// (`<feed>_v1/year=YYYY/month=MM/data.csv`, 24 months to 2026-11 plus the `year=2010/month=01`
// backfill), with every trap of the feeds at a known rate: account numbers that lost their leading
// zeros, '' for missing, redeliveries with a later update_date, soft deletes, header-only months,
// backdated BYOL acceptances, Concurrent Agreements, offer revisions, legacy product and offer ids,
// records changed twice, resellers, and bad rows at known lines. Rows go into the month their
// update_date falls in, as AWS appends each day's delivery. Used by the unit tests (small) and the
// benchmark (1,000,000 agreements); the same seed writes the same bytes on every machine.
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export interface FeedGeneratorOptions {
  accounts: number;
  agreements: number;
  products: number;
  seed?: number;
}

/** How often each trap is set (fractions of accounts, agreements or products as named). */
export const TRAP_RATES = {
  /** Accounts whose number starts with a zero... */
  leadingZeroAccounts: 0.06,
  /** ...and, of those, the ones the account feed writes as a number (zeros lost). */
  zerosLost: 0.5,
  /** Addresses with company_name '' (the account's tax_legal_name stands in). */
  emptyCompany: 0.03,
  /** Addresses that change (a second version: the company renamed). */
  addressChanged: 0.05,
  /** Agreements on a private offer (a BuyerAccounts target); of those, a reseller's. */
  privateOffer: 0.3,
  resellerOfPrivate: 0.1,
  /** Pay-as-you-go agreements (end_time ''). */
  payAsYouGo: 0.3,
  /** BYOL agreements accepted long after their start_time. */
  byolBackdated: 0.02,
  /** Agreements that get a concurrent twin: the same account and product, both Active. */
  concurrent: 0.02,
  /** Agreements whose first row is delivered again later with a corrected end_time. */
  redelivered: 0.04,
  /** Single-version agreements soft-deleted (redelivered with delete_date set). */
  softDeleted: 0.005,
  /** Agreements changed twice: Active, then amended end_time, then Cancelled. */
  changedTwice: 0.03,
  /** Agreements naming their public offer by its legacy id. */
  legacyOffer: 0.01,
  /** Products whose first public offer revision names them by their legacy id. */
  legacyProduct: 0.1,
  /** Agreement rows followed by a bad row (wrong field count or unreadable valid_from). */
  badRow: 0.000005,
};

/** What was written, for tests and the benchmark to pick accounts by trap and check problems by place. */
export interface FeedTruth {
  root: string;
  accounts: string[];
  rows: Record<string, number>;
  bytes: number;
  /** Example accounts (12 digits) per trap, up to 50 each. */
  examples: {
    zerosLost: string[];
    emptyCompany: string[];
    renamed: string[];
    byolBackdated: string[];
    concurrent: string[];
    redelivered: string[];
    softDeleted: string[];
    changedTwice: string[];
    legacyOffer: string[];
    legacyProduct: string[];
    reseller: string[];
    noAgreement: string[];
  };
  /** Agreements by trap (up to 50 each), with the account that accepted them. */
  agreementIds: Record<
    'changedTwice' | 'softDeleted' | 'redelivered' | 'byolBackdated' | 'concurrent',
    { account: string; id: string }[]
  >;
  /** Company names and e-mail domains of the first accounts, for searches. */
  companies: { account: string; company: string; emailDomain: string }[];
  badRows: { file: string; line: number }[];
  headerOnly: string[];
}

/** The last day delivered: every instant written is at or before its end. */
export const FEEDS_END = Date.UTC(2026, 10, 30, 23, 59, 59);
const WINDOW_START = Date.UTC(2024, 11, 1);
const BACKFILL_END = Date.UTC(2020, 4, 1);
const EARLIEST = Date.UTC(2016, 0, 1);
const DAY = 86_400_000;

const HEADERS: Record<string, string> = {
  accountfeed_v1:
    'valid_from,insert_date,update_date,delete_date,account_id,aws_account_id,encrypted_account_id,mailing_address_id,tax_address_id,tax_legal_name,tax_registration_number',
  // History columns last here, as a reminder that columns are found by name.
  addressfeed_v1:
    'address_id,email_domain,company_name,country_code,state_or_region,city,postal_code,valid_from,valid_to,insert_date,update_date,delete_date',
  agreementfeed_v1:
    'valid_from,insert_date,update_date,delete_date,status,estimated_agreement_value,currency_code,agreement_id,proposer_account_id,acceptor_account_id,offer_id,offer_revision_at_acceptance,start_time,end_time,acceptance_time,intent,preceding_agreement_id,status_reason_code',
  offerfeed_v1:
    'valid_from,insert_date,update_date,delete_date,offer_id,offer_revision,name,expiration_date,opportunity_name,opportunity_description,seller_account_id,opportunity_id',
  offerproductfeed_v1:
    'valid_from,insert_date,update_date,delete_date,offer_id,offer_revision,product_id',
  offertargetfeed_v1:
    'valid_from,insert_date,update_date,delete_date,offer_target_id,offer_id,offer_revision,target_type,polarity,value',
  productfeed_v1:
    'valid_from,insert_date,update_date,delete_date,product_id,manufacturer_account_id,product_code,title',
  legacyidmappingfeed_v1:
    'valid_from,insert_date,update_date,delete_date,mapping_type,legacy_id,new_id',
};

/** Months written: the backfill, then 2024-12 to 2026-11. */
function months(): string[] {
  const list = ['year=2010/month=01'];
  for (let m = 0; m < 24; m++) {
    const d = new Date(Date.UTC(2024, 11 + m, 1));
    list.push(`year=${d.getUTCFullYear()}/month=${String(d.getUTCMonth() + 1).padStart(2, '0')}`);
  }
  return list;
}

function monthOf(ms: number): string {
  if (ms < BACKFILL_END) return 'year=2010/month=01';
  const d = new Date(Math.max(ms, WINDOW_START));
  return `year=${d.getUTCFullYear()}/month=${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

function iso(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/** mulberry32: small, seeded, the same on every machine. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Buffered appends to each month file of each feed, counting lines so bad rows have their place. */
class Writer {
  private readonly fds = new Map<string, number>();
  private readonly pending = new Map<string, string[]>();
  private readonly pendingBytes = new Map<string, number>();
  readonly lines = new Map<string, number>();
  bytes = 0;

  constructor(root: string) {
    for (const feed of Object.keys(HEADERS)) {
      for (const month of months()) {
        const dir = join(root, feed, ...month.split('/'));
        mkdirSync(dir, { recursive: true });
        const file = `${feed}/${month}/data.csv`;
        this.fds.set(file, openSync(join(dir, 'data.csv'), 'w'));
        this.pending.set(file, [HEADERS[feed]]);
        this.pendingBytes.set(file, 0);
        this.lines.set(file, 1);
      }
    }
  }

  /** Appends one line to the feed's file of the month `recorded` falls in; returns its file and line. */
  row(feed: string, recorded: number, fields: readonly string[]): { file: string; line: number } {
    const file = `${feed}/${monthOf(recorded)}/data.csv`;
    const text = fields.join(',');
    this.pending.get(file)!.push(text);
    const size = this.pendingBytes.get(file)! + text.length + 1;
    this.pendingBytes.set(file, size);
    const line = this.lines.get(file)! + 1;
    this.lines.set(file, line);
    if (size > 1 << 20) this.flush(file);
    return { file, line };
  }

  private flush(file: string): void {
    const lines = this.pending.get(file)!;
    if (lines.length === 0) return;
    const text = `${lines.join('\n')}\n`;
    writeSync(this.fds.get(file)!, text);
    this.bytes += Buffer.byteLength(text);
    this.pending.set(file, []);
    this.pendingBytes.set(file, 0);
  }

  close(): string[] {
    const headerOnly: string[] = [];
    for (const [file, fd] of this.fds) {
      this.flush(file);
      closeSync(fd);
      if (this.lines.get(file) === 1) headerOnly.push(file);
    }
    return headerOnly.sort();
  }
}

const WORDS = [
  'Acme',
  'Blue',
  'Cedar',
  'Delta',
  'Ember',
  'Falcon',
  'Granite',
  'Harbor',
  'Iris',
  'Juniper',
  'Kite',
  'Lumen',
  'Maple',
  'Nimbus',
  'Orbit',
  'Pioneer',
  'Quartz',
  'River',
  'Summit',
  'Tundra',
];
const NOUNS = [
  'Cloud',
  'Systems',
  'Labs',
  'Analytics',
  'Networks',
  'Robotics',
  'Health',
  'Logistics',
  'Media',
  'Energy',
];
const SUFFIXES = ['Inc.', 'LLC', 'GmbH', 'Ltd', 'Corp', 'S.A.', 'K.K.'];
const COUNTRIES = ['US', 'DE', 'GB', 'JP', 'FR', 'IN', 'BR', 'AU'];
const ENDED = ['Cancelled', 'Terminated', 'Replaced', 'Archived'];

/** Writes the feed root under `root` and says what it holds. */
export function generateFeeds(root: string, options: FeedGeneratorOptions): FeedTruth {
  const next = seeded(options.seed ?? 20261130);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
  const chance = (rate: number) => next() < rate;
  const between = (from: number, to: number) => from + Math.floor(next() * (to - from));
  const token = (length: number, alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789') =>
    Array.from({ length }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
  const guid = () => token(42, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789');
  const uuid = () =>
    `${token(8, '0123456789abcdef')}-${token(4, '0123456789abcdef')}-4${token(3, '0123456789abcdef')}-a${token(3, '0123456789abcdef')}-${token(12, '0123456789abcdef')}`;
  const out = new Writer(root);
  const rows: Record<string, number> = Object.fromEntries(Object.keys(HEADERS).map((f) => [f, 0]));
  const write = (
    feed: string,
    validFrom: number,
    recorded: number,
    fields: readonly string[],
    deleted?: number,
  ) => {
    rows[feed]++;
    return out.row(feed, recorded, [
      iso(validFrom),
      iso(recorded),
      iso(recorded),
      deleted === undefined ? '' : iso(deleted),
      ...fields,
    ]);
  };
  const examples: FeedTruth['examples'] = {
    zerosLost: [],
    emptyCompany: [],
    renamed: [],
    byolBackdated: [],
    concurrent: [],
    redelivered: [],
    softDeleted: [],
    changedTwice: [],
    legacyOffer: [],
    legacyProduct: [],
    reseller: [],
    noAgreement: [],
  };
  const agreementIds: FeedTruth['agreementIds'] = {
    changedTwice: [],
    softDeleted: [],
    redelivered: [],
    byolBackdated: [],
    concurrent: [],
  };
  const note = (list: string[], value: string) => {
    if (list.length < 50 && !list.includes(value)) list.push(value);
  };
  const noteAgreement = (list: { account: string; id: string }[], account: string, id: string) => {
    if (list.length < 50) list.push({ account, id });
  };
  const badRows: FeedTruth['badRows'] = [];
  const companies: FeedTruth['companies'] = [];

  // The seller and its channel partners.
  const seller = guid();
  const resellers = Array.from({ length: 20 }, guid);
  for (const [i, id] of [seller, ...resellers].entries()) {
    const created = EARLIEST + i * DAY;
    write('accountfeed_v1', created, created, [
      id,
      String(300_000_000_000 + i),
      token(12),
      '',
      '',
      `Partner ${i} Ltd`,
      '',
    ]);
  }

  // Buyers: account GUID, 12-digit number, mailing address.
  const accounts: string[] = [];
  const guids: string[] = [];
  const created: number[] = [];
  for (let i = 0; i < options.accounts; i++) {
    const zero = chance(TRAP_RATES.leadingZeroAccounts);
    const number = zero
      ? String(between(1_000_000_000, 99_999_999_999)).padStart(12, '0')
      : String(between(100_000_000_000, 999_999_999_999));
    const lost = zero && chance(TRAP_RATES.zerosLost);
    const id = guid();
    const addressId = guid();
    const since = chance(0.3)
      ? between(EARLIEST, BACKFILL_END - 30 * DAY)
      : between(WINDOW_START, FEEDS_END - 60 * DAY);
    const company = `${pick(WORDS)} ${pick(NOUNS)} ${pick(SUFFIXES)}`;
    const domain = `${company.split(' ').slice(0, 2).join('').toLowerCase()}${i}.example`;
    const empty = chance(TRAP_RATES.emptyCompany);
    accounts.push(number);
    guids.push(id);
    created.push(since);
    write('accountfeed_v1', since, since + between(0, 2) * DAY, [
      id,
      lost ? String(Number(number)) : number,
      token(12),
      addressId,
      addressId,
      empty ? company : '',
      '',
    ]);
    // A company name with a comma is quoted, as RFC 4180 says; '' is written both bare and quoted.
    const quoted = company.includes('.') ? `"${company.replace('Inc.', 'Inc., Intl')}"` : company;
    const shown = company.includes('.') ? company.replace('Inc.', 'Inc., Intl') : company;
    addressRow(out, rows, since, [
      addressId,
      domain,
      empty ? (chance(0.5) ? '""' : '') : quoted,
      pick(COUNTRIES),
      '',
      '',
      '',
    ]);
    if (i < 200)
      companies.push({ account: number, company: empty ? company : shown, emailDomain: domain });
    if (lost) note(examples.zerosLost, number);
    if (empty) note(examples.emptyCompany, number);
    if (chance(TRAP_RATES.addressChanged)) {
      const renamedAt = between(Math.max(since, WINDOW_START) + DAY, FEEDS_END - DAY);
      addressRow(out, rows, renamedAt, [
        addressId,
        domain,
        `Renamed ${pick(WORDS)} ${pick(SUFFIXES)}`,
        pick(COUNTRIES),
        '',
        '',
        '',
      ]);
      note(examples.renamed, number);
    }
  }

  // Products, their public offers (revisions 1-3) and legacy ids.
  interface Offer {
    id: string;
    legacy: string;
    revisions: number[];
  }
  const products: { id: string; offer: Offer; legacy: boolean }[] = [];
  for (let p = 0; p < options.products; p++) {
    const id = `prod-${token(13)}`;
    const since = between(EARLIEST - 400 * DAY, EARLIEST);
    const title = `${pick(WORDS)} ${pick(NOUNS)} ${p}`;
    write('productfeed_v1', since, since, [id, seller, token(25), title]);
    // Product feeds change rarely: some titles change once, in the backfill or a month before the last.
    if (chance(0.1)) {
      const changed = chance(0.5)
        ? between(EARLIEST, BACKFILL_END - DAY)
        : between(WINDOW_START, Date.UTC(2026, 9, 1));
      write('productfeed_v1', changed, changed, [id, seller, token(25), `${title} (renamed)`]);
    }
    const legacyProduct = p === 0 || chance(TRAP_RATES.legacyProduct);
    const legacyId = uuid();
    if (legacyProduct) write('legacyidmappingfeed_v1', since, since, ['PRODUCT', legacyId, id]);
    const offer: Offer = { id: `offer-${token(13)}`, legacy: uuid(), revisions: [since] };
    write('legacyidmappingfeed_v1', since, since, ['OFFER', offer.legacy, offer.id]);
    for (let r = 2; r <= 3; r++)
      if (chance(0.5))
        offer.revisions.push(between(EARLIEST + (r - 1) * 400 * DAY, BACKFILL_END - DAY));
    offer.revisions.sort((a, b) => a - b);
    for (const [r, at] of offer.revisions.entries()) {
      write('offerfeed_v1', at, at, [
        offer.id,
        String(r + 1),
        `${title} public offer`,
        '9999-01-01T00:00:00Z',
        '',
        '',
        seller,
        '',
      ]);
      write('offerproductfeed_v1', at, at, [
        offer.id,
        String(r + 1),
        r === 0 && legacyProduct ? legacyId : id,
      ]);
      write('offertargetfeed_v1', at, at, [
        `target-${token(16)}`,
        offer.id,
        String(r + 1),
        'ParticipatingPrograms',
        'PositiveTargeting',
        'StandardContract',
      ]);
    }
    products.push({ id, offer, legacy: legacyProduct });
  }

  // Agreements, each with its history; a private offer is made for the agreements that need one.
  const hasAgreement = new Uint8Array(options.accounts);
  const agreementRow = (
    validFrom: number,
    recorded: number,
    a: AgreementFields,
    deleted?: number,
  ) => {
    const place = write(
      'agreementfeed_v1',
      validFrom,
      recorded,
      [
        a.status,
        a.value,
        'USD',
        a.id,
        a.proposer,
        a.acceptor,
        a.offer,
        a.revision,
        iso(a.start),
        a.end === undefined ? '' : iso(a.end),
        iso(a.acceptance),
        a.intent,
        '',
        a.reason,
      ],
      deleted,
    );
    if (chance(TRAP_RATES.badRow)) {
      const bad = chance(0.5)
        ? [iso(validFrom), iso(recorded), iso(recorded), '', a.status, a.id]
        : [
            'yesterday',
            iso(recorded),
            iso(recorded),
            '',
            a.status,
            a.value,
            'USD',
            a.id,
            a.proposer,
            a.acceptor,
            a.offer,
            a.revision,
            '',
            '',
            '',
            '',
            '',
            '',
          ];
      const at = out.row('agreementfeed_v1', recorded, bad);
      badRows.push(at);
    }
    return place;
  };
  interface AgreementFields {
    id: string;
    status: string;
    value: string;
    proposer: string;
    acceptor: string;
    offer: string;
    revision: string;
    start: number;
    end: number | undefined;
    acceptance: number;
    intent: string;
    reason: string;
  }
  let made = 0;
  while (made < options.agreements) {
    const buyer = Math.floor(next() * options.accounts);
    const product = products[Math.floor(next() * products.length)];
    const acceptance = between(Math.max(created[buyer], EARLIEST), FEEDS_END - DAY);
    const byol = chance(TRAP_RATES.byolBackdated);
    const start = byol ? acceptance - between(30, 212) * DAY : acceptance;
    const payg = chance(TRAP_RATES.payAsYouGo);
    const end = payg ? undefined : start + pick([12, 24, 36]) * 30 * DAY;
    const isPrivate = chance(TRAP_RATES.privateOffer);
    // Examples noted once the agreement is known to stay (not soft-deleted).
    const pending: (() => void)[] = [];
    let offerId = product.offer.id;
    let revision = String(product.offer.revisions.filter((at) => at <= acceptance).length || 1);
    let proposer = seller;
    if (isPrivate) {
      offerId = `offer-${token(13)}`;
      revision = '1';
      const reseller = chance(TRAP_RATES.resellerOfPrivate);
      proposer = reseller ? pick(resellers) : seller;
      const madeAt = acceptance - between(1, 20) * DAY;
      write('offerfeed_v1', madeAt, madeAt, [
        offerId,
        '1',
        `Private offer for ${accounts[buyer]}`,
        iso(acceptance + 30 * DAY),
        reseller ? 'Channel deal' : '',
        '',
        proposer,
        reseller ? `O${token(7)}` : '',
      ]);
      write('offerproductfeed_v1', madeAt, madeAt, [offerId, '1', product.id]);
      write('offertargetfeed_v1', madeAt, madeAt, [
        `target-${token(16)}`,
        offerId,
        '1',
        'BuyerAccounts',
        'PositiveTargeting',
        accounts[buyer],
      ]);
      if (reseller) pending.push(() => note(examples.reseller, accounts[buyer]));
    } else if (chance(TRAP_RATES.legacyOffer)) {
      offerId = product.offer.legacy;
      pending.push(() => note(examples.legacyOffer, accounts[buyer]));
    }
    // The first public revision names a legacy product by its legacy id (see legacyProduct).
    if (!isPrivate && revision === '1' && product.legacy)
      pending.push(() => note(examples.legacyProduct, accounts[buyer]));
    const a: AgreementFields = {
      id: `agmt-${token(26)}`,
      status: 'Active',
      value: String(between(100, 100_000)),
      proposer,
      acceptor: guids[buyer],
      offer: offerId,
      revision,
      start,
      end,
      acceptance,
      intent: 'NEW',
      reason: '',
    };
    made++;
    hasAgreement[buyer] = 1;
    const firstRecorded = acceptance + between(0, 2) * DAY;
    if (byol)
      pending.push(
        () => note(examples.byolBackdated, accounts[buyer]),
        () => noteAgreement(agreementIds.byolBackdated, accounts[buyer], a.id),
      );
    const versions: [number, number, AgreementFields][] = [
      [acceptance, Math.min(firstRecorded, FEEDS_END), a],
    ];
    if (chance(TRAP_RATES.changedTwice) && acceptance < FEEDS_END - 40 * DAY) {
      const amended = between(acceptance + DAY, FEEDS_END - 20 * DAY);
      const cancelled = between(amended + DAY, FEEDS_END - DAY);
      versions.push([amended, amended, { ...a, end: (end ?? start + 365 * DAY) + 90 * DAY }]);
      versions.push([
        cancelled,
        cancelled,
        {
          ...a,
          status: 'Cancelled',
          end: (end ?? start + 365 * DAY) + 90 * DAY,
          reason: 'CUSTOMER_REQUEST',
        },
      ]);
      note(examples.changedTwice, accounts[buyer]);
      noteAgreement(agreementIds.changedTwice, accounts[buyer], a.id);
    } else if (end !== undefined && end < FEEDS_END) {
      versions.push([end, end, { ...a, status: chance(0.7) ? 'Expired' : 'Renewed' }]);
    } else if (chance(0.12)) {
      const stopped = between(acceptance + DAY, FEEDS_END);
      const status = pick(ENDED);
      versions.push([
        stopped,
        stopped,
        { ...a, status, reason: status === 'Terminated' ? 'PAYMENT_FAILURE' : '' },
      ]);
    }
    for (const [validFrom, recorded, fields] of versions) agreementRow(validFrom, recorded, fields);
    const deleted = versions.length === 1 && chance(TRAP_RATES.softDeleted);
    // An example of a trap is an agreement still there to show it.
    if (!deleted) for (const noted of pending) noted();
    if (deleted) {
      const gone = Math.min(firstRecorded + between(1, 10) * DAY, FEEDS_END);
      agreementRow(acceptance, gone, a, gone);
      note(examples.softDeleted, accounts[buyer]);
      noteAgreement(agreementIds.softDeleted, accounts[buyer], a.id);
    }
    const redelivered =
      !deleted && chance(TRAP_RATES.redelivered) && firstRecorded + 41 * DAY < FEEDS_END;
    if (redelivered) {
      // The same version again, recorded later with a corrected end: the later update_date wins.
      const again = firstRecorded + between(3, 40) * DAY;
      agreementRow(acceptance, again, { ...a, end: (end ?? start) + 30 * DAY });
      note(examples.redelivered, accounts[buyer]);
      noteAgreement(agreementIds.redelivered, accounts[buyer], a.id);
    }
    if (
      chance(TRAP_RATES.concurrent) &&
      made < options.agreements &&
      (end === undefined || end > FEEDS_END) &&
      versions.length === 1 &&
      !deleted &&
      !redelivered
    ) {
      const twin: AgreementFields = {
        ...a,
        id: `agmt-${token(26)}`,
        start: acceptance + DAY,
        acceptance: acceptance + DAY,
        end: FEEDS_END + 400 * DAY,
      };
      agreementRow(twin.acceptance, Math.min(twin.acceptance + DAY, FEEDS_END), twin);
      made++;
      note(examples.concurrent, accounts[buyer]);
      noteAgreement(agreementIds.concurrent, accounts[buyer], twin.id);
    }
  }
  for (let i = 0; i < options.accounts && examples.noAgreement.length < 50; i++)
    if (!hasAgreement[i]) examples.noAgreement.push(accounts[i]);
  const headerOnly = out.close();
  return {
    root,
    accounts,
    rows,
    bytes: out.bytes,
    examples,
    agreementIds,
    companies,
    badRows,
    headerOnly,
  };
}

function addressRow(out: Writer, rows: Record<string, number>, at: number, fields: string[]): void {
  rows.addressfeed_v1++;
  out.row('addressfeed_v1', at, [...fields, iso(at), '', iso(at), iso(at), '']);
}
