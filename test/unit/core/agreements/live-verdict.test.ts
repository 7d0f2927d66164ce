// Issue 9, section 1: how live agreements change the reports' verdict (src/core/agreements/live-verdict.ts), pure.
import * as assert from 'node:assert/strict';
import {
  combineVerdicts,
  liveVerdictOf,
  type LiveAgreement,
  type LiveEvidence,
} from '../../../../src/core/agreements/live-verdict';
import type { AccountVerdict, Verdict } from '../../../../src/core/domain';

/** The end of the as-of day 2026-11-22, in UTC (what `--as-of 2026-11-22` judges at). */
const ASOF = '2026-11-22T23:59:59.999Z';

function agreement(fields: Partial<LiveAgreement>): LiveAgreement {
  return {
    agreementId: 'agmt-1',
    status: 'ACTIVE',
    productId: 'prod-a',
    offerId: null,
    startTime: '2026-11-21T09:00:00.000Z',
    endTime: null,
    ...fields,
  };
}

function live(agreements: LiveAgreement[], error?: LiveEvidence['error']): LiveEvidence {
  return {
    source: 'marketplace-agreement',
    verdict: error ? 'error' : liveVerdictOf(agreements, undefined, ASOF),
    agreements,
    ...(error ? { error } : {}),
    region: 'us-east-1',
    endpoint: 'x',
    requestIds: [],
    checkedAt: '',
    judgedAt: ASOF,
    profile: null,
  };
}

function report(verdict: Verdict): AccountVerdict {
  return { account: '111122223333', verdict, subscriptions: [], contacts: [], rejectedRows: [] };
}

describe('live agreements beside the reports', () => {
  it('makes an unlisted account, or one only an older report lists, eligible, naming the agreement and its start', () => {
    for (const before of ['unlisted', 'not-in-latest-report'] as const) {
      const combined = combineVerdicts(report(before), live([agreement({})]), 'prod-a');
      assert.equal(combined.verdict, 'eligible', before);
      assert.match(combined.reasons[0], /agreement agmt-1 for prod-a is ACTIVE since 2026-11-21/);
    }
    assert.equal(
      combineVerdicts(null, live([agreement({})]), undefined).verdict,
      'eligible',
      'no reports given',
    );
  });

  it('does not count an agreement that starts after the day judged on, or one for another product', () => {
    assert.equal(
      liveVerdictOf([agreement({ startTime: '2026-11-23T00:00:00.000Z' })], undefined, ASOF),
      'none',
    );
    assert.equal(liveVerdictOf([agreement({})], 'prod-b', ASOF), 'none');
    assert.equal(
      liveVerdictOf(
        [agreement({ status: 'EXPIRED', endTime: '2026-11-30T00:00:00.000Z' })],
        undefined,
        ASOF,
      ),
      'none',
    );
    assert.equal(
      combineVerdicts(report('unlisted'), live([agreement({})]), 'prod-b').verdict,
      'unlisted',
    );
  });

  it('judges an instant, not a day: an agreement counts from the moment it started, whatever the time zone', () => {
    // A Pacific evening purchase: 17:30 PST on 2026-11-21 is 01:30 UTC on 2026-11-22.
    const evening = [
      agreement({ agreementId: 'agmt-evening', startTime: '2026-11-22T01:30:00.000Z' }),
    ];
    assert.equal(
      liveVerdictOf(evening, 'prod-a', '2026-11-22T02:30:00.000Z'),
      'active',
      'an hour after the purchase',
    );
    assert.equal(
      liveVerdictOf(evening, 'prod-a', '2026-11-22T01:29:59.999Z'),
      'none',
      'a moment before it',
    );
    // Later the same UTC day is not yet: a day comparison would count it.
    assert.equal(
      liveVerdictOf(
        [agreement({ startTime: '2026-11-22T23:00:00.000Z' })],
        undefined,
        '2026-11-22T22:00:00.000Z',
      ),
      'none',
    );
    assert.equal(
      liveVerdictOf([agreement({ startTime: '2026-11-22T23:59:59.000Z' })], undefined, ASOF),
      'active',
      'the end of the as-of day',
    );
    const combined = combineVerdicts(
      report('unlisted'),
      { ...live(evening), judgedAt: '2026-11-22T02:30:00.000Z' },
      'prod-a',
    );
    assert.deepEqual(
      [combined.verdict, combined.reasons[0]],
      [
        'eligible',
        'AWS Marketplace agreement agmt-evening for prod-a is ACTIVE since 2026-11-22 01:30:00 UTC: eligible although the reports do not list the account yet.',
      ],
    );
    assert.match(
      combineVerdicts(
        report('unlisted'),
        { ...live(evening), judgedAt: '2026-11-22T01:00:00.000Z' },
        'prod-a',
      ).reasons[0],
      /was ACTIVE at 2026-11-22 01:00:00 UTC \(1 found, none active and started by then\)/,
    );
  });

  it('keeps the verdict of a listed account whose agreements all ended, naming the day the last one ended', () => {
    const ended = [
      agreement({
        agreementId: 'agmt-old',
        status: 'EXPIRED',
        endTime: '2026-10-31T00:00:00.000Z',
      }),
      agreement({
        agreementId: 'agmt-older',
        status: 'CANCELLED',
        endTime: '2025-01-01T00:00:00.000Z',
      }),
    ];
    const combined = combineVerdicts(report('lapsed'), live(ended), undefined);
    assert.equal(combined.verdict, 'lapsed');
    assert.match(combined.reasons[0], /the last one \(agmt-old, EXPIRED\) ended on 2026-10-31/);
  });

  it("keeps the reports' verdict when the search failed, saying so", () => {
    const combined = combineVerdicts(
      report('eligible'),
      live([], { kind: 'network', message: 'no answer' }),
      undefined,
    );
    assert.equal(combined.verdict, 'eligible');
    assert.match(
      combined.reasons[0],
      /could not be searched \(no answer\); the verdict is the reports' alone/,
    );
  });
});
