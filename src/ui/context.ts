// The one object every command and view is handed: the pieces of the running extension.
import type * as vscode from 'vscode';
import type { AuditTrail } from './audit/audit-trail';
import type { AwsSession } from './aws/aws-session';
import type { ConfirmationsView } from './confirmations/confirmations-view';
import type { Judge } from './judging/judge';
import type { CallSheetDocument } from './playbook/call-sheet-document';
import type { PlaybookSource } from './playbook/playbook-source';
import type { ReportsController } from './reports/reports-controller';
import type { SubscriptionsView } from './subscriptions/subscriptions-view';

export interface SupportDeskContext {
  readonly extension: vscode.ExtensionContext;
  readonly log: vscode.LogOutputChannel;
  readonly reports: ReportsController;
  readonly playbook: PlaybookSource;
  /** The critical-outage call sheet, rendered in the Markdown preview. */
  readonly callSheet: CallSheetDocument;
  /** The verdicts: every source of evidence held, judged on the judging day under the window in effect. */
  readonly judge: Judge;
  readonly subscriptions: SubscriptionsView;
  /** The audit log: its path, the entries read back, `append` and `onDidChange`. */
  readonly audit: AuditTrail;
  readonly confirmations: ConfirmationsView;
  readonly aws: AwsSession;
}
