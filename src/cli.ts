// `support-desk`: the command line over the same core and AWS layers as the extension.
import { UsageError, type CliIo, type Command } from './cli/usage';

const commands: Record<string, () => Promise<Command>> = {
  report: async () => (await import('./cli/report')).report,
  lookup: async () => (await import('./cli/lookup')).lookup,
  playbook: async () => (await import('./cli/playbook')).playbook,
  confirm: async () => (await import('./cli/confirm')).confirm,
  'confirm-batch': async () => (await import('./cli/confirm-batch')).confirmBatch,
  profiles: async () => (await import('./cli/profiles')).profiles,
  audit: async () => (await import('./cli/audit')).audit,
  case: async () => (await import('./cli/case')).caseCommand,
};

const HELP = `support-desk: AWS Marketplace support eligibility from the command line

Usage: support-desk <command> [options]

Commands:
${Object.keys(commands).map((c) => `  ${c}`).join('\n')}
Run 'support-desk <command> --help' for a command's options.`;

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    io.out(HELP);
    return name ? 0 : 2;
  }
  const load = commands[name];
  if (!load) {
    io.err(`support-desk: unknown command "${name}"\n\n${HELP}`);
    return 2;
  }
  try {
    return await (await load())(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`support-desk ${name}: ${error.message}`);
      return 2;
    }
    throw error;
  }
}

if (require.main === module) {
  // `support-desk ... | head` closes the pipe early: that is the reader's choice, not a failure.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  const io: CliIo = {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
  };
  main(process.argv.slice(2), io).then(
    (code) => { process.exitCode = code; },
    (error) => { io.err(`support-desk: ${(error as Error).stack ?? error}`); process.exitCode = 1; },
  );
}
