// Builds the running extension: the context object, views, commands. Nothing here parses reports or
// loads the AWS SDK; the first report load starts after activate() has returned.
import * as vscode from 'vscode';
import { redactingLog } from './redacting-log';
import { isTrusted, NO_AWS_CALL } from './restricted-mode';
import { AuditTrail } from './audit/audit-trail';
import { AwsSession } from './aws/aws-session';
import { registerCommands } from './commands';
import { ConfirmationsView } from './confirmations/confirmations-view';
import type { SupportDeskContext } from './context';
import { CallSheetDocument } from './playbook/call-sheet-document';
import { PlaybookDocuments } from './playbook/playbook-documents';
import { PlaybookSource } from './playbook/playbook-source';
import { openPanel, registerPanelSerializer } from './panel/panel-loader';
import { publicApi, type SupportDeskApi } from './public-api';
import { ReportsController } from './reports/reports-controller';
import { Judge } from './judging/judge';
import { followRecordedEvidence } from './subscriptions/evidence-tooltips';
import { SubscriptionsView } from './subscriptions/subscriptions-view';

/** Builds and wires the pieces (disposed with the extension's subscriptions); returns the documented API. */
export function startSupportDesk(extension: vscode.ExtensionContext): SupportDeskApi {
  const started = performance.now();
  // Every line the log receives is redacted on its way in: one place, whatever the caller.
  const log = redactingLog(vscode.window.createOutputChannel('Support Desk', { log: true }));
  const playbook = new PlaybookSource(log);
  const aws = new AwsSession(log, extension.globalState);
  const reports = new ReportsController(log, extension.globalStorageUri.fsPath, aws);
  const judge = new Judge(reports, playbook);
  const audit = new AuditTrail(log);
  const subscriptions = new SubscriptionsView(reports, extension.workspaceState, judge);
  const ctx: SupportDeskContext = {
    extension,
    log,
    playbook,
    callSheet: new CallSheetDocument(playbook),
    reports,
    judge,
    subscriptions,
    audit,
    confirmations: new ConfirmationsView(audit),
    aws,
  };
  extension.subscriptions.push(
    log,
    playbook,
    ctx.callSheet,
    reports,
    judge,
    subscriptions,
    audit,
    ctx.confirmations,
    ctx.aws,
    new PlaybookDocuments(),
    ...registerCommands(ctx),
    registerPanelSerializer(ctx),
    followRecordedEvidence(ctx),
    { dispose: () => openPanel()?.dispose() },
  );
  // After activate() returns: the playbook (its eligibility window) first, then the reports.
  const timer = setTimeout(() => void playbook.current().finally(() => reports.reload()), 0);
  extension.subscriptions.push({ dispose: () => clearTimeout(timer) });
  const activateMs = performance.now() - started;
  log.info(
    `activated in ${activateMs.toFixed(1)} ms${isTrusted() ? '' : ` (${NO_AWS_CALL} The workspace's report paths and playbook are not read.)`}`,
  );
  return publicApi(ctx, activateMs, extension.extensionMode === vscode.ExtensionMode.Test);
}
