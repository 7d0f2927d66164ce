// How a Subscriptions node looks: label, description, icon, tooltip. Pure (no 'vscode'), so the
// words and icons are unit-tested; the provider maps this onto a TreeItem.
import { VERDICT_LOOK as SHARED_LOOK } from '../../shared/verdict-look';
import type { AuditEntry } from '../../core/audit';
import type { AccountVerdict, SubscriptionVerdict, Verdict } from '../../core/domain';
import { VERDICT_RANK } from '../../core/domain';
import { describeRecordedEvidence, type RecordedEvidence } from '../../core/eligibility';
import { escapeMarkdown, fileLink, inlineCode } from '../../core/text';
import { sharedName } from '../../core/eligibility';
import { recordedEvidence, type RecordedEvidenceBook, type TreeNode, type VerdictCounts } from './subscriptions-tree-model';

export interface Icon {
  id: string;
  color?: string;
}

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
  Object.entries(SHARED_LOOK).map(([verdict, look]) => [verdict, { icon: { id: look.icon, color: look.color }, words: look.words }]),
) as Record<Verdict, { icon: Icon; words: string }>;

/**
 * The look of a node. An account's tooltip ends with the proof beyond the reports that `recorded`
 * (default: the extension's book, filled from the audit log) holds for it: no AWS call, no file read.
 */
export function lookOf(node: TreeNode, recorded: RecordedEvidenceBook = recordedEvidence): NodeLook {
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
          untitled ? 'No title: none of the loaded reports that list this product gives its Product Title, so it goes by its id.' : '',
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
        tooltip: withRecorded(subscriptionTooltip(node.verdict, `Account ${node.verdict.account}`), recorded.of(node.verdict.account)),
        icon: VERDICT_LOOK[node.verdict.verdict].icon,
        contextValue: 'account',
        collapsible: false,
      };
    case 'subscription':
      return {
        label: node.verdict.productTitle ?? node.verdict.productId,
        description: subscriptionDescription(node.verdict),
        tooltip: subscriptionTooltip(node.verdict, `${node.verdict.productTitle ?? node.verdict.productId} for account ${node.verdict.account}`),
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
  const parts = VERDICT_RANK.filter((v) => counts[v] > 0).map((v) => `${counts[v].toLocaleString('en-US')} ${VERDICT_LOOK[v].words}`);
  return parts.length > 0 ? parts.join(', ') : 'no accounts';
}

function subscriptionDescription(v: SubscriptionVerdict): string {
  const usage = v.lastUsage ? `last usage ${v.lastUsage}` : v.reportDate ? `listed ${v.reportDate}` : undefined;
  return [usage, VERDICT_LOOK[v.verdict].words].filter(Boolean).join(' · ');
}

/** The evidence of one verdict: what it is, why (the reasons), and where each fact came from. */
function subscriptionTooltip(v: SubscriptionVerdict, heading: string): string {
  const product = `${escapeMarkdown(v.productTitle ?? v.productId)} (${inlineCode(v.productId)}${v.productCode ? `, code ${inlineCode(v.productCode)}` : ''})`;
  const facts = [`Product: ${product}`, v.lastUsage && `Last usage: ${v.lastUsage}`, v.reportDate && `Report date: ${v.reportDate}`].filter(Boolean);
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
    const who = [c.organization, [c.givenName, c.surname].filter(Boolean).join(' '), c.email, c.telephone].filter(Boolean).join(', ');
    return `- ${escapeMarkdown(who)} (${escapeMarkdown(c.productId)})`;
  });
  return [
    `**Account ${v.account}**: ${VERDICT_LOOK[v.verdict].words}`,
    ...v.subscriptions.map((s) => `${escapeMarkdown(s.productTitle ?? s.productId)}: ${VERDICT_LOOK[s.verdict].words}\n\n${reasonList(s.reasons)}`),
    contacts.length > 0 ? `Support contacts:\n\n${contacts.join('\n')}` : '',
  ]
    .filter(Boolean)
    .join('\n\n');
}

/** The tooltip, then the recorded live agreement search and identity document as literal text (escaped Markdown). */
function withRecorded(tooltip: string, recorded: RecordedEvidence | undefined): string {
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
    tooltip: withRecorded(`**Live agreement search** (AWS Marketplace SearchAgreements): ${verdict}`, { live: e }),
    icon,
    contextValue: 'agreement-search',
    collapsible: false,
  };
}

function reasonList(reasons: readonly string[]): string {
  return reasons.map((r) => `- ${escapeMarkdown(r)}`).join('\n');
}
