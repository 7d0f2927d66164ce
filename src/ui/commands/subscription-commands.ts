// Commands of the Subscriptions view: find an account, check its live agreements, grouping, copy, paging.
import * as vscode from 'vscode';
import { recordedEvidenceByAccount, summarizeRecordedEvidence } from '../../core/eligibility';
import { paddingWarning } from '../../core/ids';
import { checkLiveAgreements, type LiveCheck } from '../aws/live-agreements';
import type { SupportDeskContext } from '../context';
import { showPanel } from '../panel/panel-loader';
import { isTrusted } from '../restricted-mode';
import { askAccount } from './input-checks';
import {
  accountOf,
  productOf,
  type FindResult,
  type MoreNode,
  type TreeNode,
} from '../subscriptions/subscriptions-tree-model';
import { VERDICT_LOOK } from '../looks';
import {
  confirmationAccount,
  type ConfirmationTreeNode,
} from '../confirmations/confirmations-tree-model';

/**
 * Find Account...: accepts "1111-2222-3333", "1111 2222 3333" or a number that lost its leading zeros.
 * Selects the account in the tree when the reports list it, checks it in the panel, and says its verdict
 * with the proof beyond the reports the audit log holds (live agreements, identity document), offering
 * Check Live Agreements and Open in Support Desk (and Confirm Instance for an unlisted account).
 */
export const findAccount =
  (ctx: SupportDeskContext) =>
  async (typed?: string): Promise<FindResult | undefined> => {
    const parsed = await askAccount(
      'Find Account',
      "The customer's 12-digit AWS account number (spaces, dashes and dropped leading zeros are fine)",
      typed,
    );
    if (!parsed) return undefined;
    // A number that lost digits is looked up padded, and the engineer hears so (the panel says it too).
    const padded = paddingWarning(parsed.raw);
    if (padded) void vscode.window.showWarningMessage(`Find Account: ${padded}`);
    await ctx.reports.whenIdle();
    const result = await ctx.subscriptions.find(parsed.account);
    if (!result) {
      void vscode.window
        .showWarningMessage('No subscription reports are loaded yet.', 'Load Reports...')
        .then((c) => c && vscode.commands.executeCommand('supportDesk.loadReports'));
      return undefined;
    }
    const v = result.verdict;
    // The panel answers with the evidence beside the tree; focus stays on the tree row.
    showPanel(ctx, { section: 'check', check: { account: v.account } });
    const recorded = summarizeRecordedEvidence(
      recordedEvidenceByAccount(await ctx.audit.read()).get(v.account) ?? {},
    );
    // No AWS call in Restricted Mode: the live search is not offered there.
    const actions = isTrusted() ? [CHECK_LIVE, OPEN_PANEL] : [OPEN_PANEL];
    let shown: Thenable<string | undefined>;
    if (result.found) {
      const best = v.subscriptions[0];
      ctx.log.info(`find account ${v.account}: ${v.verdict}`);
      const verdict = `Account ${v.account}: ${VERDICT_LOOK[v.verdict].words}${best ? ` for ${best.productTitle ?? best.productId}` : ''}`;
      void vscode.window.setStatusBarMessage(verdict, 10_000);
      shown = vscode.window.showInformationMessage(`${verdict}. ${recorded}`, ...actions);
    } else {
      ctx.log.info(`find account ${v.account}: not in the loaded reports`);
      const why =
        v.subscriptions.flatMap((s) => s.reasons).find((r) => /good faith|lag/.test(r)) ?? '';
      shown = vscode.window.showWarningMessage(
        `Account ${v.account} is not in the loaded reports (unlisted). ${why} ${recorded} Check its live agreements or confirm an instance to check in real time.`,
        ...actions,
        CONFIRM,
      );
    }
    void shown.then((choice) => {
      if (choice === CHECK_LIVE)
        return vscode.commands.executeCommand('supportDesk.checkLiveAgreements', v.account);
      if (choice === OPEN_PANEL)
        return showPanel(ctx, { section: 'check', check: { account: v.account } });
      if (choice === CONFIRM)
        return vscode.commands.executeCommand('supportDesk.confirmInstance', {
          claimedAccount: v.account,
        });
      return undefined;
    });
    return result;
  };

const CHECK_LIVE = 'Check Live Agreements';
const OPEN_PANEL = 'Open in Support Desk';
const CONFIRM = 'Confirm Instance...';

/**
 * Check Live Agreements...: the account's AWS Marketplace agreements (SearchAgreements with the
 * engineer's profile, us-east-1) combined with the reports' verdict, recorded in the audit log, the
 * answer in a notification. The account comes from a tree row, Find Account or an input box. Returns
 * the answer (tests), undefined when cancelled.
 */
export const checkLiveAgreementsCommand =
  (ctx: SupportDeskContext) =>
  async (target?: TreeNode | string): Promise<LiveCheck | undefined> => {
    const account =
      typeof target === 'string'
        ? target
        : target && target.kind !== 'more'
          ? accountOf(target)
          : undefined;
    const parsed = await askAccount(
      'Check Live Agreements',
      "The customer's 12-digit AWS account number",
      account,
    );
    if (!parsed) return undefined;
    const productId =
      typeof target === 'object' && target.kind !== 'more' ? productOf(target) : undefined;
    const answer = await checkLiveAgreements(ctx, parsed.account, productId);
    const { live } = answer;
    const message = [
      `Account ${parsed.account} with live agreements: ${VERDICT_LOOK[answer.verdict].words}.`,
      ...answer.reasons,
      `(SearchAgreements ${live.verdict}, ${live.checkedAt}, profile ${live.profile ?? 'default chain'}, request ${live.requestIds.join(', ') || 'none'})`,
      answer.auditProblem ? `But ${answer.auditProblem}.` : '',
    ]
      .filter(Boolean)
      .join(' ');
    const show =
      live.verdict === 'error' || answer.auditProblem
        ? vscode.window.showWarningMessage
        : vscode.window.showInformationMessage;
    void show(message, OPEN_PANEL).then(
      (choice) =>
        choice &&
        showPanel(ctx, { section: 'check', check: { account: parsed.account, productId } }),
    );
    return answer;
  };

export const groupBy =
  (grouping: 'product' | 'account') => (ctx: SupportDeskContext) => (): Promise<void> =>
    ctx.subscriptions.setGrouping(grouping);

export const copyAccountId =
  () =>
  async (node?: TreeNode | ConfirmationTreeNode | string): Promise<string | undefined> => {
    const account =
      typeof node === 'string'
        ? node
        : node?.kind === 'confirmation'
          ? confirmationAccount(node.entry)
          : node && node.kind !== 'older'
            ? accountOf(node)
            : undefined;
    if (!account) return undefined;
    await vscode.env.clipboard.writeText(account);
    void vscode.window.setStatusBarMessage(`Copied account ${account}`, 3000);
    return account;
  };

/** Open in Support Desk (an account's context menu): the panel checks that account. */
export const openInSupportDesk =
  (ctx: SupportDeskContext) =>
  (node?: TreeNode): void => {
    const account = node && node.kind !== 'more' ? accountOf(node) : undefined;
    showPanel(ctx, {
      section: 'check',
      check: account
        ? { account, productId: node && node.kind !== 'more' ? productOf(node) : undefined }
        : undefined,
    });
  };

export const showMore =
  (ctx: SupportDeskContext) =>
  (node: MoreNode): void =>
    ctx.subscriptions.showMore(node);
