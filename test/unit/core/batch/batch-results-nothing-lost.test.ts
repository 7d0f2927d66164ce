// Issue 17, items 11 and 7 (nothing lost in a batch): the results lock is taken on the real file, so a
// symbolic link to it (or a linked folder) cannot run a second batch beside the first; a results line
// the product could not have written (no owner, time or request id) is asked again, not trusted; a
// full disk is said in words, not a stack; and a results file over 512 MB is read line by line.
import * as assert from 'node:assert/strict';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import {
  lockResults,
  resultProblem,
  resumeResults,
} from '../../../../src/core/batch/batch-results';
import type { ConfirmationResult } from '../../../../src/core/confirmations/confirmation';
import { awsSandbox, staticProfile, type AwsSandbox } from '../../../support/aws-env';
import { runCli } from '../../../support/cli-in-process';
import { startEc2Endpoint, type Ec2Endpoint } from '../../../support/ec2-endpoint';
import { LARGE_FILE_LINES, writeLargeJsonLines } from '../../../support/large-json-lines';
import { mountSmallDisk, type SmallDisk } from '../../../support/small-disk';
import { temporaryFolder } from '../../../support/temporary-folder';

const OWNER = '111122223333';
const IDS = [
  'i-0000000000000d001',
  'i-0000000000000d002',
  'i-0000000000000d003',
  'i-0000000000000d004',
];

const written = (instanceId: string): ConfirmationResult => ({
  instanceId,
  productCode: 'abc123',
  region: 'us-east-1',
  regionSource: 'flag',
  claimedAccount: null,
  ownerId: OWNER,
  verdict: 'confirmed',
  error: null,
  requestId: 'req-1',
  checkedAt: '2026-11-23T10:00:00.000Z',
  profile: 'seller',
});

describe('batch results: nothing lost, nothing sent twice', function () {
  this.timeout(120_000);
  let sandbox: AwsSandbox;
  let endpoint: Ec2Endpoint;
  let list: string;

  before(async () => {
    sandbox = awsSandbox({
      config: '[profile seller]\nregion = us-east-1\n',
      credentials: staticProfile('seller'),
    });
    endpoint = await startEc2Endpoint({ defaultScenario: { kind: 'attached', ownerId: OWNER } });
    list = join(sandbox.dir, 'ids.txt');
    writeFileSync(list, `${IDS.join('\n')}\n`);
  });
  after(async () => {
    sandbox.restore();
    await endpoint.stop();
  });

  const batch = (out: string, audit = join(sandbox.dir, 'audit.jsonl')) =>
    runCli(
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
      audit,
    );
  const asked = (from: number) =>
    endpoint.calls
      .slice(from)
      .filter((c) => c.action === 'ConfirmProductInstance')
      .map((c) => c.instanceId);

  it('a run on a link to the results file (or through a linked folder, or a link to a file not yet written) finds the first run holding it', async () => {
    const folder = join(sandbox.dir, 'real-folder');
    mkdirSync(folder);
    symlinkSync(folder, join(sandbox.dir, 'linked-folder'));
    const target = join(folder, 'results.jsonl');
    symlinkSync(target, join(sandbox.dir, 'link.jsonl'));
    symlinkSync('real-folder/results.jsonl', join(sandbox.dir, 'relative-link.jsonl'));
    const spellings = [
      join(sandbox.dir, 'link.jsonl'),
      join(sandbox.dir, 'relative-link.jsonl'),
      join(sandbox.dir, 'linked-folder', 'results.jsonl'),
      target,
    ];
    for (const [first, second] of [
      [target, spellings[0]],
      [spellings[0], target],
      [spellings[1], spellings[2]],
      [spellings[2], spellings[1]],
    ]) {
      // The first run holds the file (this process is alive); the target is not written yet.
      const lock = await lockResults(first);
      try {
        const from = endpoint.calls.length;
        const run = await batch(second);
        assert.equal(run.code, 2, `${first} then ${second}: ${run.err}`);
        assert.match(run.err, /is in use by pid \d+/);
        assert.deepEqual(asked(from), [], 'nothing sent beside the first run');
      } finally {
        await lock.release();
      }
    }
    assert.ok(!existsSync(target), 'nothing written');
    assert.equal(
      statSync(join(sandbox.dir, 'link.jsonl'), { throwIfNoEntry: false }),
      undefined,
      'the link still points at nothing',
    );
  });

  it('a resumed run rewrites the real file, leaving the link a link', async () => {
    const target = join(sandbox.dir, 'rewritten.jsonl');
    const link = join(sandbox.dir, 'rewritten-link.jsonl');
    symlinkSync(target, link);
    writeFileSync(
      target,
      `${JSON.stringify(written(IDS[0]))}\n${JSON.stringify({ ...written(IDS[1]), verdict: 'error', error: { kind: 'throttled', code: 'Throttling', message: 'slow down' } })}\n`,
    );
    const run = await batch(link);
    assert.equal(run.code, 0, run.err);
    assert.deepEqual(
      readFileSync(target, 'utf8')
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as ConfirmationResult).instanceId)
        .sort(),
      IDS,
    );
    assert.ok(lstatSync(link).isSymbolicLink(), 'still a link to the file');
  });

  it('asks again every line the product could not have written (no owner, no time, no request id), and names it', async () => {
    const out = join(sandbox.dir, 'hand-edited.jsonl');
    const { ownerId: _owner, ...noOwner } = written(IDS[1]);
    const { checkedAt: _time, ...noTime } = written(IDS[2]);
    writeFileSync(
      out,
      [
        written(IDS[0]),
        { instanceId: IDS[1], productCode: 'abc123', verdict: 'confirmed' },
        { ...noOwner, verdict: 'owner-mismatch' },
        noTime,
        { ...written(IDS[3]), requestId: null },
      ]
        .map((r) => `${JSON.stringify(r)}\n`)
        .join(''),
    );
    const from = endpoint.calls.length;
    const run = await batch(out);
    assert.equal(run.code, 0, run.err);
    assert.deepEqual(
      asked(from).sort(),
      IDS.slice(1),
      'only the line the product wrote is trusted',
    );
    assert.match(
      run.err,
      /line 2 is not a result this product writes, so it is asked again: "region" is missing/,
    );
    assert.match(run.err, /line 3 .*"ownerId" is missing/);
    assert.match(run.err, /line 4 .*"checkedAt" is missing \(it must be an ISO 8601 time\)/);
    assert.match(run.err, /line 5 .*"requestId" must be AWS's request id/);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    assert.equal(lines.length, 4);
    for (const line of lines) assert.equal(resultProblem(JSON.parse(line)), undefined, line);
  });

  describe('on a full disk (a 64 KB tmpfs)', () => {
    let disk: SmallDisk;
    beforeEach(() => {
      disk = mountSmallDisk();
    });
    afterEach(() => disk.remove());

    it('no room for the lock: says the disk is full, sends nothing, leaves no lock behind', async () => {
      disk.fill();
      const from = endpoint.calls.length;
      const run = await batch(join(disk.dir, 'results.jsonl'));
      assert.equal(run.code, 1, run.err);
      assert.match(
        run.err,
        /the results file cannot be written: .*results\.jsonl\.lock: the disk is full\. Nothing more is sent: free space/,
      );
      assert.doesNotMatch(run.err, /\n\s+at /, 'no stack trace');
      assert.deepEqual(asked(from), []);
      disk.free();
      assert.deepEqual(readdirSync(disk.dir), [], 'no empty lock left for the next run to wait on');
    });

    it('no room for the results: stops, says how many answers are not in the file, and a re-run after freeing space finishes', async () => {
      disk.fill(1); // one page: the lock's
      const out = join(disk.dir, 'results.jsonl');
      const audit = join(sandbox.dir, 'full-disk-audit.jsonl');
      const run = await batch(out, audit);
      assert.equal(run.code, 1, run.err);
      assert.match(
        run.err,
        /the results file cannot be written: .*results\.jsonl: the disk is full\. The run stopped; \d+ answered but not in it \(the audit log has them\)/,
      );
      assert.doesNotMatch(run.err, /\n\s+at /, 'no stack trace');
      assert.ok(readFileSync(audit, 'utf8').includes(IDS[0]), 'the answers are in the audit log');
      disk.free();
      const again = await batch(out, audit);
      assert.equal(again.code, 0, again.err);
      assert.equal(readFileSync(out, 'utf8').trim().split('\n').length, IDS.length);
    });
  });

  describe('a results file larger than a string can hold (over 512 MB)', () => {
    const tmp = temporaryFolder('support-desk-results-big-');

    it('is read line by line and rewritten to its final answers', async () => {
      const out = join(tmp(), 'results.jsonl');
      writeLargeJsonLines(out, written(IDS[0]), written(IDS[1]));
      assert.ok(statSync(out).size > 2 ** 29, 'larger than the longest string V8 holds');
      const prior = await resumeResults(out);
      assert.deepEqual(
        [...prior.final].map((key) => key.split('\t')[0]),
        IDS.slice(0, 2),
      );
      assert.equal(prior.dropped, LARGE_FILE_LINES - 1);
      assert.equal(readFileSync(out, 'utf8').trim().split('\n').length, 2);
    });
  });
});
