// Commands of the Subscriptions view: find an account, grouping, copy, paging.
import * as vscode from 'vscode';
import { paddingWarning, parseTypedAccount } from '../../core/ids';
import type { SupportDeskContext } from '../context';
import { showPanel } from '../panel/panel-loader';
import { typedAccountProblem } from './input-checks';
import { accountOf, productOf, type FindResult, type MoreNode, type TreeNode } from '../subscriptions/subscriptions-tree-model';
import { VERDICT_LOOK } from '../subscriptions/presentation';
import { confirmationAccount, type ConfirmationTreeNode } from '../confirmations/confirmations-tree-model';

/** Find Account...: accepts "1111-2222-3333", "1111 2222 3333" or a number that lost its leading zeros. */
export const findAccount = (ctx: SupportDeskContext) => async (typed?: string): Promise<FindResult | undefined> => {
  const raw = typed ?? await vscode.window.showInputBox({
    title: 'Find Account',
    prompt: 'The customer\'s 12-digit AWS account number (spaces, dashes and dropped leading zeros are fine)',
    placeHolder: '1111-2222-3333',
    validateInput: typedAccountProblem,
  });
  if (raw === undefined) return undefined;
  const parsed = parseTypedAccount(raw);
  if (!parsed.ok) {
    void vscode.window.showErrorMessage(`Find Account: ${parsed.reason}.`);
    return undefined;
  }
  // A number that lost digits is looked up padded, and the engineer hears so (the panel says it too).
  const padded = paddingWarning(raw);
  if (padded) void vscode.window.showWarningMessage(`Find Account: ${padded}`);
  await ctx.reports.whenIdle();
  const result = await ctx.subscriptions.find(parsed.account);
  if (!result) {
    void vscode.window.showWarningMessage('No subscription reports are loaded yet.', 'Load Reports...').then((c) => c && vscode.commands.executeCommand('supportDesk.loadReports'));
    return undefined;
  }
  const v = result.verdict;
  // The panel answers with the evidence beside the tree; focus stays on the tree row.
  showPanel(ctx, { section: 'check', check: { account: v.account } });
  if (result.found) {
    const best = v.subscriptions[0];
    ctx.log.info(`find account ${v.account}: ${v.verdict}`);
    void vscode.window.setStatusBarMessage(`Account ${v.account}: ${VERDICT_LOOK[v.verdict].words}${best ? ` for ${best.productTitle ?? best.productId}` : ''}`, 10_000);
  } else {
    ctx.log.info(`find account ${v.account}: not in the loaded reports`);
    const why = v.subscriptions.flatMap((s) => s.reasons).find((r) => /good faith|lag/.test(r)) ?? '';
    void vscode.window
      .showWarningMessage(`Account ${v.account} is not in the loaded reports (unlisted). ${why} Confirm an instance to check in real time.`, 'Confirm Instance...')
      .then((choice) => choice && vscode.commands.executeCommand('supportDesk.confirmInstance', { claimedAccount: v.account }));
  }
  return result;
};

export const groupBy = (grouping: 'product' | 'account') => (ctx: SupportDeskContext) => (): Promise<void> => ctx.subscriptions.setGrouping(grouping);

export const copyAccountId = () => async (node?: TreeNode | ConfirmationTreeNode | string): Promise<string | undefined> => {
  const account = typeof node === 'string' ? node
    : node?.kind === 'confirmation' ? confirmationAccount(node.entry)
    : node && node.kind !== 'older' ? accountOf(node) : undefined;
  if (!account) return undefined;
  await vscode.env.clipboard.writeText(account);
  void vscode.window.setStatusBarMessage(`Copied account ${account}`, 3000);
  return account;
};

/** Open in Support Desk (an account's context menu): the panel checks that account. */
export const openInSupportDesk = (ctx: SupportDeskContext) => (node?: TreeNode): void => {
  const account = node && node.kind !== 'more' ? accountOf(node) : undefined;
  showPanel(ctx, { section: 'check', check: account ? { account, productId: node && node.kind !== 'more' ? productOf(node) : undefined } : undefined });
};

export const showMore = (ctx: SupportDeskContext) => (node: MoreNode): void => ctx.subscriptions.showMore(node);
