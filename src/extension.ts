// Wiring only: build the pieces of src/ui and connect them. Everything that does work lives below.
import type * as vscode from 'vscode';
import type { SupportDeskApi } from './ui/public-api';
import { startSupportDesk } from './ui/support-desk';

/** Starts the extension; returns its API (src/ui/public-api.ts): version, activateMs, onDidLoadReports, reports(), lookup(). */
export function activate(context: vscode.ExtensionContext): SupportDeskApi {
  return startSupportDesk(context);
}

export function deactivate(): void {
  // Disposables registered on the context are released by VS Code.
}
