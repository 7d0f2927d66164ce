// Batch confirmation speed: 1,000 instances against the local endpoint with 20 ms per call,
// compared with the bound the concurrency allows and with a loop of real AWS CLI calls; then the
// fault batch at full size. Run by `npm run bench`.
// The timed endpoint runs in its own process, as EC2 does: in this process its request handling
// would share the one JavaScript thread with the client being measured.
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { loadAws } from '../src/aws/lazy';
import { DEFAULT_CONCURRENCY } from '../src/core/confirmations';
import { awsSandbox, staticProfile } from '../test/support/aws-env';
import { startEc2Endpoint, type Ec2Scenario } from '../test/support/ec2-endpoint';
import { faultScenario, instanceId, OWNER } from '../test/support/fault-scenarios';

const COUNT = 1000;
const LATENCY_MS = 20;
const CLI_CALLS = 5;
const run = promisify(execFile);

async function main(): Promise<void> {
  // Loaded the way the CLI and the extension load it.
  const { confirmBatch } = await loadAws();
  const sandbox = awsSandbox({
    config: '[profile bench]\nregion = us-east-1\n',
    credentials: staticProfile('bench'),
  });
  const instances: Record<string, Ec2Scenario> = {};
  for (let i = 1; i <= COUNT; i++) instances[instanceId(i)] = { kind: 'attached', ownerId: OWNER };
  const endpoint = await startEndpointProcess(instances, LATENCY_MS);
  try {
    const items = Array.from({ length: COUNT }, (_, i) => ({
      instanceId: instanceId(i + 1),
      productCode: 'abc123',
      claimedAccount: OWNER,
    }));
    // Start-up: the first call loads the SDK, resolves the profile's credentials and opens a connection.
    const startupStarted = performance.now();
    await confirmBatch(items.slice(0, 1), { profile: 'bench', endpointUrl: endpoint.url });
    const startupMs = performance.now() - startupStarted;
    const started = performance.now();
    const results = await confirmBatch(items, {
      profile: 'bench',
      endpointUrl: endpoint.url,
      concurrency: DEFAULT_CONCURRENCY,
    });
    const wallMs = performance.now() - started;
    const confirmed = results.filter((r) => r.verdict === 'confirmed').length;
    const boundMs = (COUNT * LATENCY_MS) / DEFAULT_CONCURRENCY + startupMs;

    const cliStarted = performance.now();
    for (let i = 1; i <= CLI_CALLS; i++) {
      // Asynchronous: the endpoint answers from this same process.
      await run(
        'aws',
        [
          'ec2',
          'confirm-product-instance',
          '--endpoint-url',
          endpoint.url,
          '--region',
          'us-east-1',
          '--profile',
          'bench',
          '--instance-id',
          instanceId(i),
          '--product-code',
          'abc123',
          '--output',
          'json',
        ],
        { env: { ...process.env, ...sandbox.env } },
      );
    }
    const cliPerCallMs = (performance.now() - cliStarted) / CLI_CALLS;
    const perInstanceMs = wallMs / COUNT;
    console.log(
      `confirm-batch: ${COUNT} instances, ${LATENCY_MS} ms latency, concurrency ${DEFAULT_CONCURRENCY}: ${wallMs.toFixed(0)} ms (${confirmed} confirmed)`,
    );
    console.log(
      `  concurrency bound ${boundMs.toFixed(0)} ms (${COUNT} x ${LATENCY_MS} ms / ${DEFAULT_CONCURRENCY} + start-up ${startupMs.toFixed(0)} ms): ratio ${(wallMs / boundMs).toFixed(2)}x (target <= 1.5x)`,
    );
    console.log(
      `  aws CLI loop: ${cliPerCallMs.toFixed(0)} ms per call (${CLI_CALLS} calls) vs ${perInstanceMs.toFixed(2)} ms per instance: ${(cliPerCallMs / perInstanceMs).toFixed(0)}x faster (target >= 150x)`,
    );

    const faults: Record<string, Ec2Scenario> = {};
    for (let i = 1; i <= COUNT; i++) faults[instanceId(i)] = faultScenario(i).scenario;
    const faulty = await startEc2Endpoint({ instances: faults, latencyMs: 5 });
    try {
      const faultStarted = performance.now();
      const answered = await confirmBatch(items, { profile: 'bench', endpointUrl: faulty.url });
      const unique = new Set(answered.map((r) => r.instanceId)).size;
      const kinds = new Map<string, number>();
      for (const r of answered)
        kinds.set(r.error?.kind ?? r.verdict, (kinds.get(r.error?.kind ?? r.verdict) ?? 0) + 1);
      console.log(
        `fault batch: ${answered.length}/${COUNT} answered, ${unique} unique, ${((performance.now() - faultStarted) / 1000).toFixed(1)} s: ${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ')}`,
      );
    } finally {
      await faulty.stop();
    }
  } finally {
    endpoint.stop();
    sandbox.restore();
  }
}

/** The endpoint's command-line mode in a child process; it exits when its stdin closes. */
async function startEndpointProcess(
  instances: Record<string, Ec2Scenario>,
  latencyMs: number,
): Promise<{ url: string; stop(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'confirm-bench-'));
  const scenarios = join(dir, 'scenarios.json');
  writeFileSync(scenarios, JSON.stringify(instances));
  const child = spawn(
    process.execPath,
    [
      join(__dirname, '../test/support/ec2-endpoint.js'),
      '--port',
      '0',
      '--latency-ms',
      String(latencyMs),
      '--scenarios',
      scenarios,
      '--max-seconds',
      '300',
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const [url] = await Promise.race([
    new Promise<string[]>((resolve) =>
      createInterface({ input: child.stdout }).once('line', (line) => resolve([line.trim()])),
    ),
    new Promise<never>((_, reject) =>
      child.once('exit', (code) => reject(new Error(`ec2-endpoint exited with ${code}`))),
    ),
  ]);
  return {
    url,
    stop: () => {
      child.stdin.end();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
