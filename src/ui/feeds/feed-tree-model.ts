// The feeds' part of the Subscriptions tree: one "Seller Delivery Data Feeds" row, products under it
// and the accounts with an agreement for each, with the agreement's status, the reseller when a
// channel partner sold it, and the agreement's feed lines in the tooltip. Pure (no 'vscode'): the
// view maps each look onto a TreeItem. The feeds' verdicts stay their own (eligible, ended, unlisted).
import {
  describeFeedMoment,
  describeFeedPlace,
  type FeedAgreement,
  type FeedEntitlement,
  type FeedMoment,
  type FeedProductVerdict,
  type FeedVerdict,
} from '../../core/feeds';
import { describeInstant } from '../../core/dates';
import { escapeMarkdown, inlineCode } from '../../core/text';
import { VERDICT_LOOK, type NodeLook } from '../looks';

export interface FeedRootNode {
  kind: 'feedRoot';
  id: string;
}
export interface FeedProductNode {
  kind: 'feedProduct';
  id: string;
  title: string;
  productId: string | undefined;
  productCode: string | undefined;
  accounts: FeedAccountNode[];
}
export interface FeedAccountNode {
  kind: 'feedAccount';
  id: string;
  parent: FeedProductNode;
  entitlement: FeedEntitlement;
  product: FeedProductVerdict;
  /** The agreement shown: the covering one, else the newest. */
  agreement: FeedAgreement;
}
export type FeedNode = FeedRootNode | FeedProductNode | FeedAccountNode;

/** The feeds' verdicts as the reports' icons: eligible, ended (as lapsed), unlisted. */
const FEED_ICON: Record<FeedVerdict, NodeLook['icon']> = {
  eligible: VERDICT_LOOK.eligible.icon,
  ended: VERDICT_LOOK.lapsed.icon,
  unlisted: VERDICT_LOOK.unlisted.icon,
};

/** The feed rows of the tree for every account's entitlement at one moment; `newestUpdate` says when AWS last delivered. */
export class FeedTreeModel {
  readonly root: FeedRootNode = { kind: 'feedRoot', id: 'feeds' };
  readonly products: FeedProductNode[];

  constructor(
    readonly entitlements: readonly FeedEntitlement[],
    readonly moment: FeedMoment,
    readonly newestUpdate: string | undefined,
  ) {
    const byProduct = new Map<string, FeedProductNode>();
    for (const e of entitlements) {
      for (const p of e.products) {
        const key = p.productId ?? '';
        let node = byProduct.get(key);
        if (!node) {
          node = {
            kind: 'feedProduct',
            id: `feeds/${key}`,
            title: p.productTitle ?? p.productId ?? 'an unknown product',
            productId: p.productId,
            productCode: p.productCode,
            accounts: [],
          };
          byProduct.set(key, node);
        }
        const agreement = p.agreements.find((a) => a.agreementId === p.covering) ?? p.agreements[0];
        node.accounts.push({
          kind: 'feedAccount',
          id: `feeds/${key}/${e.account}`,
          parent: node,
          entitlement: e,
          product: p,
          agreement,
        });
      }
    }
    this.products = [...byProduct.values()].sort((a, b) => a.title.localeCompare(b.title));
  }

  children(node: FeedNode): FeedNode[] {
    return node.kind === 'feedRoot'
      ? this.products
      : node.kind === 'feedProduct'
        ? node.accounts
        : [];
  }

  parentOf(node: FeedNode): FeedNode | undefined {
    return node.kind === 'feedAccount'
      ? node.parent
      : node.kind === 'feedProduct'
        ? this.root
        : undefined;
  }

  /** "feeds delivered 2026-11-20 13:00:00 UTC": the freshness words for the view's description. */
  delivered(): string {
    return this.newestUpdate
      ? `feeds delivered ${describeInstant(this.newestUpdate)}`
      : 'feeds: nothing delivered';
  }

  look(node: FeedNode): NodeLook {
    if (node.kind === 'feedRoot') {
      return {
        label: 'Seller Delivery Data Feeds',
        description: `${this.entitlements.filter((e) => e.agreements.length > 0).length} accounts with agreements · ${this.delivered()}`,
        tooltip: [
          '**Seller Delivery Data Feeds**',
          `Judged ${escapeMarkdown(describeFeedMoment(this.moment))}.`,
          this.newestUpdate
            ? `Newest update_date: ${escapeMarkdown(describeInstant(this.newestUpdate))} (when AWS last delivered).`
            : 'No row delivered yet.',
        ].join('\n\n'),
        icon: { id: 'database' },
        contextValue: 'feedRoot',
        collapsible: true,
      };
    }
    if (node.kind === 'feedProduct') {
      const eligible = node.accounts.filter((a) => a.product.verdict === 'eligible').length;
      return {
        label: node.title,
        description: `${eligible} of ${node.accounts.length} eligible`,
        tooltip: [
          `**${escapeMarkdown(node.title)}** (from the feeds)`,
          node.productId
            ? `Product id ${inlineCode(node.productId)}${node.productCode ? `, product code ${inlineCode(node.productCode)}` : ''}`
            : '',
        ]
          .filter(Boolean)
          .join('\n\n'),
        icon: { id: 'package' },
        contextValue: 'feedProduct',
        collapsible: true,
      };
    }
    const { entitlement: e, product: p, agreement: a } = node;
    const who = [e.company, e.emailDomain].filter((v) => v !== undefined).join(', ');
    return {
      label: e.account,
      description: [a.status, a.reseller ? 'resold' : '', who].filter(Boolean).join(' · '),
      tooltip: [
        `**${e.account}**${who ? ` ${escapeMarkdown(who)}` : ''}: ${p.verdict} (feeds)`,
        escapeMarkdown(p.reason),
        ...p.agreements.map((x) => agreementMarkdown(x)),
      ].join('\n\n'),
      icon: FEED_ICON[p.verdict],
      contextValue: 'feedAccount',
      collapsible: false,
    };
  }
}

/** One agreement in a tooltip: status, times, offer, who sold it, and its feed lines. */
export function agreementMarkdown(a: FeedAgreement): string {
  const sold = a.reseller
    ? `resold by a channel partner (proposer ${inlineCode(a.proposerAccountId)})`
    : 'sold by the seller';
  return [
    `Agreement ${inlineCode(a.agreementId)}: ${escapeMarkdown(a.status)} since ${escapeMarkdown(a.statusSince)}; starts ${escapeMarkdown(a.startTime ?? '-')}, ${a.endTime ? `ends ${escapeMarkdown(a.endTime)}` : 'no end (pay-as-you-go)'}, accepted ${escapeMarkdown(a.acceptanceTime ?? '-')}`,
    `${a.visibility} offer ${inlineCode(a.offerId)}, ${sold}`,
    `Evidence: ${a.evidence.map((place) => inlineCode(describeFeedPlace(place))).join(', ')}`,
  ].join('  \n');
}
