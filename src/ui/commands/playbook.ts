// Open Playbook (the team's JSON, or the default read-only) and Open Support Desk (the playbook
// rendered as a page: scope, escalation numbers, channels, case templates).
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import * as vscode from 'vscode';
import { defaultPlaybook } from '../../core/playbook/load';
import type { SupportDeskContext } from '../context';
import { DEFAULT_PLAYBOOK_DOC, SUPPORT_DESK_PAGE } from '../playbook/playbookDocuments';

export const openPlaybook = (ctx: SupportDeskContext) => async (): Promise<vscode.Uri> => {
  const loaded = await ctx.playbook.current();
  if (loaded.teamFile) {
    await vscode.window.showTextDocument(vscode.Uri.file(loaded.teamFile));
    return vscode.Uri.file(loaded.teamFile);
  }
  const doc = await vscode.workspace.openTextDocument(DEFAULT_PLAYBOOK_DOC);
  await vscode.window.showTextDocument(doc, { preview: true });
  const teamPath = ctx.playbook.teamPath();
  if (teamPath && vscode.workspace.isTrusted) {
    void vscode.window
      .showInformationMessage('This is the default playbook (read-only). A team playbook in .support-desk/playbook.json replaces it section by section.', 'Create Team Playbook')
      .then((choice) => choice && createTeamPlaybook(ctx, teamPath));
  }
  return DEFAULT_PLAYBOOK_DOC;
};

/** Starts a team playbook with the section teams change first: their own contacts. */
async function createTeamPlaybook(ctx: SupportDeskContext, path: string): Promise<void> {
  const { contacts } = defaultPlaybook();
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify({ contacts }, null, 2)}\n`, { flag: 'wx' }).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
  ctx.log.info(`team playbook created at ${path}`);
  ctx.playbook.reload();
  await vscode.window.showTextDocument(vscode.Uri.file(path));
}

export const openSupportDesk = (ctx: SupportDeskContext) => async (): Promise<vscode.Uri> => {
  await ctx.playbook.current();
  try {
    await vscode.commands.executeCommand('markdown.showPreview', SUPPORT_DESK_PAGE);
  } catch (error) {
    // Without the built-in Markdown extension the page still opens, as text.
    ctx.log.warn(`Markdown preview unavailable (${String(error)}); opening the page as text`);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(SUPPORT_DESK_PAGE));
  }
  return SUPPORT_DESK_PAGE;
};
