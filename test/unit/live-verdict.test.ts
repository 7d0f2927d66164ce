// Issue 9, section 1: how live agreements change the reports' verdict (src/core/live-verdict.ts), pure.
import { strict as assert } from 'node:assert';
import { combineVerdicts, liveVerdictOf, type LiveAgreement, type LiveEvidence } from '../../src/core/live-verdict';
import type { AccountVerdict, Verdict } from '../../src/core/domain';

const ASOF = '2026-11-22';

function agreement(fields: Partial<LiveAgreement>): LiveAgreement {
  return { agreementId: 'agmt-1', status: 'ACTIVE', productId: 'prod-a', offerId: null, startTime: '2026-11-21T09:00:00.000Z', endTime: null, ...fields };
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
    profile: null,
  };
}

function report(verdict: Verdict): AccountVerdict {
  return { account: '111122223333', verdict, subscriptions: [], contacts: [], rejectedRows: [] };
}

describe('live agreements beside the reports', () => {
  it('makes an unlisted account, or one only an older report lists, eligible, naming the agreement and its start', () => {
    for (const before of ['unlisted', 'not-in-latest-report'] as const) {
      const combined = combineVerdicts(report(before), live([agreement({})]), 'prod-a', ASOF);
      assert.equal(combined.verdict, 'eligible', before);
      assert.match(combined.reasons[0], /agreement agmt-1 for prod-a is ACTIVE since 2026-11-21/);
    }
    assert.equal(combineVerdicts(null, live([agreement({})]), undefined, ASOF).verdict, 'eligible', 'no reports given');
  });

  it('does not count an agreement that starts after the day judged on, or one for another product', () => {
    assert.equal(liveVerdictOf([agreement({ startTime: '2026-11-23T00:00:00.000Z' })], undefined, ASOF), 'none');
    assert.equal(liveVerdictOf([agreement({})], 'prod-b', ASOF), 'none');
    assert.equal(liveVerdictOf([agreement({ status: 'EXPIRED', endTime: '2026-11-30T00:00:00.000Z' })], undefined, ASOF), 'none');
    assert.equal(combineVerdicts(report('unlisted'), live([agreement({})]), 'prod-b', ASOF).verdict, 'unlisted');
  });

  it('keeps the verdict of a listed account whose agreements all ended, naming the day the last one ended', () => {
    const ended = [
      agreement({ agreementId: 'agmt-old', status: 'EXPIRED', endTime: '2026-10-31T00:00:00.000Z' }),
      agreement({ agreementId: 'agmt-older', status: 'CANCELLED', endTime: '2025-01-01T00:00:00.000Z' }),
    ];
    const combined = combineVerdicts(report('lapsed'), live(ended), undefined, ASOF);
    assert.equal(combined.verdict, 'lapsed');
    assert.match(combined.reasons[0], /the last one \(agmt-old, EXPIRED\) ended on 2026-10-31/);
  });

  it("keeps the reports' verdict when the search failed, saying so", () => {
    const combined = combineVerdicts(report('eligible'), live([], { kind: 'network', message: 'no answer' }), undefined, ASOF);
    assert.equal(combined.verdict, 'eligible');
    assert.match(combined.reasons[0], /could not be searched \(no answer\); the verdict is the reports' alone/);
  });
});
