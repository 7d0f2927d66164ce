// The region a confirmation goes to when none is named for the instance, in the order AWS's own tools
// use (AWS CLI v2's "Environment variables" page; botocore and the SDK for JavaScript agree where they
// read a source, checked by test): the --region flag, or in VS Code its equivalent the
// supportDesk.aws.region setting; then AWS_REGION; then AWS_DEFAULT_REGION; then the profile's
// `region`. No SDK here: the status bar resolves the region before the AWS layer is loaded.
import type { RegionSource } from '../core/confirmations';
import { shellQuote } from '../core/text';
import { profileLabel, readProfiles, sharedFilePaths, type AwsSettings } from './profiles';

/** A region name (or 'auto') and where it came from. */
export interface ResolvedRegion {
  region: string;
  source: RegionSource;
}

/** The environment variables that name a region, strongest first. An empty one counts as unset, as the SDK reads it. */
const REGION_VARIABLES = ['AWS_REGION', 'AWS_DEFAULT_REGION'] as const;

/**
 * The default region for `settings`, or null when no source names one. The profile is the chosen
 * one, else AWS_PROFILE, else `default`; its config files are read fresh on each call.
 */
export async function resolveRegion(
  settings: AwsSettings,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ResolvedRegion | null> {
  if (settings.region) return { region: settings.region, source: settings.regionSource ?? 'flag' };
  for (const name of REGION_VARIABLES) {
    const value = env[name];
    if (value) return { region: value, source: name };
  }
  const fromProfile = (await readProfiles(sharedFilePaths(env))).get(
    profileOf(settings, env),
  )?.region;
  return fromProfile ? { region: fromProfile, source: 'profile' } : null;
}

/** What to tell an engineer when no source names a region: each way to name one, the profile's own included. */
export function noRegionMessage(
  settings: AwsSettings,
  env: NodeJS.ProcessEnv = process.env,
): string {
  const profile = profileOf(settings, env);
  const configure = `aws configure set region us-east-1${profile === 'default' ? '' : ` --profile ${shellQuote(profile)}`}`;
  return (
    `no region: profile "${profile}" has none and neither AWS_REGION nor AWS_DEFAULT_REGION is set. ` +
    `Pass --region REGION (or "auto" to search the enabled regions; in VS Code, Select Region or the supportDesk.aws.region setting), ` +
    `set AWS_REGION, or give the profile one with "${configure}"`
  );
}

/** The profile whose `region` counts: the chosen one, else AWS_PROFILE, else `default`, as the SDK reads them. */
function profileOf(settings: AwsSettings, env: NodeJS.ProcessEnv): string {
  return profileLabel(settings, env) ?? 'default';
}
