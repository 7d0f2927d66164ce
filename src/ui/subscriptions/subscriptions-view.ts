// The Subscriptions tree view: a thin TreeDataProvider over SubscriptionTreeModel.
import * as vscode from 'vscode';
import { isTrusted } from '../restricted-mode';
import { feedEntitlements, feedMoment } from '../../core/feeds';
import type { Judgement } from '../../core/judging';
import { feedFileOf } from '../feeds/feed-roots';
import { FeedTreeModel, type FeedNode } from '../feeds/feed-tree-model';
import type { Judge } from '../judging/judge';
import type { ReportsController } from '../reports/reports-controller';
import { cachedDescription, cachedNotes, linkToCopies } from '../reports/s3-report-words';
import { Disposable } from '../dispose';
import { treeItem } from '../tree-item';
import {
  SubscriptionTreeModel,
  type FindResult,
  type Grouping,
  type MoreNode,
  type TreeNode,
} from './subscriptions-tree-model';
import { lookOf } from './presentation';

export const SUBSCRIPTIONS_VIEW = 'supportDesk.subscriptions';
const GROUPING_KEY = 'supportDesk.groupBy';

/** A row of the Subscriptions tree: the reports' (TreeNode) or the feeds' (FeedNode). */
export type SubscriptionRow = TreeNode | FeedNode;
type Row = SubscriptionRow;

export class SubscriptionsView extends Disposable implements vscode.TreeDataProvider<Row> {
  // Only the reports' rows are redrawn one at a time; the feeds' are redrawn with the whole tree.
  private readonly changed = this._register(new vscode.EventEmitter<TreeNode | undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  readonly view: vscode.TreeView<Row>;
  model?: SubscriptionTreeModel;
  /** The feeds' rows (a "Seller Delivery Data Feeds" row after the reports' products), when a feed root is loaded. */
  feedModel?: FeedTreeModel;

  constructor(
    private readonly reports: ReportsController,
    private readonly state: vscode.Memento,
    private readonly judge: Judge,
  ) {
    super();
    this.view = this._register(
      vscode.window.createTreeView(SUBSCRIPTIONS_VIEW, {
        treeDataProvider: this,
        showCollapseAll: true,
      }),
    );
    // The one trigger: a new Judgement (reports loaded, playbook or eligibility settings changed).
    this._register(judge.onDidChange((judgement) => this.rebuild(judgement)));
    void vscode.commands.executeCommand('setContext', GROUPING_KEY, this.grouping);
  }

  get grouping(): Grouping {
    return this.state.get<Grouping>(GROUPING_KEY, 'product');
  }

  async setGrouping(grouping: Grouping): Promise<void> {
    await this.state.update(GROUPING_KEY, grouping);
    await vscode.commands.executeCommand('setContext', GROUPING_KEY, grouping);
    this.rebuild(this.judge.current);
  }

  /** New judgements (new reports, new day, new policy): a fresh model, same grouping. */
  private rebuild(judgement: Judgement): void {
    this.feedModel = undefined;
    const loaded = this.reports.current;
    if (!loaded || !judgement.sources.reports) {
      this.model = undefined;
      this.view.description = undefined;
      this.view.message = undefined;
    } else {
      const { day: asOf, fixed } = judgement.on;
      this.model = new SubscriptionTreeModel(judgement, this.grouping);
      const freshness = judgement.freshness().reports!.answer;
      if (loaded.feeds) {
        const moment = feedMoment(fixed ? { asOf } : {});
        this.feedModel = new FeedTreeModel(
          feedEntitlements(loaded.feeds.set, moment),
          moment,
          loaded.feeds.set.newestUpdate,
        );
      }
      const short = freshness.latestReportDate
        ? freshness.message.split(':')[0]
        : freshness.message;
      this.view.description = `${freshness.stale ? '⚠ ' : ''}${loaded.samples ? 'samples · ' : ''}${short}${fixed ? ` · as of ${asOf}` : ''}${loaded.cached.length > 0 ? ` · ${cachedDescription(loaded.cached)}` : ''}${this.feedModel ? ` · ${this.feedModel.delivered()}` : ''}`;
      const notes = [
        freshness.stale ? `⚠ ${freshness.message}.` : '',
        loaded.samples
          ? 'Showing the bundled sample reports: Load Reports... to use your own.'
          : '',
        ...loaded.missing.map((m) => `⚠ ${m}.`),
        ...cachedNotes(loaded.cached),
        isTrusted() ? '' : "Restricted Mode: the workspace's report paths are not read.",
      ].filter(Boolean);
      this.view.message = notes.length > 0 ? notes.join(' ') : undefined;
    }
    this.changed.fire(undefined);
  }

  /** Redraws the rows without judging again (new evidence recorded for the tooltips). */
  refresh(): void {
    this.changed.fire(undefined);
  }

  /**
   * The rows under `node`: the reports' products or accounts, and at the top, after them, the feeds'
   * row when a feed root is loaded (typed as the reports' rows for callers that load none).
   */
  getChildren(node?: TreeNode): TreeNode[];
  getChildren(node?: Row): Row[];
  getChildren(node?: Row): Row[] {
    if (node && isFeedNode(node)) return this.feedModel?.children(node) ?? [];
    const rows: Row[] = this.model?.children(node) ?? [];
    return !node && this.feedModel ? [...rows, this.feedModel.root] : rows;
  }

  getParent(node: TreeNode): TreeNode | undefined;
  getParent(node: Row): Row | undefined;
  getParent(node: Row): Row | undefined {
    return isFeedNode(node) ? this.feedModel?.parentOf(node) : this.model?.parentOf(node);
  }

  getTreeItem(node: Row): vscode.TreeItem {
    if (isFeedNode(node)) return this.feedTreeItem(node);
    const look = lookOf(node);
    const files =
      node.kind === 'account' || node.kind === 'subscription'
        ? node.verdict.evidence.map((e) => e.file)
        : [];
    const item = treeItem(node.id, look, (tooltip) =>
      linkToCopies(tooltip, files, (name) => this.reports.localCopyOf(name)),
    );
    if (node.kind === 'more') {
      item.command = { command: 'supportDesk.showMore', title: look.label, arguments: [node] };
    } else if (node.kind === 'account' || node.kind === 'subscription') {
      const evidence = node.verdict.evidence[0];
      if (evidence) {
        const line = Math.max(0, evidence.line - 1);
        item.command = {
          command: 'vscode.open',
          title: 'Open the report line',
          arguments: [
            vscode.Uri.file(this.reports.localCopyOf(evidence.file) ?? evidence.file),
            { selection: new vscode.Range(line, 0, line, 0), preview: true },
          ],
        };
      }
    }
    return item;
  }

  /** A feed row; an account opens its agreement's row in the feed file. */
  private feedTreeItem(node: FeedNode): vscode.TreeItem {
    const item = treeItem(node.id, this.feedModel!.look(node));
    const feeds = this.reports.current?.feeds;
    const place = node.kind === 'feedAccount' ? node.agreement.evidence[0] : undefined;
    const file = place && feeds ? feedFileOf(feeds, place.file) : undefined;
    if (place && file) {
      const line = Math.max(0, place.line - 1);
      item.command = {
        command: 'vscode.open',
        title: 'Open the agreement in its feed',
        arguments: [
          vscode.Uri.file(file),
          { selection: new vscode.Range(line, 0, line, 0), preview: true },
        ],
      };
    }
    return item;
  }

  showMore(more: MoreNode): void {
    if (!this.model) return;
    this.changed.fire(this.model.showMore(more));
  }

  /** Finds an account and, when the reports list it, selects it in the tree. */
  async find(account: string): Promise<FindResult | undefined> {
    if (!this.model) return undefined;
    const result = this.model.find(account);
    if (result.found) {
      const parent = this.model.parentOf(result.node);
      this.changed.fire(parent);
      await this.view.reveal(result.node, { select: true, focus: true, expand: true });
    }
    return result;
  }
}

function isFeedNode(node: Row): node is FeedNode {
  return node.kind === 'feedRoot' || node.kind === 'feedProduct' || node.kind === 'feedAccount';
}
