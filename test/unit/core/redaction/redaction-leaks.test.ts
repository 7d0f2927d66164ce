// Issue 17, item 3: the secret shapes an outside probe got through redaction (the secret scanners'
// shapes, and this product's own domain: Ubuntu Pro logs, single sign-on HARs), each gone with its
// context kept; and the values that are evidence, not secrets, kept as they are.
import * as assert from 'node:assert/strict';
import { redact } from '../../../../src/core/redaction/redaction';
import { fakeChars } from '../../../support/redaction-inputs';

const PRO_TOKEN = 'C1' + fakeChars(22, 101);
const BASE64 = `${fakeChars(86, 102, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/')}==`;
const gh = (prefix: string, seed: number) => `${prefix}_${fakeChars(36, seed)}`;
// A PKCS#12 file and an RSA key in base64, as `base64 -w0` prints them: the DER headers are real
// (SEQUENCE, version 3 / PKCS#8 version 0), the rest is filler.
const PKCS12 = `MIIKHAIBAzCCCeIGCSqGSIb3DQEHAaCCCdMEggnP${fakeChars(200, 103)}`;
const PEM_BODY = `MIIEvQIBADANBgkqhkiG9w0BAQEFAASC${fakeChars(60, 104)}`;

interface Shape {
  name: string;
  input: string;
  secrets: string[];
  /** What an engineer still needs from the line: it must survive. */
  kept: string[];
}

const SHAPES: Shape[] = [
  {
    name: 'a GitHub classic token',
    input: `GITHUB: ${gh('ghp', 1)} expired`,
    secrets: [gh('ghp', 1)],
    kept: ['GITHUB: ', ' expired'],
  },
  {
    name: 'a GitHub OAuth token',
    input: `oauth ${gh('gho', 2)}`,
    secrets: [gh('gho', 2)],
    kept: ['oauth '],
  },
  {
    name: 'a GitHub app token',
    input: `using ${gh('ghs', 3)} for checkout`,
    secrets: [gh('ghs', 3)],
    kept: ['using ', ' for checkout'],
  },
  {
    name: 'a GitHub fine-grained token',
    input: `gh auth: github_pat_${fakeChars(82, 4)}`,
    secrets: [fakeChars(82, 4).slice(0, 30)],
    kept: ['gh auth: '],
  },
  {
    name: 'a Slack bot token',
    input: `slack xoxb-123456789012-1234567890123-${fakeChars(24, 5)} posted`,
    secrets: [fakeChars(24, 5)],
    kept: ['slack ', ' posted'],
  },
  {
    name: 'a Slack user token',
    input: `SLACK=xoxp-123456789012-123456789012-123456789012-${fakeChars(32, 6)}`,
    secrets: [fakeChars(32, 6)],
    kept: ['SLACK='],
  },
  {
    name: 'a Slack webhook',
    input: `notify https://hooks.slack.com/services/T0${fakeChars(8, 7)}/B0${fakeChars(8, 8)}/${fakeChars(24, 9)} on failure`,
    secrets: [fakeChars(24, 9)],
    kept: ['notify ', ' on failure'],
  },
  {
    name: 'a Stripe secret key',
    input: `stripe sk_live_${fakeChars(24, 10)}`,
    secrets: [fakeChars(24, 10)],
    kept: ['stripe '],
  },
  {
    name: 'a Stripe restricted key',
    input: `billing uses rk_live_${fakeChars(24, 11)}.`,
    secrets: [fakeChars(24, 11)],
    kept: ['billing uses '],
  },
  {
    name: 'a Google API key',
    input: `maps: AIza${fakeChars(35, 12)}`,
    secrets: [fakeChars(35, 12)],
    kept: ['maps: '],
  },
  {
    name: 'a Google OAuth access token',
    input: `gcloud token ya29.a0${fakeChars(60, 13)} ok`,
    secrets: [fakeChars(60, 13)],
    kept: [' ok'],
  },
  {
    name: 'curl -u user:password',
    input: 'curl -s -u admin:Sup3r-Secret-1 https://landscape.example.com/api/',
    secrets: ['Sup3r-Secret-1'],
    kept: ['curl -s -u admin:', 'https://landscape.example.com/api/'],
  },
  {
    name: 'curl --user "user:password"',
    input: 'curl --user "deploy:An0ther-Secret" -X POST https://api.example.com/v1/boxes',
    secrets: ['An0ther-Secret'],
    kept: ['curl --user "deploy:', '-X POST https://api.example.com/v1/boxes'],
  },
  {
    name: "a token as a URL's user",
    input: `git clone https://${gh('ghp', 14)}@github.com/acme/app.git`,
    secrets: [gh('ghp', 14)],
    kept: ['git clone https://', '@github.com/acme/app.git'],
  },
  {
    name: 'an unknown token as a URL user',
    input: `fetching https://${fakeChars(40, 15)}@registry.example.com/v2/`,
    secrets: [fakeChars(40, 15)],
    kept: ['fetching https://', '@registry.example.com/v2/'],
  },
  {
    name: 'docker login -p',
    input: 'docker login -u AWS -p Dock3r-Pa55word 111122223333.dkr.ecr.us-east-1.amazonaws.com',
    secrets: ['Dock3r-Pa55word'],
    kept: ['docker login -u AWS -p ', '111122223333.dkr.ecr.us-east-1.amazonaws.com'],
  },
  {
    name: 'an Azure storage connection string',
    input: `DefaultEndpointsProtocol=https;AccountName=acmelogs;AccountKey=${BASE64};EndpointSuffix=core.windows.net`,
    secrets: [BASE64.slice(0, 40)],
    kept: ['AccountName=acmelogs;AccountKey=', ';EndpointSuffix=core.windows.net'],
  },
  {
    name: 'an Azure Service Bus connection string',
    input: `Endpoint=sb://acme.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${BASE64.slice(0, 44)}`,
    secrets: [BASE64.slice(0, 44)],
    kept: ['SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey='],
  },
  {
    name: 'a Kubernetes env entry named for a password',
    input:
      'env:\n  - name: DB_PASSWORD\n    value: k8s-Pa55-word\n  - name: DB_HOST\n    value: db.internal',
    secrets: ['k8s-Pa55-word'],
    kept: ['- name: DB_PASSWORD\n    value: ', 'value: db.internal'],
  },
  {
    name: "a Kubernetes Secret's tls.key",
    input: `kind: Secret\ntype: kubernetes.io/tls\ndata:\n  tls.crt: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t\n  tls.key: LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQ${fakeChars(40, 16)}`,
    secrets: [fakeChars(40, 16)],
    kept: ['kind: Secret', 'tls.crt: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t', 'tls.key: '],
  },
  {
    name: "a Kubernetes Secret's .dockerconfigjson",
    input: `data:\n  .dockerconfigjson: eyJhdXRocyI6eyJyZWdpc3RyeS5leGFtcGxlLmNvbSI6${fakeChars(40, 17)}\nkind: Secret`,
    secrets: [fakeChars(40, 17)],
    kept: ['.dockerconfigjson: ', 'kind: Secret'],
  },
  {
    name: 'a Landscape registration key',
    input:
      '[client]\nurl = https://landscape.example.com/message-system\nregistration_key = Landsc4pe-Reg-Key\naccount_name = standalone',
    secrets: ['Landsc4pe-Reg-Key'],
    kept: [
      'registration_key = ',
      'account_name = standalone',
      'url = https://landscape.example.com/message-system',
    ],
  },
  {
    name: 'landscape-config --registration-key',
    input:
      'sudo landscape-config --computer-title web1 --account-name standalone --registration-key R3g-Key-42',
    secrets: ['R3g-Key-42'],
    kept: ['--account-name standalone --registration-key '],
  },
  {
    name: 'a Redis URL with a password and no user',
    input: 'REDIS_URL=redis://:R3dis-Pa55@cache.internal:6379/0',
    secrets: ['R3dis-Pa55'],
    kept: ['redis://:', '@cache.internal:6379/0'],
  },
  {
    name: 'a GitLab token',
    input: `token for runner glpat-${fakeChars(20, 18)}`,
    secrets: [fakeChars(20, 18)],
    kept: ['token for runner '],
  },
  {
    name: 'an Oracle JDBC URL with user/password',
    input: 'url=jdbc:oracle:thin:scott/T1ger-Pw@//db.example.com:1521/ORCL',
    secrets: ['T1ger-Pw'],
    kept: ['jdbc:oracle:thin:scott/', '@//db.example.com:1521/ORCL'],
  },
  {
    name: '.env keys',
    input: `APP_KEY=base64:${BASE64.slice(0, 44)}\nSTRIPE_KEY=pk-${fakeChars(20, 19)}\nAPP_ENV=production`,
    secrets: [BASE64.slice(0, 44), fakeChars(20, 19)],
    kept: ['APP_KEY=', 'STRIPE_KEY=', 'APP_ENV=production'],
  },
  {
    name: 'an npm token',
    input: `publish with npm_${fakeChars(36, 20)}`,
    secrets: [fakeChars(36, 20)],
    kept: ['publish with '],
  },
  {
    name: 'an .npmrc auth token',
    input: '//registry.npmjs.org/:_authToken=3f1e2d4c-aaaa-4bbb-8ccc-123456789abc',
    secrets: ['3f1e2d4c-aaaa-4bbb-8ccc-123456789abc'],
    kept: ['//registry.npmjs.org/:_authToken='],
  },
  {
    name: 'a SendGrid key',
    input: `mail via SG.${fakeChars(22, 21)}.${fakeChars(43, 22)} failed`,
    secrets: [fakeChars(22, 21), fakeChars(43, 22)],
    kept: ['mail via ', ' failed'],
  },
  {
    name: 'PEM armour with spaces',
    input: `key:\n----- BEGIN RSA PRIVATE KEY -----\n${PEM_BODY}\n----- END RSA PRIVATE KEY -----\nafter`,
    secrets: [PEM_BODY.slice(0, 40)],
    kept: ['key:', 'after'],
  },
  {
    name: 'PEM armour on one line, pasted from an environment variable',
    input: `PRIVATE_PEM="-----BEGIN PRIVATE KEY----- ${PEM_BODY} -----END PRIVATE KEY-----" next`,
    secrets: [PEM_BODY.slice(0, 40)],
    kept: [' next'],
  },
  {
    name: 'a PKCS#12 file in base64',
    input: `echo ${PKCS12} | base64 -d > cert.p12`,
    secrets: [PKCS12.slice(0, 40), PKCS12.slice(-40)],
    kept: ['echo ', ' | base64 -d > cert.p12'],
  },
  {
    name: 'an unarmoured private key in base64',
    input: `key_b64 ${PEM_BODY}`,
    secrets: [PEM_BODY],
    kept: ['key_b64 '],
  },
  // Ubuntu Pro: the contract token as cloud-init and ubuntu-pro-client log it.
  {
    name: "cloud-init's Running command ['ua', 'attach', token]",
    input: `2026-11-20 10:15:02,311 - subp.py[DEBUG]: Running command ['ua', 'attach', '${PRO_TOKEN}'] with allowed return codes [0] (shell=False, capture=True)`,
    secrets: [PRO_TOKEN],
    kept: ["Running command ['ua', 'attach', '", "'] with allowed return codes [0]"],
  },
  {
    name: "cloud-init's Command: [...] with flags",
    input: `Unexpected error while running command.\nCommand: ['pro', 'attach', '--no-auto-enable', '${PRO_TOKEN}']\nExit code: 1`,
    secrets: [PRO_TOKEN],
    kept: ["Command: ['pro', 'attach', '--no-auto-enable', '", 'Exit code: 1'],
  },
  {
    name: "ubuntu-pro-client's Executed with sys.argv",
    input: `2026-11-20T10:15:02.311 DEBUG Executed with sys.argv: ['/usr/bin/ua', 'attach', '${PRO_TOKEN}']`,
    secrets: [PRO_TOKEN],
    kept: ["Executed with sys.argv: ['/usr/bin/ua', 'attach', '"],
  },
  {
    name: 'livepatch enable token',
    input: 'Running cmd: canonical-livepatch enable 0123456789abcdef0123456789abcdef',
    secrets: ['0123456789abcdef0123456789abcdef'],
    kept: ['canonical-livepatch enable '],
  },
  {
    name: 'livepatch enable in a command list',
    input:
      "Running command ['/snap/bin/canonical-livepatch', 'enable', 'fedcba9876543210fedcba9876543210'] with allowed return codes [0]",
    secrets: ['fedcba9876543210fedcba9876543210'],
    kept: ["'enable', '", 'with allowed return codes [0]'],
  },
  {
    name: "ubuntu-pro-client's 'resourceToken' changed to",
    input: `Contract value for 'resourceToken' changed to '${PRO_TOKEN}x' for livepatch`,
    secrets: [`${PRO_TOKEN}x`],
    kept: ["Contract value for 'resourceToken' changed to '", "' for livepatch"],
  },
  {
    name: 'a magic-attach userCode',
    input: '{"token": "", "userCode": "ZTQ2MG", "expires": "2026-11-20T10:25:02Z"}',
    secrets: ['ZTQ2MG'],
    kept: ['"userCode": "', '"expires": "2026-11-20T10:25:02Z"'],
  },
  // A HAR of a single sign-on login: what Okta and Auth0 tell customers to remove before sharing one.
  {
    name: 'the OAuth code in a HAR query string',
    input: `{"queryString": [{"name": "code", "value": "${fakeChars(43, 23)}"}, {"name": "state", "value": "af0ifjsldkj"}]}`,
    secrets: [fakeChars(43, 23)],
    kept: ['{"name": "code", "value": "', '{"name": "state", "value": "af0ifjsldkj"}'],
  },
  {
    name: 'the OAuth code in a callback URL',
    input: `"url": "https://app.example.com/callback?code=${fakeChars(43, 24)}&state=af0ifjsldkj"`,
    secrets: [fakeChars(43, 24)],
    kept: ['https://app.example.com/callback?code=', '&state=af0ifjsldkj'],
  },
  {
    name: 'code_verifier, SAMLResponse and authenticity_token in HAR form fields',
    input: [
      `{"name": "code_verifier", "value": "${fakeChars(43, 25)}"}`,
      `{"name": "SAMLResponse", "value": "PHNhbWxwOlJlc3BvbnNl${fakeChars(60, 26)}"}`,
      `{"name": "authenticity_token", "value": "${fakeChars(40, 27)}"}`,
      `"text": "code_verifier=${fakeChars(43, 28)}&grant_type=authorization_code"`,
    ].join('\n'),
    secrets: [fakeChars(43, 25), fakeChars(60, 26), fakeChars(40, 27), fakeChars(43, 28)],
    kept: ['"SAMLResponse", "value": "', 'grant_type=authorization_code'],
  },
  // The rest of secretlint's recommended preset.
  {
    name: 'an OpenAI key',
    input: `openai sk-proj-${fakeChars(74, 29)}T3BlbkFJ${fakeChars(74, 30)}`,
    secrets: [fakeChars(74, 30)],
    kept: ['openai '],
  },
  {
    name: 'a Linear key',
    input: `linear lin_api_${fakeChars(40, 31)}`,
    secrets: [fakeChars(40, 31)],
    kept: ['linear '],
  },
  {
    name: 'a Shopify token',
    input: `shop shpat_${fakeChars(32, 32, '0123456789abcdef')}`,
    secrets: [fakeChars(32, 32, '0123456789abcdef')],
    kept: ['shop '],
  },
  {
    name: 'an Anthropic key',
    input: `claude sk-ant-api03-${fakeChars(93, 33)}AA`,
    secrets: [fakeChars(93, 33)],
    kept: ['claude '],
  },
];

/** Values that are evidence, not secrets: each line must come through unchanged. */
const EVIDENCE = [
  '"PasswordLastUsed": "2026-11-20T10:15:02Z"',
  '"SecretArn": "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db-AbCdEf"',
  "signatureVersion: 'v4'",
  '"signatureVersion": "v4"',
  '"PasswordReusePrevention": 24',
  'PasswordReusePrevention=24 MaxPasswordAge=90',
  '"AllowUsersToChangePassword": true, "ExpirePasswords": false',
  '  FAIL signature: no AWS certificate for /rsa2048 is bundled (AWS hands out the RSA-2048 ones through AWS Support): ask the customer for /pkcs7 or /signature instead',
  '- name: DB_HOST\n  value: db.internal',
  '{"Code": "AccessDenied", "Message": "User is not authorized"}',
  'docker run -u 1000:1000 -p 8080:80 nginx',
  'error code=AccessDenied status=403',
  "const GROUPING_KEY = 'supportDesk.groupBy';",
  "if (typeof input.nextToken === 'string') token := next",
];

describe('redaction: secret shapes the probe found', () => {
  for (const shape of SHAPES) {
    it(`redacts ${shape.name}`, () => {
      const { text, found } = redact(shape.input);
      for (const secret of shape.secrets)
        assert.ok(!text.includes(secret), `"${secret}" survived in:\n${text}`);
      for (const part of shape.kept)
        assert.ok(text.includes(part), `"${part}" was lost from:\n${text}`);
      assert.ok(found.length > 0, 'nothing was counted');
    });
  }

  for (const line of EVIDENCE) {
    it(`keeps evidence: ${line.split('\n')[0].slice(0, 60)}`, () => {
      assert.equal(redact(line).text, line);
    });
  }
});
