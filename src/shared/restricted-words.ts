// The one wording of "no AWS call in Restricted Mode", shared by the extension (notifications, panel
// replies, the status bar, the Subscriptions view) and the panel's webview (its disabled AWS buttons).

/** What every AWS action says in an untrusted workspace; the webview's AWS buttons say it too. */
export const NO_AWS_CALL =
  'Restricted Mode: Support Desk makes no AWS call until this workspace is trusted.';
