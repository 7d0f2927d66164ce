// Every command defined once (name, summary, usage, options with what each does, exit codes): the
// command list of `support-desk help`, `support-desk COMMAND --help`, the usage after a mistake and the
// reading of the options all come from the definition, so they cannot disagree.
import { parseArgs } from 'node:util';
import { closestMatch } from '../core/text';
import { splitAccountWords } from '../core/ids';
import { TEAM_PLAYBOOK_PATH } from '../core/playbook';
import { shellQuote } from '../core/text';
import { EXIT, UsageError, type CliIo } from './usage';

/** One option: how node:util parseArgs reads it, and its line in --help. */
export interface OptionDefinition {
  readonly type: 'string' | 'boolean';
  /** Given more than once (or, for --reports, followed by more paths): an array. */
  readonly multiple?: boolean;
  readonly short?: string;
  /** The value's placeholder in --help, e.g. PATH; string options only. */
  readonly value?: string;
  /** What it does and its default; a line break starts another line of help. */
  readonly help: string;
}

/** A command's options by long name (without the dashes). */
export type OptionDefinitions = Readonly<Record<string, OptionDefinition>>;

/** What parseArgs gives for these options: `values` typed by them, and the positionals. */
export type ParsedArgs<O extends OptionDefinitions> = ReturnType<
  typeof parseArgs<{ args: string[]; options: O; allowPositionals: true; strict: true }>
>;

/**
 * The options several commands share, defined once: spread the ones a command takes into its
 * `options`, or override `help` where the command uses the option its own way.
 */
export const SHARED_OPTIONS = {
  json: {
    type: 'boolean',
    help: 'print JSON instead of text (docs/json-output.md gives every key)',
  },
  profile: {
    type: 'string',
    value: 'NAME',
    help: "AWS profile of the seller account (default: the SDK's default chain)",
  },
  region: {
    type: 'string',
    value: 'R|auto',
    help: "the instance's region; \"auto\" searches the account's enabled regions\n(default: AWS_REGION, else AWS_DEFAULT_REGION, else the profile's region)",
  },
  'endpoint-url': {
    type: 'string',
    value: 'URL',
    help: 'send EC2 calls here instead of AWS (for tests and VPC endpoints)',
  },
  // The default is resolveAuditPath's, in its order (test/unit/core/audit/audit.test.ts holds them together).
  audit: {
    type: 'string',
    value: 'PATH',
    help: 'audit log (default: $SUPPORT_DESK_AUDIT, else %LOCALAPPDATA%\\support-desk\\audit.jsonl on Windows,\nelse $XDG_STATE_HOME/support-desk/audit.jsonl, else ~/.support-desk/audit.jsonl)',
  },
  reports: {
    type: 'string',
    multiple: true,
    value: 'PATH...',
    help: 'subscription reports: files, or folders standing for every .csv and .csv.gz in them;\ns3://BUCKET/PREFIX/ and s3://BUCKET/KEY.csv are read from S3 (as --profile, in --region)',
  },
  'as-of': {
    type: 'string',
    value: 'YYYY-MM-DD',
    help: 'the day to judge on, in UTC (default: today); live agreements are judged at its end',
  },
  playbook: {
    type: 'string',
    value: 'PATH',
    help: `team playbook (default: ${TEAM_PLAYBOOK_PATH})`,
  },
} as const satisfies OptionDefinitions;

/** Every command takes it; the definition's own options need not say so. */
const HELP_OPTION = {
  help: { type: 'boolean', short: 'h', help: 'this help' },
} as const satisfies OptionDefinitions;

/** A command of `support-desk`, defined once. */
export interface CommandDefinition<O extends OptionDefinitions = OptionDefinitions> {
  /** What the engineer types after `support-desk`. */
  readonly name: string;
  /** One line for the command list: what it does, in the engineer's words. */
  readonly summary: string;
  /** Its synopses, each after "support-desk "; a line break continues a long one. */
  readonly usage: readonly string[];
  /** What it does, for its --help: the text between the usage and the options. */
  readonly description: string;
  readonly options: O;
  /** Its exit codes, for its --help ("0 ...; 1 ...; 2 ..."). */
  readonly exitCodes: string;
  /** Runs with the options read; a mistake is a UsageError (exit 2), said by main. */
  run(args: ParsedArgs<O>, io: CliIo): Promise<number>;
}

/** Types a definition's `run` by its options; the definition itself is returned unchanged. */
export function defineCommand<const O extends OptionDefinitions>(
  definition: CommandDefinition<O>,
): CommandDefinition<O> {
  return definition;
}

/** Reads `argv` by the definition, then prints its help (for --help) or runs it; the exit code. */
export async function runCommand(
  command: CommandDefinition,
  argv: string[],
  io: CliIo,
): Promise<number> {
  const options = { ...command.options, ...HELP_OPTION };
  const args = parseCommandArgs(argv, options);
  if (args.values.help === true) {
    (io.own ?? io).out(commandHelp(command));
    return EXIT.ok;
  }
  return command.run(args, io);
}

/** `support-desk COMMAND --help`: usage, what it does, every option with what it does, exit codes. */
export function commandHelp(command: CommandDefinition): string {
  const options = Object.entries<OptionDefinition>({ ...command.options, ...HELP_OPTION }).map(
    ([name, o]) => {
      const label = `${o.short ? `-${o.short}, ` : ''}--${name}${o.value ? ` ${o.value}` : ''}`;
      return { label, lines: o.help.split('\n') };
    },
  );
  const width = Math.max(...options.map((o) => o.label.length)) + 2;
  const optionLines = options.flatMap(({ label, lines }) =>
    lines.map((line, i) => `  ${(i === 0 ? label : '').padEnd(width)}${line}`),
  );
  return [
    synopsis(command),
    '',
    command.description,
    '',
    'Options:',
    ...optionLines,
    `Exit codes: ${command.exitCodes}`,
  ].join('\n');
}

/**
 * A command line to suggest, ready to paste: `support-desk NAME`, then `words` (see optionWords), each
 * quoted where a POSIX shell would otherwise change it (shellQuote).
 */
export function commandLine(name: string, words: readonly string[]): string {
  return ['support-desk', name, ...words].map(shellQuote).join(' ');
}

/**
 * Options as parseArgs read them, as words of a command line again: `--flag`, `--name VALUE` (once per
 * value of a repeated option), `--name=VALUE` when the value starts with a dash.
 */
export function optionWords(
  values: Readonly<Record<string, string | boolean | (string | boolean)[] | undefined>>,
): string[] {
  return Object.entries(values).flatMap(([name, value]) =>
    [value ?? []]
      .flat()
      .flatMap((v) =>
        v === true
          ? [`--${name}`]
          : v === false
            ? []
            : v.startsWith('-')
              ? [`--${name}=${v}`]
              : [`--${name}`, v],
      ),
  );
}

/**
 * The mistake of an account number typed unquoted ("1111 2222 3333"), which the shell split at its
 * spaces: `words` are the account's first group and every word after it. Undefined when they are no
 * split account; else a UsageError showing `command` again, its words from `suggest` (given the
 * account as one word and the words after it), each quoted as a shell needs.
 */
export function splitAccountMistake(
  command: string,
  words: readonly string[],
  suggest: (account: string, after: string[]) => string[],
): UsageError | undefined {
  const split = splitAccountWords(words);
  if (split === 0) return undefined;
  const account = words.slice(0, split).join(' ');
  return new UsageError(
    `"${account}" is one account number, split at its spaces by the shell: quote it, e.g. ${commandLine(command, suggest(account, words.slice(split)))}`,
  );
}

/**
 * splitAccountMistake for an `--account A` option: `values` as parsed, `extra` the positionals the
 * rest of the number fell among, `before` the command's words ahead of them (`render TEMPLATE`).
 */
export function splitAccountOptionMistake(
  command: string,
  values: Readonly<Record<string, string | boolean | (string | boolean)[] | undefined>>,
  extra: readonly string[],
  before: string[] = [],
): UsageError | undefined {
  const typed = values.account;
  if (typeof typed !== 'string') return undefined;
  return splitAccountMistake(command, [typed, ...extra], (account, after) => [
    ...before,
    ...after,
    ...optionWords({ ...values, account }),
  ]);
}

/** The usage lines and where to read more: what follows a mistake in the options. */
export function commandUsage(command: CommandDefinition): string {
  return `${synopsis(command)}\nRun 'support-desk help ${command.name}' for what each option does.`;
}

/** "Usage: support-desk ..." with each synopsis on its line, a long one's continuations indented. */
function synopsis(command: CommandDefinition): string {
  return command.usage
    .map(
      (u, i) =>
        `${i === 0 ? 'Usage: ' : '       '}support-desk ${u.split('\n').join('\n         ')}`,
    )
    .join('\n');
}

/**
 * node:util parseArgs, strict; a mistake becomes an OptionError that says what is wrong and, for a typo,
 * "did you mean" (node's own message speaks of its parser, not of this command).
 */
function parseCommandArgs<O extends OptionDefinitions>(argv: string[], options: O): ParsedArgs<O> {
  try {
    return parseArgs({
      args: argv,
      options: parserOptions(options),
      allowPositionals: true,
      strict: true,
    }) as ParsedArgs<O>;
  } catch {
    throw usageMistake(optionMistake(argv, options));
  }
}

/** The definitions as parseArgs takes them: without the help text. */
function parserOptions(options: OptionDefinitions) {
  return Object.fromEntries(
    Object.entries(options).map(([name, { type, multiple, short }]) => [
      name,
      { type, ...(multiple ? { multiple } : {}), ...(short ? { short } : {}) },
    ]),
  );
}

/** What is wrong with the options, found by reading them again without strictness. */
function optionMistake(argv: string[], options: OptionDefinitions): string {
  const { tokens } = parseArgs({
    args: argv,
    options: parserOptions(options),
    allowPositionals: true,
    strict: false,
    tokens: true,
  });
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const option = options[token.name] as OptionDefinition | undefined;
    if (option === undefined) {
      const suggestion = token.rawName.startsWith('--')
        ? closestMatch(token.name, Object.keys(options))
        : undefined;
      return `unknown option ${token.rawName}${suggestion ? `; did you mean --${suggestion}?` : ''}`;
    }
    if (option.type === 'boolean' && token.inlineValue)
      return `${token.rawName} takes no value: drop "=${token.value}"`;
    if (option.type !== 'string') continue;
    if (token.value === undefined) return `${token.rawName} needs a value: ${token.rawName} VALUE`;
    if (!token.inlineValue && token.value.length > 1 && token.value.startsWith('-')) {
      return `${token.rawName} needs a value, and "${token.value}" looks like another option: give the value, or write ${shellQuote(`--${token.name}=${token.value}`)} if it really starts with a dash`;
    }
  }
  return `cannot read the options "${argv.join(' ')}"`;
}

/** A usage error that the command's usage lines follow: an option mistake, a missing argument, an unknown action. */
export function usageMistake(message: string): UsageError {
  return new UsageError(message, { withUsage: true });
}
