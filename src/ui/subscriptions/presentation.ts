// How a Subscriptions node looks: label, description, icon, tooltip. Pure (no 'vscode'), so the
// words and icons are unit-tested; the provider maps this onto a TreeItem.
import type { AccountVerdict, SubscriptionVerdict } from '../../core/domain';
import { VERDICT_RANK } from '../../core/domain';
import { escapeMarkdown, fileLink, inlineCode } from '../../core/text';
import { sharedName } from '../../core/eligibility';
import { VERDICT_LOOK, withRecorded, type NodeLook } from '../looks';
import {
  recordedEvidence,
  type RecordedEvidenceBook,
  type TreeNode,
  type VerdictCounts,
} from './subscriptions-tree-model';

/**
 * The look of a node. An account's tooltip ends with the proof beyond the reports that `recorded`
 * (default: the extension's book, filled from the audit log) holds for it: no AWS call, no file read.
 */
export function lookOf(
  node: TreeNode,
  recorded: RecordedEvidenceBook = recordedEvidence,
): NodeLook {
  switch (node.kind) {
    case 'product': {
      const p = node.product;
      // The id is the label when the reports give no title, and the row says why.
      const untitled = p.productTitle === undefined;
      return {
        label: p.productTitle ?? p.productId,
        // The counts alone: a default-width side bar shows them whole; the ids are in the tooltip.
        description: untitled ? `${countsText(node.counts)} · untitled` : countsText(node.counts),
        tooltip: [
          `**${escapeMarkdown(p.productTitle ?? p.productId)}**`,
          untitled
            ? 'No title: none of the loaded reports that list this product gives its Product Title, so it goes by its id.'
            : '',
          `Product id ${inlineCode(p.productId)}${p.productCode ? `, product code ${inlineCode(p.productCode)}` : ''}`,
          `Newest report listing it: ${p.latestReportDate}`,
          VERDICT_RANK.filter((v) => node.counts[v] > 0)
            .map((v) => `- ${VERDICT_LOOK[v].words}: ${node.counts[v].toLocaleString('en-US')}`)
            .join('\n'),
        ]
          .filter(Boolean)
          .join('\n\n'),
        icon: { id: 'package' },
        contextValue: 'product',
        collapsible: true,
      };
    }
    case 'account':
      return {
        label: node.verdict.account,
        description: subscriptionDescription(node.verdict),
        tooltip: withRecorded(
          subscriptionTooltip(node.verdict, `Account ${node.verdict.account}`),
          recorded.of(node.verdict.account),
        ),
        icon: VERDICT_LOOK[node.verdict.verdict].icon,
        contextValue: 'account',
        collapsible: false,
      };
    case 'subscription':
      return {
        label: node.verdict.productTitle ?? node.verdict.productId,
        description: subscriptionDescription(node.verdict),
        tooltip: subscriptionTooltip(
          node.verdict,
          `${node.verdict.productTitle ?? node.verdict.productId} for account ${node.verdict.account}`,
        ),
        icon: VERDICT_LOOK[node.verdict.verdict].icon,
        contextValue: 'subscription',
        collapsible: false,
      };
    case 'account-root': {
      const v = node.verdict;
      const products = v.subscriptions.length;
      return {
        label: v.account,
        description: `${VERDICT_LOOK[v.verdict].words} · ${products} product${products === 1 ? '' : 's'}`,
        tooltip: withRecorded(accountTooltip(v), recorded.of(v.account)),
        icon: VERDICT_LOOK[v.verdict].icon,
        contextValue: 'account',
        collapsible: true,
      };
    }
    case 'more':
      return {
        label: `Show ${node.count} more...`,
        description: `${node.remaining.toLocaleString('en-US')} not shown`,
        icon: { id: 'ellipsis' },
        contextValue: 'more',
        collapsible: false,
      };
  }
}

function countsText(counts: VerdictCounts): string {
  const parts = VERDICT_RANK.filter((v) => counts[v] > 0).map(
    (v) => `${counts[v].toLocaleString('en-US')} ${VERDICT_LOOK[v].words}`,
  );
  return parts.length > 0 ? parts.join(', ') : 'no accounts';
}

function subscriptionDescription(v: SubscriptionVerdict): string {
  const usage = v.lastUsage
    ? `last usage ${v.lastUsage}`
    : v.reportDate
      ? `listed ${v.reportDate}`
      : undefined;
  return [usage, VERDICT_LOOK[v.verdict].words].filter(Boolean).join(' · ');
}

/** The evidence of one verdict: what it is, why (the reasons), and where each fact came from. */
function subscriptionTooltip(v: SubscriptionVerdict, heading: string): string {
  const product = `${escapeMarkdown(v.productTitle ?? v.productId)} (${inlineCode(v.productId)}${v.productCode ? `, code ${inlineCode(v.productCode)}` : ''})`;
  const facts = [
    `Product: ${product}`,
    v.lastUsage && `Last usage: ${v.lastUsage}`,
    v.reportDate && `Report date: ${v.reportDate}`,
  ].filter(Boolean);
  return [
    `**${escapeMarkdown(heading)}**: ${VERDICT_LOOK[v.verdict].words}`,
    facts.join('  \n'),
    reasonList(v.reasons),
    v.evidence.length > 0
      ? `Evidence: ${v.evidence.map((e) => `${fileLink(e.file, e.line, `${sharedName(e.file)}:${e.line}`)} (${e.reportDate})`).join(', ')}`
      : '',
  ]
    .filter(Boolean)
    .join('\n\n');
}

function accountTooltip(v: AccountVerdict): string {
  const contacts = v.contacts.map((c) => {
    const who = [
      c.organization,
      [c.givenName, c.surname].filter(Boolean).join(' '),
      c.email,
      c.telephone,
    ]
      .filter(Boolean)
      .join(', ');
    return `- ${escapeMarkdown(who)} (${escapeMarkdown(c.productId)})`;
  });
  return [
    `**Account ${v.account}**: ${VERDICT_LOOK[v.verdict].words}`,
    ...v.subscriptions.map(
      (s) =>
        `${escapeMarkdown(s.productTitle ?? s.productId)}: ${VERDICT_LOOK[s.verdict].words}\n\n${reasonList(s.reasons)}`,
    ),
    contacts.length > 0 ? `Support contacts:\n\n${contacts.join('\n')}` : '',
  ]
    .filter(Boolean)
    .join('\n\n');
}

function reasonList(reasons: readonly string[]): string {
  return reasons.map((r) => `- ${escapeMarkdown(r)}`).join('\n');
}
