// Verify Identity Document...: a customer's instance identity document (from the instance's metadata
// service) checked offline against AWS's certificates, no AWS call; the answer goes to the audit log.
import { readFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import type { IdentityMethod, IdentityVerification } from '../../core/identity';
import type { SupportDeskContext } from '../context';
import type { IdentityEvidenceInput } from '../identity/identity-evidence';
import { lazyBundle } from '../../core/lazy-bundle';

const evidence = lazyBundle<typeof import('../identity/identity-evidence')>('identity');

// /rsa2048 is left out until an AWS certificate for it is bundled: nothing here could verify it
// (the CLI's --rsa2048 says so in its answer). Ask the customer for /pkcs7 instead.
const METHODS: { method: IdentityMethod; label: string; detail: string }[] = [
  {
    method: 'pkcs7',
    label: '/pkcs7',
    detail: 'PKCS7 signature; carries the document (ask for this one, not /rsa2048)',
  },
  {
    method: 'signature',
    label: '/signature',
    detail: 'base64 RSA signature; needs the document (/document) too',
  },
];

/** Callers (tests, the panel) may pass the whole input; otherwise the engineer is asked. */
export const verifyIdentityDocument =
  (ctx: SupportDeskContext) =>
  async (given?: IdentityEvidenceInput): Promise<IdentityVerification | undefined> => {
    const input = given ?? (await askInput(ctx));
    if (!input) return undefined;
    const { verifyAndRecord, describeVerification, NotASignatureError } = evidence.load();
    try {
      const { verification, auditProblem } = await verifyAndRecord(ctx, input);
      const message =
        describeVerification(verification) + (auditProblem ? ` But ${auditProblem}.` : '');
      const show = verification.confirmed
        ? vscode.window.showInformationMessage
        : vscode.window.showWarningMessage;
      void show(message, 'Copy Evidence').then(
        (c) =>
          c &&
          vscode.env.clipboard.writeText(`${message}\n${JSON.stringify(verification, null, 2)}\n`),
      );
      return verification;
    } catch (error) {
      if (!(error instanceof NotASignatureError)) throw error;
      void vscode.window.showErrorMessage(`Verify Identity Document: ${error.message}.`);
      return undefined;
    }
  };

/** Which signature, from the active editor (pasted there) or a file, the document when needed, what to expect. */
async function askInput(ctx: SupportDeskContext): Promise<IdentityEvidenceInput | undefined> {
  const picked = await vscode.window.showQuickPick(
    METHODS.map((m) => ({ ...m, description: m.detail })),
    {
      title: 'Verify Identity Document: which signature did the customer send?',
    },
  );
  if (!picked) return undefined;
  const editor = vscode.window.activeTextEditor;
  const pasted =
    editor && !editor.document.isUntitled ? undefined : editor?.document.getText().trim();
  const signature = pasted || (await readPicked(`The ${picked.label} file the customer sent`));
  if (!signature) return undefined;
  let document: string | undefined;
  if (picked.method === 'signature') {
    document = await readPicked('The instance identity document (/document) the signature is for');
    if (document === undefined) return undefined;
  }
  const productCode = await vscode.window.showInputBox({
    title: 'Verify Identity Document',
    prompt: 'Product code the instance must carry (empty: do not check)',
    value: ctx.playbook.latest?.playbook.products.find((p) => p.code)?.code ?? '',
  });
  if (productCode === undefined) return undefined;
  const account = await vscode.window.showInputBox({
    title: 'Verify Identity Document',
    prompt: "The customer's AWS account (empty: do not check)",
  });
  if (account === undefined) return undefined;
  return {
    method: picked.method,
    signature,
    document,
    expected: {
      productCode: productCode.trim() || undefined,
      account: account.trim() || undefined,
    },
  };
}

async function readPicked(title: string): Promise<string | undefined> {
  const uri = (
    await vscode.window.showOpenDialog({ title, canSelectMany: false, openLabel: 'Use This File' })
  )?.[0];
  return uri ? readFile(uri.fsPath, 'utf8') : undefined;
}
