// Commands about the subscription reports: choose them, show the samples, reload.
import * as vscode from 'vscode';
import type { SupportDeskContext } from '../context';
import { isTrusted } from '../restricted-mode';
import { SECTION } from '../settings';

/** Load Reports...: pick folders or CSV files and keep them in supportDesk.reports.paths. */
export const chooseAndLoadReports =
  (ctx: SupportDeskContext) =>
  async (paths?: string[]): Promise<void> => {
    let chosen = paths;
    if (!chosen) {
      const picked = await vscode.window.showOpenDialog({
        title: 'Choose the folder (or CSV files) holding the AWS Marketplace subscription reports',
        canSelectFolders: true,
        canSelectFiles: true,
        canSelectMany: true,
        filters: { 'Subscription reports': ['csv'] },
        openLabel: 'Load Reports',
      });
      chosen = picked?.map((u) => u.fsPath);
    }
    if (!chosen || chosen.length === 0) return;
    // In a trusted folder the choice belongs to the workspace; otherwise it can only live in user settings.
    const target =
      vscode.workspace.workspaceFolders && isTrusted()
        ? vscode.ConfigurationTarget.Workspace
        : vscode.ConfigurationTarget.Global;
    ctx.log.info(`report paths set to ${chosen.join(', ')}`);
    await vscode.workspace.getConfiguration(SECTION).update('reports.paths', chosen, target);
    await ctx.reports.reload();
  };

/** The sample reports shipped with the extension, for a first look; settings are not changed. */
export const openSampleReports = (ctx: SupportDeskContext) => async (): Promise<void> => {
  const folder = vscode.Uri.joinPath(ctx.extension.extensionUri, 'samples', 'reports').fsPath;
  await ctx.reports.showSamples(folder);
  await vscode.commands.executeCommand('supportDesk.subscriptions.focus');
};

export const refreshReports = (ctx: SupportDeskContext) => async (): Promise<void> => {
  ctx.playbook.reload();
  await ctx.reports.reload('all');
};
