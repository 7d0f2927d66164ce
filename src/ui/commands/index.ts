// Every command of the extension, each a small factory over the one context object.
import * as vscode from 'vscode';
import type { SupportDeskContext } from '../context';
import { askAndConfirmInstance, confirmInstancesFromFile } from './confirm-commands';
import { verifyIdentityDocument } from './identity-commands';
import { openPlaybook, openSupportDesk } from './playbook-commands';
import { chooseAndLoadReports, openSampleReports, refreshReports } from './report-commands';
import { checkLiveAgreementsCommand, copyAccountId, findAccount, groupBy, openInSupportDesk, showMore } from './subscription-commands';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- command arguments come from VS Code untyped
type CommandFactory = (ctx: SupportDeskContext) => (...args: any[]) => unknown;

const COMMANDS: Record<string, CommandFactory> = {
  'supportDesk.loadReports': chooseAndLoadReports,
  'supportDesk.openSampleReports': openSampleReports,
  'supportDesk.refreshReports': refreshReports,
  'supportDesk.retryS3Reports': (ctx) => () => ctx.reports.retryS3(),
  'supportDesk.findAccount': findAccount,
  'supportDesk.checkLiveAgreements': checkLiveAgreementsCommand,
  'supportDesk.groupByProduct': groupBy('product'),
  'supportDesk.groupByAccount': groupBy('account'),
  'supportDesk.confirmInstance': askAndConfirmInstance,
  'supportDesk.confirmInstancesFromFile': confirmInstancesFromFile,
  'supportDesk.verifyIdentityDocument': verifyIdentityDocument,
  'supportDesk.selectProfile': (ctx) => () => ctx.aws.selectProfile(),
  'supportDesk.selectRegion': (ctx) => () => ctx.aws.selectRegion(),
  'supportDesk.checkCredentials': (ctx) => () => ctx.aws.checkCredentials(),
  'supportDesk.copyAccountId': copyAccountId,
  'supportDesk.openPlaybook': openPlaybook,
  'supportDesk.openSupportDesk': openSupportDesk,
  'supportDesk.openInSupportDesk': openInSupportDesk,
  'supportDesk.showLog': (ctx) => () => ctx.log.show(),
  'supportDesk.showMore': showMore,
};

export function registerCommands(ctx: SupportDeskContext): vscode.Disposable[] {
  return Object.entries(COMMANDS).map(([id, factory]) => {
    const run = factory(ctx);
    return vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        return await run(...args);
      } catch (error) {
        // One place where an unexpected failure becomes a message and a log line, never a silent no-op.
        ctx.log.error(`${id} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        void vscode.window
          .showErrorMessage(`Support Desk: ${error instanceof Error ? error.message : String(error)}`, 'Show Log')
          .then((c) => c && ctx.log.show());
        return undefined;
      }
    });
  });
}
