// The error mapping held to the codes EC2 really sends (its API reference lists them; EC2 models
// no error shapes): each reply goes through the real SDK client, so the code, the message and the
// HTTP status arrive exactly as the SDK hands them over.
import * as assert from 'node:assert/strict';
import { confirmInstance } from '../../../src/aws';
import type { ConfirmationErrorKind } from '../../../src/core/confirmations/confirmation';
import { awsSandbox, FAKE_KEY_ID, FAKE_SECRET, type AwsSandbox } from '../../support/aws-env';
import { startEc2Endpoint } from '../../support/ec2-endpoint';
import { localEndpoint } from '../../support/local-endpoint';

const SESSION_TOKEN = 'IQoJb3JpZ2luX2VjEXAMPLEplantedSessionToken0123456789abcdefXYZ';

/** [EC2 code, HTTP status, message as EC2 words it, expected kind, advice the engineer gets] */
const REPLIES: [string, number, string, ConfirmationErrorKind, RegExp][] = [
  [
    'UnauthorizedOperation',
    403,
    'You are not authorized to perform this operation.',
    'unauthorized',
    /IAM permission ec2:ConfirmProductInstance/,
  ],
  [
    'AuthFailure',
    401,
    'Not authorized for product code 8a2kq9xw3vbn7m4c1zt6ry5pd',
    'unauthorized',
    /profile of the AWS account that owns it/,
  ],
  [
    'InvalidProductInfo',
    400,
    'The product code is not valid.',
    'unauthorized',
    /check the product code/,
  ],
  ['OptInRequired', 403, 'You are not subscribed to this service.', 'unauthorized', /owns it/],
  ['Blocked', 403, 'Your account is currently blocked.', 'unauthorized', /owns it/],
  [
    'AuthFailure',
    401,
    'AWS was not able to validate the provided access credentials',
    'credentials',
    /did not accept the keys of profile "seller".*then retry/,
  ],
  [
    'InvalidClientTokenId',
    403,
    'The security token included in the request is invalid.',
    'credentials',
    /aws configure --profile seller/,
  ],
  [
    'ExpiredToken',
    400,
    'The security token included in the request is expired',
    'credentials',
    /then retry/,
  ],
  ['RequestExpired', 400, 'Request has expired.', 'credentials', /then retry/],
  [
    'IncompleteSignature',
    400,
    'Request must contain a signature that conforms to AWS standards',
    'credentials',
    /then retry/,
  ],
  [
    'InvalidParameterValue',
    400,
    'Value (x) for parameter productCode is invalid.',
    'malformed-input',
    /productCode is invalid/,
  ],
  [
    'InternalError',
    500,
    'An internal error has occurred',
    'unknown',
    /HTTP 500.*retry in a minute/,
  ],
];

describe('aws error mapping (EC2 codes through the real SDK client)', function () {
  this.timeout(20_000);
  const endpoint = localEndpoint(() =>
    startEc2Endpoint({
      instances: {
        ...Object.fromEntries(
          REPLIES.map(([code, status, message], i) => [
            instance(i),
            { kind: 'error', status, code, message },
          ]),
        ),
        [instance(99)]: { kind: 'signature-mismatch' },
      },
    }),
  );
  let sandbox: AwsSandbox;
  const seen: string[] = [];
  const instance = (i: number) => `i-${(0xe000 + i).toString(16).padStart(17, '0')}`;

  beforeEach(() => {
    sandbox = awsSandbox({
      config: '[profile seller]\nregion = us-east-1\n',
      credentials: `[seller]\naws_access_key_id = ${FAKE_KEY_ID}\naws_secret_access_key = ${FAKE_SECRET}\naws_session_token = ${SESSION_TOKEN}\n`,
    });
  });
  afterEach(() => sandbox.restore());

  const confirm = async (instanceId: string, settings: object = { profile: 'seller' }) => {
    const r = await confirmInstance(
      { instanceId, productCode: 'abc123' },
      { endpointUrl: endpoint().url, maxAttempts: 2, ...settings },
    );
    seen.push(JSON.stringify(r));
    return r;
  };

  REPLIES.forEach(([code, , message, kind, advice], i) => {
    it(`${code} "${message.slice(0, 40)}" is ${kind}`, async () => {
      const r = await confirm(instance(i));
      assert.equal(r.verdict, 'error');
      assert.equal(r.error?.kind, kind, JSON.stringify(r.error));
      assert.equal(r.error?.code, code);
      assert.match(r.error.message, advice);
      assert.ok(r.requestId, 'the request id of an error is kept as evidence');
    });
  });

  it('a SignatureDoesNotMatch quoting the signed request back shows no key, token or signature', async () => {
    const r = await confirm(instance(99));
    assert.equal(r.error?.kind, 'credentials');
    assert.ok(
      endpoint().secretsSent.has(SESSION_TOKEN),
      'the session token was sent, so it could have leaked',
    );
    const text = JSON.stringify(r);
    for (const secret of [FAKE_KEY_ID, FAKE_SECRET, ...endpoint().secretsSent])
      assert.ok(!text.includes(secret), `leaked: ${secret.slice(0, 8)}…`);
  });

  it('no credentials at all is a credentials error that says what to do, and nothing is sent', async () => {
    sandbox.write({ config: '', credentials: '' });
    const before = endpoint().calls.length;
    const r = await confirm(instance(0), { region: 'us-east-1' });
    assert.equal(r.error?.kind, 'credentials');
    assert.match(
      r.error.message,
      /no usable AWS credentials from the default chain .*aws configure.*then retry/,
    );
    assert.equal(endpoint().calls.length, before);
  });

  after(() => {
    const all = seen.join('\n');
    for (const secret of [FAKE_KEY_ID, FAKE_SECRET, SESSION_TOKEN])
      assert.ok(!all.includes(secret), 'a secret reached a result');
  });
});
