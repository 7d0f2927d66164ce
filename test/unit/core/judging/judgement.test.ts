// The Judgement: every source held answers apart, typed, with its origin and age; a source not held is absent.
import * as assert from 'node:assert/strict';
import { DEFAULT_POLICY } from '../../../../src/core/domain';
import { judgeAccount, judgeSubscription, reportFreshness } from '../../../../src/core/eligibility';
import { Judgement, ReportsEvidence } from '../../../../src/core/judging';
import { loadReports } from '../../../../src/core/reports';
import { reportsJudgement } from '../../../support/judgement';

describe('Judgement', () => {
  it('hears the reports as judgeAccount, judgeSubscription and reportFreshness judge them, with the origin and newest date', async () => {
    const { store, files } = await loadReports(['test/fixtures/reports/basic']);
    const policy = { lastUsageDays: 10, goodFaithDays: 2 };
    const judgement = reportsJudgement(store, '2026-11-23', policy, files.length);
    const account = store.accounts()[0];
    const product = store.products()[0].productId;
    const heard = judgement.account(account).reports;
    assert.deepEqual(heard?.answer, judgeAccount(store, account, '2026-11-23', policy));
    assert.deepEqual(heard?.origin, {
      source: 'reports',
      from: `${files.length} report files`,
      newest: store.latestReportDate(),
    });
    assert.deepEqual(
      judgement.subscription(account, product).reports?.answer,
      judgeSubscription(store, account, product, '2026-11-23', policy),
    );
    assert.deepEqual(
      judgement.freshness().reports?.answer,
      reportFreshness(store, '2026-11-23', policy),
    );
    assert.deepEqual(Object.keys(judgement.account(account)), ['reports']);
  });

  it('a day or window of its own changes the verdict: the Judgement is the moment, not the store', async () => {
    const { store } = await loadReports(['test/fixtures/reports/basic']);
    const early = reportsJudgement(store, '2026-11-23');
    const late = new Judgement(
      { day: '2027-06-01', fixed: true, policy: DEFAULT_POLICY },
      { reports: new ReportsEvidence(store, 1) },
    );
    assert.equal(early.freshness().reports?.answer.stale, false);
    assert.equal(late.freshness().reports?.answer.stale, true);
    assert.equal(new ReportsEvidence(store, 1).origin.from, '1 report file');
  });

  it('holds no source: every question is answered by none, never with a made-up verdict', () => {
    const none = new Judgement({ day: '2026-11-23', fixed: false, policy: DEFAULT_POLICY }, {});
    assert.deepEqual(none.account('111122223333'), {});
    assert.deepEqual(none.subscription('111122223333', 'prod-a'), {});
    assert.deepEqual(none.freshness(), {});
  });
});
