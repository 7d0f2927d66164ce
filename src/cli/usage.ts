// Shared plumbing for CLI commands: the exit codes, options read with mistakes said in the
// engineer's words (a usage error is exit code 2), and an audit log that cannot hide an answer.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { AuditLog, AuditWriteError } from '../core/audit';
import type { ConfirmationResult } from '../core/confirmation';
import { closestMatch } from '../core/did-you-mean';

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

export class UsageError extends Error {}

/** A mistake in the options themselves (unknown, or missing a value): main follows it with the command's usage. */
export class OptionError extends UsageError {}

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

export type Command = (argv: string[], io: CliIo) => Promise<number>;

type Options = NonNullable<ParseArgsConfig['options']>;

/** node:util parseArgs; a mistake becomes an OptionError that says what is wrong and, for a typo, "did you mean". */
export function parseCommandArgs<T extends Options>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch {
    // Node's own message speaks of its parser ("place it at the end of the command after '--'"), not of this command.
    throw new OptionError(optionMistake(argv, options));
  }
}

/** What is wrong with the options, found by reading them again without strictness. */
function optionMistake(argv: string[], options: Options): string {
  const { tokens } = parseArgs({ args: argv, options, allowPositionals: true, strict: false, tokens: true });
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const option = options[token.name] as Options[string] | undefined;
    if (option === undefined) {
      const suggestion = token.rawName.startsWith('--') ? closestMatch(token.name, Object.keys(options)) : undefined;
      return `unknown option ${token.rawName}${suggestion ? `; did you mean --${suggestion}?` : ''}`;
    }
    if (option.type === 'boolean' && token.inlineValue) return `${token.rawName} takes no value: drop "=${token.value}"`;
    if (option.type !== 'string') continue;
    if (token.value === undefined) return `${token.rawName} needs a value: ${token.rawName} VALUE`;
    if (!token.inlineValue && token.value.length > 1 && token.value.startsWith('-')) {
      return `${token.rawName} needs a value, and "${token.value}" looks like another option: give the value, or write --${token.name}=${token.value} if it really starts with a dash`;
    }
  }
  return `cannot read the options "${argv.join(' ')}"`;
}

/**
 * The audit log as a command with answers to print uses it: a write that fails is remembered, not
 * thrown, so every answer is still printed (and a batch goes on). `exitCode` then says what failed.
 */
export class AuditRecorder {
  private readonly log: AuditLog;
  private failure?: AuditWriteError;
  private unrecorded = 0;

  constructor(path: string) {
    this.log = new AuditLog(path);
  }

  async append(result: ConfirmationResult): Promise<void> {
    try {
      await this.log.append(result);
    } catch (error) {
      if (!(error instanceof AuditWriteError)) throw error;
      this.failure ??= error;
      this.unrecorded++;
    }
  }

  /**
   * `code`, the exit code the answers earned, when every write succeeded. Otherwise it says on stderr
   * "the audit write failed: PATH: REASON" and what to do, and returns 3 (EXIT.unrecorded); a usage
   * error (2, nothing was asked) stays 2.
   */
  exitCode(code: number, io: CliIo): number {
    if (!this.failure) return code;
    const { path, reason } = this.failure;
    const lost = this.unrecorded === 1 ? 'one answer is' : `${this.unrecorded} answers are`;
    io.err(`the audit write failed: ${path}: ${reason}. The answer stands, but ${lost} not in the audit log: ` +
      'point --audit (or SUPPORT_DESK_AUDIT) at a file you can write, then confirm again to record it.');
    return code === EXIT.usage ? code : EXIT.unrecorded;
  }
}
