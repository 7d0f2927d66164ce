// What every command's report paths (`--reports`, `report inspect PATH...`) stand for: local files
// and folders, and `s3://bucket/prefix/` or `s3://bucket/key.csv` read from S3 with the engineer's
// profile and region. Every command loads through here, and this through core's one loader
// (loadReports, which the extension uses too), so all of them read reports and S3 the same way.
import { loadS3Layer } from '../aws/lazy';
import type { AwsSettings } from '../aws/profiles';
import { isS3Url, parseS3Url } from '../aws/s3-url';
import { regionProblem } from '../core/confirmations';
import {
  loadReports,
  missingSubscriptionReport,
  ReportPathError,
  type LoadedReports,
  type ReportInput,
} from '../core/reports';
import type { ReadOptions } from '../core/reports';
import { SHARED_OPTIONS, type OptionDefinitions } from './command-definition';
import { UsageError } from './usage';

/** What a command that takes report paths also takes for s3:// ones: whose credentials, which region. */
export const S3_OPTIONS = {
  profile: { ...SHARED_OPTIONS.profile, help: `for s3:// reports: ${SHARED_OPTIONS.profile.help}` },
  region: {
    type: 'string',
    value: 'R',
    help: "for s3:// reports: the bucket's region\n(default: AWS_REGION, else AWS_DEFAULT_REGION, else the profile's region)",
  },
} as const satisfies OptionDefinitions;

export interface ReportPathOptions extends ReadOptions {
  /** The profile and region S3 paths are read with (the SDK's defaults when not given). */
  aws?: AwsSettings;
}

/**
 * Reads every report `paths` stand for, in the order given: local ones as folders and files (see
 * findReportFiles), `s3://` ones listed and streamed from S3. A path that cannot be used (missing,
 * a link loop, a bucket that does not exist or cannot be listed, credentials that fail) is a
 * UsageError (exit 2) saying what to do; an object that breaks off mid-way is a problem on its
 * line 1 and none of its rows are used.
 */
export async function loadReportPaths(
  paths: string[],
  opts: ReportPathOptions = {},
): Promise<LoadedReports> {
  const urls = paths.filter(isS3Url);
  for (const url of urls) {
    try {
      parseS3Url(url);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  }
  const badRegion =
    urls.length > 0 && opts.aws?.region && opts.aws.region !== 'auto'
      ? regionProblem(opts.aws.region, 'flag')
      : null;
  if (badRegion) throw new UsageError(badRegion);
  const s3 = urls.length > 0 ? new (await loadS3Layer()).S3Reports(opts.aws ?? {}) : undefined;
  // Local paths go to core's loader as they are; each s3:// one as a listing the AWS layer makes.
  const inputs = paths.map((path): ReportInput =>
    s3 && isS3Url(path) ? { list: (signal) => s3.list(path, signal) } : path,
  );
  try {
    return await loadReports(inputs, opts);
  } catch (error) {
    if (error instanceof ReportPathError) throw new UsageError(error.message);
    // The class lives in the S3 bundle (dist/s3.js): known by name, not by instanceof.
    if ((error as Error).name === 'S3ReportsError') throw new UsageError((error as Error).message);
    throw error;
  } finally {
    s3?.destroy();
  }
}

/**
 * loadReportPaths for an answer that needs subscriptions (a verdict): no subscription report among
 * them is a usage error (exit 2) that says what was found instead.
 */
export async function loadSubscriptionReports(
  paths: string[],
  opts: ReportPathOptions = {},
): Promise<LoadedReports> {
  const loaded = await loadReportPaths(paths, opts);
  const missing = missingSubscriptionReport(loaded);
  if (missing) throw new UsageError(missing);
  return loaded;
}

/** The settings --profile and --region give for S3 paths (none given: the SDK's defaults). */
export function s3Settings(values: { profile?: string; region?: string }): AwsSettings {
  return {
    ...(values.profile ? { profile: values.profile } : {}),
    ...(values.region ? { region: values.region } : {}),
  };
}
