// `support-desk report inspect PATH... [--json]`: what each report file holds and what is wrong in it.
import type { Problem } from '../core/domain';
import { FEED_TABLE_NAMES, type FeedSet } from '../core/feeds';
import { combineReports, missingSubscriptionReport, type LoadedReports } from '../core/reports';
import { visibleLine } from '../core/text';
import { defineCommand, SHARED_OPTIONS, usageMistake } from './command-definition';
import { readFeedPaths } from './load-feed-paths';
import { loadReportPaths, S3_OPTIONS, s3Settings } from './load-report-paths';
import { EXIT } from './usage';

/** Human output lists this many problems; --json lists them all. */
const PROBLEMS_SHOWN = 50;

export const report = defineCommand({
  name: 'report',
  summary: 'what each subscription report file holds, and every problem in it with its line',
  usage: ['report inspect PATH... [--profile NAME] [--region R] [--json]'],
  description: `Reads subscription reports (a folder stands for every .csv and .csv.gz in it, or in its subfolders
when it has none itself) and shows each file's format, report date, rows read and kept, the totals,
and every problem with its file and line. A PATH may be s3://BUCKET/PREFIX/ (read like a folder) or
s3://BUCKET/KEY.csv, read from S3 as --profile in --region. A folder or prefix holding Seller Delivery
Data Feeds in AWS's layout (<feed>_<version>/year=YYYY/month=MM/data.csv) is a feed root: its feeds
(known by their headers), months, rows and newest update_date, and every problem at
feed/year=YYYY/month=MM/data.csv:LINE.`,
  options: { ...S3_OPTIONS, json: SHARED_OPTIONS.json },
  exitCodes:
    '0 read; 2 a usage error, a path that does not exist, or no file is a report and no path a feed root.',
  run: async ({ values, positionals }, io) => {
    const [subcommand, ...paths] = positionals;
    if (subcommand !== 'inspect')
      throw usageMistake(subcommand ? `unknown subcommand "${subcommand}"` : 'missing subcommand');
    if (paths.length === 0) throw usageMistake('give at least one report file or folder');
    const roots: { path: string; set: FeedSet }[] = [];
    const reportPaths: string[] = [];
    // One path at a time, so that each feed root is described on its own.
    for (const path of paths) {
      const sorted = await readFeedPaths([path], { aws: s3Settings(values) });
      if (sorted.feeds) roots.push({ path, set: sorted.feeds });
      else reportPaths.push(path);
    }
    const reports =
      reportPaths.length > 0
        ? await loadReportPaths(reportPaths, { aws: s3Settings(values) })
        : combineReports([]);
    const feedProblems: Problem[] = roots.flatMap(({ set }) =>
      set.problems.map((p) => ({ ...p, severity: 'error' as const })),
    );
    const loaded = { ...reports, problems: [...reports.problems, ...feedProblems] };
    const { store } = loaded;
    if (values.json) {
      io.out(
        JSON.stringify(
          {
            files: loaded.files,
            subscriptions: store.subscriptionCount,
            accounts: store.accountCount,
            products: store.productCount,
            problems: loaded.problems,
            feedRoots: roots.map(({ path, set }) => ({
              path,
              files: set.files.length,
              newestUpdate: set.newestUpdate ?? null,
              feeds: set.summaries(),
            })),
          },
          null,
          2,
        ),
      );
      return nothingToInspect(loaded, roots.length > 0, io.err);
    }
    for (const root of roots) io.out(describeFeedRoot(root.path, root.set));
    if (roots.length === 0 || reportPaths.length > 0)
      io.out(`${loaded.files.length} report file${loaded.files.length === 1 ? '' : 's'}`);
    for (const f of loaded.files) {
      io.out(
        `  ${f.path}\n    ${f.format === null ? `not a report: ${f.notAReport}` : `${f.format}, report date ${f.reportDate ?? '-'}, ${f.rows} rows read, ${f.kept} kept`}`,
      );
    }
    const latest = store.latestReportDate();
    if (roots.length === 0 || reportPaths.length > 0)
      io.out(
        `${store.subscriptionCount} subscriptions, ${store.accountCount} accounts, ${store.productCount} products${latest ? `; latest report ${latest}` : ''}`,
      );
    io.out(describeProblems(loaded.problems, PROBLEMS_SHOWN));
    return nothingToInspect(loaded, roots.length > 0, io.err);
  },
});

/** A feed root in words: its files, newest update, and a line per feed (table name, folders, months, rows). */
function describeFeedRoot(path: string, set: FeedSet): string {
  const lines = [
    `feed root ${path}: ${set.files.length} file${set.files.length === 1 ? '' : 's'}, newest update_date ${set.newestUpdate ?? '-'}`,
    ...set.summaries().map((s) => {
      const months =
        s.months.length > 0
          ? `${s.months[0]} to ${s.months.at(-1)} (${s.months.length} month${s.months.length === 1 ? '' : 's'})`
          : 'no month';
      return `  ${FEED_TABLE_NAMES[s.feed]} (in ${s.folders.join(', ')}/): ${months}, ${s.rows} rows, newest update_date ${s.newestUpdate ?? '-'}`;
    }),
  ];
  return lines.map(visibleLine).join('\n');
}

/** Exit 2, saying what was found instead, when not one file is a report (a contacts export is one) and no path is a feed root. */
function nothingToInspect(
  loaded: LoadedReports,
  feedRoots: boolean,
  err: (text: string) => void,
): number {
  if (feedRoots || loaded.files.some((f) => f.format !== null)) return EXIT.ok;
  err(`support-desk report: ${missingSubscriptionReport(loaded)}`);
  return EXIT.usage;
}

/** "N problems:" and a line each (problemLine), the first `limit`; "no problems" when there are none. */
export function describeProblems(problems: Problem[], limit: number): string {
  if (problems.length === 0) return 'no problems';
  const lines = problems.slice(0, limit).map((p) => `  ${problemLine(p)}`);
  if (problems.length > limit)
    lines.push(`  ... and ${problems.length - limit} more (use --json to see them all)`);
  return `${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${lines.join('\n')}`;
}

/**
 * `FILE:LINE: SEVERITY: MESSAGE`, the one way the CLI prints a problem: one line, whatever the file's
 * name or the values quoted in the message hold (line breaks and controls are made visible, visibleLine).
 */
export function problemLine(p: Problem): string {
  return visibleLine(`${p.file}:${p.line}: ${p.severity}: ${p.message}`);
}
