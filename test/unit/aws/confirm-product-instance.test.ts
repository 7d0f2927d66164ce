// The real SDK client against the local EC2 endpoint: every verdict and error kind, regions,
// credentials failures that say what to do, and retries that work without a restart.
import * as assert from 'node:assert/strict';
import { checkCredentials, confirmInstance, listRegions } from '../../../src/aws';
import type { ConfirmSettings } from '../../../src/aws/confirm-product-instance';
import type { ConfirmationResult } from '../../../src/core/confirmations/confirmation';
import {
  awsSandbox,
  FAKE_KEY_ID,
  FAKE_SECRET,
  ssoProfile,
  staticProfile,
  writeSsoToken,
  type AwsSandbox,
} from '../../support/aws-env';
import { startEc2Endpoint } from '../../support/ec2-endpoint';
import { localEndpoint } from '../../support/local-endpoint';

const OWNER = '111122223333';
const OTHER = '444455556666';
const CODE = 'abc123example';
const REJECTED_KEY_ID = 'AKIAREJECTEDEXAMPLE0';
const SSO_TOKEN = 'aoaAAAAAGplantedSsoAccessTokenEXAMPLE0123456789';

const SCENARIOS = {
  'i-0000000000000a001': { kind: 'attached', ownerId: OWNER, productCode: CODE },
  'i-0000000000000a002': { kind: 'attached', ownerId: OTHER },
  'i-0000000000000a003': { kind: 'not-attached' },
  'i-0000000000000a005': { kind: 'unauthorized' },
  'i-0000000000000a006': {
    kind: 'throttled',
    times: 100,
    then: { kind: 'attached', ownerId: OWNER },
  },
  'i-0000000000000a007': {
    kind: 'server-error',
    times: 1,
    then: { kind: 'attached', ownerId: OWNER },
  },
  'i-0000000000000a008': {
    kind: 'slow',
    delayMs: 3000,
    then: { kind: 'attached', ownerId: OWNER },
  },
  'i-0000000000000a009': { kind: 'reset', times: 100, then: { kind: 'attached', ownerId: OWNER } },
  'i-0000000000000a00a': { kind: 'garbage' },
  'i-0000000000000a00b': { kind: 'reset', times: 1, then: { kind: 'attached', ownerId: OWNER } },
  'i-0000000000000a00e': { kind: 'attached', ownerId: OWNER, region: 'eu-west-1' },
} as const;

describe('aws confirmInstance (real SDK client, local endpoint)', function () {
  this.timeout(30_000);
  const endpoint = localEndpoint(() =>
    startEc2Endpoint({
      instances: { ...SCENARIOS },
      rejectAccessKeyIds: [REJECTED_KEY_ID],
      ssoAccessTokens: [SSO_TOKEN],
    }),
  );
  let sandbox: AwsSandbox;
  let settings: ConfirmSettings;
  const seen: string[] = [];

  beforeEach(() => {
    sandbox = awsSandbox({
      config: '[profile seller]\nregion = us-east-1\n',
      credentials: staticProfile('seller'),
    });
    settings = { profile: 'seller', endpointUrl: endpoint().url, maxAttempts: 2 };
  });
  afterEach(() => sandbox.restore());
  after(() => {
    // Every message and result produced above, checked for the planted secret.
    const all = seen.join('\n');
    assert.ok(all.length > 0);
    assert.ok(!all.includes(FAKE_SECRET), 'a secret key reached a result');
    assert.ok(!all.includes(FAKE_KEY_ID), 'an access key id reached a result');
  });

  async function confirm(
    instanceId: string,
    extra: { claimedAccount?: string; region?: string; productCode?: string } = {},
    s = settings,
  ): Promise<ConfirmationResult> {
    const result = await confirmInstance(
      { instanceId, productCode: extra.productCode ?? CODE, ...extra },
      s,
    );
    seen.push(JSON.stringify(result));
    return result;
  }

  it('confirms an instance the claimed account owns, with the request id as evidence', async () => {
    const r = await confirm('i-0000000000000a001', { claimedAccount: '1111-2222-3333' });
    assert.equal(r.verdict, 'confirmed');
    assert.equal(r.ownerId, OWNER);
    assert.equal(r.claimedAccount, OWNER);
    assert.equal(r.region, 'us-east-1');
    assert.equal(r.profile, 'seller');
    assert.equal(r.error, null);
    assert.equal(r.requestId, endpoint().calls.at(-1)?.requestId);
    assert.ok(Date.now() - Date.parse(r.checkedAt) < 10_000);
  });

  it('confirms with no claimed account and reports the owner', async () => {
    const r = await confirm('i-0000000000000a002');
    assert.deepEqual([r.verdict, r.ownerId, r.claimedAccount], ['confirmed', OTHER, null]);
  });

  it('says owner-mismatch when another account owns the instance', async () => {
    const r = await confirm('i-0000000000000a002', { claimedAccount: OWNER });
    assert.deepEqual([r.verdict, r.ownerId], ['owner-mismatch', OTHER]);
  });

  it('says not-attached when the instance lacks the code', async () => {
    assert.equal((await confirm('i-0000000000000a003')).verdict, 'not-attached');
    assert.equal(
      (await confirm('i-0000000000000a001', { productCode: 'othercode' })).verdict,
      'not-attached',
    );
  });

  it('rejects malformed input before sending anything', async () => {
    const before = endpoint().calls.length;
    const r = await confirm('i-XYZ', { claimedAccount: '12ab', region: 'moon-1' });
    assert.equal(r.verdict, 'error');
    assert.equal(r.error?.kind, 'malformed-input');
    assert.match(r.error.message, /instance id "i-XYZ".*account number "12ab".*region "moon-1"/);
    assert.equal(endpoint().calls.length, before);
  });

  const kinds: [string, string, RegExp][] = [
    ['i-0000000000000a004', 'instance-not-found', /check the instance id and the region/],
    ['i-0000000000000a005', 'unauthorized', /ec2:ConfirmProductInstance/],
    ['i-0000000000000a006', 'throttled', /still throttling/],
    ['i-0000000000000a009', 'network', /check the network/],
    [
      'i-0000000000000a00a',
      'bad-answer',
      /HTTP 200 with a body that could not be read .*this is not a verdict/,
    ],
  ];
  for (const [instanceId, kind, advice] of kinds) {
    it(`maps ${instanceId} to error kind ${kind}`, async () => {
      const r = await confirm(instanceId);
      assert.equal(r.verdict, 'error');
      assert.equal(r.error?.kind, kind, JSON.stringify(r.error));
      assert.match(r.error.message, advice);
    });
  }

  it('retries a 500 and a reset connection within the call (SDK retry)', async () => {
    assert.equal((await confirm('i-0000000000000a007')).verdict, 'confirmed');
    assert.equal((await confirm('i-0000000000000a00b')).verdict, 'confirmed');
  });

  it('gives up on a slow call at its time limit as a network error', async () => {
    const started = Date.now();
    const r = await confirm('i-0000000000000a008', {}, { ...settings, callTimeoutMs: 400 });
    assert.equal(r.error?.kind, 'network');
    assert.ok(Date.now() - started < 2500, 'the call limit was not applied');
  });

  it('region auto finds the region holding the instance', async () => {
    const r = await confirm('i-0000000000000a00e', { region: 'auto', claimedAccount: OWNER });
    assert.deepEqual([r.verdict, r.region], ['confirmed', 'eu-west-1']);
    const missing = await confirm('i-0000000000000a0ff', { region: 'auto' });
    assert.equal(missing.error?.kind, 'instance-not-found');
    assert.match(missing.error.message, /not in any of the 8 enabled regions/);
  });

  it('uses the profile region, and lists the enabled regions', async () => {
    sandbox.write({ config: '[profile seller]\nregion = eu-west-1\n' });
    assert.equal((await confirm('i-0000000000000a00e')).verdict, 'confirmed');
    assert.ok((await listRegions(settings)).includes('ap-northeast-1'));
    sandbox.write({ config: '[profile seller]\n' });
    const r = await confirm('i-0000000000000a00e');
    assert.equal(r.error?.kind, 'malformed-input');
    assert.match(r.error.message, /no region/);
  });

  it('an unknown profile names the known ones and how to add it', async () => {
    const r = await confirm('i-0000000000000a001', {}, { ...settings, profile: 'nobody' });
    assert.equal(r.error?.kind, 'credentials');
    assert.match(
      r.error.message,
      /profile "nobody" is not in .*choose one of seller.*aws configure --profile nobody/,
    );
    const check = await checkCredentials({ profile: 'nobody' });
    assert.equal(check.ok, false);
  });

  it('rejected keys fail as credentials, and a retry after fixing the file works without a restart', async () => {
    sandbox.write({ credentials: staticProfile('seller', REJECTED_KEY_ID) });
    const bad = await confirm('i-0000000000000a001');
    assert.equal(bad.error?.kind, 'credentials');
    assert.match(bad.error.message, /did not accept the keys of profile "seller".*then retry/);
    sandbox.write({ credentials: staticProfile('seller') });
    assert.equal((await confirm('i-0000000000000a001')).verdict, 'confirmed');
  });

  it('an expired SSO token says to run aws sso login for the profile, and a retry after the login works without a restart', async () => {
    sandbox.write({ config: ssoProfile('seller', 'corp', 'us-east-1'), credentials: '' });
    writeSsoToken(sandbox.home, 'corp', {
      accessToken: 'expired-token-example',
      expiresAt: new Date('2020-01-01T00:00:00Z'),
    });
    process.env.AWS_ENDPOINT_URL_SSO = endpoint().url;
    const before = endpoint().calls.length;
    const r = await confirm('i-0000000000000a001');
    assert.equal(r.error?.kind, 'credentials');
    assert.match(
      r.error.message,
      /SSO session of profile "seller" has expired or is missing .*run "aws sso login --profile seller", then retry/,
    );
    assert.equal(endpoint().calls.length, before);
    const check = await checkCredentials({ profile: 'seller' });
    assert.ok(!check.ok && /aws sso login --profile seller/.test(check.message));

    // What `aws sso login` leaves behind: a fresh token in the cache. Same process, same modules.
    writeSsoToken(sandbox.home, 'corp', {
      accessToken: SSO_TOKEN,
      expiresAt: new Date(Date.now() + 3_600_000),
    });
    const retried = await confirm('i-0000000000000a001', { claimedAccount: OWNER });
    assert.equal(retried.verdict, 'confirmed', JSON.stringify(retried.error));
    assert.deepEqual(
      endpoint()
        .calls.slice(before)
        .map((c) => c.action),
      ['GetRoleCredentials', 'ConfirmProductInstance'],
    );
    assert.ok(!seen.join('\n').includes(SSO_TOKEN), 'the SSO token reached a result');
  });

  it('a failing credential_process says so, without echoing what it printed', async () => {
    sandbox.write({
      config: `[profile seller]\nregion = us-east-1\ncredential_process = /bin/sh -c "echo leaked ${FAKE_SECRET} >&2; exit 3"\n`,
      credentials: '',
    });
    const r = await confirm('i-0000000000000a001');
    assert.equal(r.error?.kind, 'credentials');
    assert.match(
      r.error.message,
      /credential_process of profile "seller" failed .*run that command yourself/,
    );
  });

  it('checkCredentials accepts a working static profile', async () => {
    assert.deepEqual(await checkCredentials({ profile: 'seller' }), { ok: true });
  });
});
