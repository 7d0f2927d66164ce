// Issue 8, item 11 (two runs on one results file): confirm-batch locks RESULTS.jsonl (RESULTS.jsonl.lock,
// created exclusively, naming pid, host and start time) so that two runs never both send every
// instance: the second refuses with exit 2 naming the holder, or waits with --wait; the lock of a run
// that died is taken over with a note. Real concurrent runs of the built CLI against the local endpoint.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { awsSandbox, staticProfile, type AwsSandbox } from '../../support/aws-env';
import { runBuiltCli, type CliRun } from '../../support/built-cli';
import { startEc2Endpoint, type Ec2Endpoint } from '../../support/ec2-endpoint';

const IDS = Array.from({ length: 12 }, (_, i) => `i-0000000000000e${(0xa00 + i).toString(16)}`);

describe('results file lock: one confirm-batch run at a time per --out', function () {
  this.timeout(60_000);
  let endpoint: Ec2Endpoint;
  let sandbox: AwsSandbox;
  let list: string;

  before(async () => {
    // Slow enough that the first run is still asking when the second starts.
    endpoint = await startEc2Endpoint({
      latencyMs: 300,
      defaultScenario: { kind: 'attached', ownerId: '111122223333' },
    });
    sandbox = awsSandbox({
      config: '[profile seller]\nregion = us-east-1\n',
      credentials: staticProfile('seller'),
    });
    list = join(sandbox.dir, 'ids.txt');
    writeFileSync(list, `${IDS.join('\n')}\n`);
  });
  after(async () => {
    sandbox.restore();
    await endpoint.stop();
  });

  const batch = (out: string, ...extra: string[]): Promise<CliRun> =>
    runBuiltCli(
      [
        'confirm-batch',
        list,
        '--out',
        out,
        '--profile',
        'seller',
        '--product-code',
        'abc123',
        '--endpoint-url',
        endpoint.url,
        '--concurrency',
        '2',
        ...extra,
      ],
      {
        env: {
          ...process.env,
          ...sandbox.env,
          SUPPORT_DESK_AUDIT: join(sandbox.dir, 'audit.jsonl'),
        },
      },
    );

  /** The pid in the lock file once the first run has taken it. */
  async function holderPid(out: string): Promise<number> {
    for (let i = 0; i < 200; i++) {
      if (existsSync(`${out}.lock`)) {
        const text = readFileSync(`${out}.lock`, 'utf8');
        if (text) return (JSON.parse(text) as { pid: number }).pid;
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error('the first run never took the lock');
  }

  /** How many times each instance was asked since `from` (an index into the endpoint's calls). */
  const askedPerInstance = (from: number) => {
    const counts = new Map<string, number>();
    for (const c of endpoint.calls.slice(from))
      if (c.action === 'ConfirmProductInstance')
        counts.set(c.instanceId!, (counts.get(c.instanceId!) ?? 0) + 1);
    return IDS.map((id) => counts.get(id) ?? 0);
  };

  it('results file lock: a second run on the same --out refuses with exit 2, naming the process that holds it', async () => {
    const out = join(sandbox.dir, 'refused.jsonl');
    const calls = endpoint.calls.length;
    const first = batch(out);
    const pid = await holderPid(out);
    assert.match(
      readFileSync(`/proc/${pid}/cmdline`, 'utf8'),
      /dist\/cli\.js\0confirm-batch/,
      'the lock names the first run',
    );
    const second = await batch(out);
    assert.equal(second.code, 2, second.stderr);
    assert.match(
      second.stderr,
      new RegExp(
        `refused\\.jsonl is in use by pid ${pid} on host ${hostname()} \\(started [\\d-]+T[\\d:.]+Z\\): wait for it to finish or add --wait; if it is no longer running, delete .*refused\\.jsonl\\.lock`,
      ),
    );
    assert.equal((await first).code, 0);
    assert.deepEqual(
      askedPerInstance(calls),
      IDS.map(() => 1),
      'an instance was asked twice',
    );
    assert.ok(!existsSync(`${out}.lock`), 'the lock outlived the run');
  });

  it('results file lock: with --wait the second run waits for the first, then finds every instance answered', async () => {
    const out = join(sandbox.dir, 'waited.jsonl');
    const calls = endpoint.calls.length;
    const first = batch(out);
    const pid = await holderPid(out);
    const second = await batch(out, '--wait');
    assert.equal((await first).code, 0);
    assert.equal(second.code, 0, second.stderr);
    assert.match(
      second.stderr,
      new RegExp(
        `waited\\.jsonl: in use by pid ${pid} on host .*; waiting for it to finish \\(--wait\\)`,
      ),
    );
    assert.match(second.stderr, /waited\.jsonl: 12 already answered, 0 to ask/);
    assert.deepEqual(
      askedPerInstance(calls),
      IDS.map(() => 1),
      'an instance was asked twice',
    );
  });

  it('results file lock: the lock of a run that died is taken over, with a note', async () => {
    const out = join(sandbox.dir, 'stale.jsonl');
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    writeFileSync(
      `${out}.lock`,
      JSON.stringify({ pid: gone, host: hostname(), startedAt: '2026-11-23T10:00:00.000Z' }),
    );
    const run = await batch(out);
    assert.equal(run.code, 0, run.stderr);
    assert.match(
      run.stderr,
      new RegExp(
        `stale\\.jsonl: took over the lock of pid ${gone} on host .* \\(started 2026-11-23T10:00:00\\.000Z\\), which is no longer running`,
      ),
    );
    assert.ok(!existsSync(`${out}.lock`));
  });
});
