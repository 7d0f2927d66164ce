import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  redact,
  describeRedactions,
  secretKindOfKey,
  type SecretKind,
} from '../../../../src/core/redaction/redaction';

// AWS's documented example credentials, shaped exactly like real ones.
const ACCESS_KEY = 'AKIAIOSFODNN7EXAMPLE';
const SECRET_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const SESSION_TOKEN =
  'IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQDk7example+example/example==';
const SIGNATURE = 'fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024';

interface Case {
  name: string;
  input: string;
  secrets: string[];
  found: Partial<Record<SecretKind, number>>;
  /** Parts that must survive: redaction removes secrets, not the context an engineer needs. */
  kept?: string[];
}

const CASES: Case[] = [
  {
    name: 'a signed EC2 query request with its headers',
    input: [
      'POST / HTTP/1.1',
      'Host: ec2.us-east-1.amazonaws.com',
      `Authorization: AWS4-HMAC-SHA256 Credential=${ACCESS_KEY}/20261120/us-east-1/ec2/aws4_request, SignedHeaders=host;x-amz-date, Signature=${SIGNATURE}`,
      `X-Amz-Security-Token: ${SESSION_TOKEN}`,
      'X-Amz-Date: 20261120T101500Z',
      '',
      'Action=ConfirmProductInstance&ProductCode=4w1vgsrkqdkypbz43g7qkk4uz&InstanceId=i-10a64379&Version=2016-11-15',
    ].join('\r\n'),
    secrets: [ACCESS_KEY, SIGNATURE, SESSION_TOKEN],
    found: { authorization: 1, 'aws-session-token': 1 },
    kept: [
      'X-Amz-Date: 20261120T101500Z',
      'ProductCode=4w1vgsrkqdkypbz43g7qkk4uz',
      'InstanceId=i-10a64379',
      'Host: ec2.us-east-1.amazonaws.com',
    ],
  },
  {
    name: 'a Cloud Application Manager API body with credentials nested at several depths',
    input: JSON.stringify(
      {
        name: 'web-prod',
        provider: {
          type: 'Amazon Web Services',
          credentials: { accessKeyId: ACCESS_KEY, secretAccessKey: SECRET_KEY },
        },
        variables: [
          { name: 'DB_HOST', value: 'db.internal' },
          { name: 'db', config: { password: 'Hunter2-Prod!', port: 5432 } },
        ],
        apiKey: 'cam_live_51HxQ2eZvKYlo2C',
        privateKey:
          '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAx1\n-----END RSA PRIVATE KEY-----',
      },
      null,
      2,
    ),
    secrets: [
      ACCESS_KEY,
      SECRET_KEY,
      'Hunter2-Prod!',
      'cam_live_51HxQ2eZvKYlo2C',
      'MIIEowIBAAKCAQEAx1',
    ],
    found: {
      'aws-access-key-id': 1,
      'aws-secret-access-key': 1,
      password: 1,
      'api-key': 1,
      'private-key': 1,
    },
    kept: ['"name": "web-prod"', '"port": 5432', '"value": "db.internal"'],
  },
  {
    name: 'a JSON body carried as an escaped string inside another body',
    input: String.raw`{"request":"{\"user\":\"ops\",\"password\":\"s3cr3t-Inner\",\"region\":\"eu-west-1\"}"}`,
    secrets: ['s3cr3t-Inner'],
    found: { password: 1 },
    kept: [String.raw`\"region\":\"eu-west-1\"`],
  },
  {
    name: 'a curl command with a bearer token and a presigned S3 URL',
    input:
      `curl -H "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.sig" ` +
      `"https://bucket.s3.amazonaws.com/logs.tgz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=${ACCESS_KEY}%2F20261120%2Fus-east-1%2Fs3%2Faws4_request` +
      `&X-Amz-Date=20261120T000000Z&X-Amz-Expires=3600&X-Amz-Signature=${SIGNATURE}&X-Amz-Security-Token=FwoGZXIvYXdzEBAaDH7example1234567890abcdefghijklmnopqrstuvwxyz"`,
    secrets: ['eyJhbGciOiJIUzI1NiJ9', ACCESS_KEY, SIGNATURE, 'FwoGZXIvYXdzEBAaDH7example'],
    found: { authorization: 1, 'aws-access-key-id': 1, signature: 1, 'aws-session-token': 1 },
    kept: ['X-Amz-Expires=3600', 'https://bucket.s3.amazonaws.com/logs.tgz?'],
  },
  {
    name: 'an AWS credentials file and environment variables pasted from a box log',
    input: [
      '[default]',
      `aws_access_key_id = ${ACCESS_KEY}`,
      `aws_secret_access_key = ${SECRET_KEY}`,
      `aws_session_token=${SESSION_TOKEN}`,
      'region = us-east-1',
      'export DB_PASSWORD="correct horse battery"',
      "client_secret: 'x9Yq-Az'",
      'note: password=Xy7-later',
    ].join('\n'),
    secrets: [
      ACCESS_KEY,
      SECRET_KEY,
      SESSION_TOKEN,
      'correct horse battery',
      'x9Yq-Az',
      'Xy7-later',
    ],
    found: {
      'aws-access-key-id': 1,
      'aws-secret-access-key': 1,
      'aws-session-token': 1,
      password: 2,
      secret: 1,
    },
    kept: ['region = us-east-1', '[default]'],
  },
  {
    name: 'an elasticbox agent log with a cookie, a database URL and a bare key pair',
    input: [
      '2026-11-20 10:15:02,311 INFO  [agent] Connecting to wss://cam.ctl.io/services/agent',
      '2026-11-20 10:15:02,412 DEBUG [http] Cookie: sessionid=a8f5f167f44f4964e6c998dee827110c; csrftoken=Zx81',
      '2026-11-20 10:15:03,001 ERROR [deploy] failed: postgres://cam:Pg-Pass-42@10.0.3.12:5432/boxes',
      `2026-11-20 10:15:03,002 DEBUG [env] ${ACCESS_KEY} ${SECRET_KEY}`,
      '2026-11-20 10:15:03,100 INFO  [agent] instance i-0123456789abcdef0 ami-0abcdef1234567890 account 111122223333',
    ].join('\n'),
    secrets: ['a8f5f167f44f4964e6c998dee827110c', 'Pg-Pass-42', ACCESS_KEY, SECRET_KEY],
    found: { cookie: 1, 'url-password': 1, 'aws-access-key-id': 1, 'aws-secret-access-key': 1 },
    kept: [
      'i-0123456789abcdef0 ami-0abcdef1234567890 account 111122223333',
      'wss://cam.ctl.io/services/agent',
      'postgres://cam:',
    ],
  },
  {
    name: 'a truncated PEM key (the paste stopped before END)',
    input:
      'key file:\n-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\nAAAAMwAAAAtzc2gtZW',
    secrets: ['b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ', 'AAAAMwAAAAtzc2gtZW'],
    found: { 'private-key': 1 },
    kept: ['key file:'],
  },
  {
    name: 'ordinary text that only looks a little like secrets',
    input: [
      'commit 356a192b7913b04c54574d18c28d46e6395428ab',
      'request-id: 0c4b6a6e-1a5e-4f3c-9d61-8a1f2b3c4d5e',
      '{"tokenType": "Bearer", "secretName": "prod/db", "expiresIn": 3600, "productCode": "4w1vgsrkqdkypbz43g7qkk4uz"}',
      'Use a bearer token. The password policy says: rotate keys.',
      'https://console.aws.amazon.com/support/home#/case/create?issueType=technical',
    ].join('\n'),
    secrets: [],
    found: {},
  },
];

describe('redaction', () => {
  for (const c of CASES) {
    it(`redacts ${c.name}`, () => {
      const { text, found } = redact(c.input);
      for (const secret of c.secrets)
        assert.ok(!text.includes(secret), `"${secret}" survived in:\n${text}`);
      for (const part of c.kept ?? [])
        assert.ok(text.includes(part), `"${part}" was lost from:\n${text}`);
      assert.deepEqual(Object.fromEntries(found.map((f) => [f.kind, f.count])), c.found);
      if (c.secrets.length === 0) assert.equal(text, c.input);
    });
  }

  it('keeps a redacted JSON body valid JSON', () => {
    const body = JSON.stringify({
      user: 'ops',
      auth: { token: 'tok_live_a1b2c3d4', pin: 1234 },
      password: 'p@ss',
    });
    const parsed = JSON.parse(redact(body).text);
    // "auth" names a secret, so the whole object under it goes, as one string.
    assert.deepEqual(parsed, {
      user: 'ops',
      auth: '[REDACTED:authorization]',
      password: '[REDACTED:password]',
    });
  });

  it('describes what it removed by kind and count, never the values', () => {
    const { found } = redact(
      `a=${ACCESS_KEY} b=${ACCESS_KEY.replace('EXAMPLE', 'EXAMPLF')} password=hunter22`,
    );
    assert.equal(describeRedactions(found), '2 aws-access-key-id, 1 password');
  });

  it('knows which keys hold secrets, whatever their spelling', () => {
    for (const key of [
      'password',
      'DB_PASSWORD',
      'x-amz-security-token',
      'SessionToken',
      'privateKey',
      'private_key',
      'apiKey',
      'X-API-KEY',
      'client_secret',
      'refresh_token',
      'Cookie',
      'X-Amz-Signature',
    ]) {
      assert.ok(secretKindOfKey(key), key);
    }
    for (const key of [
      'name',
      'tokenType',
      'secretName',
      'token_url',
      'expiresIn',
      'passwordPolicy',
      'key',
      'instanceId',
    ]) {
      assert.equal(secretKindOfKey(key), undefined, key);
    }
  });

  describe('property: a planted secret never survives', () => {
    const alnum = (min: number, max: number) =>
      fc.stringMatching(new RegExp(`^[A-Za-z0-9]{${min},${max}}$`));
    const noise = fc
      .array(fc.lorem({ maxCount: 6 }), { maxLength: 4 })
      .map((lines) => lines.join('\n'));
    const secretKey = fc.tuple(alnum(37, 37)).map(([s]) => `aB3${s}`.slice(0, 40));
    const accessKey = fc.stringMatching(/^[A-Z2-7]{16}$/).map((s) => `AKIA${s}`);
    const value = alnum(6, 30).map((s) => `Zq9${s}`);
    const secretKeyName = fc.constantFrom(
      'password',
      'Password',
      'db_password',
      'secret',
      'clientSecret',
      'token',
      'accessToken',
      'api_key',
      'apiKey',
      'privateKey',
      'x-amz-security-token',
      'SessionToken',
    );

    /** Each generator yields [text with the secret in place, the secret]. */
    const planted = fc.oneof(
      fc
        .tuple(accessKey, fc.constantFrom(' ', '\n', '"', '=', ':'))
        .map(([k, sep]) => [`AccessKey${sep}${k}${sep}`, k]),
      secretKey.map((k) => [`${k}`, k]),
      fc
        .tuple(
          secretKeyName,
          value,
          fc.array(fc.constantFrom('a', 'config', 'items', 'auth'), { maxLength: 4 }),
          fc.integer({ min: 0, max: 4 }),
        )
        .map(([key, v, path, indent]) => {
          // Nest the secret at a random depth in a JSON body with some benign neighbours.
          let doc: unknown = { [key]: v, region: 'us-east-1' };
          for (const segment of path) doc = { [segment]: doc, id: 'box-1' };
          return [JSON.stringify(doc, null, indent), v];
        }),
      fc
        .tuple(
          fc.constantFrom(
            'Authorization',
            'authorization',
            'X-Amz-Security-Token',
            'Cookie',
            'X-Api-Key',
          ),
          value,
        )
        .map(([header, v]) => [`${header}: ${v}`, v]),
      fc
        .tuple(secretKeyName, value)
        .map(([key, v]) => [`https://api.example.com/v1/boxes?page=2&${key}=${v}&sort=name`, v]),
      value.map((v) => [`Authorization: Bearer ${v}${v}`, `${v}${v}`]),
      fc
        .array(fc.stringMatching(/^[A-Za-z0-9+/]{64}$/), { minLength: 1, maxLength: 4 })
        .map((lines) => [
          `-----BEGIN PRIVATE KEY-----\n${lines.join('\n')}\n-----END PRIVATE KEY-----`,
          lines[0],
        ]),
    );

    it('holds for secrets of every kind inside random text', () => {
      fc.assert(
        fc.property(noise, planted, noise, (before, [text, secret], after) => {
          fc.pre(!before.includes(secret) && !after.includes(secret));
          const result = redact(`${before}\n${text}\n${after}`);
          assert.ok(!result.text.includes(secret), `"${secret}" survived in:\n${result.text}`);
          assert.ok(result.found.length > 0);
        }),
        { numRuns: 400 },
      );
    });
  });
});
