// The Support Desk panel as activation sees it: a serializer and an opener. The panel's own code
// (dist/panel.js) loads on first use, so activation does not pay for it.
import * as vscode from 'vscode';
import { PANEL_VIEW_TYPE } from '../../shared/panel-protocol';
import type { SupportDeskContext } from '../context';
import { lazyBundle } from '../../core/lazy-bundle';
import type { PanelTarget, SupportDeskPanel } from './support-desk-panel';

const panel = lazyBundle<typeof import('./support-desk-panel')>('panel');

/** Opens (or reveals) the panel and shows `target`: a section, an account to check. */
export function showPanel(ctx: SupportDeskContext, target?: PanelTarget): SupportDeskPanel {
  return panel.load().SupportDeskPanel.show(ctx, target);
}

/** The open panel, if any, without loading the panel's code when none was ever opened. */
export function openPanel(): SupportDeskPanel | undefined {
  return panel.loaded()?.SupportDeskPanel.open;
}

/** Restores the panel after a reload: VS Code hands back the webview, which restores its own state. */
export function registerPanelSerializer(ctx: SupportDeskContext): vscode.Disposable {
  return vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, {
    deserializeWebviewPanel: (restored) => {
      panel.load().SupportDeskPanel.revive(ctx, restored);
      return Promise.resolve();
    },
  });
}
