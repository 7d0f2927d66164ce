// The extension's copies of the reports it read from S3, in its global storage, keyed by bucket/key
// and kept with the ETag they had: a Refresh downloads only objects whose ETag changed, and when S3
// cannot be reached the copies serve. Gzipped objects are kept gunzipped, so that evidence links
// open them at their line. Pure Node (no 'vscode').
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import type { S3ReportObject } from '../../aws/s3-layer';
import { s3Url } from '../../aws/s3-url';
import { fileChunks } from '../../core/csv';
import type { Problem } from '../../core/domain';
import { describeBytes } from '../../core/files';
import type { ReportSource } from '../../core/reports';

/** One cached object: what S3 said of it when it was fetched, and where its copy is. */
export interface CachedObject {
  bucket: string;
  key: string;
  etag: string;
  /** Size and last modification in S3 (ISO 8601). */
  bytes: number;
  modified: string;
  /** When the copy was downloaded (ISO 8601). */
  fetchedAt: string;
  /** The copy, relative to the cache's folder. */
  file: string;
}

/** What an S3 report path stood for the last time it could be listed. */
export interface CachedListing {
  /** When it was listed (ISO 8601). */
  listedAt: string;
  /** The objects' names (s3://bucket/key), in listing order. */
  names: string[];
  notes: Problem[];
}

interface CacheIndex {
  version: 1;
  objects: Record<string, CachedObject>;
  listings: Record<string, CachedListing>;
}

const INDEX = 'index.json';

export class S3ReportCache {
  private index: CacheIndex = { version: 1, objects: {}, listings: {} };
  private loaded?: Promise<void>;

  /** `root`: a folder of the extension's own (its global storage), created on first write. */
  constructor(readonly root: string) {}

  /** Reads the index once; a missing or damaged one is an empty cache (the objects are fetched again). */
  load(): Promise<void> {
    this.loaded ??= readFile(join(this.root, INDEX), 'utf8')
      .then(
        (text) => {
          const parsed = JSON.parse(text) as Partial<CacheIndex>;
          if (parsed.version === 1 && parsed.objects && parsed.listings)
            this.index = parsed as CacheIndex;
        },
        () => undefined,
      )
      .catch(() => undefined);
    return this.loaded;
  }

  /** The local copy of the object named `name` (s3://bucket/key), if one is cached. */
  copyOf(name: string): string | undefined {
    const cached = this.index.objects[name];
    return cached ? join(this.root, cached.file) : undefined;
  }

  /** True when the copy of `object` has its ETag (and is still on disk): nothing to download. */
  async isCurrent(object: S3ReportObject): Promise<boolean> {
    const cached = this.index.objects[s3Url(object.bucket, object.key)];
    if (!cached || cached.etag !== object.etag) return false;
    return (await stat(join(this.root, cached.file)).catch(() => undefined))?.isFile() === true;
  }

  /**
   * Writes `chunks` (the object's body) as the copy of `object`, gunzipped when it is gzip data;
   * the old copy is replaced only once the new one is whole. Rejects with what the stream throws, and
   * with a CopyTooBig (nothing kept) when gunzipping grows past copyLimit: a gzip bomb never fills the disk.
   */
  async store(object: S3ReportObject, chunks: AsyncIterable<Uint8Array>): Promise<void> {
    const name = s3Url(object.bucket, object.key);
    const file = copyPath(object);
    const path = join(this.root, file);
    await mkdir(join(path, '..'), { recursive: true });
    const part = `${path}.part`;
    try {
      await writeGunzipped(chunks, part, copyLimit(object.bytes), name);
      await rename(part, path);
    } catch (error) {
      await rm(part, { force: true });
      throw error;
    }
    this.index.objects[name] = {
      bucket: object.bucket,
      key: object.key,
      etag: object.etag,
      bytes: object.bytes,
      modified: object.modified.toISOString(),
      fetchedAt: new Date().toISOString(),
      file,
    };
  }

  /** The cached copy as a ReportSource named s3://bucket/key, or undefined when none is cached. */
  source(name: string): ReportSource | undefined {
    const cached = this.index.objects[name];
    if (!cached) return undefined;
    const path = join(this.root, cached.file);
    return {
      name,
      modified: new Date(cached.modified),
      open: (signal) => fileChunks(path, signal),
    };
  }

  /** When the copy of `name` was downloaded. */
  fetchedAt(name: string): Date | undefined {
    const cached = this.index.objects[name];
    return cached ? new Date(cached.fetchedAt) : undefined;
  }

  listing(url: string): CachedListing | undefined {
    return this.index.listings[url];
  }

  setListing(url: string, names: string[], notes: Problem[]): void {
    this.index.listings[url] = { listedAt: new Date().toISOString(), names, notes };
  }

  /** Writes the index (then the copies it names are the ones on disk). */
  async save(): Promise<void> {
    await mkdir(this.root, { recursive: true });
    const path = join(this.root, INDEX);
    await writeFile(`${path}.part`, JSON.stringify(this.index));
    await rename(`${path}.part`, path);
  }
}

/**
 * Where the copy of an object goes, relative to the cache: its bucket, a folder named by a hash of
 * the key (any key, even "../x" or 1,024 bytes long, stays inside), and the key's last segment
 * without ".gz" (kept gunzipped), so an editor tab shows the report's own name.
 */
function copyPath(object: S3ReportObject): string {
  const hash = createHash('sha256').update(object.key).digest('hex').slice(0, 24);
  const last = object.key.slice(object.key.lastIndexOf('/') + 1).replace(/\.gz$/i, '');
  const safe =
    last
      .replace(/[^A-Za-z0-9._-]/g, '_')
      .replace(/^\.+/, '_')
      .slice(0, 120) || 'report.csv';
  return join(object.bucket, hash, safe);
}

/** A gunzipped copy may be this many times its object's size: real CSV reports shrink 5 to 20 times. */
const COPY_GROWTH = 100;
/** ... and at least this big, whatever its object's size. */
const COPY_FLOOR_BYTES = 64 * 1024 * 1024;

/** The most bytes the copy of an object of `objectBytes` may hold: 100 times the object, at least 64 MiB. */
export function copyLimit(objectBytes: number): number {
  return Math.max(COPY_FLOOR_BYTES, COPY_GROWTH * objectBytes);
}

/** Gunzipping an object grew past copyLimit; `message` names the object and the sizes and says what to do. */
export class CopyTooBig extends Error {
  override name = 'CopyTooBig';
}

/**
 * Writes `chunks` to `path`, gunzipped when the first chunk starts with gzip's two bytes (1f 8b; an
 * HTTP body's first chunk is never shorter), stopping with a CopyTooBig (named `name`) once more than
 * `limit` bytes would be written.
 */
async function writeGunzipped(
  chunks: AsyncIterable<Uint8Array>,
  path: string,
  limit: number,
  name: string,
): Promise<void> {
  const iterator = chunks[Symbol.asyncIterator]();
  const first = await iterator.next();
  async function* all(): AsyncGenerator<Uint8Array> {
    if (first.done) return;
    yield first.value;
    for (let next = await iterator.next(); !next.done; next = await iterator.next())
      yield next.value;
  }
  const gzip = !first.done && first.value[0] === 0x1f && first.value[1] === 0x8b;
  let written = 0;
  const bounded = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      written += chunk.byteLength;
      if (written <= limit) return done(null, chunk);
      done(
        new CopyTooBig(
          `${name}: gunzipped, it grows past ${describeBytes(limit)} (more than ${COPY_GROWTH} times the object), which no report does: ` +
            'it is not copied or read; check the object in S3 (a gzip file inside a gzip file, or not a report)',
        ),
      );
    },
  });
  const source = Readable.from(all(), { objectMode: false });
  await (gzip
    ? pipeline(source, createGunzip(), bounded, createWriteStream(path))
    : pipeline(source, bounded, createWriteStream(path)));
}
