// Issue 8, item 7 (region order): the region comes from the --region flag (in VS Code, the
// supportDesk.aws.region setting), else AWS_REGION, else AWS_DEFAULT_REGION, else the profile's, as AWS's
// own tools resolve it, and its source is named in the evidence and in --json. The files and cases are
// those of ../shared/cases/region-precedence. Each case is checked against the AWS tools installed here
// that read the winning source: the AWS CLI v1 (botocore: the flag, AWS_DEFAULT_REGION, the profile; it
// ignores AWS_REGION) and the SDK for JavaScript (a client's region, AWS_REGION, the profile; it ignores
// AWS_DEFAULT_REGION). That AWS_REGION wins over AWS_DEFAULT_REGION is the AWS CLI v2's documented order.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { confirmInstance } from '../../../src/aws';
import type {
  ConfirmationResult,
  RegionSource,
} from '../../../src/core/confirmations/confirmation';
import { awsSandbox, staticProfile, type AwsSandbox } from '../../support/aws-env';
import { REPO_ROOT, runBuiltCli } from '../../support/built-cli';
import { startEc2Endpoint, type Ec2Endpoint } from '../../support/ec2-endpoint';

const run = promisify(execFile);
const INSTANCE = 'i-0000000000000c7a1';
const CONFIG = '[default]\nregion = us-east-1\n\n[profile auw2d]\nregion = us-west-2\n';
const CREDENTIALS = staticProfile('default') + staticProfile('auw2d') + staticProfile('noregion');

interface RegionCase {
  name: string;
  profile?: string;
  flag?: string;
  env: Record<string, string>;
  /** What AWS's order gives, or null for "no region". */
  expected: { region: string; source: RegionSource } | null;
}

const CASES: RegionCase[] = [
  {
    name: "AWS_REGION over the default profile's region",
    env: { AWS_REGION: 'eu-west-1' },
    expected: { region: 'eu-west-1', source: 'AWS_REGION' },
  },
  {
    name: "AWS_DEFAULT_REGION over the profile's region",
    profile: 'auw2d',
    env: { AWS_DEFAULT_REGION: 'us-east-1' },
    expected: { region: 'us-east-1', source: 'AWS_DEFAULT_REGION' },
  },
  {
    name: 'AWS_REGION over AWS_DEFAULT_REGION',
    profile: 'auw2d',
    env: { AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'us-east-2' },
    expected: { region: 'eu-west-1', source: 'AWS_REGION' },
  },
  {
    name: '--region over both variables',
    profile: 'auw2d',
    flag: 'ap-northeast-1',
    env: { AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'us-east-2' },
    expected: { region: 'ap-northeast-1', source: 'flag' },
  },
  {
    name: "the profile's region when nothing else names one",
    profile: 'auw2d',
    env: {},
    expected: { region: 'us-west-2', source: 'profile' },
  },
  { name: 'no region for a profile without one', profile: 'noregion', env: {}, expected: null },
];

/** The sources each installed AWS tool reads (null: it also says when there is no region). */
const BOTOCORE_READS: (RegionSource | null)[] = ['flag', 'AWS_DEFAULT_REGION', 'profile', null];
const JS_SDK_READS: (RegionSource | null)[] = ['flag', 'AWS_REGION', 'profile', null];

describe("region order: flag (or setting) > AWS_REGION > AWS_DEFAULT_REGION > profile, as AWS's tools", function () {
  this.timeout(60_000);
  let endpoint: Ec2Endpoint;
  let sandbox: AwsSandbox;
  before(async () => {
    endpoint = await startEc2Endpoint({
      defaultScenario: { kind: 'attached', ownerId: '111122223333' },
    });
    sandbox = awsSandbox({ config: CONFIG, credentials: CREDENTIALS });
  });
  after(async () => {
    sandbox.restore();
    await endpoint.stop();
  });

  const envFor = (c: RegionCase) => ({
    ...process.env,
    ...sandbox.env,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    SUPPORT_DESK_AUDIT: join(sandbox.dir, 'audit.jsonl'),
    ...c.env,
  });
  const options = (c: RegionCase) => [
    ...(c.profile ? ['--profile', c.profile] : []),
    ...(c.flag ? ['--region', c.flag] : []),
  ];

  /** The region the AWS CLI v1 signs its call for, or null when it refuses for want of one. */
  async function awsCliRegion(c: RegionCase): Promise<string | null> {
    const calls = endpoint.calls.length;
    try {
      await run(
        'aws',
        [
          '--endpoint-url',
          endpoint.url,
          ...options(c),
          'ec2',
          'confirm-product-instance',
          '--instance-id',
          INSTANCE,
          '--product-code',
          'abc123',
        ],
        { env: envFor(c) },
      );
    } catch (error) {
      assert.match((error as { stderr: string }).stderr, /You must specify a region/);
      return null;
    }
    return endpoint.calls.slice(calls).at(-1)?.region ?? null;
  }

  /** The region the SDK for JavaScript resolves for a client of the profile, or null when it has none. */
  async function jsSdkRegion(c: RegionCase): Promise<string | null> {
    const script = `new (require('@aws-sdk/client-ec2').EC2Client)(JSON.parse(process.argv[1])).config.region().then((r) => console.log(r), () => console.log('none'))`;
    const config = {
      ...(c.profile ? { profile: c.profile } : {}),
      ...(c.flag ? { region: c.flag } : {}),
    };
    const { stdout } = await run(process.execPath, ['-e', script, JSON.stringify(config)], {
      env: envFor(c),
      cwd: REPO_ROOT,
    });
    return stdout.trim() === 'none' ? null : stdout.trim();
  }

  for (const c of CASES) {
    it(`region order: ${c.name}`, async () => {
      const calls = endpoint.calls.length;
      const ours = await runBuiltCli(
        [
          'confirm',
          '--instance-id',
          INSTANCE,
          '--product-code',
          'abc123',
          '--endpoint-url',
          endpoint.url,
          '--json',
          ...options(c),
        ],
        { env: envFor(c) },
      );
      const result = JSON.parse(ours.stdout) as ConfirmationResult;
      if (c.expected) {
        assert.equal(ours.code, 0, ours.stdout + ours.stderr);
        assert.deepEqual(
          [result.region, result.regionSource],
          [c.expected.region, c.expected.source],
        );
        assert.equal(
          endpoint.calls.slice(calls).at(-1)?.region,
          c.expected.region,
          'the call was signed for another region',
        );
      } else {
        assert.equal(ours.code, 2, ours.stdout + ours.stderr);
        assert.deepEqual(
          [result.error?.kind, result.region, result.regionSource],
          ['malformed-input', null, null],
        );
        assert.equal(endpoint.calls.length, calls, 'a call was sent without a region');
      }
      const winner = c.expected?.source ?? null;
      if (BOTOCORE_READS.includes(winner))
        assert.equal(
          await awsCliRegion(c),
          c.expected?.region ?? null,
          'the AWS CLI (botocore) resolves another region',
        );
      if (JS_SDK_READS.includes(winner))
        assert.equal(
          await jsSdkRegion(c),
          c.expected?.region ?? null,
          'the SDK for JavaScript resolves another region',
        );
    });
  }

  it('region order: "no region" says how to set one (flag, environment, aws configure set region)', async () => {
    const r = await runBuiltCli(
      [
        'confirm',
        '--instance-id',
        INSTANCE,
        '--product-code',
        'abc123',
        '--endpoint-url',
        endpoint.url,
        '--profile',
        'noregion',
      ],
      {
        env: envFor({ name: '', env: {}, expected: null }),
      },
    );
    assert.equal(r.code, 2);
    assert.match(
      r.stderr,
      /no region: profile "noregion" has none and neither AWS_REGION nor AWS_DEFAULT_REGION is set\. Pass --region REGION \(or "auto".*supportDesk\.aws\.region setting\), set AWS_REGION, or give the profile one with "aws configure set region us-east-1 --profile noregion"/,
    );
  });

  it('region order: the evidence names where the region came from', async () => {
    const c = CASES[0];
    const r = await runBuiltCli(
      [
        'confirm',
        '--instance-id',
        INSTANCE,
        '--product-code',
        'abc123',
        '--endpoint-url',
        endpoint.url,
      ],
      { env: envFor(c) },
    );
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^ {2}Region: +eu-west-1 \(from AWS_REGION\)$/m);
  });

  it("region order: the extension's supportDesk.aws.region setting stands where the flag does", async () => {
    process.env.AWS_REGION = 'eu-west-1';
    try {
      const r = await confirmInstance(
        { instanceId: INSTANCE, productCode: 'abc123' },
        {
          profile: 'auw2d',
          region: 'ap-southeast-2',
          regionSource: 'setting',
          endpointUrl: endpoint.url,
        },
      );
      assert.deepEqual(
        [r.verdict, r.region, r.regionSource],
        ['confirmed', 'ap-southeast-2', 'setting'],
      );
    } finally {
      delete process.env.AWS_REGION;
    }
  });

  it('region order: a region from the environment that is not a region name is refused, naming the variable', async () => {
    const r = await runBuiltCli(
      [
        'confirm',
        '--instance-id',
        INSTANCE,
        '--product-code',
        'abc123',
        '--endpoint-url',
        endpoint.url,
        '--json',
      ],
      {
        env: envFor({ name: '', env: { AWS_REGION: 'moon' }, expected: null }),
      },
    );
    assert.equal(r.code, 2);
    const result = JSON.parse(r.stdout) as ConfirmationResult;
    assert.equal(result.error?.kind, 'malformed-input');
    assert.match(result.error.message, /region "moon" \(from AWS_REGION\) is not a region name/);
  });
});
