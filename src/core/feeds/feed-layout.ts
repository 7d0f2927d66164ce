// AWS's layout of a feed root: `<feed>_<version>/year=YYYY/month=MM/data.csv`, one file a month, the
// history from 2010-01 to 2020-04 backfilled under `year=2010/month=01`. The layout names the month;
// which feed a file holds is its header's business (feed-columns.ts).
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileChunks } from '../csv';
import type { FeedEvidence, FeedFileLayout, FeedInput } from './feed-types';

const FOLDER = /^(.+)_(v\d+)$/i;
const YEAR = /^year=(\d{4})$/;
const MONTH = /^month=(\d{2})$/;
const FILE = /^data\.csv(?:\.gz)?$/i;

/**
 * The layout of a path under a feed root (`/` or `\` separators): folder, feed name and version,
 * year and month, and whether it is the backfill (`year=2010/month=01`). Undefined for any other path.
 */
export function feedFileLayout(path: string): FeedFileLayout | undefined {
  const parts = path.split(/[\\/]/).filter((p) => p !== '');
  if (parts.length < 4) return undefined;
  const [folder, yearPart, monthPart, file] = parts.slice(-4);
  const f = FOLDER.exec(folder);
  const y = YEAR.exec(yearPart);
  const m = MONTH.exec(monthPart);
  if (!f || !y || !m || !FILE.test(file)) return undefined;
  const year = Number(y[1]);
  const month = Number(m[1]);
  if (month < 1 || month > 12) return undefined;
  return { folder, name: f[1], version: f[2], year, month, backfill: year === 2010 && month === 1 };
}

/** `agreementfeed_v1/year=2026/month=11/data.csv:42`: how a row's place is shown, in problems and evidence. */
export function describeFeedPlace(place: FeedEvidence): string {
  return `${place.file}:${place.line}`;
}

/**
 * Every file in AWS's layout under `root` (a local folder), as paths relative to it with `/`
 * separators, sorted (so months come in order). Folders that are not in the layout are skipped, not
 * searched. Rejects with the file system's error when `root` cannot be read.
 */
export async function listFeedFiles(root: string): Promise<string[]> {
  const found: string[] = [];
  for (const folder of await subfolders(root)) {
    if (!FOLDER.test(folder)) continue;
    for (const year of await subfolders(join(root, folder))) {
      if (!YEAR.test(year)) continue;
      for (const month of await subfolders(join(root, folder, year))) {
        if (!MONTH.test(month)) continue;
        const entries = await readdir(join(root, folder, year, month), { withFileTypes: true });
        for (const e of entries)
          if (e.isFile() && FILE.test(e.name)) found.push(`${folder}/${year}/${month}/${e.name}`);
      }
    }
  }
  return found.filter((p) => feedFileLayout(p) !== undefined).sort();
}

/** True when `path` is a folder holding at least one file in AWS's feed layout (see listFeedFiles). */
export async function isFeedRoot(path: string): Promise<boolean> {
  try {
    if (!(await stat(path)).isDirectory()) return false;
    return (await listFeedFiles(path)).length > 0;
  } catch {
    return false;
  }
}

/** The files `paths` (relative, from listFeedFiles) under `root`, as inputs for loadFeeds. */
export function feedInputsFromFolder(root: string, paths: readonly string[]): FeedInput[] {
  return paths.map((path) => ({ path, chunks: () => fileChunks(join(root, ...path.split('/'))) }));
}

async function subfolders(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries.filter((e) => e.isDirectory()).map((e) => e.name);
}
