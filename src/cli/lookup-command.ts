// `support-desk lookup ACCOUNT --reports PATH... [--live]`: is this customer entitled to support, and why.
// With --live, AWS Marketplace's agreements are asked too (src/aws/agreements.ts) and combined with the
// reports' verdict (src/core/agreements/live-verdict.ts): the reports lag behind a new purchase, an agreement does not.
import { loadAws } from '../aws/lazy';
import type { AwsSettings } from '../aws/profiles';
import { isS3Url } from '../aws/s3-url';
import { agreementAuditEntry, resolveAuditPath } from '../core/audit';
import { exitRecorded, recordInAuditLog } from './audit-record';
import { describeMoment, isIsoDay, judgingMoment, type JudgingMoment } from '../core/dates';
import { judgeAccount, reportFreshness, type Freshness } from '../core/eligibility';
import { describeAccountEvidence } from '../core/eligibility';
import { paddingWarning, parseTypedAccount } from '../core/ids';
import { sharedName } from '../core/eligibility';
import { combineVerdicts, describeLive, type LiveEvidence } from '../core/agreements';
import { DEFAULT_POLICY, type AccountVerdict, type EligibilityPolicy, type Problem } from '../core/domain';
import { loadPlaybook, TEAM_PLAYBOOK_PATH } from '../core/playbook';
import { describeProblems, problemLine } from './report-command';
import { defineCommand, optionWords, SHARED_OPTIONS, splitAccountMistake, usageMistake } from './command-definition';
import { loadSubscriptionReports, S3_OPTIONS, s3Settings } from './load-report-paths';
import { UsageError } from './usage';

/** Problems are the business of \`report inspect\`; a lookup only points at them. */
const PROBLEMS_SHOWN = 5;

export const lookup = defineCommand({
  name: 'lookup',
  summary: "whether a customer's AWS account is entitled to support, with the evidence",
  usage: [
    'lookup ACCOUNT --reports PATH... [--as-of YYYY-MM-DD] [--last-usage-days N] [--playbook PATH]\n[--profile NAME] [--region R] [--json]',
    'lookup ACCOUNT --live [--product-id P] [--reports PATH...] [--profile NAME] [--as-of YYYY-MM-DD]\n[--audit PATH] [--json]',
  ],
  description: `Judges a customer's AWS account against the subscription reports (a folder stands for every .csv
and .csv.gz in it): eligible, lapsed, not-in-latest-report or unlisted, per product, with the
evidence. A number shorter than 12 digits is padded with leading zeros, with a warning.
With --live it also asks AWS Marketplace (SearchAgreements, always in us-east-1, as the seller's
profile, which needs aws-marketplace:SearchAgreements) for the account's purchase agreements: an
ACTIVE agreement makes an account the reports do not list yet eligible. --reports is optional then.
Every search, failed ones too, is recorded in the audit log.`,
  options: {
    reports: { ...SHARED_OPTIONS.reports, help: `${SHARED_OPTIONS.reports.help}; paths after ACCOUNT are reports too` },
    'as-of': SHARED_OPTIONS['as-of'],
    'last-usage-days': {
      type: 'string',
      value: 'N',
      help: `how recent the last usage must be, in days (default: the playbook's, else ${DEFAULT_POLICY.lastUsageDays})`,
    },
    playbook: { ...SHARED_OPTIONS.playbook, help: `team playbook whose eligibility policy applies (default: ${TEAM_PLAYBOOK_PATH})` },
    live: { type: 'boolean', help: "also search the account's live agreements with the seller" },
    'product-id': { type: 'string', value: 'P', help: 'with --live: the product (prod-...) the agreement must be for (default: any product)' },
    profile: { ...SHARED_OPTIONS.profile, help: `with --live or s3:// reports: ${SHARED_OPTIONS.profile.help}` },
    region: S3_OPTIONS.region,
    audit: { ...SHARED_OPTIONS.audit, help: `with --live: ${SHARED_OPTIONS.audit.help}` },
    json: SHARED_OPTIONS.json,
  },
  exitCodes: `0 judged (whatever the verdict); 1 the live search failed and no reports were given;
2 a usage error, or no subscription report among the paths (no verdict); 3 answered, but the live
search could not be recorded in the audit log (the answer is printed first).`,
  run: async ({ values, positionals }, io) => {
    // `--reports a b c` is what people type: paths after the account belong to --reports.
    const [typed, ...morePaths] = positionals;
    if (typed === undefined) throw usageMistake("give the customer's AWS account number");
    const split = splitAccountMistake('lookup', positionals, (account, after) => [account, ...after, ...optionWords(values)]);
    if (split) throw split;
    const parsed = parseTypedAccount(typed);
    if (!parsed.ok) throw new UsageError(`${parsed.reason}; give the 12-digit AWS account number, e.g. 111122223333`);
    const paths = [...(values.reports ?? []), ...morePaths];
    const live = values.live === true;
    if (paths.length === 0 && !live) throw usageMistake('give the reports to judge against with --reports PATH, or --live to ask AWS Marketplace');
    const s3 = paths.some(isS3Url);
    for (const name of ['product-id', 'profile', 'audit'] as const) {
      if (values[name] !== undefined && !live && !(name === 'profile' && s3))
        throw new UsageError(`--${name} goes with --live${name === 'profile' ? ' or s3:// reports' : ' (it is for the live agreements search)'}`);
    }
    if (values.region !== undefined && !s3) throw new UsageError("--region goes with s3:// reports (it is the bucket's region)");
    const productId = values['product-id'];
    if (productId !== undefined && !PRODUCT_ID.test(productId))
      throw new UsageError(`--product-id "${productId}" must be a product id like prod-abcd1234example`);
    const asOfOption = values['as-of'];
    if (asOfOption !== undefined && !isIsoDay(asOfOption)) throw new UsageError(`--as-of "${asOfOption}" must be a day written YYYY-MM-DD, e.g. 2026-11-22`);
    // One moment, in UTC, for both sources: the reports are judged on its day, the agreements at its instant.
    const moment = judgingMoment(asOfOption);
    const asOf = moment.day;
    const windowDays = lastUsageDays(values['last-usage-days']);
    const policy = await playbookPolicy(values.playbook ?? TEAM_PLAYBOOK_PATH, io.err);
    if (windowDays !== undefined) policy.lastUsageDays = windowDays;

    const reports = paths.length > 0 ? await judgeReports(paths, parsed.account, asOf, policy, s3Settings(values)) : null;
    const liveEvidence = live
      ? await (
          await loadAws()
        ).searchAgreements({ account: parsed.account, at: moment.at, ...(productId ? { productId } : {}) }, values.profile ? { profile: values.profile } : {})
      : null;
    const combined = liveEvidence ? combineVerdicts(reports?.verdict ?? null, liveEvidence, productId) : null;
    // Recorded before anything is printed, so the exit code can say it was not; the answer is printed either way.
    const unrecorded = liveEvidence
      ? await recordInAuditLog(
          agreementAuditEntry(liveEvidence, { account: parsed.account, ...(productId ? { productId } : {}) }),
          resolveAuditPath(values.audit),
        )
      : undefined;
    // With no reports the live search is the only source: its failure is no answer at all.
    const code = liveEvidence?.verdict === 'error' && !reports ? 1 : 0;
    const padded = paddingWarning(typed);
    if (values.json) {
      const verdict = reports?.verdict;
      io.out(
        JSON.stringify(
          {
            account: parsed.account,
            typedAccount: typed,
            padded: padded !== undefined,
            verdict: combined?.verdict ?? verdict?.verdict,
            ...(combined ? { reportVerdict: verdict?.verdict ?? null, reasons: combined.reasons } : {}),
            asOf,
            freshness: reports?.freshness ?? null,
            // Every key always present (null when unknown), so scripts can rely on the shape.
            subscriptions: (verdict?.subscriptions ?? []).map(({ productId, productCode, productTitle, lastUsage, reportDate, verdict: v, reasons }) => ({
              productId,
              productCode: productCode ?? null,
              productTitle: productTitle ?? null,
              lastUsage: lastUsage ?? null,
              reportDate: reportDate ?? null,
              verdict: v,
              reasons,
            })),
            rejectedRows: verdict?.rejectedRows ?? [],
            contacts: verdict?.contacts ?? [],
            // The same shape as `report inspect --json` gives: every problem, {file, line, severity, message}.
            problems: reports?.problems ?? [],
            ...(liveEvidence ? { live: liveEvidence } : {}),
          },
          null,
          2,
        ),
      );
      if (code !== 0) io.err(`the live agreements could not be searched: ${liveEvidence?.error?.message}`);
      return exitRecorded(code, unrecorded, io, SEARCH);
    }
    if (padded) io.out(`Warning: ${padded}`);
    if (reports) {
      io.out(describeAccountEvidence(reports.verdict, asOf, reports.freshness));
      // The answer is what gets pasted into a ticket: its problems name their reports as evidence does.
      const problems = reports.problems.map((p) => ({ ...p, file: sharedName(p.file) }));
      if (problems.length > 0) io.out(describeProblems(problems, PROBLEMS_SHOWN));
    }
    if (liveEvidence && combined) io.out(describeCombined(parsed.account, liveEvidence, combined, moment, reports !== null));
    if (code !== 0) io.err(`the live agreements could not be searched: ${liveEvidence?.error?.message}`);
    return exitRecorded(code, unrecorded, io, SEARCH);
  },
});

const SEARCH = { evidence: 'the search', again: 'search again' };

/** The API's pattern for a ResourceIdentifier filter value. */
const PRODUCT_ID = /^[A-Za-z0-9+:_-]{1,64}$/;

interface ReportsJudgement {
  verdict: AccountVerdict;
  freshness: Freshness;
  problems: Problem[];
}

async function judgeReports(paths: string[], account: string, asOf: string, policy: EligibilityPolicy, aws: AwsSettings): Promise<ReportsJudgement> {
  const { store, problems } = await loadSubscriptionReports(paths, { asOf, aws });
  return { verdict: judgeAccount(store, account, asOf, policy), freshness: reportFreshness(store, asOf, policy), problems };
}

/** The live source, then the verdict with both sources heard and why. */
function describeCombined(
  account: string,
  live: LiveEvidence,
  combined: ReturnType<typeof combineVerdicts>,
  moment: JudgingMoment,
  withReports: boolean,
): string {
  const heading = withReports ? 'With the reports and the live agreements' : 'From the live agreements alone (no reports given)';
  return [
    describeLive(live),
    `${heading}: account ${account} is ${combined.verdict.toUpperCase()} (at ${describeMoment(moment)})`,
    ...combined.reasons.map((r) => `  - ${r}`),
  ].join('\n');
}

/** The team's policy, as the extension applies it; a broken playbook is said on stderr and the default applies. */
async function playbookPolicy(file: string, warn: (text: string) => void): Promise<EligibilityPolicy> {
  const { playbook, problems } = await loadPlaybook(file);
  for (const p of problems) warn(problemLine(p));
  return { lastUsageDays: playbook.eligibility.lastUsageDays, goodFaithDays: playbook.eligibility.goodFaithDays };
}

function lastUsageDays(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d{1,4}$/.test(raw)) throw new UsageError(`--last-usage-days "${raw}" must be a whole number of days, e.g. 30`);
  return Number(raw);
}
