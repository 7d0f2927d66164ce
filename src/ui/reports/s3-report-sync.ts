// Brings the S3 report paths' objects into the cache and gives them as sources to read: each path is
// listed again, only objects whose ETag changed are downloaded, and when S3 cannot be reached (offline,
// credentials expired, access denied, Restricted Mode) the path's cached copies serve instead, with
// the time they were fetched. Pure Node (no 'vscode').
import type { S3ProblemKind, S3Reports } from '../../aws/s3-layer';
import type { Problem } from '../../core/domain';
import type { ReportSource } from '../../core/reports';
import type { S3ReportCache } from './s3-report-cache';

/** An S3 report path served from the cache, and why S3 was not used. */
export interface ServedFromCache {
  url: string;
  kind: S3ProblemKind | 'restricted';
  /** When its copies were last listed and fetched from S3. */
  fetchedAt: Date;
  reason: string;
}

/** An S3 report path that gave nothing: S3 failed and nothing of it is cached. */
export interface S3PathFailure {
  url: string;
  kind: S3ProblemKind | 'restricted';
  message: string;
}

export interface S3SyncResult {
  /** Every object's source (its cached copy), path by path, in listing order. */
  sources: ReportSource[];
  /** Names (s3://bucket/key) downloaded by this sync: their reports must be read again. */
  fetched: Set<string>;
  /** The listings' notes (where the reports were found, what a prefix holds instead). */
  notes: Problem[];
  cached: ServedFromCache[];
  failures: S3PathFailure[];
}

/**
 * Lists each of `urls` with `s3` and downloads what changed into `cache`; `s3` undefined means S3
 * may not be asked (`offline` says why, e.g. Restricted Mode): the cache serves every path. An
 * object that cannot be downloaded serves its old copy, or, with none, a source whose reading fails
 * with S3's words (one problem, no rows). Writes the cache's index at the end. Throws only the
 * signal's reason.
 */
export async function syncS3Reports(
  urls: readonly string[],
  cache: S3ReportCache,
  s3: S3Reports | undefined,
  offline: string,
  signal?: AbortSignal,
): Promise<S3SyncResult> {
  await cache.load();
  const result: S3SyncResult = {
    sources: [],
    fetched: new Set(),
    notes: [],
    cached: [],
    failures: [],
  };
  for (const url of urls) {
    signal?.throwIfAborted();
    let listing;
    try {
      if (!s3) throw Object.assign(new Error(offline), { kind: 'restricted' });
      listing = await s3.list(url, signal);
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      serveCached(url, error as Error & { kind?: S3ProblemKind }, cache, result);
      continue;
    }
    let stale: ServedFromCache | undefined;
    for (const source of listing.sources) {
      signal?.throwIfAborted();
      if (await cache.isCurrent(source.object)) {
        result.sources.push(cache.source(source.name) ?? source);
        continue;
      }
      try {
        await cache.store(source.object, source.open(signal));
        result.fetched.add(source.name);
        result.sources.push(cache.source(source.name) ?? source);
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        const old = cache.source(source.name);
        if (old)
          stale ??= {
            url,
            kind: (error as { kind?: S3ProblemKind }).kind ?? 'unknown',
            fetchedAt: cache.fetchedAt(source.name) ?? new Date(),
            reason: (error as Error).message,
          };
        result.sources.push(old ?? failing(source.name, error as Error));
        if (!old) result.fetched.add(source.name);
      }
    }
    result.notes.push(...listing.notes);
    cache.setListing(
      url,
      listing.sources.map((s) => s.name),
      listing.notes,
    );
    if (stale) result.cached.push(stale);
  }
  await cache.save().catch(() => undefined);
  return result;
}

/** The path's last listing, from the cache; a failure when none was ever made. */
function serveCached(
  url: string,
  error: Error & { kind?: S3ProblemKind | 'restricted' },
  cache: S3ReportCache,
  result: S3SyncResult,
): void {
  const listing = cache.listing(url);
  const copies =
    listing?.names
      .map((name) => cache.source(name))
      .filter((s): s is ReportSource => s !== undefined) ?? [];
  if (!listing || copies.length < listing.names.length) {
    result.failures.push({ url, kind: error.kind ?? 'unknown', message: error.message });
    result.sources.push(...copies);
    return;
  }
  result.sources.push(...copies);
  result.notes.push(...listing.notes);
  result.cached.push({
    url,
    kind: error.kind ?? 'unknown',
    fetchedAt: new Date(listing.listedAt),
    reason: error.message,
  });
}

/** A source that cannot be read: its report is one problem with S3's words, and no rows. */
function failing(name: string, error: Error): ReportSource {
  return {
    name,
    open: () => ({
      [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(error) }),
    }),
  };
}
