// The Support Desk panel as activation sees it: a serializer and an opener. The panel's own code
// (dist/panel.js) loads on first use, so activation does not pay for it. Bundled, panel.js sits
// beside dist/extension.js; unbundled (tsc's out/), supportDeskPanel.js sits beside this file.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { PANEL_VIEW_TYPE } from '../../shared/panelProtocol';
import type { SupportDeskContext } from '../context';
import type { PanelTarget, SupportDeskPanel } from './supportDeskPanel';

type PanelModule = typeof import('./supportDeskPanel');

let loaded: PanelModule | undefined;

function panelModule(): PanelModule {
  if (!loaded) {
    const bundled = join(__dirname, 'panel.js');
    loaded = require(existsSync(bundled) ? bundled : join(__dirname, 'supportDeskPanel')) as PanelModule;
  }
  return loaded;
}

/** Opens (or reveals) the panel and shows `target`: a section, an account to check. */
export function showPanel(ctx: SupportDeskContext, target?: PanelTarget): SupportDeskPanel {
  return panelModule().SupportDeskPanel.show(ctx, target);
}

/** The open panel, if any, without loading the panel's code when none was ever opened. */
export function openPanel(): SupportDeskPanel | undefined {
  return loaded?.SupportDeskPanel.open;
}

/** Restores the panel after a reload: VS Code hands back the webview, which restores its own state. */
export function registerPanelSerializer(ctx: SupportDeskContext): vscode.Disposable {
  return vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, {
    deserializeWebviewPanel: async (panel) => {
      panelModule().SupportDeskPanel.revive(ctx, panel);
    },
  });
}
