// The Confirmations view: the audit log read back, refreshed when the extension or the CLI appends.
import { basename, dirname } from 'node:path';
import * as vscode from 'vscode';
import { AuditLog, type AuditEntry } from '../../core/audit';
import { Disposable } from '../dispose';
import { affects, readSettings } from '../settings';
import { treeItem } from '../tree-item';
import { confirmationLook, confirmationNodes, type ConfirmationTreeNode } from './confirmations-tree-model';

export const CONFIRMATIONS_VIEW = 'supportDesk.confirmations';

export class ConfirmationsView extends Disposable implements vscode.TreeDataProvider<ConfirmationTreeNode> {
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  readonly onDidChangeTreeData = this.changed.event;
  readonly view: vscode.TreeView<ConfirmationTreeNode>;
  private watcher?: vscode.Disposable;
  private watchedPath?: string;
  private entries?: Promise<AuditEntry[]>;

  constructor(private readonly log: vscode.LogOutputChannel) {
    super();
    this.view = this._register(vscode.window.createTreeView(CONFIRMATIONS_VIEW, { treeDataProvider: this }));
    this._register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affects(e, 'audit.path')) this.refresh();
      }),
    );
    // The watcher is replaced when the audit path changes: the one current at the end goes.
    this._register({
      dispose: () => {
        this.watcher?.dispose();
      },
    });
  }

  get auditLog(): AuditLog {
    return new AuditLog(readSettings().auditPath);
  }

  /** Re-reads the audit log (after an append here, or a change by the CLI). */
  refresh(): void {
    this.entries = undefined;
    this.changed.fire();
  }

  /** The entries the view shows now, oldest first. */
  read(): Promise<AuditEntry[]> {
    if (!this.entries) {
      const log = this.auditLog;
      this.watchFile(log.path);
      this.entries = log.read().catch((error: unknown) => {
        this.log.error(`cannot read the audit log ${log.path}: ${String(error)}`);
        return [];
      });
    }
    return this.entries;
  }

  async getChildren(node?: ConfirmationTreeNode): Promise<ConfirmationTreeNode[]> {
    if (node) return [];
    const entries = await this.read();
    this.view.description = entries.length > 0 ? `${entries.length} in ${basename(this.auditLog.path)}` : undefined;
    return confirmationNodes(entries);
  }

  getTreeItem(node: ConfirmationTreeNode): vscode.TreeItem {
    const item = treeItem(node.id, confirmationLook(node));
    if (node.kind === 'older') item.command = { command: 'vscode.open', title: 'Open the audit log', arguments: [vscode.Uri.file(this.auditLog.path)] };
    return item;
  }

  private watchFile(path: string): void {
    if (path === this.watchedPath) return;
    this.watchedPath = path;
    this.watcher?.dispose();
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(dirname(path)), basename(path)));
    const refresh = () => this.refresh();
    watcher.onDidChange(refresh);
    watcher.onDidCreate(refresh);
    watcher.onDidDelete(refresh);
    this.watcher = watcher;
  }
}
