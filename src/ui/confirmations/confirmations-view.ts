// The Confirmations view: the audit trail read back, redrawn when it changes (an append here or by the CLI).
import { basename } from 'node:path';
import * as vscode from 'vscode';
import type { AuditTrail } from '../audit/audit-trail';
import { Disposable } from '../dispose';
import { treeItem } from '../tree-item';
import { confirmationLook } from '../looks';
import { confirmationNodes, type ConfirmationTreeNode } from './confirmations-tree-model';

export const CONFIRMATIONS_VIEW = 'supportDesk.confirmations';

export class ConfirmationsView
  extends Disposable
  implements vscode.TreeDataProvider<ConfirmationTreeNode>
{
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  readonly onDidChangeTreeData = this.changed.event;
  readonly view: vscode.TreeView<ConfirmationTreeNode>;

  constructor(private readonly audit: AuditTrail) {
    super();
    this.view = this._register(
      vscode.window.createTreeView(CONFIRMATIONS_VIEW, { treeDataProvider: this }),
    );
    this._register(audit.onDidChange(() => this.changed.fire()));
  }

  async getChildren(node?: ConfirmationTreeNode): Promise<ConfirmationTreeNode[]> {
    if (node) return [];
    const entries = await this.audit.read();
    this.view.description =
      entries.length > 0 ? `${entries.length} in ${basename(this.audit.path)}` : undefined;
    return confirmationNodes(entries);
  }

  getTreeItem(node: ConfirmationTreeNode): vscode.TreeItem {
    const item = treeItem(node.id, confirmationLook(node));
    if (node.kind === 'older')
      item.command = {
        command: 'vscode.open',
        title: 'Open the audit log',
        arguments: [vscode.Uri.file(this.audit.path)],
      };
    return item;
  }
}
