// Confirm an instance, as the Confirm Instance command and the panel ask it: EC2 ConfirmProductInstance
// with the engineer's profile and region settings, the answer logged, noted by the status bar and
// recorded in the audit log. No prompt and no notification: the command adds those, the panel carries
// the answer to its webview; either way the engineer is answered once.
import { auditEntryFor } from '../../core/audit';
import { UserFacingError } from '../../core/user-facing-error';
import {
  describeResult,
  validateConfirmationRequest,
  type ConfirmationRequest,
  type ConfirmationResult,
} from '../../core/confirmations';
import type { SupportDeskContext } from '../context';
import type { AwsLayer } from './aws-session';

/** AWS's answer, and "the audit write failed: PATH: REASON" when it could not be recorded. */
export interface ConfirmedInstance {
  result: ConfirmationResult;
  auditProblem?: string;
}

/**
 * Asks `aws` whether `request.instanceId` carries `request.productCode` (and is owned by the claimed
 * account), in `request.region`, else the setting's, else AWS's order. Throws a UserFacingError saying what
 * is wrong, before any call, when the request is not valid ("... Nothing was sent."); an AWS failure is
 * not thrown: it is the verdict `error`, recorded like any other answer.
 */
export async function confirmInstance(
  ctx: SupportDeskContext,
  aws: AwsLayer,
  request: ConfirmationRequest,
): Promise<ConfirmedInstance> {
  const problems = validateConfirmationRequest(request);
  if (problems.length > 0) throw new UserFacingError(`${problems.join('; ')}. Nothing was sent.`);
  const result = await aws.confirmInstance(request, ctx.aws.settings());
  const auditProblem = await recordConfirmation(ctx, result);
  return auditProblem ? { result, auditProblem } : { result };
}

/**
 * The log line, the status bar's credentials state, then the audit log (the Confirmations view and the
 * panel follow it unless `refresh` is false: a batch refreshes once at its end). Resolves to the audit
 * problem, or undefined when recorded; never rejects for a log that cannot be written.
 */
export function recordConfirmation(
  ctx: SupportDeskContext,
  result: ConfirmationResult,
  refresh = true,
): Promise<string | undefined> {
  ctx.log.info(`confirm ${describeResult(result)}`);
  ctx.aws.noteResult(result);
  return ctx.audit.append(auditEntryFor(result), { refresh });
}
