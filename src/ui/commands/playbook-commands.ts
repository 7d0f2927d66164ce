// Open Playbook (the team's JSON, or the default read-only) and Open Support Desk (the panel: check,
// scope, escalation, case forms, channels).
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import * as vscode from 'vscode';
import { defaultPlaybook } from '../../core/playbook';
import type { SupportDeskContext } from '../context';
import { showPanel } from '../panel/panel-loader';
import type { PanelTarget, SupportDeskPanel } from '../panel/support-desk-panel';
import { DEFAULT_PLAYBOOK_DOC } from '../playbook/playbook-documents';
import { isTrusted } from '../restricted-mode';

export const openPlaybook = (ctx: SupportDeskContext) => async (): Promise<vscode.Uri> => {
  const loaded = await ctx.playbook.current();
  if (loaded.teamFile) {
    await vscode.window.showTextDocument(vscode.Uri.file(loaded.teamFile));
    return vscode.Uri.file(loaded.teamFile);
  }
  const doc = await vscode.workspace.openTextDocument(DEFAULT_PLAYBOOK_DOC);
  await vscode.window.showTextDocument(doc, { preview: true });
  const teamPath = ctx.playbook.teamPath();
  if (teamPath && isTrusted()) {
    void vscode.window
      .showInformationMessage(
        'This is the default playbook (read-only). A team playbook in .support-desk/playbook.json replaces it section by section.',
        'Create Team Playbook',
      )
      .then((choice) => choice && createTeamPlaybook(ctx, teamPath));
  }
  return DEFAULT_PLAYBOOK_DOC;
};

/** Starts a team playbook with the section teams change first: their own contacts. */
async function createTeamPlaybook(ctx: SupportDeskContext, path: string): Promise<void> {
  const { contacts } = defaultPlaybook();
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify({ contacts }, null, 2)}\n`, { flag: 'wx' }).catch(
    (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    },
  );
  ctx.log.info(`team playbook created at ${path}`);
  ctx.playbook.reload();
  await vscode.window.showTextDocument(vscode.Uri.file(path));
}

/** Open Support Desk: the panel, at a section when a caller names one. */
export const openSupportDesk =
  (ctx: SupportDeskContext) =>
  (target?: PanelTarget): SupportDeskPanel =>
    showPanel(ctx, target);
