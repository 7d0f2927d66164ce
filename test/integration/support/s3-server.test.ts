// The local S3 server is only worth its tests if AWS's own client agrees with it: the AWS CLI
// (botocore) lists, pages and downloads from it, and reads its refusals (AccessDenied, a bucket in
// another region) the way it reads S3's.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { awsSandbox, staticProfile, type AwsSandbox } from '../../support/aws-env';
import { startS3Server, type S3Server } from '../../support/s3-server';

const run = promisify(execFile);

describe('local S3 server (s3rver), checked with the AWS CLI', function () {
  this.timeout(120_000);
  let server: S3Server;
  let sandbox: AwsSandbox;
  const many: Record<string, string> = {};
  for (let i = 0; i < 1010; i++)
    many[`daily/report_${String(i).padStart(4, '0')}_2026-11-22.csv`] = `line ${i}\n`;

  before(async () => {
    server = await startS3Server();
    sandbox = awsSandbox({ credentials: staticProfile('default') });
    await server.put('team-reports', {
      ...many,
      'daily/notes.txt': 'not a report',
      'gz/report.csv.gz': Buffer.from([0x1f, 0x8b, 8, 0]),
    });
  });
  after(async () => {
    sandbox.restore();
    await server.stop();
  });

  async function awsCli(
    ...args: string[]
  ): Promise<{ code: number; stdout: string; stderr: string }> {
    try {
      const { stdout, stderr } = await run(
        'aws',
        ['--endpoint-url', server.url, '--region', 'us-east-1', ...args],
        {
          env: { ...process.env, ...sandbox.env },
          maxBuffer: 1 << 24,
        },
      );
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  }

  it('lists past 1,000 keys as `aws s3 ls` pages them (ListObjectsV2 continuation tokens)', async () => {
    const cli = await awsCli('s3', 'ls', 's3://team-reports/daily/');
    assert.equal(cli.code, 0, cli.stderr);
    const keys = cli.stdout
      .trim()
      .split('\n')
      .map((line) => line.trim().split(/\s+/).at(-1));
    assert.equal(keys.length, 1011);
    assert.equal(new Set(keys).size, 1011, 'no key listed twice across pages');
    assert.ok(keys.includes('report_1009_2026-11-22.csv') && keys.includes('notes.txt'));
    const pages = server.requests.filter((r) => r.method === 'GET' && r.path === '/team-reports');
    assert.ok(pages.length >= 2, `${pages.length} listing request(s)`);
  });

  it("gives an object's bytes to `aws s3 cp` as they were put", async () => {
    const cli = await awsCli('s3', 'cp', 's3://team-reports/daily/report_0007_2026-11-22.csv', '-');
    assert.equal(cli.code, 0, cli.stderr);
    assert.equal(cli.stdout, 'line 7\n');
  });

  it("refuses a denied key with AccessDenied, as the AWS CLI reads S3's refusal", async () => {
    server.denied.get.add('team-reports/daily/report_0001');
    try {
      const cli = await awsCli(
        's3api',
        'get-object',
        '--bucket',
        'team-reports',
        '--key',
        'daily/report_0001_2026-11-22.csv',
        '/dev/null',
      );
      assert.notEqual(cli.code, 0);
      assert.match(
        cli.stderr,
        /\(AccessDenied\) when calling the GetObject operation: Access Denied/,
      );
    } finally {
      server.denied.get.clear();
    }
  });

  it("answers a request signed for another region with PermanentRedirect and the bucket's region", async () => {
    server.regions.set('team-reports', 'eu-west-1');
    try {
      const cli = await awsCli(
        's3api',
        'list-objects-v2',
        '--bucket',
        'team-reports',
        '--max-items',
        '1',
        '--debug',
      );
      // botocore reads the bucket's region from the answer and asks again there (its S3 region redirector).
      assert.match(cli.stderr, /PermanentRedirect|x-amz-bucket-region/);
      assert.match(cli.stderr, /eu-west-1/);
      assert.ok(
        server.requests.some((r) => r.path === '/team-reports' && r.region === 'eu-west-1'),
        'the AWS CLI asked again, signed for eu-west-1',
      );
    } finally {
      server.regions.clear();
    }
  });
});
