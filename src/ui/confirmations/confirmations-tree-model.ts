// The Confirmations view as plain data: the audit log's entries, newest first. Pure (no 'vscode').
import { askedAs, type AuditEntry } from '../../core/audit';
import type { ConfirmationResult, ConfirmationVerdict } from '../../core/confirmations';
import { escapeMarkdown, inlineCode } from '../../core/text';
import { agreementSearchLook, type Icon, type NodeLook } from '../subscriptions/presentation';

/** The view shows the newest this many; the rest stay in the audit file. */
export const SHOWN_CONFIRMATIONS = 500;

export interface ConfirmationNode {
  kind: 'confirmation';
  id: string;
  entry: AuditEntry;
}
export interface OlderNode {
  kind: 'older';
  id: string;
  count: number;
}
export type ConfirmationTreeNode = ConfirmationNode | OlderNode;

export const CONFIRMATION_LOOK: Record<ConfirmationVerdict, { icon: Icon; words: string }> = {
  confirmed: { icon: { id: 'verified-filled', color: 'testing.iconPassed' }, words: 'confirmed' },
  'owner-mismatch': { icon: { id: 'warning', color: 'list.warningForeground' }, words: 'owner mismatch' },
  'not-attached': { icon: { id: 'circle-slash', color: 'list.errorForeground' }, words: 'product code not attached' },
  error: { icon: { id: 'error', color: 'list.errorForeground' }, words: 'error' },
};

export function confirmationNodes(entries: readonly AuditEntry[], shown = SHOWN_CONFIRMATIONS): ConfirmationTreeNode[] {
  const newest: ConfirmationTreeNode[] = entries
    .map((entry, index) => ({ entry, index }))
    .slice(-shown)
    .reverse()
    .map(({ entry, index }) => ({ kind: 'confirmation', id: `audit:${index}`, entry }));
  if (entries.length > shown) newest.push({ kind: 'older', id: 'audit:older', count: entries.length - shown });
  return newest;
}

export function confirmationLook(node: ConfirmationTreeNode): NodeLook {
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
  const owner = e.ownerId ? `owner ${e.ownerId}` : e.claimedAccount ? `claimed ${e.claimedAccount}` : undefined;
  return {
    label: e.instanceId,
    description: [what, owner, e.region, e.time.slice(0, 16).replace('T', ' ')].filter(Boolean).join(' · '),
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
  r: Pick<ConfirmationResult, 'verdict' | 'instanceId' | 'productCode' | 'ownerId' | 'claimedAccount' | 'region'> & { error?: { message: string } | null },
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

/** The account a confirmation is about: the owner EC2 reported, else the one the customer claimed. */
export function confirmationAccount(entry: Pick<AuditEntry, 'ownerId' | 'claimedAccount'>): string | undefined {
  return entry.ownerId ?? entry.claimedAccount ?? undefined;
}
