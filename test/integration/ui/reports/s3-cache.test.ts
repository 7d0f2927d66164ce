// The extension's copies of S3 reports (src/ui/reports/s3-report-cache.ts, s3-report-sync.ts) with the
// real S3 client against a local S3 server: fetched once per ETag, served when S3 cannot be reached,
// and a download cut mid-stream never replaces a whole copy.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { S3Reports } from '../../../../src/aws/s3-layer';
import { readReportSource } from '../../../../src/core/reports/report-source';
import { S3ReportCache } from '../../../../src/ui/reports/s3-report-cache';
import { syncS3Reports } from '../../../../src/ui/reports/s3-report-sync';
import { awsSandbox, staticProfile, type AwsSandbox } from '../../../support/aws-env';
import { REPO_ROOT } from '../../../support/built-cli';
import { startS3Server, type S3Server } from '../../../support/s3-server';

const REPORT = readFileSync(
  join(
    REPO_ROOT,
    'test',
    'fixtures',
    'reports',
    'basic',
    'customer_subscriber_report_2026-11-21.csv',
  ),
);
const URL = 's3://team-reports/daily/';
const NAME = 's3://team-reports/daily/customer_subscriber_report_2026-11-21.csv';
const GZ_NAME = 's3://team-reports/daily/customer_subscriber_report_2026-11-22.csv.gz';

describe("the extension's S3 report cache, against a local S3 server", function () {
  this.timeout(120_000);
  let server: S3Server;
  let sandbox: AwsSandbox;
  let dir: string;

  beforeEach(async () => {
    server = await startS3Server();
    sandbox = awsSandbox({
      credentials: staticProfile('default'),
      config: '[default]\nregion = us-east-1\n',
    });
    process.env.AWS_ENDPOINT_URL_S3 = server.url;
    dir = mkdtempSync(join(tmpdir(), 'support-desk-s3-cache-'));
    await server.put('team-reports', {
      'daily/customer_subscriber_report_2026-11-21.csv': REPORT,
      'daily/customer_subscriber_report_2026-11-22.csv.gz': gzipSync(REPORT),
    });
  });
  afterEach(async () => {
    delete process.env.AWS_ENDPOINT_URL_S3;
    sandbox.restore();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function sync(cache = new S3ReportCache(dir), online = true) {
    const s3 = online ? new S3Reports({}) : undefined;
    try {
      return await syncS3Reports([URL], cache, s3, 'offline for the test');
    } finally {
      s3?.destroy();
    }
  }
  const gets = () =>
    server.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/team-reports/daily/'))
      .length;

  it('downloads each object once, gunzipped, and again only when its ETag changes', async () => {
    const first = await sync();
    assert.deepEqual([...first.fetched].sort(), [NAME, GZ_NAME]);
    const cache = new S3ReportCache(dir);
    await cache.load();
    assert.deepEqual(
      readFileSync(cache.copyOf(GZ_NAME) ?? ''),
      REPORT,
      'kept gunzipped, so evidence links open at their line',
    );
    const before = gets();
    const second = await sync();
    assert.equal(second.fetched.size, 0);
    assert.equal(gets(), before, 'no object downloaded again');
    await server.put('team-reports', {
      'daily/customer_subscriber_report_2026-11-21.csv': Buffer.concat([
        REPORT,
        Buffer.from(
          '"999999999999","Ubuntu Pro 22.04 LTS","prod-5qwz3vsg4kbfw","8a2kq9xw3vbn7m4c1zt6ry5pd","2026-11-19","2026-11-21","2025-02-14"\n',
        ),
      ]),
    });
    const third = await sync();
    assert.deepEqual([...third.fetched], [NAME]);
    const report = await readReportSource(
      third.sources.find((s) => s.name === NAME) ?? third.sources[0],
      { asOf: '2026-11-22' },
    );
    assert.equal(report.path, NAME);
    assert.ok([...report.records].some((r) => r.account === '999999999999'));
  });

  it('serves the cached copies, with the time they were fetched, when S3 cannot be reached', async () => {
    await sync();
    await server.stop();
    const offline = await sync();
    assert.equal(offline.failures.length, 0);
    assert.deepEqual(
      offline.cached.map((c) => [c.url, c.kind]),
      [[URL, 'network']],
    );
    assert.match(offline.cached[0].reason, /cannot reach S3 at http:\/\/127\.0\.0\.1:\d+/);
    assert.ok(Date.now() - offline.cached[0].fetchedAt.getTime() < 60_000);
    const report = await readReportSource(offline.sources[0], { asOf: '2026-11-22' });
    assert.equal(report.path, NAME);
    assert.ok(report.kept > 0);
    const restricted = await sync(new S3ReportCache(dir), false);
    assert.deepEqual(
      restricted.cached.map((c) => [c.kind, c.reason]),
      [['restricted', 'offline for the test']],
    );
  });

  it('keeps the whole old copy when a new download is cut mid-stream, and says the copy serves', async () => {
    await sync();
    const changed = Buffer.concat([REPORT, Buffer.alloc(400_000, '\n')]);
    await server.put('team-reports', {
      'daily/customer_subscriber_report_2026-11-21.csv': changed,
    });
    const stalled = server.stallAfter(
      'team-reports',
      'daily/customer_subscriber_report_2026-11-21.csv',
      100_000,
    );
    const syncing = sync();
    await stalled;
    await server.stop();
    const result = await syncing;
    const cache = new S3ReportCache(dir);
    await cache.load();
    assert.deepEqual(readFileSync(cache.copyOf(NAME) ?? ''), REPORT, 'the old copy, whole');
    assert.equal(result.cached[0]?.url, URL);
    assert.match(result.cached[0].reason, /broke off after \d+ bytes/);
  });

  // Issue 17, item 8: a 300 KB gzip object of 300 MB of zeros filled the disk the cache is on.
  it('refuses a gzip object that grows past its bound, keeps nothing of it, and the report says why', async () => {
    const bomb = gzipSync(Buffer.alloc(300 * 1024 * 1024, 0x30));
    const BOMB = 's3://team-reports/daily/customer_subscriber_report_2026-11-23.csv.gz';
    await server.put('team-reports', {
      'daily/customer_subscriber_report_2026-11-23.csv.gz': bomb,
    });
    const result = await sync();
    const cache = new S3ReportCache(dir);
    await cache.load();
    assert.equal(cache.copyOf(BOMB), undefined, 'no copy of it');
    assert.ok(cache.copyOf(GZ_NAME), 'the real reports beside it are copied');
    const held = readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .reduce((sum, e) => sum + statSync(join(e.parentPath, e.name)).size, 0);
    assert.ok(held < 1024 * 1024, `the cache holds ${held} bytes`);
    const report = await readReportSource(
      result.sources.find((s) => s.name === BOMB) ?? result.sources[0],
      { asOf: '2026-11-23' },
    );
    assert.equal(report.path, BOMB);
    assert.match(
      report.problems.map((p) => p.message).join('\n'),
      /gunzipped, it grows past 64 MB \(more than 100 times the object\), which no report does: it is not copied or read; check the object in S3/,
    );
  });

  it('says what is wrong when S3 fails and nothing is cached', async () => {
    server.denied.list.add('team-reports');
    const result = await sync();
    assert.deepEqual(
      result.failures.map((f) => f.kind),
      ['access-denied'],
    );
    assert.match(result.failures[0].message, /s3:ListBucket on arn:aws:s3:::team-reports/);
    assert.equal(result.sources.length, 0);
  });
});
