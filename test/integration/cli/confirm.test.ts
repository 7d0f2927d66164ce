// `support-desk confirm`, `profiles` and `audit` end to end: the built CLI (node dist/cli.js) run as
// a child process against the local EC2 endpoint, with planted credentials that no output, error
// message or audit line may ever show.
import * as assert from 'node:assert/strict';
import { appendFileSync, copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConfirmationResult } from '../../../src/core/confirmations/confirmation';
import { awsSandbox, FAKE_KEY_ID, FAKE_SECRET, type AwsSandbox } from '../../support/aws-env';
import { REPO_ROOT, runBuiltCli, type CliRun } from '../../support/built-cli';
import { startEc2Endpoint, type Ec2Endpoint } from '../../support/ec2-endpoint';

const REPORTS = join(REPO_ROOT, 'test', 'fixtures', 'reports', 'basic');
const TEAM_PLAYBOOK = join(REPO_ROOT, 'test', 'fixtures', 'playbooks', 'team-valid.json');
const OWNER = '111122223333';
const OTHER = '444455556666';
const SESSION_TOKEN = 'IQoJb3JpZ2luX2VjEXAMPLEplantedCliSessionToken9876543210zyxw';
// Product ids and the codes the fixtures give them.
const REPORT_PRODUCT = { id: 'prod-5qwz3vsg4kbfw', code: '8a2kq9xw3vbn7m4c1zt6ry5pd' };
const PLAYBOOK_PRODUCT = { id: 'prod-acme-web-01', code: '4w1vgsrkqdkypbz43g7qkk4uz' };
const RESULT_KEYS = [
  'instanceId',
  'productCode',
  'region',
  'regionSource',
  'claimedAccount',
  'ownerId',
  'verdict',
  'error',
  'requestId',
  'checkedAt',
  'profile',
];

const CONFIG = `[profile seller]
region = us-east-1
[profile noregion]
[profile sso-user]
region = eu-west-1
sso_session = corp
sso_account_id = 111122223333
sso_role_name = Support
[sso-session corp]
sso_start_url = https://example.awsapps.com/start
sso_region = us-east-1
[profile role]
role_arn = arn:aws:iam::111122223333:role/Support
source_profile = seller
[profile proc]
credential_process = /bin/false
`;
const CREDENTIALS = `[seller]
aws_access_key_id = ${FAKE_KEY_ID}
aws_secret_access_key = ${FAKE_SECRET}
aws_session_token = ${SESSION_TOKEN}
[noregion]
aws_access_key_id = ${FAKE_KEY_ID}
aws_secret_access_key = ${FAKE_SECRET}
`;

describe('support-desk confirm, profiles and audit (built CLI, local endpoint)', function () {
  this.timeout(30_000);
  let endpoint: Ec2Endpoint;
  let sandbox: AwsSandbox;
  let auditPath: string;
  const outputs: string[] = [];
  let confirmsRun = 0;

  before(async () => {
    endpoint = await startEc2Endpoint({
      instances: {
        'i-0000000000000f001': { kind: 'attached', ownerId: OWNER },
        'i-0000000000000f002': { kind: 'attached', ownerId: OTHER },
        'i-0000000000000f003': { kind: 'not-attached' },
        'i-0000000000000f005': { kind: 'unauthorized' },
        'i-0000000000000f00e': { kind: 'attached', ownerId: OWNER, region: 'eu-west-1' },
        'i-0000000000000f0aa': { kind: 'signature-mismatch' },
      },
    });
    sandbox = awsSandbox({ config: CONFIG, credentials: CREDENTIALS });
    auditPath = join(sandbox.dir, 'state', 'audit.jsonl');
  });
  after(async () => {
    try {
      // Every stdout and stderr below, and the audit log, checked for each planted or sent secret.
      const everything = outputs.join('\n') + readFileSync(auditPath, 'utf8');
      assert.ok(endpoint.secretsSent.size > 5, 'signatures were recorded');
      for (const secret of [FAKE_KEY_ID, FAKE_SECRET, SESSION_TOKEN, ...endpoint.secretsSent]) {
        assert.ok(
          !everything.includes(secret),
          `a secret reached an output: ${secret.slice(0, 6)}…`,
        );
      }
    } finally {
      sandbox.restore();
      await endpoint.stop();
    }
  });

  async function cli(
    args: string[],
    options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
  ): Promise<CliRun> {
    const env = { ...process.env, ...sandbox.env, SUPPORT_DESK_AUDIT: auditPath, ...options.env };
    const run = await runBuiltCli(args, { env, cwd: options.cwd ?? sandbox.dir });
    outputs.push(run.stdout, run.stderr);
    // Every confirm gets an audit line except a usage error, which never becomes a request.
    if (args[0] === 'confirm' && !run.stderr.startsWith('support-desk confirm:')) confirmsRun++;
    return run;
  }
  const confirm = (instanceId: string, ...args: string[]) =>
    cli(['confirm', '--instance-id', instanceId, '--endpoint-url', endpoint.url, ...args]);
  const json = (run: CliRun) => JSON.parse(run.stdout) as ConfirmationResult;

  describe('confirm', () => {
    it('prints the documented JSON, resolving the product id through the team playbook in the working folder, exit 0', async () => {
      const folder = join(sandbox.dir, 'case-folder');
      mkdirSync(join(folder, '.support-desk'), { recursive: true });
      copyFileSync(TEAM_PLAYBOOK, join(folder, '.support-desk', 'playbook.json'));
      const run = await cli(
        [
          'confirm',
          '--instance-id',
          'i-0000000000000f001',
          '--product-id',
          PLAYBOOK_PRODUCT.id,
          '--account',
          '1111-2222-3333',
          '--profile',
          'seller',
          '--endpoint-url',
          endpoint.url,
          '--json',
        ],
        { cwd: folder },
      );
      assert.equal(run.code, 0, run.stderr);
      const r = json(run);
      assert.deepEqual(Object.keys(r), RESULT_KEYS);
      const call = endpoint.calls.at(-1)!;
      assert.deepEqual(
        { ...r, checkedAt: undefined },
        {
          instanceId: 'i-0000000000000f001',
          productCode: PLAYBOOK_PRODUCT.code,
          region: 'us-east-1',
          regionSource: 'profile',
          claimedAccount: OWNER,
          ownerId: OWNER,
          verdict: 'confirmed',
          error: null,
          requestId: call.requestId,
          checkedAt: undefined,
          profile: 'seller',
        },
      );
      assert.equal(call.productCode, PLAYBOOK_PRODUCT.code);
      assert.ok(
        Math.abs(Date.now() - Date.parse(r.checkedAt)) < 10_000 && r.checkedAt.endsWith('Z'),
      );
    });

    it('resolves a product id through the subscription reports', async () => {
      const run = await confirm(
        'i-0000000000000f002',
        '--product-id',
        REPORT_PRODUCT.id,
        '--reports',
        REPORTS,
        '--profile',
        'seller',
        '--json',
      );
      assert.equal(run.code, 0, run.stderr);
      assert.equal(json(run).productCode, REPORT_PRODUCT.code);
      assert.equal(endpoint.calls.at(-1)?.productCode, REPORT_PRODUCT.code);
    });

    it('exits 1 for every other verdict, with the error as {kind, code, message}', async () => {
      const cases: [string, string, string | null][] = [
        ['i-0000000000000f002', 'owner-mismatch', null],
        ['i-0000000000000f003', 'not-attached', null],
        ['i-0000000000000f005', 'error', 'unauthorized'],
        ['i-0000000000000f004', 'error', 'instance-not-found'],
      ];
      for (const [instanceId, verdict, kind] of cases) {
        const run = await confirm(
          instanceId,
          '--product-code',
          'abc123',
          '--account',
          OWNER,
          '--profile',
          'seller',
          '--json',
        );
        assert.equal(run.code, 1, `${instanceId}: ${run.stdout}`);
        const r = json(run);
        assert.equal(r.verdict, verdict);
        if (kind) {
          assert.deepEqual(Object.keys(r.error!), ['kind', 'code', 'message']);
          assert.equal(r.error!.kind, kind);
          assert.ok(r.requestId, 'an AWS error keeps its request id');
        } else {
          assert.equal(r.error, null);
        }
      }
    });

    it('exits 2 on malformed input with nothing sent, and --json still prints the result', async () => {
      const before = endpoint.calls.length;
      const withJson = await confirm(
        'i-XYZ',
        '--product-code',
        'abc123',
        '--account',
        '12ab',
        '--profile',
        'seller',
        '--json',
      );
      assert.equal(withJson.code, 2);
      const r = json(withJson);
      assert.deepEqual(Object.keys(r), RESULT_KEYS);
      assert.deepEqual([r.verdict, r.error?.kind, r.requestId], ['error', 'malformed-input', null]);
      assert.match(r.error!.message, /instance id "i-XYZ".*account/);

      const readable = await confirm(
        'i-0000000000000f001',
        '--product-code',
        'not a code!',
        '--profile',
        'seller',
      );
      assert.equal(readable.code, 2);
      assert.equal(readable.stdout, '');
      assert.match(readable.stderr, /product code "not a code!" must be 1-25 letters or digits/);

      const noRegion = await confirm(
        'i-0000000000000f001',
        '--product-code',
        'abc123',
        '--profile',
        'noregion',
        '--json',
      );
      assert.equal(noRegion.code, 2);
      assert.match(
        json(noRegion).error!.message,
        /no region: profile "noregion" has none .*--region .*AWS_REGION.*aws configure set region us-east-1 --profile noregion/,
      );

      const unknownProduct = await confirm(
        'i-0000000000000f001',
        '--product-id',
        'prod-nope',
        '--reports',
        REPORTS,
        '--profile',
        'seller',
        '--json',
      );
      assert.equal(unknownProduct.code, 2);
      assert.equal(json(unknownProduct).error?.kind, 'malformed-input');
      assert.match(
        json(unknownProduct).error!.message,
        /product id "prod-nope" has no product code in the reports given or in the playbook .*pass the product code itself/,
      );
      assert.equal(endpoint.calls.length, before, 'a malformed request reached the endpoint');
    });

    it('exits 2 on a usage error, saying what is missing', async () => {
      const missing = await cli(['confirm', '--product-code', 'abc123', '--json']);
      assert.equal(missing.code, 2);
      assert.match(missing.stderr, /give the instance with --instance-id ID/);
      const both = await cli([
        'confirm',
        '--instance-id',
        'i-0000000000000f001',
        '--product-code',
        'a',
        '--product-id',
        'b',
      ]);
      assert.equal(both.code, 2);
      assert.match(both.stderr, /either --product-code or --product-id, not both/);
    });

    it('finds the region with --region auto (DescribeRegions), and takes AWS_REGION when the profile has none', async () => {
      const auto = await confirm(
        'i-0000000000000f00e',
        '--product-code',
        'abc123',
        '--region',
        'auto',
        '--profile',
        'seller',
        '--json',
      );
      assert.equal(auto.code, 0, auto.stdout);
      assert.equal(json(auto).region, 'eu-west-1');
      assert.ok(endpoint.calls.some((c) => c.action === 'DescribeRegions'));

      const fromEnv = await cli(
        [
          'confirm',
          '--instance-id',
          'i-0000000000000f00e',
          '--product-code',
          'abc123',
          '--profile',
          'noregion',
          '--endpoint-url',
          endpoint.url,
          '--json',
        ],
        { env: { AWS_REGION: 'eu-west-1' } },
      );
      assert.deepEqual([fromEnv.code, json(fromEnv).region], [0, 'eu-west-1']);
    });

    it('names the AWS_PROFILE profile in the evidence when no --profile is given', async () => {
      const fromEnv = await cli(
        [
          'confirm',
          '--instance-id',
          'i-0000000000000f001',
          '--product-code',
          'abc123',
          '--endpoint-url',
          endpoint.url,
          '--json',
        ],
        {
          env: { AWS_PROFILE: 'seller' },
        },
      );
      assert.deepEqual(
        [fromEnv.code, json(fromEnv).profile, json(fromEnv).region],
        [0, 'seller', 'us-east-1'],
        fromEnv.stderr,
      );
    });

    it('prints evidence to paste into a case: verdict, owner, region, request id, time, profile', async () => {
      const run = await confirm(
        'i-0000000000000f001',
        '--product-code',
        'abc123',
        '--account',
        OWNER,
        '--profile',
        'seller',
      );
      assert.equal(run.code, 0);
      const requestId = endpoint.calls.at(-1)!.requestId!;
      for (const line of [
        /^confirmed: i-0000000000000f001 \(abc123, us-east-1\) carries the product code and is owned by 111122223333/m,
        /^ {2}Verdict: +confirmed$/m,
        /^ {2}Owner: +111122223333$/m,
        /^ {2}Region: +us-east-1 \(from the profile\)$/m,
        new RegExp(`^ {2}Request id: +${requestId}$`, 'm'),
        /^ {2}Checked at: +\d{4}-\d\d-\d\dT[\d:.]+Z$/m,
        /^ {2}Profile: +seller$/m,
      ]) {
        assert.match(run.stdout, line);
      }
      const failed = await confirm(
        'i-0000000000000f005',
        '--product-code',
        'abc123',
        '--profile',
        'seller',
      );
      assert.equal(failed.code, 1);
      assert.match(failed.stderr, /^ {2}Verdict: +error \(unauthorized\)$/m);
      assert.match(
        failed.stderr,
        /^error \(unauthorized\): You are not authorized .*ec2:ConfirmProductInstance$/m,
      );
      assert.match(failed.stderr, /^ {2}Error code: +UnauthorizedOperation$/m);
      assert.match(failed.stderr, /^ {2}Request id: +[0-9a-f-]{36}$/m);
    });

    it('shows no key, token or signature even when AWS quotes the signed request back', async () => {
      const run = await confirm(
        'i-0000000000000f0aa',
        '--product-code',
        'abc123',
        '--profile',
        'seller',
        '--json',
      );
      assert.equal(json(run).error?.kind, 'credentials');
      assert.ok(endpoint.secretsSent.has(SESSION_TOKEN), 'the session token was sent');
    });
  });

  describe('profiles', () => {
    it('--json lists every profile as {name, region, kind}', async () => {
      const run = await cli(['profiles', '--json']);
      assert.equal(run.code, 0, run.stderr);
      const list = JSON.parse(run.stdout) as {
        name: string;
        region: string | null;
        kind: string;
      }[];
      assert.ok(list.every((p) => Object.keys(p).join() === 'name,region,kind'));
      assert.deepEqual(list.map((p) => [p.name, p.region, p.kind]).sort(), [
        ['noregion', null, 'static'],
        ['proc', null, 'credential-process'],
        ['role', null, 'assume-role'],
        ['seller', 'us-east-1', 'static'],
        ['sso-user', 'eu-west-1', 'sso'],
      ]);
    });

    it('lists them readably, one per line, and says how to create one when there are none', async () => {
      const run = await cli(['profiles']);
      assert.match(run.stdout, /^sso-user +eu-west-1 +sso$/m);
      assert.match(run.stdout, /^proc +- +credential-process$/m);
      const none = await cli(['profiles'], {
        env: {
          AWS_CONFIG_FILE: join(sandbox.dir, 'none'),
          AWS_SHARED_CREDENTIALS_FILE: join(sandbox.dir, 'none'),
        },
      });
      assert.match(none.stdout, /no AWS profiles: create one with "aws configure --profile NAME"/);
    });
  });

  describe('audit', () => {
    it('reads back one line per confirmation, filters by account, and reports a torn last line instead of failing', async () => {
      const all = await cli(['audit', '--json']);
      assert.equal(all.code, 0, all.stderr);
      const entries = JSON.parse(all.stdout) as {
        instanceId: string;
        profile: string | null;
        ownerId: string | null;
        claimedAccount: string | null;
      }[];
      assert.equal(entries.length, confirmsRun, 'one audit line per confirmation asked for');
      assert.ok(
        entries.some((e) => e.instanceId === 'i-XYZ'),
        'malformed requests are audited too',
      );

      const other = await cli(['audit', '--account', '4444-5555-6666', '--json']);
      const forOther = JSON.parse(other.stdout) as typeof entries;
      assert.ok(
        forOther.length > 0 &&
          forOther.every((e) => e.ownerId === OTHER || e.claimedAccount === OTHER),
      );

      appendFileSync(auditPath, '{"time":"2026-11-23T10:00:01.000Z","profile":"sel');
      const torn = await cli(['audit']);
      assert.equal(torn.code, 0);
      assert.match(
        torn.stderr,
        new RegExp(
          `line ${entries.length + 1} skipped, the other entries are listed: not a whole JSON line`,
        ),
      );
      assert.equal(torn.stdout.trim().split('\n').length, entries.length);
      assert.match(
        torn.stdout,
        /confirmed +i-0000000000000f001 +4w1vgsrkqdkypbz43g7qkk4uz +us-east-1 +claimed 111122223333, owner 111122223333 +profile seller +request [0-9a-f-]{36}/,
      );
    });
  });
});
