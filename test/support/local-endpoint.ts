// The local AWS endpoints (EC2, STS, AWS Marketplace, S3) started and stopped the one way, by the
// describe block that uses them, so that no test writes its own before/after pair (and none forgets the
// stop, which would leave a server listening until its own time limit ends it).

/** What every local endpoint of test/support has: a stop that closes its server. */
export interface Stoppable {
  stop(): Promise<void> | void;
}

/**
 * Starts an endpoint for the `describe` block that calls this (call it at the block's top level) in a
 * `before` hook and stops it in an `after` hook, also when a test failed.
 *
 * @param start starts the endpoint, e.g. `() => startEc2Endpoint({ instances })`.
 * @returns a getter for the running endpoint; it throws when called outside the block's hooks and
 *   tests (before the `before` hook has run, or after the `after` hook).
 */
export function localEndpoint<T extends Stoppable>(start: () => Promise<T>): () => T {
  let running: T | undefined;
  before(async () => {
    running = await start();
  });
  after(async () => {
    const endpoint = running;
    running = undefined;
    await endpoint?.stop();
  });
  return () => {
    if (!running)
      throw new Error(
        'the local endpoint runs only inside the tests and hooks of its describe block',
      );
    return running;
  };
}
