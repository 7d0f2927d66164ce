// Evidence goes into the audit log the same way from every command and the panel: appended (redacted
// by the log), the Confirmations view (and the Subscriptions tooltips reading it) refreshed. A log that
// cannot be written never hides the answer: the caller gets the problem to show beside it.
import type { AuditEntry } from '../core/audit';
import type { SupportDeskContext } from './context';

/**
 * Appends `entry` to the audit log the settings name, then refreshes its readers (unless `refresh` is
 * false: a caller recording many refreshes once). Resolves to undefined when it was recorded, or to
 * "the audit write failed: PATH: REASON" (also logged) when it was not; never rejects for that.
 */
export async function recordEvidence(ctx: SupportDeskContext, entry: AuditEntry, refresh = true): Promise<string | undefined> {
  try {
    await ctx.confirmations.auditLog.appendEntry(entry);
    if (refresh) ctx.confirmations.refresh();
    return undefined;
  } catch (error) {
    const auditProblem = `the audit write failed: ${error instanceof Error ? error.message : String(error)}`;
    ctx.log.error(auditProblem);
    return auditProblem;
  }
}
