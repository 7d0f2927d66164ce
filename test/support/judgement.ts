// A Judgement of the reports alone, as the extension's Judge builds one, for tests of what the views make of it.
import { DEFAULT_POLICY, type EligibilityPolicy } from '../../src/core/domain';
import { Judgement, ReportsEvidence } from '../../src/core/judging';
import type { SubscriptionStore } from '../../src/core/reports';

/** `store` (read from `files` files, 1 by default) judged on the fixed day `day` under `policy` (the defaults). */
export function reportsJudgement(
  store: SubscriptionStore,
  day: string,
  policy: EligibilityPolicy = DEFAULT_POLICY,
  files = 1,
): Judgement {
  return new Judgement(
    { day, fixed: true, policy },
    { reports: new ReportsEvidence(store, files) },
  );
}
