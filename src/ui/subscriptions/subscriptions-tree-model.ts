// The Subscriptions tree as plain data: which nodes exist, in which order, how many are shown, and the
// proof beyond the reports recorded for each account. No 'vscode' here: the TreeDataProvider only
// turns these nodes into TreeItems.
import type { AuditEntry } from '../../core/audit';
import { recordedEvidenceByAccount, type RecordedEvidence } from '../../core/eligibility';
import {
  VERDICT_RANK,
  type AccountVerdict,
  type SubscriptionVerdict,
  type Verdict,
} from '../../core/domain';
import type { Judgement, ReportsEvidence } from '../../core/judging';
import type { ProductInfo } from '../../core/reports';

export type Grouping = 'product' | 'account';
export const PAGE_SIZE = 500;

export type VerdictCounts = Record<Verdict, number>;

export interface ProductNode {
  kind: 'product';
  id: string;
  product: ProductInfo;
  counts: VerdictCounts;
}
/** An account under a product (group by product). */
export interface AccountUnderProductNode {
  kind: 'account';
  id: string;
  parent: ProductNode;
  verdict: SubscriptionVerdict;
}
/** An account at the root (group by account). */
export interface AccountRootNode {
  kind: 'account-root';
  id: string;
  verdict: AccountVerdict;
}
/** One product of an account (group by account). */
export interface SubscriptionNode {
  kind: 'subscription';
  id: string;
  parent: AccountRootNode;
  verdict: SubscriptionVerdict;
}
/** "Show 500 more..." at the end of a long list. */
export interface MoreNode {
  kind: 'more';
  id: string;
  parent?: ProductNode;
  /** How many the next page adds. */
  count: number;
  remaining: number;
  next: number;
}
export type TreeNode =
  ProductNode | AccountUnderProductNode | AccountRootNode | SubscriptionNode | MoreNode;

export type FindResult =
  | { found: true; node: AccountUnderProductNode | AccountRootNode; verdict: AccountVerdict }
  | { found: false; verdict: AccountVerdict };

const ROOT = '';

export class SubscriptionTreeModel {
  private readonly nodes = new Map<string, TreeNode>();
  private readonly shown = new Map<string, number>();
  private productNodes?: ProductNode[];
  /** Accounts of each product, best verdict first, then by number. */
  private readonly ordered = new Map<string, string[]>();
  private rootAccounts?: string[];

  /** The reports the tree lists (the subscriptions of `judgement`'s reports). */
  private readonly reports: ReportsEvidence;

  /** The tree of `judgement`'s reports; throws a RangeError when it holds none (the view then has no model). */
  constructor(
    readonly judgement: Judgement,
    readonly grouping: Grouping,
    readonly pageSize = PAGE_SIZE,
  ) {
    if (!judgement.sources.reports)
      throw new RangeError('the Subscriptions tree lists the reports: this judgement holds none');
    this.reports = judgement.sources.reports;
  }

  children(node?: TreeNode): TreeNode[] {
    if (!node)
      return this.grouping === 'product'
        ? this.products()
        : this.page(ROOT, this.accountsAtRoot(), (a) => this.accountRoot(a));
    switch (node.kind) {
      case 'product':
        return this.page(node.id, this.accountsOf(node), (a) => this.accountUnder(node, a), node);
      case 'account-root':
        return node.verdict.subscriptions.map((v) => this.subscription(node, v));
      default:
        return [];
    }
  }

  parentOf(node: TreeNode): TreeNode | undefined {
    return node.kind === 'account-root' || node.kind === 'product' ? undefined : node.parent;
  }

  /** Shows the next page of the list `more` ends; returns the parent whose children changed. */
  showMore(more: MoreNode): TreeNode | undefined {
    const key = more.parent?.id ?? ROOT;
    this.shown.set(key, more.next);
    return more.parent;
  }

  /** The node for an account (its best product when grouped by product), paged into view. */
  find(account: string): FindResult {
    const verdict = this.accountVerdict(account);
    if (!this.reports.store.hasAccount(account)) return { found: false, verdict };
    if (this.grouping === 'account') {
      this.reveal(ROOT, this.accountsAtRoot().indexOf(account));
      return { found: true, node: this.accountRoot(account), verdict };
    }
    const best = verdict.subscriptions[0];
    const product = this.products().find((p) => p.product.productId === best.productId);
    if (!product) return { found: false, verdict };
    this.reveal(product.id, this.accountsOf(product).indexOf(account));
    return { found: true, node: this.accountUnder(product, account), verdict };
  }

  private reveal(key: string, index: number): void {
    if (index < 0) return;
    const needed = (Math.floor(index / this.pageSize) + 1) * this.pageSize;
    if ((this.shown.get(key) ?? this.pageSize) < needed) this.shown.set(key, needed);
  }

  private page<T extends TreeNode>(
    key: string,
    all: readonly string[],
    make: (account: string) => T,
    parent?: ProductNode,
  ): TreeNode[] {
    const shown = Math.min(all.length, this.shown.get(key) ?? this.pageSize);
    const out: TreeNode[] = all.slice(0, shown).map(make);
    if (shown < all.length) {
      const remaining = all.length - shown;
      out.push({
        kind: 'more',
        id: `${key}/more@${shown}`,
        parent,
        count: Math.min(remaining, this.pageSize),
        remaining,
        next: shown + this.pageSize,
      });
    }
    return out;
  }

  private products(): ProductNode[] {
    if (!this.productNodes) {
      this.productNodes = this.reports.store
        .products()
        .map((product) => this.productNode(product))
        .sort((a, b) =>
          (a.product.productTitle ?? a.product.productId).localeCompare(
            b.product.productTitle ?? b.product.productId,
          ),
        );
    }
    return this.productNodes;
  }

  private productNode(product: ProductInfo): ProductNode {
    const counts: VerdictCounts = {
      eligible: 0,
      lapsed: 0,
      'not-in-latest-report': 0,
      unlisted: 0,
    };
    const ranked = this.reports.store.accountsForProduct(product.productId).map((account) => {
      const verdict = this.subscriptionVerdict(account, product.productId).verdict;
      counts[verdict]++;
      return { account, rank: VERDICT_RANK.indexOf(verdict) };
    });
    ranked.sort((a, b) => a.rank - b.rank || (a.account < b.account ? -1 : 1));
    const id = `product:${product.productId}`;
    this.ordered.set(
      id,
      ranked.map((r) => r.account),
    );
    return { kind: 'product', id, product, counts };
  }

  private accountsOf(product: ProductNode): string[] {
    return this.ordered.get(product.id) ?? [];
  }

  private accountsAtRoot(): string[] {
    return (this.rootAccounts ??= this.reports.store.accounts());
  }

  private accountUnder(parent: ProductNode, account: string): AccountUnderProductNode {
    return this.cached(`${parent.id}/account:${account}`, (id) => ({
      kind: 'account',
      id,
      parent,
      verdict: this.subscriptionVerdict(account, parent.product.productId),
    }));
  }

  private accountRoot(account: string): AccountRootNode {
    return this.cached(`account:${account}`, (id) => ({
      kind: 'account-root',
      id,
      verdict: this.accountVerdict(account),
    }));
  }

  /** The reports' verdict of an account, as the Judgement answers it. */
  private accountVerdict(account: string): AccountVerdict {
    return this.judgement.account(account).reports!.answer;
  }

  private subscriptionVerdict(account: string, productId: string): SubscriptionVerdict {
    return this.judgement.subscription(account, productId).reports!.answer;
  }

  private subscription(parent: AccountRootNode, verdict: SubscriptionVerdict): SubscriptionNode {
    return this.cached(`${parent.id}/product:${verdict.productId}`, (id) => ({
      kind: 'subscription',
      id,
      parent,
      verdict,
    }));
  }

  /** One object per id, so the tree view can reveal and keep selection across refreshes of a parent. */
  private cached<T extends TreeNode>(id: string, make: (id: string) => T): T {
    let node = this.nodes.get(id) as T | undefined;
    if (!node) {
      node = make(id);
      this.nodes.set(id, node);
    }
    return node;
  }
}

/**
 * The newest live agreement search and identity document per account, as the audit log holds them:
 * what the tooltips show. Filled from the log (this session's checks and the CLI's), so a tooltip
 * never calls AWS or reads a file.
 */
export class RecordedEvidenceBook {
  private byAccount = new Map<string, RecordedEvidence>();

  /** Takes the audit log's entries (oldest first); true when any account's evidence changed. */
  update(entries: readonly AuditEntry[]): boolean {
    const next = recordedEvidenceByAccount(entries);
    const key = (r: RecordedEvidence | undefined) =>
      `${r?.live?.time ?? ''}|${r?.live?.requestId ?? ''}|${r?.identity?.time ?? ''}`;
    const changed =
      next.size !== this.byAccount.size ||
      [...next].some(([account, r]) => key(r) !== key(this.byAccount.get(account)));
    this.byAccount = next;
    return changed;
  }

  /** The account's recorded evidence; undefined when the audit log holds none. */
  of(account: string): RecordedEvidence | undefined {
    return this.byAccount.get(account);
  }
}

/** The book the tree's tooltips read unless given another: one per extension host. */
export const recordedEvidence = new RecordedEvidenceBook();

/** The account a node is about, for Copy Account ID and Confirm Instance. */
export function accountOf(node: TreeNode): string | undefined {
  switch (node.kind) {
    case 'account':
    case 'subscription':
    case 'account-root':
      return node.verdict.account;
    default:
      return undefined;
  }
}

/** The product a node is about, to prefill Confirm Instance. */
export function productOf(node: TreeNode): string | undefined {
  switch (node.kind) {
    case 'account':
    case 'subscription':
      return node.verdict.productId;
    case 'product':
      return node.product.productId;
    default:
      return undefined;
  }
}
