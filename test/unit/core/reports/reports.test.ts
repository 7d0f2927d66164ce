import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadReports } from '../../../../src/core/reports/load-reports';
import { expandReportPaths, PathNotFoundError } from '../../../../src/core/reports/report-files';
import { readReport } from '../../../../src/core/reports/report-source';

const BASIC = 'test/fixtures/reports/basic';
const LEGACY_HEADER = '"Customer AWS Account Number","Product Title","Product Id","Product Code","Last Usage Date","Report Date","Subscription Start Date"';

describe('reports', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'reports-test-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  function write(name: string, content: string | Buffer): string {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  }

  it('detects each format by its header, whatever the case, spacing and column order', async () => {
    const cases: [string, string, string][] = [
      ['subscription-usage', ' aws account number ,PRODUCT ID,Date of  Last Usage,Extra', '111122223333,prod-a,2026-11-20,x'],
      ['legacy-subscriber', LEGACY_HEADER, '"111122223333","A","prod-a","abc123","2026-11-20","2026-11-22","2026-01-01"'],
      ['daily-subscriber', 'Product Id,Customer AWS Account Number,Subscription Start Date,Offer ID', 'prod-a,111122223333,2026-01-01,offer-1'],
      ['support-contacts', 'operation type,Product Id,AWS Customer Id,Email', 'CREATE,prod-a,111122223333,a@example.com'],
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
      (await readReport(write('x_2026-11-23.csv', `${LEGACY_HEADER}\n"111122223333","A","prod-a","abc","2026-11-20","2026-11-22",""\n`))).reportDate,
      '2026-11-22',
    );
    const named = await readReport(write('subs_2026-11-21.csv', 'Product ID,AWS Account Number,Date of Last Usage\nprod-a,111122223333,2026-11-20\n'));
    assert.equal(named.reportDate, '2026-11-21');
    assert.equal(named.records.at(0)?.reportDate, '2026-11-21');
    const path = write('subs.csv', 'Product ID,AWS Account Number,Date of Last Usage\nprod-a,111122223333,2026-11-20\n');
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
      const day = ['2024-02-29', '2026-02-29', ' 2026-11-20 ', '2026-11-20T23:59:59+02:00', '0099-12-31', '2026-11-2'][i % 6];
      const account =
        i % 4 === 0 ? String(100_000_000_000 + i) : i % 4 === 1 ? `"${String(100_000_000_000 + i)}"` : i % 4 === 2 ? String(i) : ` ${100_000_000_000 + i} `;
      rows.push(`${account},"${title.replace('x', '""x""')}",prod-${i % 3},${code},${day}`);
      const bad = code === 'bad code' || day === '2026-02-29' || day === '2026-11-2';
      if (!bad) expected.push([line, title.replace('x', '"x"'), code, day.trim().slice(0, 10)]);
    }
    const report = await readReport(
      write('many-values_2026-11-22.csv', `Customer AWS Account Number,Product Title,Product Id,Product Code,Last Usage Date\n${rows.join('\n')}\n`),
    );
    const accountOf = (i: number) => (i % 4 === 2 ? String(i).padStart(12, '0') : String(100_000_000_000 + i));
    const want = expected.map(([line, title, code, day]) => [line, accountOf(line - 2), title, code, day]);
    assert.deepEqual(
      [...report.records].map((r) => [r.line, r.account, r.productTitle, r.productCode, r.lastUsage]),
      want,
    );
    assert.deepEqual([report.rows, report.kept], [6000, expected.length]);
    const error = (line: number) => report.problems.find((p) => p.line === line && p.severity === 'error')?.message;
    assert.match(error(3)!, /^Last Usage Date "2026-02-29" is not an ISO 8601 date such as 2026-11-20$/);
    assert.match(error(7)!, /^Last Usage Date "2026-11-2" is not an ISO 8601 date/);
    assert.match(error(9)!, /"2026-02-29" is not an ISO 8601 date such as 2026-11-20; Product Code "bad code" must be 1 to 25 letters or digits$/);
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
          Buffer.from('Product ID,AWS Account Number,Date of Last Usage,Product Title\nprod-a,111122223333,2026-11-20,Soci'),
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
      write('long_2026-11-22.csv', `Product ID,AWS Account Number,Date of Last Usage\n${'x'.repeat(3 * 2 ** 20)}\nprod-a,111122223333,2026-11-20\n`),
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
    const report = await readReport(write('many_2026-11-22.csv', `Product ID,AWS Account Number,Date of Last Usage\n${rows}\n`));
    assert.equal(report.problems.length, 1001);
    assert.match(report.problems[1000].message, /500 more problems/);
  });

  it('expands folders to their .csv files, sorted, and refuses a missing path', async () => {
    const folder = join(dir, 'folder');
    mkdirSync(folder);
    for (const name of ['b.csv', 'a.CSV', 'notes.txt']) writeFileSync(join(folder, name), '');
    mkdirSync(join(folder, 'sub.csv'));
    assert.deepEqual(await expandReportPaths([folder, join(folder, 'b.csv')]), [join(folder, 'a.CSV'), join(folder, 'b.csv')]);
    await assert.rejects(expandReportPaths([join(dir, 'missing')]), PathNotFoundError);
    await assert.rejects(readReport(join(dir, 'missing.csv')), /no such file or folder/);
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
        ['customer_subscriber_hourly_monthly_subscriptions_2026-11-22.csv', 'daily-subscriber', '2026-11-22', 2, 2],
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
    await assert.rejects(loadReports([BASIC], { signal: controller.signal }), { name: 'AbortError' });
  });
});
