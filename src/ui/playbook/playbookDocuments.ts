// Read-only documents under the `support-desk:` scheme: the playbook rendered as Markdown (shown in
// the Markdown preview by Open Support Desk) and the default playbook's JSON (Open Playbook).
import * as vscode from 'vscode';
import { defaultPlaybook } from '../../core/playbook/load';
import type { PlaybookSource } from './playbookSource';
import { renderPlaybook } from './render';

export const SCHEME = 'support-desk';
export const SUPPORT_DESK_PAGE = vscode.Uri.from({ scheme: SCHEME, path: '/Support Desk.md' });
export const DEFAULT_PLAYBOOK_DOC = vscode.Uri.from({ scheme: SCHEME, path: '/default-playbook.json' });

export class PlaybookDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly playbook: PlaybookSource) {
    this.disposables = [
      this.changed,
      vscode.workspace.registerTextDocumentContentProvider(SCHEME, this),
      playbook.onDidChange(() => this.changed.fire(SUPPORT_DESK_PAGE)),
    ];
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    if (uri.path === DEFAULT_PLAYBOOK_DOC.path) return `${JSON.stringify(defaultPlaybook(), null, 2)}\n`;
    return renderPlaybook(await this.playbook.current());
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
