// `support-desk report inspect PATH... [--json]`: what each report file holds and what is wrong in it.
import type { Problem } from '../core/domain';
import { loadReports, missingSubscriptionReport, ReportPathError, type LoadedReports, type ReadOptions } from '../core/reports';
import { EXIT, parseCommandArgs, UsageError, type Command } from './usage';

const HELP = `Usage: support-desk report inspect PATH... [--json]

Reads subscription reports (a folder stands for every .csv and .csv.gz in it, or in its subfolders
when it has none itself) and shows each file's format, report date, rows read and kept, the totals,
and every problem with its file and line. Exits 2 when no file is a report.`;

/** Human output lists this many problems; --json lists them all. */
const PROBLEMS_SHOWN = 50;

export const report: Command = async (argv, io) => {
  const { values, positionals } = parseCommandArgs(argv, { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } });
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  const [subcommand, ...paths] = positionals;
  if (subcommand !== 'inspect') throw new UsageError(`${subcommand ? `unknown subcommand "${subcommand}"` : 'missing subcommand'}\n\n${HELP}`);
  if (paths.length === 0) throw new UsageError(`give at least one report file or folder\n\n${HELP}`);
  const loaded = await loadReportPaths(paths);
  const { store } = loaded;
  if (values.json) {
    io.out(JSON.stringify({
      files: loaded.files,
      subscriptions: store.subscriptionCount,
      accounts: store.accountCount,
      products: store.productCount,
      problems: loaded.problems,
    }, null, 2));
    return nothingToInspect(loaded, io.err);
  }
  io.out(`${loaded.files.length} report file${loaded.files.length === 1 ? '' : 's'}`);
  for (const f of loaded.files) {
    io.out(`  ${f.path}\n    ${f.format === null ? `not a report: ${f.notAReport}` : `${f.format}, report date ${f.reportDate ?? '-'}, ${f.rows} rows read, ${f.kept} kept`}`);
  }
  const latest = store.latestReportDate();
  io.out(`${store.subscriptionCount} subscriptions, ${store.accountCount} accounts, ${store.productCount} products${latest ? `; latest report ${latest}` : ''}`);
  io.out(describeProblems(loaded.problems, PROBLEMS_SHOWN));
  return nothingToInspect(loaded, io.err);
};

/** Exit 2, saying what was found instead, when not one file is a report (a contacts export is one). */
function nothingToInspect(loaded: LoadedReports, err: (text: string) => void): number {
  if (loaded.files.some((f) => f.format !== null)) return EXIT.ok;
  err(`support-desk report: ${missingSubscriptionReport(loaded)}`);
  return EXIT.usage;
}

/** loadReports with a path that cannot be used (missing, a link loop) turned into a usage error (exit 2). */
export async function loadReportPaths(paths: string[], opts: ReadOptions = {}): Promise<LoadedReports> {
  try {
    return await loadReports(paths, opts);
  } catch (error) {
    if (error instanceof ReportPathError) throw new UsageError(error.message);
    throw error;
  }
}

/**
 * loadReportPaths for an answer that needs subscriptions (a verdict): no subscription report among
 * them is a usage error (exit 2) that says what was found instead.
 */
export async function loadSubscriptionReports(paths: string[], opts: ReadOptions = {}): Promise<LoadedReports> {
  const loaded = await loadReportPaths(paths, opts);
  const missing = missingSubscriptionReport(loaded);
  if (missing) throw new UsageError(missing);
  return loaded;
}

export function describeProblems(problems: Problem[], limit: number): string {
  if (problems.length === 0) return 'no problems';
  const lines = problems.slice(0, limit).map((p) => `  ${p.file}:${p.line}: ${p.severity}: ${p.message}`);
  if (problems.length > limit) lines.push(`  ... and ${problems.length - limit} more (use --json to see them all)`);
  return `${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${lines.join('\n')}`;
}
