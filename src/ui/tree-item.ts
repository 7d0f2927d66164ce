// One mapping from a node's look (label, icon, tooltip, context value: decided in pure code) to the
// vscode.TreeItem both views hand to VS Code, so the Subscriptions and Confirmations rows cannot drift.
import * as vscode from 'vscode';
import { visibleLine, visibleText } from '../core/text';
import type { NodeLook } from './looks';

/**
 * The TreeItem for a node that looks like `look`, with the node's stable `id` (VS Code keeps selection and
 * expansion by it). The tooltip is Markdown already escaped by the look; `tooltipMarkdown` may rewrite it
 * (links to local copies) before it is wrapped. Theme icons stay off: `$(name)` from a report is text.
 * Control characters and bidi overrides from a report are shown, not obeyed (visibleLine, visibleText).
 */
export function treeItem(
  id: string,
  look: NodeLook,
  tooltipMarkdown: (markdown: string) => string = (m) => m,
): vscode.TreeItem {
  const item = new vscode.TreeItem(
    visibleLine(look.label),
    look.collapsible
      ? vscode.TreeItemCollapsibleState.Collapsed
      : vscode.TreeItemCollapsibleState.None,
  );
  item.id = id;
  item.description = look.description === undefined ? undefined : visibleLine(look.description);
  item.contextValue = look.contextValue;
  item.iconPath = new vscode.ThemeIcon(
    look.icon.id,
    look.icon.color ? new vscode.ThemeColor(look.icon.color) : undefined,
  );
  if (look.tooltip)
    item.tooltip = new vscode.MarkdownString(visibleText(tooltipMarkdown(look.tooltip)));
  return item;
}
