// A real S3-compatible server for the tests: s3rver (from the npm registry) on 127.0.0.1, storing
// in its own temporary folder, stopped by its own handle and by itself after a maximum lifetime.
// s3rver has no IAM and no regions, so a small rule layer sits in front of its routes (Koa
// middleware, first in line) and answers as S3 does for what the tests choose: 403 AccessDenied for
// chosen buckets or keys, 301 PermanentRedirect with x-amz-bucket-region for a request signed for
// another region than the bucket's, and a body that stops after N bytes (a server dying mid-stream).
// Delimited listings group keys at any depth, as S3 does (s3rver's stop one folder down).
// Everything else is s3rver's own answer. The AWS CLI reads the same server (test/integration/s3-server.test.ts).
import { createReadStream, mkdtempSync, ReadStream, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { FAKE_KEY_ID, FAKE_SECRET } from './aws-env';
import { listenOnLoopback } from './loopback';

// s3rver ships no types: the parts used here.
interface KoaContext {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | undefined>;
  status: number;
  body: unknown;
  type: string;
  set(name: string, value: string): void;
  response: { get(name: string): string };
  store: {
    listObjects(
      bucket: unknown,
      options: object,
    ): Promise<{ objects: { key: string }[]; commonPrefixes: string[]; isTruncated?: boolean }>;
  };
}
type Middleware = (ctx: KoaContext, next: () => Promise<void>) => Promise<void>;
interface S3rverApp {
  middleware: Middleware[];
  configureBuckets(): Promise<void>;
  callback(): (req: unknown, res: unknown) => void;
  on(event: 'error', listener: () => void): void;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const S3rver = require('s3rver') as new (options: object) => S3rverApp;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { DUMMY_ACCOUNT } = require('s3rver/lib/models/account') as {
  DUMMY_ACCOUNT: { createKeyPair(id: string, secret: string): void };
};

// The SDK's notice about Node 22 would open every test's output (src/aws/lazy.ts says the same for the product).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

// s3rver checks the access key of every signed request (InvalidAccessKeyId otherwise): the tests'
// fake keys are its account's keys; any other key is refused, as AWS refuses keys it does not know.
DUMMY_ACCOUNT.createKeyPair(FAKE_KEY_ID, FAKE_SECRET);

export interface S3Server {
  url: string;
  port: number;
  /** Every request: method, path (/bucket/key), the region it was signed for. */
  requests: { method: string; path: string; region: string | null }[];
  /** Buckets whose listing (s3:ListBucket) is refused, and "bucket/keyprefix" entries whose objects (s3:GetObject) are. */
  denied: { list: Set<string>; get: Set<string> };
  /** A bucket's region (default: any region is accepted). */
  regions: Map<string, string>;
  /** Creates a bucket and puts objects in it through the S3 API (the real SDK client). */
  put(
    bucket: string,
    objects: Record<string, string | Buffer>,
    options?: { concurrency?: number },
  ): Promise<void>;
  /** From now on, GET of `bucket/key` sends `bytes` bytes of the body and then nothing; resolves when they have been sent. */
  stallAfter(bucket: string, key: string, bytes: number): Promise<void>;
  /** Closes the server and drops its connections (a stream in flight breaks); the same promise on every call. */
  stop(): Promise<void>;
}

/** Starts s3rver on 127.0.0.1 (a free port) in a fresh temporary folder, removed when it stops. */
export async function startS3Server(options: { maxLifetimeMs?: number } = {}): Promise<S3Server> {
  const dir = mkdtempSync(join(tmpdir(), 'support-desk-s3-'));
  const app = new S3rver({ directory: dir, silent: true, configureBuckets: [] });
  const requests: S3Server['requests'] = [];
  const denied = { list: new Set<string>(), get: new Set<string>() };
  const regions = new Map<string, string>();
  const stalls = new Map<string, { bytes: number; sent: () => void }>();

  app.middleware.unshift(async (ctx, next) => {
    const [, bucket = '', ...rest] = ctx.path.split('/');
    const key = decodeURIComponent(rest.join('/'));
    const region =
      /Credential=[^/]+\/\d{8}\/([^/]+)\//.exec(ctx.headers.authorization ?? '')?.[1] ?? null;
    requests.push({ method: ctx.method, path: ctx.path, region });
    const home = regions.get(bucket);
    if (home && region && region !== home) {
      ctx.set('x-amz-bucket-region', home);
      return answer(
        ctx,
        301,
        'PermanentRedirect',
        'The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.',
        `<Bucket>${bucket}</Bucket><Endpoint>${bucket}.s3.${home}.amazonaws.com</Endpoint>`,
      );
    }
    const refused =
      key === ''
        ? denied.list.has(bucket)
        : [...denied.get].some((entry) => `${bucket}/${key}`.startsWith(entry));
    if (refused && (ctx.method === 'GET' || ctx.method === 'HEAD'))
      return answer(ctx, 403, 'AccessDenied', 'Access Denied');
    if (ctx.method === 'GET' && key === '' && ctx.query['list-type'] === '2')
      return listPage(ctx, next);
    await next();
    if (ctx.method === 'GET' && ctx.body instanceof ReadStream) ctx.body = inLargePieces(ctx.body);
    const stall = stalls.get(`${bucket}/${key}`);
    if (
      stall &&
      ctx.method === 'GET' &&
      ctx.body &&
      typeof (ctx.body as Readable).pipe === 'function'
    ) {
      // The whole object's length stays announced: the client knows the body was cut.
      const length = ctx.response.get('Content-Length');
      ctx.body = cutAfter(ctx.body as Readable, stall.bytes, stall.sent);
      if (length) ctx.set('Content-Length', length);
    }
  });
  // Koa prints every error it answers unless someone listens: these are answers, not faults.
  app.on('error', () => undefined);
  await app.configureBuckets();
  const server = createServer(app.callback());
  const loopback = await listenOnLoopback(server, {
    maxLifetimeMs: options.maxLifetimeMs ?? 300_000,
    dropConnections: () => server.closeAllConnections(),
  });
  const url = `http://127.0.0.1:${loopback.port}`;
  const clientIn = (region: string) =>
    new S3Client({
      region,
      endpoint: url,
      forcePathStyle: true,
      credentials: { accessKeyId: FAKE_KEY_ID, secretAccessKey: FAKE_SECRET },
    });
  const client = clientIn('us-east-1');

  let stopped: Promise<void> | undefined;
  return {
    url,
    port: loopback.port,
    requests,
    denied,
    regions,
    async put(bucket, objects, { concurrency = 16 } = {}) {
      // Uploads are signed for the bucket's own region, so a bucket "elsewhere" can still be filled.
      const home = regions.get(bucket);
      const uploader = home ? clientIn(home) : client;
      await uploader.send(new CreateBucketCommand({ Bucket: bucket })).catch((error: Error) => {
        if (error.name !== 'BucketAlreadyOwnedByYou' && error.name !== 'BucketAlreadyExists')
          throw error;
      });
      const queue = Object.entries(objects);
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          for (let next = queue.shift(); next; next = queue.shift()) {
            await uploader.send(
              new PutObjectCommand({ Bucket: bucket, Key: next[0], Body: next[1] }),
            );
          }
        }),
      );
      if (uploader !== client) uploader.destroy();
    },
    stallAfter(bucket, key, bytes) {
      return new Promise<void>((resolve) =>
        stalls.set(`${bucket}/${key}`, { bytes, sent: resolve }),
      );
    },
    stop() {
      stopped ??= loopback.stop().finally(() => {
        client.destroy();
        rmSync(dir, { recursive: true, force: true });
      });
      return stopped;
    },
  };
}

/**
 * ListObjectsV2 paging. s3rver makes its continuation tokens with DES, a cipher the OpenSSL 3 of
 * Node 20 no longer offers (ERR_OSSL_EVP_UNSUPPORTED): here the token is the key to start after
 * (base64), s3rver is asked for the page from there (start-after), and the answer gets the token
 * of the next page. The listing itself is s3rver's.
 */
async function listPage(ctx: KoaContext, next: () => Promise<void>): Promise<void> {
  const token = ctx.query['continuation-token'];
  if (token)
    ctx.query = {
      ...withoutToken(ctx.query),
      'start-after': Buffer.from(token, 'base64').toString('utf8'),
    };
  const store = ctx.store;
  let truncated: { objects: { key: string }[]; commonPrefixes: string[] } | undefined;
  ctx.store = Object.create(store, {
    listObjects: {
      value: async (bucket: unknown, options: ListOptions) => {
        const result = options.delimiter
          ? await grouped(store, bucket, options)
          : await store.listObjects(bucket, options);
        if (result.isTruncated) truncated = result;
        return { ...result, isTruncated: false };
      },
    },
  }) as KoaContext['store'];
  await next();
  if (!truncated || typeof ctx.body !== 'string') return;
  // After a common prefix, every key under it: the next page starts past them all.
  const last =
    [truncated.objects.at(-1)?.key ?? '', ...truncated.commonPrefixes.map((p) => `${p}\uffff`)]
      .sort()
      .at(-1) ?? '';
  const nextToken = Buffer.from(last, 'utf8').toString('base64');
  ctx.body = ctx.body.replace(
    '<IsTruncated>false</IsTruncated>',
    `<IsTruncated>true</IsTruncated><NextContinuationToken>${nextToken}</NextContinuationToken>`,
  );
  if (token)
    ctx.body = (ctx.body as string).replace(
      /<StartAfter>[^<]*<\/StartAfter>/,
      `<ContinuationToken>${token}</ContinuationToken>`,
    );
}

interface ListOptions {
  delimiter?: string;
  prefix?: string;
  maxKeys?: number;
}
type Listing = { objects: { key: string }[]; commonPrefixes: string[]; isTruncated?: boolean };

/**
 * A delimited listing as S3 gives it: s3rver's own never walks more than one folder below the prefix,
 * so a key two or more levels down (`feeds/agreementfeed_v1/year=2026/month=11/data.csv` under
 * `feeds/`) yields no common prefix at all. Here every key under the prefix is listed, then grouped.
 */
async function grouped(
  store: KoaContext['store'],
  bucket: unknown,
  options: ListOptions,
): Promise<Listing> {
  const all = await store.listObjects(bucket, { ...options, delimiter: '', maxKeys: Infinity });
  const prefix = options.prefix ?? '';
  const delimiter = options.delimiter ?? '/';
  const entries: { key: string; object?: { key: string } }[] = [];
  const prefixes = new Set<string>();
  for (const object of all.objects) {
    const at = object.key.slice(prefix.length).indexOf(delimiter);
    if (at === -1) entries.push({ key: object.key, object });
    else prefixes.add(object.key.slice(0, prefix.length + at + 1));
  }
  entries.push(...[...prefixes].map((key) => ({ key })));
  entries.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const page = entries.slice(0, options.maxKeys ?? Infinity);
  return {
    objects: page.flatMap((e) => (e.object ? [e.object] : [])),
    commonPrefixes: page.flatMap((e) => (e.object ? [] : [e.key])),
    isTruncated: page.length < entries.length,
  };
}

function withoutToken(query: Record<string, string>): Record<string, string> {
  const rest = { ...query };
  delete rest['continuation-token'];
  return rest;
}

/** An S3 error document, as S3 writes it (a HEAD answer has no body, only the status). */
function answer(ctx: KoaContext, status: number, code: string, message: string, extra = ''): void {
  ctx.status = status;
  if (ctx.method === 'HEAD') return;
  ctx.type = 'application/xml';
  ctx.body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message>${extra}<RequestId>0000000000000000</RequestId></Error>`;
}

/** The first `bytes` of `body`, then silence (the connection stays open until the server stops). */
function cutAfter(body: Readable, bytes: number, sent: () => void): Readable {
  const out = new PassThrough();
  let left = bytes;
  body.on('data', (chunk: Buffer) => {
    if (left <= 0) return;
    out.write(chunk.subarray(0, left));
    left -= chunk.length;
    if (left <= 0) {
      body.destroy();
      sent();
    }
  });
  return out;
}

/**
 * The same bytes of the same file, read 1 MiB at a time instead of s3rver's 64 KiB. S3 serves from
 * machines of its own; this server shares the test machine (two cores here) with the client under
 * test, and sixteen times the reads, each a trip through libuv's threads, would measure the server.
 */
function inLargePieces(body: ReadStream): ReadStream {
  const { path, start, end } = body as ReadStream & { start?: number; end?: number };
  body.destroy();
  return createReadStream(path, { start, end, highWaterMark: 1 << 20 });
}
