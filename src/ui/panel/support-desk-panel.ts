// The Support Desk panel's host: owns one WebviewPanel and wires its pieces together: the page
// (panel-html.ts), the transport to the webview (panel-transport.ts: ready queue, validation,
// redaction), the answers to its requests (panel-requests.ts), and the state it is sent again when
// the playbook, the reports, the audit log, trust or the eligibility settings change.
import * as vscode from 'vscode';
import { PANEL_VIEW_TYPE, type CheckInput, type Section } from '../../shared/panel-protocol';
import type { SupportDeskContext } from '../context';
import { Disposable } from '../dispose';
import { isTrusted, onDidGrantTrust } from '../restricted-mode';
import { panelAsset, panelHtml, panelOptions } from './panel-html';
import { panelRequests } from './panel-requests';
import { panelState } from './panel-state';
import { PanelTransport } from './panel-transport';

/** Where the panel should land when it is shown: a section, and an account to check. */
export interface PanelTarget {
  section?: Section;
  check?: CheckInput;
}

export class SupportDeskPanel extends Disposable {
  private static current?: SupportDeskPanel;
  /** The wire to the webview: the suite sends requests and watches replies through it too. */
  readonly transport: PanelTransport;

  /** Opens the panel, or reveals the open one, and shows `target`. */
  static show(ctx: SupportDeskContext, target: PanelTarget = {}): SupportDeskPanel {
    if (!SupportDeskPanel.current) {
      const uri = ctx.extension.extensionUri;
      const panel = vscode.window.createWebviewPanel(
        PANEL_VIEW_TYPE,
        'Support Desk',
        vscode.ViewColumn.Active,
        panelOptions(uri),
      );
      SupportDeskPanel.current = new SupportDeskPanel(ctx, panel);
    } else {
      SupportDeskPanel.current.panel.reveal();
    }
    if (target.section || target.check)
      SupportDeskPanel.current.transport.post({
        type: 'show',
        section: target.section ?? 'check',
        check: target.check,
      });
    return SupportDeskPanel.current;
  }

  /** Takes over a panel VS Code restored after a reload (the webview restores its own state). */
  static revive(ctx: SupportDeskContext, panel: vscode.WebviewPanel): SupportDeskPanel {
    SupportDeskPanel.current?.dispose();
    panel.webview.options = panelOptions(ctx.extension.extensionUri);
    SupportDeskPanel.current = new SupportDeskPanel(ctx, panel);
    return SupportDeskPanel.current;
  }

  /** The open panel, if any. */
  static get open(): SupportDeskPanel | undefined {
    return SupportDeskPanel.current;
  }

  private constructor(
    private readonly ctx: SupportDeskContext,
    readonly panel: vscode.WebviewPanel,
  ) {
    super();
    const uri = ctx.extension.extensionUri;
    panel.iconPath = panelAsset(uri, 'media', 'support-desk.svg');
    panel.webview.html = panelHtml(panel.webview, uri);
    this.transport = this._register(
      new PanelTransport(panel, ctx.log, panelRequests(ctx), () => this.postState()),
    );
    for (const owned of [
      panel.onDidDispose(() => this.dispose()),
      ctx.playbook.onDidChange(() => void this.postState()),
      // A new Judgement: reports loaded, the playbook's or the settings' eligibility window changed.
      ctx.judge.onDidChange(() => void this.postState()),
      // The Confirmations view's watcher of the audit log (and every append of this window): the panel
      // follows the same trail, so a confirmation from the palette or the CLI shows without a new Check.
      ctx.audit.onDidChange(() => this.transport.post({ type: 'audit' })),
      onDidGrantTrust(() => void this.postState()),
    ])
      this._register(owned);
  }

  /** The playbook's sections and the reports' status, sent to a webview that is listening. */
  private async postState(): Promise<void> {
    if (!this.transport.isReady) return;
    const loaded = await this.ctx.playbook.current();
    const workspace = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    this.transport.post({
      type: 'state',
      state: panelState(
        loaded,
        this.ctx.judge.current,
        isTrusted(),
        this.ctx.judge.current.on.day,
        workspace,
      ),
    });
  }

  override dispose(): void {
    // Closing the panel fires onDidDispose, which calls this again: the second call does nothing.
    if (this.disposed) return;
    if (SupportDeskPanel.current === this) SupportDeskPanel.current = undefined;
    super.dispose();
    this.panel.dispose();
  }
}
