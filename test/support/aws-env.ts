// A sandboxed AWS environment for tests: temp HOME (so ~/.aws and the SSO cache are private),
// temp config and credentials files, and no AWS_* variables leaking in from the machine.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Obviously fake keys in AWS's documented example style. */
export const FAKE_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
export const FAKE_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

export interface AwsSandbox {
  dir: string;
  home: string;
  configFile: string;
  credentialsFile: string;
  /** The variables a child process needs to see the same files. */
  env: NodeJS.ProcessEnv;
  write(files: { config?: string; credentials?: string }): void;
  restore(): void;
}

const VARIABLES = [
  'HOME',
  'AWS_CONFIG_FILE',
  'AWS_SHARED_CREDENTIALS_FILE',
  'AWS_PROFILE',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_EC2_METADATA_DISABLED',
  'AWS_ENDPOINT_URL_SSO',
  'SUPPORT_DESK_AUDIT',
];

/**
 * With `inProcess: false` the sandbox only exists for the children given its `env` (e.g. a
 * code-server whose extension host must see it), and this process keeps its own HOME.
 */
export function awsSandbox(
  files: { config?: string; credentials?: string } = {},
  { inProcess = true } = {},
): AwsSandbox {
  const dir = mkdtempSync(join(tmpdir(), 'support-desk-aws-'));
  const home = join(dir, 'home');
  mkdirSync(join(home, '.aws', 'sso', 'cache'), { recursive: true });
  const configFile = join(dir, 'config');
  const credentialsFile = join(dir, 'credentials');
  const saved = new Map(inProcess ? VARIABLES.map((name) => [name, process.env[name]]) : []);
  for (const name of saved.keys()) delete process.env[name];
  const env: NodeJS.ProcessEnv = {
    HOME: home,
    AWS_CONFIG_FILE: configFile,
    AWS_SHARED_CREDENTIALS_FILE: credentialsFile,
    AWS_EC2_METADATA_DISABLED: 'true',
  };
  if (inProcess) Object.assign(process.env, env);
  // A child inherits this process's AWS_* variables unless they are blanked.
  else
    for (const name of VARIABLES)
      if (!(name in env) && process.env[name] !== undefined) env[name] = '';
  const write = (next: { config?: string; credentials?: string }) => {
    if (next.config !== undefined) writeFileSync(configFile, next.config);
    if (next.credentials !== undefined) writeFileSync(credentialsFile, next.credentials);
  };
  write({ config: '', credentials: '', ...files });
  return {
    dir,
    home,
    configFile,
    credentialsFile,
    env,
    write,
    restore() {
      for (const [name, value] of saved) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function staticProfile(name: string, keyId = FAKE_KEY_ID, secret = FAKE_SECRET): string {
  return `[${name}]\naws_access_key_id = ${keyId}\naws_secret_access_key = ${secret}\n`;
}

export const SSO_START_URL = 'https://example.awsapps.com/start';

/** A profile signing in through an `sso-session` section, as `aws configure sso` writes it. */
export function ssoProfile(name: string, session: string, region: string): string {
  return (
    `[profile ${name}]\nsso_session = ${session}\nsso_account_id = 111122223333\nsso_role_name = MarketplaceSupport\nregion = ${region}\n\n` +
    `[sso-session ${session}]\nsso_start_url = ${SSO_START_URL}\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n`
  );
}

/** Writes the token cache `aws sso login` leaves under HOME/.aws/sso/cache (file named by the session's SHA-1). */
export function writeSsoToken(
  home: string,
  session: string,
  token: { accessToken: string; expiresAt: Date },
): void {
  const file = join(
    home,
    '.aws',
    'sso',
    'cache',
    `${createHash('sha1').update(session).digest('hex')}.json`,
  );
  writeFileSync(
    file,
    JSON.stringify({
      accessToken: token.accessToken,
      expiresAt: token.expiresAt.toISOString(),
      region: 'us-east-1',
      startUrl: SSO_START_URL,
    }),
  );
}
