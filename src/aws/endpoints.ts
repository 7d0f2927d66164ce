// The endpoint URL a service's calls go to, configured the way AWS's own tools read it ("Service-specific
// endpoints" in the AWS SDKs and Tools Reference Guide): AWS_ENDPOINT_URL_<SERVICE>, then AWS_ENDPOINT_URL,
// then the profile's `services` section (`<service> =` / `  endpoint_url = ...`), then the profile's own
// `endpoint_url`; none of them when AWS_IGNORE_CONFIGURED_ENDPOINT_URLS or the profile's
// ignore_configured_endpoint_urls is true.
//
// Why not leave it to the SDK, which reads the same sources: the SDK reads the profile from AWS_PROFILE
// only, never the profile the client was given, so `--profile seller` would send calls to the endpoint
// of `default`. It also caches the config file for the life of the process, and the extension lives long.
import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import { profileLabel, sharedFilePaths, type AwsSettings } from './profiles';

export interface ConfiguredEndpoint {
  url: string;
  /** The variable (AWS_ENDPOINT_URL_...), or `services <name>` / `profile <name>` of the config file. */
  from: string;
}

/**
 * The configured endpoint for the service whose SDK service id is `serviceId` ("Marketplace Agreement"),
 * for the chosen profile (else AWS_PROFILE, else `default`), or null when none is configured. The config
 * file is read fresh on each call. Throws an Error saying what to fix when the profile names a
 * `services` section the file does not have (as the AWS CLI refuses it too).
 */
export async function configuredEndpoint(
  serviceId: string,
  settings: AwsSettings,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ConfiguredEndpoint | null> {
  const envName = `AWS_ENDPOINT_URL_${serviceId.toUpperCase().replace(/ /g, '_')}`;
  const { configFile } = await loadSharedConfigFiles({
    ignoreCache: true,
    configFilepath: sharedFilePaths(env).configFile,
    filepath: sharedFilePaths(env).credentialsFile,
  });
  const profileName = profileLabel(settings, env) ?? 'default';
  const profile = configFile[profileName] ?? {};
  if (isTrue(env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS ?? profile.ignore_configured_endpoint_urls))
    return null;
  for (const name of [envName, 'AWS_ENDPOINT_URL']) {
    if (env[name]) return { url: env[name], from: name };
  }
  if (profile.services) {
    const section = configFile[`services.${profile.services}`];
    if (!section)
      throw new Error(
        `profile "${profileName}" names services section "${profile.services}", which the config file does not have: add [services ${profile.services}] or remove "services" from the profile`,
      );
    const url = section[`${serviceId.toLowerCase().replace(/ /g, '_')}.endpoint_url`];
    if (url) return { url, from: `services ${profile.services}` };
  }
  if (profile.endpoint_url) return { url: profile.endpoint_url, from: `profile ${profileName}` };
  return null;
}

function isTrue(value: string | undefined): boolean {
  return value?.trim().toLowerCase() === 'true';
}
