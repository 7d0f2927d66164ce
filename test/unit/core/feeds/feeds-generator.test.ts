import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  feedEntitlement,
  feedMoment,
  listFeedFiles,
  loadFeedFolder,
  type FeedSet,
} from '../../../../src/core/feeds';
import { FEEDS_END, generateFeeds, type FeedTruth } from '../../../support/feed-generator';

const SIZE = { accounts: 2000, agreements: 5000, products: 16, seed: 7 };

/** The text of line `line` of a file under the root. */
function lineOf(root: string, file: string, line: number): string {
  return readFileSync(join(root, file), 'utf8').split('\n')[line - 1];
}

describe('feeds: the generated feed root sets every trap, and the reader handles each', function () {
  // Writing and reading 5,000 agreements twice takes seconds on a loaded machine.
  this.timeout(60_000);
  let root: string;
  let truth: FeedTruth;
  let set: FeedSet;
  const at = feedMoment({ asOf: new Date(FEEDS_END).toISOString() });
  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'feeds-generated-'));
    truth = generateFeeds(root, SIZE);
    set = await loadFeedFolder(root);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('writes the same bytes for the same seed, in 24 months plus the backfill of each feed', async () => {
    const again = mkdtempSync(join(tmpdir(), 'feeds-generated-again-'));
    try {
      generateFeeds(again, SIZE);
      const files = await listFeedFiles(root);
      assert.deepEqual(await listFeedFiles(again), files);
      assert.equal(files.length, 8 * 25);
      const digest = (dir: string) =>
        createHash('sha256')
          .update(files.map((f) => readFileSync(join(dir, f))).join('\0'))
          .digest('hex');
      assert.equal(digest(again), digest(root));
    } finally {
      rmSync(again, { recursive: true, force: true });
    }
  });

  it('has examples of every trap', () => {
    for (const [trap, accounts] of Object.entries(truth.examples))
      assert.ok(accounts.length > 0, trap);
    for (const [trap, ids] of Object.entries(truth.agreementIds)) assert.ok(ids.length > 0, trap);
    assert.ok(
      truth.badRows.length > 0 || SIZE.agreements * 1.4 * 0.000005 < 1,
      'bad rows at their rate',
    );
  });

  it('finds accounts whose numbers lost their leading zeros', () => {
    for (const account of truth.examples.zerosLost) {
      const e = feedEntitlement(set, account, at);
      assert.equal(e.accountIds.length, 1, account);
      const written = lineOf(root, e.evidence[0].file, e.evidence[0].line);
      assert.ok(
        written.includes(`,${String(Number(account))},`) && !written.includes(account),
        written,
      );
    }
  });

  it('reports every bad row at its place, and finds header-only months', () => {
    const places = new Set(set.problems.map((p) => `${p.file}:${p.line}`));
    for (const bad of truth.badRows)
      assert.ok(places.has(`${bad.file}:${bad.line}`), `${bad.file}:${bad.line}`);
    assert.equal(set.problems.length, truth.badRows.length);
    const headerOnly = set.files.filter((f) => f.headerOnly).map((f) => f.file);
    assert.deepEqual(headerOnly, truth.headerOnly);
    assert.ok(headerOnly.includes('legacyidmappingfeed_v1/year=2026/month=11/data.csv'));
  });

  it('drops soft-deleted agreements, takes redeliveries and records changed twice at their latest', () => {
    const agreementsOf = (account: string) =>
      feedEntitlement(set, account, at).agreements.map((a) => a.agreementId);
    for (const { account, id } of truth.agreementIds.softDeleted)
      assert.ok(!agreementsOf(account).includes(id), id);
    for (const { id } of truth.agreementIds.redelivered) {
      const froms = set.versions('agreement', id).map((v) => v.validFrom);
      assert.ok(froms.length > new Set(froms).size, `${id} has a version delivered twice`);
    }
    for (const { account, id } of truth.agreementIds.changedTwice) {
      assert.equal(new Set(set.versions('agreement', id).map((v) => v.validFrom)).size, 3, id);
      const cancelled = feedEntitlement(set, account, at).agreements.find(
        (a) => a.agreementId === id,
      );
      assert.equal(cancelled?.status, 'Cancelled');
    }
  });

  it('keeps Concurrent Agreements, backdated BYOL starts, legacy ids and resellers', () => {
    for (const { account, id } of truth.agreementIds.concurrent) {
      const twin = feedEntitlement(set, account, at).products.find((p) =>
        p.agreements.some((a) => a.agreementId === id),
      );
      assert.ok(twin && twin.agreements.filter((a) => a.activeAt).length >= 2, account);
    }
    for (const { account, id } of truth.agreementIds.byolBackdated) {
      const a = feedEntitlement(set, account, at).agreements.find((x) => x.agreementId === id);
      assert.ok(
        a && Date.parse(a.acceptanceTime ?? '') - Date.parse(a.startTime ?? '') >= 30 * 86_400_000,
        id,
      );
    }
    for (const account of [...truth.examples.legacyOffer, ...truth.examples.legacyProduct]) {
      const e = feedEntitlement(set, account, at);
      assert.ok(
        e.agreements.some(
          (a) =>
            a.productCode !== undefined &&
            a.evidence.some((p) => p.file.startsWith('legacyidmappingfeed_v1/')),
        ),
        account,
      );
    }
    for (const account of truth.examples.reseller)
      assert.ok(
        feedEntitlement(set, account, at).agreements.some(
          (a) => a.reseller && a.visibility === 'private',
        ),
        account,
      );
    for (const account of truth.examples.noAgreement)
      assert.equal(feedEntitlement(set, account, at).verdict, 'unlisted');
    for (const account of truth.examples.emptyCompany)
      assert.ok(feedEntitlement(set, account, at).company, account);
  });
});
