// What the Support Desk panel shows, as plain data for the webview: the playbook's sections and the
// answer to "Check a customer". Pure (no 'vscode'): unit-tested, and the host only posts it.
import { askedAs, type AuditEntry } from '../../core/audit';
import { isGoodFaithRule } from '../../core/eligibility';
import {
  describeContact,
  describeAccountEvidence,
  describeIdentityEntry,
  describeLiveEntry,
  recordedEvidenceByAccount,
} from '../../core/eligibility';
import { paddingWarning, parseTypedAccount } from '../../core/ids';
import { UserFacingError } from '../../core/user-facing-error';
import { sharedName, withoutLocalPaths } from '../../core/eligibility';
import type { Judgement } from '../../core/judging';
import type { LoadedPlaybook } from '../../core/playbook';
import type { Playbook } from '../../core/playbook';
import type { SubscriptionStore } from '../../core/reports';
import type {
  CheckInput,
  CheckResult,
  ConfirmationView,
  PanelState,
} from '../../shared/panel-protocol';
import { confirmationLook, verdictMessage } from '../looks';
import { lineViews } from './line-views';

/** How many of an account's confirmations the check lists, newest first. */
export const RECENT_CONFIRMATIONS = 10;

/**
 * The panel's playbook sections and reports status. `workspace` (the first folder, absolute) names the
 * team playbook and its problems relative to it, as the header shows them (never a local absolute path).
 */
export function panelState(
  loaded: LoadedPlaybook,
  judgement: Judgement | undefined,
  trusted: boolean,
  asOf: string,
  workspace?: string,
): PanelState {
  const p: Playbook = loaded.playbook;
  const reports = judgement?.sources.reports;
  const freshness = judgement?.freshness().reports?.answer;
  return {
    trusted,
    playbook: {
      name: p.name,
      origin:
        loaded.teamFile && loaded.overridden.length > 0
          ? `Team playbook ${sharedName(loaded.teamFile, workspace)} (its sections: ${loaded.overridden.join(', ')}) over the default playbook`
          : 'The default playbook shipped with the extension',
      problems: loaded.problems
        .filter((x) => x.severity === 'error')
        .map((x) => `${sharedName(x.file, workspace)}:${x.line}: ${x.message}`),
      defaultLine: p.defaultLine,
      lines: lineViews(p),
    },
    reports: {
      loaded: reports !== undefined && reports.files > 0,
      files: reports?.files ?? 0,
      asOf: reports ? judgement.on.day : asOf,
      freshness:
        freshness?.message ??
        'no subscription reports loaded: load the daily reports (Support Desk: Load Reports...)',
      stale: freshness?.stale ?? true,
      products: mergeProducts(p, reports?.store),
    },
  };
}

/** Products from the reports first, then the playbook's that no report names. */
function mergeProducts(
  p: Playbook,
  store?: SubscriptionStore,
): { id: string; title?: string; code?: string }[] {
  const byId = new Map<string, { id: string; title?: string; code?: string }>();
  for (const x of store?.products() ?? [])
    byId.set(x.productId, { id: x.productId, title: x.productTitle, code: x.productCode });
  for (const x of p.products)
    if (!byId.has(x.id)) byId.set(x.id, { id: x.id, title: x.title, code: x.code });
  return [...byId.values()];
}

/** A recorded ConfirmProductInstance answer as the eligibility case carries it: the verdict, its request id, time and profile. */
export function describeConfirmation(entry: AuditEntry): string {
  const view = confirmationView(entry);
  return `ConfirmProductInstance: ${view.message} (request ${view.requestId ?? 'none'}, ${entry.time}, profile ${view.profile ?? 'default chain'})`;
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
    message:
      entry.source === 'identity-document'
        ? (confirmationLook({ kind: 'confirmation', id: '', entry }).description ?? verdict)
        : verdictMessage({
            ...entry,
            error: entry.errorKind
              ? { message: withoutLocalPaths(entry.errorMessage ?? entry.errorKind) }
              : null,
          }),
  };
}

/**
 * The answer to "Check a customer": verdict, reasons and evidence from the reports, freshness, the
 * good-faith rule when unlisted, contacts, the account's recent confirmations (EC2 and identity
 * documents) and its newest recorded ConfirmProductInstance answer, live agreement search and identity
 * document; `sequence` is the host's count of answers (CheckResult.sequence). Throws a UserFacingError
 * with words for the engineer when the typed account is not an account number.
 */
export function checkAccount(
  input: CheckInput,
  judgement: Judgement | undefined,
  audit: readonly AuditEntry[],
  sequence: number,
): CheckResult {
  const parsed = parseTypedAccount(input.account);
  if (!parsed.ok)
    throw new UserFacingError(
      `${parsed.reason}; type the 12-digit AWS account number (dashes and spaces are fine)`,
    );
  const account = parsed.account;
  const padded = paddingWarning(input.account);
  const warnings = padded ? [padded] : [];
  const ofAccount = audit.filter(
    (e) =>
      e.source !== 'marketplace-agreement' &&
      (e.ownerId === account || e.claimedAccount === account),
  );
  const recentConfirmations = ofAccount
    .slice(-RECENT_CONFIRMATIONS)
    .reverse()
    .map(confirmationView);
  const newest = recordedEvidenceByAccount(audit).get(account) ?? {};
  const confirmed = ofAccount
    .filter((e) => (e.source ?? 'confirm-product-instance') === 'confirm-product-instance')
    .at(-1);
  const recorded = {
    ...(confirmed ? { confirmation: describeConfirmation(confirmed) } : {}),
    ...(newest.live ? { live: describeLiveEntry(newest.live) } : {}),
    ...(newest.identity ? { identity: describeIdentityEntry(newest.identity) } : {}),
  };
  const reports = judgement?.sources.reports;
  const heard = judgement?.account(account).reports;
  if (!judgement || !reports || !heard || reports.files === 0) {
    const freshness =
      'no subscription reports loaded: load the daily reports (Support Desk: Load Reports...)';
    return {
      sequence,
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
  const verdict = heard.answer;
  const freshness = judgement.freshness().reports!.answer;
  // A product named narrows the answer to that product (judged even when the account lacks it).
  const judged = input.productId
    ? [
        verdict.subscriptions.find((s) => s.productId === input.productId) ??
          judgement.subscription(account, input.productId).reports!.answer,
      ]
    : verdict.subscriptions;
  // "Account ... is not listed for <product> in any loaded report" is said once, above the products it is true of.
  const notListedFor = `Account ${account} is not listed for `;
  const unlisted = judged.filter((s) => s.verdict === 'unlisted').length;
  const subscriptions = judged.map((s) => ({
    productId: s.productId,
    productTitle: s.productTitle,
    productCode: s.productCode,
    verdict: s.verdict,
    // The good-faith rule is said once, above the products.
    reasons: s.reasons.filter(
      (r) =>
        !(verdict.goodFaith && isGoodFaithRule(r)) &&
        !(s.verdict === 'unlisted' && r.startsWith(notListedFor)),
    ),
    evidence: s.evidence.map((e) => ({
      file: e.file,
      line: e.line,
      label: `${sharedName(e.file)}:${e.line}`,
    })),
    newestReport: reports.store.productInfo(s.productId)?.latestReportDate,
  }));
  return {
    sequence,
    account,
    warnings,
    verdict: input.productId ? judged[0].verdict : verdict.verdict,
    subscriptions,
    freshness: freshness.message,
    stale: freshness.stale,
    goodFaith: verdict.goodFaith,
    ...(unlisted
      ? {
          notListed: `Account ${account} is not listed in any loaded report for ${unlisted === 1 ? 'this product' : `these ${unlisted} products`} (each with the date of its newest report):`,
        }
      : {}),
    contacts: verdict.contacts.map(describeContact),
    recentConfirmations,
    recorded,
    evidenceText: [...warnings, describeAccountEvidence(verdict, judgement.on.day, freshness)].join(
      '\n',
    ),
  };
}
