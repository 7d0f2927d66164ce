// What the panel answers: each request of the webview (shared/panel-protocol.ts) answered from the
// playbook, the reports, the audit log and the plain functions the commands use too (confirm an
// instance, search live agreements, verify an identity document). No prompt beyond the product pick
// of a confirmation and no notification: the answer goes back to the webview, once.
import { whoIsCalling } from './who-is-calling';
import * as vscode from 'vscode';
import { auditEntryFor } from '../../core/audit';
import { findTemplate, renderCase } from '../../core/case';
import { UserFacingError } from '../../core/user-facing-error';
import { lineForTemplate, lineView, searchScope, type LinePlaybook } from '../../core/playbook';
import {
  productToConfirm,
  type CaseAction,
  type CheckInput,
  type CheckResult,
  type PanelReplies,
  type PanelRequest,
} from '../../shared/panel-protocol';
import { confirmInstance } from '../aws/confirm-instance';
import { checkLiveAgreements } from '../aws/live-agreements';
import { pickProductCode, productCodeFor } from '../commands/product-pick';
import { verdictMessage } from '../looks';
import type { SupportDeskContext } from '../context';
import { lazyBundle } from '../../core/lazy-bundle';
import { assertTrusted, isTrusted } from '../restricted-mode';
import { saveCaseFile } from './case-files';
import { lineChoiceView } from './line-views';
import type { PanelAnswer } from './panel-transport';
import { checkAccount, confirmationView, describeConfirmation } from './panel-state';

const identityEvidence = lazyBundle<typeof import('../identity/identity-evidence')>('identity');

type Handler<K extends PanelRequest['kind']> = (
  request: Extract<PanelRequest, { kind: K }>,
) => Promise<PanelReplies[K]>;

/**
 * The answer to every request kind, for the panel's transport. Checks are numbered in the order
 * answered (CheckResult.sequence), counted from 1 for each panel. A UserFacingError carries words for the
 * engineer (Restricted Mode, a bad account, a file that is not a loaded report...).
 */
export function panelRequests(ctx: SupportDeskContext): PanelAnswer {
  /** The last CheckResult.sequence given out. */
  let sequence = 0;

  /** The check of `input` against the reports and the audit log as it is now. */
  const check = async (input: CheckInput): Promise<CheckResult> => {
    // The Confirmations view's reading of the log (it logs a log it cannot read, and reads it once per change).
    const audit = await ctx.audit.read();
    return checkAccount(input, ctx.judge.current, audit, ++sequence);
  };

  /** The playbook as the support line the webview shows sees it (the default line when none is named). */
  const line = async (id: string | undefined): Promise<LinePlaybook> =>
    lineView((await ctx.playbook.current()).playbook, id || undefined);

  const render = async (
    templateId: string,
    values: Record<string, string>,
    lineId?: string,
  ): Promise<PanelReplies['renderCase']> => {
    // No line named (a caller other than the panel's forms): the line the template belongs to.
    const playbook = await line(
      lineId || lineForTemplate((await ctx.playbook.current()).playbook, templateId),
    );
    const template = findTemplate(playbook, templateId);
    if (!template)
      throw new UserFacingError(
        `The ${playbook.line.name} line has no case template "${templateId}".`,
      );
    const { markdown, redactions, errors } = renderCase(playbook, template, values);
    // Echoed back for the webview's saved state; the transport redacts them on the way out like everything else.
    return { markdown, redactions, errors, safeValues: values };
  };

  const handlers: { [K in PanelRequest['kind']]: Handler<K> } = {
    check: (r) => check(r.input),
    whoIsCalling: (r) => Promise.resolve(whoIsCalling(ctx.reports.current?.feeds, r)),
    confirm: (r) => confirm(ctx, r.input, check),
    checkLive: async (r) => {
      // The account as the check reads it (a UserFacingError when it is not one), then the check again with the search recorded.
      const { account } = checkAccount(r.input, undefined, [], 0);
      const answer = await checkLiveAgreements(ctx, account, r.input.productId || undefined);
      return { ...answer, check: await check(r.input) };
    },
    searchScope: async (r) => searchScope((await line(r.line)).scope, r.text),
    renderCase: (r) => render(r.templateId, r.values, r.line),
    caseAction: async (r) =>
      caseAction(
        ctx,
        r.action,
        (await render(r.templateId, r.values, r.line)).markdown,
        r.templateId,
        r.account || r.values.account || '',
      ),
    supportLine: async (r) =>
      lineChoiceView(
        (await ctx.playbook.current()).playbook,
        ctx.judge.current.sources.reports?.store,
        r.account,
        r.productId || undefined,
      ),
    copy: async (r) => {
      await vscode.env.clipboard.writeText(r.text);
      return { message: `Copied ${r.what}.` };
    },
    openEvidence: (r) => openEvidence(ctx, r.file, r.line),
    verifyIdentity: (r) => verifyIdentity(ctx, r),
    openCallSheet: async (r) => {
      await ctx.callSheet.show(r.region, r.line);
      return {
        message: `Call sheet${r.region ? ` for ${r.region}` : ''} shown beside, rendered and read-only.`,
      };
    },
  };
  return <K extends PanelRequest['kind']>(request: Extract<PanelRequest, { kind: K }>) =>
    (handlers[request.kind] as Handler<K>)(request);
}

/**
 * The instance of `input` confirmed with AWS (the product chosen, the one the reports list for the
 * account, else picked at the top of the window), answered in place with the check again; `null`
 * when the pick was cancelled (nothing was sent).
 */
async function confirm(
  ctx: SupportDeskContext,
  input: CheckInput,
  check: (input: CheckInput) => Promise<CheckResult>,
): Promise<PanelReplies['confirm']> {
  assertTrusted();
  const judged = checkAccount(input, ctx.judge.current, [], 0);
  const instanceId = input.instanceId?.trim();
  if (!instanceId)
    throw new UserFacingError("Type the customer's instance id (i-...) to confirm it with AWS.");
  const aws = await ctx.aws.layer();
  const productCode =
    productCodeFor(ctx, productToConfirm(judged, input.productId || undefined)) ??
    (await pickProductCode(ctx, { title: 'Confirm Instance: product' }, undefined, judged.account));
  if (typeof productCode !== 'string') return { confirmation: null, check: await check(input) };
  const { result, auditProblem } = await confirmInstance(ctx, aws, {
    instanceId,
    productCode,
    claimedAccount: judged.account,
  });
  const view = confirmationView(auditEntryFor(result));
  // A confirmation the audit log could not take is said where it is answered, beside the verdict.
  const confirmation = {
    ...view,
    message: `${verdictMessage(result)}${auditProblem ? ` But ${auditProblem}.` : ''}`,
  };
  const answer = await check(input);
  // The answer just given is the account's newest, even if the audit log could not be written (that was said).
  answer.recorded.confirmation = describeConfirmation(auditEntryFor(result));
  return { confirmation, check: answer };
}

/** Copies, opens or saves the rendered case `markdown`; a saved one is named by `account` as typed. */
async function caseAction(
  ctx: SupportDeskContext,
  action: CaseAction,
  markdown: string,
  templateId: string,
  account: string,
): Promise<{ message: string }> {
  if (action === 'copy') {
    await vscode.env.clipboard.writeText(markdown);
    return { message: 'Case copied (secrets redacted).' };
  }
  if (action === 'openInEditor') {
    await vscode.window.showTextDocument(
      await vscode.workspace.openTextDocument({ language: 'markdown', content: markdown }),
      vscode.ViewColumn.Beside,
    );
    return { message: 'Case opened in an editor beside the panel.' };
  }
  if (!isTrusted())
    throw new UserFacingError(
      'Restricted Mode: cases are not saved into an untrusted workspace. Use Copy or Open in Editor.',
    );
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder || folder.uri.scheme !== 'file')
    throw new UserFacingError(
      'Open a folder to save cases into its cases/ folder; Copy and Open in Editor work without one.',
    );
  const path = await saveCaseFile(folder.uri.fsPath, account, templateId, markdown);
  ctx.log.info(`case saved to ${path}`);
  return { message: `Saved to ${vscode.workspace.asRelativePath(path)}.` };
}

/** Opens a report at a line; only files of the loaded reports (an S3 object: its cached copy), so a message cannot open any file. */
async function openEvidence(
  ctx: SupportDeskContext,
  file: string,
  line: number,
): Promise<{ message: string }> {
  const local = ctx.reports.localCopyOf(file);
  if (!local) throw new UserFacingError(`${file} is not one of the loaded reports.`);
  const at = new vscode.Position(line - 1, 0);
  await vscode.window.showTextDocument(vscode.Uri.file(local), {
    selection: new vscode.Range(at, at),
    viewColumn: vscode.ViewColumn.Beside,
    preview: true,
  });
  return { message: `Opened ${file} at line ${line}.` };
}

/** The same verifier and audit line as Verify Identity Document; no AWS call, so Restricted Mode may use it. */
async function verifyIdentity(
  ctx: SupportDeskContext,
  r: Extract<PanelRequest, { kind: 'verifyIdentity' }>,
): Promise<PanelReplies['verifyIdentity']> {
  const { verifyAndRecord, describeVerification, identityAnswer, NotASignatureError } =
    identityEvidence.load();
  try {
    const { verification, auditProblem } = await verifyAndRecord(ctx, {
      method: r.method,
      signature: r.signature,
      document: r.document || undefined,
      expected: { account: r.account || undefined, productCode: r.productCode || undefined },
    });
    const { authenticity, confirmation, started } = identityAnswer(verification);
    return {
      verified: verification.verified,
      message: describeVerification(verification),
      authenticity,
      confirmation,
      ...(started ? { started } : {}),
      warnings: verification.warnings,
      checks: verification.checks,
      auditProblem,
    };
  } catch (error) {
    if (error instanceof NotASignatureError)
      throw new UserFacingError(`${error.message}.`, { cause: error });
    throw error;
  }
}
