// The restricted forms of the AWS actions (./aws-actions.ts): what each answers in Restricted Mode.
// None loads the AWS layer or asks anything; each says the one wording (../restricted-mode.ts) with
// Manage Workspace Trust, and offers what it can without AWS: the reports' verdict of the account
// it was given, and the panel's check of it.
import * as vscode from 'vscode';
import { parseTypedAccount } from '../../core/ids';
import { reportsVerdict } from '../aws/live-agreements';
import type { SupportDeskContext } from '../context';
import type { PanelTarget } from '../panel/support-desk-panel';
import { sayRestricted, type RestrictedAnswer } from '../restricted-mode';
import { VERDICT_LOOK } from '../looks';
import { accountOf, productOf, type TreeNode } from '../subscriptions/subscriptions-tree-model';
import { AWS_ACTIONS, type AwsActionId } from './aws-actions';

/** The restricted form of an action with nothing to offer without AWS: the one wording and the way to trust. */
export const saysRestricted = (id: AwsActionId) => () => (): RestrictedAnswer =>
  sayRestricted(AWS_ACTIONS[id]);

/** Confirm Instance in Restricted Mode: for an account from a tree row or a caller, the reports' verdict. */
export const confirmInstanceRestricted =
  (ctx: SupportDeskContext) =>
  (arg?: TreeNode | { claimedAccount?: string; productId?: string }): RestrictedAnswer =>
    arg && 'kind' in arg
      ? sayWithReports(
          ctx,
          'supportDesk.confirmInstance',
          arg.kind === 'more' ? undefined : accountOf(arg),
          arg.kind === 'more' ? undefined : productOf(arg),
        )
      : sayWithReports(ctx, 'supportDesk.confirmInstance', arg?.claimedAccount, arg?.productId);

/** Check Live Agreements in Restricted Mode: for an account given (a tree row, Find Account, a caller), the reports' verdict. */
export const checkLiveAgreementsRestricted =
  (ctx: SupportDeskContext) =>
  (target?: TreeNode | string): RestrictedAnswer => {
    const node = typeof target === 'object' && target.kind !== 'more' ? target : undefined;
    return sayWithReports(
      ctx,
      'supportDesk.checkLiveAgreements',
      typeof target === 'string' ? target : node && accountOf(node),
      node && productOf(node),
    );
  };

const OPEN_PANEL = 'Open in Support Desk';

/**
 * `id`'s restricted answer offering what the reports say: for a valid `account`, its verdict in the
 * loaded reports ("Account 111122223333 in the loaded reports: eligible.", or that none is loaded) and
 * Open in Support Desk, the panel's check of it; otherwise the one wording alone.
 */
function sayWithReports(
  ctx: SupportDeskContext,
  id: AwsActionId,
  account?: string,
  productId?: string,
): RestrictedAnswer {
  const parsed = account === undefined ? undefined : parseTypedAccount(account);
  if (!parsed?.ok) return sayRestricted(AWS_ACTIONS[id]);
  const verdict = reportsVerdict(ctx, parsed.account);
  const offered = verdict
    ? `Account ${parsed.account} in the loaded reports: ${VERDICT_LOOK[verdict.verdict].words}.`
    : `No subscription reports are loaded to check account ${parsed.account} in.`;
  const target: PanelTarget = { section: 'check', check: { account: parsed.account, productId } };
  return sayRestricted(AWS_ACTIONS[id], offered, {
    [OPEN_PANEL]: () => vscode.commands.executeCommand('supportDesk.openSupportDesk', target),
  });
}
