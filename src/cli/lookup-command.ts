// `support-desk lookup ACCOUNT --reports PATH... [--live]`: is this customer entitled to support, and why.
// With --live, AWS Marketplace's agreements are asked too (src/aws/agreements.ts) and combined with the
// reports' verdict (src/core/live-verdict.ts): the reports lag behind a new purchase, an agreement does not.
import { loadAws } from '../aws/lazy';
import { isIsoDay } from '../core/dates';
import { judgeAccount, reportFreshness, today, type Freshness } from '../core/eligibility';
import { describeEvidence } from '../core/evidence';
import { paddingWarning, parseTypedAccount } from '../core/ids';
import { combineVerdicts, describeLive, type LiveEvidence } from '../core/live-verdict';
import { DEFAULT_POLICY, type AccountVerdict, type EligibilityPolicy, type Problem } from '../core/domain';
import { loadPlaybook, TEAM_PLAYBOOK_PATH } from '../core/playbook/load';
import { describeProblems, loadSubscriptionReports } from './report-command';
import { parseCommandArgs, UsageError, type Command } from './usage';

const HELP = `Usage: support-desk lookup ACCOUNT --reports PATH... [--as-of YYYY-MM-DD] [--last-usage-days N]
         [--playbook PATH] [--json]
       support-desk lookup ACCOUNT --live [--product-id P] [--reports PATH...] [--profile NAME]
         [--as-of YYYY-MM-DD] [--json]

Judges a customer's AWS account against the subscription reports (a folder stands for every .csv
and .csv.gz in it): eligible, lapsed, not-in-latest-report or unlisted, per product, with the
evidence. A number shorter than 12 digits is padded with leading zeros, with a warning. Exits 2,
with no verdict, when no subscription report is among the paths.
With --live it also asks AWS Marketplace (SearchAgreements, always in us-east-1, as the seller's
profile, which needs aws-marketplace:SearchAgreements) for the account's purchase agreements: an
ACTIVE agreement makes an account the reports do not list yet eligible. --reports is optional then;
a failed search with no reports exits 1.
  --live              also search the account's live agreements with the seller
  --product-id P      the product (prod-...) the agreement must be for (default: any product)
  --profile NAME      AWS profile of the seller account (default: the SDK's default chain)
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
    live: { type: 'boolean' },
    'product-id': { type: 'string' },
    profile: { type: 'string' },
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
  const live = values.live === true;
  if (paths.length === 0 && !live) throw new UsageError(`give the reports to judge against with --reports PATH, or --live to ask AWS Marketplace\n\n${HELP}`);
  for (const name of ['product-id', 'profile'] as const) {
    if (values[name] !== undefined && !live) throw new UsageError(`--${name} goes with --live (it is for the live agreements search)`);
  }
  const productId = values['product-id'];
  if (productId !== undefined && !PRODUCT_ID.test(productId)) throw new UsageError(`--product-id "${productId}" must be a product id like prod-abcd1234example`);
  const asOf = values['as-of'] ?? today();
  if (!isIsoDay(asOf)) throw new UsageError(`--as-of "${asOf}" must be a day written YYYY-MM-DD, e.g. 2026-11-22`);
  const windowDays = lastUsageDays(values['last-usage-days']);
  const policy = await playbookPolicy(values.playbook ?? TEAM_PLAYBOOK_PATH, io.err);
  if (windowDays !== undefined) policy.lastUsageDays = windowDays;

  const reports = paths.length > 0 ? await judgeReports(paths, parsed.account, asOf, policy) : null;
  const liveEvidence = live
    ? await (await loadAws()).searchAgreements({ account: parsed.account, asOf, ...(productId ? { productId } : {}) }, values.profile ? { profile: values.profile } : {})
    : null;
  const combined = liveEvidence ? combineVerdicts(reports?.verdict ?? null, liveEvidence, productId, asOf) : null;
  // With no reports the live search is the only source: its failure is no answer at all.
  const code = liveEvidence?.verdict === 'error' && !reports ? 1 : 0;
  const padded = paddingWarning(typed);
  if (values.json) {
    const verdict = reports?.verdict;
    io.out(JSON.stringify({
      account: parsed.account,
      typedAccount: typed,
      padded: padded !== undefined,
      verdict: combined?.verdict ?? verdict?.verdict,
      ...(combined ? { reportVerdict: verdict?.verdict ?? null, reasons: combined.reasons } : {}),
      asOf,
      freshness: reports?.freshness ?? null,
      // Every key always present (null when unknown), so scripts can rely on the shape.
      subscriptions: (verdict?.subscriptions ?? []).map(({ productId, productCode, productTitle, lastUsage, reportDate, verdict: v, reasons }) =>
        ({ productId, productCode: productCode ?? null, productTitle: productTitle ?? null, lastUsage: lastUsage ?? null, reportDate: reportDate ?? null, verdict: v, reasons })),
      rejectedRows: verdict?.rejectedRows ?? [],
      contacts: verdict?.contacts ?? [],
      // The same shape as `report inspect --json` gives: every problem, {file, line, severity, message}.
      problems: reports?.problems ?? [],
      ...(liveEvidence ? { live: liveEvidence } : {}),
    }, null, 2));
    if (code !== 0) io.err(`the live agreements could not be searched: ${liveEvidence?.error?.message}`);
    return code;
  }
  if (padded) io.out(`Warning: ${padded}`);
  if (reports) {
    io.out(describeEvidence(reports.verdict, asOf, reports.freshness));
    if (reports.problems.length > 0) io.out(describeProblems(reports.problems, PROBLEMS_SHOWN));
  }
  if (liveEvidence && combined) io.out(describeCombined(parsed.account, liveEvidence, combined, asOf, reports !== null));
  if (code !== 0) io.err(`the live agreements could not be searched: ${liveEvidence?.error?.message}`);
  return code;
};

/** The API's pattern for a ResourceIdentifier filter value. */
const PRODUCT_ID = /^[A-Za-z0-9+:_-]{1,64}$/;

interface ReportsJudgement {
  verdict: AccountVerdict;
  freshness: Freshness;
  problems: Problem[];
}

async function judgeReports(paths: string[], account: string, asOf: string, policy: EligibilityPolicy): Promise<ReportsJudgement> {
  const { store, problems } = await loadSubscriptionReports(paths, { asOf });
  return { verdict: judgeAccount(store, account, asOf, policy), freshness: reportFreshness(store, asOf, policy), problems };
}

/** The live source, then the verdict with both sources heard and why. */
function describeCombined(account: string, live: LiveEvidence, combined: ReturnType<typeof combineVerdicts>, asOf: string, withReports: boolean): string {
  const heading = withReports ? 'With the reports and the live agreements' : 'From the live agreements alone (no reports given)';
  return [describeLive(live), `${heading}: account ${account} is ${combined.verdict.toUpperCase()} (as of ${asOf})`, ...combined.reasons.map((r) => `  - ${r}`)].join('\n');
}

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
