// Releasing what a view, source or session owns (listeners, watchers, emitters), all of it and once:
// one base class instead of a hand-written dispose loop in each (after vscode-hexeditor's src/dispose.ts).
// Types only from 'vscode', so it runs, and is unit-tested, under plain Node.
import type * as vscode from 'vscode';

/**
 * Disposes every item and empties the array, so a second call does nothing. One that throws does not
 * stop the others: the first error is thrown after all were disposed (an AggregateError for several).
 */
export function disposeAll(disposables: vscode.Disposable[]): void {
  const errors: unknown[] = [];
  for (const d of disposables.splice(0)) {
    try {
      d.dispose();
    } catch (error) {
      errors.push(error);
    }
  }
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1)
    throw new AggregateError(errors, `${errors.length} disposables failed to dispose`);
}

/** A vscode.Disposable that owns others: `_register` each, and `dispose()` releases them all, once. */
export abstract class Disposable implements vscode.Disposable {
  private readonly owned: vscode.Disposable[] = [];
  private isDisposed = false;

  /** True once dispose() has run. */
  protected get disposed(): boolean {
    return this.isDisposed;
  }

  dispose(): void {
    if (this.isDisposed) return;
    this.isDisposed = true;
    disposeAll(this.owned);
  }

  /** Owns `value` until dispose(); registered after dispose(), it is disposed at once. Returns `value`. */
  protected _register<T extends vscode.Disposable>(value: T): T {
    if (this.isDisposed) value.dispose();
    else this.owned.push(value);
    return value;
  }
}
