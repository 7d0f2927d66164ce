// The Support Desk panel's host: one WebviewPanel, its HTML with a strict CSP, and the requests of
// the webview answered from the playbook, the reports and the audit log. Every message from the
// webview is validated (shared/panel-protocol.ts) before it is acted on; a bad one is logged and dropped.
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { auditEntryFor } from '../../core/audit';
import type { ConfirmationResult } from '../../core/confirmations';
import { localDay } from '../../core/dates';
import { parseTypedAccount } from '../../core/ids';
import { searchScope } from '../../core/playbook';
import { lineForTemplate, lineView } from '../../core/playbook';
import type { LinePlaybook } from '../../core/playbook';
import { redactDeep } from '../../core/redaction';
import { findTemplate, renderCase } from '../../core/case';
import {
  PANEL_VIEW_TYPE,
  parseWebviewMessage,
  productToConfirm,
  type CaseAction,
  type CheckInput,
  type CheckResult,
  type HostMessage,
  type PanelReplies,
  type PanelRequest,
  type Section,
} from '../../shared/panel-protocol';
import type { ConfirmPrefill } from '../commands/confirm-commands';
import { verdictMessage } from '../confirmations/confirmations-tree-model';
import type { SupportDeskContext } from '../context';
import { checkLiveAgreements } from '../aws/live-agreements';
import { Disposable } from '../dispose';
import { lazyModule } from '../lazy-module';
import { lineChoiceView } from './line-views';
import { checkAccount, confirmationView, describeConfirmation, panelState } from './panel-state';

const identityEvidence = lazyModule<typeof import('../identity/identity-evidence')>('identity.js', 'identity/identity-evidence');

/** Where the panel should land when it is shown: a section, and an account to check. */
export interface PanelTarget {
  section?: Section;
  check?: CheckInput;
}

type Handler<K extends PanelRequest['kind']> = (request: Extract<PanelRequest, { kind: K }>) => Promise<PanelReplies[K]>;

export class SupportDeskPanel extends Disposable {
  private static current?: SupportDeskPanel;
  private readonly posted = this._register(new vscode.EventEmitter<HostMessage>());
  /** Fires with every message posted to the webview (the suite watches the handshake and the replies). */
  readonly onDidPost = this.posted.event;
  /** True between the webview's `ready` and its next unload (hidden without retained context). */
  private ready = false;
  private pending: HostMessage[] = [];
  /** The last CheckResult.sequence given out. */
  private sequence = 0;

  /** Opens the panel, or reveals the open one, and shows `target`. */
  static show(ctx: SupportDeskContext, target: PanelTarget = {}): SupportDeskPanel {
    if (!SupportDeskPanel.current) {
      const panel = vscode.window.createWebviewPanel(PANEL_VIEW_TYPE, 'Support Desk', vscode.ViewColumn.Active, SupportDeskPanel.options(ctx));
      SupportDeskPanel.current = new SupportDeskPanel(ctx, panel);
    } else {
      SupportDeskPanel.current.panel.reveal();
    }
    if (target.section || target.check) SupportDeskPanel.current.post({ type: 'show', section: target.section ?? 'check', check: target.check });
    return SupportDeskPanel.current;
  }

  /** Takes over a panel VS Code restored after a reload (the webview restores its own state). */
  static revive(ctx: SupportDeskContext, panel: vscode.WebviewPanel): SupportDeskPanel {
    SupportDeskPanel.current?.dispose();
    panel.webview.options = SupportDeskPanel.options(ctx);
    SupportDeskPanel.current = new SupportDeskPanel(ctx, panel);
    return SupportDeskPanel.current;
  }

  /** The open panel, if any. */
  static get open(): SupportDeskPanel | undefined {
    return SupportDeskPanel.current;
  }

  private static options(ctx: SupportDeskContext): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    // Only our own assets load; no retainContextWhenHidden: the webview saves its state with setState.
    return { enableScripts: true, enableFindWidget: true, localResourceRoots: [assets(ctx, 'media'), assets(ctx, 'dist', 'webview')] };
  }

  private constructor(
    private readonly ctx: SupportDeskContext,
    readonly panel: vscode.WebviewPanel,
  ) {
    super();
    panel.iconPath = assets(ctx, 'media', 'support-desk.svg');
    panel.webview.html = this.html();
    for (const owned of [
      panel.onDidDispose(() => this.dispose()),
      panel.onDidChangeViewState(() => {
        if (!panel.visible) this.ready = false;
      }),
      panel.webview.onDidReceiveMessage((raw: unknown) => void this.receive(raw)),
      ctx.playbook.onDidChange(() => void this.postState()),
      // A new Judgement: reports loaded, the playbook's or the settings' eligibility window changed.
      ctx.judge.onDidChange(() => void this.postState()),
      // The Confirmations view's watcher of the audit log (and every append of this window): the panel
      // follows the same trail, so a confirmation from the palette or the CLI shows without a new Check.
      ctx.audit.onDidChange(() => this.post({ type: 'audit' })),
      vscode.workspace.onDidGrantWorkspaceTrust(() => void this.postState()),
    ])
      this._register(owned);
  }

  /** Handles one message from the webview, exactly as onDidReceiveMessage does (the suite calls it too). */
  async receive(raw: unknown): Promise<void> {
    const parsed = parseWebviewMessage(raw);
    if (!parsed.ok) {
      this.ctx.log.warn(`Support Desk panel: ignored a message from the webview (${parsed.reason})`);
      return;
    }
    const message = parsed.message;
    if (message.type === 'ready') {
      this.ready = true;
      await this.postState();
      const queued = this.pending;
      this.pending = [];
      for (const m of queued) this.post(m);
      return;
    }
    const { requestId, request } = message;
    try {
      const result = await this.answer(request);
      this.post({ type: 'reply', requestId, ok: true, result });
    } catch (error) {
      // The reply says what went wrong in words; a stack trace goes to the log only.
      const text = error instanceof Error ? error.message : String(error);
      if (!(error instanceof RangeError)) this.ctx.log.error(`Support Desk panel: ${request.kind} failed: ${error instanceof Error ? error.stack : text}`);
      this.post({ type: 'reply', requestId, ok: false, error: text });
    }
  }

  private answer(request: PanelRequest): Promise<PanelReplies[PanelRequest['kind']]> {
    const handlers: { [K in PanelRequest['kind']]: Handler<K> } = {
      check: (r) => this.check(r.input),
      confirm: (r) => this.confirm(r.input),
      checkLive: (r) => this.checkLive(r.input),
      searchScope: async (r) => searchScope((await this.line(r.line)).scope, r.text),
      renderCase: (r) => this.render(r.templateId, r.values, r.line),
      caseAction: (r) => this.caseAction(r.action, r.templateId, r.values, r.account, r.line),
      supportLine: async (r) =>
        lineChoiceView((await this.ctx.playbook.current()).playbook, this.ctx.judge.current.sources.reports?.store, r.account, r.productId || undefined),
      copy: async (r) => {
        await vscode.env.clipboard.writeText(r.text);
        return { message: `Copied ${r.what}.` };
      },
      openEvidence: (r) => this.openEvidence(r.file, r.line),
      verifyIdentity: (r) => this.verifyIdentity(r),
      openCallSheet: async (r) => {
        await this.ctx.callSheet.show(r.region, r.line);
        return { message: `Call sheet${r.region ? ` for ${r.region}` : ''} shown beside, rendered and read-only.` };
      },
    };
    return (handlers[request.kind] as Handler<PanelRequest['kind']>)(request);
  }

  private post(message: HostMessage): void {
    if (!this.ready) {
      // Held until the webview says it is ready: a message posted before would be lost.
      if (message.type === 'show') this.pending = [...this.pending.filter((m) => m.type !== 'show'), message];
      return;
    }
    // The one way out to the webview: every string in it is redacted here, whoever built it.
    const safe = redactDeep(message);
    void this.panel.webview.postMessage(safe);
    this.posted.fire(safe);
  }

  private async postState(): Promise<void> {
    if (!this.ready) return;
    const loaded = await this.ctx.playbook.current();
    const workspace = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    this.post({ type: 'state', state: panelState(loaded, this.ctx.judge.current, vscode.workspace.isTrusted, this.ctx.judge.current.on.day, workspace) });
  }

  /** The check of `input` against the reports and the audit log as it is now, numbered in the order answered. */
  private async check(input: CheckInput): Promise<CheckResult> {
    // The Confirmations view's reading of the log (it logs a log it cannot read, and reads it once per change).
    const audit = await this.ctx.audit.read();
    return checkAccount(input, this.ctx.judge.current, audit, ++this.sequence);
  }

  /** The extension's Confirm Instance flow (audited, announced), its answer shown in place. */
  private async confirm(input: CheckInput): Promise<PanelReplies['confirm']> {
    if (!vscode.workspace.isTrusted)
      throw new RangeError('Restricted Mode: Support Desk makes no AWS call in an untrusted workspace. Trust the workspace to confirm instances.');
    const check = checkAccount(input, this.ctx.judge.current, [], 0);
    if (!input.instanceId?.trim()) throw new RangeError("Type the customer's instance id (i-...) to confirm it with AWS.");
    const prefill: ConfirmPrefill = {
      instanceId: input.instanceId.trim(),
      claimedAccount: check.account,
      productId: productToConfirm(check, input.productId || undefined),
    };
    const result = await vscode.commands.executeCommand<ConfirmationResult | undefined>('supportDesk.confirmInstance', prefill);
    const confirmation = result ? { ...confirmationView(auditEntryFor(result)), message: verdictMessage(result) } : null;
    const answer = await this.check(input);
    // The answer just given is the account's newest, even if the audit log could not be written (that was said).
    if (result) answer.recorded.confirmation = describeConfirmation(auditEntryFor(result));
    return { confirmation, check: answer };
  }

  /** The account's live purchase agreements beside the reports, recorded in the audit log; then the check again. */
  private async checkLive(input: CheckInput): Promise<PanelReplies['checkLive']> {
    const { account } = checkAccount(input, undefined, [], 0);
    const answer = await checkLiveAgreements(this.ctx, account, input.productId || undefined);
    return { ...answer, check: await this.check(input) };
  }

  /** The same verifier and audit line as Verify Identity Document; no AWS call, so Restricted Mode may use it. */
  private async verifyIdentity(r: Extract<PanelRequest, { kind: 'verifyIdentity' }>): Promise<PanelReplies['verifyIdentity']> {
    const { verifyAndRecord, describeVerification, identityAnswer, NotASignatureError } = identityEvidence.load();
    try {
      const { verification, auditProblem } = await verifyAndRecord(this.ctx, {
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
      if (error instanceof NotASignatureError) throw new RangeError(`${error.message}.`, { cause: error });
      throw error;
    }
  }

  /** The playbook as the support line the webview shows sees it (the default line when none is named). */
  private async line(id: string | undefined): Promise<LinePlaybook> {
    const { playbook } = await this.ctx.playbook.current();
    return lineView(playbook, id || undefined);
  }

  private async render(templateId: string, values: Record<string, string>, line?: string): Promise<PanelReplies['renderCase']> {
    // No line named (a caller other than the panel's forms): the line the template belongs to.
    const playbook = await this.line(line || lineForTemplate((await this.ctx.playbook.current()).playbook, templateId));
    const template = findTemplate(playbook, templateId);
    if (!template) throw new RangeError(`The ${playbook.line.name} line has no case template "${templateId}".`);
    const { markdown, redactions, errors } = renderCase(playbook, template, values);
    // Echoed back for the webview's saved state; post() redacts them on the way out like everything else.
    return { markdown, redactions, errors, safeValues: values };
  }

  private async caseAction(
    action: CaseAction,
    templateId: string,
    values: Record<string, string>,
    account?: string,
    line?: string,
  ): Promise<{ message: string }> {
    const { markdown } = await this.render(templateId, values, line);
    if (action === 'copy') {
      await vscode.env.clipboard.writeText(markdown);
      return { message: 'Case copied (secrets redacted).' };
    }
    if (action === 'openInEditor') {
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: 'markdown', content: markdown }), vscode.ViewColumn.Beside);
      return { message: 'Case opened in an editor beside the panel.' };
    }
    if (!vscode.workspace.isTrusted) throw new RangeError('Restricted Mode: cases are not saved into an untrusted workspace. Use Copy or Open in Editor.');
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder || folder.uri.scheme !== 'file')
      throw new RangeError('Open a folder to save cases into its cases/ folder; Copy and Open in Editor work without one.');
    // Named by the account as the case text says it: 12 digits, padded, whatever was typed.
    const typed = account || values.account || '';
    const parsed = parseTypedAccount(typed);
    const path = await saveNew(
      join(folder.uri.fsPath, 'cases'),
      `${localDay(new Date())}-${safeName(parsed.ok ? parsed.account : typed || 'no-account')}-${templateId}`,
      markdown,
    );
    this.ctx.log.info(`case saved to ${path}`);
    return { message: `Saved to ${vscode.workspace.asRelativePath(path)}.` };
  }

  /**
   * Opens a report at a line; only files of the loaded reports (an S3 object: its cached copy), so a
   * message cannot open any file.
   */
  private async openEvidence(file: string, line: number): Promise<{ message: string }> {
    const local = this.ctx.reports.localCopyOf(file);
    if (!local) throw new RangeError(`${file} is not one of the loaded reports.`);
    const at = new vscode.Position(line - 1, 0);
    await vscode.window.showTextDocument(vscode.Uri.file(local), { selection: new vscode.Range(at, at), viewColumn: vscode.ViewColumn.Beside, preview: true });
    return { message: `Opened ${file} at line ${line}.` };
  }

  private html(): string {
    const webview = this.panel.webview;
    const nonce = randomBytes(16).toString('base64');
    const uri = (...path: string[]) => webview.asWebviewUri(assets(this.ctx, ...path)).toString();
    const csp = [
      "default-src 'none'",
      `style-src ${webview.cspSource}`,
      `font-src ${webview.cspSource}`,
      `img-src ${webview.cspSource}`,
      `script-src 'nonce-${nonce}'`,
    ].join('; ');
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${uri('dist', 'webview', 'codicon.css')}">
<link rel="stylesheet" href="${uri('media', 'panel.css')}">
<title>Support Desk</title>
</head>
<body>
<div id="app" aria-live="polite"><p>Loading Support Desk…</p></div>
<script nonce="${nonce}" src="${uri('dist', 'webview', 'panel.js')}"></script>
</body>
</html>`;
  }

  override dispose(): void {
    // Closing the panel fires onDidDispose, which calls this again: the second call does nothing.
    if (this.disposed) return;
    if (SupportDeskPanel.current === this) SupportDeskPanel.current = undefined;
    super.dispose();
    this.panel.dispose();
  }
}

function assets(ctx: SupportDeskContext, ...path: string[]): vscode.Uri {
  return vscode.Uri.joinPath(ctx.extension.extensionUri, ...path);
}

/** Letters, digits and dashes only: the account as typed must not steer the file name. */
function safeName(text: string): string {
  return text.replace(/[^A-Za-z0-9-]+/g, '').slice(0, 40) || 'no-account';
}

/** Writes `<base>.md`, or `<base>-2.md`, `-3`...: an existing case is never overwritten. */
async function saveNew(dir: string, base: string, content: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  for (let n = 1; n < 1000; n++) {
    const path = join(dir, `${base}${n === 1 ? '' : `-${n}`}.md`);
    try {
      await writeFile(path, content, { flag: 'wx' });
      return path;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  throw new Error(`${dir} already holds 999 cases named ${base}: move some away`);
}
