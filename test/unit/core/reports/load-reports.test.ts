// The one loader of many reports into one store (core/reports/load-reports.ts) that the extension
// (ReportSet), the CLI (loadReportPaths) and the tests all take: local paths and listings in one
// load, their notes before the reports' problems, and the parsed reports kept between loads.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadReportPaths } from '../../../../src/cli/load-report-paths';
import { UsageError } from '../../../../src/cli/usage';
import { KeptReports } from '../../../../src/core/reports/kept-reports';
import { listed, loadReports } from '../../../../src/core/reports/load-reports';
import type { ReportSource } from '../../../../src/core/reports/report-source';

const BASIC = 'test/fixtures/reports/basic';
const HEADER =
  '"Customer AWS Account Number","Product Title","Product Id","Product Code","Last Usage Date","Report Date","Subscription Start Date"';
const row = (account: string) =>
  `"${account}","Product A","prod-a","codeA","2026-11-20","2026-11-21","2025-01-01"`;

/** An object of a listing, as S3 hands one in: a name and its bytes, streamed. */
function object(name: string, text: string): ReportSource {
  return {
    name,
    modified: new Date(Date.UTC(2026, 10, 21)),
    async *open() {
      await new Promise(setImmediate); // the bytes arrive later, as a network stream gives them
      yield new TextEncoder().encode(text);
    },
  };
}

describe('loading reports: one loader for local paths and listings', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'support-desk-load-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads local paths and a listing in the order given, notes first, a file given twice in a run once', async () => {
    const file = join(dir, 'customer_subscriber_report_2026-11-21.csv');
    writeFileSync(file, [HEADER, row('111111111111')].join('\n'));
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    const note = {
      file: 's3://bucket/prefix/',
      line: 1,
      severity: 'info' as const,
      message: 'listed 1 report',
    };
    const fromS3 = object(
      's3://bucket/prefix/customer_subscriber_report_2026-11-21.csv',
      [HEADER, row('222222222222'), 'not,a,row'].join('\n'),
    );
    const loaded = await loadReports(
      [file, file, empty, listed({ sources: [fromS3], notes: [note] })],
      { asOf: '2026-11-22' },
    );
    assert.deepEqual(
      loaded.files.map((f) => f.path),
      [file, fromS3.name],
    );
    assert.deepEqual(loaded.parsed, [file, fromS3.name]);
    assert.deepEqual(
      loaded.problems.map((p) => [p.file, p.line]),
      [
        [empty, 1],
        [note.file, 1],
        [fromS3.name, 3],
      ],
    );
    assert.deepEqual([loaded.store.subscriptionCount, loaded.store.accountCount], [2, 2]);
  });

  it('asks a listing only when the load reaches it, and rejects with its error', async () => {
    const order: string[] = [];
    const failing = {
      list: () => {
        order.push('listed');
        return Promise.reject(new Error('AccessDenied: s3://bucket/'));
      },
    };
    await assert.rejects(loadReports([join(dir, 'missing'), failing]), /no such file or folder/);
    assert.deepEqual(order, []);
    await assert.rejects(loadReports([BASIC, failing]), /AccessDenied/);
    assert.deepEqual(order, ['listed']);
  });

  it('with kept reports, reads only the new and changed ones, all for another as-of day, and drops the gone', async () => {
    const [a, b] = ['a', 'b'].map((name) =>
      join(dir, `customer_subscriber_report_2026-11-21-${name}.csv`),
    );
    writeFileSync(a, [HEADER, row('111111111111')].join('\n'));
    writeFileSync(b, [HEADER, row('222222222222')].join('\n'));
    const kept = new KeptReports();
    const heard: [string, number, number][] = [];
    const load = (paths: string[], asOf = '2026-11-22') =>
      loadReports([listed({ sources: paths, notes: [] })], {
        asOf,
        kept,
        onFile: (f, i, n) => heard.push([f.path, i, n]),
      });

    assert.deepEqual((await load([a, b])).parsed, [a, b]);
    const again = await load([a, b]);
    assert.deepEqual([again.parsed, again.files.length, again.store.subscriptionCount], [[], 2, 2]);

    writeFileSync(b, [HEADER, row('222222222222'), row('333333333333')].join('\n'));
    kept.markChanged(new Set([b]));
    const changed = await load([a, b]);
    assert.deepEqual([changed.parsed, changed.store.subscriptionCount], [[b], 3]);
    assert.deepEqual(heard.slice(-1), [[b, 1, 2]]);

    assert.deepEqual((await load([a, b], '2026-11-23')).parsed, [a, b]);
    assert.deepEqual((await load([b], '2026-11-23')).parsed, []);
    assert.deepEqual(
      (await load([a, b], '2026-11-23')).parsed,
      [a],
      'a report dropped from a load is read when it comes back',
    );
    kept.markChanged('all');
    assert.deepEqual((await load([a, b], '2026-11-23')).parsed, [a, b]);
  });

  it('is what the CLI loads: the same files, problems and store, and a bad path a usage error', async () => {
    const direct = await loadReports([BASIC], { asOf: '2026-11-22' });
    const cli = await loadReportPaths([BASIC], { asOf: '2026-11-22' });
    assert.deepEqual(
      [cli.files, cli.problems, cli.store.subscriptionCount],
      [direct.files, direct.problems, direct.store.subscriptionCount],
    );
    await assert.rejects(
      loadReportPaths([join(dir, 'missing')]),
      (error: Error) => error instanceof UsageError && /no such file or folder/.test(error.message),
    );
  });
});
