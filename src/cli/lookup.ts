// `support-desk lookup ACCOUNT --reports PATH...`: is this customer entitled to support, and why.
import { isIsoDay } from '../core/dates';
import { judgeAccount, reportFreshness, today } from '../core/eligibility';
import { describeEvidence } from '../core/evidence';
import { paddingWarning, parseTypedAccount } from '../core/ids';
import { DEFAULT_POLICY, type EligibilityPolicy } from '../core/model';
import { loadPlaybook, TEAM_PLAYBOOK_PATH } from '../core/playbook/load';
import { describeProblems, loadSubscriptionReports } from './report';
import { parseCommandArgs, UsageError, type Command } from './usage';

const HELP = `Usage: support-desk lookup ACCOUNT --reports PATH... [--as-of YYYY-MM-DD] [--last-usage-days N]
         [--playbook PATH] [--json]

Judges a customer's AWS account against the subscription reports (a folder stands for every .csv
and .csv.gz in it): eligible, lapsed, not-in-latest-report or unlisted, per product, with the
evidence. A number shorter than 12 digits is padded with leading zeros, with a warning. Exits 2,
with no verdict, when no subscription report is among the paths.
  --as-of             the day to judge on (default: today)
  --last-usage-days   how recent the last usage must be (default: the playbook's, else ${DEFAULT_POLICY.lastUsageDays})
  --playbook PATH     team playbook whose eligibility policy applies (default: ${TEAM_PLAYBOOK_PATH})`;

/** Problems are the business of \`report inspect\`; a lookup only points at them. */
const PROBLEMS_SHOWN = 5;

export const lookup: Command = async (argv, io) => {
  const { values, positionals } = parseCommandArgs(argv, {
    reports: { type: 'string', multiple: true },
    'as-of': { type: 'string' },
    'last-usage-days': { type: 'string' },
    playbook: { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  // `--reports a b c` is what people type: paths after the account belong to --reports.
  const [typed, ...morePaths] = positionals;
  if (typed === undefined) throw new UsageError(`give the customer's AWS account number\n\n${HELP}`);
  const parsed = parseTypedAccount(typed);
  if (!parsed.ok) throw new UsageError(`${parsed.reason}; give the 12-digit AWS account number, e.g. 111122223333`);
  const paths = [...(values.reports ?? []), ...morePaths];
  if (paths.length === 0) throw new UsageError(`give the reports to judge against with --reports PATH\n\n${HELP}`);
  const asOf = values['as-of'] ?? today();
  if (!isIsoDay(asOf)) throw new UsageError(`--as-of "${asOf}" must be a day written YYYY-MM-DD, e.g. 2026-11-22`);
  const windowDays = lastUsageDays(values['last-usage-days']);
  const policy = await playbookPolicy(values.playbook ?? TEAM_PLAYBOOK_PATH, io.err);
  if (windowDays !== undefined) policy.lastUsageDays = windowDays;

  const { store, problems } = await loadSubscriptionReports(paths, { asOf });
  const verdict = judgeAccount(store, parsed.account, asOf, policy);
  const freshness = reportFreshness(store, asOf, policy);
  const padded = paddingWarning(typed);
  if (values.json) {
    io.out(JSON.stringify({
      account: verdict.account,
      typedAccount: typed,
      padded: padded !== undefined,
      verdict: verdict.verdict,
      asOf,
      freshness,
      // Every key always present (null when unknown), so scripts can rely on the shape.
      subscriptions: verdict.subscriptions.map(({ productId, productCode, productTitle, lastUsage, reportDate, verdict: v, reasons }) =>
        ({ productId, productCode: productCode ?? null, productTitle: productTitle ?? null, lastUsage: lastUsage ?? null, reportDate: reportDate ?? null, verdict: v, reasons })),
      rejectedRows: verdict.rejectedRows,
      contacts: verdict.contacts,
      // The same shape as `report inspect --json` gives: every problem, {file, line, severity, message}.
      problems,
    }, null, 2));
    return 0;
  }
  if (padded) io.out(`Warning: ${padded}`);
  io.out(describeEvidence(verdict, asOf, freshness));
  if (problems.length > 0) io.out(describeProblems(problems, PROBLEMS_SHOWN));
  return 0;
};

/** The team's policy, as the extension applies it; a broken playbook is said on stderr and the default applies. */
async function playbookPolicy(file: string, warn: (text: string) => void): Promise<EligibilityPolicy> {
  const { playbook, problems } = await loadPlaybook(file);
  for (const p of problems) warn(`${p.file}:${p.line}: ${p.severity}: ${p.message}`);
  return { lastUsageDays: playbook.eligibility.lastUsageDays, goodFaithDays: playbook.eligibility.goodFaithDays };
}

function lastUsageDays(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d{1,4}$/.test(raw)) throw new UsageError(`--last-usage-days "${raw}" must be a whole number of days, e.g. 30`);
  return Number(raw);
}
