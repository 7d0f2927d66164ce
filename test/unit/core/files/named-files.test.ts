// Issue 17, item 8: files named on the command line or by the environment are read with a bound, and
// what is not a regular file is refused at once: `--pkcs7 /dev/zero` and `--field x=@/dev/zero` read
// until memory ran out, and a FIFO (`--field x=@FIFO`, the playbook, AWS_CONFIG_FILE, a batch's list)
// hung the command for ever.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPlaybook, defaultPlaybook } from '../../../../src/core/playbook/load';
import { NamedFileError, readNamedFile } from '../../../../src/core/files/named-file';
import { awsSandbox, type AwsSandbox } from '../../../support/aws-env';
import { runCli } from '../../../support/cli-in-process';

describe('named files: bounded, and only regular files', function () {
  // A FIFO that is waited on never returns: the bound on time is the test's.
  this.timeout(10_000);
  let dir: string;
  let fifo: string;
  let sandbox: AwsSandbox;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'support-desk-named-files-'));
    fifo = join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    sandbox = awsSandbox();
  });
  after(() => {
    sandbox.restore();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A sparse file of `bytes` bytes: as big as it says, without writing them. */
  const sparse = (name: string, bytes: number) => {
    const path = join(dir, name);
    writeFileSync(path, '');
    truncateSync(path, bytes);
    return path;
  };

  it('refuses a device, a FIFO and a folder before reading, and a file over the limit by its size', async () => {
    const refused = async (path: string, bytes = 1024) =>
      readNamedFile(path, { bytes, what: 'a test file' }).then(
        () => assert.fail(`${path} was read`),
        (e: unknown) => {
          assert.ok(e instanceof NamedFileError, String(e));
          return [e.code, e.reason];
        },
      );
    assert.deepEqual(await refused('/dev/zero'), [
      'ENOTREG',
      'it is a device, not a regular file: give the path of a file',
    ]);
    assert.deepEqual(await refused(fifo), [
      'ENOTREG',
      'it is a named pipe (FIFO), not a regular file: give the path of a file',
    ]);
    assert.deepEqual(await refused(dir), [
      'ENOTREG',
      'it is a folder, not a regular file: give the path of a file',
    ]);
    assert.deepEqual(await refused(sparse('big', 5 * 1024 ** 3)), [
      'EFBIG',
      'it is 5 GB, more than the 1 KB a test file may be: check that this is the right file',
    ]);
    assert.deepEqual(await refused(join(dir, 'none')), ['ENOENT', 'no such file']);
    assert.equal(
      (await readNamedFile(sparse('small', 1024), { bytes: 1024, what: 'a test file' })).length,
      1024,
    );
  });

  it('verify-identity --pkcs7 and case render --field NAME=@FILE: a device, a FIFO or a file over the limit is a usage error in words', async () => {
    const cases: [string[], RegExp][] = [
      [
        ['verify-identity', '--pkcs7', '/dev/zero'],
        /--pkcs7 \/dev\/zero: it is a device, not a regular file/,
      ],
      [
        ['verify-identity', '--pkcs7', fifo],
        /--pkcs7 .*pipe: it is a named pipe \(FIFO\), not a regular file/,
      ],
      [
        ['verify-identity', '--pkcs7', sparse('pkcs7', 2 * 1024 * 1024)],
        /it is 2 MB, more than the 1 MB an identity document or signature may be/,
      ],
      [
        ['case', 'render', 'eligibility', '--field', 'instanceId=@/dev/zero'],
        /--field @FILE \/dev\/zero: it is a device, not a regular file/,
      ],
      [
        ['case', 'render', 'eligibility', '--field', `instanceId=@${fifo}`],
        /it is a named pipe \(FIFO\), not a regular file/,
      ],
      [
        [
          'case',
          'render',
          'eligibility',
          '--field',
          `instanceId=@${sparse('log', 9 * 1024 * 1024)}`,
        ],
        /it is 9 MB, more than the 8 MB a case field may be/,
      ],
    ];
    for (const [argv, said] of cases) {
      const run = await runCli(...argv);
      assert.equal(run.code, 2, `${argv.join(' ')}: ${run.err}`);
      assert.match(run.err, said);
    }
  });

  it('a FIFO as the playbook is a problem and the default applies', async () => {
    const folder = join(dir, 'workspace', '.support-desk');
    mkdirSync(folder, { recursive: true });
    execFileSync('mkfifo', [join(folder, 'playbook.json')]);
    const loaded = await loadPlaybook(join(folder, 'playbook.json'));
    assert.match(
      loaded.problems[0].message,
      /cannot read the playbook: it is a named pipe \(FIFO\), not a regular file/,
    );
    assert.deepEqual(loaded.playbook, defaultPlaybook());
  });

  it('a FIFO as AWS_CONFIG_FILE or as the list of a batch is refused in words', async () => {
    process.env.AWS_CONFIG_FILE = fifo;
    try {
      const run = await runCli('profiles');
      assert.equal(run.code, 2, run.err);
      assert.match(
        run.err,
        /support-desk profiles: .*pipe: it is a named pipe \(FIFO\), not a regular file/,
      );
    } finally {
      process.env.AWS_CONFIG_FILE = sandbox.configFile;
    }
    const batch = await runCli(
      'confirm-batch',
      fifo,
      '--out',
      join(dir, 'results.jsonl'),
      '--product-code',
      'abc123',
    );
    assert.equal(batch.code, 2, batch.err);
    assert.match(batch.err, /pipe: it is a named pipe \(FIFO\), not a regular file/);
  });
});
