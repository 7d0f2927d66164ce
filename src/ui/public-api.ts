// What activate() returns (`vscode.extensions.getExtension('support-desk.marketplace-support-desk').exports`):
// a small, documented surface of questions and observable state, never the internal objects, so that
// the internals can change without breaking a caller.
import type * as vscode from 'vscode';
import type { AccountVerdict, ReportFileSummary } from '../core/domain';
import { parseTypedAccount } from '../core/ids';
import type { SupportDeskContext } from './context';
import type { ReportsLoaded } from './reports/reports-controller';

/** The reports the extension holds after a load. */
export interface LoadedReportsSummary {
  /** Every file read, in load order: its path (or s3:// URL), format (null: not a report), report date (YYYY-MM-DD), data rows read and kept. */
  readonly files: readonly ReportFileSummary[];
  /** Counts over the kept rows: one subscription per account and product. */
  readonly subscriptions: number;
  readonly accounts: number;
  readonly products: number;
  /** The newest report date (YYYY-MM-DD), or null when no file is a subscription report. */
  readonly latestReportDate: string | null;
}

/**
 * The Support Desk extension's API. Stable: members are added, never changed or removed.
 * Everything it answers comes from the reports and settings the views use, so it agrees with them.
 */
export interface SupportDeskApi {
  /** The extension's version (package.json `version`). */
  readonly version: string;
  /** Milliseconds activate() took, measured inside it with performance.now(); the reports are parsed after it returns. */
  readonly activateMs: number;
  /** Fires after each load of the reports ends (settings changed, a report file changed, Refresh); undefined when none is configured. */
  readonly onDidLoadReports: vscode.Event<LoadedReportsSummary | undefined>;
  /** The reports held once any load queued or running has ended; undefined when none is configured. */
  reports(): Promise<LoadedReportsSummary | undefined>;
  /**
   * The verdict for an AWS account (12 digits; dashes and spaces are fine) from those reports, on the
   * judging day (supportDesk.eligibility.asOf, else today) under the policy in effect (settings over
   * the playbook) — the verdict the Subscriptions view and the panel show. Undefined when no reports
   * are held. Throws a RangeError, saying why, when `account` is not an account number.
   */
  lookup(account: string): Promise<AccountVerdict | undefined>;
}

/**
 * What the suite's white-box tests get besides: the running pieces. Only under the extension test runner
 * (ExtensionMode.Test); never part of the API users' extensions see.
 */
export interface SupportDeskTestHandle extends SupportDeskApi {
  readonly context: SupportDeskContext;
}

/** The API over the running pieces; with the pieces themselves under the extension test runner. */
export function publicApi(
  ctx: SupportDeskContext,
  activateMs: number,
  testMode: boolean,
): SupportDeskApi {
  const { reports } = ctx;
  const summary = (loaded: ReportsLoaded | undefined) => loaded && summarize(loaded);
  const api: SupportDeskApi = {
    version: (ctx.extension.extension.packageJSON as { version: string }).version,
    activateMs,
    onDidLoadReports: (listener, thisArgs?, disposables?) =>
      reports.onDidChange(
        (loaded) => {
          listener.call(thisArgs, summary(loaded));
        },
        undefined,
        disposables,
      ),
    async reports() {
      await reports.whenIdle();
      return summary(reports.current);
    },
    async lookup(account) {
      const parsed = parseTypedAccount(account);
      if (!parsed.ok) throw new RangeError(parsed.reason);
      await reports.whenIdle();
      return ctx.judge.account(parsed.account).reports?.answer;
    },
  };
  if (!testMode) return api;
  const handle: SupportDeskTestHandle = { ...api, context: ctx };
  return handle;
}

function summarize({ snapshot }: ReportsLoaded): LoadedReportsSummary {
  const { store, files } = snapshot;
  return {
    files,
    subscriptions: store.subscriptionCount,
    accounts: store.accountCount,
    products: store.productCount,
    latestReportDate: store.latestReportDate() ?? null,
  };
}
