// Issue 8, item 1 (a wrong answer is worse than an error): an HTTP 200 whose body is not the
// ConfirmProductInstance answer (empty, another document, not XML, "attached" without an owner) is
// the retryable error kind 'bad-answer', never a verdict: alone, in region auto, and in a batch, which
// exits 1 and, run again, asks every line that is not final.
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { confirmInstance } from '../../../src/aws';
import { resumeResults } from '../../../src/core/batch/batch-results';
import {
  isFinalResult,
  type ConfirmationResult,
} from '../../../src/core/confirmations/confirmation';
import { awsSandbox, staticProfile, type AwsSandbox } from '../../support/aws-env';
import { runBuiltCli } from '../../support/built-cli';
import { startEc2Endpoint, type Ec2Scenario } from '../../support/ec2-endpoint';
import { localEndpoint } from '../../support/local-endpoint';

const OWNER = '111122223333';
const XMLNS = 'http://ec2.amazonaws.com/doc/2016-11-15/';
const BAD_ANSWERS: [string, string, Ec2Scenario][] = [
  ['an empty body', 'i-0000000000000b0a1', { kind: 'http-200', body: '' }],
  [
    'another document',
    'i-0000000000000b0a2',
    { kind: 'http-200', body: '<?xml version="1.0"?><html><body>Proxy login</body></html>' },
  ],
  [
    'an answer without <return>',
    'i-0000000000000b0a3',
    {
      kind: 'http-200',
      body: `<ConfirmProductInstanceResponse xmlns="${XMLNS}"><requestId>r</requestId></ConfirmProductInstanceResponse>`,
    },
  ],
  [
    '"attached" without the owner',
    'i-0000000000000b0a4',
    {
      kind: 'http-200',
      body: `<ConfirmProductInstanceResponse xmlns="${XMLNS}"><return>true</return></ConfirmProductInstanceResponse>`,
    },
  ],
  ['a body that is not XML', 'i-0000000000000b0a5', { kind: 'garbage' }],
];

describe("bad answer: an HTTP 200 that is not the API's answer is never a verdict", function () {
  this.timeout(60_000);
  const endpoint = localEndpoint(() =>
    startEc2Endpoint({
      instances: Object.fromEntries(BAD_ANSWERS.map(([, id, scenario]) => [id, scenario])),
    }),
  );
  let sandbox: AwsSandbox;

  beforeEach(() => {
    sandbox = awsSandbox({
      config: '[profile seller]\nregion = us-east-1\n',
      credentials: staticProfile('seller'),
    });
  });
  afterEach(() => sandbox.restore());

  for (const [what, instanceId] of BAD_ANSWERS) {
    it(`bad answer: ${what} is error kind bad-answer, not final`, async () => {
      const r = await confirmInstance(
        { instanceId, productCode: 'abc123', claimedAccount: OWNER },
        { profile: 'seller', endpointUrl: endpoint().url, maxAttempts: 1 },
      );
      assert.equal(r.verdict, 'error', JSON.stringify(r));
      assert.equal(r.error?.kind, 'bad-answer');
      assert.match(r.error.message, /^EC2 answered HTTP 200 .*this is not a verdict: retry/);
      assert.equal(isFinalResult(r), false);
    });
  }

  it('bad answer: an enabled-regions list with no region in it is not "in no region" (region auto)', async () => {
    const empty = await startEc2Endpoint({ regions: [] });
    try {
      const r = await confirmInstance(
        { instanceId: 'i-0000000000000b0a6', productCode: 'abc123', region: 'auto' },
        { profile: 'seller', endpointUrl: empty.url },
      );
      assert.deepEqual([r.error?.kind, r.regionSource], ['bad-answer', 'auto'], JSON.stringify(r));
      assert.match(r.error!.message, /DescribeRegions in us-east-1 with no region in it/);
    } finally {
      await empty.stop();
    }
  });

  it('bad answer: a batch records it as not final and exits 1; run again, it asks those instances again', async () => {
    const list = join(sandbox.dir, 'ids.txt');
    const ids = ['i-0000000000000b0b1', 'i-0000000000000b0b2', 'i-0000000000000b0b3'];
    writeFileSync(list, `${ids.join('\n')}\n`);
    for (const id of ids) endpoint().setScenario(id, { kind: 'http-200', body: '' });
    const out = join(sandbox.dir, 'results.jsonl');
    const batch = () =>
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
          endpoint().url,
        ],
        {
          env: {
            ...process.env,
            ...sandbox.env,
            SUPPORT_DESK_AUDIT: join(sandbox.dir, 'audit.jsonl'),
          },
        },
      );
    const results = () =>
      readFileSync(out, 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as ConfirmationResult);

    const first = await batch();
    assert.equal(first.code, 1, first.stderr);
    assert.match(first.stderr, /confirm-batch: 3\/3 answered \(error:bad-answer 3\)/);
    assert.deepEqual(
      results().map((r) => r.error?.kind),
      ['bad-answer', 'bad-answer', 'bad-answer'],
    );

    for (const id of ids) endpoint().setScenario(id, { kind: 'attached', ownerId: OWNER });
    const second = await batch();
    assert.equal(second.code, 0, second.stderr);
    assert.doesNotMatch(second.stderr, /already answered/);
    assert.deepEqual(
      results().map((r) => r.verdict),
      ['confirmed', 'confirmed', 'confirmed'],
    );
  });

  it('bad answer: resume keeps only known verdicts and final error kinds; every other line is asked again', async () => {
    const out = join(sandbox.dir, 'mixed.jsonl');
    const line = (instanceId: string, verdict: string, kind?: string) =>
      JSON.stringify({
        instanceId,
        productCode: 'abc123',
        region: 'us-east-1',
        claimedAccount: null,
        ownerId: verdict === 'confirmed' ? OWNER : null,
        verdict,
        error: kind ? { kind, code: 'X', message: 'm' } : null,
        requestId: 'req-1',
        checkedAt: '2026-11-23T10:00:00.000Z',
        profile: 'seller',
      });
    writeFileSync(
      out,
      [
        line('i-00000001', 'confirmed'),
        line('i-00000002', 'not-attached'),
        line('i-00000003', 'error', 'instance-not-found'),
        line('i-00000004', 'error', 'bad-answer'),
        line('i-00000005', 'maybe'),
        line('i-00000006', 'error', 'a-kind-from-a-later-version'),
        line('i-00000007', 'error'),
      ].join('\n'),
    );
    const prior = await resumeResults(out);
    assert.deepEqual(
      [...prior.final].map((key) => key.split('\t')[0]),
      ['i-00000001', 'i-00000002', 'i-00000003'],
    );
    assert.equal(prior.dropped, 4);
  });
});
