// Subscription reports kept in S3: `s3://bucket/prefix/` lists like a folder (its .csv and .csv.gz
// objects, every page past 1,000 keys; one level of "subfolders" when it has none itself), and
// `s3://bucket/key.csv` is one object. Each object becomes a ReportSource whose open() streams
// GetObject's body straight into the parser: no temp file, no whole-object buffer.
import {
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
  type ListObjectsV2CommandOutput,
} from '@aws-sdk/client-s3';
import type { Readable } from 'node:stream';
import { streamChunks } from '../core/csv';
import type { Problem } from '../core/domain';
import { feedFileLayout } from '../core/feeds';
import { isReportFileName } from '../core/reports';
import type { ReportSource } from '../core/reports';
import {
  clientLimits,
  DEFAULT_CALL_TIMEOUT_MS,
  DEFAULT_MAX_ATTEMPTS,
  type CallLimits,
} from './call-limits';
import { assertProfileUsable, credentialProvider, memoizeCredentials } from './credentials';
import { configuredEndpoint } from './endpoints';
import { inSeconds } from './errors';
import type { AwsSettings } from './profiles';
import { resolveRegion } from './region';
import { s3Problem, S3ReportsError, type S3Call } from './s3-errors';
import { parseS3Url, s3Url } from './s3-url';

export type S3Settings = AwsSettings & CallLimits;

/** One report object as listed: where it is and the ETag that says whether it changed. */
export interface S3ReportObject {
  bucket: string;
  key: string;
  /** The ETag as S3 gives it (quotes included): equal ETags, equal bytes. */
  etag: string;
  bytes: number;
  modified: Date;
}

/** A report object as a ReportSource named `s3://bucket/key`. */
export interface S3ReportSource extends ReportSource {
  object: S3ReportObject;
}

/** One file of a feed root in S3: its path under the root (`agreementfeed_v1/year=2026/month=11/data.csv`) and the object. */
export interface S3FeedFile {
  path: string;
  source: S3ReportSource;
}

/** What an S3 report path stands for. */
export interface S3Listing {
  /** The path as given. */
  url: string;
  /** The report objects, sorted by key. */
  sources: S3ReportSource[];
  /** As for a folder: where the reports were found (one level down), or what the prefix holds instead (line 1). */
  notes: Problem[];
}

const SERVICE_ID = 'S3';
/** S3's own region for a bucket when nothing names one: the answer from a bucket elsewhere says its region. */
const FALLBACK_REGION = 'us-east-1';
/** A feed's folder under a feed root: `agreementfeed_v1/`. */
const FEED_FOLDER = /^[^/]+_v\d+\/$/i;
/** Far past any real report folder: past it S3 is repeating itself. */
const MAX_PAGES = 10_000;

/**
 * A session of S3 reads for one profile: one client, one credentials provider. `destroy()` when done.
 * The region is the chosen one (a region "auto", which is EC2's, counts as none), else AWS_REGION,
 * AWS_DEFAULT_REGION or the profile's, else us-east-1. The endpoint follows the SDK conventions
 * (AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL, the profile's `services` section and `endpoint_url`; see
 * endpoints.ts), path-style when one is configured.
 */
export class S3Reports {
  private ready?: Promise<{ client: S3Client; region: string; endpoint: string }>;

  constructor(private readonly settings: S3Settings) {}

  /**
   * The report objects `url` stands for. A URL ending in '/' (or naming only the bucket) is a
   * prefix; any other names an object, or, when there is none, the prefix `url/`. Throws an
   * S3ReportsError saying what to do (no bucket, access denied with the IAM action, another region,
   * credentials, network).
   */
  async list(url: string, signal?: AbortSignal): Promise<S3Listing> {
    const { bucket, key } = parseS3Url(url);
    if (key !== '' && !key.endsWith('/')) {
      const object = await this.head(bucket, key, signal);
      if (object) return { url, sources: [this.source(object)], notes: [] };
      const { listing, empty } = await this.listFolder(url, bucket, `${key}/`, signal);
      if (empty) {
        throw new S3ReportsError(
          'no-such-key',
          `no object ${url} and no reports under ${url}/ (NoSuchKey): check the key, or give the folder as s3://${bucket}/PREFIX/`,
        );
      }
      return listing;
    }
    return (await this.listFolder(url, bucket, key, signal)).listing;
  }

  /**
   * The files of a Seller Delivery Data Feeds root at `url` (a prefix whose `<feed>_<version>/`
   * folders hold `year=YYYY/month=MM/data.csv` objects, AWS's layout), sorted by key; undefined when
   * the prefix holds no such folder (then it is a report path, see list). Throws an S3ReportsError
   * as list does.
   */
  async feedFiles(url: string, signal?: AbortSignal): Promise<S3FeedFile[] | undefined> {
    const { bucket, key } = parseS3Url(url);
    if (isReportFileName(key)) return undefined;
    const root = key === '' || key.endsWith('/') ? key : `${key}/`;
    const folders = (await this.listLevel(bucket, root, signal)).subprefixes.filter((p) =>
      FEED_FOLDER.test(p.slice(root.length)),
    );
    const files: S3FeedFile[] = [];
    for (const folder of folders) {
      for (const object of (await this.listLevel(bucket, folder, signal, false)).reports) {
        const path = object.key.slice(root.length);
        if (feedFileLayout(path)) files.push({ path, source: this.source(object) });
      }
    }
    return files.length > 0 ? files : undefined;
  }

  /** The object as a ReportSource: open() streams its body (GetObject), failing mid-way with an S3ReportsError. */
  source(object: S3ReportObject): S3ReportSource {
    return {
      name: s3Url(object.bucket, object.key),
      modified: object.modified,
      bytes: object.bytes,
      object,
      open: (signal) => this.body(object, signal),
    };
  }

  destroy(): void {
    void this.ready?.then(
      ({ client }) => client.destroy(),
      () => undefined,
    );
  }

  /** The prefix as a folder; `empty` when nothing at all is under it. */
  private async listFolder(
    url: string,
    bucket: string,
    prefix: string,
    signal?: AbortSignal,
  ): Promise<{ listing: S3Listing; empty: boolean }> {
    const own = await this.listLevel(bucket, prefix, signal);
    if (own.reports.length > 0)
      return {
        listing: { url, sources: own.reports.map((o) => this.source(o)), notes: [] },
        empty: false,
      };
    const below: S3ReportObject[] = [];
    const found: string[] = [];
    for (const sub of own.subprefixes) {
      const level = await this.listLevel(bucket, sub, signal);
      if (level.reports.length > 0) found.push(sub.slice(prefix.length));
      below.push(...level.reports);
    }
    const note: Problem =
      below.length > 0
        ? {
            file: url,
            line: 1,
            severity: 'info',
            message: `no report objects (.csv, .csv.gz) under this prefix itself: read the ${below.length} under ${found.join(', ')} (one level down)`,
          }
        : {
            file: url,
            line: 1,
            severity: 'warning',
            message: `no report objects (.csv, .csv.gz) under this prefix${own.subprefixes.length > 0 ? ' or one level down' : ''}: ${holds(
              own.subprefixes.map((s) => s.slice(prefix.length)),
              own.others,
            )}`,
          };
    const empty = own.subprefixes.length === 0 && own.others.length === 0;
    return { listing: { url, sources: below.map((o) => this.source(o)), notes: [note] }, empty };
  }

  /**
   * One level under `prefix` (Delimiter '/'), every page: its report objects, its "subfolders", the
   * other names. With `level` false, everything under it (no delimiter: keys in subfolders too).
   */
  private async listLevel(
    bucket: string,
    prefix: string,
    signal?: AbortSignal,
    level = true,
  ): Promise<{ reports: S3ReportObject[]; subprefixes: string[]; others: string[] }> {
    const reports: S3ReportObject[] = [];
    const subprefixes: string[] = [];
    const others: string[] = [];
    const seen = new Set<string>();
    let token: string | undefined;
    do {
      const page: ListObjectsV2CommandOutput = await this.call(
        { action: 's3:ListBucket', bucket, key: prefix },
        signal,
        (client, abortSignal) =>
          client.send(
            new ListObjectsV2Command({
              Bucket: bucket,
              Prefix: prefix || undefined,
              Delimiter: level ? '/' : undefined,
              ContinuationToken: token,
            }),
            {
              abortSignal,
            },
          ),
      );
      for (const o of page.Contents ?? []) {
        if (!o.Key || o.Key === prefix) continue; // the zero-byte "folder" object some tools write
        const name = o.Key.slice(prefix.length);
        if (isReportFileName(name))
          reports.push({
            bucket,
            key: o.Key,
            etag: o.ETag ?? '',
            bytes: o.Size ?? 0,
            modified: o.LastModified ?? new Date(0),
          });
        else others.push(name);
      }
      for (const p of page.CommonPrefixes ?? []) if (p.Prefix) subprefixes.push(p.Prefix);
      token = page.IsTruncated ? page.NextContinuationToken || undefined : undefined;
      if (token && (seen.has(token) || seen.size >= MAX_PAGES)) {
        throw new S3ReportsError(
          'unknown',
          `S3 kept answering the listing of s3://${bucket}/${prefix} with more pages (${seen.size + 1} so far): retry, and check the endpoint URL if it persists`,
        );
      }
      if (token) seen.add(token);
    } while (token);
    reports.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return { reports, subprefixes: subprefixes.sort(), others: others.sort() };
  }

  /** The object at `key`, or undefined when there is none (a 404: then the key may be a prefix). */
  private async head(
    bucket: string,
    key: string,
    signal?: AbortSignal,
  ): Promise<S3ReportObject | undefined> {
    try {
      const out = await this.call(
        { action: 's3:GetObject', bucket, key },
        signal,
        (client, abortSignal) =>
          client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }), { abortSignal }),
        true,
      );
      return {
        bucket,
        key,
        etag: out.ETag ?? '',
        bytes: out.ContentLength ?? 0,
        modified: out.LastModified ?? new Date(0),
      };
    } catch (error) {
      if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404)
        return undefined;
      throw await this.problem(error, { action: 's3:GetObject', bucket, key });
    }
  }

  /** GetObject's body, chunk by chunk, as it arrives. A failure (at the start or mid-way) is an S3ReportsError. */
  private async *body(object: S3ReportObject, signal?: AbortSignal): AsyncGenerator<Uint8Array> {
    const what = { action: 's3:GetObject' as const, bucket: object.bucket, key: object.key };
    const { client } = await this.client();
    let received = 0;
    try {
      const out = await client.send(
        new GetObjectCommand({ Bucket: object.bucket, Key: object.key }),
        { abortSignal: signal },
      );
      if (!out.Body)
        throw new S3ReportsError(
          'unknown',
          `S3 answered GetObject on ${s3Url(object.bucket, object.key)} without a body: retry`,
        );
      const expected = out.ContentLength;
      const stream = out.Body as Readable;
      // Counted as the bytes arrive, not as blocks reach the parser: a cut says how far the download got.
      stream.on('data', (chunk: Buffer) => (received += chunk.byteLength));
      yield* streamChunks(stream);
      // A connection closed cleanly before the end is still a cut: never a whole report.
      if (expected !== undefined && received < expected)
        throw Object.assign(new Error(`the answer ended after ${received} of ${expected} bytes`), {
          code: 'ECONNRESET',
        });
    } catch (error) {
      if (signal?.aborted) throw error;
      const problem = await this.problem(error, what);
      throw new S3ReportsError(
        problem.kind,
        received > 0
          ? `the download broke off after ${received} bytes: ${problem.message}`
          : problem.message,
        problem.bucketRegion,
      );
    }
  }

  /** One listing or HEAD call within the call's time limit; a failure becomes an S3ReportsError unless `raw`. */
  private async call<T>(
    what: Omit<S3Call, 'endpoint' | 'region'>,
    signal: AbortSignal | undefined,
    send: (client: S3Client, abortSignal: AbortSignal) => Promise<T>,
    raw = false,
  ): Promise<T> {
    const startedAt = Date.now();
    const limit = AbortSignal.timeout(this.settings.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS);
    const { client, endpoint } = await this.client();
    try {
      return await send(client, signal ? AbortSignal.any([limit, signal]) : limit);
    } catch (error) {
      if (signal?.aborted) throw error;
      const late = limit.aborted
        ? Object.assign(
            new Error(`no answer from ${endpoint} in ${inSeconds(Date.now() - startedAt)} s`),
            { name: 'TimeoutError' },
          )
        : error;
      if (raw && !limit.aborted) throw error;
      throw await this.problem(late, what);
    }
  }

  private async problem(
    error: unknown,
    what: Omit<S3Call, 'endpoint' | 'region'>,
  ): Promise<S3ReportsError> {
    const ready = await this.ready?.catch(() => undefined);
    return s3Problem(
      error,
      { ...what, endpoint: ready?.endpoint ?? 'S3', region: ready?.region ?? FALLBACK_REGION },
      this.settings,
    );
  }

  private client(): Promise<{ client: S3Client; region: string; endpoint: string }> {
    this.ready ??= (async () => {
      await assertProfileUsable(this.settings).catch(async (error: unknown) => {
        throw await s3Problem(
          error,
          { action: 's3:ListBucket', bucket: '', key: '', endpoint: 'S3', region: FALLBACK_REGION },
          this.settings,
        );
      });
      const configured = await configuredEndpoint(SERVICE_ID, this.settings).catch(
        (error: Error) => {
          throw new S3ReportsError('unknown', error.message);
        },
      );
      const region = await s3Region(this.settings);
      const client = new S3Client({
        region,
        credentials: memoizeCredentials(credentialProvider(this.settings)),
        maxAttempts: this.settings.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
        ...clientLimits(this.settings),
        // The SDK would otherwise checksum every downloaded byte in JavaScript (CRC32/CRC64 of a report
        // that TLS already protects), which costs as much CPU as parsing it; a cut body is caught by its length.
        responseChecksumValidation: 'WHEN_REQUIRED',
        // A bucket lives in one region whatever region the engineer works in (an instance's, with
        // confirm): S3 names it in its 301 or 400 answer (x-amz-bucket-region), and the call is signed
        // again for it, as the AWS CLI does.
        followRegionRedirects: true,
        // Resolved here rather than by the SDK, which would read AWS_PROFILE's endpoint and not the chosen profile's.
        // A custom endpoint (a local or on-premises S3) takes the bucket in the path, not the host name.
        ...(configured ? { endpoint: configured.url, forcePathStyle: true } : {}),
      });
      return { client, region, endpoint: configured?.url ?? `https://s3.${region}.amazonaws.com` };
    })();
    return this.ready;
  }
}

/** The region S3 calls are signed for (see S3Reports). */
async function s3Region(settings: AwsSettings): Promise<string> {
  const chosen = settings.region && settings.region !== 'auto' ? settings.region : undefined;
  const resolved = chosen ?? (await resolveRegion({ ...settings, region: undefined }))?.region;
  return resolved && resolved !== 'auto' ? resolved : FALLBACK_REGION;
}

/** "it holds 2026/, notes.txt and 3 more" / "it is empty". */
function holds(subprefixes: string[], others: string[]): string {
  const entries = [...subprefixes, ...others];
  return entries.length === 0
    ? 'it is empty'
    : `it holds ${entries.slice(0, 5).join(', ')}${entries.length > 5 ? ` and ${entries.length - 5} more` : ''}`;
}
