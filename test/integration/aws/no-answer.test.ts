// Issue 8, item 10 (a dead endpoint): an endpoint that accepts the connection and never answers is
// "no answer from ENDPOINT in N s", not the SDK's "Request aborted"; each attempt has its own limit
// and is retried within the whole call's limit; and no SDK warning reaches the engineer's stderr.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadAws } from '../../../src/aws/lazy';
import type { ConfirmationResult } from '../../../src/core/confirmations/confirmation';
import { awsSandbox, staticProfile, type AwsSandbox } from '../../support/aws-env';
import { runBuiltCli } from '../../support/built-cli';
import { startDeadEndpoint, type DeadEndpoint } from '../../support/ec2-endpoint';

const SDK_NOISE = /@smithy|@aws-sdk|\bWARN|Warning|Request aborted/;

/** What this process writes to stderr and the warnings it emits while `work` runs. */
async function stderrDuring<T>(work: () => Promise<T>): Promise<{ value: T; stderr: string }> {
  let stderr = '';
  const write = process.stderr.write;
  const onWarning = (warning: Error) => {
    stderr += `Warning: ${warning.message}\n`;
  };
  process.stderr.write = (chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  };
  process.on('warning', onWarning);
  try {
    return { value: await work(), stderr };
  } finally {
    process.stderr.write = write;
    process.off('warning', onWarning);
  }
}

describe("no answer: a dead endpoint is named, retried per attempt within the call's limit, and quiet", function () {
  this.timeout(60_000);
  let dead: DeadEndpoint;
  let sandbox: AwsSandbox;
  beforeEach(async () => {
    dead = await startDeadEndpoint({ maxLifetimeMs: 60_000 });
    sandbox = awsSandbox({
      config: '[profile seller]\nregion = us-east-1\n',
      credentials: staticProfile('seller'),
    });
  });
  afterEach(async () => {
    sandbox.restore();
    await dead.stop();
  });
  // Loaded as the CLI and the extension load it.
  const confirm = (limits: {
    attemptTimeoutMs: number;
    callTimeoutMs: number;
    maxAttempts: number;
  }) =>
    stderrDuring(async () =>
      (await loadAws()).confirmInstance(
        { instanceId: 'i-0000000000000d0a1', productCode: 'abc123' },
        { profile: 'seller', endpointUrl: dead.url, ...limits },
      ),
    );

  it('no answer: each attempt times out and is retried, then "no answer from ENDPOINT in N s", with nothing on stderr', async () => {
    const started = Date.now();
    const { value: r, stderr } = await confirm({
      attemptTimeoutMs: 300,
      callTimeoutMs: 5_000,
      maxAttempts: 3,
    });
    assert.ok(
      Date.now() - started < 4_000,
      `took ${Date.now() - started} ms: the attempts did not time out on their own`,
    );
    assert.equal(r.error?.kind, 'network', JSON.stringify(r));
    assert.match(
      r.error.message,
      new RegExp(
        `^no answer from ${dead.url} in \\d+(\\.\\d)? s: check the network, proxy or endpoint URL, then retry$`,
      ),
    );
    assert.equal(dead.connections, 3, 'one connection per attempt');
    assert.doesNotMatch(stderr, SDK_NOISE);
  });

  it("no answer: the call's limit ends the attempts, and the message gives the time waited", async () => {
    const { value: r, stderr } = await confirm({
      attemptTimeoutMs: 1_000,
      callTimeoutMs: 1_500,
      maxAttempts: 5,
    });
    assert.match(r.error!.message, new RegExp(`^no answer from ${dead.url} in 1\\.5 s`));
    assert.equal(dead.connections, 2, "the second attempt was cut by the call's limit");
    assert.doesNotMatch(stderr, SDK_NOISE);
  });

  it('no answer: the CLI, with its own limits (attempts of 10 s within 30 s), says so after 30 s and prints no SDK warning', async () => {
    const run = await runBuiltCli(
      [
        'confirm',
        '--instance-id',
        'i-0000000000000d0a2',
        '--product-code',
        'abc123',
        '--profile',
        'seller',
        '--endpoint-url',
        dead.url,
        '--json',
      ],
      {
        env: {
          ...process.env,
          ...sandbox.env,
          SUPPORT_DESK_AUDIT: join(sandbox.dir, 'audit.jsonl'),
        },
      },
    );
    assert.equal(run.code, 1);
    const r = JSON.parse(run.stdout) as ConfirmationResult;
    assert.match(r.error!.message, new RegExp(`^no answer from ${dead.url} in 30(\\.\\d)? s`));
    assert.equal(dead.connections, 3, "three attempts of 10 s fit in the call's 30 s");
    assert.equal(run.stderr, '', 'something reached stderr');
  });
});
