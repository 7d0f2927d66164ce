// `support-desk`: the command line over the same core and AWS layers as the extension.
import { version } from '../package.json';
import { closestMatch } from './core/did-you-mean';
import { redact } from './core/redaction';
import { EXIT, OptionError, UsageError, type CliIo, type Command } from './cli/usage';

interface CommandEntry {
  name: string;
  /** One line: what the command does, in the engineer's words. */
  summary: string;
  /** Its synopsis, after "support-desk "; the command's own --help says what each option does. */
  usage: string;
  load(): Promise<Command>;
}

/** Every command, once: the --help list, `help COMMAND`, the usage after an option mistake, and the loader. */
const COMMANDS: CommandEntry[] = [
  {
    name: 'report', summary: 'what each subscription report file holds, and every problem in it with its line',
    usage: 'report inspect PATH... [--json]',
    load: async () => (await import('./cli/report-command')).report,
  },
  {
    name: 'lookup', summary: "whether a customer's AWS account is entitled to support, with the evidence",
    usage: 'lookup ACCOUNT --reports PATH... [--as-of YYYY-MM-DD] [--last-usage-days N] [--playbook PATH] [--json]\n' +
      '         | lookup ACCOUNT --live [--product-id P] [--reports PATH...] [--profile NAME] [--as-of YYYY-MM-DD] [--json]',
    load: async () => (await import('./cli/lookup-command')).lookup,
  },
  {
    name: 'confirm', summary: 'ask EC2 whether an instance carries the product code, and which account owns it',
    usage: 'confirm --instance-id ID (--product-code C | --product-id P --reports PATH...) [--account A]\n' +
      '         [--profile NAME] [--region R|auto] [--endpoint-url URL] [--audit PATH] [--playbook PATH] [--json]',
    load: async () => (await import('./cli/confirm-command')).confirm,
  },
  {
    name: 'confirm-batch', summary: 'confirm the instances listed in a file; run it again to resume',
    usage: 'confirm-batch FILE --out RESULTS.jsonl [--product-code C | --product-id P --reports PATH...]\n' +
      '         [--profile P] [--region R|auto] [--endpoint-url U] [--concurrency N] [--audit PATH]',
    load: async () => (await import('./cli/confirm-batch-command')).confirmBatch,
  },
  {
    name: 'profiles', summary: 'the AWS profiles it can use, with their region and kind',
    usage: 'profiles [--json]',
    load: async () => (await import('./cli/profiles-command')).profiles,
  },
  {
    name: 'audit', summary: 'the confirmations recorded in the audit log, for one account or all',
    usage: 'audit [--account A] [--audit PATH] [--json]',
    load: async () => (await import('./cli/audit-command')).audit,
  },
  {
    name: 'playbook', summary: 'check a team playbook, or show the playbook in effect',
    usage: 'playbook validate [PATH] [--json] | playbook show [--playbook PATH] [--json]',
    load: async () => (await import('./cli/playbook-command')).playbook,
  },
  {
    name: 'case', summary: 'list the case templates, or render a case with every value redacted',
    usage: 'case templates [--json] | case render TEMPLATE [--field NAME=VALUE]... [--account A --reports PATH...] [--json]',
    load: async () => (await import('./cli/case-command')).caseCommand,
  },
  {
    name: 'verify-identity', summary: "prove an instance offline from its identity document, signed by AWS",
    usage: 'verify-identity (--pkcs7 FILE | --rsa2048 FILE --document FILE | --signature FILE --document FILE)\n' +
      '         [--document FILE] [--product-code C] [--account A] [--instance-id I] [--json]',
    load: async () => (await import('./cli/verify-identity-command')).verifyIdentityCommand,
  },
];

const OVERVIEW = `support-desk ${version}: AWS Marketplace support eligibility from the command line

Usage: support-desk COMMAND [options]

Commands:
${[...COMMANDS.map((c) => [c.name, c.summary]), ['help [COMMAND]', 'this list, or what each option of COMMAND does']]
    .map(([name, summary]) => `  ${name.padEnd(15)} ${summary}`).join('\n')}

Options: --help (this list), --version.
Exit codes: 0 it ran (confirm: the instance is confirmed); 1 another verdict, an incomplete case, or answers
a re-run may still get; 2 usage error, missing path or malformed input (nothing sent); 3 answered, but the
audit log could not be written (the answer is printed, the evidence is not recorded).`;

const usageOf = (c: CommandEntry) => `Usage: support-desk ${c.usage}\nRun 'support-desk help ${c.name}' for what each option does.`;

/** Runs one command line; returns the exit code (EXIT). Usage errors are said on `io.err`, never thrown. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.err(OVERVIEW);
    return EXIT.usage;
  }
  if (name === '--help' || name === '-h') {
    io.out(OVERVIEW);
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
    return await (await command.load())(rest, io);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`support-desk ${name}: ${error.message}${error instanceof OptionError ? `\n\n${usageOf(command)}` : ''}`);
    return EXIT.usage;
  }
}

/** `help` lists the commands; `help COMMAND` prints the command's own --help. */
async function help(names: string[], io: CliIo): Promise<number> {
  if (names.length === 0) {
    io.out(OVERVIEW);
    return EXIT.ok;
  }
  if (names.length > 1) {
    io.err(`support-desk help: name one command, e.g. support-desk help ${names[0]}`);
    return EXIT.usage;
  }
  const command = findCommand(names[0], io);
  return command ? (await command.load())(['--help'], io) : EXIT.usage;
}

/** The command called `name`; when there is none, says so on `io.err`, with the closest name. */
function findCommand(name: string, io: CliIo): CommandEntry | undefined {
  const command = COMMANDS.find((c) => c.name === name);
  if (command) return command;
  const known = [...COMMANDS.map((c) => c.name), 'help', '--help', '--version'];
  const suggestion = closestMatch(name, known);
  const what = name.startsWith('-') ? `unknown option ${name}; options go after the command` : `unknown command "${name}"`;
  io.err(`support-desk: ${what}${suggestion ? `; did you mean ${suggestion}?` : ''}\n\n${OVERVIEW}`);
  return undefined;
}

/** `io` with everything printed redacted first: the one place the CLI's output is redacted. */
export function redactingIo(io: CliIo): CliIo {
  return { out: (text) => io.out(redact(text).text), err: (text) => io.err(redact(text).text) };
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
    (code) => { process.exitCode = code; },
    (error) => { io.err(`support-desk: ${(error as Error).stack ?? error}`); process.exitCode = 1; },
  );
}
