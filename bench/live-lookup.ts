// The live lookup's latency: SearchAgreements against the local Agreement endpoint with 20 ms added
// to every reply (a round trip to us-east-1), 20 runs each, in this process. Printed, not asserted.
// Run: npx tsc -p . && node out/bench/live-lookup.js
import { performance } from 'node:perf_hooks';
import { loadAws } from '../src/aws/lazy';
import { awsSandbox, staticProfile } from '../test/support/aws-env';
import { startAgreementEndpoint, type AgreementFixture } from '../test/support/agreement-endpoint';
import { runCli } from '../test/support/cli-in-process';

const RUNS = 20;
const LATENCY_MS = 20;
const ONE_PAGE = '111122223333';
const THREE_PAGES = '333344445555';

const agreements: AgreementFixture[] = [
  {
    agreementId: 'agmt-one',
    acceptor: ONE_PAGE,
    productId: 'prod-5qwz3vsg4kbfw',
    startTime: '2026-11-01T00:00:00Z',
  },
  ...Array.from({ length: 120 }, (_, i): AgreementFixture => ({
    agreementId: `agmt-${i}`,
    acceptor: THREE_PAGES,
    productId: 'prod-5qwz3vsg4kbfw',
    status: 'EXPIRED',
    startTime: '2025-01-01T00:00:00Z',
    endTime: '2025-06-01T00:00:00Z',
  })),
];

async function timed(label: string, work: () => Promise<unknown>): Promise<void> {
  await work(); // warm: the SDK's first load and connection are not what a second lookup pays
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await work();
    ms.push(performance.now() - start);
  }
  ms.sort((a, b) => a - b);
  const median = (ms[RUNS / 2 - 1] + ms[RUNS / 2]) / 2;
  console.log(
    `${label}: median ${median.toFixed(1)} ms, min ${ms[0].toFixed(1)} ms, max ${ms[RUNS - 1].toFixed(1)} ms (${RUNS} runs, ${LATENCY_MS} ms latency per reply)`,
  );
}

async function main(): Promise<void> {
  const sandbox = awsSandbox({ credentials: staticProfile('default') });
  const endpoint = await startAgreementEndpoint({
    agreements,
    latencyMs: LATENCY_MS,
    maxLifetimeMs: 5 * 60_000,
  });
  process.env.AWS_ENDPOINT_URL_MARKETPLACE_AGREEMENT = endpoint.url;
  try {
    const { searchAgreements } = await loadAws();
    await timed('searchAgreements, 1 page', () =>
      searchAgreements({ account: ONE_PAGE, at: '2026-11-22T23:59:59.999Z' }, {}),
    );
    await timed('searchAgreements, 3 pages (120 agreements)', () =>
      searchAgreements({ account: THREE_PAGES, at: '2026-11-22T23:59:59.999Z' }, {}),
    );
    await timed('lookup ACCOUNT --live --json (CLI in process, no reports)', async () => {
      const run = await runCli('lookup', ONE_PAGE, '--live', '--json');
      if (run.code !== 0) throw new Error(run.err);
    });
  } finally {
    sandbox.restore();
    await endpoint.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
