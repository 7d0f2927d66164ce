// A sandboxed AWS environment for tests: temp HOME (so ~/.aws and the SSO cache are private),
// temp config and credentials files, and no AWS_* variables leaking in from the machine.
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

const VARIABLES = ['HOME', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_PROFILE', 'AWS_REGION', 'AWS_DEFAULT_REGION',
  'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_EC2_METADATA_DISABLED', 'SUPPORT_DESK_AUDIT'];

export function awsSandbox(files: { config?: string; credentials?: string } = {}): AwsSandbox {
  const dir = mkdtempSync(join(tmpdir(), 'support-desk-aws-'));
  const home = join(dir, 'home');
  mkdirSync(join(home, '.aws', 'sso', 'cache'), { recursive: true });
  const configFile = join(dir, 'config');
  const credentialsFile = join(dir, 'credentials');
  const saved = new Map(VARIABLES.map((name) => [name, process.env[name]]));
  for (const name of VARIABLES) delete process.env[name];
  const env = { HOME: home, AWS_CONFIG_FILE: configFile, AWS_SHARED_CREDENTIALS_FILE: credentialsFile, AWS_EC2_METADATA_DISABLED: 'true' };
  Object.assign(process.env, env);
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
