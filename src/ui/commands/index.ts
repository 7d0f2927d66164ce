// Every command of the extension, each a small factory over the one context object. An AWS action
// (./aws-actions.ts) has two forms, as rust-analyzer's editors/code registers a command enabled or
// disabled by the server's state: the enabled form in a trusted workspace, the restricted form (no
// AWS call, the one wording of ../restricted-mode.ts, and what it can offer instead) in Restricted
// Mode. The form is picked at each call, so granting trust takes effect without registering again.
import * as vscode from 'vscode';
import { UserFacingError } from '../../core/user-facing-error';
import type { SupportDeskContext } from '../context';
import { isTrusted } from '../restricted-mode';
import type { AwsActionId } from './aws-actions';
import { askAndConfirmInstance, confirmInstancesFromFile } from './confirm-commands';
import { verifyIdentityDocument } from './identity-commands';
import { openPlaybook, openSupportDesk } from './playbook-commands';
import { chooseAndLoadReports, openSampleReports, refreshReports } from './report-commands';
import {
  checkLiveAgreementsRestricted,
  confirmInstanceRestricted,
  saysRestricted,
} from './restricted-forms';
import {
  checkLiveAgreementsCommand,
  copyAccountId,
  findAccount,
  groupBy,
  openInSupportDesk,
  showMore,
} from './subscription-commands';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- command arguments come from VS Code untyped
type CommandFactory = (ctx: SupportDeskContext) => (...args: any[]) => unknown;

/** An AWS action: `enabled` in a trusted workspace, `restricted` (never loads the AWS layer) in Restricted Mode. */
interface AwsAction {
  enabled: CommandFactory;
  restricted: CommandFactory;
}

const AWS_COMMANDS: { [id in AwsActionId]: AwsAction } = {
  'supportDesk.confirmInstance': {
    enabled: askAndConfirmInstance,
    restricted: confirmInstanceRestricted,
  },
  'supportDesk.confirmInstancesFromFile': {
    enabled: confirmInstancesFromFile,
    restricted: saysRestricted('supportDesk.confirmInstancesFromFile'),
  },
  'supportDesk.checkLiveAgreements': {
    enabled: checkLiveAgreementsCommand,
    restricted: checkLiveAgreementsRestricted,
  },
  'supportDesk.checkCredentials': {
    enabled: (ctx) => () => ctx.aws.checkCredentials(),
    restricted: saysRestricted('supportDesk.checkCredentials'),
  },
  'supportDesk.selectProfile': {
    enabled: (ctx) => () => ctx.aws.selectProfile(),
    restricted: saysRestricted('supportDesk.selectProfile'),
  },
  'supportDesk.selectRegion': {
    enabled: (ctx) => () => ctx.aws.selectRegion(),
    restricted: saysRestricted('supportDesk.selectRegion'),
  },
  'supportDesk.retryS3Reports': {
    enabled: (ctx) => () => ctx.reports.retryS3(),
    restricted: saysRestricted('supportDesk.retryS3Reports'),
  },
};

const COMMANDS: Record<string, CommandFactory> = {
  'supportDesk.loadReports': chooseAndLoadReports,
  'supportDesk.openSampleReports': openSampleReports,
  'supportDesk.refreshReports': refreshReports,
  'supportDesk.findAccount': findAccount,
  'supportDesk.groupByProduct': groupBy('product'),
  'supportDesk.groupByAccount': groupBy('account'),
  'supportDesk.verifyIdentityDocument': verifyIdentityDocument,
  'supportDesk.copyAccountId': copyAccountId,
  'supportDesk.openPlaybook': openPlaybook,
  'supportDesk.openSupportDesk': openSupportDesk,
  'supportDesk.openInSupportDesk': openInSupportDesk,
  'supportDesk.showLog': (ctx) => () => ctx.log.show(),
  'supportDesk.showMore': showMore,
};

export function registerCommands(ctx: SupportDeskContext): vscode.Disposable[] {
  const awsActions = Object.entries(AWS_COMMANDS).map(([id, { enabled, restricted }]) => {
    const forms = { enabled: enabled(ctx), restricted: restricted(ctx) };
    return register(ctx, id, (...args) =>
      (isTrusted() ? forms.enabled : forms.restricted)(...args),
    );
  });
  return [
    ...awsActions,
    ...Object.entries(COMMANDS).map(([id, factory]) => register(ctx, id, factory(ctx))),
  ];
}

/** Registers `run` as `id` inside the one error boundary of the command table. */
function register(
  ctx: SupportDeskContext,
  id: string,
  run: (...args: unknown[]) => unknown,
): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: unknown[]) => {
    try {
      return await run(...args);
    } catch (error) {
      // One place where a failure becomes a message, never a silent no-op: words for the engineer are
      // shown as they are; anything else is a fault, shown with its stack in the log.
      if (error instanceof UserFacingError) {
        ctx.log.warn(`${id}: ${error.message}`);
        void vscode.window.showErrorMessage(`Support Desk: ${error.message}`);
        return undefined;
      }
      ctx.log.error(
        `${id} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      void vscode.window
        .showErrorMessage(
          `Support Desk: ${error instanceof Error ? error.message : String(error)}`,
          'Show Log',
        )
        .then((c) => c && ctx.log.show());
      return undefined;
    }
  });
}
