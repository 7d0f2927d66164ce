// The effective playbook: the default, with the workspace's .support-desk/playbook.json on top when
// the workspace is trusted. Reloads when that file changes; its problems go to the Problems view.
import { join } from 'node:path';
import * as vscode from 'vscode';
import { isTrusted, onDidGrantTrust } from '../restricted-mode';
import {
  DEFAULT_PLAYBOOK_FILE,
  loadPlaybook,
  TEAM_PLAYBOOK_PATH,
  type LoadedPlaybook,
} from '../../core/playbook';
import { problemDiagnostic } from '../diagnostics';
import { Disposable } from '../dispose';

export class PlaybookSource extends Disposable {
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;
  private readonly diagnostics = this._register(
    vscode.languages.createDiagnosticCollection('supportDesk.playbook'),
  );
  private loaded?: Promise<LoadedPlaybook>;
  /** The last playbook loaded, for callers that cannot wait (the tree's eligibility window). */
  latest?: LoadedPlaybook;

  constructor(private readonly log: vscode.LogOutputChannel) {
    super();
    const watcher = this._register(
      vscode.workspace.createFileSystemWatcher(`**/${TEAM_PLAYBOOK_PATH}`),
    );
    const reload = () => this.reload();
    watcher.onDidCreate(reload);
    watcher.onDidChange(reload);
    watcher.onDidDelete(reload);
    this._register(onDidGrantTrust(reload));
    this._register(vscode.workspace.onDidChangeWorkspaceFolders(reload));
  }

  /** Where the team playbook lives (or would), or undefined with no folder open. */
  teamPath(): string | undefined {
    const folder = vscode.workspace.workspaceFolders?.[0];
    return folder && join(folder.uri.fsPath, TEAM_PLAYBOOK_PATH);
  }

  current(): Promise<LoadedPlaybook> {
    // Restricted Mode: the workspace's playbook is not read at all.
    this.loaded ??= loadPlaybook(isTrusted() ? (this.teamPath() ?? null) : null).then((loaded) => {
      this.report(loaded);
      this.latest = loaded;
      return loaded;
    });
    return this.loaded;
  }

  reload(): void {
    this.loaded = undefined;
    this.changed.fire();
  }

  private report(loaded: LoadedPlaybook): void {
    this.diagnostics.clear();
    const inTeamFile = loaded.problems.filter((p) => p.file !== DEFAULT_PLAYBOOK_FILE);
    for (const p of loaded.problems) this.log.warn(`playbook ${p.file}:${p.line}: ${p.message}`);
    if (loaded.teamFile && inTeamFile.length > 0) {
      this.diagnostics.set(vscode.Uri.file(loaded.teamFile), inTeamFile.map(problemDiagnostic));
    }
  }
}
