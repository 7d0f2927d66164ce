// Secrets recognised by their own shape, wherever they stand: the vendor tokens that the secret
// scanners maintain, plus the private-key encodings this product's customers paste.
//
// Sources, kept current by `node scripts/secret-shapes.mjs` (it runs the installed secretlint rules
// and these shapes over the same samples and names any rule or sample they disagree on):
// - secretlint `@secretlint/secretlint-rule-preset-recommend` 10.2.2 (aws, gcp, privatekey, npm,
//   basicauth, slack, sendgrid, shopify, github, openai, linear, 1password; its AWS account-id rule is
//   left out on purpose: account ids are this product's evidence);
// - gitleaks config/gitleaks.toml at v8.30.0 (gcp-api-key, stripe-access-token, gitlab-pat,
//   slack-webhook-url, sendgrid-api-token, npm-access-token, anthropic-api-key).
//
// Every pattern is linear: it opens with a fixed prefix that cannot start inside a word of its own
// characters (a lookbehind), and its repetitions are over one class each, with a bound.

/** What a redaction removed, as `[REDACTED:kind]` names it. */
export type SecretKind =
  | 'private-key'
  | 'authorization'
  | 'aws-session-token'
  | 'aws-secret-access-key'
  | 'aws-access-key-id'
  | 'signature'
  | 'cookie'
  | 'password'
  | 'api-key'
  | 'token'
  | 'secret'
  | 'bearer-token'
  | 'jwt'
  | 'url-password'
  | 'contract-token'
  | 'oversize';

export interface SecretShape {
  /** The scanners' rule id this shape follows. */
  id: string;
  kind: SecretKind;
  /** Global; matches the whole secret, which is replaced. */
  pattern: RegExp;
}

export const SECRET_SHAPES: SecretShape[] = [
  {
    id: 'github-token',
    kind: 'token',
    pattern: /(?<![A-Za-z0-9_])(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9_]{36,251}/g,
  },
  {
    id: 'github-fine-grained-pat',
    kind: 'token',
    pattern: /(?<![A-Za-z0-9_])github_pat_\w{82,251}/g,
  },
  {
    id: 'gitlab-pat',
    kind: 'token',
    pattern: /(?<![A-Za-z0-9_-])gl(?:pat|dt|rt|ptt)-[\w-]{20,64}/g,
  },
  {
    id: 'slack-token',
    kind: 'token',
    pattern: /(?<![A-Za-z0-9_-])(?:xox[abeoprs]|xapp)-[A-Za-z0-9-]{10,250}/g,
  },
  {
    id: 'slack-webhook-url',
    kind: 'token',
    pattern:
      /(?<![\w.-])hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9+/]{20,120}/g,
  },
  {
    id: 'stripe-access-token',
    kind: 'api-key',
    pattern: /(?<![A-Za-z0-9_])(?:sk|rk|whsec)_(?:live|test|prod)_[A-Za-z0-9]{10,99}/g,
  },
  { id: 'gcp-api-key', kind: 'api-key', pattern: /(?<![\w-])AIza[\w-]{35}/g },
  { id: 'gcp-oauth-access-token', kind: 'token', pattern: /(?<![\w.-])ya29\.[\w-]{20,2048}/g },
  { id: 'npm-access-token', kind: 'token', pattern: /(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}/g },
  {
    id: 'sendgrid-api-token',
    kind: 'api-key',
    pattern: /(?<![A-Za-z0-9])SG\.[\w-]{16,128}\.[\w-]{16,128}/g,
  },
  {
    id: 'shopify-token',
    kind: 'token',
    pattern: /(?<![A-Za-z0-9_])(?:shppa|shpca|shpat|shpss)_[a-zA-Z0-9]{32,64}/g,
  },
  {
    id: 'openai-api-key',
    kind: 'api-key',
    pattern: /(?<![\w-])sk-(?:(?:proj|svcacct|admin)-)?[\w-]{20,200}T3BlbkFJ[\w-]{20,200}/g,
  },
  {
    id: 'anthropic-api-key',
    kind: 'api-key',
    pattern: /(?<![\w-])sk-ant-(?:api|admin)\d{2}-[\w-]{80,120}/g,
  },
  {
    id: 'linear-api-key',
    kind: 'api-key',
    pattern: /(?<![A-Za-z0-9_])lin_api_[a-zA-Z0-9_]{32,128}/g,
  },
  {
    id: '1password-service-account-token',
    kind: 'token',
    pattern: /(?<![A-Za-z0-9_])ops_ey[A-Za-z0-9+/=]{100,1280}/g,
  },
  {
    // DER private keys and PKCS#12 files in base64, unarmoured: SEQUENCE, then version 0 (PKCS#1 and
    // PKCS#8 keys) or 3 (PKCS#12), "MII" + two length characters + "[AQgw]IBA"; and base64 of a PEM
    // private key ("-----BEGIN ... PRIVATE KEY", as Kubernetes Secrets hold it). Wrapped lines of 60
    // to 76 characters too.
    id: 'private-key-base64',
    kind: 'private-key',
    pattern:
      /(?<![A-Za-z0-9+/])(?:MII[A-Za-z0-9+/]{2}[AQgw]IBA(?:zCC|DAN|AKC)|LS0tLS1CRUdJTi[A-Za-z0-9+/]{0,24}(?:UFJJVkFURSBLRV|BSSVZBVEUgS0VZ|QUklWQVRFIEtFW))[A-Za-z0-9+/=]*(?:\r?\n[A-Za-z0-9+/]{60,76}={0,2}(?![A-Za-z0-9+/=]))*/g,
  },
];
