// "Open call sheet" in the real workbench: the sheet shows rendered in VS Code's Markdown preview, once
// however often it is asked for, from a read-only document (no untitled buffer, nothing to save), and
// its phone numbers are written as the playbook writes them.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { HostMessage } from '../../src/shared/panel-protocol';
import type { SupportDeskPanel } from '../../src/ui/panel/support-desk-panel';
import { callSheetUri } from '../../src/ui/playbook/call-sheet-document';
import { supportDesk, waitFor } from './helpers';

describe('call sheet', () => {
  let panel: SupportDeskPanel;
  const posted: HostMessage[] = [];

  before(async function () {
    this.timeout(90_000);
    await supportDesk();
    panel = (await vscode.commands.executeCommand<SupportDeskPanel>(
      'supportDesk.openSupportDesk',
    ))!;
    panel.transport.onDidPost((m) => posted.push(m));
    // Replies go to a webview that said `ready`: a loaded machine takes a while to start its frame.
    await waitFor('the state message', () => posted.some((m) => m.type === 'state'), 80_000);
  });

  after(async () => {
    panel?.dispose();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  // The line with critical-outage numbers in the default playbook (the ElasticBox seed's).
  const LINE = 'elasticbox';

  /** Asks as the webview's "Open call sheet" button does, on the ElasticBox line, and waits for the reply. */
  async function openCallSheet(
    id: number,
    region?: string,
  ): Promise<Extract<HostMessage, { type: 'reply' }>> {
    const requestId = 2_000_000 + id;
    await panel.transport.receive({
      type: 'request',
      requestId,
      request: { kind: 'openCallSheet', line: LINE, ...(region ? { region } : {}) },
    });
    // The first asks the built-in Markdown extension to start: on a loaded machine that takes seconds.
    return waitFor(
      `the reply to request ${requestId}`,
      () =>
        posted.find(
          (m): m is Extract<HostMessage, { type: 'reply' }> =>
            m.type === 'reply' && m.requestId === requestId,
        ),
      40_000,
    );
  }

  const tabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs);
  const previews = () =>
    tabs().filter(
      (t) =>
        t.input instanceof vscode.TabInputWebview && /markdown\.preview/.test(t.input.viewType),
    );

  it('shows the sheet rendered in one Markdown preview, however often it is opened, with no unsaved document', async function () {
    this.timeout(60_000);
    const untitled = () => vscode.workspace.textDocuments.filter((d) => d.isUntitled).length;
    const untitledBefore = untitled();
    for (const [id, region] of [
      [1, undefined],
      [2, 'EMEA'],
      [3, undefined],
    ] as const) {
      const reply = await openCallSheet(id, region);
      assert.equal(reply.ok, true, JSON.stringify(reply));
      await waitFor('the call sheet preview', () => previews().length > 0, 20_000);
    }
    assert.equal(
      previews().length,
      1,
      `one preview, not ${tabs()
        .map((t) => t.label)
        .join(', ')}`,
    );
    assert.match(previews()[0].label, /Critical outage call sheet/);
    assert.equal(untitled(), untitledBefore, 'no untitled Markdown buffer');
    // No editor of the Markdown source either: the sheet is read, not edited.
    assert.ok(
      !tabs().some(
        (t) =>
          t.input instanceof vscode.TabInputText && t.input.uri.scheme === callSheetUri().scheme,
      ),
    );
  });

  it('writes every number as the playbook does (no escaping backslash) and lists the region asked for', async function () {
    this.timeout(60_000);
    const reply = await openCallSheet(4, 'Asia Pacific');
    assert.equal(reply.ok, true, JSON.stringify(reply));
    await waitFor('the preview for Asia Pacific', () =>
      previews().some((t) => /for Asia Pacific/.test(t.label)),
    );
    assert.equal(previews().length, 1, 'the sheet of another region is closed');
    const doc = await vscode.workspace.openTextDocument(callSheetUri('Asia Pacific', LINE));
    const sheet = doc.getText();
    assert.match(sheet, /\| Asia Pacific \| \[\+65 6768 8099\]\(tel:\+6567688099\) \|/);
    assert.doesNotMatch(sheet, /\\\+|\\\d/);
    assert.doesNotMatch(sheet, /United States/);
    assert.equal(doc.isDirty, false);
    assert.equal(doc.isUntitled, false);
  });

  it('closes without a save prompt', async function () {
    this.timeout(60_000);
    await openCallSheet(5);
    await waitFor('the call sheet preview', () =>
      previews().some((t) => /sheet\.md$/.test(t.label)),
    );
    // A dirty document would hold the close on a "Save changes?" dialog; this one closes at once.
    assert.equal(await vscode.window.tabGroups.close(previews()), true);
    await waitFor('the preview closed', () => previews().length === 0).catch(() => undefined);
    assert.equal(
      previews().length,
      0,
      tabs()
        .map(
          (t) =>
            `${t.label} (${t.input instanceof vscode.TabInputWebview ? t.input.viewType : 'other'})`,
        )
        .join(', '),
    );
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.isDirty));
  });
});
