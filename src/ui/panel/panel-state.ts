// What the Support Desk panel shows, as plain data for the webview: the playbook's sections and the
// answer to "Check a customer". Pure (no 'vscode'): unit-tested, and the host only posts it.
import { basename } from 'node:path';
import { askedAs, type AuditEntry } from '../../core/audit';
import { isGoodFaithRule, judgeAccount, judgeSubscription, reportFreshness } from '../../core/eligibility';
import { describeContact, describeAccountEvidence, describeIdentityEntry, describeLiveEntry, recordedEvidenceByAccount } from '../../core/evidence';
import { paddingWarning, parseTypedAccount } from '../../core/ids';
import type { EligibilityPolicy } from '../../core/domain';
import type { LoadedPlaybook } from '../../core/playbook/load';
import type { Playbook } from '../../core/playbook/types';
import type { SubscriptionStore } from '../../core/store';
import type { CheckInput, CheckResult, ConfirmationView, PanelState } from '../../shared/panel-protocol';
import { confirmationLook } from '../confirmations/confirmations-tree-model';
import { lineViews } from './line-views';

/** The reports as the panel sees them: the store, the day verdicts are judged for and the window. */
export interface Judging {
  store: SubscriptionStore;
  files: number;
  asOf: string;
  policy: EligibilityPolicy;
}

/** How many of an account's confirmations the check lists, newest first. */
export const RECENT_CONFIRMATIONS = 10;

export function panelState(loaded: LoadedPlaybook, judging: Judging | undefined, trusted: boolean, asOf: string): PanelState {
  const p: Playbook = loaded.playbook;
  const freshness = judging ? reportFreshness(judging.store, judging.asOf, judging.policy) : undefined;
  return {
    trusted,
    playbook: {
      name: p.name,
      origin:
        loaded.teamFile && loaded.overridden.length > 0
          ? `Team playbook ${loaded.teamFile} (its sections: ${loaded.overridden.join(', ')}) over the default playbook`
          : 'The default playbook shipped with the extension',
      problems: loaded.problems.filter((x) => x.severity === 'error').map((x) => `${x.file}:${x.line}: ${x.message}`),
      defaultLine: p.defaultLine,
      lines: lineViews(p),
    },
    reports: {
      loaded: judging !== undefined && judging.files > 0,
      files: judging?.files ?? 0,
      asOf: judging?.asOf ?? asOf,
      freshness: freshness?.message ?? 'no subscription reports loaded: load the daily reports (Support Desk: Load Reports...)',
      stale: freshness?.stale ?? true,
      products: mergeProducts(p, judging?.store),
    },
  };
}

/** Products from the reports first, then the playbook's that no report names. */
function mergeProducts(p: Playbook, store?: SubscriptionStore): { id: string; title?: string; code?: string }[] {
  const byId = new Map<string, { id: string; title?: string; code?: string }>();
  for (const x of store?.products() ?? []) byId.set(x.productId, { id: x.productId, title: x.productTitle, code: x.productCode });
  for (const x of p.products) if (!byId.has(x.id)) byId.set(x.id, { id: x.id, title: x.title, code: x.code });
  return [...byId.values()];
}

/** An audit entry as the panel lists it. */
export function confirmationView(entry: AuditEntry): ConfirmationView {
  const { ownerId, instanceId, productCode, verdict, region, requestId, time } = entry;
  return {
    time,
    instanceId,
    productCode,
    verdict,
    ownerId,
    region,
    profile: askedAs(entry),
    requestId,
    message: confirmationLook({ kind: 'confirmation', id: '', entry }).description ?? verdict,
  };
}

/**
 * The answer to "Check a customer": verdict, reasons and evidence from the reports, freshness, the
 * good-faith rule when unlisted, contacts, the account's recent confirmations (EC2 and identity
 * documents) and its newest recorded live agreement search and identity document. Throws a RangeError
 * with words for the engineer when the typed account is not an account number.
 */
export function checkAccount(input: CheckInput, judging: Judging | undefined, audit: readonly AuditEntry[]): CheckResult {
  const parsed = parseTypedAccount(input.account);
  if (!parsed.ok) throw new RangeError(`${parsed.reason}; type the 12-digit AWS account number (dashes and spaces are fine)`);
  const account = parsed.account;
  const padded = paddingWarning(input.account);
  const warnings = padded ? [padded] : [];
  const recentConfirmations = audit
    .filter((e) => e.source !== 'marketplace-agreement' && (e.ownerId === account || e.claimedAccount === account))
    .slice(-RECENT_CONFIRMATIONS)
    .reverse()
    .map(confirmationView);
  const newest = recordedEvidenceByAccount(audit).get(account) ?? {};
  const recorded = {
    ...(newest.live ? { live: describeLiveEntry(newest.live) } : {}),
    ...(newest.identity ? { identity: describeIdentityEntry(newest.identity) } : {}),
  };
  if (!judging || judging.files === 0) {
    const freshness = 'no subscription reports loaded: load the daily reports (Support Desk: Load Reports...)';
    return {
      account,
      warnings,
      verdict: null,
      subscriptions: [],
      freshness,
      stale: true,
      contacts: [],
      recentConfirmations,
      recorded,
      evidenceText: `Account ${account}: no subscription reports loaded`,
    };
  }
  const verdict = judgeAccount(judging.store, account, judging.asOf, judging.policy);
  const freshness = reportFreshness(judging.store, judging.asOf, judging.policy);
  // A product named narrows the answer to that product (judged even when the account lacks it).
  const judged = input.productId
    ? [
        verdict.subscriptions.find((s) => s.productId === input.productId) ??
          judgeSubscription(judging.store, account, input.productId, judging.asOf, judging.policy),
      ]
    : verdict.subscriptions;
  const subscriptions = judged.map((s) => ({
    productId: s.productId,
    productTitle: s.productTitle,
    productCode: s.productCode,
    verdict: s.verdict,
    // The good-faith rule is said once, above the products.
    reasons: verdict.goodFaith ? s.reasons.filter((r) => !isGoodFaithRule(r)) : s.reasons,
    evidence: s.evidence.map((e) => ({ file: e.file, line: e.line, label: `${basename(e.file)}:${e.line}` })),
  }));
  return {
    account,
    warnings,
    verdict: input.productId ? judged[0].verdict : verdict.verdict,
    subscriptions,
    freshness: freshness.message,
    stale: freshness.stale,
    goodFaith: verdict.goodFaith,
    contacts: verdict.contacts.map(describeContact),
    recentConfirmations,
    recorded,
    evidenceText: [...warnings, describeAccountEvidence(verdict, judging.asOf, freshness)].join('\n'),
  };
}
