// How every local endpoint of the tests runs: on 127.0.0.1 only, stopped by its own handle, and by
// itself after a maximum lifetime, so that a failed test never leaves a server behind.
import type { IncomingMessage } from 'node:http';
import type { AddressInfo, Server } from 'node:net';

export interface Loopback {
  port: number;
  /** Closes the server and drops its connections; the same promise on every call. */
  stop(): Promise<void>;
}

/**
 * Listens on 127.0.0.1 (`port` 0: a free one). `dropConnections` ends the connections still open
 * when it stops (an HTTP server's closeAllConnections, or destroying held sockets).
 */
export async function listenOnLoopback(
  server: Server,
  options: { port?: number; maxLifetimeMs: number; dropConnections: () => void },
): Promise<Loopback> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    clearTimeout(lifetime);
    stopped ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      options.dropConnections();
    });
    return stopped;
  };
  const lifetime = setTimeout(() => void stop(), options.maxLifetimeMs);
  lifetime.unref();
  return { port: (server.address() as AddressInfo).port, stop };
}

/** A request's whole body as UTF-8 text (the test endpoints' requests are small). */
export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
