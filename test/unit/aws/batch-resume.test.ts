// kill -9 in the middle of a batch loses nothing already written, and a re-run asks only what has
// no final answer yet: no duplicates, nothing re-sent for instances already answered for good.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  isFinalResult,
  type ConfirmationResult,
} from '../../../src/core/confirmations/confirmation';
import { awsSandbox, staticProfile, type AwsSandbox } from '../../support/aws-env';
import { startEc2Endpoint, type Ec2Endpoint, type Ec2Scenario } from '../../support/ec2-endpoint';

const COUNT = 120;
const CLI = join(__dirname, '..', '..', '..', 'src', 'cli.js');
const id = (i: number) => `i-${(0xc000 + i).toString(16).padStart(17, '0')}`;

describe('confirm-batch killed with -9 and run again', function () {
  this.timeout(120_000);
  let endpoint: Ec2Endpoint;
  let sandbox: AwsSandbox;
  before(async () => {
    const instances: Record<string, Ec2Scenario> = {};
    for (let i = 0; i < COUNT; i++)
      instances[id(i)] =
        i % 10 === 0 ? { kind: 'garbage' } : { kind: 'attached', ownerId: '111122223333' };
    endpoint = await startEc2Endpoint({ instances, latencyMs: 40 });
    sandbox = awsSandbox({
      config: '[profile seller]\nregion = us-east-1\n',
      credentials: staticProfile('seller'),
    });
  });
  after(async () => {
    sandbox.restore();
    await endpoint.stop();
  });

  function batch(out: string): ReturnType<typeof spawn> {
    const list = join(sandbox.dir, 'list.txt');
    writeFileSync(list, Array.from({ length: COUNT }, (_, i) => id(i)).join('\n'));
    return spawn(
      process.execPath,
      [
        CLI,
        'confirm-batch',
        list,
        '--out',
        out,
        '--profile',
        'seller',
        '--product-code',
        'abc',
        '--endpoint-url',
        endpoint.url,
        '--concurrency',
        '4',
        '--audit',
        join(sandbox.dir, 'audit.jsonl'),
      ],
      { env: { ...process.env, ...sandbox.env }, stdio: 'ignore' },
    );
  }
  // The whole lines of the results file (a line being written when it is read is left out).
  const read = (out: string): ConfirmationResult[] =>
    readFileSync(out, 'utf8')
      .split('\n')
      .flatMap((line) => {
        try {
          return [JSON.parse(line) as ConfirmationResult];
        } catch {
          return [];
        }
      });

  it('keeps what was written and finishes the rest without re-sending final answers', async () => {
    const out = join(sandbox.dir, 'results.jsonl');
    const first = batch(out);
    const firstExit = new Promise((resolve) => first.once('exit', resolve));
    for (let n = 0; n < 200; n++) {
      await new Promise((r) => setTimeout(r, 50));
      try {
        if (read(out).length >= 30) break;
      } catch {
        /* not written yet */
      }
    }
    first.kill('SIGKILL');
    await firstExit;
    const kept = read(out);
    assert.ok(kept.length >= 30 && kept.length < COUNT, `killed after ${kept.length} results`);
    const finalBefore = new Set(kept.filter(isFinalResult).map((r) => r.instanceId));
    const killedAt = Date.now();

    const second = batch(out);
    const code = await new Promise((resolve) => second.once('exit', resolve));
    assert.equal(code, 1, 'the garbage answers stay retryable');
    const results = read(out);
    const ids = results.map((r) => r.instanceId);
    assert.equal(ids.length, COUNT);
    assert.equal(new Set(ids).size, COUNT, 'an instance is in the results twice');
    const resent = endpoint.calls.filter(
      (c) => c.time > killedAt && finalBefore.has(c.instanceId ?? ''),
    );
    assert.deepEqual(resent, [], 'an instance with a final answer was asked again');
    assert.equal(results.filter((r) => r.verdict === 'confirmed').length, COUNT - COUNT / 10);
  });
});
