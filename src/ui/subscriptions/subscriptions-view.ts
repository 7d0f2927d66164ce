// The Subscriptions tree view: a thin TreeDataProvider over SubscriptionTreeModel.
import * as vscode from 'vscode';
import type { Judgement } from '../../core/judging';
import type { Judge } from '../judging/judge';
import type { ReportsController } from '../reports/reports-controller';
import { cachedDescription, cachedNotes, linkToCopies } from '../reports/s3-report-words';
import { Disposable } from '../dispose';
import { treeItem } from '../tree-item';
import { SubscriptionTreeModel, type FindResult, type Grouping, type MoreNode, type TreeNode } from './subscriptions-tree-model';
import { lookOf } from './presentation';

export const SUBSCRIPTIONS_VIEW = 'supportDesk.subscriptions';
const GROUPING_KEY = 'supportDesk.groupBy';

export class SubscriptionsView extends Disposable implements vscode.TreeDataProvider<TreeNode> {
  private readonly changed = this._register(new vscode.EventEmitter<TreeNode | undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  readonly view: vscode.TreeView<TreeNode>;
  model?: SubscriptionTreeModel;

  constructor(
    private readonly reports: ReportsController,
    private readonly state: vscode.Memento,
    private readonly judge: Judge,
  ) {
    super();
    this.view = this._register(vscode.window.createTreeView(SUBSCRIPTIONS_VIEW, { treeDataProvider: this, showCollapseAll: true }));
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
    const loaded = this.reports.current;
    if (!loaded || !judgement.sources.reports) {
      this.model = undefined;
      this.view.description = undefined;
      this.view.message = undefined;
    } else {
      const { day: asOf, fixed } = judgement.on;
      this.model = new SubscriptionTreeModel(judgement, this.grouping);
      const freshness = judgement.freshness().reports!.answer;
      const short = freshness.latestReportDate ? freshness.message.split(':')[0] : freshness.message;
      this.view.description = `${freshness.stale ? '⚠ ' : ''}${loaded.samples ? 'samples · ' : ''}${short}${fixed ? ` · as of ${asOf}` : ''}${loaded.cached.length > 0 ? ` · ${cachedDescription(loaded.cached)}` : ''}`;
      const notes = [
        freshness.stale ? `⚠ ${freshness.message}.` : '',
        loaded.samples ? 'Showing the bundled sample reports: Load Reports... to use your own.' : '',
        ...loaded.missing.map((m) => `⚠ ${m}.`),
        ...cachedNotes(loaded.cached),
        vscode.workspace.isTrusted ? '' : "Restricted Mode: the workspace's report paths are not read.",
      ].filter(Boolean);
      this.view.message = notes.length > 0 ? notes.join(' ') : undefined;
    }
    this.changed.fire(undefined);
  }

  /** Redraws the rows without judging again (new evidence recorded for the tooltips). */
  refresh(): void {
    this.changed.fire(undefined);
  }

  getChildren(node?: TreeNode): TreeNode[] {
    return this.model?.children(node) ?? [];
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return this.model?.parentOf(node);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const look = lookOf(node);
    const files = node.kind === 'account' || node.kind === 'subscription' ? node.verdict.evidence.map((e) => e.file) : [];
    const item = treeItem(node.id, look, (tooltip) => linkToCopies(tooltip, files, (name) => this.reports.localCopyOf(name)));
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
