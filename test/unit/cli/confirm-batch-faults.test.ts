// The fault batch of the issue (smaller here; bench/confirm.ts runs 1,000): throttling on half the
// calls, 500s, reset connections and slow answers. Every instance ends answered, once, and the
// audit log holds one line per answered instance.
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../../src/cli';
import { AuditLog } from '../../../src/core/audit/audit';
import type { ConfirmationResult } from '../../../src/core/confirmations/confirmation';
import {
  awsSandbox,
  FAKE_KEY_ID,
  FAKE_SECRET,
  staticProfile,
  type AwsSandbox,
} from '../../support/aws-env';
import { startEc2Endpoint, type Ec2Endpoint, type Ec2Scenario } from '../../support/ec2-endpoint';
import { faultScenario, instanceId, OWNER } from '../../support/fault-scenarios';

const COUNT = 300;

describe('confirm-batch under faults', function () {
  this.timeout(150_000);
  let endpoint: Ec2Endpoint;
  let sandbox: AwsSandbox;
  const expected = new Map<string, string>();

  before(async () => {
    const instances: Record<string, Ec2Scenario> = {};
    for (let i = 1; i <= COUNT; i++) {
      const { scenario, expect } = faultScenario(i);
      instances[instanceId(i)] = scenario;
      expected.set(instanceId(i), expect);
    }
    endpoint = await startEc2Endpoint({ instances, latencyMs: 5 });
    sandbox = awsSandbox({
      config: '[profile seller]\nregion = us-east-1\n',
      credentials: staticProfile('seller'),
    });
  });
  after(async () => {
    sandbox.restore();
    await endpoint.stop();
  });

  it(`answers all ${COUNT} instances exactly once, in the results and in the audit log`, async () => {
    const list = join(sandbox.dir, 'instances.csv');
    writeFileSync(
      list,
      `instanceId,account\n${[...expected.keys()].map((id) => `${id},${OWNER}`).join('\n')}\n`,
    );
    const out = join(sandbox.dir, 'results.jsonl');
    const auditPath = join(sandbox.dir, 'audit.jsonl');
    const stderr: string[] = [];
    const io = { out: (t: string) => stderr.push(t), err: (t: string) => stderr.push(t) };
    const code = await main(
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
        '--audit',
        auditPath,
      ],
      io,
    );

    const results = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as ConfirmationResult);
    assert.equal(results.length, COUNT);
    assert.equal(
      new Set(results.map((r) => r.instanceId)).size,
      COUNT,
      'an instance was answered twice',
    );
    for (const r of results) {
      const got = r.verdict === 'error' ? `error:${r.error?.kind}` : r.verdict;
      assert.equal(got, expected.get(r.instanceId), `${r.instanceId}: ${JSON.stringify(r)}`);
    }
    assert.equal(
      code,
      1,
      'instances still throttled after retries make the batch worth re-running',
    );
    assert.match(stderr.join('\n'), /confirm-batch: 300\/300 answered .*confirmed \d+/);
    assert.match(stderr.join('\n'), /run the same command again to retry them/);

    const audit = await new AuditLog(auditPath).read();
    assert.equal(audit.length, COUNT);
    assert.deepEqual(new Set(audit.map((e) => e.instanceId)), new Set(expected.keys()));
    assert.ok(audit.every((e) => e.profile === 'seller'));
    const everything =
      readFileSync(out, 'utf8') + readFileSync(auditPath, 'utf8') + stderr.join('\n');
    assert.ok(
      !everything.includes(FAKE_SECRET) && !everything.includes(FAKE_KEY_ID),
      'a key reached an output',
    );
    // The faults really happened: throttles, 500s and resets were answered by retries.
    const outcomes = new Set(endpoint.calls.map((c) => c.outcome));
    for (const fault of ['RequestLimitExceeded', 'InternalError', 'reset'])
      assert.ok(outcomes.has(fault), fault);
  });
});
