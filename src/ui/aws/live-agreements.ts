// Check live agreements, as the panel and Find Account run it: AWS Marketplace SearchAgreements for
// one account with the engineer's profile (us-east-1), combined with the loaded reports' verdict like
// `lookup --live`, and recorded in the audit log whether it succeeded or not.
import * as vscode from 'vscode';
import { agreementAuditEntry } from '../../core/audit';
import { judgingMoment } from '../../core/dates';
import type { AccountVerdict, Verdict } from '../../core/domain';
import { combineVerdicts, type LiveEvidence } from '../../core/agreements';
import type { SupportDeskContext } from '../context';

/** The answer: the verdict with both sources heard and why, the live evidence, and a failed audit write if any. */
export interface LiveCheck {
  verdict: Verdict;
  reasons: string[];
  live: LiveEvidence;
  /** "the audit write failed: PATH: REASON" when the search could not be recorded. */
  auditProblem?: string;
}

/**
 * Searches `account`'s live agreements (for `productId`, else any product) and records the search.
 * Throws RestrictedModeError (words for the engineer, no AWS call) in Restricted Mode; an AWS failure
 * is not thrown: it is the live verdict `error`, recorded like any other.
 */
export async function checkLiveAgreements(
  ctx: SupportDeskContext,
  account: string,
  productId?: string,
): Promise<LiveCheck> {
  const aws = await ctx.aws.layer();
  const judgement = ctx.judge.current;
  const moment = judgingMoment(judgement.on.fixed ? judgement.on.day : undefined);
  const live = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Window,
      title: `Support Desk: searching the live agreements of ${account} (us-east-1)`,
    },
    () =>
      aws.searchAgreements(
        { account, productId, at: moment.at },
        { profile: ctx.aws.settings().profile },
      ),
  );
  const combined = combineVerdicts(reportsVerdict(ctx, account), live, productId);
  ctx.log.info(
    `live agreements of ${account}: ${live.verdict} (${live.requestIds.join(', ') || 'no request id'}); verdict ${combined.verdict}`,
  );
  const auditProblem = await ctx.audit.append(agreementAuditEntry(live, { account, productId }));
  return {
    verdict: combined.verdict,
    reasons: combined.reasons,
    live,
    ...(auditProblem ? { auditProblem } : {}),
  };
}

/**
 * `account`'s verdict from the loaded reports, as the Judge's current judgement has it (its day and the
 * playbook's eligibility window); null when no report is loaded. No AWS call: Restricted Mode offers it.
 */
export function reportsVerdict(ctx: SupportDeskContext, account: string): AccountVerdict | null {
  const judgement = ctx.judge.current;
  return (judgement.sources.reports?.files ?? 0) > 0
    ? (judgement.account(account).reports?.answer ?? null)
    : null;
}
