// `support-desk lookup ACCOUNT --reports PATH... [--live]`: is this customer entitled to support, and why.
// With --live, AWS Marketplace's agreements are asked too (src/aws/agreements.ts) and combined with the
// reports' verdict (src/core/agreements/live-verdict.ts): the reports lag behind a new purchase, an agreement does not.
import { loadAws } from '../aws/lazy';
import type { AwsSettings } from '../aws/profiles';
import { isS3Url } from '../aws/s3-url';
import { AuditLog, agreementAuditEntry, resolveAuditPath } from '../core/audit';
import { exitRecorded } from './audit-record';
import { describeMoment, isIsoDay, judgingMoment, type JudgingMoment } from '../core/dates';
import {
  emailDomainOf,
  feedEntitlement,
  feedMoment,
  searchFeedsByCompany,
  searchFeedsByEmailDomain,
  type FeedMoment,
  type FeedSet,
} from '../core/feeds';
import {
  describeFeedEntitlement,
  describeFeedMatches,
  feedsJson,
  matchesJson,
} from './feed-answer';
import { readFeedPaths } from './load-feed-paths';
import { judgeAccount, reportFreshness, type Freshness } from '../core/eligibility';
import { describeAccountEvidence } from '../core/eligibility';
import { paddingWarning, parseTypedAccount } from '../core/ids';
import { sharedName } from '../core/eligibility';
import { combineVerdicts, describeLive, type LiveEvidence } from '../core/agreements';
import {
  DEFAULT_POLICY,
  type AccountVerdict,
  type EligibilityPolicy,
  type Problem,
} from '../core/domain';
import { loadPlaybook, TEAM_PLAYBOOK_PATH } from '../core/playbook';
import { describeProblems, problemLine } from './report-command';
import {
  defineCommand,
  optionWords,
  SHARED_OPTIONS,
  splitAccountMistake,
  usageMistake,
} from './command-definition';
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
    'lookup (--company TEXT | --email-domain DOMAIN) --reports FEEDS... [--as-of DAY|INSTANT]\n[--known-at INSTANT] [--json]',
  ],
  description: `Judges a customer's AWS account against the subscription reports (a folder stands for every .csv
and .csv.gz in it): eligible, lapsed, not-in-latest-report or unlisted, per product, with the
evidence. A number shorter than 12 digits is padded with leading zeros, with a warning.
With --live it also asks AWS Marketplace (SearchAgreements, always in us-east-1, as the seller's
profile, which needs aws-marketplace:SearchAgreements) for the account's purchase agreements: an
ACTIVE agreement makes an account the reports do not list yet eligible. --reports is optional then.
Every search, failed ones too, is recorded in the audit log.
A report path may be a Seller Delivery Data Feeds root (a folder or s3://BUCKET/PREFIX/ holding
<feed>_<version>/year=YYYY/month=MM/data.csv, AWS's layout): the account's agreements from the feeds
are shown beside the reports' verdict, each with its feed line. --company and --email-domain (an
e-mail address is taken for its domain) list the accounts of the feeds' address feed that match.
--as-of takes a day (meaning its end in UTC) or an instant (2026-11-21T18:30:00Z); --known-at
judges the feeds as AWS knew them then (what it recorded later is ignored).`,
  options: {
    reports: {
      ...SHARED_OPTIONS.reports,
      help: `${SHARED_OPTIONS.reports.help}; paths after ACCOUNT are reports too`,
    },
    'as-of': {
      type: 'string',
      value: 'DAY|INSTANT',
      help: 'judge at this moment: a day YYYY-MM-DD (its end in UTC) or an instant\n2026-11-21T18:30:00Z (default: now); the reports are judged on its UTC day',
    },
    'known-at': {
      type: 'string',
      value: 'INSTANT',
      help: 'with a feed root: the feeds as AWS knew them at this instant (later records are ignored)',
    },
    company: {
      type: 'string',
      value: 'TEXT',
      help: "with a feed root: the accounts whose company name contains TEXT (case and spaces don't matter)",
    },
    'email-domain': {
      type: 'string',
      value: 'DOMAIN',
      help: 'with a feed root: the accounts of this e-mail domain (an e-mail address gives its domain)',
    },
    'last-usage-days': {
      type: 'string',
      value: 'N',
      help: `how recent the last usage must be, in days (default: the playbook's, else ${DEFAULT_POLICY.lastUsageDays})`,
    },
    playbook: {
      ...SHARED_OPTIONS.playbook,
      help: `team playbook whose eligibility policy applies (default: ${TEAM_PLAYBOOK_PATH})`,
    },
    live: { type: 'boolean', help: "also search the account's live agreements with the seller" },
    'product-id': {
      type: 'string',
      value: 'P',
      help: 'with --live: the product (prod-...) the agreement must be for (default: any product)',
    },
    profile: {
      ...SHARED_OPTIONS.profile,
      help: `with --live or s3:// reports: ${SHARED_OPTIONS.profile.help}`,
    },
    region: S3_OPTIONS.region,
    audit: { ...SHARED_OPTIONS.audit, help: `with --live: ${SHARED_OPTIONS.audit.help}` },
    json: SHARED_OPTIONS.json,
  },
  exitCodes: `0 judged (whatever the verdict); 1 the live search failed and no reports were given;
2 a usage error, or no subscription report among the paths (no verdict); 3 answered, but the live
search could not be recorded in the audit log (the answer is printed first).`,
  run: async ({ values, positionals }, io) => {
    const now = new Date();
    const at = feedMomentOption(values['as-of'], values['known-at'], now);
    if (values.company !== undefined || values['email-domain'] !== undefined)
      return whoIsCalling(values, positionals, at, io);
    // `--reports a b c` is what people type: paths after the account belong to --reports.
    const [typed, ...morePaths] = positionals;
    if (typed === undefined) throw usageMistake("give the customer's AWS account number");
    const split = splitAccountMistake('lookup', positionals, (account, after) => [
      account,
      ...after,
      ...optionWords(values),
    ]);
    if (split) throw split;
    const parsed = parseTypedAccount(typed);
    if (!parsed.ok)
      throw new UsageError(
        `${parsed.reason}; give the 12-digit AWS account number, e.g. 111122223333`,
      );
    const paths = [...(values.reports ?? []), ...morePaths];
    const live = values.live === true;
    if (paths.length === 0 && !live)
      throw usageMistake(
        'give the reports to judge against with --reports PATH, or --live to ask AWS Marketplace',
      );
    const s3 = paths.some(isS3Url);
    for (const name of ['product-id', 'profile', 'audit'] as const) {
      if (values[name] !== undefined && !live && !(name === 'profile' && s3))
        throw new UsageError(
          `--${name} goes with --live${name === 'profile' ? ' or s3:// reports' : ' (it is for the live agreements search)'}`,
        );
    }
    if (values.region !== undefined && !s3)
      throw new UsageError("--region goes with s3:// reports (it is the bucket's region)");
    const productId = values['product-id'];
    if (productId !== undefined && !PRODUCT_ID.test(productId))
      throw new UsageError(
        `--product-id "${productId}" must be a product id like prod-abcd1234example`,
      );
    const asOfOption = values['as-of'];
    // One moment, in UTC, for every source: the reports are judged on its day, the agreements at its instant.
    const moment = judgingMoment(
      asOfOption === undefined || isIsoDay(asOfOption) ? asOfOption : new Date(at.asOfMs),
      now,
    );
    const asOf = moment.day;
    const windowDays = lastUsageDays(values['last-usage-days']);
    const policy = await playbookPolicy(values.playbook ?? TEAM_PLAYBOOK_PATH, io.err);
    if (windowDays !== undefined) policy.lastUsageDays = windowDays;

    const sorted = await readFeedPaths(paths, {
      aws: s3Settings(values),
      focus: { accounts: [parsed.account] },
    });
    if (values['known-at'] !== undefined && !sorted.feeds) throw noFeedRoot('--known-at');
    const reports =
      sorted.reportPaths.length > 0
        ? await judgeReports(sorted.reportPaths, parsed.account, asOf, policy, s3Settings(values))
        : null;
    const feeds = sorted.feeds
      ? { set: sorted.feeds, entitlement: feedEntitlement(sorted.feeds, parsed.account, at) }
      : undefined;
    const problems = [...(reports?.problems ?? []), ...feedProblems(sorted.feeds)];
    const liveEvidence = live
      ? await (
          await loadAws()
        ).searchAgreements(
          { account: parsed.account, at: moment.at, ...(productId ? { productId } : {}) },
          values.profile ? { profile: values.profile } : {},
        )
      : null;
    const combined = liveEvidence
      ? combineVerdicts(reports?.verdict ?? null, liveEvidence, productId)
      : null;
    // Recorded before anything is printed, so the exit code can say it was not; the answer is printed either way.
    const unrecorded = liveEvidence
      ? await new AuditLog(resolveAuditPath(values.audit)).tryAppend(
          agreementAuditEntry(liveEvidence, {
            account: parsed.account,
            ...(productId ? { productId } : {}),
          }),
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
            verdict: combined?.verdict ?? verdict?.verdict ?? null,
            ...(combined
              ? { reportVerdict: verdict?.verdict ?? null, reasons: combined.reasons }
              : {}),
            asOf,
            freshness: reports?.freshness ?? null,
            // Every key always present (null when unknown), so scripts can rely on the shape.
            subscriptions: (verdict?.subscriptions ?? []).map(
              ({
                productId,
                productCode,
                productTitle,
                lastUsage,
                reportDate,
                verdict: v,
                reasons,
              }) => ({
                productId,
                productCode: productCode ?? null,
                productTitle: productTitle ?? null,
                lastUsage: lastUsage ?? null,
                reportDate: reportDate ?? null,
                verdict: v,
                reasons,
              }),
            ),
            rejectedRows: verdict?.rejectedRows ?? [],
            contacts: verdict?.contacts ?? [],
            // The same shape as `report inspect --json` gives: every problem, {file, line, severity, message}.
            problems,
            ...(liveEvidence ? { live: liveEvidence } : {}),
            // The feeds' own answer, apart from the reports' (null without a feed root).
            feeds: feeds ? feedsJson(feeds.entitlement, feeds.set) : null,
          },
          null,
          2,
        ),
      );
      if (code !== 0)
        io.err(`the live agreements could not be searched: ${liveEvidence?.error?.message}`);
      return exitRecorded(code, [unrecorded], io, SEARCH);
    }
    if (padded) io.out(`Warning: ${padded}`);
    if (reports) io.out(describeAccountEvidence(reports.verdict, asOf, reports.freshness));
    if (feeds) io.out(describeFeedEntitlement(feeds.entitlement, feeds.set) + dayMeans(asOfOption));
    // The answer is what gets pasted into a ticket: its problems name their reports as evidence does
    // (a feed's problems are already named under the feed root).
    const shared = [
      ...(reports?.problems ?? []).map((p) => ({ ...p, file: sharedName(p.file) })),
      ...feedProblems(sorted.feeds),
    ];
    if (shared.length > 0) io.out(describeProblems(shared, PROBLEMS_SHOWN));
    if (liveEvidence && combined)
      io.out(describeCombined(parsed.account, liveEvidence, combined, moment, reports !== null));
    if (code !== 0)
      io.err(`the live agreements could not be searched: ${liveEvidence?.error?.message}`);
    return exitRecorded(code, [unrecorded], io, SEARCH);
  },
});

const SEARCH = { evidence: () => 'the search is', again: 'search again' };

/** `lookup --company TEXT` / `--email-domain DOMAIN`: the feeds' accounts that match, each with its verdict. */
async function whoIsCalling(
  values: {
    company?: string;
    'email-domain'?: string;
    reports?: string[];
    live?: boolean;
    json?: boolean;
    profile?: string;
    region?: string;
    'as-of'?: string;
  },
  positionals: string[],
  at: FeedMoment,
  io: { out(text: string): void; err(text: string): void },
): Promise<number> {
  const { company, 'email-domain': typedDomain } = values;
  if (company !== undefined && typedDomain !== undefined)
    throw new UsageError('give --company or --email-domain, not both');
  if (positionals.some((p) => parseTypedAccount(p).ok && !p.includes('/')))
    throw new UsageError(
      'give either an ACCOUNT or --company/--email-domain: the search lists the accounts it finds',
    );
  if (values.live)
    throw new UsageError('--live goes with an ACCOUNT (it asks AWS Marketplace about one account)');
  const domain = typedDomain === undefined ? undefined : emailDomainOf(typedDomain);
  if (typedDomain !== undefined && domain === undefined)
    throw new UsageError(
      `--email-domain "${typedDomain.slice(0, 80)}" is not an e-mail domain: give one such as example.com, or the customer's e-mail address`,
    );
  if (company !== undefined && company.trim() === '')
    throw new UsageError("--company is empty: give part of the customer's company name");
  const paths = [...(values.reports ?? []), ...positionals];
  if (paths.length === 0) throw noFeedRoot(company !== undefined ? '--company' : '--email-domain');
  const sorted = await readFeedPaths(paths, {
    aws: s3Settings(values),
    focus: company !== undefined ? { company } : { emailDomain: domain },
  });
  if (!sorted.feeds) throw noFeedRoot(company !== undefined ? '--company' : '--email-domain');
  if (sorted.reportPaths.length > 0)
    io.err(
      `not searched (reports name no company or e-mail domain): ${sorted.reportPaths.join(', ')}`,
    );
  const matches =
    company !== undefined
      ? searchFeedsByCompany(sorted.feeds, company, at)
      : searchFeedsByEmailDomain(sorted.feeds, domain!, at);
  const problems = feedProblems(sorted.feeds);
  if (values.json) {
    io.out(
      JSON.stringify(
        {
          company: company ?? null,
          emailDomain: domain ?? null,
          asOf: at.asOf,
          knownAt: at.knownAt ?? null,
          matches: matchesJson(matches),
          problems,
        },
        null,
        2,
      ),
    );
    return 0;
  }
  io.out(
    describeFeedMatches(
      company !== undefined ? `company "${company}"` : `e-mail domain ${domain}`,
      matches,
      sorted.feeds,
    ) + dayMeans(values['as-of']),
  );
  if (problems.length > 0) io.out(describeProblems(problems, PROBLEMS_SHOWN));
  return 0;
}

/** --as-of and --known-at as the feeds' moment; a mistake is a UsageError that says what to type. */
function feedMomentOption(
  asOf: string | undefined,
  knownAt: string | undefined,
  now: Date,
): FeedMoment {
  try {
    return feedMoment(
      { ...(asOf !== undefined ? { asOf } : {}), ...(knownAt !== undefined ? { knownAt } : {}) },
      now,
    );
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** Said under the answer when --as-of was a day: which instant it stood for. */
function dayMeans(asOf: string | undefined): string {
  return asOf !== undefined && isIsoDay(asOf)
    ? `\n(--as-of ${asOf} is a day: it means its end, ${asOf} 23:59:59 UTC)`
    : '';
}

function noFeedRoot(option: string): UsageError {
  return new UsageError(
    `${option} needs a Seller Delivery Data Feeds root among the paths: give --reports FOLDER (or s3://BUCKET/PREFIX/) holding accountfeed_v1/, agreementfeed_v1/, ... as AWS delivers them`,
  );
}

/** The feeds' problems as every problem is printed: `agreementfeed_v1/year=2026/month=11/data.csv`, its line, error. */
function feedProblems(set: FeedSet | undefined): Problem[] {
  return (set?.problems ?? []).map((p) => ({
    file: p.file,
    line: p.line,
    severity: 'error' as const,
    message: p.message,
  }));
}

/** The API's pattern for a ResourceIdentifier filter value. */
const PRODUCT_ID = /^[A-Za-z0-9+:_-]{1,64}$/;

interface ReportsJudgement {
  verdict: AccountVerdict;
  freshness: Freshness;
  problems: Problem[];
}

async function judgeReports(
  paths: string[],
  account: string,
  asOf: string,
  policy: EligibilityPolicy,
  aws: AwsSettings,
): Promise<ReportsJudgement> {
  const { store, problems } = await loadSubscriptionReports(paths, { asOf, aws });
  return {
    verdict: judgeAccount(store, account, asOf, policy),
    freshness: reportFreshness(store, asOf, policy),
    problems,
  };
}

/** The live source, then the verdict with both sources heard and why. */
function describeCombined(
  account: string,
  live: LiveEvidence,
  combined: ReturnType<typeof combineVerdicts>,
  moment: JudgingMoment,
  withReports: boolean,
): string {
  const heading = withReports
    ? 'With the reports and the live agreements'
    : 'From the live agreements alone (no reports given)';
  return [
    describeLive(live),
    `${heading}: account ${account} is ${combined.verdict.toUpperCase()} (at ${describeMoment(moment)})`,
    ...combined.reasons.map((r) => `  - ${r}`),
  ].join('\n');
}

/** The team's policy, as the extension applies it; a broken playbook is said on stderr and the default applies. */
async function playbookPolicy(
  file: string,
  warn: (text: string) => void,
): Promise<EligibilityPolicy> {
  const { playbook, problems } = await loadPlaybook(file);
  for (const p of problems) warn(problemLine(p));
  return {
    lastUsageDays: playbook.eligibility.lastUsageDays,
    goodFaithDays: playbook.eligibility.goodFaithDays,
  };
}

function lastUsageDays(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d{1,4}$/.test(raw))
    throw new UsageError(`--last-usage-days "${raw}" must be a whole number of days, e.g. 30`);
  return Number(raw);
}
