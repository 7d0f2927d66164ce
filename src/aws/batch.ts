// Many confirmations with at most `concurrency` in flight, sharing one session (credentials,
// clients, region list). Each result is handed to onResult as soon as it is known; one failure
// never stops the batch.
import { DEFAULT_CONCURRENCY, type ConfirmationRequest, type ConfirmationResult } from '../core/confirmation';
import { ConfirmSession, confirmWithSession, type ConfirmSettings } from './confirm';

export interface BatchOptions {
  concurrency?: number;
  signal?: AbortSignal;
  onResult?: (result: ConfirmationResult) => void | Promise<void>;
}

/** Results in input order; when `signal` aborts, the items not yet started are left out. */
export async function confirmBatch(items: ConfirmationRequest[], settings: ConfirmSettings & BatchOptions): Promise<ConfirmationResult[]> {
  const { concurrency = DEFAULT_CONCURRENCY, signal, onResult, ...aws } = settings;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`concurrency must be a whole number of 1 or more, not ${concurrency}`);
  const session = new ConfirmSession(aws, signal);
  const results: (ConfirmationResult | undefined)[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length && !signal?.aborted) {
      const index = next++;
      const result = await confirmWithSession(items[index], session);
      results[index] = result;
      await onResult?.(result);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  } finally {
    session.destroy();
  }
  return results.filter((r): r is ConfirmationResult => r !== undefined);
}
