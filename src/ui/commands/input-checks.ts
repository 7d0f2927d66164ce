// Checks for input boxes: nothing typed yet is no error (Enter on it cancels); anything else is
// checked as it is typed, with the reason the core rules give.
import * as vscode from 'vscode';
import { parseTypedAccount } from '../../core/ids';

/** For `validateInput` of an account box: undefined when empty or valid, else what is wrong. */
export function typedAccountProblem(value: string): string | undefined {
  if (value.trim() === '') return undefined;
  const parsed = parseTypedAccount(value);
  return parsed.ok ? undefined : parsed.reason;
}

/**
 * The customer's account: `typed` when given, else asked for in an input box titled `title` (the
 * command's name). Returns what was typed and the 12-digit account, or undefined when cancelled or
 * not an account number (then said in an error that starts with `title`).
 */
export async function askAccount(
  title: string,
  prompt: string,
  typed?: string,
): Promise<{ raw: string; account: string } | undefined> {
  const raw =
    typed ??
    (await vscode.window.showInputBox({
      title,
      prompt,
      placeHolder: '1111-2222-3333',
      validateInput: typedAccountProblem,
    }));
  if (raw === undefined) return undefined;
  const parsed = parseTypedAccount(raw);
  if (!parsed.ok) {
    void vscode.window.showErrorMessage(`${title}: ${parsed.reason}.`);
    return undefined;
  }
  return { raw, account: parsed.account };
}
