// Wiring only: build the pieces of src/ui and connect them. Everything that does work lives below.
import type * as vscode from 'vscode';
import { startSupportDesk, type SupportDeskApi } from './ui/support-desk';

export function activate(context: vscode.ExtensionContext): SupportDeskApi {
  return startSupportDesk(context);
}

export function deactivate(): void {
  // Disposables registered on the context are released by VS Code.
}
