// `support-desk`: the command line over the same core and AWS layers as the extension.
import { version } from '../package.json';
import { audit } from './cli/audit-command';
import { caseCommand } from './cli/case-command';
import {
  commandLine,
  commandUsage,
  runCommand,
  type CommandDefinition,
} from './cli/command-definition';
import { confirmBatch } from './cli/confirm-batch-command';
import { confirm } from './cli/confirm-command';
import { lookup } from './cli/lookup-command';
import { playbook } from './cli/playbook-command';
import { profiles } from './cli/profiles-command';
import { report } from './cli/report-command';
import { EXIT, UsageError, type CliIo } from './cli/usage';
import { verifyIdentityCommand } from './cli/verify-identity-command';
import { closestMatch } from './core/text';
import { NamedFileError } from './core/files';
import { redact } from './core/redaction';
import { visibleText } from './core/text';
import { UserFacingError } from './core/user-facing-error';

/** Every command, in the order the command list gives them; each file defines its command once (src/cli/*-command.ts). */
const COMMANDS: readonly CommandDefinition[] = [
  report,
  lookup,
  confirm,
  confirmBatch,
  profiles,
  audit,
  playbook,
  caseCommand,
  verifyIdentityCommand,
];

const OVERVIEW = `support-desk ${version}: AWS Marketplace support eligibility from the command line

Usage: support-desk COMMAND [options]

Commands:
${[
  ...COMMANDS.map((c) => [c.name, c.summary]),
  ['help [COMMAND]', 'this list, or what each option of COMMAND does'],
]
  .map(([name, summary]) => `  ${name.padEnd(15)} ${summary}`)
  .join('\n')}

Options: --help (this list), --version.
Exit codes: 0 it ran (confirm: the instance is confirmed); 1 another verdict, an incomplete case, or answers
a re-run may still get; 2 usage error, missing path or malformed input (nothing sent); 3 answered, but the
audit log could not be written (the answer is printed, the evidence is not recorded).`;

/** Runs one command line; returns the exit code (EXIT). Usage errors are said on `io.err`, never thrown. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  const own = io.own ?? io;
  if (name === undefined) {
    own.err(OVERVIEW);
    return EXIT.usage;
  }
  if (name === '--help' || name === '-h') {
    own.out(OVERVIEW);
    return EXIT.ok;
  }
  if (name === '--version') {
    io.out(`support-desk ${version}`);
    return EXIT.ok;
  }
  if (name === 'help') return help(rest, io);
  const command = findCommand(name, io);
  if (!command) return EXIT.usage;
  try {
    return await runCommand(command, rest, io);
  } catch (error) {
    // A file it was pointed at (an audit log, AWS_CONFIG_FILE...) that is a FIFO, a device or too big.
    if (error instanceof NamedFileError) {
      io.err(`support-desk ${name}: ${error.message}`);
      return EXIT.usage;
    }
    // Words for the engineer (a UsageError is one): said as they are, no stack.
    if (!(error instanceof UserFacingError)) throw error;
    const usage = error instanceof UsageError ? error : undefined;
    (usage?.ownWords ? own : io).err(`support-desk ${name}: ${error.message}`);
    if (usage?.withUsage) own.err(`\n${commandUsage(command)}`);
    return EXIT.usage;
  }
}

/** `help` lists the commands; `help COMMAND` prints the command's own --help. */
async function help(names: string[], io: CliIo): Promise<number> {
  if (names.length === 0) {
    (io.own ?? io).out(OVERVIEW);
    return EXIT.ok;
  }
  if (names.length > 1) {
    io.err(`support-desk help: name one command, e.g. ${commandLine('help', [names[0]])}`);
    return EXIT.usage;
  }
  const command = findCommand(names[0], io);
  return command ? runCommand(command, ['--help'], io) : EXIT.usage;
}

/** The command called `name`; when there is none, says so on `io.err`, with the closest name. */
function findCommand(name: string, io: CliIo): CommandDefinition | undefined {
  const command = COMMANDS.find((c) => c.name === name);
  if (command) return command;
  const known = [...COMMANDS.map((c) => c.name), 'help', '--help', '--version'];
  const suggestion = closestMatch(name, known);
  const what = name.startsWith('-')
    ? `unknown option ${name}; options go after the command`
    : `unknown command "${name}"`;
  io.err(
    `support-desk: ${what}${suggestion ? `; did you mean ${suggestion}?` : ''}\n\n${OVERVIEW}`,
  );
  return undefined;
}

/**
 * `io` with everything printed redacted, then with its control characters and bidi overrides made
 * visible (visibleText): the one place the CLI's output is made safe to share and to show. JSON keeps
 * its meaning: what is made visible is written as JSON's own `\uXXXX` escape.
 */
export function redactingIo(io: CliIo): CliIo {
  const safe = (text: string) => visibleText(redact(text).text);
  return {
    out: (text) => io.out(safe(text)),
    err: (text) => io.err(safe(text)),
    own: io.own ?? { out: io.out, err: io.err },
  };
}

if (require.main === module) {
  // `support-desk ... | head` closes the pipe early: that is the reader's choice, not a failure.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  const io = redactingIo({
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
  });
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      io.err(`support-desk: ${(error as Error).stack ?? error}`);
      process.exitCode = 1;
    },
  );
}
