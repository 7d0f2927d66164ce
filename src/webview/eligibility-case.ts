// What Start case hands the eligibility case form from the answer on screen: the account, instance and
// product code, and the evidence (the live verdict when it leads, the reports', the newest confirmation).
import type { CheckAnswer } from '../shared/panel-protocol';
import { VERDICT_LOOK } from './check-look';
import { liveFor } from './live-search';
import type { PanelView } from './panel-view';

/**
 * The case values of `answer`, keyed by the eligibility template's field ids (account, instanceId,
 * productCode, evidence, liveAgreement, identityDocument); a value the answer lacks is left out.
 */
export function caseValues(v: PanelView, answer: CheckAnswer): Record<string, string> {
  const r = answer.check;
  const product = r.subscriptions.find((s) => s.productCode);
  const live = liveFor(answer);
  return {
    account: r.account,
    ...(v.ui.check.instanceId ? { instanceId: v.ui.check.instanceId.trim() } : {}),
    ...(product?.productCode ? { productCode: product.productCode } : {}),
    evidence: [
      ...(live?.live.verdict === 'active'
        ? [
            `Verdict with live agreements: ${VERDICT_LOOK[live.verdict].words.toUpperCase()}. ${live.reasons.join(' ')}`,
            '',
          ]
        : []),
      r.evidenceText,
      // The account's newest confirmation in the audit log, whoever asked for it and when.
      ...(r.recorded.confirmation ? [r.recorded.confirmation] : []),
    ].join('\n'),
    ...(r.recorded.live ? { liveAgreement: r.recorded.live } : {}),
    ...(r.recorded.identity ? { identityDocument: r.recorded.identity } : {}),
  };
}
