// The error that is a message for the support engineer, not a fault of the program.

/**
 * A failure whose message is complete words for the engineer: what happened and what to do (e.g.
 * "Restricted Mode: Support Desk makes no AWS call until this workspace is trusted."). Error
 * boundaries (the extension's command table and panel, the CLI's main) show `message` as it is and
 * log no stack trace: nothing went wrong in the program. Any other error is a fault: shown, and its
 * stack logged. `cause` (optional) keeps the error it was made from.
 */
export class UserFacingError extends Error {
  override name = 'UserFacingError';
}
