// A report read from any byte source (S3's stream, a file) gives what reading the file gives: the
// same rows, problems and verdicts, whatever the chunks; a source cut off part-way gives no rows.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { judgeAccount } from '../../../../src/core/eligibility/eligibility';
import { combineReports, loadReports } from '../../../../src/core/reports/load-reports';
import {
  readReport,
  readReportSource,
  type ReportSource,
} from '../../../../src/core/reports/report-source';
import type { ParsedReport } from '../../../../src/core/reports/report-types';

const AS_OF = '2026-11-22';
const HEADER =
  '"Customer AWS Account Number","Product Title","Product Id","Product Code","Last Usage Date","Report Date","Subscription Start Date"';
// Multi-byte characters, a quoted field holding a comma, a doubled quote and a line break, a bad
// row, a row from a spreadsheet (US date): every path of the reader.
const ROWS = [
  '111122223333,"Café ☕ Pro, «Edición»",prod-a,code1,2026-11-20,2026-11-21,2025-01-01',
  '222233334444,"Title with ""quotes""\nand a line break",prod-b,code2,2026-11-01,2026-11-21,2025-02-01',
  '33334444555,Short account,prod-a,code1,2026-11-19,2026-11-21,2025-03-01',
  'not-an-account,Bad,prod-a,code1,2026-11-19,2026-11-21,2025-03-01',
  '444455556666,Spreadsheet 日本語,prod-c,code3,11/20/2026,2026-11-21,2025-04-01',
  '555566667777,Placeholder,prod-a,code1,9999-12-31,2026-11-21,2025-05-01',
];
const TEXT = `\uFEFF${HEADER}\r\n${ROWS.join('\r\n')}\r\n`;
const ACCOUNTS = [
  '111122223333',
  '222233334444',
  '033334444555',
  '444455556666',
  '555566667777',
  '999999999999',
];

/** A source over `bytes` cut at `cuts` (byte offsets), optionally failing after the chunk before `failAt`. */
function source(name: string, bytes: Buffer, cuts: number[], failAt?: number): ReportSource {
  return {
    name,
    modified: new Date(Date.UTC(2026, 10, 21)),
    bytes: bytes.length,
    async *open() {
      let start = 0;
      for (const cut of [...cuts, bytes.length]) {
        if (failAt !== undefined && start >= failAt)
          throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
        await new Promise(setImmediate); // a chunk at a time, as a network stream gives them
        yield new Uint8Array(bytes.subarray(start, cut));
        start = cut;
      }
    },
  };
}

/** Everything a reader of the report can see: summary, problems, rows, and the verdicts of every account. */
function seen(report: ParsedReport): unknown {
  const store = combineReports([report]).store;
  return {
    summary: [
      report.path,
      report.format,
      report.reportDate,
      report.rows,
      report.kept,
      report.notAReport,
    ],
    problems: report.problems,
    records: [...report.records],
    verdicts: ACCOUNTS.map((account) => judgeAccount(store, account, AS_OF)),
  };
}

describe('reports from any byte source', () => {
  let dir: string;
  let path: string;
  let fromDisk: unknown;
  const bytes = Buffer.from(TEXT);
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'report-source-'));
    path = join(dir, 'customer_subscriber_report_2026-11-21.csv');
    writeFileSync(path, bytes);
    fromDisk = seen(await readReport(path, { asOf: AS_OF }));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the file as the file source did: rows, a bad row, warnings', async () => {
    const report = await readReport(path, { asOf: AS_OF });
    assert.equal(report.kept, 5);
    assert.deepEqual(
      report.problems.map((p) => [p.line, p.severity]),
      [
        [5, 'warning'],
        [6, 'error'],
        [7, 'warning'],
        [8, 'warning'],
      ],
    );
    assert.equal(report.records.at(0)!.productTitle, 'Café ☕ Pro, «Edición»');
  });

  it('gives the same rows, problems and verdicts whatever the chunks: one byte each, inside a UTF-8 character, inside a quoted field', async () => {
    const euro = bytes.indexOf('☕');
    const quoted = bytes.indexOf('line break');
    const cuts: number[][] = [
      [1, 2, 3], // inside the byte-order mark
      [euro + 1, euro + 2], // inside a three-byte character
      [bytes.indexOf('«') + 1, bytes.indexOf('日') + 2],
      [quoted - 3, bytes.indexOf('\n', quoted - 20) + 0, bytes.indexOf('""quotes') + 1], // inside the quoted field, at its line break, between doubled quotes
      [bytes.indexOf('\r\n') + 1], // between the CR and LF of the header's line end
      Array.from({ length: bytes.length - 1 }, (_, i) => i + 1), // one byte each
    ];
    for (const at of cuts) {
      const sorted = [...new Set(at)].sort((a, b) => a - b);
      assert.deepEqual(
        seen(await readReportSource(source(path, bytes, sorted), { asOf: AS_OF })),
        fromDisk,
        `cut at ${sorted.slice(0, 5).join(',')}`,
      );
    }
  });

  it('gunzips a gzipped source on the way, whatever its chunks (one byte of the gzip header first)', async () => {
    const gz = gzipSync(bytes);
    for (const cuts of [
      [1],
      [1, 2, 10, 11, Math.floor(gz.length / 2)],
      Array.from({ length: 40 }, (_, i) => (i + 1) * 7),
    ]) {
      assert.deepEqual(
        seen(await readReportSource(source(path, gz, cuts), { asOf: AS_OF })),
        fromDisk,
      );
    }
    // Named .gz on S3 or not: the bytes decide.
    const named = await readReportSource(source(`${path}.gz`, gz, [100]), { asOf: AS_OF });
    assert.equal(named.kept, 5);
  });

  it('keeps no row of a source that fails part-way, and says where it was cut off and what to do', async () => {
    const cutAfterRow2 = bytes.indexOf('33334444555') + 5; // in the middle of line 5 (line 3 holds a line break)
    const report = await readReportSource(
      source(
        's3://team-reports/daily/report_2026-11-21.csv',
        bytes,
        [40, cutAfterRow2, cutAfterRow2 + 10],
        cutAfterRow2,
      ),
      {
        asOf: AS_OF,
      },
    );
    assert.equal(report.kept, 0);
    assert.equal(report.records.length, 0);
    assert.equal(report.format, null);
    assert.equal(report.notAReport, 'cut off after line 4');
    assert.deepEqual(
      report.problems.map((p) => [p.file, p.line, p.severity]),
      [['s3://team-reports/daily/report_2026-11-21.csv', 1, 'error']],
    );
    assert.match(
      report.problems[0].message,
      /the read was cut off after line 4: ECONNRESET: socket hang up\. None of this report's rows are used, since the rest of it is missing: read it again/,
    );
    // Loaded with a whole report, the cut one adds nothing: its accounts stay unlisted.
    const loaded = combineReports([report, await readReport(path, { asOf: AS_OF })]);
    assert.equal(loaded.store.recordsForAccount('111122223333').length, 1);
    assert.equal(loaded.store.recordsForAccount('111122223333')[0].file, path);
  });

  it('keeps no row of a gzipped source that fails part-way, nor of one that fails before its first byte', async () => {
    const big = Buffer.from(
      `${HEADER}\n${Array.from({ length: 20_000 }, (_, i) => `${100_000_000_000 + i},T,prod-a,code1,2026-11-20,2026-11-21,2025-01-01`).join('\n')}\n`,
    );
    const gz = gzipSync(big);
    const cuts = Array.from({ length: 20 }, (_, i) => Math.floor(((i + 1) * gz.length) / 21));
    const report = await readReportSource(source('s3://b/k.csv.gz', gz, cuts, cuts[15]), {
      asOf: AS_OF,
    });
    assert.equal(report.kept, 0);
    assert.match(report.notAReport!, /^cut off after line \d+$/);
    assert.ok(report.rows > 1000, `rows read before the cut: ${report.rows}`);
    const never = await readReportSource({
      name: 's3://b/gone.csv',
      open: () => ({
        [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(new Error('AccessDenied')) }),
      }),
    });
    assert.deepEqual(
      [never.notAReport, never.problems.map((p) => p.message)],
      ['cannot be read', ['cannot be read: AccessDenied']],
    );
  });

  it('gives the same verdicts from a source as loadReports gives from the folder', async () => {
    const loaded = await loadReports([dir], { asOf: AS_OF });
    const streamed = combineReports([
      await readReportSource(source(path, bytes, [4096]), { asOf: AS_OF }),
    ]);
    for (const account of ACCOUNTS)
      assert.deepEqual(
        judgeAccount(streamed.store, account, AS_OF),
        judgeAccount(loaded.store, account, AS_OF),
      );
    assert.deepEqual(streamed.files, loaded.files);
  });

  it('dates a report by the last segment of its name, else by its modification, and rejects when aborted', async () => {
    const daily = Buffer.from(
      'Customer AWS Account Number,Product Id,Subscription Start Date\n111122223333,prod-a,2025-01-01\n',
    );
    const undated = await readReportSource(
      {
        ...source('s3://b/2026-11-19/report.csv', daily, []),
        modified: new Date(Date.UTC(2026, 10, 20, 12)),
      },
      { asOf: AS_OF },
    );
    assert.equal(undated.reportDate, '2026-11-20');
    assert.match(undated.problems[0].message, /using its modification day 2026-11-20/);
    const dated = await readReportSource(
      {
        ...source('s3://b/x/report_2026-11-19.csv', daily, []),
        modified: new Date(Date.UTC(2026, 10, 20, 12)),
      },
      { asOf: AS_OF },
    );
    assert.deepEqual([dated.reportDate, dated.problems], ['2026-11-19', []]);
    const controller = new AbortController();
    controller.abort(new Error('stopped by the user'));
    await assert.rejects(
      readReportSource(source(path, bytes, [10]), { asOf: AS_OF, signal: controller.signal }),
      /stopped by the user/,
    );
  });
});
