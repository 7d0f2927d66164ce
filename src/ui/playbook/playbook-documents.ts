// The read-only document under the `support-desk:` scheme: the default playbook's JSON (Open Playbook).
import * as vscode from 'vscode';
import { defaultPlaybook } from '../../core/playbook';
import { Disposable } from '../dispose';

export const SCHEME = 'support-desk';
export const DEFAULT_PLAYBOOK_DOC = vscode.Uri.from({
  scheme: SCHEME,
  path: '/default-playbook.json',
});

export class PlaybookDocuments extends Disposable implements vscode.TextDocumentContentProvider {
  constructor() {
    super();
    this._register(vscode.workspace.registerTextDocumentContentProvider(SCHEME, this));
  }

  provideTextDocumentContent(uri: vscode.Uri): string | undefined {
    return uri.path === DEFAULT_PLAYBOOK_DOC.path
      ? `${JSON.stringify(defaultPlaybook(), null, 2)}\n`
      : undefined;
  }
}
