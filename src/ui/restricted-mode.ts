// Restricted Mode decided in one place: the one reading of workspace trust, the one event when it is
// granted, the one wording of "no AWS call here" and the one way out (Manage Workspace Trust). The
// command table registers each AWS action with an enabled and a restricted form over these; the
// panel, the tree, the status bar and the settings ask the same place.
import * as vscode from 'vscode';
import { UserFacingError } from '../core/user-facing-error';
import { NO_AWS_CALL } from '../shared/restricted-words';

/** The one wording every AWS action gives in Restricted Mode (src/shared: the webview says it too). */
export { NO_AWS_CALL };

/** The action offered beside NO_AWS_CALL; it opens VS Code's workspace trust editor. */
export const MANAGE_TRUST = 'Manage Workspace Trust';

/** True in a trusted workspace; false in Restricted Mode. The extension's one reading of workspace trust. */
export function isTrusted(): boolean {
  return vscode.workspace.isTrusted;
}

/** Fires when the engineer trusts the workspace (trust is not taken back without a reload of the window). */
export const onDidGrantTrust: vscode.Event<void> = vscode.workspace.onDidGrantWorkspaceTrust;

/** NO_AWS_CALL as an error, for callers that answer with words rather than a notification (the panel). */
export class RestrictedModeError extends UserFacingError {
  override name = 'RestrictedModeError';

  constructor() {
    super(NO_AWS_CALL);
  }
}

/** Throws RestrictedModeError in Restricted Mode: the guard in front of every path that loads the AWS layer. */
export function assertTrusted(): void {
  if (!isTrusted()) throw new RestrictedModeError();
}

/**
 * What an AWS action's restricted form returns: `restricted` is NO_AWS_CALL; `offered` names what it
 * gave instead (e.g. the reports' verdict), when anything.
 */
export interface RestrictedAnswer {
  restricted: typeof NO_AWS_CALL;
  offered?: string;
}

/**
 * The restricted form's notification: "`action`: `offered` NO_AWS_CALL", with Manage Workspace Trust and
 * `choices` (label: what it runs) as its buttons. Returns the answer at once; a choice runs later.
 */
export function sayRestricted(
  action: string,
  offered?: string,
  choices: Record<string, () => unknown> = {},
): RestrictedAnswer {
  void vscode.window
    .showWarningMessage(
      `${action}: ${offered ? `${offered} ` : ''}${NO_AWS_CALL}`,
      ...Object.keys(choices),
      MANAGE_TRUST,
    )
    .then((choice) => {
      if (choice === MANAGE_TRUST) return vscode.commands.executeCommand('workbench.trust.manage');
      return choice ? choices[choice]?.() : undefined;
    });
  return offered ? { restricted: NO_AWS_CALL, offered } : { restricted: NO_AWS_CALL };
}
