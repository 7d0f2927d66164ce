// Reports in S3 through the built CLI (dist/cli.js) against a local S3 server: listing pages, gzip,
// problems named s3://bucket/key:line, refusals that say what to do, a download cut mid-stream, and
// the same verdicts as from a local copy of the same files.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { awsSandbox, staticProfile, type AwsSandbox } from '../../support/aws-env';
import { REPO_ROOT, runBuiltCli, type CliRun } from '../../support/built-cli';
import { startEc2Endpoint } from '../../support/ec2-endpoint';
import { startS3Server, type S3Server } from '../../support/s3-server';

const BASIC = join(REPO_ROOT, 'test', 'fixtures', 'reports', 'basic');
const AS_OF = '2026-11-22';
const HEADER =
  '"Customer AWS Account Number","Product Title","Product Id","Product Code","Last Usage Date","Report Date","Subscription Start Date"';

/** A one-row subscriber report for account number `i`. */
function smallReport(i: number): string {
  return `${HEADER}\n"${String(100000000000 + i)}","Ubuntu Pro 22.04 LTS","prod-5qwz3vsg4kbfw","8a2kq9xw3vbn7m4c1zt6ry5pd","2026-11-20","2026-11-22","2025-02-14"\n`;
}

/** A report of `rows` rows, large enough that a download can be cut part-way. */
function bigReport(rows: number): string {
  const lines = [HEADER];
  for (let i = 0; i < rows; i++)
    lines.push(
      `"${String(200000000000 + i)}","Ubuntu Pro 22.04 LTS","prod-5qwz3vsg4kbfw","8a2kq9xw3vbn7m4c1zt6ry5pd","2026-11-20","2026-11-22","2025-02-14"`,
    );
  return `${lines.join('\n')}\n`;
}

interface InspectJson {
  files: { path: string; format: string | null; rows: number; kept: number; notAReport?: string }[];
  subscriptions: number;
  accounts: number;
  problems: { file: string; line: number; severity: string; message: string }[];
}

describe('reports in S3, through the CLI', function () {
  this.timeout(180_000);
  let server: S3Server;
  let sandbox: AwsSandbox;
  let env: NodeJS.ProcessEnv;

  before(async () => {
    server = await startS3Server();
    sandbox = awsSandbox({
      credentials: staticProfile('default') + staticProfile('stranger', 'AKIAI44QH8DHBEXAMPLE'),
      config: '[default]\nregion = us-east-1\n',
    });
    env = { ...process.env, ...sandbox.env, AWS_ENDPOINT_URL_S3: server.url };
    const basic = Object.fromEntries(
      readdirSync(BASIC).map((name) => [`basic/${name}`, readFileSync(join(BASIC, name))]),
    );
    const many = Object.fromEntries(
      Array.from({ length: 1005 }, (_, i) => [
        `many/customer_subscriber_report_${String(i).padStart(4, '0')}_2026-11-22.csv`,
        smallReport(i),
      ]),
    );
    await server.put('team-reports', {
      ...basic,
      ...many,
      'gz/customer_subscriber_report_2026-11-22.csv.gz': gzipSync(
        readFileSync(join(BASIC, 'customer_subscriber_report_2026-11-22.csv')),
      ),
      'big/customer_subscriber_report_2026-11-22.csv': bigReport(20_000),
      'nested/2026/11/customer_subscriber_report_2026-11-22.csv': smallReport(1),
    });
  });
  after(async () => {
    sandbox.restore();
    await server.stop();
  });

  const cli = (...args: string[]): Promise<CliRun> => runBuiltCli(args, { env });
  const inspect = async (...paths: string[]): Promise<{ run: CliRun; json: InspectJson }> => {
    const run = await cli('report', 'inspect', ...paths, '--json');
    return { run, json: JSON.parse(run.stdout || '{}') as InspectJson };
  };

  it('reads every report under a prefix of more than 1,000 keys (listing pages)', async () => {
    const { run, json } = await inspect('s3://team-reports/many/');
    assert.equal(run.code, 0, run.stderr);
    assert.equal(json.files.length, 1005);
    assert.equal(json.accounts, 1005);
    assert.equal(
      json.files[1004].path,
      's3://team-reports/many/customer_subscriber_report_1004_2026-11-22.csv',
    );
  });

  it('reads a gzipped report object as a stream', async () => {
    const { run, json } = await inspect(
      's3://team-reports/gz/customer_subscriber_report_2026-11-22.csv.gz',
    );
    const local = await runBuiltCli(
      ['report', 'inspect', join(BASIC, 'customer_subscriber_report_2026-11-22.csv'), '--json'],
      { env },
    );
    assert.equal(run.code, 0, run.stderr);
    const plain = JSON.parse(local.stdout) as InspectJson;
    assert.equal(json.files[0].format, plain.files[0].format);
    assert.equal(json.files[0].kept, plain.files[0].kept);
    assert.ok(json.files[0].kept > 0);
  });

  it("names a bad row's problem s3://bucket/key:line, in text and JSON", async () => {
    const key = 's3://team-reports/basic/customer_subscriber_report_2026-11-22.csv';
    const { json } = await inspect(key);
    const local = JSON.parse(
      (
        await runBuiltCli(
          ['report', 'inspect', join(BASIC, 'customer_subscriber_report_2026-11-22.csv'), '--json'],
          { env },
        )
      ).stdout,
    ) as InspectJson;
    assert.ok(local.problems.length > 0, 'the fixture has bad rows');
    assert.deepEqual(
      json.problems.map((p) => `${p.file}:${p.line}: ${p.message}`),
      local.problems.map((p) => `${key}:${p.line}: ${p.message}`),
    );
    const text = await cli('report', 'inspect', key);
    assert.match(
      text.stdout,
      new RegExp(`${key.replace(/[.]/g, '\\.')}:${local.problems[0].line}: `),
    );
  });

  it('reads the reports one level down when a prefix has none of its own, and says so', async () => {
    const { run, json } = await inspect('s3://team-reports/nested/2026/');
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(
      json.files.map((f) => f.path),
      ['s3://team-reports/nested/2026/11/customer_subscriber_report_2026-11-22.csv'],
    );
    assert.match(json.problems[0].message, /one level down/);
  });

  it('gives the same verdicts from S3 as from a local copy of the same files', async () => {
    for (const account of [
      '111122223333',
      '444455556666',
      '210987654321',
      '314159265358',
      '271828182845',
      '999999999999',
    ]) {
      const fromS3 = await cli(
        'lookup',
        account,
        '--reports',
        's3://team-reports/basic/',
        '--as-of',
        AS_OF,
        '--json',
      );
      const fromDisk = await cli('lookup', account, '--reports', BASIC, '--as-of', AS_OF, '--json');
      assert.equal(fromS3.code, fromDisk.code, fromS3.stderr);
      // Files are named by path (local) or URL (S3); a reason names a local report by its file name and an
      // S3 object by its URL (sharedName). Without where each lives, the answers are the same.
      const placeless = (out: string, where: string) => JSON.parse(out.split(where).join(''));
      assert.deepEqual(
        placeless(fromS3.stdout, 's3://team-reports/basic/'),
        placeless(fromDisk.stdout, `${BASIC}/`),
        `account ${account}`,
      );
    }
  });

  it('mixes local paths and S3 URLs in one --reports', async () => {
    const run = await cli(
      'lookup',
      '100000000003',
      '--reports',
      BASIC,
      's3://team-reports/many/customer_subscriber_report_0003_2026-11-22.csv',
      '--as-of',
      AS_OF,
      '--json',
    );
    assert.equal(run.code, 0, run.stderr);
    const out = JSON.parse(run.stdout) as {
      verdict: string;
      subscriptions: { reasons: string[] }[];
    };
    assert.equal(out.verdict, 'eligible');
    assert.match(
      out.subscriptions[0].reasons.join(' '),
      /s3:\/\/team-reports\/many\/customer_subscriber_report_0003_2026-11-22\.csv:2/,
    );
  });

  it('says which IAM action is missing when the listing or an object is denied', async () => {
    server.denied.list.add('team-reports');
    try {
      const run = await cli('report', 'inspect', 's3://team-reports/basic/');
      assert.equal(run.code, 2);
      assert.match(
        run.stderr,
        /access denied to s3:\/\/team-reports\/basic\/ \(AccessDenied\): the profile's role needs IAM permission s3:ListBucket on arn:aws:s3:::team-reports/,
      );
    } finally {
      server.denied.list.clear();
    }
    server.denied.get.add('team-reports/basic/customer_subscriber_report_2026-11-21');
    try {
      const { json } = await inspect('s3://team-reports/basic/');
      const denied = json.problems.find(
        (p) => p.file === 's3://team-reports/basic/customer_subscriber_report_2026-11-21.csv',
      );
      assert.match(
        denied?.message ?? '',
        /IAM permission s3:GetObject on arn:aws:s3:::team-reports\/basic\/\*/,
      );
      assert.equal(json.files.find((f) => f.path.endsWith('2026-11-21.csv'))?.kept, 0);
      assert.ok(
        json.files.some((f) => f.kept > 0),
        'the other reports are still read',
      );
    } finally {
      server.denied.get.clear();
    }
  });

  // Issue 17, item 13 (s3-bucket-region-vs-instance-region): S3 names the bucket's region in its 301, and
  // the calls are signed again for it, as the AWS CLI does; --region stays the instance's for confirm.
  it('reads a bucket in another region in its own region, whatever --region says, as the AWS CLI does', async () => {
    server.regions.set('team-reports', 'eu-west-1');
    const ec2 = await startEc2Endpoint({
      instances: {
        'i-0a1b2c3d4e5f60718': {
          kind: 'attached',
          ownerId: '444455556666',
          region: 'ap-southeast-2',
        },
      },
    });
    try {
      server.requests.length = 0;
      const { run, json } = await inspect('s3://team-reports/basic/');
      assert.equal(run.code, 0, run.stderr);
      assert.ok(json.subscriptions > 0, run.stdout);
      assert.ok(
        server.requests.some(
          (r) => r.region === 'eu-west-1' && r.path.startsWith('/team-reports/basic/'),
        ),
        'no object was read signed for the bucket’s region',
      );
      const confirm = await cli(
        'confirm',
        '--instance-id',
        'i-0a1b2c3d4e5f60718',
        '--product-id',
        'prod-5qwz3vsg4kbfw',
        '--reports',
        's3://team-reports/basic/',
        '--account',
        '444455556666',
        '--region',
        'ap-southeast-2',
        '--endpoint-url',
        ec2.url,
        '--json',
      );
      assert.equal(confirm.code, 0, confirm.stdout + confirm.stderr);
      const r = JSON.parse(confirm.stdout) as {
        verdict: string;
        region: string;
        productCode: string;
      };
      assert.deepEqual(
        [r.verdict, r.region, r.productCode],
        ['confirmed', 'ap-southeast-2', '8a2kq9xw3vbn7m4c1zt6ry5pd'],
      );
      assert.deepEqual(
        ec2.calls.map((c) => c.region),
        ['ap-southeast-2'],
        'EC2 was asked elsewhere than --region',
      );
    } finally {
      server.regions.clear();
      await ec2.stop();
    }
  });

  it('says what to do for a bucket that does not exist and for keys S3 does not accept', async () => {
    const missing = await cli('report', 'inspect', 's3://no-such-team/');
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /bucket no-such-team does not exist \(NoSuchBucket\)/);
    const stranger = await cli(
      'report',
      'inspect',
      's3://team-reports/basic/',
      '--profile',
      'stranger',
    );
    assert.equal(stranger.code, 2);
    assert.match(
      stranger.stderr,
      /AWS did not accept the keys of profile "stranger".*aws configure --profile stranger/,
    );
    const bad = await cli('report', 'inspect', 's3://Not_A_Bucket/x.csv');
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /does not name an S3 bucket/);
  });

  it("reads the endpoint from the profile's services section, path-style", async () => {
    sandbox.write({
      config: `[default]\nregion = us-east-1\n\n[profile team]\nregion = us-east-1\nservices = local-s3\n\n[services local-s3]\ns3 =\n  endpoint_url = ${server.url}\n`,
      credentials: staticProfile('default') + staticProfile('team'),
    });
    try {
      const before = server.requests.length;
      const run = await runBuiltCli(
        ['report', 'inspect', 's3://team-reports/basic/', '--profile', 'team', '--json'],
        {
          env: { ...process.env, ...sandbox.env },
        },
      );
      assert.equal(run.code, 0, run.stderr);
      assert.ok(
        server.requests.slice(before).some((r) => r.path.startsWith('/team-reports')),
        'path-style requests reached the server',
      );
    } finally {
      sandbox.write({
        config: '[default]\nregion = us-east-1\n',
        credentials: staticProfile('default') + staticProfile('stranger', 'AKIAI44QH8DHBEXAMPLE'),
      });
    }
  });

  it('takes no partial report as whole when the server stops mid-stream', async () => {
    const stalled = server.stallAfter(
      'team-reports',
      'big/customer_subscriber_report_2026-11-22.csv',
      300_000,
    );
    const running = runBuiltCli(['report', 'inspect', 's3://team-reports/big/', '--json'], { env });
    await stalled;
    await server.stop();
    const run = await running;
    const json = JSON.parse(run.stdout || '{}') as InspectJson;
    assert.equal(json.files.length, 1, run.stderr);
    assert.equal(json.files[0].kept, 0, 'none of the rows before the cut are used');
    assert.equal(json.subscriptions, 0);
    assert.match(json.problems[0].message, /broke off after \d+ bytes.*cannot reach S3/);
    assert.equal(
      json.problems[0].file,
      's3://team-reports/big/customer_subscriber_report_2026-11-22.csv',
    );
  });
});
