// The panel's page: our own script and styles only, under a strict Content Security Policy with a
// fresh nonce for the one script; the content itself is built by that script from text nodes.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

/** A file of the extension (`path` under its folder, e.g. 'media', 'panel.css'). */
export function panelAsset(extensionUri: vscode.Uri, ...path: string[]): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, ...path);
}

/** The webview's options: scripts on, and only our own assets (`media/`, `dist/webview/`) may load. */
export function panelOptions(
  extensionUri: vscode.Uri,
): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  // No retainContextWhenHidden: the webview saves its state with setState.
  return {
    enableScripts: true,
    enableFindWidget: true,
    localResourceRoots: [
      panelAsset(extensionUri, 'media'),
      panelAsset(extensionUri, 'dist', 'webview'),
    ],
  };
}

/** The page for `webview`: CSP with a new nonce, the codicons and panel styles, the bundled panel script. */
export function panelHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const nonce = randomBytes(16).toString('base64');
  const uri = (...path: string[]) =>
    webview.asWebviewUri(panelAsset(extensionUri, ...path)).toString();
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `img-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${uri('dist', 'webview', 'codicon.css')}">
<link rel="stylesheet" href="${uri('media', 'panel.css')}">
<title>Support Desk</title>
</head>
<body>
<div id="app" aria-live="polite"><p>Loading Support Desk…</p></div>
<script nonce="${nonce}" src="${uri('dist', 'webview', 'panel.js')}"></script>
</body>
</html>`;
}
