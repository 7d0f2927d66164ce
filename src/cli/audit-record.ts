// What a command says after its answers when their evidence could not be recorded (AuditLog.tryAppend): the first
// failure and what to do, and exit 3 (EXIT.unrecorded). A write that fails never hides the answer.
import { EXIT, type CliIo } from './usage';

/**
 * `code`, the exit code the answers earned, when every write succeeded (`problems` holds no string). Otherwise it
 * says the first "the audit write failed: PATH: REASON" on `io.err` with what to do, and returns 3 (EXIT.unrecorded);
 * a usage error (2, nothing was asked) stays 2. `what.evidence(n)` names the n unrecorded pieces with their verb
 * ("the search is", "2 answers are"), `what.again` how to record them again ("search again").
 */
export function exitRecorded(
  code: number,
  problems: readonly (string | undefined)[],
  io: CliIo,
  what: { evidence: (unrecorded: number) => string; again: string },
): number {
  const failed = problems.filter((p) => p !== undefined);
  if (!failed.length) return code;
  io.err(
    `${failed[0]}. The answer stands, but ${what.evidence(failed.length)} not in the audit log: ` +
      `point --audit (or SUPPORT_DESK_AUDIT) at a file you can write, then ${what.again} to record it.`,
  );
  return code === EXIT.usage ? code : EXIT.unrecorded;
}

/** How confirm and confirm-batch name their unrecorded answers. */
export const ANSWERS = {
  evidence: (n: number) => (n === 1 ? 'one answer is' : `${n} answers are`),
  again: 'confirm again',
};
