// How the views speak of reports read from S3: the "cached, fetched <time>" the Subscriptions view
// shows when S3 could not be used, and evidence links pointed at the cached copies (an s3:// name is
// not a file an editor can open). Pure (no 'vscode').
import { isS3Url } from '../../aws/s3-url';
import { fileLink } from '../../core/text';
import type { ServedFromCache } from './s3-report-sync';

/**
 * "cached, fetched 14:05" (today) or "cached, fetched 2026-11-29 14:05", for the oldest copies
 * served; undefined when every S3 path was read from S3.
 */
export function cachedDescription(
  cached: readonly ServedFromCache[],
  now = new Date(),
): string | undefined {
  if (cached.length === 0) return undefined;
  const oldest = new Date(Math.min(...cached.map((c) => c.fetchedAt.getTime())));
  const day = (d: Date) =>
    `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  const time = `${String(oldest.getHours()).padStart(2, '0')}:${String(oldest.getMinutes()).padStart(2, '0')}`;
  return `cached, fetched ${day(oldest) === day(now) ? time : `${day(oldest)} ${time}`}`;
}

/** One sentence per S3 path served from the cache: which, since when, why, and what to do. */
export function cachedNotes(cached: readonly ServedFromCache[]): string[] {
  return cached.map(
    (c) =>
      `⚠ ${c.url} is served from the copies fetched ${c.fetchedAt.toLocaleString()}: ${c.reason}. Retry (in this view's title) asks S3 again.`,
  );
}

/**
 * `markdown` (a tooltip) with each file link to an S3 object's name (`fileLink(s3://...)`) pointed
 * at its cached copy instead, from `copyOf`; links to names without a copy stay as they are.
 */
export function linkToCopies(
  markdown: string,
  files: readonly string[],
  copyOf: (name: string) => string | undefined,
): string {
  let out = markdown;
  for (const name of new Set(files.filter(isS3Url))) {
    const copy = copyOf(name);
    if (copy) out = out.split(`(${uriOf(name)}`).join(`(${uriOf(copy)}`);
  }
  return out;
}

/** The target fileLink writes for `path` (without a line). */
function uriOf(path: string): string {
  const link = fileLink(path);
  return link.slice(link.lastIndexOf('](') + 2, -1);
}
