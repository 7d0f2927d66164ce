// Live agreements from AWS Marketplace beside the daily reports: what the agreements say on their own,
// and how they change the account's verdict. The reports lag behind a new purchase (the good-faith
// window); an ACTIVE purchase agreement is proof that does not. Pure: no SDK, no clock.
import type { ConfirmationErrorKind } from '../confirmations';
import { describeInstant } from '../dates';
import type { AccountVerdict, Verdict } from '../domain';

/** One purchase agreement as SearchAgreements gave it. Times are ISO 8601 (UTC); endTime is null for pay-as-you-go. */
export interface LiveAgreement {
  agreementId: string;
  /** ACTIVE, EXPIRED, CANCELLED, TERMINATED, RENEWED, REPLACED, ... as the service names it. */
  status: string;
  /** The first resource of the agreement's proposal (the product id, prod-...), or null when it names none. */
  productId: string | null;
  offerId: string | null;
  startTime: string | null;
  endTime: string | null;
}

/** `active`: an ACTIVE agreement started by the moment judged at; `none`: no such agreement; `error`: the search failed. */
export type LiveVerdict = 'active' | 'none' | 'error';

/** The live source as `lookup --json` gives it under `live`. */
export interface LiveEvidence {
  source: 'marketplace-agreement';
  verdict: LiveVerdict;
  agreements: LiveAgreement[];
  error?: { kind: ConfirmationErrorKind; message: string };
  /** Always us-east-1: the Agreement Service lives there whatever the profile's region. */
  region: 'us-east-1';
  /** Where the search went: the configured endpoint URL, or AWS's own. */
  endpoint: string;
  /** One per page asked (and the failed attempt's, when AWS gave one), in order. */
  requestIds: string[];
  /** Only when the last request id is not the Agreement Service's: 'sts' when STS refused the profile's role. */
  requestIdService?: 'sts';
  /** When the search finished, ISO 8601. */
  checkedAt: string;
  /**
   * The moment the agreements were judged at, ISO 8601 UTC: the search's own time with no as-of day,
   * the end of the as-of day in UTC (…T23:59:59.999Z) with one.
   */
  judgedAt: string;
  profile: string | null;
}

/**
 * The agreement that makes the account `active` for `productId` (any product when undefined) at the
 * instant `at` (ISO 8601), if any: ACTIVE and started by then. Instants, not days, are compared, so the
 * answer does not depend on the engineer's time zone.
 */
export function activeAgreement(
  agreements: readonly LiveAgreement[],
  productId: string | undefined,
  at: string,
): LiveAgreement | undefined {
  const moment = Date.parse(at);
  return agreements
    .filter(
      (a) => a.status === 'ACTIVE' && a.startTime !== null && Date.parse(a.startTime) <= moment,
    )
    .filter((a) => productId === undefined || a.productId === productId)
    .sort((a, b) => (a.startTime ?? '').localeCompare(b.startTime ?? ''))[0];
}

/** The live verdict of a finished search (an error is decided by the caller, who saw it). */
export function liveVerdictOf(
  agreements: readonly LiveAgreement[],
  productId: string | undefined,
  at: string,
): 'active' | 'none' {
  return activeAgreement(agreements, productId, at) ? 'active' : 'none';
}

/** The top-level verdict once both sources are heard, and the reasons the live source adds to it. */
export interface CombinedVerdict {
  verdict: Verdict;
  reasons: string[];
}

/**
 * Combines the reports' verdict (null when no reports were given) with the live evidence, judged at
 * `live.judgedAt`:
 * - unlisted, or listed only in an older report, with an active agreement: `eligible`, naming the agreement and its start;
 * - listed, with agreements that have all ended: the reports' verdict stands, and a reason names the day the last one ended;
 * - no reports: `eligible` with an active agreement, else `unlisted` (a failed search says so, the caller exits 1).
 */
export function combineVerdicts(
  report: AccountVerdict | null,
  live: LiveEvidence,
  productId: string | undefined,
): CombinedVerdict {
  const scope = productId ? `for ${productId}` : 'for any product';
  if (live.verdict === 'error') {
    return {
      verdict: report?.verdict ?? 'unlisted',
      reasons: [
        `The live agreements could not be searched (${live.error?.message ?? 'unknown error'}); the verdict is the reports' alone.`,
      ],
    };
  }
  const active = activeAgreement(live.agreements, productId, live.judgedAt);
  if (active) {
    const proof = `AWS Marketplace agreement ${active.agreementId} ${scope === 'for any product' ? `(product ${active.productId ?? 'not named'})` : scope} is ACTIVE since ${describeInstant(active.startTime ?? '')}`;
    const listed =
      report !== null && report.verdict !== 'unlisted' && report.verdict !== 'not-in-latest-report';
    if (listed) return { verdict: report.verdict, reasons: [`${proof}.`] };
    const why =
      report === null
        ? 'no reports were given'
        : report.verdict === 'unlisted'
          ? 'the reports do not list the account yet'
          : 'only an older report lists the account';
    return { verdict: 'eligible', reasons: [`${proof}: eligible although ${why}.`] };
  }
  const ended = endedOn(live.agreements, productId);
  const reasons = ended
    ? [
        `Every AWS Marketplace agreement ${scope} has ended; the last one (${ended.agreementId}, ${ended.status}) ended on ${ended.endTime?.slice(0, 10)}.`,
      ]
    : live.agreements.length > 0
      ? [
          `No AWS Marketplace agreement ${scope} was ACTIVE at ${describeInstant(live.judgedAt)} (${live.agreements.length} found, none active and started by then).`,
        ]
      : [`AWS Marketplace has no purchase agreement of this account ${scope}.`];
  return { verdict: report?.verdict ?? 'unlisted', reasons };
}

/** The agreement that ended last, when every agreement in scope has ended (none ACTIVE, each with an end). */
function endedOn(
  agreements: readonly LiveAgreement[],
  productId: string | undefined,
): LiveAgreement | undefined {
  const inScope = agreements.filter((a) => productId === undefined || a.productId === productId);
  if (inScope.length === 0 || inScope.some((a) => a.status === 'ACTIVE' || a.endTime === null))
    return undefined;
  return [...inScope].sort((a, b) => (b.endTime ?? '').localeCompare(a.endTime ?? ''))[0];
}

/**
 * The live source in a few lines for the text output (and the case, the tooltip, Find Account):
 * verdict, where it was asked, each agreement, time, profile and request ids. `about` names what was
 * searched ("account 111122223333, any product") when the text stands on its own.
 */
export function describeLive(live: LiveEvidence, about?: string): string {
  const lines = [
    `Live agreements${about ? ` of ${about}` : ''} (AWS Marketplace Agreement Service, ${live.region}, ${live.endpoint}): ${live.verdict.toUpperCase()}`,
  ];
  if (live.error) lines.push(`  error (${live.error.kind}): ${live.error.message}`);
  for (const a of live.agreements) {
    lines.push(
      `  ${a.agreementId}: ${a.status}, product ${a.productId ?? '(none named)'}, offer ${a.offerId ?? '(none)'}, ${a.startTime ?? '?'} to ${a.endTime ?? 'no end (pay-as-you-go)'}`,
    );
  }
  if (!live.error && live.agreements.length === 0) lines.push('  no purchase agreements found');
  lines.push(
    `  asked at ${live.checkedAt} as profile ${live.profile ?? '(default chain)'}; request ids: ${live.requestIds.join(', ') || 'none'}${live.requestIdService === 'sts' ? " (STS's, for AssumeRole: the Agreement Service was not asked)" : ''}`,
  );
  return lines.join('\n');
}
