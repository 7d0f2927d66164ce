// Issue 8, item 15: secret shapes that outside trials got through redaction, one test per kind, and
// the ordinary text that must come through untouched.
import * as assert from 'node:assert/strict';
import { redactingLog } from '../../../../src/ui/redacting-log';
import { redact, secretKindOfKey } from '../../../../src/core/redaction/redaction';

// AWS's documented example credentials, and an Ubuntu Pro contract token of the usual shape.
const ACCESS_KEY = 'AKIAIOSFODNN7EXAMPLE';
const SECRET_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const PRO_TOKEN = 'C1abcDEFghijKLMnopQRstuvWX';

/** Redacts `input` and checks that no secret survives and every kept part does. */
function assertRedacted(input: string, secrets: string[], kept: string[] = []): string {
  const { text } = redact(input);
  for (const secret of secrets)
    assert.ok(!text.includes(secret), `"${secret}" survived in:\n${text}`);
  for (const part of kept) assert.ok(text.includes(part), `"${part}" was lost from:\n${text}`);
  return text;
}

describe('redaction: shapes found by outside trials', () => {
  it('redacts Ubuntu Pro contract tokens in free text', () => {
    assertRedacted(
      [
        `$ sudo pro attach ${PRO_TOKEN}`,
        `ua attach --no-auto-enable ${PRO_TOKEN}x`,
        `Failed to attach machine: contract token ${PRO_TOKEN}y failed`,
      ].join('\n'),
      [PRO_TOKEN],
      ['sudo pro attach ', 'ua attach --no-auto-enable ', 'Failed to attach machine', 'failed'],
    );
    assert.deepEqual(redact(`pro attach ${PRO_TOKEN}`).found, [
      { kind: 'contract-token', count: 1 },
    ]);
  });

  it('redacts session tokens in STS XML', () => {
    // The STS documentation's example: no prefix a free-text rule knows, so the element name must do.
    const token =
      'AQoEXAMPLEH4aoAH0gNCAPyJxz4BlCFFxWNE1OPTgk5TthT+FvwqnKwRcOIfrRh3c/LTo6UDdyJwOOvEVPvLXCrrrUtdnniCEXAMPLE/IvU1dYUg2RVAJBanLiHb4IgRmpRV3zrkuWJOgQs8IZZaIv2BXIa2R4OlgkBN9bkUDNCJiBeb/AXlzBBko7b15fjrBs2+cTQtpZ3CYWFXG8C5zqx37wnOE49mRl/+OtkIKGO7fAE';
    const text = assertRedacted(
      [
        '<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><Credentials>',
        `  <AccessKeyId>ASIAIOSFODNN7EXAMPLE</AccessKeyId>`,
        `  <SecretAccessKey>${SECRET_KEY}</SecretAccessKey>`,
        `  <SessionToken>${token}</SessionToken>`,
        '  <Expiration>2026-11-23T12:00:00Z</Expiration>',
        '</Credentials></AssumeRoleResult></AssumeRoleResponse>',
      ].join('\n'),
      ['ASIAIOSFODNN7EXAMPLE', SECRET_KEY, token.slice(0, 30), token.slice(-30)],
      ['<Expiration>2026-11-23T12:00:00Z</Expiration>'],
    );
    assert.ok(text.includes('<SessionToken>[REDACTED:aws-session-token]</SessionToken>'), text);
  });

  it('redacts session tokens in free text whatever their first bytes and whatever is glued before them', () => {
    const tokens = [
      'IgoJb3JpZ2luX2VjEHcaCXVzLWVhc3QtMSJGMEQCIAplantedFreeTextOne',
      'FwoGZXIvYXdzEBYaDKplantedFreeTextTwo1234567890abcdefghijk',
      'AQoDYXdzEJr1plantedFreeTextThreeLegacyShape0987654321',
    ];
    assertRedacted(
      `creds: session ${tokens[0]}\nSessionToken:${tokens[1]}\nold token=${tokens[2]}`,
      tokens.map((t) => t.slice(4, 20)),
      ['creds: session '],
    );
  });

  it('redacts XML elements named for a secret', () => {
    assertRedacted(
      [
        '<Login><Username>ops</Username><Password>Hunter2-Prod!</Password></Login>',
        '<OAuth><ClientId>cam-desk</ClientId><ClientSecret>x9Yq-Az-secret</ClientSecret></OAuth>',
        '<wsse:Password Type="wsse:PasswordText">soap-pass-42</wsse:Password>',
        '<api_key><![CDATA[cam_live_51HxQ2eZvKYlo2C]]></api_key>',
      ].join('\n'),
      ['Hunter2-Prod!', 'x9Yq-Az-secret', 'soap-pass-42', 'cam_live_51HxQ2eZvKYlo2C'],
      [
        '<Username>ops</Username>',
        '<ClientId>cam-desk</ClientId>',
        '<wsse:Password Type="wsse:PasswordText">',
      ],
    );
  });

  it('redacts HAR exports: headers, cookies, query strings and form fields as name/value pairs', () => {
    const har = JSON.stringify(
      {
        log: {
          entries: [
            {
              request: {
                method: 'POST',
                url: 'https://portal.example.com/login',
                headers: [
                  { name: 'Accept', value: 'application/json' },
                  { name: 'Authorization', value: 'Basic b3BzOmh1bnRlcjI=' },
                  { name: 'x-amz-security-token', value: 'plantedHarSecurityToken' },
                ],
                cookies: [
                  { name: 'sessionid', value: 'a8f5f167f44f4964e6c998dee827110c', path: '/' },
                ],
                queryString: [
                  { name: 'page', value: '2' },
                  { name: 'api_key', value: 'plantedHarApiKey' },
                ],
                postData: {
                  mimeType: 'application/x-www-form-urlencoded',
                  params: [
                    { name: 'username', value: 'ops' },
                    { name: 'password', value: 'plantedHarPassword' },
                  ],
                },
              },
            },
          ],
        },
      },
      null,
      2,
    );
    const text = assertRedacted(
      har,
      [
        'b3BzOmh1bnRlcjI=',
        'plantedHarSecurityToken',
        'a8f5f167f44f4964e6c998dee827110c',
        'plantedHarApiKey',
        'plantedHarPassword',
      ],
      [
        '"value": "application/json"',
        '"value": "ops"',
        '"value": "2"',
        'https://portal.example.com/login',
      ],
    );
    assert.doesNotThrow(() => JSON.parse(text), 'the HAR is still JSON');
    // The same pairs in ECS task definitions and tags, and in .NET config attributes.
    assertRedacted(
      '{"Key": "DB_PASSWORD", "Value": "plantedTagValue"}\n<add key="DbPassword" value="plantedConfigValue" />',
      ['plantedTagValue', 'plantedConfigValue'],
      ['"Key": "DB_PASSWORD"', '<add key="DbPassword" value="'],
    );
  });

  it('redacts passwords given as command-line flags, mysql -pSECRET included', () => {
    assertRedacted(
      [
        'backup --user=ops --password=Flag-Eq-Secret --host db.internal',
        'tool --password "Flag Space Secret" --verbose',
        'aws configure set --client-secret flagClientSecret9',
        'mysql -h db.internal -u admin -pMysqlGlued42 shop',
        "mysqldump -uroot -p'Mysql Quoted' shop > shop.sql",
        'sshpass -p SshpassSecret ssh ops@10.0.3.12',
      ].join('\n'),
      [
        'Flag-Eq-Secret',
        'Flag Space Secret',
        'flagClientSecret9',
        'MysqlGlued42',
        'Mysql Quoted',
        'SshpassSecret',
      ],
      [
        '--host db.internal',
        '--verbose',
        'mysql -h db.internal -u admin -p',
        'shop > shop.sql',
        'ssh ops@10.0.3.12',
      ],
    );
    // -p alone makes mysql prompt: nothing to redact, and -P is the port.
    const prompt = 'mysql -u root -p -P 3306 shop';
    assert.equal(redact(prompt).text, prompt);
  });

  it('redacts *_PASS, *_PWD, *_TOKEN and *_SECRET environment assignments', () => {
    assertRedacted(
      [
        'export DB_PASS="Env Pass Secret"',
        'DB_PWD=envPwdSecret',
        'GITHUB_TOKEN=ghp_envTokenSecret123',
        'set API_SECRET=envSecretValue',
        'docker run -e SMTP_PASS=envDockerPass app',
      ].join('\n'),
      [
        'Env Pass Secret',
        'envPwdSecret',
        'ghp_envTokenSecret123',
        'envSecretValue',
        'envDockerPass',
      ],
      ['docker run -e SMTP_PASS=', ' app'],
    );
    for (const key of ['DB_PASS', 'dbPwd', 'PASS', 'smtp.pass'])
      assert.equal(secretKindOfKey(key), 'password', key);
    for (const key of ['BYPASS', 'compass', 'passwordFile', 'password-stdin'])
      assert.equal(secretKindOfKey(key), undefined, key);
  });

  it('redacts URL passwords whose user name holds an @', () => {
    assertRedacted(
      'git clone https://support@example.com:Url-Pass-42@git.example.com/desk.git',
      ['Url-Pass-42'],
      ['https://support@example.com:', '@git.example.com/desk.git'],
    );
  });

  it('redacts secret access keys without digits, after a /, or split across a line break', () => {
    const noDigits = 'wJalrXUtnFEMI/KxMDENG/bPxRfiCYEXAMPLEKEY';
    assertRedacted(`key pair ${ACCESS_KEY}/${SECRET_KEY}\nbare ${noDigits}\n`, [
      SECRET_KEY,
      noDigits,
    ]);
    assertRedacted(
      `aws_secret_access_key = ${SECRET_KEY.slice(0, 18)}\n${SECRET_KEY.slice(18)}\nregion = us-east-1`,
      [SECRET_KEY.slice(0, 18), SECRET_KEY.slice(18)],
      ['region = us-east-1'],
    );
    assertRedacted(
      `the keys: ${ACCESS_KEY} ${SECRET_KEY.slice(0, 25)}\n   ${SECRET_KEY.slice(25)} (wrapped)`,
      [SECRET_KEY.slice(0, 25), SECRET_KEY.slice(25)],
      ['(wrapped)'],
    );
  });

  it('redacts PGP private key blocks and PuTTY private keys', () => {
    const pgp = [
      '-----BEGIN PGP PRIVATE KEY BLOCK-----',
      'Version: GnuPG v2',
      '',
      'lQOYBGVplantedPgpBody0123456789abcdefABCDEF',
      '=plnt',
      '-----END PGP PRIVATE KEY BLOCK-----',
    ].join('\n');
    assertRedacted(
      `key:\n${pgp}\nthanks`,
      ['lQOYBGVplantedPgpBody', '=plnt', 'GnuPG'],
      ['key:', 'thanks'],
    );
    assertRedacted(`cut short:\n${pgp.split('\n').slice(0, 4).join('\n')}`, [
      'lQOYBGVplantedPgpBody',
    ]);
    for (const version of [2, 3]) {
      const ppk = [
        `PuTTY-User-Key-File-${version}: ssh-ed25519`,
        'Encryption: none',
        'Comment: ed25519-key-20261120',
        'Public-Lines: 2',
        'AAAAC3NzaC1lZDI1NTE5AAAAIPlantedPublicPart',
        'AAAA',
        'Private-Lines: 1',
        'AAAAIPlantedPuttyPrivatePart0123456789',
        'Private-MAC: 8d4fplantedmac',
      ].join('\r\n');
      assertRedacted(
        `my key:\r\n${ppk}\r\nNext: the log`,
        ['PlantedPuttyPrivatePart', 'plantedmac'],
        ['my key:', 'Next: the log'],
      );
    }
  });

  it('redacts JSON arrays and objects held by a secret key, keeping the JSON valid', () => {
    const body = JSON.stringify(
      {
        region: 'us-east-1',
        password: ['arrayPassOne', 'arrayPassTwo'],
        secret: { k: 'objectSecretValue', nested: [{ deep: 'deepSecretValue' }] },
      },
      null,
      2,
    );
    const text = assertRedacted(
      body,
      ['arrayPassOne', 'arrayPassTwo', 'objectSecretValue', 'deepSecretValue'],
      ['"region": "us-east-1"'],
    );
    assert.deepEqual(JSON.parse(text), {
      region: 'us-east-1',
      password: '[REDACTED:password]',
      secret: '[REDACTED:secret]',
    });
    assertRedacted("{'tokens': ['pyReprTokenOne', 'pyReprTokenTwo']}", [
      'pyReprTokenOne',
      'pyReprTokenTwo',
    ]);
  });

  it('leaves ordinary support text alone: ids, account numbers, product codes, dates, request ids, paths, names', () => {
    const ordinary = [
      'instance i-0123456789abcdef0 (ami-0abcdef1234567890) in account 111122223333, product code 8fp5ur6wt1yg6z0wy9h4pm1su',
      'prod-5qwz3vsg4kbfw subscribed 2026-11-20T10:15:00Z, last usage 2026-11-22',
      'RequestId: 0c4b6a6e-1a5e-4f3c-9d61-8a1f2b3c4d5e',
      'log at /var/lib/cloud/instances/i-0123456789abcdef0/user-data.txt and C:\\Users\\Support\\Downloads\\AWSMarketplaceReport.csv',
      'report s3://aws-marketplace-reports/seller/daily_business_subscriber_report/2026/11/22.csv',
      'home/Ubuntu/Reports/November/AccountsXYZ and GetSubscriptionReportsForAccountByRegion failed',
      'Ubuntu Pro token: phone support; channels: canonical-phone-support, canonical-support-portal',
      'The token expired. Use a bearer token. support-desk confirm --profile seller --region us-east-1',
      'mysql -u root -p shop',
    ].join('\n');
    assert.deepEqual(redact(ordinary), { text: ordinary, found: [] });
  });

  it('gives the extension a log whose every message is redacted', () => {
    const lines: unknown[][] = [];
    const channel = {
      name: 'Support Desk',
      info: (...args: unknown[]) => {
        lines.push(args);
      },
      error: (...args: unknown[]) => {
        lines.push(args);
      },
    };
    const log = redactingLog(channel);
    log.info(`credential_process failed: tool --password=${'LogPass-9'}`);
    log.error(new Error(`bad key ${SECRET_KEY}`));
    assert.equal(log.name, 'Support Desk', 'other members pass through');
    const text = JSON.stringify(lines);
    assert.ok(!text.includes('LogPass-9') && !text.includes(SECRET_KEY), text);
    assert.match(String(lines[1][0]), /^Error: bad key \[REDACTED:aws-secret-access-key\]/);
  });
});
