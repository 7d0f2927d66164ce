// The configured report folders that are Seller Delivery Data Feeds roots (AWS's layout,
// `<feed>_<version>/year=YYYY/month=MM/data.csv`): told apart from report folders and read into one
// feed set, kept beside the reports' snapshot. Pure Node (no 'vscode').
import { join } from 'node:path';
import {
  feedInputsFromFolder,
  isFeedRoot,
  listFeedFiles,
  loadFeeds,
  type FeedSet,
} from '../../core/feeds';
import type { ReportLocation } from '../reports/report-paths';

/** The feeds read: the roots (absolute folders) and the set, whose paths are relative to its root (prefixed by the root's folder name when several). */
export interface LoadedFeeds {
  roots: string[];
  set: FeedSet;
}

/**
 * Splits `sources` into the folders that are feed roots and the rest (reports), reading the feed
 * roots whole (the tree shows every account). A root that cannot be listed is left to the report
 * loader, which says what is wrong with it. Rejects with the signal's reason when aborted.
 */
export async function readFeedRoots(
  sources: readonly ReportLocation[],
  signal?: AbortSignal,
): Promise<{ reports: ReportLocation[]; feeds: LoadedFeeds | undefined }> {
  const reports: ReportLocation[] = [];
  const roots: string[] = [];
  for (const source of sources) {
    if (source.kind === 'folder' && (await isFeedRoot(source.base))) roots.push(source.base);
    else reports.push(source);
  }
  if (roots.length === 0) return { reports, feeds: undefined };
  const inputs = [];
  for (const root of roots) {
    const files = await listFeedFiles(root);
    const prefix = roots.length === 1 ? '' : `${root.split(/[\\/]/).filter(Boolean).at(-1)}/`;
    inputs.push(
      ...feedInputsFromFolder(root, files).map((input) => ({
        ...input,
        path: prefix + input.path,
      })),
    );
  }
  return { reports, feeds: { roots, set: await loadFeeds(inputs, signal ? { signal } : {}) } };
}

/** The local file a feed evidence path (relative, as in LoadedFeeds) names, or undefined when no root holds it. */
export function feedFileOf(feeds: LoadedFeeds, file: string): string | undefined {
  if (feeds.roots.length === 1) return join(feeds.roots[0], ...file.split('/'));
  const [folder, ...rest] = file.split('/');
  const root = feeds.roots.find((r) => r.split(/[\\/]/).filter(Boolean).at(-1) === folder);
  return root ? join(root, ...rest) : undefined;
}
