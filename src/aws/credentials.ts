// Credentials for the engineer's chosen profile (fromIni: static keys, SSO and sso-session,
// assume-role, credential_process) or, with no profile, the SDK's default Node chain.
// Providers are built per call with the file cache bypassed, so a new `aws sso login` or an edited
// credentials file counts on the next call; a batch memoizes one provider for its own duration only.
import { fromIni, fromNodeProviderChain } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { redactSecrets } from './errors';
import { profileKind, readProfiles, sharedFilePaths } from './profiles';

export interface AwsSettings {
  profile?: string;
  region?: string;
  endpointUrl?: string;
}

/** The profile named in evidence: the chosen one, else the one the default chain reads (AWS_PROFILE). */
export function profileLabel(settings: AwsSettings): string | null {
  return settings.profile || process.env.AWS_PROFILE || null;
}

export function credentialProvider(settings: AwsSettings): AwsCredentialIdentityProvider {
  return settings.profile ? fromIni({ profile: settings.profile, ignoreCache: true }) : fromNodeProviderChain({ ignoreCache: true });
}

/** Resolves once and reuses until five minutes before expiry; a failure is not remembered. */
export function memoizeCredentials(provider: AwsCredentialIdentityProvider): AwsCredentialIdentityProvider {
  let pending: Promise<AwsCredentialIdentity> | undefined;
  return async () => {
    const current = pending ? await pending.catch(() => undefined) : undefined;
    if (current && (!current.expiration || current.expiration.getTime() - Date.now() > 5 * 60_000)) return current;
    pending = provider();
    pending.catch(() => { pending = undefined; });
    return pending;
  };
}

/** Thrown before any request when a profile cannot be used; its message says what to do. */
export class CredentialsProblem extends Error {
  override name = 'CredentialsProviderError';
}

/** Checks that the chosen profile exists and is readable by the SDK, before anything is sent. */
export async function assertProfileUsable(settings: AwsSettings): Promise<void> {
  const profile = profileLabel(settings);
  if (!profile) return;
  const paths = sharedFilePaths();
  const profiles = await readProfiles(paths);
  if (!profiles.has(profile)) {
    const known = [...profiles.keys()];
    throw new CredentialsProblem(
      `profile "${profile}" is not in ${paths.configFile} or ${paths.credentialsFile}: ` +
        (known.length ? `choose one of ${known.join(', ')}` : 'no profiles are defined') +
        `, or create it with "aws configure --profile ${profile}" (or "aws configure sso"), then retry`,
    );
  }
  if (/\s/.test(profile)) {
    throw new CredentialsProblem(`profile "${profile}" has a space in its name, which the AWS SDK for JavaScript cannot read: rename it (e.g. "${profile.replace(/\s+/g, '-')}") in the AWS config files, then retry`);
  }
}

/** What the engineer should do about a credentials failure, given the profile's kind. */
async function credentialsAdvice(settings: AwsSettings, sdkMessage: string): Promise<string> {
  const profile = profileLabel(settings);
  const detail = redactSecrets(sdkMessage);
  if (!profile) {
    return `no usable AWS credentials from the default chain (${detail}): choose a profile, or run "aws configure" or "aws sso login", then retry`;
  }
  const values = (await readProfiles()).get(profile) ?? {};
  switch (profileKind(values)) {
    case 'sso':
      return `the SSO session of profile "${profile}" has expired or is missing (${detail}): run "aws sso login --profile ${profile}", then retry`;
    case 'credential-process':
      return `the credential_process of profile "${profile}" failed (${detail}): run that command yourself to see why, fix it, then retry`;
    case 'assume-role':
      return `profile "${profile}" could not assume its role (${detail}): check role_arn and source_profile (and that the source profile's credentials work), then retry`;
    case 'static':
      return `AWS did not accept the keys of profile "${profile}" (${detail}): update them in ${sharedFilePaths().credentialsFile} or run "aws configure --profile ${profile}", then retry`;
    case 'other':
      return `profile "${profile}" has no credentials the SDK can use (${detail}): add keys, sso_session, role_arn or credential_process to it, then retry`;
  }
}

/** A credentials failure in words: a CredentialsProblem already says what to do; anything else gets advice. */
export async function credentialsMessage(settings: AwsSettings, error: unknown): Promise<string> {
  return error instanceof CredentialsProblem ? error.message : credentialsAdvice(settings, (error as Error).message ?? String(error));
}

export async function checkCredentials(settings: AwsSettings): Promise<{ ok: true } | { ok: false; message: string }> {
  try {
    await assertProfileUsable(settings);
    await credentialProvider(settings)();
    return { ok: true };
  } catch (error) {
    return { ok: false, message: await credentialsMessage(settings, error) };
  }
}
