import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  detectFeed,
  emailDomainOf,
  feedEntitlement,
  feedFileLayout,
  feedMoment,
  isFeedRoot,
  listFeedFiles,
  loadFeedFolder,
  parseFeedInstant,
  searchFeedsByCompany,
  searchFeedsByEmailDomain,
  type FeedEntitlement,
  type FeedSet,
} from '../../../../src/core/feeds';
import {
  ALPHA,
  BETA,
  GAMMA,
  LEGACY_OFFER,
  OTHER_BUYER,
  RESELLER,
  SELLER,
  SMALL_FEEDS,
  ZERO_BUYER,
  writeSmallFeeds,
} from '../../../support/small-feeds';

/** The product verdict of `productId` in an entitlement (fails when absent). */
function product(e: FeedEntitlement, productId: string) {
  const found = e.products.find((p) => p.productId === productId);
  assert.ok(found, `${productId} is among ${e.products.map((p) => p.productId).join(', ')}`);
  return found;
}

function agreement(e: FeedEntitlement, agreementId: string) {
  return e.agreements.find((a) => a.agreementId === agreementId);
}

/** Writes the small feed root before the suite's tests and removes it after; `use` gets it read whole. */
function smallFeeds(use: (loaded: { root: string; set: FeedSet }) => void): void {
  let root = '';
  before(async () => {
    root = writeSmallFeeds(mkdtempSync(join(tmpdir(), 'feeds-small-')));
    use({ root, set: await loadFeedFolder(root) });
  });
  after(() => rmSync(root, { recursive: true, force: true }));
}

describe('feeds: layout and headers', () => {
  let root: string;
  let set: FeedSet;
  smallFeeds((loaded) => ({ root, set } = loaded));

  it("reads AWS's layout, the 2010-01 backfill included, and nothing outside it", async () => {
    assert.deepEqual(feedFileLayout('agreementfeed_v1/year=2026/month=11/data.csv'), {
      folder: 'agreementfeed_v1',
      name: 'agreementfeed',
      version: 'v1',
      year: 2026,
      month: 11,
      backfill: false,
    });
    assert.equal(
      feedFileLayout('s3-copy\\productfeed_v1\\year=2010\\month=01\\data.csv')?.backfill,
      true,
    );
    for (const bad of [
      'agreementfeed/year=2026/month=11/data.csv',
      'agreementfeed_v1/year=2026/month=13/data.csv',
      'agreementfeed_v1/2026/11/data.csv',
      'agreementfeed_v1/year=2026/month=11/other.csv',
    ]) {
      assert.equal(feedFileLayout(bad), undefined, bad);
    }
    const files = await listFeedFiles(root);
    assert.ok(files.includes('productfeed_v1/year=2010/month=01/data.csv'));
    assert.equal(files.length, Object.keys(SMALL_FEEDS).length);
    assert.equal(await isFeedRoot(root), true);
    assert.equal(await isFeedRoot(join(root, 'accountfeed_v1')), false);
  });

  it('recognises each feed by its header, whatever its folder is called', () => {
    const byFile = new Map(set.files.map((f) => [f.file, f.feed]));
    assert.equal(byFile.get('agreements_v1/year=2026/month=02/data.csv'), 'agreement');
    assert.equal(byFile.get('addressfeed_v1/year=2025/month=01/data.csv'), 'address');
    assert.equal(
      byFile.get('legacyidmappingfeed_v1/year=2010/month=01/data.csv'),
      'legacyIdMapping',
    );
    assert.equal(byFile.get('offertargetfeed_v1/year=2025/month=01/data.csv'), 'offerTarget');
    assert.equal(byFile.get('offerproductfeed_v1/year=2025/month=01/data.csv'), 'offerProduct');
    assert.equal(byFile.get('offerfeed_v1/year=2025/month=01/data.csv'), 'offer');
    assert.equal(byFile.get('notes_v1/year=2026/month=01/data.csv'), undefined);
    assert.equal(
      detectFeed(['Valid_From', ' AGREEMENT_ID', 'acceptor_account_id', 'proposer_account_id']),
      'agreement',
    );
    assert.equal(detectFeed(['subject', 'body']), undefined);
  });

  it('says which file is not a feed, at its line 1, and reads the others', () => {
    const notFeed = set.problems.find((p) => p.file === 'notes_v1/year=2026/month=01/data.csv');
    assert.equal(notFeed?.line, 1);
    assert.match(notFeed?.message ?? '', /names none of the feeds/);
  });

  it('keeps a header-only month as such, and counts the backfill as the month 2010-01', () => {
    const empty = set.files.find((f) => f.file === 'productfeed_v1/year=2026/month=11/data.csv');
    assert.equal(empty?.headerOnly, true);
    assert.equal(empty?.rows, 0);
    const products = set.summaries().find((s) => s.feed === 'product');
    assert.deepEqual(products?.months, ['2010-01', '2026-11']);
    assert.equal(products?.rows, 3);
    assert.equal(set.problems.filter((p) => p.file.startsWith('productfeed_v1')).length, 0);
  });

  it('reports a bad row as feed/year=YYYY/month=MM/data.csv:LINE and keeps the good rows after it', () => {
    const bad = set.problems.filter((p) => p.file.startsWith('agreements_v1'));
    assert.deepEqual(
      bad.map((p) => `${p.file}:${p.line}`),
      [
        'agreements_v1/year=2025/month=02/data.csv:3',
        'agreements_v1/year=2026/month=04/data.csv:3',
      ],
    );
    assert.match(bad[0].message, /15 fields and the header 16/);
    assert.match(
      bad[1].message,
      /valid_from "the first of AprilT00:00:00Z" is not an ISO 8601 instant/,
    );
    // A file's rows are the rows read, the rejected ones left out.
    assert.equal(
      set.files.find((f) => f.file === 'agreements_v1/year=2026/month=04/data.csv')?.rows,
      1,
    );
    assert.equal(
      set.files.find((f) => f.file === 'agreements_v1/year=2025/month=02/data.csv')?.rows,
      4,
    );
    const m = feedMoment({ asOf: '2025-02-12', knownAt: '2025-02-12' });
    assert.ok(
      agreement(feedEntitlement(set, OTHER_BUYER.account, m), 'agmt-deleted'),
      'the row after the bad one is read',
    );
  });

  it('reads the newest update_date of each feed', () => {
    assert.equal(
      set.summaries().find((s) => s.feed === 'agreement')?.newestUpdate,
      '2026-04-01T00:00:00.000Z',
    );
    assert.equal(set.newestUpdate, '2026-04-01T00:00:00.000Z');
  });

  it('reports a row whose valid_from is not an instant, and a header that lacks a needed column', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'feeds-bad-'));
    try {
      writeSmallFeeds(dir);
      const { writeFileSync } = await import('node:fs');
      writeFileSync(
        join(dir, 'productfeed_v1/year=2026/month=11/data.csv'),
        'valid_from,insert_date,update_date,delete_date,product_id,manufacturer_account_id,product_code,title\nyesterday,2026-11-02T00:00:00Z,2026-11-02T00:00:00Z,,prod-x,S,code,X\n',
      );
      writeFileSync(
        join(dir, 'legacyidmappingfeed_v1/year=2010/month=01/data.csv'),
        'mapping_type,legacy_id,new_id\nPRODUCT,a,b\n',
      );
      const bad = await loadFeedFolder(dir);
      const messages = bad.problems.map((p) => `${p.file}:${p.line} ${p.message}`);
      assert.ok(
        messages.some((m) =>
          m.startsWith('productfeed_v1/year=2026/month=11/data.csv:2 valid_from "yesterday"'),
        ),
        messages.join('\n'),
      );
      assert.ok(
        messages.some(
          (m) =>
            m.startsWith('legacyidmappingfeed_v1/year=2010/month=01/data.csv:1 ') &&
            m.includes('lacks valid_from, update_date'),
        ),
        messages.join('\n'),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('feeds: entitlement', () => {
  let set: FeedSet;
  smallFeeds((loaded) => (set = loaded.set));

  it('finds an account whose number lost its leading zero, by its 12 digits', () => {
    const e = feedEntitlement(set, ZERO_BUYER.account, feedMoment({ asOf: '2026-05-01' }));
    assert.deepEqual(e.accountIds, [ZERO_BUYER.guid]);
    assert.equal(e.company, 'Acme  Corporation, Intl');
    assert.equal(e.emailDomain, 'acme.example');
    assert.equal(e.verdict, 'eligible');
    assert.deepEqual(e.evidence[0], {
      file: 'accountfeed_v1/year=2025/month=01/data.csv',
      line: 2,
    });
  });

  it("reads '' as missing: an empty company name falls back to the tax legal name, an empty end is pay-as-you-go", () => {
    const e = feedEntitlement(set, OTHER_BUYER.account, feedMoment({ asOf: '2026-05-01' }));
    assert.equal(e.company, 'Globex GmbH');
    const payg = agreement(e, 'agmt-legacy-offer');
    assert.equal(payg?.endTime, undefined);
    assert.equal(payg?.activeAt, true);
  });

  it('resolves a record changed twice as of each moment, and as AWS knew it then', () => {
    const at = (asOf: string, knownAt?: string) =>
      agreement(
        feedEntitlement(set, OTHER_BUYER.account, feedMoment({ asOf, knownAt })),
        'agmt-twice',
      );
    assert.equal(at('2025-07-01')?.endTime, '2026-06-01T00:00:00Z');
    assert.equal(at('2025-07-01')?.status, 'Active');
    assert.equal(at('2025-10-01')?.endTime, '2026-12-31T00:00:00Z');
    assert.equal(at('2026-03-01')?.status, 'Cancelled');
    assert.equal(at('2026-03-01')?.statusSince, '2026-02-01T00:00:00.000Z');
    // Version 2 was recorded on 2025-09-02, version 3 on 2026-02-03.
    assert.equal(at('2026-03-01', '2025-09-01T12:00:00Z')?.endTime, '2026-06-01T00:00:00Z');
    assert.equal(at('2026-03-01', '2025-09-01T12:00:00Z')?.status, 'Active');
    assert.equal(at('2026-03-01', '2025-10-01')?.endTime, '2026-12-31T00:00:00Z');
    assert.equal(at('2026-03-01', '2026-02-02')?.status, 'Active');
    assert.equal(at('2026-03-01', '2026-02-03')?.status, 'Cancelled');
    // Nothing was known of it before its first row was recorded.
    assert.equal(at('2026-03-01', '2025-05-31'), undefined);
  });

  it('takes the later update_date of a version delivered again', () => {
    const now = feedEntitlement(set, OTHER_BUYER.account, feedMoment({ asOf: '2026-03-01' }));
    assert.equal(agreement(now, 'agmt-redelivered')?.endTime, '2027-01-01T00:00:00Z');
    assert.equal(product(now, GAMMA.id).verdict, 'eligible');
    const before = feedEntitlement(
      set,
      OTHER_BUYER.account,
      feedMoment({ asOf: '2026-03-01', knownAt: '2025-01-20' }),
    );
    assert.equal(agreement(before, 'agmt-redelivered')?.endTime, '2025-06-01T00:00:00Z');
    assert.equal(product(before, GAMMA.id).verdict, 'ended');
    assert.deepEqual(product(before, GAMMA.id).ended, {
      status: 'Active',
      at: '2025-06-01T00:00:00Z',
    });
    assert.match(product(before, GAMMA.id).reason, /reached its end time/);
  });

  it('drops a soft-deleted row, unless asked as AWS knew it before the delete', () => {
    assert.equal(
      agreement(
        feedEntitlement(set, OTHER_BUYER.account, feedMoment({ asOf: '2025-03-01' })),
        'agmt-deleted',
      ),
      undefined,
    );
    assert.ok(
      agreement(
        feedEntitlement(
          set,
          OTHER_BUYER.account,
          feedMoment({ asOf: '2025-03-01', knownAt: '2025-02-14' }),
        ),
        'agmt-deleted',
      ),
    );
  });

  it('counts a backdated BYOL acceptance from its start, once AWS recorded it', () => {
    const asOf = '2025-03-01';
    const e = feedEntitlement(set, OTHER_BUYER.account, feedMoment({ asOf }), BETA.id);
    assert.equal(e.verdict, 'eligible');
    assert.equal(e.products[0].covering, 'agmt-byol');
    // The offer revision it was accepted at is valid only from 2025-06-30: AWS's widening back finds it.
    assert.equal(agreement(e, 'agmt-byol')?.productCode, BETA.code);
    const unknown = feedEntitlement(
      set,
      OTHER_BUYER.account,
      feedMoment({ asOf, knownAt: '2025-06-30' }),
      BETA.id,
    );
    assert.equal(unknown.verdict, 'unlisted');
    assert.equal(unknown.products[0].agreements.length, 0);
  });

  it('keeps Concurrent Agreements and names the one that covers', () => {
    const e = feedEntitlement(
      set,
      ZERO_BUYER.account,
      feedMoment({ asOf: '2026-05-01' }),
      ALPHA.code,
    );
    const alpha = e.products[0];
    assert.equal(alpha.verdict, 'eligible');
    assert.deepEqual(
      alpha.agreements.map((a) => a.agreementId),
      ['agmt-concurrent-2', 'agmt-concurrent-1', 'agmt-expired'],
    );
    assert.equal(alpha.covering, 'agmt-concurrent-2');
    assert.match(alpha.reason, /1 more concurrent agreement active too/);
    // Before the second one started, the first covers.
    assert.equal(
      feedEntitlement(set, ZERO_BUYER.account, feedMoment({ asOf: '2026-03-01' }), ALPHA.id)
        .products[0].covering,
      'agmt-concurrent-1',
    );
  });

  it('says how and when the newest agreement ended', () => {
    const e = feedEntitlement(
      set,
      ZERO_BUYER.account,
      feedMoment({ asOf: '2026-01-15' }),
      ALPHA.id,
    );
    assert.equal(e.verdict, 'ended');
    assert.deepEqual(e.products[0].ended, { status: 'Expired', at: '2026-01-01T00:00:00Z' });
    const cancelled = feedEntitlement(
      set,
      OTHER_BUYER.account,
      feedMoment({ asOf: '2026-03-01' }),
      ALPHA.id,
    ).products[0];
    // agmt-legacy-offer (Alpha, pay-as-you-go) is still Active: eligible despite the cancelled agmt-twice.
    assert.equal(cancelled.verdict, 'eligible');
    assert.equal(cancelled.covering, 'agmt-legacy-offer');
  });

  it('is unlisted for a product with no agreement, and for an account the feeds do not name', () => {
    const none = feedEntitlement(
      set,
      ZERO_BUYER.account,
      feedMoment({ asOf: '2026-05-01' }),
      GAMMA.code,
    );
    assert.equal(none.verdict, 'unlisted');
    assert.equal(none.products[0].productId, GAMMA.code);
    const stranger = feedEntitlement(set, '999999999999', feedMoment({}));
    assert.equal(stranger.verdict, 'unlisted');
    assert.deepEqual(stranger.accountIds, []);
  });

  it('maps legacy product and offer ids to the new ones, with the mapping rows as evidence', () => {
    const e = feedEntitlement(set, OTHER_BUYER.account, feedMoment({ asOf: '2026-03-01' }));
    const gamma = agreement(e, 'agmt-redelivered')!;
    assert.equal(gamma.productId, GAMMA.id);
    assert.equal(gamma.productTitle, GAMMA.title);
    assert.ok(
      gamma.evidence.some(
        (p) => p.file === 'legacyidmappingfeed_v1/year=2010/month=01/data.csv' && p.line === 2,
      ),
    );
    const legacyOffer = agreement(e, 'agmt-legacy-offer')!;
    assert.equal(legacyOffer.offerId, 'offer-public');
    assert.equal(legacyOffer.productId, ALPHA.id);
    assert.ok(
      legacyOffer.evidence.some(
        (p) => p.file === 'legacyidmappingfeed_v1/year=2010/month=01/data.csv' && p.line === 3,
      ),
    );
    assert.notEqual(LEGACY_OFFER, legacyOffer.offerId);
  });

  it("marks a reseller's sale (proposer is not the manufacturer) and a private offer", () => {
    const e = feedEntitlement(set, ZERO_BUYER.account, feedMoment({ asOf: '2026-05-01' }));
    const resold = agreement(e, 'agmt-reseller')!;
    assert.equal(resold.reseller, true);
    assert.equal(resold.proposerAccountId, RESELLER);
    assert.equal(resold.manufacturerAccountId, SELLER);
    assert.equal(resold.visibility, 'private');
    assert.equal(resold.productId, BETA.id);
    assert.deepEqual(resold.evidence[0], {
      file: 'agreements_v1/year=2026/month=02/data.csv',
      line: 4,
    });
    const direct = agreement(e, 'agmt-concurrent-1')!;
    assert.equal(direct.reseller, false);
    assert.equal(direct.visibility, 'public');
  });
});

describe('feeds: who is calling', () => {
  let root: string;
  let set: FeedSet;
  smallFeeds((loaded) => ({ root, set } = loaded));

  it('finds accounts by company name, ignoring case and white space', () => {
    const m = feedMoment({ asOf: '2026-05-01' });
    assert.deepEqual(
      searchFeedsByCompany(set, 'acme corporation', m).map((x) => x.account),
      [ZERO_BUYER.account],
    );
    assert.deepEqual(
      searchFeedsByCompany(set, 'GLOBEX', m).map((x) => [x.account, x.company, x.verdict]),
      [[OTHER_BUYER.account, 'Globex GmbH', 'eligible']],
    );
    assert.deepEqual(searchFeedsByCompany(set, 'Initech', m), []);
    assert.throws(() => searchFeedsByCompany(set, '  ', m), /company name to search for is empty/);
  });

  it('finds accounts by e-mail domain, or by an e-mail address', () => {
    const m = feedMoment({ asOf: '2026-05-01' });
    assert.deepEqual(
      searchFeedsByEmailDomain(set, 'Jane.Doe@ACME.example', m).map((x) => [
        x.account,
        x.emailDomain,
      ]),
      [[ZERO_BUYER.account, 'acme.example']],
    );
    assert.equal(
      searchFeedsByEmailDomain(set, 'globex.example', m)[0].entitlement.account,
      OTHER_BUYER.account,
    );
    assert.deepEqual(searchFeedsByEmailDomain(set, 'mail.acme.example', m), []);
    assert.throws(() => searchFeedsByEmailDomain(set, 'not a domain', m), /not an e-mail domain/);
    assert.equal(emailDomainOf('@Example.COM.'), 'example.com');
    assert.equal(emailDomainOf('jane@'), undefined);
  });

  it('answers the same from a focused read as from a whole one', async () => {
    const m = feedMoment({ asOf: '2026-05-01' });
    for (const account of [ZERO_BUYER.account, OTHER_BUYER.account]) {
      const focused = await loadFeedFolder(root, { focus: { accounts: [account] } });
      assert.deepEqual(
        feedEntitlement(focused, account, m),
        feedEntitlement(set, account, m),
        account,
      );
      // The rows a lookup leaves out are checked all the same: the same bad rows are named.
      assert.deepEqual(focused.problems, set.problems);
    }
    const byCompany = await loadFeedFolder(root, { focus: { company: 'acme' } });
    assert.deepEqual(
      searchFeedsByCompany(byCompany, 'acme', m),
      searchFeedsByCompany(set, 'acme', m),
    );
    const byDomain = await loadFeedFolder(root, { focus: { emailDomain: 'globex.example' } });
    assert.deepEqual(
      searchFeedsByEmailDomain(byDomain, 'globex.example', m),
      searchFeedsByEmailDomain(set, 'globex.example', m),
    );
  });
});

describe('feeds: the moment asked', () => {
  it("reads AWS's instants, and no impossible one", () => {
    assert.equal(parseFeedInstant('2026-11-21T18:30:00Z'), Date.UTC(2026, 10, 21, 18, 30));
    assert.equal(parseFeedInstant('2024-12-24 11:31:47.0'), Date.UTC(2024, 11, 24, 11, 31, 47));
    assert.equal(parseFeedInstant('2024-02-29T00:00:00Z'), Date.UTC(2024, 1, 29));
    assert.equal(parseFeedInstant('2026-11-21T20:30:00+02:00'), Date.UTC(2026, 10, 21, 18, 30));
    assert.equal(
      new Date(parseFeedInstant('0001-01-01T00:00:00Z')).toISOString(),
      '0001-01-01T00:00:00.000Z',
    );
    for (const bad of [
      '2026-02-29T00:00:00Z',
      '2026-13-01T00:00:00Z',
      '2026-11-21T24:00:00Z',
      '2026-1x-21T18:30:00Z',
      '',
      'yesterday',
    ]) {
      assert.ok(Number.isNaN(parseFeedInstant(bad)), bad);
    }
  });

  it('reads a day as its end in UTC, an instant as given, and says what to type otherwise', () => {
    const day = feedMoment({ asOf: '2026-11-21', knownAt: '2026-11-01T08:00:00+02:00' });
    assert.equal(day.asOf, '2026-11-21T23:59:59.999Z');
    assert.equal(day.knownAt, '2026-11-01T06:00:00.000Z');
    assert.equal(day.fixed, true);
    assert.equal(
      feedMoment({ asOf: '2026-11-21T18:30:00Z' }).asOfMs,
      Date.UTC(2026, 10, 21, 18, 30),
    );
    const now = new Date('2026-12-08T01:00:00Z');
    assert.equal(feedMoment({}, now).asOf, now.toISOString());
    assert.equal(feedMoment({}, now).fixed, false);
    assert.throws(
      () => feedMoment({ asOf: '21/11/2026' }),
      /--as-of "21\/11\/2026" is neither a day \(2026-11-21, meaning its end in UTC\) nor an instant/,
    );
    assert.throws(() => feedMoment({ knownAt: '2026-02-30' }), /--known-at/);
  });
});
