// Issue 8, item 8: an audit log that cannot be written must not hide the verdict. `confirm` and
// `confirm-batch` print every answer, then "the audit write failed: PATH: REASON", and exit 3; no
// stack trace. Tests run as root, so "cannot be written" is a folder, a path under a file, or /proc.
import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AuditLog, AuditWriteError, auditEntryFor } from '../../../../src/core/audit/audit';
import type { ConfirmationResult } from '../../../../src/core/confirmations/confirmation';
import { ANSWERS, exitRecorded } from '../../../../src/cli/audit-record';
import { EXIT } from '../../../../src/cli/usage';
import { awsSandbox, staticProfile, type AwsSandbox } from '../../../support/aws-env';
import { runCli, type CliOutput } from '../../../support/cli-in-process';
import { startEc2Endpoint, type Ec2Endpoint } from '../../../support/ec2-endpoint';

const OWNER = '111122223333';
const result: ConfirmationResult = {
  instanceId: 'i-0000000000000e001',
  productCode: 'abc123',
  region: 'us-east-1',
  claimedAccount: null,
  ownerId: OWNER,
  verdict: 'confirmed',
  error: null,
  requestId: 'req-1',
  checkedAt: '2026-11-23T10:00:00.000Z',
  profile: 'seller',
};

describe('audit write failure: the answer is printed, the failure named, exit 3', function () {
  this.timeout(30_000);
  let sandbox: AwsSandbox;
  let endpoint: Ec2Endpoint;
  /** Audit paths no write can succeed on, even as root, with the reason each must be given. */
  let unwritable: [path: string, reason: RegExp][];

  before(async () => {
    sandbox = awsSandbox({
      config: '[profile seller]\nregion = us-east-1\n',
      credentials: staticProfile('seller'),
    });
    endpoint = await startEc2Endpoint({
      instances: {
        'i-0000000000000e001': { kind: 'attached', ownerId: OWNER },
        'i-0000000000000e002': { kind: 'not-attached' },
      },
    });
    const folder = join(sandbox.dir, 'audit-folder');
    mkdirSync(folder);
    const file = join(sandbox.dir, 'plain-file');
    writeFileSync(file, '');
    unwritable = [
      [folder, /it is a folder, not a file/],
      [join(file, 'audit.jsonl'), /a part of the path is a file, not a folder/],
      ['/proc/support-desk-audit.jsonl', /no file can be created there/],
    ];
  });
  after(async () => {
    sandbox.restore();
    await endpoint.stop();
  });

  const confirm = (instanceId: string, audit: string, ...more: string[]): Promise<CliOutput> =>
    runCli(
      'confirm',
      '--instance-id',
      instanceId,
      '--product-code',
      'abc123',
      '--profile',
      'seller',
      '--endpoint-url',
      endpoint.url,
      '--audit',
      audit,
      ...more,
    );

  it('names the path and the reason in an AuditWriteError', async () => {
    for (const [path, reason] of unwritable) {
      const error = await new AuditLog(path).append(result).then(
        () => undefined,
        (e: unknown) => e,
      );
      assert.ok(error instanceof AuditWriteError, `${path}: ${String(error)}`);
      assert.equal(error.path, path);
      assert.match(error.reason, reason);
    }
  });

  it('tryAppend never rejects: undefined when recorded, else "the audit write failed: PATH: REASON"', async () => {
    const path = join(sandbox.dir, 'state', 'try-append.jsonl');
    assert.equal(await new AuditLog(path).tryAppend(auditEntryFor(result)), undefined);
    assert.equal((await new AuditLog(path).read()).length, 1);
    for (const [path, reason] of unwritable) {
      const problem = await new AuditLog(path).tryAppend(auditEntryFor(result));
      assert.match(
        problem ?? '',
        new RegExp(`^the audit write failed: ${path.replace(/[.]/g, '\\.')}: ${reason.source}$`),
      );
    }
  });

  it('keeps the exit code the answers earned when the write succeeds, else says so and turns 0 and 1 into 3 (2 stays)', async () => {
    const ok = await new AuditLog(join(sandbox.dir, 'state', 'audit.jsonl')).tryAppend(
      auditEntryFor(result),
    );
    assert.equal(
      exitRecorded(EXIT.ok, [ok], { out: assert.fail, err: assert.fail }, ANSWERS),
      EXIT.ok,
    );
    const failedLog = new AuditLog(unwritable[0][0]);
    const failed = [
      await failedLog.tryAppend(auditEntryFor(result)),
      await failedLog.tryAppend(auditEntryFor(result)),
    ];
    const said: string[] = [];
    const io = { out: assert.fail, err: (t: string) => said.push(t) };
    assert.deepEqual(
      [
        exitRecorded(EXIT.ok, failed, io, ANSWERS),
        exitRecorded(EXIT.notDone, failed, io, ANSWERS),
        exitRecorded(EXIT.usage, failed, io, ANSWERS),
      ],
      [3, 3, 2],
    );
    assert.match(
      said[0],
      new RegExp(
        `^the audit write failed: ${unwritable[0][0]}: it is a folder, not a file\\. .*2 answers are not in the audit log: point --audit`,
      ),
    );
  });

  it('confirm prints the verdict, then the audit write failure with its path and reason, and exits 3', async () => {
    for (const [path, reason] of unwritable) {
      for (const instanceId of ['i-0000000000000e001', 'i-0000000000000e002']) {
        const run = await confirm(instanceId, path);
        assert.equal(run.code, 3, `${path}: ${run.out}${run.err}`);
        assert.match(
          run.out,
          instanceId.endsWith('1') ? /Verdict: +confirmed/ : /Verdict: +not-attached/,
        );
        assert.match(
          run.err,
          new RegExp(`the audit write failed: ${path.replace(/[.]/g, '\\.')}: ${reason.source}`),
        );
        assert.doesNotMatch(run.out + run.err, /\n\s+at /, 'no stack trace');
      }
    }
    const json = await confirm('i-0000000000000e001', unwritable[0][0], '--json');
    assert.equal(json.code, 3);
    assert.equal((JSON.parse(json.out) as ConfirmationResult).verdict, 'confirmed');
  });

  it('confirm-batch writes every result, then says the audit write failed and exits 3', async () => {
    const input = join(sandbox.dir, 'instances.txt');
    writeFileSync(input, 'i-0000000000000e001\ni-0000000000000e002\n');
    const out = join(sandbox.dir, 'results.jsonl');
    const run = await runCli(
      'confirm-batch',
      input,
      '--out',
      out,
      '--product-code',
      'abc123',
      '--profile',
      'seller',
      '--endpoint-url',
      endpoint.url,
      '--audit',
      unwritable[0][0],
    );
    assert.equal(run.code, 3, run.err);
    assert.equal(
      readFileSync(out, 'utf8').trim().split('\n').length,
      2,
      'both answers are in the results file',
    );
    assert.match(
      run.err,
      /the audit write failed: .*audit-folder: it is a folder, not a file\. .*2 answers are not in the audit log/,
    );
    assert.doesNotMatch(run.err, /\n\s+at /, 'no stack trace');
  });
});
