// The audit log as the extension holds it: one owner of its path (supportDesk.audit.path), its writer, the entries
// read back, the watcher that sees the CLI's appends, and `onDidChange`. The Confirmations view, the Subscriptions
// tooltips and the panel follow it; every piece of evidence goes in through `append`.
import { basename, dirname } from 'node:path';
import * as vscode from 'vscode';
import { AuditLog, type AuditEntry } from '../../core/audit';
import { Disposable } from '../dispose';
import { affects, readSettings } from '../settings';

export class AuditTrail extends Disposable {
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  /** Fires when the entries may have changed: an append here, a write by another process, a new audit path. */
  readonly onDidChange = this.changed.event;
  private log: AuditLog;
  private watcher?: vscode.Disposable;
  private entries?: Promise<AuditEntry[]>;

  constructor(private readonly output: vscode.LogOutputChannel) {
    super();
    this.log = this.open();
    this._register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!affects(e, 'audit.path')) return;
        this.log = this.open();
        this.refresh();
      }),
    );
    // The watcher is replaced when the audit path changes: the one current at the end goes.
    this._register({
      dispose: () => {
        this.watcher?.dispose();
      },
    });
  }

  /** The audit log's path (supportDesk.audit.path, else $SUPPORT_DESK_AUDIT, else the default). */
  get path(): string {
    return this.log.path;
  }

  /**
   * Appends `entry` (redacted by the log). Resolves to undefined when it was recorded, or to "the audit write failed:
   * PATH: REASON" (logged once here) when it was not; never rejects for that: a failed write never hides the answer,
   * the caller shows the problem beside it. `refresh: false` (a batch) leaves telling the followers to one refresh()
   * at its end.
   */
  async append(entry: AuditEntry, { refresh = true } = {}): Promise<string | undefined> {
    const problem = await this.log.tryAppend(entry);
    if (problem) this.output.error(problem);
    if (refresh) this.refresh();
    return problem;
  }

  /** The entries, oldest first, read once per change; a log that cannot be read is logged and reads as none. */
  read(): Promise<AuditEntry[]> {
    const log = this.log;
    this.entries ??= log.read().catch((error: unknown) => {
      this.output.error(`cannot read the audit log ${log.path}: ${String(error)}`);
      return [];
    });
    return this.entries;
  }

  /** Forgets the entries read and tells the followers (after a batch of appends, or a change on disk). */
  refresh(): void {
    this.entries = undefined;
    this.changed.fire();
  }

  private open(): AuditLog {
    const log = new AuditLog(readSettings().auditPath);
    this.watcher?.dispose();
    const watcher = vscode.workspace.createFileSystemWatcher(
      new vscode.RelativePattern(vscode.Uri.file(dirname(log.path)), basename(log.path)),
    );
    const refresh = () => this.refresh();
    watcher.onDidChange(refresh);
    watcher.onDidCreate(refresh);
    watcher.onDidDelete(refresh);
    this.watcher = watcher;
    return log;
  }
}
