// s3:// report paths without S3: telling them from local paths, reading bucket and key, and how the
// views word reports served from the cache.
import * as assert from 'node:assert/strict';
import { isS3Url, parseS3Url } from '../../../../src/aws/s3-url';
import { fileLink } from '../../../../src/core/text/markdown';
import { resolveReportSources, s3RetryProblem } from '../../../../src/ui/reports/report-paths';
import { cachedDescription, linkToCopies } from '../../../../src/ui/reports/s3-report-words';

describe('s3:// report paths', () => {
  it('tells S3 URLs from local paths, as the AWS CLI does', () => {
    assert.ok(isS3Url('s3://team-reports/daily/'));
    assert.ok(isS3Url(' S3://team-reports/x.csv'));
    assert.ok(!isS3Url('/data/s3://x'));
    assert.ok(!isS3Url('reports/s3/'));
  });

  it('reads the bucket and the key or prefix', () => {
    assert.deepEqual(parseS3Url('s3://team-reports/daily/'), {
      bucket: 'team-reports',
      key: 'daily/',
    });
    assert.deepEqual(parseS3Url('s3://team-reports'), { bucket: 'team-reports', key: '' });
    assert.deepEqual(parseS3Url('s3://team.reports-1/a/b c.csv'), {
      bucket: 'team.reports-1',
      key: 'a/b c.csv',
    });
  });

  it('refuses a URL without a valid bucket, saying how to write one', () => {
    for (const bad of ['s3://', 's3:///key.csv', 's3://Team_Reports/x.csv', 's3://ab/']) {
      assert.throws(
        () => parseS3Url(bad),
        /does not name an S3 bucket: write s3:\/\/BUCKET\/PREFIX\//,
        bad,
      );
    }
  });

  it('keeps s3:// entries of supportDesk.reports.paths apart from folders and globs', () => {
    const { sources, s3, unresolved } = resolveReportSources(
      ['s3://team-reports/daily/', '/data/reports', ' s3://b-1/x.csv '],
      { home: '/home/me' },
    );
    assert.deepEqual(s3, ['s3://team-reports/daily/', 's3://b-1/x.csv']);
    assert.deepEqual(
      sources.map((s) => s.entry),
      ['/data/reports'],
    );
    assert.deepEqual(unresolved, []);
  });
});

describe('Retry Reports from S3 without an S3 path', () => {
  it('says there is nothing to retry and what to set, and nothing when an s3:// path is there', () => {
    assert.match(
      s3RetryProblem(['/data/reports']) ?? '',
      /supportDesk\.reports\.paths names no S3 location.*Add one such as s3:\/\/my-bucket\/marketplace-reports\//,
    );
    assert.match(s3RetryProblem([]) ?? '', /nothing to retry/);
    assert.equal(s3RetryProblem(['/data/reports', ' s3://bucket/prefix/']), undefined);
  });
});

describe('reports served from the cache, in words', () => {
  const at = (iso: string) => new Date(iso);

  it('says "cached, fetched <time>" for the oldest copies, with the day when not today', () => {
    const now = at('2026-11-30T15:00:00');
    assert.equal(cachedDescription([], now), undefined);
    const today = [
      {
        url: 's3://a-b/x/',
        kind: 'network' as const,
        fetchedAt: at('2026-11-30T09:05:00'),
        reason: 'offline',
      },
    ];
    assert.equal(cachedDescription(today, now), 'cached, fetched 09:05');
    const older = [
      ...today,
      {
        url: 's3://a-b/y/',
        kind: 'credentials' as const,
        fetchedAt: at('2026-11-28T17:45:00'),
        reason: 'expired',
      },
    ];
    assert.equal(cachedDescription(older, now), 'cached, fetched 2026-11-28 17:45');
  });

  it('points evidence links to S3 objects at their cached copies, and leaves other links alone', () => {
    const name = 's3://team-reports/daily/customer_subscriber_report_2026-11-22.csv';
    const local = '/data/reports/customer_subscriber_report_2026-11-21.csv';
    const copy = '/storage/team-reports/0a1b/customer_subscriber_report_2026-11-22.csv';
    const tooltip = `Evidence: ${fileLink(name, 3, 'a:3')}, ${fileLink(local, 2, 'b:2')}`;
    const linked = linkToCopies(tooltip, [name, local], (n) => (n === name ? copy : undefined));
    assert.equal(linked, `Evidence: ${fileLink(copy, 3, 'a:3')}, ${fileLink(local, 2, 'b:2')}`);
    assert.equal(
      linkToCopies(tooltip, [name], () => undefined),
      tooltip,
    );
  });
});
