// Keeps the Subscriptions tooltips' recorded evidence (live agreements, identity documents) in step
// with the audit log: re-read when the Confirmations view re-reads it (an append here, a change by the
// CLI) and once the reports are loaded; the rows are redrawn only when an account's evidence changed.
import type * as vscode from 'vscode';
import type { SupportDeskContext } from '../context';
import { disposeAll } from '../dispose';
import { recordedEvidence, type RecordedEvidenceBook } from './subscriptions-tree-model';

/** Starts following the audit log into `book` (the tooltips' by default); dispose to stop. */
export function followRecordedEvidence(
  ctx: SupportDeskContext,
  book: RecordedEvidenceBook = recordedEvidence,
): vscode.Disposable {
  let reading = Promise.resolve();
  const update = () => {
    // One read at a time, in order: a batch appending many lines must not race its own reads.
    reading = reading
      .then(async () => {
        if (book.update(await ctx.audit.read())) ctx.subscriptions.refresh();
      })
      .catch((error: unknown) =>
        ctx.log.error(`recorded evidence for the Subscriptions tooltips: ${String(error)}`),
      );
  };
  const listeners = [ctx.audit.onDidChange(update), ctx.reports.onDidChange(update)];
  return { dispose: () => disposeAll(listeners) };
}
