// The look vocabulary of every view, in one place: the icons, the verdict and confirmation looks, the
// words a verdict is said in. Pure (no 'vscode'), so the words and icons are unit-tested; a provider
// maps a NodeLook onto a TreeItem, the panel takes the words.
import { VERDICT_LOOK as SHARED_LOOK } from '../shared/verdict-look';
import { askedAs, type AuditEntry } from '../core/audit';
import type { ConfirmationResult, ConfirmationVerdict } from '../core/confirmations';
import type { Verdict } from '../core/domain';
import { describeRecordedEvidence, type RecordedEvidence } from '../core/eligibility';
import { escapeMarkdown, inlineCode } from '../core/text';

/** A codicon by `id`, tinted by the theme colour id `color` (none: the theme's foreground). */
export interface Icon {
  id: string;
  color?: string;
}

/** How one tree row looks: what a provider turns into a TreeItem (`collapsible`: it has children). */
export interface NodeLook {
  label: string;
  description?: string;
  /** Markdown. */
  tooltip?: string;
  icon: Icon;
  contextValue: string;
  collapsible: boolean;
}

/** The tree's look of each verdict: the panel's (src/shared/verdict-look.ts), as a tinted icon. */
export const VERDICT_LOOK = Object.fromEntries(
  Object.entries(SHARED_LOOK).map(([verdict, look]) => [
    verdict,
    { icon: { id: look.icon, color: look.color }, words: look.words },
  ]),
) as Record<Verdict, { icon: Icon; words: string }>;

/** Per confirmation verdict: its tinted icon and the words the view and the panel say it in. */
export const CONFIRMATION_LOOK: Record<ConfirmationVerdict, { icon: Icon; words: string }> = {
  confirmed: { icon: { id: 'verified-filled', color: 'testing.iconPassed' }, words: 'confirmed' },
  'owner-mismatch': {
    icon: { id: 'warning', color: 'list.warningForeground' },
    words: 'owner mismatch',
  },
  'not-attached': {
    icon: { id: 'circle-slash', color: 'list.errorForeground' },
    words: 'product code not attached',
  },
  error: { icon: { id: 'error', color: 'list.errorForeground' }, words: 'error' },
};

/**
 * How the Confirmations view (and the panel's history) lists one row of the audit log: a confirmation,
 * an identity document or a live agreement search, or the count of older rows the view leaves out.
 * Every value from the log is shown as text (escaped Markdown).
 */
export function confirmationLook(
  node:
    | { kind: 'confirmation'; id: string; entry: AuditEntry }
    | { kind: 'older'; id: string; count: number },
): NodeLook {
  if (node.kind === 'older') {
    return {
      label: `${node.count.toLocaleString('en-US')} older confirmation${node.count === 1 ? '' : 's'}`,
      description: 'open the audit log',
      icon: { id: 'history' },
      contextValue: 'older',
      collapsible: false,
    };
  }
  const e = node.entry;
  if (e.source === 'marketplace-agreement') return agreementSearchLook(e);
  const look = CONFIRMATION_LOOK[e.verdict];
  // An identity document verified offline proves the same as ConfirmProductInstance, by another path: say which.
  const offline = e.source === 'identity-document';
  const what = `${e.verdict === 'error' ? `error: ${e.errorKind ?? 'unknown'}` : look.words}${offline ? ' (identity document)' : ''}`;
  const owner = e.ownerId
    ? `owner ${e.ownerId}`
    : e.claimedAccount
      ? `claimed ${e.claimedAccount}`
      : undefined;
  return {
    label: e.instanceId,
    description: [what, owner, e.region, e.time.slice(0, 16).replace('T', ' ')]
      .filter(Boolean)
      .join(' · '),
    tooltip: [
      `**${escapeMarkdown(e.instanceId)}**: ${what}`,
      [
        // The audit log also keeps malformed input as typed: every value is shown as text.
        `Product code: ${inlineCode(e.productCode)}`,
        `Claimed account: ${escapeMarkdown(e.claimedAccount ?? 'none')}`,
        `Owner (from EC2): ${escapeMarkdown(e.ownerId ?? 'not reported')}`,
        `Region: ${escapeMarkdown(e.region ?? 'unknown')}`,
        `Profile: ${escapeMarkdown(askedAs(e) ?? 'default credential chain')}`,
        `Checked: ${e.time}`,
        offline
          ? `Proven offline by the instance identity document, signed by AWS's ${escapeMarkdown(e.certificate ?? 'unknown')} certificate`
          : `Request id: ${escapeMarkdown(e.requestId ?? 'none (not sent or no answer)')}`,
      ].join('  \n'),
    ].join('\n\n'),
    icon: look.icon,
    contextValue: 'confirmation',
    collapsible: false,
  };
}

/**
 * The verdict as a notification says it: one sentence a person reads at a glance. The request id and
 * time stay in the evidence (Copy Evidence, the audit log, the Confirmations tooltip).
 */
export function verdictMessage(
  r: Pick<
    ConfirmationResult,
    'verdict' | 'instanceId' | 'productCode' | 'ownerId' | 'claimedAccount' | 'region'
  > & { error?: { message: string } | null },
): string {
  const where = r.region ? ` (${r.region})` : '';
  switch (r.verdict) {
    case 'confirmed':
      return `Confirmed: ${r.instanceId} carries product code ${r.productCode} and is owned by ${r.ownerId ?? 'an unreported account'}${r.claimedAccount ? ', the claimed account' : ''}${where}.`;
    case 'owner-mismatch':
      return `Owner mismatch: ${r.instanceId} carries product code ${r.productCode} but is owned by ${r.ownerId}, not the claimed ${r.claimedAccount}${where}.`;
    case 'not-attached':
      return `Not attached: ${r.instanceId} does not carry product code ${r.productCode}${where}.`;
    case 'error':
      return `Could not confirm ${r.instanceId}: ${r.error?.message ?? 'unknown error'}`;
  }
}

/** The tooltip, then the recorded live agreement search and identity document as literal text (escaped Markdown). */
export function withRecorded(tooltip: string, recorded: RecordedEvidence | undefined): string {
  const paragraphs = recorded ? describeRecordedEvidence(recorded) : [];
  if (paragraphs.length === 0) return tooltip;
  // Line by line with hard breaks: what AWS or a customer's document said stays text, indentation and all.
  const shown = paragraphs.map((text) =>
    text
      .split('\n')
      .map((line) => escapeMarkdown(line.trim()))
      .join('  \n'),
  );
  return [tooltip, '**Recorded proof beyond the reports** (audit log)', ...shown].join('\n\n');
}

/**
 * How the Confirmations view lists a live agreement search from the audit log: the account and
 * product searched, the live verdict, each agreement, and the request ids, time and profile.
 */
export function agreementSearchLook(e: AuditEntry): NodeLook {
  const verdict = e.liveVerdict ?? 'error';
  const icon: Icon =
    verdict === 'active'
      ? { id: 'pass-filled', color: 'testing.iconPassed' }
      : verdict === 'none'
        ? { id: 'circle-slash' }
        : { id: 'error', color: 'list.errorForeground' };
  const first = e.agreements?.[0];
  return {
    // The account alone: a default-width side bar shows it whole; what was found leads the description.
    label: e.claimedAccount ?? 'unknown account',
    description: [
      `agreements ${verdict.toUpperCase()}${e.errorKind ? `: ${e.errorKind}` : ''}`,
      first && `${first.agreementId} from ${first.startTime?.slice(0, 10) ?? '?'}`,
      e.productId ?? 'any product',
      e.time.slice(0, 16).replace('T', ' '),
    ]
      .filter(Boolean)
      .join(' · '),
    tooltip: withRecorded(
      `**Live agreement search** (AWS Marketplace SearchAgreements): ${verdict}`,
      { live: e },
    ),
    icon,
    contextValue: 'agreement-search',
    collapsible: false,
  };
}
