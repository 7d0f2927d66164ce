// Confirm Instance... and Confirm Instances from File...: ask EC2 ConfirmProductInstance with the
// engineer's profile (aws/confirm-instance.ts), record every answer in the audit log, show it in
// Confirmations; the prompts and the notifications are this file's.
import * as vscode from 'vscode';
import { BATCH_INPUT_SHAPES, readBatchInput } from '../../core/batch';
import { renderCase } from '../../core/case';
import { chooseLine, lineView, productsOfAccount } from '../../core/playbook';
import {
  describeResult,
  type ConfirmationRequest,
  type ConfirmationResult,
  type ConfirmationVerdict,
} from '../../core/confirmations';
import { INSTANCE_ID } from '../../core/ids';
import { UserFacingError } from '../../core/user-facing-error';
import {
  confirmInstance,
  recordConfirmation,
  type ConfirmedInstance,
} from '../aws/confirm-instance';
import { KNOWN_REGIONS, orderRegions } from '../aws/regions';
import type { AwsLayer } from '../aws/aws-session';
import type { SupportDeskContext } from '../context';
import { confirmationAccount } from '../confirmations/confirmations-tree-model';
import { verdictMessage } from '../looks';
import { accountOf, productOf, type TreeNode } from '../subscriptions/subscriptions-tree-model';
import { typedAccountProblem } from './input-checks';
import { pickProductCode, productCodeFor } from './product-pick';
import { askPick, askText, runSteps, type Step } from './steps';

/** What a caller may already know: from a tree item, a Find Account result, or a test. */
export interface ConfirmPrefill {
  instanceId?: string;
  productCode?: string;
  productId?: string;
  claimedAccount?: string;
  region?: string;
}

export const askAndConfirmInstance =
  (ctx: SupportDeskContext) =>
  async (arg?: TreeNode | ConfirmPrefill): Promise<ConfirmationResult | undefined> => {
    const aws = await ctx.aws.layer();
    const fromTree = arg && 'kind' in arg;
    const prefill: ConfirmPrefill = fromTree
      ? { claimedAccount: accountOf(arg), productId: productOf(arg) }
      : (arg ?? {});
    const request: ConfirmationRequest = {
      instanceId: prefill.instanceId ?? '',
      productCode: prefill.productCode ?? productCodeFor(ctx, prefill.productId) ?? '',
      claimedAccount: prefill.claimedAccount,
      // Without a region for this instance, the session applies the setting, else AWS's order, and says which.
      region: prefill.region,
    };
    if (!(await askRequest(ctx, aws, request, !prefill.instanceId))) return undefined;
    const { instanceId, productCode, region } = request;
    let confirmed: ConfirmedInstance;
    try {
      confirmed = await vscode.window.withProgress(
        {
          location: vscode.ProgressLocation.Notification,
          title: `Confirming ${instanceId} (${productCode}) in ${region ?? 'the default region'}...`,
        },
        () => confirmInstance(ctx, aws, request),
      );
    } catch (error) {
      if (!(error instanceof UserFacingError)) throw error;
      void vscode.window.showErrorMessage(`Confirm Instance: ${error.message}`);
      return undefined;
    }
    const { result, auditProblem } = confirmed;
    if (auditProblem) sayNotRecorded(result, auditProblem);
    announce(ctx, result);
    return result;
  };

/**
 * Asks, step by step, what the request still lacks; Back keeps each answer. Only the questions still
 * open are asked, and numbered as such: "(2/3)", never "(3/4)" after "(1/4)". False when cancelled.
 * A caller that passes the instance id has decided all but an unknown product (commands, tests).
 */
async function askRequest(
  ctx: SupportDeskContext,
  aws: AwsLayer,
  request: ConfirmationRequest,
  interactive: boolean,
): Promise<boolean> {
  const settings = ctx.aws.settings();
  const steps: Step[] = [];
  if (interactive)
    steps.push({
      name: 'instance',
      ask: async (at) => {
        const typed = await askText(at, {
          prompt: "The customer's EC2 instance id",
          placeHolder: 'i-0123456789abcdef0',
          value: request.instanceId,
          // Nothing typed yet is no error (Enter on it cancels); anything else is checked as typed.
          validate: (v) =>
            v.trim() === '' || INSTANCE_ID.test(v.trim())
              ? undefined
              : '"i-" followed by 8 or 17 lowercase hex digits, e.g. i-0123456789abcdef0',
        });
        if (typeof typed === 'string') request.instanceId = typed.trim();
        return typed === '' ? undefined : typed;
      },
    });
  if (!request.productCode) {
    steps.push({
      name: 'product',
      ask: async (at) => {
        const code = await pickProductCode(ctx, at, request.productCode, request.claimedAccount);
        if (typeof code === 'string') request.productCode = code;
        return code;
      },
    });
  }
  // The region list starts where it always does until the engineer has answered (and come Back).
  let pickedRegion: string | undefined;
  if (interactive)
    steps.push(
      {
        name: 'claimed account',
        ask: async (at) => {
          const typed = await askText(at, {
            prompt:
              'The AWS account the customer says owns the instance (leave empty to just learn the owner)',
            value: request.claimedAccount ?? '',
            validate: typedAccountProblem,
          });
          if (typeof typed === 'string')
            request.claimedAccount = typed.trim() === '' ? undefined : typed;
          return typed;
        },
      },
      {
        name: 'region',
        ask: async (at) => {
          const { profile, region: profileRegion } = await ctx.aws.regionOfProfile(aws);
          const items = orderRegions(KNOWN_REGIONS, {
            profileRegion,
            profile,
            current: settings.region,
          }).map((c) => ({
            label: c.region,
            description: c.note,
          }));
          const picked = await askPick(at, items, {
            placeHolder: 'The instance\'s region ("auto" searches the enabled regions)',
            active: items.find((i) => i.label === pickedRegion),
          });
          if (typeof picked === 'object') request.region = pickedRegion = picked.label;
          return picked;
        },
      },
    );
  return runSteps('Confirm Instance', steps);
}

export const confirmInstancesFromFile =
  (ctx: SupportDeskContext) =>
  async (file?: string): Promise<ConfirmationResult[] | undefined> => {
    const aws = await ctx.aws.layer();
    const path =
      file ??
      (
        await vscode.window.showOpenDialog({
          title:
            'Instances to confirm: one id per line, aws ec2 describe-instances --output text, or a CSV with an Instance ID column (and productCode, productId, account, region)',
          canSelectMany: false,
          filters: { 'Instance lists': ['csv', 'txt'], 'All files': ['*'] },
          openLabel: 'Confirm Instances',
        })
      )?.[0]?.fsPath;
    if (!path) return undefined;
    const input = await readBatchInput(path);
    for (const p of input.problems) ctx.log.warn(`${p.file}:${p.line}: ${p.message}`);
    if (input.rows.length === 0) {
      void vscode.window.showErrorMessage(
        `No instance ids in ${path}: it should hold ${BATCH_INPUT_SHAPES}.`,
      );
      return undefined;
    }
    let fallbackCode: string | undefined;
    if (input.rows.some((r) => !r.productCode && !productCodeFor(ctx, r.productId))) {
      const code = await pickProductCode(ctx, {
        title: 'Confirm Instances from File: product code for rows that name none',
      });
      if (typeof code !== 'string') return undefined;
      fallbackCode = code;
    }
    const settings = ctx.aws.settings();
    const requests: ConfirmationRequest[] = input.rows.map((r) => ({
      instanceId: r.instanceId,
      productCode: r.productCode ?? productCodeFor(ctx, r.productId) ?? fallbackCode ?? '',
      claimedAccount: r.account,
      region: r.region,
    }));
    const results = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: `Confirming ${requests.length} instances`,
        cancellable: true,
      },
      async (progress, token) => {
        const abort = new AbortController();
        token.onCancellationRequested(() => abort.abort());
        let done = 0;
        return aws.confirmBatch(requests, {
          ...settings,
          signal: abort.signal,
          onResult: async (result) => {
            const auditProblem = await recordConfirmation(ctx, result, false);
            if (auditProblem) sayNotRecorded(result, auditProblem);
            done++;
            progress.report({
              increment: 100 / requests.length,
              message: `${done}/${requests.length}: ${result.instanceId} ${result.verdict}`,
            });
          },
        });
      },
    );
    ctx.audit.refresh();
    const counts = new Map<ConfirmationVerdict, number>();
    for (const r of results) counts.set(r.verdict, (counts.get(r.verdict) ?? 0) + 1);
    const summary = [...counts].map(([v, n]) => `${n} ${v}`).join(', ');
    const skipped = requests.length - results.length;
    ctx.log.info(`batch ${path}: ${summary}${skipped ? `, ${skipped} not run (cancelled)` : ''}`);
    void vscode.window
      .showInformationMessage(
        `Confirmed ${results.length} of ${requests.length} instances: ${summary}${skipped ? ` (${skipped} cancelled)` : ''}.`,
        'Show Confirmations',
      )
      .then((c) => c && vscode.commands.executeCommand('supportDesk.confirmations.focus'));
    return results;
  };

/** A confirmation the audit log could not take: said at once, beside its answer (which is still given). */
function sayNotRecorded(result: ConfirmationResult, auditProblem: string): void {
  void vscode.window.showErrorMessage(
    `The confirmation of ${result.instanceId} is not in the audit log: ${auditProblem}. Check supportDesk.audit.path.`,
  );
}

function announce(ctx: SupportDeskContext, result: ConfirmationResult): void {
  const actions = [
    'Copy Evidence',
    'Open Case',
    ...(result.error?.kind === 'credentials' ? ['Retry Credentials'] : []),
  ];
  const show =
    result.verdict === 'confirmed'
      ? vscode.window.showInformationMessage
      : result.verdict === 'error'
        ? vscode.window.showErrorMessage
        : vscode.window.showWarningMessage;
  void show(verdictMessage(result), ...actions).then(async (choice) => {
    if (choice === 'Copy Evidence')
      await vscode.env.clipboard.writeText(
        `${describeResult(result)}\n${JSON.stringify(result, null, 2)}\n`,
      );
    if (choice === 'Open Case') await openCase(ctx, result);
    if (choice === 'Retry Credentials') await ctx.aws.checkCredentials();
  });
}

/** A case draft from a playbook template, with what the confirmation proved already filled in. */
async function openCase(ctx: SupportDeskContext, result: ConfirmationResult): Promise<void> {
  const { playbook: book } = await ctx.playbook.current();
  const account = confirmationAccount(result);
  // The templates of the customer's support line: the products the reports list for the account.
  const store = ctx.reports.current?.snapshot.store;
  const playbook = lineView(
    book,
    chooseLine(
      book,
      account ?? undefined,
      store && account ? productsOfAccount(store, account) : [],
    ).line.id,
  );
  const picked = await vscode.window.showQuickPick(
    playbook.caseTemplates.map((t) => ({ label: t.title, description: t.summary, template: t })),
    { title: `Open Case: which kind of case? (${playbook.line.name} line)` },
  );
  if (!picked) return;
  const facts: Record<string, string> = {
    instanceId: result.instanceId,
    productCode: result.productCode,
  };
  if (account) facts.account = account;
  if (result.region) facts.region = result.region;
  // The eligibility case asks for the confirmation itself as evidence: the verdict with its request id and time.
  facts.evidence = describeResult(result);
  // The one case renderer: what is known is filled in, the rest is marked "to fill".
  const known = Object.fromEntries(
    Object.entries(facts).filter(([id]) => picked.template.fields.some((f) => f.id === id)),
  );
  const doc = await vscode.workspace.openTextDocument({
    language: 'markdown',
    content: renderCase(playbook, picked.template, known).markdown,
  });
  await vscode.window.showTextDocument(doc);
}
