// The critical-outage call sheet as a page to read and print: a read-only Markdown document under a
// scheme of its own, shown rendered in VS Code's Markdown preview. Read-only, it is never dirty, so it
// closes without a save prompt; one preview at a time, so asking again never stacks up copies.
import * as vscode from 'vscode';
import { escapeMarkdown } from '../../core/text';
import { lineView } from '../../core/playbook';
import { callSheet } from '../../core/case';
import { Disposable } from '../dispose';
import type { PlaybookSource } from './playbook-source';

export const CALL_SHEET_SCHEME = 'support-desk-call-sheet';
const TITLE = 'Critical outage call sheet';

/**
 * The sheet's URI for `region` (every region when undefined) of support line `line` (the playbook's
 * default line when undefined): the line is the folder and the region in the name, so that each sheet
 * is a document of its own (the preview tells documents apart by path); both are in the query too.
 */
export function callSheetUri(region?: string, line?: string): vscode.Uri {
  const safe = (x: string) => x.replace(/[\\/]/g, '-');
  const name = region ? `${TITLE} for ${safe(region)}` : TITLE;
  const query = new URLSearchParams({
    ...(region ? { region } : {}),
    ...(line ? { line } : {}),
  }).toString();
  return vscode.Uri.from({
    scheme: CALL_SHEET_SCHEME,
    path: `${line ? `/${safe(line)}` : ''}/${name}.md`,
    query,
  });
}

export class CallSheetDocument extends Disposable implements vscode.TextDocumentContentProvider {
  private readonly changed = this._register(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this.changed.event;

  constructor(private readonly playbook: PlaybookSource) {
    super();
    this._register(vscode.workspace.registerTextDocumentContentProvider(CALL_SHEET_SCHEME, this));
    // A playbook edited while a sheet is open redraws it.
    this._register(
      playbook.onDidChange(() => {
        for (const doc of vscode.workspace.textDocuments)
          if (doc.uri.scheme === CALL_SHEET_SCHEME) this.changed.fire(doc.uri);
      }),
    );
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const { playbook } = await this.playbook.current();
    const query = new URLSearchParams(uri.query);
    const view = lineView(playbook, query.get('line') ?? undefined);
    return `# ${escapeMarkdown(`${playbook.name}, ${view.line.name}`)}\n\n${callSheet(view, query.get('region') ?? undefined)}\n`;
  }

  /**
   * Shows the sheet for `region` (every region when undefined) of support line `line` rendered, in a preview locked to it beside
   * the active group; the sheet of another region shown before is closed, the same one is revealed. Where
   * the Markdown preview is not available (the built-in extension disabled), the read-only source opens
   * instead. Returns the sheet's URI.
   */
  async show(region?: string, line?: string): Promise<vscode.Uri> {
    const uri = callSheetUri(region, line);
    const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
    const others = vscode.window.tabGroups.all
      .flatMap((g) => g.tabs)
      .filter((t) => isCallSheet(t) && !t.label.endsWith(name));
    if (others.length > 0) await vscode.window.tabGroups.close(others);
    try {
      // Running the command activates the built-in Markdown extension when it is not yet.
      await vscode.commands.executeCommand('markdown.showLockedPreviewToSide', uri);
    } catch {
      await vscode.window.showTextDocument(uri, {
        viewColumn: vscode.ViewColumn.Beside,
        preview: true,
      });
    }
    return uri;
  }
}

/** A tab showing a call sheet: its preview (named after the document) or its read-only source. */
function isCallSheet(tab: vscode.Tab): boolean {
  const input = tab.input;
  if (input instanceof vscode.TabInputText) return input.uri.scheme === CALL_SHEET_SCHEME;
  return (
    input instanceof vscode.TabInputWebview &&
    input.viewType.includes('markdown.preview') &&
    tab.label.includes(TITLE)
  );
}
