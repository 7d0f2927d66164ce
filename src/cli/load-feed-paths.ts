// Report paths that are Seller Delivery Data Feeds roots: a local folder or an `s3://bucket/prefix/`
// holding `<feed>_<version>/year=YYYY/month=MM/data.csv` is read as feeds, every other path is left
// to the report loader (load-report-paths.ts), so `--reports` takes both kinds in one list.
import { loadS3Layer } from '../aws/lazy';
import type { AwsSettings } from '../aws/profiles';
import { isS3Url, parseS3Url } from '../aws/s3-url';
import {
  feedInputsFromFolder,
  isFeedRoot,
  listFeedFiles,
  loadFeeds,
  type FeedFocus,
  type FeedInput,
  type FeedSet,
} from '../core/feeds';
import { UsageError } from './usage';

/** What report paths stand for once feed roots are told apart. */
export interface SortedPaths {
  /** The paths that are not feed roots, in the order given: reports for loadReportPaths. */
  reportPaths: string[];
  /** The feed roots, as given. */
  feedRoots: string[];
  /** The feed roots read into one set (undefined when there is none). Paths are relative to the root; with several roots, prefixed by it. */
  feeds: FeedSet | undefined;
}

/**
 * Tells feed roots from report paths (a local folder by its files, an S3 prefix by its feed
 * folders) and reads the feed roots, keeping what `focus` needs (see FeedFocus). A bucket that
 * cannot be listed is a UsageError (exit 2) saying what to do, as for reports.
 */
export async function readFeedPaths(
  paths: readonly string[],
  opts: { aws?: AwsSettings; focus?: FeedFocus } = {},
): Promise<SortedPaths> {
  const reportPaths: string[] = [];
  const roots: { root: string; inputs: FeedInput[] }[] = [];
  const urls = paths.filter(isS3Url);
  const s3 = urls.length > 0 ? new (await loadS3Layer()).S3Reports(opts.aws ?? {}) : undefined;
  try {
    for (const path of paths) {
      if (s3 && isS3Url(path)) {
        try {
          parseS3Url(path);
        } catch (error) {
          throw new UsageError((error as Error).message);
        }
        const files = await s3.feedFiles(path);
        if (files)
          roots.push({
            root: path,
            inputs: files.map((f) => ({ path: f.path, chunks: () => f.source.open() })),
          });
        else reportPaths.push(path);
      } else if (await isFeedRoot(path)) {
        roots.push({ root: path, inputs: feedInputsFromFolder(path, await listFeedFiles(path)) });
      } else {
        reportPaths.push(path);
      }
    }
    const inputs =
      roots.length === 1
        ? roots[0].inputs
        : roots.flatMap((r) =>
            r.inputs.map((i) => ({ ...i, path: `${r.root.replace(/\/+$/, '')}/${i.path}` })),
          );
    const feeds =
      roots.length > 0
        ? await loadFeeds(inputs, opts.focus ? { focus: opts.focus } : {})
        : undefined;
    return { reportPaths, feedRoots: roots.map((r) => r.root), feeds };
  } catch (error) {
    // The class lives in the S3 bundle (dist/s3.js): known by name, not by instanceof.
    if ((error as Error).name === 'S3ReportsError') throw new UsageError((error as Error).message);
    throw error;
  } finally {
    s3?.destroy();
  }
}
