// Shared plumbing for CLI commands: the exit codes and usage errors (exit code 2, said in the engineer's
// words). Options are read by ./command-definition.
import { UserFacingError } from '../core/user-facing-error';

/** Exit codes of every command; the README's "Exit codes" says the same. */
export const EXIT = {
  /** It ran; for `confirm`, the instance is confirmed; for `confirm-batch`, every instance has a final answer. */
  ok: 0,
  /** Another verdict, an incomplete case, or answers a re-run may still get. */
  notDone: 1,
  /** A usage error, a path that does not exist, or malformed input: nothing was sent. */
  usage: 2,
  /** Answered, but the evidence was not recorded: the audit log could not be written. */
  unrecorded: 3,
} as const;

/**
 * A mistake in how the command was called (exit 2, nothing sent), in the engineer's words (a
 * UserFacingError: no stack); `withUsage`: main follows it with
 * the command's usage; `ownWords`: the message holds only the CLI's own words (no input), so it is
 * printed unredacted ("--signature FILE" is not a signature).
 */
export class UsageError extends UserFacingError {
  override name = 'UsageError';
  readonly withUsage: boolean;
  readonly ownWords: boolean;

  constructor(message: string, options: { withUsage?: boolean; ownWords?: boolean } = {}) {
    super(message);
    this.withUsage = options.withUsage === true;
    this.ownWords = options.ownWords === true;
  }
}

/** Where a command prints: each call one line (the newline is added); properties, so they can be passed on. */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /**
   * The CLI's own words (help, usage lines), which carry nothing typed or read, printed as they are:
   * redaction would take "--signature FILE" for a signature. Default: `out` and `err`.
   */
  own?: { out: (text: string) => void; err: (text: string) => void };
}
