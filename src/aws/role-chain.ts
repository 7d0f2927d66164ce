// Assume-role profiles (role_arn + source_profile): the chain of profiles down to the one that holds
// credentials, and STS's refusals in the profile's words. A chain that starts from a credential_process
// is walked here rather than by the SDK, whose runner waits for ever on a hung command and keeps no handle
// to kill it; every other chain is the SDK's (fromIni).
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentity } from '@smithy/types';
import { runCredentialProcess } from './credential-process';
import { CredentialsProblem, QUIET_SDK_LOGGER, redactSecrets, RoleRefused } from './errors';

type Profiles = ReadonlyMap<string, Record<string, string>>;

/**
 * The profiles from `name` down its source_profile links to a profile with a credential_process
 * (`[name]` when `name` has one itself), or undefined when the chain ends anywhere else (static keys,
 * SSO, credential_source, web identity, MFA, a cycle): those are the SDK's to resolve, as it does.
 * The order of checks is fromIni's: a source profile's static keys win over its own role_arn.
 */
export function credentialProcessChain(profiles: Profiles, name: string): string[] | undefined {
  const chain: string[] = [];
  for (let current: string | undefined = name; current !== undefined;) {
    const values = profiles.get(current);
    if (!values || chain.includes(current) || values.mfa_serial) return undefined;
    chain.push(current);
    if (chain.length > 1 && values.aws_access_key_id) return undefined;
    if (!values.role_arn)
      return values.credential_process && !values.aws_access_key_id ? chain : undefined;
    if (!values.source_profile || values.credential_source || values.web_identity_token_file)
      return undefined;
    current = values.source_profile;
  }
  return undefined;
}

/**
 * The credentials of `chain[0]`: the last profile's credential_process (killed at `limitMs`), then
 * AssumeRole for each role on the way back up, with the profile's role_session_name, external_id,
 * duration_seconds and region, as fromIni would. Throws a CredentialsProblem naming the profile
 * whose command failed or hung, and a RoleRefused when STS refuses a role.
 */
export async function credentialsThroughChain(
  profiles: Profiles,
  chain: readonly string[],
  limitMs: number,
): Promise<AwsCredentialIdentity> {
  const source = chain[chain.length - 1];
  const who =
    chain.length === 1
      ? `profile "${source}"`
      : `profile "${source}" (the source_profile of profile "${chain[chain.length - 2]}")`;
  let credentials: AwsCredentialIdentity;
  try {
    credentials = await runCredentialProcess(
      who,
      profiles.get(source)?.credential_process ?? '',
      limitMs,
    );
  } catch (error) {
    if (chain.length === 1 || error instanceof CredentialsProblem) throw error;
    throw new CredentialsProblem(
      `the credential_process of ${who} failed (${(error as Error).message}): run that command yourself to see why, fix it, then retry`,
    );
  }
  for (const name of chain.slice(0, -1).reverse()) {
    const role = profiles.get(name) ?? {};
    const assume = fromTemporaryCredentials({
      masterCredentials: credentials,
      params: {
        RoleArn: role.role_arn,
        RoleSessionName: role.role_session_name || `aws-sdk-js-${Date.now()}`,
        ...(role.external_id ? { ExternalId: role.external_id } : {}),
        DurationSeconds: Number.parseInt(role.duration_seconds || '3600', 10),
      },
      clientConfig: {
        profile: name,
        logger: QUIET_SDK_LOGGER,
        ...(role.region ? { region: role.region } : {}),
      },
    });
    credentials = await assume().catch((error: unknown) => {
      throw roleRefusal(error, chain[0], profiles) ?? error;
    });
  }
  return credentials;
}

/**
 * STS's answer to an AssumeRole of `profile`'s chain (an error with an HTTP status: the SDK's own
 * problems have none) as a RoleRefused naming the profile, the role STS refused (from its message,
 * else the profile's role_arn) and what to check; undefined for anything else.
 */
export function roleRefusal(
  error: unknown,
  profile: string,
  profiles: Profiles,
): RoleRefused | undefined {
  const e = error as {
    name?: string;
    message?: string;
    Code?: string;
    $metadata?: { httpStatusCode?: number; requestId?: string };
  };
  const values = profiles.get(profile);
  if (
    !values?.role_arn ||
    e?.$metadata?.httpStatusCode === undefined ||
    error instanceof CredentialsProblem
  )
    return undefined;
  const code = e.Code ?? e.name ?? 'Error';
  const role = /on resource: (arn:[^\s]+)/.exec(e.message ?? '')?.[1] ?? values.role_arn;
  const through = profileOfRole(profiles, profile, role);
  const whose =
    through && through !== profile
      ? `profile "${profile}" could not assume ${role} (through profile "${through}")`
      : `profile "${profile}" could not assume ${role}`;
  return new RoleRefused(
    `${whose} (${code} from STS: ${redactSecrets(e.message ?? code)}): check its external_id, source_profile and the role's trust policy ` +
      '(which principals may assume it, and the sts:ExternalId it requires), then retry',
    code,
    { ...(e.$metadata.requestId ? { requestId: e.$metadata.requestId } : {}) },
  );
}

/** The profile on `profile`'s source_profile chain whose role_arn is `role`, if any. */
function profileOfRole(profiles: Profiles, profile: string, role: string): string | undefined {
  const seen = new Set<string>();
  for (
    let name: string | undefined = profile;
    name !== undefined && !seen.has(name);
    name = profiles.get(name)?.source_profile
  ) {
    seen.add(name);
    if (profiles.get(name)?.role_arn === role) return name;
  }
  return undefined;
}
