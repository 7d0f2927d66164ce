// Issue 17, items 10 and 15: assume-role profiles against a local STS endpoint (AWS_ENDPOINT_URL_STS),
// with the real SDK clients and the built CLI.
// - Item 15 (assume-role-external-id-denied): STS refusing AssumeRole (a forgotten external_id) is a
//   credentials error of the profile naming the role and its trust policy, not EC2, S3 or Marketplace
//   refusing with their IAM advice; STS's request id is recorded as STS's, and EC2 is never asked.
// - Item 10: a credential_process behind source_profile that hangs is killed at the limit, the CLI exits,
//   and the message names the command's profile, not the network; one that answers still gives a role.
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { confirmInstance } from '../../../src/aws';
import type { ConfirmationResult } from '../../../src/core/confirmations/confirmation';
import { startAgreementEndpoint, type AgreementEndpoint } from '../../support/agreement-endpoint';
import {
  awsSandbox,
  FAKE_KEY_ID,
  FAKE_SECRET,
  staticProfile,
  type AwsSandbox,
} from '../../support/aws-env';
import { runBuiltCli } from '../../support/built-cli';
import { goneSoon } from '../../support/process-state';
import { startEc2Endpoint, type Ec2Endpoint } from '../../support/ec2-endpoint';
import { startStsEndpoint, type StsEndpoint } from '../../support/sts-endpoint';

const OWNER = '111122223333';
const ROLE = 'arn:aws:iam::111111111111:role/MarketplaceSupportReadOnly';
const AUDIT_ROLE = 'arn:aws:iam::333333333333:role/MarketplaceAudit';
const ROLE_KEY = 'ASIAROLEKEYEXAMPLE01';
const AUDIT_KEY = 'ASIAAUDITKEYEXAMPLE2';
const CREDENTIALS_JSON = JSON.stringify({
  Version: 1,
  AccessKeyId: FAKE_KEY_ID,
  SecretAccessKey: FAKE_SECRET,
});

describe('assume-role profiles: STS refusals are the profile’s, and a credential_process behind a role is bounded', function () {
  this.timeout(90_000);
  let sts: StsEndpoint;
  let ec2: Ec2Endpoint;
  let agreements: AgreementEndpoint;
  let sandbox: AwsSandbox;
  let env: NodeJS.ProcessEnv;
  const pidFile = () => join(sandbox.dir, 'helper.pid');
  const audit = () => join(sandbox.dir, 'audit.jsonl');

  before(async () => {
    sts = await startStsEndpoint({
      roles: {
        [ROLE]: { accessKeyId: ROLE_KEY, externalId: 'ext-7f3a91' },
        [AUDIT_ROLE]: { accessKeyId: AUDIT_KEY },
      },
    });
    ec2 = await startEc2Endpoint({ defaultScenario: { kind: 'attached', ownerId: OWNER } });
    agreements = await startAgreementEndpoint({ agreements: [] });
    sandbox = awsSandbox();
    const script = (name: string, body: string) => {
      const path = join(sandbox.dir, `${name}.sh`);
      writeFileSync(path, `#!/bin/sh\n${body}\n`);
      return `/bin/sh ${path}`;
    };
    const role = (name: string, source: string, extra = '') =>
      `[profile ${name}]\nregion = eu-west-1\nrole_arn = ${ROLE}\nsource_profile = ${source}\n${extra}`;
    sandbox.write({
      credentials: staticProfile('corp'),
      config: [
        role('seller', 'corp', 'external_id = ext-7f3a91\n'),
        role('noext', 'corp'),
        // A helper that starts a child (a prompt, a browser wait) and waits on it for ten minutes.
        `[profile hangs]\ncredential_process = ${script('hangs', `sleep 600 &\necho $! > "${pidFile()}"\nwait`)}`,
        role('viahang', 'hangs', 'external_id = ext-7f3a91\n'),
        `[profile proc]\ncredential_process = ${script('works', `echo '${CREDENTIALS_JSON}'`)}`,
        role(
          'viaproc',
          'proc',
          'external_id = ext-7f3a91\nrole_session_name = support-desk-jdoe\nduration_seconds = 1800\n',
        ),
        `[profile chained]\nregion = eu-west-1\nrole_arn = ${AUDIT_ROLE}\nsource_profile = viaproc\n`,
      ].join('\n'),
    });
    env = {
      ...process.env,
      ...sandbox.env,
      AWS_ENDPOINT_URL_STS: sts.url,
      AWS_ENDPOINT_URL_MARKETPLACE_AGREEMENT: agreements.url,
      SUPPORT_DESK_AUDIT: audit(),
    };
    process.env.AWS_ENDPOINT_URL_STS = sts.url;
    // src/aws/lazy.ts says this for the product; the tests load the AWS layer directly.
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  });
  after(async () => {
    delete process.env.AWS_ENDPOINT_URL_STS;
    sandbox.restore();
    await Promise.all([sts.stop(), ec2.stop(), agreements.stop()]);
  });

  const confirmArgs = (profile: string) => [
    'confirm',
    '--instance-id',
    'i-0123456789abcdef0',
    '--product-code',
    'abc123',
    '--profile',
    profile,
    '--endpoint-url',
    ec2.url,
  ];

  it('STS refusing the role (no external_id) is a credentials error of the profile, with STS’s request id recorded as STS’s, and EC2 never asked', async () => {
    const ec2Calls = ec2.calls.length;
    const run = await runBuiltCli([...confirmArgs('noext'), '--json'], { env });
    assert.equal(run.code, 1, run.stderr);
    const r = JSON.parse(run.stdout) as ConfirmationResult;
    const refused = sts.calls.filter((c) => c.status === 403).at(-1);
    assert.ok(refused, 'STS was not asked');
    assert.equal(refused.externalId, null);
    assert.deepEqual([r.error?.kind, r.error?.code], ['credentials', 'AccessDenied']);
    assert.match(
      r.error!.message,
      new RegExp(
        `^profile "noext" could not assume ${ROLE} \\(AccessDenied from STS: .*\\): check its external_id, source_profile and the role's trust policy`,
      ),
    );
    assert.doesNotMatch(r.error!.message, /ec2:ConfirmProductInstance/);
    assert.deepEqual([r.requestId, r.requestIdService], [refused.requestId, 'sts']);
    assert.equal(ec2.calls.length, ec2Calls, 'EC2 was asked');
    const line = JSON.parse(readFileSync(audit(), 'utf8').trim().split('\n').at(-1)!) as Record<
      string,
      unknown
    >;
    assert.deepEqual(
      [line.errorKind, line.requestId, line.requestIdService],
      ['credentials', refused.requestId, 'sts'],
    );
    const text = await runBuiltCli(confirmArgs('noext'), { env });
    assert.match(
      text.stdout + text.stderr,
      /Request id: +\S+ \(STS's, for AssumeRole: EC2 was not asked\)/,
    );
  });

  it('STS refusing the role is the profile’s for an s3:// report and a live agreements search too, with no S3 or Marketplace IAM advice', async () => {
    const report = await runBuiltCli(
      ['report', 'inspect', 's3://acme-mp-reports/daily/', '--profile', 'noext'],
      {
        env: { ...env, AWS_ENDPOINT_URL_S3: ec2.url },
      },
    );
    assert.equal(report.code, 2, report.stderr);
    assert.match(
      report.stderr,
      new RegExp(`profile "noext" could not assume ${ROLE} \\(AccessDenied from STS`),
    );
    assert.doesNotMatch(report.stderr, /s3:ListBucket/);
    const lookup = await runBuiltCli(
      ['lookup', '444455556666', '--live', '--profile', 'noext', '--json'],
      { env },
    );
    assert.equal(lookup.code, 1, lookup.stderr);
    const live = (
      JSON.parse(lookup.stdout) as {
        live: {
          error: { kind: string; message: string };
          requestIds: string[];
          requestIdService?: string;
        };
      }
    ).live;
    assert.equal(live.error.kind, 'credentials');
    assert.match(
      live.error.message,
      new RegExp(`could not assume ${ROLE} \\(AccessDenied from STS`),
    );
    assert.doesNotMatch(live.error.message, /aws-marketplace:SearchAgreements/);
    assert.deepEqual(
      [live.requestIds, live.requestIdService],
      [[sts.calls.at(-1)!.requestId], 'sts'],
    );
    assert.equal(agreements.calls.length, 0, 'the Agreement Service was asked');
  });

  it('with its external_id the same role is assumed and EC2 answers', async () => {
    const r = await confirmInstance(
      { instanceId: 'i-0123456789abcdef0', productCode: 'abc123' },
      { profile: 'seller', endpointUrl: ec2.url },
    );
    assert.deepEqual(
      [r.verdict, r.ownerId, r.requestIdService],
      ['confirmed', OWNER, undefined],
      JSON.stringify(r),
    );
    assert.equal(sts.calls.at(-1)?.externalId, 'ext-7f3a91');
  });

  it('a credential_process behind source_profile that answers: the role and a role chained from it are assumed with its keys, as fromIni would', async () => {
    const r = await confirmInstance(
      { instanceId: 'i-0123456789abcdef0', productCode: 'abc123' },
      { profile: 'chained', endpointUrl: ec2.url },
    );
    assert.equal(r.verdict, 'confirmed', JSON.stringify(r));
    const [first, second] = sts.calls.slice(-2);
    assert.deepEqual(
      [first.signedBy, first.roleArn, first.externalId, first.roleSessionName],
      [FAKE_KEY_ID, ROLE, 'ext-7f3a91', 'support-desk-jdoe'],
      'the first hop is signed with the command’s keys',
    );
    assert.deepEqual(
      [second.signedBy, second.roleArn],
      [ROLE_KEY, AUDIT_ROLE],
      'the second hop is signed with the first hop’s key',
    );
  });

  it('a hung credential_process behind source_profile is killed at the limit, named with its profile, not the network', async () => {
    const started = Date.now();
    const r = await confirmInstance(
      { instanceId: 'i-0123456789abcdef0', productCode: 'abc123' },
      { profile: 'viahang', endpointUrl: ec2.url, credentialsTimeoutMs: 500 },
    );
    assert.ok(Date.now() - started < 3000, `took ${Date.now() - started} ms`);
    assert.equal(r.error?.kind, 'credentials', JSON.stringify(r));
    assert.match(
      r.error.message,
      /^credential_process for profile "hangs" \(the source_profile of profile "viahang"\) did not answer in 0\.5 s: run it yourself/,
    );
    assert.doesNotMatch(r.error.message, /check the network/);
    assert.ok(
      await goneSoon(Number(readFileSync(pidFile(), 'utf8'))),
      "the command's child still runs",
    );
  });

  it('the CLI with a hung credential_process behind source_profile exits after its 10 s message', async () => {
    const started = Date.now();
    const run = await runBuiltCli([...confirmArgs('viahang'), '--json'], {
      env,
      timeoutMs: 30_000,
    });
    const elapsed = Date.now() - started;
    assert.equal(run.code, 1, `the CLI did not exit by itself (${elapsed} ms): ${run.stderr}`);
    assert.ok(elapsed >= 9_500 && elapsed < 20_000, `the CLI answered after ${elapsed} ms`);
    const r = JSON.parse(run.stdout) as ConfirmationResult;
    assert.match(
      r.error!.message,
      /^credential_process for profile "hangs" \(the source_profile of profile "viahang"\) did not answer in 10 s/,
    );
  });
});
