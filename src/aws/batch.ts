// Many confirmations with at most `concurrency` in flight, sharing one session (credentials,
// clients, region list). Each result is handed to onResult as soon as it is known; one failure
// never stops the batch.
import {
  DEFAULT_CONCURRENCY,
  isFinalResult,
  type ConfirmationRequest,
  type ConfirmationResult,
} from '../core/confirmations';
import {
  ConfirmSession,
  confirmWithSession,
  type ConfirmSettings,
} from './confirm-product-instance';

export interface BatchOptions {
  concurrency?: number;
  signal?: AbortSignal;
  onResult?: (result: ConfirmationResult) => void | Promise<void>;
}

/**
 * Results in input order; when `signal` aborts, the items not yet started are left out.
 * An answer a retry may change (throttled, network, a server fault) goes to the back of the queue for another
 * round, because under sustained throttling the SDK's own retry budget runs dry before the batch ends.
 */
export async function confirmBatch(
  items: ConfirmationRequest[],
  settings: ConfirmSettings & BatchOptions,
): Promise<ConfirmationResult[]> {
  const { concurrency = DEFAULT_CONCURRENCY, signal, onResult, ...aws } = settings;
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new RangeError(`concurrency must be a whole number of 1 or more, not ${concurrency}`);
  const session = new ConfirmSession(aws, signal);
  const results = new Array<ConfirmationResult | undefined>(items.length);
  const queue = items.map((req, index) => ({ req, index, round: 1 }));
  let inFlight = 0;
  const worker = async (): Promise<void> => {
    // Wait while others are in flight: one of them may put an item back for another round.
    while (!signal?.aborted && (queue.length > 0 || inFlight > 0)) {
      const item = queue.shift();
      if (!item) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        continue;
      }
      inFlight++;
      const result = await confirmWithSession(item.req, session).finally(() => inFlight--);
      if (isWorthAnotherRound(result) && item.round < BATCH_ROUNDS && !signal?.aborted) {
        queue.push({ ...item, round: item.round + 1 });
        continue;
      }
      results[item.index] = result;
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

const BATCH_ROUNDS = 5;

/** Throttling, network and server faults may pass; bad credentials need the engineer first. */
function isWorthAnotherRound(r: ConfirmationResult): boolean {
  return !isFinalResult(r) && r.error?.kind !== 'credentials';
}
