// The local endpoint is only worth its tests if AWS's own client agrees with it: the AWS CLI
// (botocore) parses its replies into the same answers our SDK client gets.
import * as assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { confirmInstance } from '../../../src/aws';
import { awsSandbox, staticProfile, type AwsSandbox } from '../../support/aws-env';
import {
  DEMO_OTHER_OWNER,
  DEMO_OWNER,
  startEc2Endpoint,
  type Ec2Endpoint,
} from '../../support/ec2-endpoint';

const run = promisify(execFile);

describe('local EC2 endpoint, checked with the AWS CLI', function () {
  this.timeout(60_000);
  let endpoint: Ec2Endpoint;
  let sandbox: AwsSandbox;
  before(async () => {
    endpoint = await startEc2Endpoint({
      instances: {
        'i-0000000000000b001': { kind: 'attached', ownerId: DEMO_OWNER },
        'i-0000000000000b003': { kind: 'not-attached' },
        'i-0000000000000b005': { kind: 'unauthorized' },
      },
    });
    sandbox = awsSandbox({ credentials: staticProfile('default') });
  });
  after(async () => {
    sandbox.restore();
    await endpoint.stop();
  });

  async function awsCli(
    ...args: string[]
  ): Promise<{ code: number; stdout: string; stderr: string }> {
    try {
      const { stdout, stderr } = await run(
        'aws',
        ['--endpoint-url', endpoint.url, '--region', 'us-east-1', '--output', 'json', ...args],
        {
          env: { ...process.env, ...sandbox.env },
        },
      );
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  }

  it('answers ConfirmProductInstance as the AWS CLI and our SDK client both read it', async () => {
    const cases: [string, object, string][] = [
      ['i-0000000000000b001', { Return: true, OwnerId: DEMO_OWNER }, 'confirmed'],
      ['i-0000000000000b003', { Return: false }, 'not-attached'],
    ];
    for (const [instanceId, expected, verdict] of cases) {
      const cli = await awsCli(
        'ec2',
        'confirm-product-instance',
        '--instance-id',
        instanceId,
        '--product-code',
        'abc123',
      );
      assert.equal(cli.code, 0, cli.stderr);
      assert.deepEqual(JSON.parse(cli.stdout), expected);
      const ours = await confirmInstance(
        { instanceId, productCode: 'abc123' },
        { region: 'us-east-1', endpointUrl: endpoint.url },
      );
      assert.equal(ours.verdict, verdict);
    }
    assert.ok(
      endpoint.calls.every((c) => c.region === 'us-east-1'),
      'the region comes from the signature scope',
    );
  });

  it('returns errors the AWS CLI reports by their EC2 code', async () => {
    for (const [instanceId, code] of [
      ['i-0000000000000b004', 'InvalidInstanceID.NotFound'],
      ['i-0000000000000b005', 'UnauthorizedOperation'],
      ['i-XYZ', 'InvalidInstanceID.Malformed'],
    ]) {
      const cli = await awsCli(
        'ec2',
        'confirm-product-instance',
        '--instance-id',
        instanceId,
        '--product-code',
        'abc123',
      );
      assert.notEqual(cli.code, 0);
      assert.match(cli.stderr, new RegExp(`\\(${code.replace('.', '\\.')}\\)`));
    }
  });

  it('lists regions with DescribeRegions as the AWS CLI reads them', async () => {
    const cli = await awsCli('ec2', 'describe-regions');
    const names = (JSON.parse(cli.stdout) as { Regions: { RegionName: string }[] }).Regions.map(
      (r) => r.RegionName,
    );
    assert.ok(names.includes('eu-west-1') && names.length === 8, cli.stdout);
  });

  it('runs from the command line, prints its URL and stops when stdin closes', async () => {
    const script = join(__dirname, '..', '..', 'support', 'ec2-endpoint.js');
    const child = spawn(process.execPath, [script, '--port', '0', '--max-seconds', '30'], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    const url = await new Promise<string>((resolve) =>
      child.stdout.once('data', (d: Buffer) => resolve(d.toString().trim())),
    );
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const cli = await run(
      'aws',
      [
        '--endpoint-url',
        url,
        '--region',
        'us-east-1',
        '--output',
        'json',
        'ec2',
        'confirm-product-instance',
        '--instance-id',
        'i-00000000000000002',
        '--product-code',
        'abc',
      ],
      { env: { ...process.env, ...sandbox.env } },
    );
    assert.deepEqual(JSON.parse(cli.stdout), { Return: true, OwnerId: DEMO_OTHER_OWNER });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.stdin.end();
    assert.equal(await exited, 0);
  });
});
