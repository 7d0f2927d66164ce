// The report reader and loader, with the inputs that once gave a wrong answer, a silent nothing, a stack
// trace or a hang (issue 8, items 2, 3, 4 and 13): each describe names the kind; each example is one that failed before.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { CsvParser, type CsvSink } from '../../../../src/core/csv/csv';
import { parseSpreadsheetDay } from '../../../../src/core/dates';
import { judgeAccount } from '../../../../src/core/eligibility/eligibility';
import { loadReports } from '../../../../src/core/reports/load-reports';
import {
  expandReportPaths,
  PathNotFoundError,
  ReportPathError,
} from '../../../../src/core/reports/report-files';
import { readReport } from '../../../../src/core/reports/report-source';
import { temporaryFolder, writeIn } from '../../../support/temporary-folder';

const BASIC = 'test/fixtures/reports/basic';
const LEGACY_HEADER =
  '"Customer AWS Account Number","Product Title","Product Id","Product Code","Last Usage Date","Report Date","Subscription Start Date"';
/** The same header as most tools write it, without quotes. */
const LEGACY_HEADER_PLAIN =
  'Customer AWS Account Number,Product Title,Product Id,Product Code,Last Usage Date,Report Date,Subscription Start Date';
const DAILY_HEADER = 'Customer AWS Account Number,Product Id,Subscription Start Date';
const EXCEL = 'test/fixtures/reports/excel-roundtrip-subscriber';
/** EXCEL with line 5's only spreadsheet date one that reads two ways, and no day in the file to say which. */
const AMBIGUOUS = 'test/fixtures/reports/ambiguous-date-subscriber';

/** A legacy-subscriber row for product prod-a. */
function legacyRow(account: string, lastUsage: string, reportDate: string): string {
  return `${account},Appliance,prod-a,abc123,${lastUsage},${reportDate},2025-01-01`;
}

describe('reports', () => {
  const tmp = temporaryFolder('reports-test-');
  const write = (name: string, content: string | Buffer): string => writeIn(tmp(), name, content);

  it('detects each format by its header, whatever the case, spacing and column order', async () => {
    const cases: [string, string, string][] = [
      [
        'subscription-usage',
        ' aws account number ,PRODUCT ID,Date of  Last Usage,Extra',
        '111122223333,prod-a,2026-11-20,x',
      ],
      [
        'legacy-subscriber',
        LEGACY_HEADER,
        '"111122223333","A","prod-a","abc123","2026-11-20","2026-11-22","2026-01-01"',
      ],
      [
        'daily-subscriber',
        'Product Id,Customer AWS Account Number,Subscription Start Date,Offer ID',
        'prod-a,111122223333,2026-01-01,offer-1',
      ],
      [
        'support-contacts',
        'operation type,Product Id,AWS Customer Id,Email',
        'CREATE,prod-a,111122223333,a@example.com',
      ],
    ];
    for (const [format, header, row] of cases) {
      const report = await readReport(write(`${format}_2026-11-22.csv`, `${header}\n${row}\n`));
      assert.equal(report.format, format);
      assert.deepEqual(report.problems, [], format);
      assert.equal(report.rows, 1);
      assert.equal(report.kept, 1);
    }
  });

  it('gives an unknown header format null and one error at line 1 naming what it found and what it knows', async () => {
    const report = await readReport(write('other.csv', 'Name,Value\nx,1\ny,2\n'));
    assert.equal(report.format, null);
    assert.equal(report.reportDate, null);
    assert.equal(report.problems.length, 1);
    assert.equal(report.problems[0].line, 1);
    assert.match(report.problems[0].message, /columns "Name", "Value"/);
    for (const known of [
      'subscription-usage (Product ID, AWS Account Number, Date of Last Usage)',
      'legacy-subscriber',
      'daily-subscriber',
      'support-contacts',
    ]) {
      assert.ok(report.problems[0].message.includes(known), known);
    }
  });

  it('calls an empty file an error', async () => {
    const report = await readReport(write('empty.csv', ''));
    assert.equal(report.format, null);
    assert.deepEqual(
      report.problems.map((p) => [p.line, p.severity]),
      [[1, 'error']],
    );
    assert.match(report.problems[0].message, /empty file/);
  });

  it('takes the report date from the column, else the file name, else the modification day with a warning', async () => {
    assert.equal(
      (
        await readReport(
          write(
            'x_2026-11-23.csv',
            `${LEGACY_HEADER}\n"111122223333","A","prod-a","abc","2026-11-20","2026-11-22",""\n`,
          ),
        )
      ).reportDate,
      '2026-11-22',
    );
    const named = await readReport(
      write(
        'subs_2026-11-21.csv',
        'Product ID,AWS Account Number,Date of Last Usage\nprod-a,111122223333,2026-11-20\n',
      ),
    );
    assert.equal(named.reportDate, '2026-11-21');
    assert.equal(named.records.at(0)?.reportDate, '2026-11-21');
    const path = write(
      'subs.csv',
      'Product ID,AWS Account Number,Date of Last Usage\nprod-a,111122223333,2026-11-20\n',
    );
    utimesSync(path, new Date(Date.UTC(2026, 10, 19, 12)), new Date(Date.UTC(2026, 10, 19, 12)));
    const dated = await readReport(path);
    assert.equal(dated.reportDate, '2026-11-19');
    assert.match(dated.problems[0].message, /modification day 2026-11-19/);
    assert.equal(dated.problems[0].severity, 'warning');
  });

  it('turns bad values into problems on their physical line and keeps the good rows', async () => {
    const report = await readReport(
      write(
        'bad_2026-11-22.csv',
        [
          'Product ID,AWS Account Number,Date of Last Usage,Product Code',
          'prod-a,111122223333,2026-11-20T13:45:00Z,abc', // 2 ok, date-time
          'prod-a,1.23457E+11,2026-11-20,abc', // 3 scientific notation
          'prod-a,12345,2026-11-20,abc', // 4 padded: warning, kept
          '"prod-b\nsecond line",222233334444,2026-11-20,abc', // 5-6 multi-line id, ok
          'prod-a,333344445555,11/20/2026,abc', // 7 a spreadsheet's date, unambiguous: warning, kept
          'prod-a,444455556666,2026-02-30,abc', // 8 impossible date
          ',555566667777,2026-11-20,abc', // 9 empty product id
          'prod-a,666677778888,2026-11-20,not-a-code!', // 10 bad product code
          'prod-a,777788889999', // 11 missing fields
          ',,,', // 12 blank row: ignored
          'prod-a,888899990000,,abc', // 13 no last usage: warning, kept
        ].join('\n'),
      ),
    );
    assert.deepEqual(
      [...report.records].map((r) => [r.line, r.account, r.lastUsage]),
      [
        [2, '111122223333', '2026-11-20'],
        [4, '000000012345', '2026-11-20'],
        [5, '222233334444', '2026-11-20'],
        [7, '333344445555', '2026-11-20'],
        [13, '888899990000', undefined],
      ],
    );
    assert.equal(report.records.at(2)?.productId, 'prod-b\nsecond line');
    assert.deepEqual(
      report.problems.map((p) => [p.line, p.severity]),
      [
        [3, 'error'],
        [4, 'warning'],
        [7, 'warning'],
        [8, 'error'],
        [9, 'error'],
        [10, 'error'],
        [11, 'error'],
        [13, 'warning'],
      ],
    );
    const message = (line: number) => report.problems.find((p) => p.line === line)!.message;
    assert.match(message(3), /scientific notation/);
    assert.match(message(4), /read as 000000012345/);
    assert.match(message(7), /Date of Last Usage "11\/20\/2026" read as 2026-11-20/);
    assert.match(message(9), /Product ID is empty/);
    assert.match(message(10), /Product Code "not-a-code!" must be 1 to 25 letters or digits/);
    assert.match(message(11), /2 fields but the header has 4/);
    assert.equal(report.rows, 10); // the blank row is not a record
    assert.equal(report.kept, 5);
  });

  it('reads every value right whatever repeats: thousands of distinct and look-alike values, dates and accounts', async () => {
    // Titles that differ only where a cheap hash does not look, more distinct values than a cache
    // keeps, quoted and unquoted, and the same cells as both good and bad.
    const rows: string[] = [];
    const expected: [number, string, string, string][] = [];
    for (let i = 0; i < 6000; i++) {
      const line = rows.length + 2;
      const title = i % 3 === 0 ? `T${String(i % 40).padStart(4, '0')}-----------x` : `Title ${i}`;
      const code = i % 500 === 7 ? 'bad code' : `c${i % 11}`;
      const day = [
        '2024-02-29',
        '2026-02-29',
        ' 2026-11-20 ',
        '2026-11-20T23:59:59+02:00',
        '0099-12-31',
        '2026-11-2',
      ][i % 6];
      const account =
        i % 4 === 0
          ? String(100_000_000_000 + i)
          : i % 4 === 1
            ? `"${String(100_000_000_000 + i)}"`
            : i % 4 === 2
              ? String(i)
              : ` ${100_000_000_000 + i} `;
      rows.push(`${account},"${title.replace('x', '""x""')}",prod-${i % 3},${code},${day}`);
      const bad = code === 'bad code' || day === '2026-02-29' || day === '2026-11-2';
      if (!bad) expected.push([line, title.replace('x', '"x"'), code, day.trim().slice(0, 10)]);
    }
    const report = await readReport(
      write(
        'many-values_2026-11-22.csv',
        `Customer AWS Account Number,Product Title,Product Id,Product Code,Last Usage Date\n${rows.join('\n')}\n`,
      ),
    );
    const accountOf = (i: number) =>
      i % 4 === 2 ? String(i).padStart(12, '0') : String(100_000_000_000 + i);
    const want = expected.map(([line, title, code, day]) => [
      line,
      accountOf(line - 2),
      title,
      code,
      day,
    ]);
    assert.deepEqual(
      [...report.records].map((r) => [
        r.line,
        r.account,
        r.productTitle,
        r.productCode,
        r.lastUsage,
      ]),
      want,
    );
    assert.deepEqual([report.rows, report.kept], [6000, expected.length]);
    const error = (line: number) =>
      report.problems.find((p) => p.line === line && p.severity === 'error')?.message;
    assert.match(
      error(3)!,
      /^Last Usage Date "2026-02-29" is not an ISO 8601 date such as 2026-11-20$/,
    );
    assert.match(error(7)!, /^Last Usage Date "2026-11-2" is not an ISO 8601 date/);
    assert.match(
      error(9)!,
      /"2026-02-29" is not an ISO 8601 date such as 2026-11-20; Product Code "bad code" must be 1 to 25 letters or digits$/,
    );
  });

  it('survives binary files, non-UTF-8 bytes and a multi-megabyte line', async () => {
    const bytes = Buffer.alloc(200_000);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919 + (i >> 3)) & 0xff;
    const binary = await readReport(write('binary.csv', bytes));
    assert.equal(binary.format, null);
    assert.ok(binary.problems.some((p) => p.line === 1 && p.severity === 'error'));

    const latin1 = await readReport(
      write(
        'latin1_2026-11-22.csv',
        Buffer.concat([
          Buffer.from(
            'Product ID,AWS Account Number,Date of Last Usage,Product Title\nprod-a,111122223333,2026-11-20,Soci',
          ),
          Buffer.from([0xe9, 0x74, 0xe9]),
          Buffer.from('\n'),
        ]),
      ),
    );
    assert.equal(latin1.kept, 1);
    assert.deepEqual(
      latin1.problems.map((p) => [p.line, p.severity]),
      [[2, 'warning']],
    );
    assert.match(latin1.problems[0].message, /not UTF-8/);

    const long = await readReport(
      write(
        'long_2026-11-22.csv',
        `Product ID,AWS Account Number,Date of Last Usage\n${'x'.repeat(3 * 2 ** 20)}\nprod-a,111122223333,2026-11-20\n`,
      ),
    );
    assert.equal(long.kept, 1);
    assert.deepEqual(
      long.problems.map((p) => p.line),
      [2],
    );
    assert.match(long.problems[0].message, /longer than/);
  });

  it('stops listing problems after a thousand per file, and says how many more', async () => {
    const rows = Array.from({ length: 1500 }, () => 'prod-a,bad,2026-11-20').join('\n');
    const report = await readReport(
      write('many_2026-11-22.csv', `Product ID,AWS Account Number,Date of Last Usage\n${rows}\n`),
    );
    assert.equal(report.problems.length, 1001);
    assert.match(report.problems[1000].message, /500 more problems/);
  });

  it('expands folders to their .csv files, sorted, and refuses a missing path', async () => {
    const folder = join(tmp(), 'folder');
    mkdirSync(folder);
    for (const name of ['b.csv', 'a.CSV', 'notes.txt']) writeFileSync(join(folder, name), '');
    mkdirSync(join(folder, 'sub.csv'));
    assert.deepEqual(await expandReportPaths([folder, join(folder, 'b.csv')]), [
      join(folder, 'a.CSV'),
      join(folder, 'b.csv'),
    ]);
    await assert.rejects(expandReportPaths([join(tmp(), 'missing')]), PathNotFoundError);
    await assert.rejects(readReport(join(tmp(), 'missing.csv')), /no such file or folder/);
  });

  it('loads the basic fixture: every file, its summary, and the bad row at its known line', async () => {
    const seen: string[] = [];
    const loaded = await loadReports([BASIC], { onFile: (f) => seen.push(f.path) });
    assert.deepEqual(
      seen,
      loaded.files.map((f) => f.path),
    );
    assert.deepEqual(
      loaded.files.map((f) => [f.path.split('/').pop(), f.format, f.reportDate, f.rows, f.kept]),
      [
        [
          'customer_subscriber_hourly_monthly_subscriptions_2026-11-22.csv',
          'daily-subscriber',
          '2026-11-22',
          2,
          2,
        ],
        ['customer_subscriber_report_2026-11-21.csv', 'legacy-subscriber', '2026-11-21', 4, 4],
        ['customer_subscriber_report_2026-11-22.csv', 'legacy-subscriber', '2026-11-22', 8, 7],
        ['product_support_connection_2026-11-22.csv', 'support-contacts', '2026-11-22', 5, 5],
        ['subscription_report_2026-11-20.csv', 'subscription-usage', '2026-11-20', 2, 2],
      ],
    );
    assert.deepEqual(
      loaded.problems.map((p) => [p.file, p.line, p.severity]),
      [
        [`${BASIC}/customer_subscriber_report_2026-11-22.csv`, 6, 'error'],
        [`${BASIC}/customer_subscriber_report_2026-11-22.csv`, 7, 'warning'],
      ],
    );
  });

  it('stops loading when its signal is aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(loadReports([BASIC], { signal: controller.signal }), {
      name: 'AbortError',
    });
  });

  describe('what a new user tried', () => {
    it('reads an account written as the AWS console groups it (dashes, spaces), with a warning on its line', async () => {
      const path = write(
        'grouped/customer_subscriber_report_2026-11-22.csv',
        [
          LEGACY_HEADER_PLAIN,
          legacyRow('5555-6666-7777', '2026-11-21', '2026-11-22'),
          legacyRow('2222 3333 4444', '2026-11-21', '2026-11-22'),
        ].join('\n'),
      );
      const loaded = await loadReports([path], { asOf: '2026-11-22' });
      assert.equal(judgeAccount(loaded.store, '555566667777', '2026-11-22').verdict, 'eligible');
      assert.equal(judgeAccount(loaded.store, '222233334444', '2026-11-22').verdict, 'eligible');
      assert.deepEqual(
        loaded.problems.map((p) => [p.line, p.severity, p.message]),
        [
          [
            2,
            'warning',
            'account number "5555-6666-7777" is written with dashes or spaces: read as 555566667777',
          ],
          [
            3,
            'warning',
            'account number "2222 3333 4444" is written with dashes or spaces: read as 222233334444',
          ],
        ],
      );
    });

    it('says that a report with its header and no rows may be cut short, instead of passing for "nobody subscribed"', async () => {
      const path = write(
        'header-only/customer_subscriber_report_2026-11-22.csv',
        `${LEGACY_HEADER_PLAIN}\n`,
      );
      const report = await readReport(path, { asOf: '2026-11-22' });
      assert.equal(report.rows, 0);
      assert.deepEqual(
        report.problems.map((p) => [p.line, p.severity]),
        [[1, 'warning']],
      );
      assert.match(
        report.problems[0].message,
        /header and no rows: an export cut short\? Download it again/,
      );
    });
  });

  describe('a report date in the future', () => {
    it('makes a row dated after the as-of day a problem on its line that does not decide which report is newest', async () => {
      const path = write(
        'future/customer_subscriber_report_2026-11-21.csv',
        [
          LEGACY_HEADER_PLAIN,
          legacyRow('111122223333', '2026-11-20', '2026-11-21'),
          legacyRow('222233334444', '2026-11-20', '2062-11-22'),
          legacyRow('333344445555', '2026-11-19', '2026-11-21'),
        ].join('\n'),
      );
      const { store, problems, files } = await loadReports([path], { asOf: '2026-11-22' });
      assert.deepEqual(
        problems.map((p) => [p.line, p.severity]),
        [[3, 'error']],
      );
      assert.match(
        problems[0].message,
        /^Report Date 2062-11-22 is after the as-of day 2026-11-22: this row is not used and does not decide which report is newest/,
      );
      assert.equal(files[0].reportDate, '2026-11-21');
      assert.equal(store.latestReportDate(), '2026-11-21');
      assert.equal(judgeAccount(store, '111122223333', '2026-11-22').verdict, 'eligible');
      assert.equal(judgeAccount(store, '333344445555', '2026-11-22').verdict, 'eligible');
    });

    it("warns on a row dated before its file's own date, which is judged as part of that older report", async () => {
      const path = write(
        'older-row/customer_subscriber_report_2026-11-29.csv',
        [
          LEGACY_HEADER_PLAIN,
          legacyRow('111122223333', '2026-11-28', '2026-11-29'),
          legacyRow('888899990000', '2026-11-26', '2026-11-27'),
        ].join('\n'),
      );
      const { store, problems } = await loadReports([path], { asOf: '2026-11-29' });
      assert.deepEqual(
        problems.map((p) => [p.line, p.severity]),
        [[3, 'warning']],
      );
      assert.match(
        problems[0].message,
        /^Report Date 2026-11-27 is before the file's own date 2026-11-29 \(in its name\): the row is judged as part of the 2026-11-27 report/,
      );
      assert.equal(
        judgeAccount(store, '888899990000', '2026-11-29').verdict,
        'not-in-latest-report',
      );
    });

    it('measures against today when no as-of day is given', async () => {
      const report = await readReport(
        write(
          'future-today_2026-11-21.csv',
          `${LEGACY_HEADER_PLAIN}\n${legacyRow('222233334444', '2026-11-20', '2999-01-01')}\n`,
        ),
      );
      assert.equal(report.kept, 0);
      assert.match(
        report.problems[0].message,
        /Report Date 2999-01-01 is after today \(\d{4}-\d{2}-\d{2}\)/,
      );
    });

    it("makes a row dated after the file's own date (in its name) a problem on its line", async () => {
      const report = await readReport(
        write(
          'customer_subscriber_report_2026-11-20.csv',
          [
            LEGACY_HEADER_PLAIN,
            legacyRow('111122223333', '2026-11-19', '2026-11-20'),
            legacyRow('222233334444', '2026-11-19', '2026-11-21'),
          ].join('\n'),
        ),
        { asOf: '2026-11-22' },
      );
      assert.deepEqual(
        report.problems.map((p) => [p.line, p.severity]),
        [[3, 'error']],
      );
      assert.match(
        report.problems[0].message,
        /Report Date 2026-11-21 is after the file's own date 2026-11-20 \(in its name\)/,
      );
      assert.equal(report.reportDate, '2026-11-20');
      assert.equal(report.kept, 1);
    });

    it('makes a file named with a day after the as-of day a problem on line 1, its undated rows unused and not the newest report', async () => {
      const future = write(
        'dated/customer_subscriber_hourly_monthly_subscriptions_2062-11-22.csv',
        `${DAILY_HEADER}\n111122223333,prod-a,2025-01-01\n`,
      );
      const today = write(
        'dated/customer_subscriber_hourly_monthly_subscriptions_2026-11-21.csv',
        `${DAILY_HEADER}\n222233334444,prod-a,2025-01-01\n`,
      );
      const { store, problems, files } = await loadReports([future, today], { asOf: '2026-11-22' });
      assert.deepEqual(
        problems.map((p) => [p.file, p.line, p.severity]),
        [[future, 1, 'error']],
      );
      assert.match(
        problems[0].message,
        /the file name dates this report 2062-11-22, after the as-of day 2026-11-22/,
      );
      assert.deepEqual(
        files.map((f) => [f.reportDate, f.kept]),
        [
          [null, 0],
          ['2026-11-21', 1],
        ],
      );
      assert.equal(store.latestReportDate(), '2026-11-21');
      assert.equal(judgeAccount(store, '222233334444', '2026-11-22').verdict, 'eligible');
      const listed = judgeAccount(store, '111122223333', '2026-11-22');
      assert.match(
        listed.subscriptions[0].reasons[0],
        /is on .*2062-11-22\.csv:2, a row that was rejected: the file name dates this report 2062-11-22/,
      );
    });

    it('warns about a Last Usage Date of 9999-12-31 or after the report date, and keeps the row', async () => {
      const report = await readReport(
        write(
          'usage_2026-11-21.csv',
          [
            LEGACY_HEADER_PLAIN,
            legacyRow('111122223333', '9999-12-31', '2026-11-21'),
            legacyRow('222233334444', '2026-11-25', '2026-11-21'),
            legacyRow('333344445555', '2026-11-21', '2026-11-21'),
          ].join('\n'),
        ),
        { asOf: '2026-11-22' },
      );
      assert.equal(report.kept, 3);
      assert.deepEqual(
        report.problems.map((p) => [p.line, p.severity]),
        [
          [2, 'warning'],
          [3, 'warning'],
        ],
      );
      assert.match(
        report.problems[0].message,
        /Last Usage Date 9999-12-31 is a placeholder, not a day of usage/,
      );
      assert.match(
        report.problems[1].message,
        /Last Usage Date 2026-11-25 is after the row's report date 2026-11-21/,
      );
    });
  });

  describe('CR-only line endings ("CSV (Macintosh)")', () => {
    function parse(bytes: Buffer, piece: number): { fields: string[]; line: number }[] {
      const records: { fields: string[]; line: number }[] = [];
      const sink: CsvSink = {
        record: (fields, line) => records.push({ fields, line }),
        problem: () => assert.fail('no problem'),
        undecodable: () => assert.fail('UTF-8'),
      };
      const parser = new CsvParser(sink);
      for (let at = 0; at < bytes.length; at += piece) parser.push(bytes.subarray(at, at + piece));
      parser.end();
      return records;
    }

    it('reads CR as a line break, quoted line breaks included, in pieces of any size', () => {
      const bytes = Buffer.from('a,b\r1,"two\rlines"\r3,4\r\r5,6');
      for (const piece of [bytes.length, 1, 2, 5]) {
        assert.deepEqual(
          parse(bytes, piece),
          [
            { fields: ['a', 'b'], line: 1 },
            { fields: ['1', 'two\nlines'], line: 2 },
            { fields: ['3', '4'], line: 4 },
            { fields: ['5', '6'], line: 6 },
          ],
          `pieces of ${piece}`,
        );
      }
    });

    it('keeps CRLF files as they were', () => {
      assert.deepEqual(
        parse(Buffer.from('a,b\r\n1,2\r\n'), 1).map((r) => r.fields),
        [
          ['a', 'b'],
          ['1', '2'],
        ],
      );
    });

    it('reads every row of a report saved with CR-only line endings', async () => {
      const report = await readReport(
        write(
          'mac_2026-11-22.csv',
          `\uFEFF${DAILY_HEADER}\r111122223333,prod-a,2026-01-01\r222233334444,prod-a,2026-01-02\r`,
        ),
      );
      assert.equal(report.format, 'daily-subscriber');
      assert.deepEqual([report.rows, report.kept], [2, 2]);
      assert.deepEqual(
        [...report.records].map((r) => [r.line, r.account]),
        [
          [2, '111122223333'],
          [3, '222233334444'],
        ],
      );
      assert.deepEqual(report.problems, []);
    });
  });

  describe('dates a spreadsheet re-wrote', () => {
    it('reads a day that only one of month-first and day-first makes real, and calls the others ambiguous or not a date', () => {
      assert.deepEqual(parseSpreadsheetDay('11/20/2026'), {
        day: '2026-11-20',
        reading: 'month first',
      });
      assert.deepEqual(parseSpreadsheetDay('20/11/2026'), {
        day: '2026-11-20',
        reading: 'day first',
      });
      assert.deepEqual(parseSpreadsheetDay('20.11.2026 13:45'), {
        day: '2026-11-20',
        reading: 'day first',
      });
      assert.deepEqual(parseSpreadsheetDay('11/20/2026 1:45 PM'), {
        day: '2026-11-20',
        reading: 'month first',
      });
      assert.deepEqual(parseSpreadsheetDay('2/29/2024'), {
        day: '2024-02-29',
        reading: 'month first',
      });
      assert.deepEqual(parseSpreadsheetDay('3/3/2025'), {
        day: '2025-03-03',
        reading: 'the same either way',
      });
      assert.deepEqual(parseSpreadsheetDay('3/4/2025'), {
        ambiguous: ['2025-03-04', '2025-04-03'],
      });
      for (const never of ['2/30/2026', '13/13/2026', '11/20/26', '2026-11-20', '11/20-2026'])
        assert.equal(parseSpreadsheetDay(never), undefined, never);
    });

    it('keeps a row whose dates are unambiguous, with a warning naming its line; an ambiguous date with nothing in the file to decide it is an error that says to export ISO dates', async () => {
      const report = await readReport(
        write(
          'excel_2026-11-21.csv',
          [
            LEGACY_HEADER_PLAIN,
            '111122223333,A,prod-a,abc,11/11/2026,2026-11-21,2025-01-01',
            '222233334444,A,prod-a,abc,2026-11-19,2026-11-21,3/4/2025',
          ].join('\n'),
        ),
        { asOf: '2026-11-22' },
      );
      assert.deepEqual(
        [...report.records].map((r) => [r.line, r.lastUsage, r.reportDate]),
        [[2, '2026-11-11', '2026-11-21']],
      );
      assert.deepEqual(
        report.problems.map((p) => [p.line, p.severity]),
        [
          [2, 'warning'],
          [3, 'error'],
        ],
      );
      assert.match(
        report.problems[0].message,
        /Last Usage Date "11\/11\/2026" read as 2026-11-11 \(the same day month first or day first\)/,
      );
      assert.match(
        report.problems[1].message,
        /Subscription Start Date "3\/4\/2025" could be 2025-03-04 \(month first\) or 2025-04-03 \(day first\), and no day in this file proves which \(a day above 12\): export the report with ISO dates/,
      );
    });

    it('reads the ambiguous dates of a file in the order a day above 12 anywhere in it proves, rows before that day too, and says so on the header line', async () => {
      const report = await readReport(
        write(
          'european_2026-11-21.csv',
          [
            LEGACY_HEADER_PLAIN,
            '111122223333,A,prod-a,abc,03.11.2026,2026-11-21,04.03.2025',
            '222233334444,A,prod-a,abc,05.11.2026,2026-11-21,2025-01-01',
            '333344445555,A,prod-a,abc,21.11.2026,2026-11-21,2025-01-01',
            '444455556666,A,prod-a,abc,06.11.2026,2026-11-21,2025-01-01',
          ].join('\n'),
        ),
        { asOf: '2026-11-22' },
      );
      assert.deepEqual(
        [...report.records].map((r) => [r.line, r.lastUsage, r.subscriptionStart]).sort(),
        [
          [2, '2026-11-03', '2025-03-04'],
          [3, '2026-11-05', '2025-01-01'],
          [4, '2026-11-21', '2025-01-01'],
          [5, '2026-11-06', '2025-01-01'],
        ],
      );
      assert.deepEqual(
        report.problems.map((p) => [p.line, p.severity]),
        [
          [1, 'info'],
          [2, 'warning'],
          [3, 'warning'],
          [4, 'warning'],
          [5, 'warning'],
        ],
      );
      assert.equal(
        report.problems[0].message,
        'this file: its days that read two ways (4, such as "03.11.2026") are read day first, as "21.11.2026" on line 4 can only be read day first',
      );
      assert.match(
        report.problems[1].message,
        /Last Usage Date "03\.11\.2026" read as 2026-11-03 \(day first: this file's "21\.11\.2026" can only be read so\)/,
      );
    });

    it("reads a European Excel's semicolon export, and its re-save with Excel's sep= line, and says how it read them", async () => {
      const header = LEGACY_HEADER_PLAIN.replaceAll(',', ';');
      const rows = [
        '111122223333;Appliance, EU;prod-a;abc123;03.11.2026;21.11.2026;04.03.2025',
        '222233334444;Appliance, EU;prod-a;abc123;20.11.2026;21.11.2026;01.02.2025',
      ];
      const semicolons = await readReport(
        write(
          'eu/customer_subscriber_report_2026-11-21.csv',
          `\uFEFF${[header, ...rows].join('\r\n')}\r\n`,
        ),
        {
          asOf: '2026-11-22',
        },
      );
      assert.equal(semicolons.format, 'legacy-subscriber');
      assert.deepEqual(
        [...semicolons.records].map((r) => [
          r.line,
          r.account,
          r.productTitle,
          r.lastUsage,
          r.subscriptionStart,
        ]),
        [
          [2, '111122223333', 'Appliance, EU', '2026-11-03', '2025-03-04'],
          [3, '222233334444', 'Appliance, EU', '2026-11-20', '2025-02-01'],
        ],
      );
      assert.match(
        semicolons.problems[0].message,
        /^this file: read semicolon-separated \(as a European Excel saves CSV\); its days that read two ways \(3, .*\) are read day first/,
      );
      const hinted = await readReport(
        write(
          'eu/sep/customer_subscriber_report_2026-11-21.csv',
          `sep=,\n${LEGACY_HEADER_PLAIN}\n${legacyRow('111122223333', '2026-11-20', '2026-11-21')}\n`,
        ),
        {
          asOf: '2026-11-22',
        },
      );
      assert.equal(hinted.format, 'legacy-subscriber');
      assert.deepEqual(
        [...hinted.records].map((r) => [r.line, r.account]),
        [[3, '111122223333']],
      );
      assert.deepEqual(
        hinted.problems.map((p) => [p.line, p.severity, p.message]),
        [[2, 'info', 'this file: its first line "sep=," (Excel\'s) names the separator']],
      );
    });

    it('reads the Excel round trip of the shared case: its one M/D/YYYY row is month first, proven by 11/20/2026', async () => {
      const { store, problems } = await loadReports([EXCEL], { asOf: '2026-11-22' });
      const verdict = judgeAccount(store, '777788889999', '2026-11-22');
      assert.equal(verdict.verdict, 'eligible');
      assert.match(
        verdict.subscriptions[0].reasons.join('\n'),
        /customer_subscriber_report_2026-11-21\.csv:5 \(report 2026-11-21\), last usage 2026-11-20/,
      );
      assert.match(
        problems.find((p) => p.line === 1)!.message,
        /\(1, such as "3\/4\/2025"\) are read month first, as "11\/20\/2026" on line 5 can only be read month first/,
      );
    });
  });

  describe('an account on a rejected row', () => {
    it('says the account is on the rejected line and why, without the new-subscriber advice', async () => {
      const { store } = await loadReports([AMBIGUOUS], { asOf: '2026-11-22' });
      const verdict = judgeAccount(store, '777788889999', '2026-11-22');
      assert.equal(verdict.subscriptions.length, 1);
      const reasons = verdict.subscriptions[0].reasons.join('\n');
      assert.match(
        reasons,
        /Account 777788889999 is on .*customer_subscriber_report_2026-11-21\.csv:5, a row that was rejected: Subscription Start Date "3\/4\/2025" could be/,
      );
      assert.doesNotMatch(reasons, /good faith|New subscribers|not listed/);
      assert.deepEqual(
        verdict.rejectedRows.map((r) => [r.line, r.account, r.productId]),
        [[5, '777788889999', 'prod-abcd1234efgh5']],
      );
    });

    it("says a row whose account a spreadsheet wrote in scientific notation may be the account's", async () => {
      const { store } = await loadReports([EXCEL], { asOf: '2026-11-22' });
      const reasons = judgeAccount(store, '444455556666', '2026-11-22').subscriptions[0].reasons;
      assert.match(
        reasons.at(-1)!,
        /2026-11-21\.csv:4 may be this account's row, but it was rejected: .*scientific notation.*; 444455556666 rounds to 4\.44456E\+11/,
      );
      assert.equal(judgeAccount(store, '444455556667', '2026-11-22').rejectedRows.length, 1);
      assert.equal(judgeAccount(store, '444465556666', '2026-11-22').rejectedRows.length, 0);
    });

    it("adds a rejected row to a verdict from the account's other rows", async () => {
      const older = write(
        'rejected/customer_subscriber_report_2026-11-20.csv',
        `${LEGACY_HEADER_PLAIN}\n${legacyRow('111122223333', '2026-11-19', '2026-11-20')}\n`,
      );
      const newer = write(
        'rejected/customer_subscriber_report_2026-11-21.csv',
        `${LEGACY_HEADER_PLAIN}\n${legacyRow('222233334444', '2026-11-19', '2026-11-21')}\n111122223333,Appliance,prod-a,abc123,3/4/2026,2026-11-21,2025-01-01\n`,
      );
      const { store } = await loadReports([older, newer], { asOf: '2026-11-22' });
      const verdict = judgeAccount(store, '111122223333', '2026-11-22');
      assert.equal(verdict.verdict, 'not-in-latest-report');
      assert.match(
        verdict.subscriptions[0].reasons.at(-1)!,
        /^Also on .*2026-11-21\.csv:3, a row that was rejected \(Last Usage Date "3\/4\/2026" could be/,
      );
    });
  });

  describe('paths that are not plain report files', () => {
    const BASIC_ROW = '111122223333,prod-a,2026-01-01';

    it('follows symbolic links to .csv files in a folder, reading a file reached twice once', async () => {
      const target = write(
        'elsewhere/customer_subscriber_hourly_monthly_subscriptions_2026-11-21.csv',
        `${DAILY_HEADER}\n${BASIC_ROW}\n`,
      );
      const folder = join(tmp(), 'linked');
      mkdirSync(folder);
      symlinkSync(target, join(folder, 'a_2026-11-21.csv'));
      symlinkSync('a_2026-11-21.csv', join(folder, 'b_2026-11-21.csv'));
      const { files, store, problems } = await loadReports([folder]);
      assert.deepEqual(
        files.map((f) => [f.path, f.kept]),
        [[join(folder, 'a_2026-11-21.csv'), 1]],
      );
      assert.deepEqual(problems, []);
      assert.equal(store.hasAccount('111122223333'), true);
    });

    it('names a symbolic link loop or a dangling link in a folder as a problem, and refuses one given as the path with a clear error', async () => {
      const folder = join(tmp(), 'loops');
      mkdirSync(folder);
      write('loops/good_2026-11-21.csv', `${DAILY_HEADER}\n${BASIC_ROW}\n`);
      symlinkSync('loop.csv', join(folder, 'loop.csv'));
      symlinkSync(join(tmp(), 'nowhere.csv'), join(folder, 'dangling.csv'));
      const { files, problems } = await loadReports([folder]);
      assert.deepEqual(
        files.map((f) => [f.path.slice(folder.length + 1), f.format, f.notAReport]),
        [
          ['dangling.csv', null, 'a link to a missing file'],
          ['good_2026-11-21.csv', 'daily-subscriber', undefined],
          ['loop.csv', null, 'a symbolic link loop'],
        ],
      );
      assert.match(
        problems.find((p) => p.file.endsWith('loop.csv'))!.message,
        /symbolic link loop/,
      );
      assert.match(
        problems.find((p) => p.file.endsWith('dangling.csv'))!.message,
        /a symbolic link to .*nowhere\.csv, which does not exist/,
      );
      await assert.rejects(
        loadReports([join(folder, 'loop.csv')]),
        (error: Error) =>
          error instanceof ReportPathError && /loop\.csv: a symbolic link loop/.test(error.message),
      );
      await assert.rejects(loadReports([join(tmp(), 'no-such-folder')]), PathNotFoundError);
    });

    it('calls a folder where a report file is expected a problem, not a crash', async () => {
      mkdirSync(join(tmp(), 'a-folder.csv'));
      const report = await readReport(join(tmp(), 'a-folder.csv'));
      assert.equal(report.format, null);
      assert.equal(report.notAReport, 'a folder');
      assert.match(report.problems[0].message, /a folder where a report file is expected/);
    });

    it('skips a named pipe without waiting on it, and names it', async function () {
      if (process.platform === 'win32') this.skip();
      this.timeout(5000);
      const folder = join(tmp(), 'fifo');
      mkdirSync(folder);
      execFileSync('mkfifo', [join(folder, 'pipe.csv')]);
      for (const path of [folder, join(folder, 'pipe.csv')]) {
        const { files, problems } = await loadReports([path]);
        assert.deepEqual(
          files.map((f) => f.notAReport),
          ['a named pipe (FIFO)'],
        );
        assert.match(
          problems[0].message,
          /a named pipe \(FIFO\), not a regular file: skipped without reading/,
        );
      }
    });

    it('reads the reports of subfolders one level down when a folder has none itself, and says so', async () => {
      write(
        'nested/2026/customer_subscriber_hourly_monthly_subscriptions_2026-11-21.csv',
        `${DAILY_HEADER}\n${BASIC_ROW}\n`,
      );
      write('nested/notes.txt', 'not a report');
      const { files, problems } = await loadReports([join(tmp(), 'nested')]);
      assert.deepEqual(
        files.map((f) => f.kept),
        [1],
      );
      assert.deepEqual(
        problems.map((p) => [p.file, p.severity]),
        [[join(tmp(), 'nested'), 'info']],
      );
      assert.match(
        problems[0].message,
        /no report files \(\.csv, \.csv\.gz\) in this folder itself: read the 1 in its subfolder 2026\/ \(one level down\)/,
      );
    });

    it('says what a folder without any report file holds instead', async () => {
      write('no-reports/deeper/still/none_2026-11-21.csv', `${DAILY_HEADER}\n${BASIC_ROW}\n`);
      write('no-reports/readme.txt', 'x');
      const { files, problems } = await loadReports([join(tmp(), 'no-reports')]);
      assert.deepEqual(files, []);
      assert.match(
        problems[0].message,
        /no report files \(\.csv, \.csv\.gz\) in this folder or its subfolders: it holds deeper\/, readme\.txt/,
      );
      mkdirSync(join(tmp(), 'empty'));
      assert.match(
        (await loadReports([join(tmp(), 'empty')])).problems[0].message,
        /in this folder: it is empty/,
      );
    });

    it('reads a .csv.gz report by gunzip, and names damaged gzip data', async () => {
      const text = `${DAILY_HEADER}\n${Array.from({ length: 50_000 }, (_, i) => `${String(100_000_000_000 + i)},prod-a,2026-01-01`).join('\n')}\n`;
      const gz = write(
        'gz/customer_subscriber_hourly_monthly_subscriptions_2026-11-21.csv.gz',
        gzipSync(text),
      );
      const { files, store } = await loadReports([join(tmp(), 'gz')]);
      assert.deepEqual(
        files.map((f) => [f.path, f.format, f.kept]),
        [[gz, 'daily-subscriber', 50_000]],
      );
      assert.equal(store.hasAccount('100000049999'), true);
      const damaged = await readReport(
        write('damaged_2026-11-21.csv.gz', gzipSync(text).subarray(0, 2000)),
      );
      assert.match(
        damaged.problems.at(-1)!.message,
        /the gzip data is damaged \(unexpected end of file\): download the report again/,
      );
      const notReport = await readReport(
        write('other.csv.gz', gzipSync(`Name,Value\n${'x,1\n'.repeat(200_000)}`)),
      );
      assert.deepEqual(
        notReport.problems.map((p) => p.message.slice(0, 19)),
        ['not a known report:'],
      );
    });

    it('names UTF-16 text, tab-separated files and workbooks, and says how to export them again', async () => {
      const utf16le = Buffer.from(
        `\uFEFF${DAILY_HEADER.replaceAll(',', '\t')}\r\n${BASIC_ROW}\r\n`,
        'utf16le',
      );
      const utf16be = Buffer.from(`${DAILY_HEADER}\n`, 'utf16le').swap16();
      const cases: [string, string | Buffer, string, RegExp][] = [
        [
          'unicode-text.csv',
          utf16le,
          'UTF-16LE text',
          /this file is UTF-16LE text, not UTF-8 .*"CSV UTF-8 \(Comma delimited\)".*iconv -f UTF-16LE -t UTF-8/,
        ],
        ['utf16be.csv', utf16be, 'UTF-16BE text', /this file is UTF-16BE text/],
        [
          'tabs.csv',
          `${DAILY_HEADER.replaceAll(',', '\t')}\n${BASIC_ROW.replaceAll(',', '\t')}\n`,
          'tab-separated text',
          /this file is tab-separated \(its header has 3 columns separated by tabs, the columns of a daily-subscriber report\), but reports are read comma-separated: export it again as "CSV UTF-8 \(Comma delimited\)"/,
        ],
        [
          'book.csv',
          Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]),
          'a zip archive, such as an Excel workbook (.xlsx)',
          /not CSV text: open it and export it again/,
        ],
      ];
      for (const [name, content, what, message] of cases) {
        const report = await readReport(write(`encodings/${name}`, content));
        assert.equal(report.format, null, name);
        assert.equal(report.notAReport, what, name);
        assert.deepEqual(
          report.problems.map((p) => [p.line, p.severity]),
          [[1, 'error']],
          name,
        );
        assert.match(report.problems[0].message, message, name);
      }
    });
  });
});
