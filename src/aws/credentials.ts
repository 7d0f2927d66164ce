// Credentials for the engineer's chosen profile (fromIni: static keys, SSO and sso-session,
// assume-role, credential_process) or, with no profile, the SDK's default Node chain.
// Providers are built per call with the file cache bypassed, so a new `aws sso login` or an edited
// credentials file counts on the next call; a batch memoizes one provider for its own duration only.
// Getting credentials has a time limit: a source that never answers must not hang a call.
import { fromIni, fromNodeProviderChain } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { profileNameProblem, shellQuote } from '../core/text';
import { CredentialsProblem, inSeconds, QUIET_SDK_LOGGER, redactSecrets } from './errors';
import {
  profileKind,
  profileLabel,
  readProfiles,
  sharedFilePaths,
  type AwsSettings,
} from './profiles';
import { credentialProcessChain, credentialsThroughChain, roleRefusal } from './role-chain';

export interface CredentialsLimits {
  /** How long getting credentials may take (a credential_process, an SSO or STS call), in ms; 10 s by default. */
  credentialsTimeoutMs?: number;
}

const DEFAULT_CREDENTIALS_TIMEOUT_MS = 10_000;

/**
 * The credentials of the chosen profile (else the default chain), bounded by `credentialsTimeoutMs`.
 * A credential_process, the profile's own or at the end of its roles' source_profile chain, runs here,
 * killed at the limit (role-chain.ts); any other source that has not answered by then fails with a
 * CredentialsProblem naming the profile and the limit. STS refusing a role is a RoleRefused.
 */
export function credentialProvider(
  settings: AwsSettings & CredentialsLimits,
): AwsCredentialIdentityProvider {
  const limitMs = settings.credentialsTimeoutMs ?? DEFAULT_CREDENTIALS_TIMEOUT_MS;
  return async () => {
    const profile = chainProfile(settings);
    const profiles = profile ? await readProfiles() : new Map<string, Record<string, string>>();
    const chain = profile ? credentialProcessChain(profiles, profile) : undefined;
    if (chain) return credentialsThroughChain(profiles, chain, limitMs);
    try {
      return await withTimeLimit(
        sdkProvider(settings)(),
        limitMs,
        () =>
          new CredentialsProblem(
            `the credentials of ${profile ? `profile "${profile}"` : 'the default chain'} did not arrive in ${inSeconds(limitMs)} s: check the network (SSO and STS are asked over it), then retry`,
          ),
      );
    } catch (error) {
      throw (profile && roleRefusal(error, profile, profiles)) || error;
    }
  };
}

/** The profile the SDK would read: the chosen one, AWS_PROFILE, or `default` unless keys in the environment come first. */
function chainProfile(settings: AwsSettings): string | null {
  const envKeys = process.env.AWS_ACCESS_KEY_ID && process.env.AWS_SECRET_ACCESS_KEY;
  return profileLabel(settings) ?? (envKeys ? null : 'default');
}

function sdkProvider(settings: AwsSettings): AwsCredentialIdentityProvider {
  return settings.profile
    ? fromIni({ profile: settings.profile, ignoreCache: true, logger: QUIET_SDK_LOGGER })
    : fromNodeProviderChain({ ignoreCache: true, logger: QUIET_SDK_LOGGER });
}

function withTimeLimit<T>(work: Promise<T>, limitMs: number, problem: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(problem()), limitMs);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/**
 * Resolves once and reuses until five minutes before expiry. A failure is remembered too: a session is
 * one confirmation or one batch, and a batch does not ask again for instances that failed on
 * credentials, so asking the source again for each of 1,000 instances would only multiply the wait
 * (a hung credential_process, ten seconds each). The next session asks afresh.
 */
export function memoizeCredentials(
  provider: AwsCredentialIdentityProvider,
): AwsCredentialIdentityProvider {
  let pending: Promise<AwsCredentialIdentity> | undefined;
  return async () => {
    const current = pending ? await pending.catch(() => undefined) : undefined;
    if (pending && !current) return pending;
    if (current && (!current.expiration || current.expiration.getTime() - Date.now() > 5 * 60_000))
      return current;
    pending = provider();
    return pending;
  };
}

/** Checks that the chosen profile exists and is readable by the SDK, before anything is sent. */
export async function assertProfileUsable(settings: AwsSettings): Promise<void> {
  const profile = profileLabel(settings);
  if (!profile) return;
  // "seller " (a trailing space in AWS_PROFILE) is a profile nobody defined: say so before anything else.
  const stray = profileNameProblem(profile, settings.profile ? 'the profile' : 'AWS_PROFILE');
  if (stray) throw new CredentialsProblem(stray);
  const paths = sharedFilePaths();
  const profiles = await readProfiles(paths);
  if (!profiles.has(profile)) {
    const known = [...profiles.keys()];
    throw new CredentialsProblem(
      `profile "${profile}" is not in ${paths.configFile} or ${paths.credentialsFile}: ` +
        (known.length ? `choose one of ${known.join(', ')}` : 'no profiles are defined') +
        `, or create it with "aws configure --profile ${shellQuote(profile)}" (or "aws configure sso"), then retry`,
    );
  }
  if (/\s/.test(profile)) {
    throw new CredentialsProblem(
      `profile "${profile}" has a space in its name, which the AWS SDK for JavaScript cannot read: rename it (e.g. "${profile.replace(/\s+/g, '-')}") in the AWS config files, then retry`,
    );
  }
}

/** What the engineer should do about a credentials failure, given the profile's kind. */
async function credentialsAdvice(settings: AwsSettings, detail: string): Promise<string> {
  const profile = profileLabel(settings);
  if (!profile) {
    return `no usable AWS credentials from the default chain (${detail}): choose a profile, or run "aws configure" or "aws sso login", then retry`;
  }
  const values = (await readProfiles()).get(profile) ?? {};
  switch (profileKind(values)) {
    case 'sso':
      return `the SSO session of profile "${profile}" has expired or is missing (${detail}): run "aws sso login --profile ${shellQuote(profile)}", then retry`;
    case 'credential-process':
      return `the credential_process of profile "${profile}" failed (${detail}): run that command yourself to see why, fix it, then retry`;
    case 'assume-role':
      return `profile "${profile}" could not assume its role (${detail}): check role_arn and source_profile (and that the source profile's credentials work), then retry`;
    case 'static':
      return `AWS did not accept the keys of profile "${profile}" (${detail}): update them in ${sharedFilePaths().credentialsFile} or run "aws configure --profile ${shellQuote(profile)}", then retry`;
    case 'other':
      return `profile "${profile}" has no credentials the SDK can use (${detail}): add keys, sso_session, role_arn or credential_process to it, then retry`;
  }
}

/**
 * A credentials failure in words, redacted as a whole (a credential source's own words can quote a
 * password or a key): a CredentialsProblem already says what to do; anything else gets advice.
 */
export async function credentialsMessage(settings: AwsSettings, error: unknown): Promise<string> {
  const text =
    error instanceof CredentialsProblem
      ? error.message
      : await credentialsAdvice(settings, (error as Error).message ?? String(error));
  return redactSecrets(await withoutCommandLines(text));
}

/**
 * The SDK quotes a failing credential_process's whole command line ("Command failed: …"), which may
 * carry a password that no pattern can recognize: every configured command line is taken out first.
 */
async function withoutCommandLines(text: string): Promise<string> {
  let out = text;
  for (const values of (await readProfiles()).values()) {
    if (values.credential_process)
      out = out.split(values.credential_process).join('<its credential_process command>');
  }
  return out;
}

export async function checkCredentials(
  settings: AwsSettings,
): Promise<{ ok: true } | { ok: false; message: string }> {
  try {
    await assertProfileUsable(settings);
    await credentialProvider(settings)();
    return { ok: true };
  } catch (error) {
    return { ok: false, message: await credentialsMessage(settings, error) };
  }
}
