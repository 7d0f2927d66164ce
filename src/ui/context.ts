// The one object every command and view is handed: the pieces of the running extension.
import type * as vscode from 'vscode';
import type { AwsSession } from './aws/awsSession';
import type { ConfirmationsView } from './confirmations/confirmationsView';
import type { PlaybookSource } from './playbook/playbookSource';
import type { ReportsController } from './reports/reportsController';
import type { SubscriptionsView } from './subscriptions/subscriptionsView';

export interface SupportDeskContext {
  readonly extension: vscode.ExtensionContext;
  readonly log: vscode.LogOutputChannel;
  readonly reports: ReportsController;
  readonly playbook: PlaybookSource;
  readonly subscriptions: SubscriptionsView;
  readonly confirmations: ConfirmationsView;
  readonly aws: AwsSession;
}
