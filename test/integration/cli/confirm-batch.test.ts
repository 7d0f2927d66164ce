// `support-desk confirm-batch` end to end with the built CLI: both input forms, rows resolved and
// rejected by line, the progress line on stderr, --out required, and a re-run that asks only what
// has no final answer yet.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConfirmationResult } from '../../../src/core/confirmations/confirmation';
import { awsSandbox, staticProfile, type AwsSandbox } from '../../support/aws-env';
import { REPO_ROOT, runBuiltCli, type CliRun } from '../../support/built-cli';
import { startEc2Endpoint, type Ec2Endpoint } from '../../support/ec2-endpoint';

const REPORTS = join(REPO_ROOT, 'test', 'fixtures', 'reports', 'basic');
const OWNER = '111122223333';
const OTHER = '444455556666';
const REPORT_PRODUCT = { id: 'prod-5qwz3vsg4kbfw', code: '8a2kq9xw3vbn7m4c1zt6ry5pd' };

describe('support-desk confirm-batch (built CLI, local endpoint)', function () {
  this.timeout(30_000);
  let endpoint: Ec2Endpoint;
  let sandbox: AwsSandbox;

  before(async () => {
    endpoint = await startEc2Endpoint({
      instances: {
        'i-0000000000000d001': { kind: 'attached', ownerId: OWNER },
        'i-0000000000000d002': { kind: 'attached', ownerId: OTHER },
        'i-0000000000000d003': {
          kind: 'attached',
          ownerId: OWNER,
          productCode: REPORT_PRODUCT.code,
        },
        'i-0000000000000d004': { kind: 'attached', ownerId: OWNER, region: 'eu-west-1' },
        'i-0000000000000d005': { kind: 'not-attached' },
        'i-0000000000000d006': { kind: 'garbage' },
        'i-0aaa1111bbbb2222c': { kind: 'attached', ownerId: OWNER },
        'i-0bbb2222cccc3333d': { kind: 'attached', ownerId: OWNER },
        'i-0ccc3333dddd4444e': { kind: 'attached', ownerId: OWNER },
      },
    });
    sandbox = awsSandbox({
      config: '[profile seller]\nregion = us-east-1\n',
      credentials: staticProfile('seller'),
    });
  });
  after(async () => {
    sandbox.restore();
    await endpoint.stop();
  });

  const batch = (args: string[]): Promise<CliRun> =>
    runBuiltCli(['confirm-batch', ...args, '--profile', 'seller', '--endpoint-url', endpoint.url], {
      env: { ...process.env, ...sandbox.env, SUPPORT_DESK_AUDIT: join(sandbox.dir, 'audit.jsonl') },
    });
  const results = (out: string) =>
    readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as ConfirmationResult);
  const answer = (r: ConfirmationResult) =>
    r.verdict === 'error' ? `error:${r.error?.kind}` : r.verdict;

  it('reads a CSV with instanceId, productCode, productId, account and region; bad rows are reported by line and good rows kept', async () => {
    const file = join(sandbox.dir, 'case-instances.csv');
    writeFileSync(
      file,
      [
        'region,account,productId,productCode,instanceId',
        `,${OWNER},,abc123,i-0000000000000d001`,
        `,${OWNER},,,i-0000000000000d002`,
        `,1111-2222-3333,${REPORT_PRODUCT.id},,i-0000000000000d003`,
        `eu-west-1,${OWNER},,abc123,i-0000000000000d004`,
        '# a comment, then a blank line',
        '',
        `,${OWNER},,abc123,i-NOTANID`,
        `,${OWNER},prod-unknown,,i-0000000000000d005`,
        `,${OWNER},,abc123,i-0000000000000d001`,
      ].join('\n'),
    );
    const out = join(sandbox.dir, 'csv-results.jsonl');
    const run = await batch([
      file,
      '--out',
      out,
      '--product-code',
      'fromoption',
      '--reports',
      REPORTS,
    ]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /case-instances\.csv:8: error: instance id "i-NOTANID" must be/);
    assert.match(
      run.stderr,
      /case-instances\.csv:9: error: product id "prod-unknown" has no product code in the reports given or in the playbook/,
    );
    assert.match(
      run.stderr,
      /case-instances\.csv:10: warning: i-0000000000000d001 \(abc123\) is listed again: asked once/,
    );
    const byInstance = new Map(results(out).map((r) => [r.instanceId, r]));
    assert.deepEqual([...byInstance.keys()].sort(), [
      'i-0000000000000d001',
      'i-0000000000000d002',
      'i-0000000000000d003',
      'i-0000000000000d004',
      'i-0000000000000d005',
      'i-NOTANID',
    ]);
    assert.equal(answer(byInstance.get('i-0000000000000d001')!), 'confirmed');
    assert.equal(answer(byInstance.get('i-0000000000000d002')!), 'owner-mismatch');
    assert.equal(
      byInstance.get('i-0000000000000d002')!.productCode,
      'fromoption',
      'a row without a code takes --product-code',
    );
    assert.deepEqual(
      [
        answer(byInstance.get('i-0000000000000d003')!),
        byInstance.get('i-0000000000000d003')!.productCode,
      ],
      ['confirmed', REPORT_PRODUCT.code],
    );
    assert.deepEqual(
      [
        answer(byInstance.get('i-0000000000000d004')!),
        byInstance.get('i-0000000000000d004')!.region,
      ],
      ['confirmed', 'eu-west-1'],
    );
    assert.equal(answer(byInstance.get('i-NOTANID')!), 'error:malformed-input');
    assert.equal(answer(byInstance.get('i-0000000000000d005')!), 'error:malformed-input');
    assert.ok(
      !endpoint.calls.some(
        (c) => c.instanceId === 'i-NOTANID' || c.instanceId === 'i-0000000000000d005',
      ),
      'a rejected row was sent',
    );
  });

  it('reads a plain list of instance ids, shows progress on stderr, and a re-run re-asks only what has no final answer', async () => {
    const file = join(sandbox.dir, 'ids.txt');
    writeFileSync(file, 'i-0000000000000d001\ni-0000000000000d005\n\ni-0000000000000d006\n');
    const out = join(sandbox.dir, 'plain-results.jsonl');
    const first = await batch([
      file,
      '--out',
      out,
      '--product-code',
      'abc123',
      '--concurrency',
      '2',
    ]);
    assert.equal(first.code, 1, 'the garbage answer is worth another run');
    assert.match(
      first.stderr,
      /^confirm-batch: 3\/3 answered \(confirmed 1, error:bad-answer 1, not-attached 1\)$/m,
    );
    assert.match(first.stderr, /1 not answered for good: run the same command again to retry them/);
    assert.deepEqual(results(out).map(answer).sort(), [
      'confirmed',
      'error:bad-answer',
      'not-attached',
    ]);

    const callsBefore = endpoint.calls.length;
    const second = await batch([file, '--out', out, '--product-code', 'abc123']);
    assert.equal(second.code, 1);
    assert.match(second.stderr, /plain-results\.jsonl: 2 already answered, 1 to ask/);
    const asked = endpoint.calls.slice(callsBefore).map((c) => c.instanceId);
    assert.ok(
      asked.length > 0 && asked.every((id) => id === 'i-0000000000000d006'),
      `re-asked: ${asked.join(', ')}`,
    );
    assert.equal(results(out).length, 3, 'the retried answer replaced the old one');
  });

  // The lists engineers have, as the AWS CLI (`describe-instances --output text`) and the EC2 console make them
  // (../shared/cases/turn3/confirm-batch-instance-lists): each gives its three instances, asked once each.
  const THREE = ['i-0aaa1111bbbb2222c', 'i-0bbb2222cccc3333d', 'i-0ccc3333dddd4444e'];
  const INSTANCE_LISTS: [name: string, text: string][] = [
    ['ids-text.txt', `${THREE.join('\t')}\n`],
    [
      'rows-text.txt',
      `${THREE[0]}\tt3.micro\trunning\n${THREE[1]}\tm5.large\tstopped\n${THREE[2]}\tt3.small\trunning\n`,
    ],
    [
      'rows-comma.csv',
      `ec2-3-80-1-2.compute-1.amazonaws.com,${THREE[0]},t3.micro,ami-0abcdef1234567890,running,172.31.0.10\n` +
        `,${THREE[1]},m5.large,ami-0abcdef1234567890,stopped,172.31.0.11\n` +
        `ec2-3-80-1-4.compute-1.amazonaws.com,${THREE[2]},t3.small,ami-0abcdef1234567890,running,172.31.0.12\n`,
    ],
    [
      'console-style.csv',
      `Name,Instance ID,Instance state,Instance type,Availability Zone\nweb-01,${THREE[0]},Running,t3.micro,us-east-1a\n` +
        `web-02,${THREE[1]},Stopped,m5.large,us-east-1a\ndb-01,${THREE[2]},Running,t3.small,us-east-1a\n`,
    ],
  ];
  for (const [name, text] of INSTANCE_LISTS) {
    it(`reads the instance list ${name} and confirms its three instances`, async () => {
      const file = join(sandbox.dir, name);
      writeFileSync(file, text);
      const out = join(sandbox.dir, `results-${name}.jsonl`);
      const calls = endpoint.calls.length;
      const run = await batch([file, '--out', out, '--product-code', 'abc123']);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stderr, /^confirm-batch: 3\/3 answered \(confirmed 3\)$/m);
      assert.deepEqual(
        results(out)
          .map((r) => [r.instanceId, answer(r)])
          .sort(),
        THREE.map((id) => [id, 'confirmed']),
      );
      assert.deepEqual(
        endpoint.calls
          .slice(calls)
          .map((c) => c.instanceId)
          .sort(),
        THREE,
      );
    });
  }

  it('refuses a list with no instance id (exit 2, nothing sent or written), saying what the file should hold', async () => {
    const file = join(sandbox.dir, 'no-ids.csv');
    writeFileSync(
      file,
      'Name,Instance state,Instance type\nweb-01,Running,t3.micro\nweb-02,Stopped,m5.large\n',
    );
    const out = join(sandbox.dir, 'no-ids.jsonl');
    const calls = endpoint.calls.length;
    const run = await batch([file, '--out', out, '--product-code', 'abc123']);
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /no-ids\.csv:2: error: no instance id on this line/);
    assert.match(
      run.stderr,
      /no-ids\.csv holds no instance id; nothing was sent\. It should hold one instance id per line .*--output text.*Instance ID/,
    );
    assert.doesNotMatch(run.stderr, /answered/);
    assert.equal(existsSync(out), false);
    assert.equal(endpoint.calls.length, calls);
  });

  it('needs --out and a product code, and says why', async () => {
    const ids = join(sandbox.dir, 'ids.txt');
    const run = await batch([ids, '--product-code', 'abc123']);
    assert.equal(run.code, 2);
    assert.match(
      run.stderr,
      /give the results file with --out RESULTS\.jsonl \(run again with the same --out to resume\)/,
    );
    const calls = endpoint.calls.length;
    const noCode = await batch([ids, '--out', join(sandbox.dir, 'no-code.jsonl')]);
    assert.match(
      noCode.stderr,
      /ids\.txt:1: error: no product code: add a productCode \(or productId\) column, or pass --product-code/,
    );
    assert.equal(noCode.code, 2, 'no row can be asked: not a success');
    assert.match(
      noCode.stderr,
      /no row of .*ids\.txt can be asked \(the problems above say why\); nothing was sent/,
    );
    assert.equal(endpoint.calls.length, calls, 'nothing is sent without a product code');
  });
});
