// Check live agreements, as the panel and Find Account run it: AWS Marketplace SearchAgreements for
// one account with the engineer's profile (us-east-1), combined with the loaded reports' verdict like
// `lookup --live`, and recorded in the audit log whether it succeeded or not.
import * as vscode from 'vscode';
import { agreementAuditEntry } from '../../core/audit';
import { judgingMoment } from '../../core/dates';
import type { Verdict } from '../../core/domain';
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
 * Throws a RangeError with what to do in Restricted Mode (no AWS call there) or when the AWS layer is
 * not available; an AWS failure is not thrown: it is the live verdict `error`, recorded like any other.
 */
export async function checkLiveAgreements(ctx: SupportDeskContext, account: string, productId?: string): Promise<LiveCheck> {
  if (!vscode.workspace.isTrusted)
    throw new RangeError('Restricted Mode: Support Desk makes no AWS call in an untrusted workspace. Trust the workspace to search live agreements.');
  const aws = await ctx.aws.layer();
  if (!aws) throw new RangeError('The AWS layer is not available.');
  const judgement = ctx.judge.current;
  const moment = judgingMoment(judgement.on.fixed ? judgement.on.day : undefined);
  const live = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: `Support Desk: searching the live agreements of ${account} (us-east-1)` },
    () => aws.searchAgreements({ account, productId, at: moment.at }, { profile: ctx.aws.settings().profile }),
  );
  const report = (judgement.sources.reports?.files ?? 0) > 0 ? (judgement.account(account).reports?.answer ?? null) : null;
  const combined = combineVerdicts(report, live, productId);
  ctx.log.info(`live agreements of ${account}: ${live.verdict} (${live.requestIds.join(', ') || 'no request id'}); verdict ${combined.verdict}`);
  const auditProblem = await ctx.audit.append(agreementAuditEntry(live, { account, productId }));
  return { verdict: combined.verdict, reasons: combined.reasons, live, ...(auditProblem ? { auditProblem } : {}) };
}
