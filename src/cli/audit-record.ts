// Recording a command's evidence in the audit log: a write that fails never hides the answer; it is
// said after it, and the command exits 3 (EXIT.unrecorded).
import { AuditLog, AuditWriteError, type AuditEntry } from '../core/audit';
import { EXIT, type CliIo } from './usage';

/** Appends `entry` to the audit log at `path`; returns the write's failure (to be said after the answer), never throws it. */
export async function recordInAuditLog(entry: AuditEntry, path: string): Promise<AuditWriteError | undefined> {
  try {
    await new AuditLog(path).appendEntry(entry);
    return undefined;
  } catch (error) {
    if (error instanceof AuditWriteError) return error;
    throw error;
  }
}

/**
 * `code`, or 3 (EXIT.unrecorded) with the reason on `io.err` when the evidence could not be recorded.
 * `what` names the evidence and how to record it again ("the search", "search again").
 */
export function exitRecorded(code: number, unrecorded: AuditWriteError | undefined, io: CliIo, what: { evidence: string; again: string }): number {
  if (!unrecorded) return code;
  io.err(
    `the audit write failed: ${unrecorded.path}: ${unrecorded.reason}. The answer stands, but ${what.evidence} is not in the audit log: ` +
      `point --audit (or SUPPORT_DESK_AUDIT) at a file you can write, then ${what.again} to record it.`,
  );
  return EXIT.unrecorded;
}
