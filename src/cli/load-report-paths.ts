// What every command's report paths (`--reports`, `report inspect PATH...`) stand for: local files
// and folders, and `s3://bucket/prefix/` or `s3://bucket/key.csv` read from S3 with the engineer's
// profile and region. One loader for every command, so all of them read S3 the same way.
import { loadS3Layer } from '../aws/lazy';
import type { AwsSettings } from '../aws/profiles';
import { isS3Url, parseS3Url } from '../aws/s3-url';
import { regionProblem } from '../core/confirmations';
import type { Problem } from '../core/domain';
import { combineReports, missingSubscriptionReport, type LoadedReports } from '../core/reports';
import { findReportFiles, ReportPathError } from '../core/reports';
import { readReport, readReportSource } from '../core/reports';
import type { ParsedReport, ReadOptions } from '../core/reports';
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
export async function loadReportPaths(paths: string[], opts: ReportPathOptions = {}): Promise<LoadedReports> {
  const urls = paths.filter(isS3Url);
  for (const url of urls) {
    try {
      parseS3Url(url);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  }
  const badRegion = urls.length > 0 && opts.aws?.region && opts.aws.region !== 'auto' ? regionProblem(opts.aws.region, 'flag') : null;
  if (badRegion) throw new UsageError(badRegion);
  const s3 = urls.length > 0 ? new (await loadS3Layer()).S3Reports(opts.aws ?? {}) : undefined;
  const reports: ParsedReport[] = [];
  const notes: Problem[] = [];
  try {
    for (const group of consecutive(paths)) {
      if (!s3 || !isS3Url(group[0])) {
        const found = await findReportFiles(group);
        notes.push(...found.notes);
        for (const file of found.files) reports.push(await readReport(file, opts));
        continue;
      }
      for (const url of group) {
        const listing = await s3.list(url, opts.signal);
        notes.push(...listing.notes);
        for (const source of listing.sources) reports.push(await readReportSource(source, opts));
      }
    }
  } catch (error) {
    if (error instanceof ReportPathError) throw new UsageError(error.message);
    // The class lives in the S3 bundle (dist/s3.js): known by name, not by instanceof.
    if ((error as Error).name === 'S3ReportsError') throw new UsageError((error as Error).message);
    throw error;
  } finally {
    s3?.destroy();
  }
  const loaded = combineReports(reports);
  return { ...loaded, problems: [...notes, ...loaded.problems] };
}

/**
 * loadReportPaths for an answer that needs subscriptions (a verdict): no subscription report among
 * them is a usage error (exit 2) that says what was found instead.
 */
export async function loadSubscriptionReports(paths: string[], opts: ReportPathOptions = {}): Promise<LoadedReports> {
  const loaded = await loadReportPaths(paths, opts);
  const missing = missingSubscriptionReport(loaded);
  if (missing) throw new UsageError(missing);
  return loaded;
}

/** The settings --profile and --region give for S3 paths (none given: the SDK's defaults). */
export function s3Settings(values: { profile?: string; region?: string }): AwsSettings {
  return { ...(values.profile ? { profile: values.profile } : {}), ...(values.region ? { region: values.region } : {}) };
}

/** Runs of local paths and of S3 URLs, in order: local ones together, so a file given twice is read once. */
function consecutive(paths: string[]): string[][] {
  const groups: string[][] = [];
  for (const path of paths) {
    const last = groups.at(-1);
    if (last && isS3Url(last[0]) === isS3Url(path)) last.push(path);
    else groups.push([path]);
  }
  return groups;
}
