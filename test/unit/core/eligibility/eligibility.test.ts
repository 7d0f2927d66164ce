import * as assert from 'node:assert/strict';
import {
  isGoodFaithRule,
  judgeAccount,
  judgeSubscription,
  reportFreshness,
  today,
} from '../../../../src/core/eligibility/eligibility';
import { loadReports } from '../../../../src/core/reports/load-reports';
import type { SubscriptionStore } from '../../../../src/core/reports/store';

const BASIC = 'test/fixtures/reports/basic';
const UBUNTU_22 = 'prod-5qwz3vsg4kbfw';
const ELASTICBOX = 'prod-eb7mxr2l9tqzs';

describe('eligibility', () => {
  let store: SubscriptionStore;
  before(async () => {
    ({ store } = await loadReports([BASIC]));
  });

  const verdictOf = (account: string, asOf = '2026-11-22') =>
    judgeAccount(store, account, asOf).verdict;

  it('gives every verdict on the basic fixture', () => {
    assert.equal(verdictOf('111122223333'), 'eligible');
    assert.equal(verdictOf('444455556666'), 'lapsed');
    assert.equal(verdictOf('777788889999'), 'not-in-latest-report');
    assert.equal(verdictOf('999988887777'), 'unlisted');
    assert.equal(verdictOf('123456789012'), 'eligible'); // daily-subscriber: listed is enough
    assert.equal(verdictOf('000011112222'), 'eligible'); // padded from 11112222
    assert.equal(verdictOf('314159265358'), 'not-in-latest-report'); // only in the older seed report
  });

  it('counts the last-usage window inclusively', () => {
    assert.equal(
      judgeSubscription(store, '135791357913', UBUNTU_22, '2026-11-22').verdict,
      'eligible',
    ); // 30 days
    assert.equal(
      judgeSubscription(store, '246802468024', UBUNTU_22, '2026-11-22').verdict,
      'lapsed',
    ); // 31 days
    assert.equal(
      judgeSubscription(store, '246802468024', UBUNTU_22, '2026-11-22', {
        lastUsageDays: 31,
        goodFaithDays: 3,
      }).verdict,
      'eligible',
    );
    assert.equal(
      judgeSubscription(store, '111122223333', UBUNTU_22, '2026-12-20').verdict,
      'eligible',
    );
    assert.equal(
      judgeSubscription(store, '111122223333', UBUNTU_22, '2026-12-21').verdict,
      'lapsed',
    );
  });

  it('takes the best verdict of an account and lists it first', () => {
    const verdict = judgeAccount(store, '210987654321', '2026-11-22');
    assert.equal(verdict.verdict, 'eligible');
    assert.deepEqual(
      verdict.subscriptions.map((s) => [s.productId, s.verdict]),
      [
        [ELASTICBOX, 'eligible'],
        [UBUNTU_22, 'lapsed'],
      ],
    );
  });

  it('names the evidence in its reasons: file, line, report date, last usage', () => {
    const s = judgeSubscription(store, '444455556666', UBUNTU_22, '2026-11-22');
    assert.match(
      s.reasons[0],
      /customer_subscriber_report_2026-11-22\.csv:3 \(report 2026-11-22\), last usage 2026-09-01, 82 days before 2026-11-22: outside the 30-day/,
    );
    assert.deepEqual(s.evidence[0], {
      file: `${BASIC}/customer_subscriber_report_2026-11-22.csv`,
      line: 3,
      reportDate: '2026-11-22',
    });
    assert.equal(s.productCode, '8a2kq9xw3vbn7m4c1zt6ry5pd');
    assert.equal(s.lastUsage, '2026-09-01');
    const old = judgeSubscription(store, '777788889999', UBUNTU_22, '2026-11-22');
    assert.match(
      old.reasons.join(' '),
      /customer_subscriber_report_2026-11-21\.csv:3 \(report 2026-11-21\), last usage 2026-11-15.*newest report .*dated 2026-11-22/,
    );
  });

  it('tells that an unlisted account may be a new subscriber inside the reporting lag', () => {
    const verdict = judgeAccount(store, '999988887777', '2026-11-23');
    assert.equal(verdict.subscriptions.length, 3); // judged against every known product
    for (const s of verdict.subscriptions) {
      assert.equal(s.verdict, 'unlisted');
      assert.match(s.reasons.join(' '), /good faith/);
    }
    assert.match(
      verdict.goodFaith ?? '',
      /^New subscribers .* if the customer subscribed after 2026-11-22, support them in good faith/,
    );
    assert.equal(judgeAccount(store, '111122223333', '2026-11-23').goodFaith, undefined);
    const late = judgeSubscription(store, '999988887777', UBUNTU_22, '2026-12-10');
    assert.match(late.reasons.join(' '), /beyond the 3-day reporting lag.*load newer reports/);
    assert.match(
      judgeSubscription(store, '111122223333', 'prod-unknown', '2026-11-22').reasons[0],
      /No loaded report mentions product prod-unknown/,
    );
  });

  it("says the good-faith rule once for an account, naming no day when the products' newest reports differ", async () => {
    const { store: samples } = await loadReports(['samples/reports']);
    const verdict = judgeAccount(samples, '999988887777', '2026-11-22');
    const days = new Set(
      verdict.subscriptions.map((s) => s.reasons[0].match(/dated (\S+)\)\.$/)?.[1]),
    );
    assert.deepEqual([...days].sort(), ['2026-11-21', '2026-11-22']);
    assert.match(
      verdict.goodFaith ?? '',
      /subscribed after the newest report for the product \(each product names its date\), support them in good faith/,
    );
    for (const s of verdict.subscriptions)
      assert.equal(s.reasons.filter(isGoodFaithRule).length, 1, s.productId);
  });

  it('measures report freshness against the as-of day', () => {
    assert.deepEqual(reportFreshness(store, '2026-11-23'), {
      latestReportDate: '2026-11-22',
      daysBehind: 1,
      stale: false,
      message: 'latest report 2026-11-22, 1 day old',
    });
    const stale = reportFreshness(store, '2026-11-26');
    assert.equal(stale.stale, true);
    assert.match(stale.message, /4 days old: older than the 3-day reporting lag/);
    assert.equal(reportFreshness(store, '2026-11-25').stale, false);
  });

  it('refuses an as-of that is not a YYYY-MM-DD day, and today() is one', () => {
    assert.throws(() => judgeAccount(store, '111122223333', '2026-02-30'), /YYYY-MM-DD/);
    assert.throws(() => reportFreshness(store, '22/11/2026'), /YYYY-MM-DD/);
    assert.match(today(), /^\d{4}-\d{2}-\d{2}$/);
  });
});
