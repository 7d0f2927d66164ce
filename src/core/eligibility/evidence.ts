// An account's verdict as plain text: what `lookup` prints, what "Copy evidence" copies and what
// an eligibility case carries. One wording, so the three never disagree. The same for the proof
// recorded in the audit log beyond the reports: live agreements and identity documents.
import type { AuditEntry } from '../audit';
import { isGoodFaithRule, type Freshness } from './eligibility';
import type { AccountVerdict, SupportContact } from '../domain';
import { describeLive, type LiveEvidence } from '../agreements';
import { withoutLocalPaths } from './shared-name';

/**
 * "Account 111122223333: ELIGIBLE (as of 2026-11-22)" and, per product, its verdict and reasons
 * (each naming file:line, report date and last usage), then the good-faith rule once when it applies.
 * Lines joined with "\n", no trailing newline.
 */
export function describeVerdict(verdict: AccountVerdict, asOf: string): string {
  const lines = [`Account ${verdict.account}: ${verdict.verdict.toUpperCase()} (as of ${asOf})`];
  if (verdict.subscriptions.length === 0) lines.push('  no products in the reports');
  for (const s of verdict.subscriptions) {
    const ids = [
      s.productTitle ? s.productId : undefined,
      s.productCode && `product code ${s.productCode}`,
    ]
      .filter(Boolean)
      .join(', ');
    lines.push(`  ${s.productTitle ?? s.productId}${ids ? ` (${ids})` : ''}: ${s.verdict}`);
    for (const reason of s.reasons) if (!isGoodFaithRule(reason)) lines.push(`    - ${reason}`);
  }
  if (verdict.goodFaith) lines.push(verdict.goodFaith);
  if (verdict.contacts.length > 0)
    lines.push('Support contacts:', ...verdict.contacts.map((c) => `  ${describeContact(c)}`));
  return lines.join('\n');
}

/** The verdict, then the freshness of the reports behind it: the evidence an engineer copies or files. */
export function describeAccountEvidence(
  verdict: AccountVerdict,
  asOf: string,
  freshness: Freshness,
): string {
  return `${describeVerdict(verdict, asOf)}\nReports: ${freshness.message}${freshness.stale ? ' (stale)' : ''}`;
}

/** "Jane Doe for prod-x: jane@example.com; +1 555 0100; Acme" from a Product Support Connection row. */
export function describeContact(c: SupportContact): string {
  const name = [c.givenName, c.surname].filter(Boolean).join(' ') || '(no name)';
  const details = [
    c.email,
    c.telephone,
    c.organization?.replace(/\s*\n\s*/g, ', '),
    c.title,
    c.countryCode,
  ]
    .filter(Boolean)
    .join('; ');
  return `${name} for ${c.productId}${details ? `: ${details}` : ''}`;
}

/** The newest live agreement search and identity document the audit log holds for one account. */
export interface RecordedEvidence {
  live?: AuditEntry;
  identity?: AuditEntry;
}

/**
 * The newest recorded evidence beyond the reports, per account, from audit entries oldest first: an
 * agreement search counts for the account searched; an identity document for its owner and for the
 * account the customer claimed (where a mismatch is the news). Confirmations are left out: the panel
 * and the Confirmations view list those.
 */
export function recordedEvidenceByAccount(
  entries: readonly AuditEntry[],
): Map<string, RecordedEvidence> {
  const byAccount = new Map<string, RecordedEvidence>();
  const note = (account: string | null, key: keyof RecordedEvidence, entry: AuditEntry) => {
    if (account === null) return;
    byAccount.set(account, { ...byAccount.get(account), [key]: entry });
  };
  for (const e of entries) {
    if (e.source === 'marketplace-agreement') note(e.claimedAccount, 'live', e);
    if (e.source !== 'identity-document') continue;
    note(e.ownerId, 'identity', e);
    if (e.claimedAccount !== e.ownerId) note(e.claimedAccount, 'identity', e);
  }
  return byAccount;
}

/** The recorded evidence as paragraphs of plain text, live agreements first; empty when there is none. */
export function describeRecordedEvidence(recorded: RecordedEvidence): string[] {
  return [
    recorded.live && describeLiveEntry(recorded.live),
    recorded.identity && describeIdentityEntry(recorded.identity),
  ].filter((x): x is string => Boolean(x));
}

/** A recorded agreement search, worded as `lookup --live` words it, naming the account and product searched. */
export function describeLiveEntry(e: AuditEntry): string {
  const live: LiveEvidence = {
    source: 'marketplace-agreement',
    verdict: e.liveVerdict ?? 'error',
    agreements: e.agreements ?? [],
    ...(e.errorKind
      ? {
          error: {
            kind: e.errorKind,
            message: withoutLocalPaths(e.errorMessage ?? 'not recorded'),
          },
        }
      : {}),
    region: 'us-east-1',
    endpoint: e.endpoint ?? '(endpoint not recorded)',
    requestIds: e.requestIds ?? (e.requestId ? [e.requestId] : []),
    checkedAt: e.time,
    // The audit line does not keep the moment judged at; describeLive does not print it.
    judgedAt: e.time,
    profile: e.profile,
  };
  return describeLive(
    live,
    `account ${e.claimedAccount ?? '(unknown)'}, ${e.productId ? `product ${e.productId}` : 'any product'}`,
  );
}

/**
 * A recorded identity document, its two facts apart: whether AWS signed it (by which certificate),
 * and whether it confirms the product and account; then the instance and every check. Lines written
 * before `verified` was recorded are read from their certificate and verdict.
 */
export function describeIdentityEntry(e: AuditEntry): string {
  const signed = e.verified ?? (e.certificate != null && e.verdict !== 'error');
  const confirmation =
    e.verdict === 'confirmed'
      ? e.productCode
        ? `CONFIRMED (runs product ${e.productCode})`
        : 'NO PRODUCT CHECKED'
      : signed
        ? `NOT A CONFIRMATION (${e.verdict === 'not-attached' ? `does not run product ${e.productCode}` : e.verdict})`
        : 'NOT A CONFIRMATION';
  const lines = [
    `Instance identity document (checked offline with AWS's certificates, no AWS call): ${signed ? 'AUTHENTIC' : 'NOT SIGNED BY AWS'}, ${confirmation}`,
    `  certificate: ${e.certificate ?? "none of AWS's certificates verified the signature"}`,
    `  instance ${e.instanceId || '(unknown)'}, owner ${e.ownerId ?? '(unknown)'}, claimed ${e.claimedAccount ?? '-'}, region ${e.region ?? '(unknown)'}, product code ${e.productCode || '(not checked)'}`,
    ...(e.checks ?? []).map((c) => `  ${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`),
    `  recorded at ${e.time}; no AWS profile (offline)`,
  ];
  return lines.join('\n');
}

/**
 * The recorded evidence in one or two sentences, for a notification: the live verdict with the first
 * active (else first) agreement and its start, the identity document's outcome and certificate, each
 * with its time, profile and request id. "No live agreement search or identity document recorded." when none.
 */
export function summarizeRecordedEvidence(r: RecordedEvidence): string {
  const parts: string[] = [];
  if (r.live) {
    const e = r.live;
    const agreement = e.agreements?.find((a) => a.status === 'ACTIVE') ?? e.agreements?.[0];
    const what =
      e.liveVerdict === 'error' || !e.liveVerdict
        ? `ERROR (${e.errorKind ?? 'unknown'})`
        : `${e.liveVerdict.toUpperCase()}${agreement ? `, ${agreement.agreementId} (${agreement.status}) from ${agreement.startTime?.slice(0, 10) ?? '?'}` : ''}`;
    parts.push(
      `Live agreements${e.productId ? ` for ${e.productId}` : ''}: ${what} (${when(e.time)}, profile ${e.profile ?? 'default chain'}, request ${e.requestId ?? 'none'}).`,
    );
  }
  if (r.identity) {
    const e = r.identity;
    const signed = e.verified ?? (e.certificate != null && e.verdict !== 'error');
    const what = !signed
      ? 'not signed by AWS'
      : `authentic (${e.certificate}), ${e.verdict !== 'confirmed' ? `not a confirmation (${e.verdict})` : e.productCode ? `confirmed (runs ${e.productCode})` : 'no product checked'}`;
    parts.push(
      `Identity document of ${e.instanceId || 'an unknown instance'}: ${what} (${when(e.time)}, offline).`,
    );
  }
  return parts.join(' ') || 'No live agreement search or identity document recorded.';
}

/** "2026-11-30 12:00 UTC" from an ISO 8601 time. */
function when(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}
