// The Confirmations view as plain data: the audit log's entries, newest first. Pure (no 'vscode').
import type { AuditEntry } from '../../core/audit';

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

export function confirmationNodes(
  entries: readonly AuditEntry[],
  shown = SHOWN_CONFIRMATIONS,
): ConfirmationTreeNode[] {
  const newest: ConfirmationTreeNode[] = entries
    .map((entry, index) => ({ entry, index }))
    .slice(-shown)
    .reverse()
    .map(({ entry, index }) => ({ kind: 'confirmation', id: `audit:${index}`, entry }));
  if (entries.length > shown)
    newest.push({ kind: 'older', id: 'audit:older', count: entries.length - shown });
  return newest;
}

/** The account a confirmation is about: the owner EC2 reported, else the one the customer claimed. */
export function confirmationAccount(
  entry: Pick<AuditEntry, 'ownerId' | 'claimedAccount'>,
): string | undefined {
  return entry.ownerId ?? entry.claimedAccount ?? undefined;
}
