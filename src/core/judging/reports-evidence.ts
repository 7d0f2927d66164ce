// The subscriber reports as a source of evidence for a Judgement: the subscription store, judged by core/eligibility.
import type { AccountVerdict, SubscriptionVerdict } from '../domain';
import { judgeAccount, judgeSubscription, reportFreshness, type Freshness } from '../eligibility';
import type { SubscriptionStore } from '../reports';
import type { EvidenceSource, JudgingOn, Origin } from './evidence-source';

/**
 * The reports held: `store` (every kept row of every file) and `files`, the number of files read (0 when every
 * configured path pointed nowhere). Verdicts as judgeAccount, judgeSubscription and reportFreshness give them; the
 * origin names the file count and the newest report date.
 */
export class ReportsEvidence implements EvidenceSource<'reports'> {
  readonly kind = 'reports';
  readonly origin: Origin;

  constructor(
    readonly store: SubscriptionStore,
    readonly files: number,
  ) {
    this.origin = {
      source: 'reports',
      from: `${files} report file${files === 1 ? '' : 's'}`,
      newest: store.latestReportDate(),
    };
  }

  account(account: string, on: JudgingOn): AccountVerdict {
    return judgeAccount(this.store, account, on.day, on.policy);
  }

  subscription(account: string, productId: string, on: JudgingOn): SubscriptionVerdict {
    return judgeSubscription(this.store, account, productId, on.day, on.policy);
  }

  freshness(on: JudgingOn): Freshness {
    return reportFreshness(this.store, on.day, on.policy);
  }
}
