// Issue 8, items 2, 3, 4 and 13: report inputs that gave a wrong answer, a silent nothing, a stack
// trace or a hang. Each describe names the kind; each example is one that failed before.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { CsvParser, type CsvSink } from '../../../../src/core/csv/csv';
import { parseSpreadsheetDay } from '../../../../src/core/dates';
import { judgeAccount } from '../../../../src/core/eligibility/eligibility';
import { loadReports } from '../../../../src/core/reports/load-reports';
import { PathNotFoundError, ReportPathError } from '../../../../src/core/reports/report-files';
import { readReport } from '../../../../src/core/reports/report-source';

const LEGACY_HEADER = 'Customer AWS Account Number,Product Title,Product Id,Product Code,Last Usage Date,Report Date,Subscription Start Date';
const DAILY_HEADER = 'Customer AWS Account Number,Product Id,Subscription Start Date';
const EXCEL = 'test/fixtures/reports/excel-roundtrip-subscriber';
/** EXCEL with line 5's only spreadsheet date one that reads two ways, and no day in the file to say which. */
const AMBIGUOUS = 'test/fixtures/reports/ambiguous-date-subscriber';

/** A legacy-subscriber row for product prod-a. */
function legacyRow(account: string, lastUsage: string, reportDate: string): string {
  return `${account},Appliance,prod-a,abc123,${lastUsage},${reportDate},2025-01-01`;
}

describe('report hardening', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'reports-hardening-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  function write(name: string, content: string | Buffer): string {
    const path = join(dir, name);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, content);
    return path;
  }

  describe('report hardening: what a new user tried', () => {
    it('reads an account written as the AWS console groups it (dashes, spaces), with a warning on its line', async () => {
      const path = write(
        'grouped/customer_subscriber_report_2026-11-22.csv',
        [LEGACY_HEADER, legacyRow('5555-6666-7777', '2026-11-21', '2026-11-22'), legacyRow('2222 3333 4444', '2026-11-21', '2026-11-22')].join('\n'),
      );
      const loaded = await loadReports([path], { asOf: '2026-11-22' });
      assert.equal(judgeAccount(loaded.store, '555566667777', '2026-11-22').verdict, 'eligible');
      assert.equal(judgeAccount(loaded.store, '222233334444', '2026-11-22').verdict, 'eligible');
      assert.deepEqual(
        loaded.problems.map((p) => [p.line, p.severity, p.message]),
        [
          [2, 'warning', 'account number "5555-6666-7777" is written with dashes or spaces: read as 555566667777'],
          [3, 'warning', 'account number "2222 3333 4444" is written with dashes or spaces: read as 222233334444'],
        ],
      );
    });

    it('says that a report with its header and no rows may be cut short, instead of passing for "nobody subscribed"', async () => {
      const path = write('header-only/customer_subscriber_report_2026-11-22.csv', `${LEGACY_HEADER}\n`);
      const report = await readReport(path, { asOf: '2026-11-22' });
      assert.equal(report.rows, 0);
      assert.deepEqual(
        report.problems.map((p) => [p.line, p.severity]),
        [[1, 'warning']],
      );
      assert.match(report.problems[0].message, /header and no rows: an export cut short\? Download it again/);
    });
  });

  describe('report hardening: a report date in the future', () => {
    it('makes a row dated after the as-of day a problem on its line that does not decide which report is newest', async () => {
      const path = write(
        'future/customer_subscriber_report_2026-11-21.csv',
        [
          LEGACY_HEADER,
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
        [LEGACY_HEADER, legacyRow('111122223333', '2026-11-28', '2026-11-29'), legacyRow('888899990000', '2026-11-26', '2026-11-27')].join('\n'),
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
      assert.equal(judgeAccount(store, '888899990000', '2026-11-29').verdict, 'not-in-latest-report');
    });

    it('measures against today when no as-of day is given', async () => {
      const report = await readReport(write('future-today_2026-11-21.csv', `${LEGACY_HEADER}\n${legacyRow('222233334444', '2026-11-20', '2999-01-01')}\n`));
      assert.equal(report.kept, 0);
      assert.match(report.problems[0].message, /Report Date 2999-01-01 is after today \(\d{4}-\d{2}-\d{2}\)/);
    });

    it("makes a row dated after the file's own date (in its name) a problem on its line", async () => {
      const report = await readReport(
        write(
          'customer_subscriber_report_2026-11-20.csv',
          [LEGACY_HEADER, legacyRow('111122223333', '2026-11-19', '2026-11-20'), legacyRow('222233334444', '2026-11-19', '2026-11-21')].join('\n'),
        ),
        { asOf: '2026-11-22' },
      );
      assert.deepEqual(
        report.problems.map((p) => [p.line, p.severity]),
        [[3, 'error']],
      );
      assert.match(report.problems[0].message, /Report Date 2026-11-21 is after the file's own date 2026-11-20 \(in its name\)/);
      assert.equal(report.reportDate, '2026-11-20');
      assert.equal(report.kept, 1);
    });

    it('makes a file named with a day after the as-of day a problem on line 1, its undated rows unused and not the newest report', async () => {
      const future = write('dated/customer_subscriber_hourly_monthly_subscriptions_2062-11-22.csv', `${DAILY_HEADER}\n111122223333,prod-a,2025-01-01\n`);
      const today = write('dated/customer_subscriber_hourly_monthly_subscriptions_2026-11-21.csv', `${DAILY_HEADER}\n222233334444,prod-a,2025-01-01\n`);
      const { store, problems, files } = await loadReports([future, today], { asOf: '2026-11-22' });
      assert.deepEqual(
        problems.map((p) => [p.file, p.line, p.severity]),
        [[future, 1, 'error']],
      );
      assert.match(problems[0].message, /the file name dates this report 2062-11-22, after the as-of day 2026-11-22/);
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
      assert.match(listed.subscriptions[0].reasons[0], /is on .*2062-11-22\.csv:2, a row that was rejected: the file name dates this report 2062-11-22/);
    });

    it('warns about a Last Usage Date of 9999-12-31 or after the report date, and keeps the row', async () => {
      const report = await readReport(
        write(
          'usage_2026-11-21.csv',
          [
            LEGACY_HEADER,
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
      assert.match(report.problems[0].message, /Last Usage Date 9999-12-31 is a placeholder, not a day of usage/);
      assert.match(report.problems[1].message, /Last Usage Date 2026-11-25 is after the row's report date 2026-11-21/);
    });
  });

  describe('report hardening: CR-only line endings ("CSV (Macintosh)")', () => {
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
      const report = await readReport(write('mac_2026-11-22.csv', `\uFEFF${DAILY_HEADER}\r111122223333,prod-a,2026-01-01\r222233334444,prod-a,2026-01-02\r`));
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

  describe('report hardening: dates a spreadsheet re-wrote', () => {
    it('reads a day that only one of month-first and day-first makes real, and calls the others ambiguous or not a date', () => {
      assert.deepEqual(parseSpreadsheetDay('11/20/2026'), { day: '2026-11-20', reading: 'month first' });
      assert.deepEqual(parseSpreadsheetDay('20/11/2026'), { day: '2026-11-20', reading: 'day first' });
      assert.deepEqual(parseSpreadsheetDay('20.11.2026 13:45'), { day: '2026-11-20', reading: 'day first' });
      assert.deepEqual(parseSpreadsheetDay('11/20/2026 1:45 PM'), { day: '2026-11-20', reading: 'month first' });
      assert.deepEqual(parseSpreadsheetDay('2/29/2024'), { day: '2024-02-29', reading: 'month first' });
      assert.deepEqual(parseSpreadsheetDay('3/3/2025'), { day: '2025-03-03', reading: 'the same either way' });
      assert.deepEqual(parseSpreadsheetDay('3/4/2025'), { ambiguous: ['2025-03-04', '2025-04-03'] });
      for (const never of ['2/30/2026', '13/13/2026', '11/20/26', '2026-11-20', '11/20-2026']) assert.equal(parseSpreadsheetDay(never), undefined, never);
    });

    it('keeps a row whose dates are unambiguous, with a warning naming its line; an ambiguous date with nothing in the file to decide it is an error that says to export ISO dates', async () => {
      const report = await readReport(
        write(
          'excel_2026-11-21.csv',
          [LEGACY_HEADER, '111122223333,A,prod-a,abc,11/11/2026,2026-11-21,2025-01-01', '222233334444,A,prod-a,abc,2026-11-19,2026-11-21,3/4/2025'].join('\n'),
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
      assert.match(report.problems[0].message, /Last Usage Date "11\/11\/2026" read as 2026-11-11 \(the same day month first or day first\)/);
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
            LEGACY_HEADER,
            '111122223333,A,prod-a,abc,03.11.2026,2026-11-21,04.03.2025',
            '222233334444,A,prod-a,abc,05.11.2026,2026-11-21,2025-01-01',
            '333344445555,A,prod-a,abc,21.11.2026,2026-11-21,2025-01-01',
            '444455556666,A,prod-a,abc,06.11.2026,2026-11-21,2025-01-01',
          ].join('\n'),
        ),
        { asOf: '2026-11-22' },
      );
      assert.deepEqual([...report.records].map((r) => [r.line, r.lastUsage, r.subscriptionStart]).sort(), [
        [2, '2026-11-03', '2025-03-04'],
        [3, '2026-11-05', '2025-01-01'],
        [4, '2026-11-21', '2025-01-01'],
        [5, '2026-11-06', '2025-01-01'],
      ]);
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
      const header = LEGACY_HEADER.replaceAll(',', ';');
      const rows = [
        '111122223333;Appliance, EU;prod-a;abc123;03.11.2026;21.11.2026;04.03.2025',
        '222233334444;Appliance, EU;prod-a;abc123;20.11.2026;21.11.2026;01.02.2025',
      ];
      const semicolons = await readReport(write('eu/customer_subscriber_report_2026-11-21.csv', `\uFEFF${[header, ...rows].join('\r\n')}\r\n`), {
        asOf: '2026-11-22',
      });
      assert.equal(semicolons.format, 'legacy-subscriber');
      assert.deepEqual(
        [...semicolons.records].map((r) => [r.line, r.account, r.productTitle, r.lastUsage, r.subscriptionStart]),
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
        write('eu/sep/customer_subscriber_report_2026-11-21.csv', `sep=,\n${LEGACY_HEADER}\n${legacyRow('111122223333', '2026-11-20', '2026-11-21')}\n`),
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
      assert.match(verdict.subscriptions[0].reasons.join('\n'), /customer_subscriber_report_2026-11-21\.csv:5 \(report 2026-11-21\), last usage 2026-11-20/);
      assert.match(
        problems.find((p) => p.line === 1)!.message,
        /\(1, such as "3\/4\/2025"\) are read month first, as "11\/20\/2026" on line 5 can only be read month first/,
      );
    });
  });

  describe('report hardening: an account on a rejected row', () => {
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
      const older = write('rejected/customer_subscriber_report_2026-11-20.csv', `${LEGACY_HEADER}\n${legacyRow('111122223333', '2026-11-19', '2026-11-20')}\n`);
      const newer = write(
        'rejected/customer_subscriber_report_2026-11-21.csv',
        `${LEGACY_HEADER}\n${legacyRow('222233334444', '2026-11-19', '2026-11-21')}\n111122223333,Appliance,prod-a,abc123,3/4/2026,2026-11-21,2025-01-01\n`,
      );
      const { store } = await loadReports([older, newer], { asOf: '2026-11-22' });
      const verdict = judgeAccount(store, '111122223333', '2026-11-22');
      assert.equal(verdict.verdict, 'not-in-latest-report');
      assert.match(verdict.subscriptions[0].reasons.at(-1)!, /^Also on .*2026-11-21\.csv:3, a row that was rejected \(Last Usage Date "3\/4\/2026" could be/);
    });
  });

  describe('report hardening: paths that are not plain report files', () => {
    const BASIC_ROW = '111122223333,prod-a,2026-01-01';

    it('follows symbolic links to .csv files in a folder, reading a file reached twice once', async () => {
      const target = write('elsewhere/customer_subscriber_hourly_monthly_subscriptions_2026-11-21.csv', `${DAILY_HEADER}\n${BASIC_ROW}\n`);
      const folder = join(dir, 'linked');
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
      const folder = join(dir, 'loops');
      mkdirSync(folder);
      write('loops/good_2026-11-21.csv', `${DAILY_HEADER}\n${BASIC_ROW}\n`);
      symlinkSync('loop.csv', join(folder, 'loop.csv'));
      symlinkSync(join(dir, 'nowhere.csv'), join(folder, 'dangling.csv'));
      const { files, problems } = await loadReports([folder]);
      assert.deepEqual(
        files.map((f) => [f.path.slice(folder.length + 1), f.format, f.notAReport]),
        [
          ['dangling.csv', null, 'a link to a missing file'],
          ['good_2026-11-21.csv', 'daily-subscriber', undefined],
          ['loop.csv', null, 'a symbolic link loop'],
        ],
      );
      assert.match(problems.find((p) => p.file.endsWith('loop.csv'))!.message, /symbolic link loop/);
      assert.match(problems.find((p) => p.file.endsWith('dangling.csv'))!.message, /a symbolic link to .*nowhere\.csv, which does not exist/);
      await assert.rejects(
        loadReports([join(folder, 'loop.csv')]),
        (error: Error) => error instanceof ReportPathError && /loop\.csv: a symbolic link loop/.test(error.message),
      );
      await assert.rejects(loadReports([join(dir, 'no-such-folder')]), PathNotFoundError);
    });

    it('calls a folder where a report file is expected a problem, not a crash', async () => {
      mkdirSync(join(dir, 'a-folder.csv'));
      const report = await readReport(join(dir, 'a-folder.csv'));
      assert.equal(report.format, null);
      assert.equal(report.notAReport, 'a folder');
      assert.match(report.problems[0].message, /a folder where a report file is expected/);
    });

    it('skips a named pipe without waiting on it, and names it', async function () {
      if (process.platform === 'win32') this.skip();
      this.timeout(5000);
      const folder = join(dir, 'fifo');
      mkdirSync(folder);
      execFileSync('mkfifo', [join(folder, 'pipe.csv')]);
      for (const path of [folder, join(folder, 'pipe.csv')]) {
        const { files, problems } = await loadReports([path]);
        assert.deepEqual(
          files.map((f) => f.notAReport),
          ['a named pipe (FIFO)'],
        );
        assert.match(problems[0].message, /a named pipe \(FIFO\), not a regular file: skipped without reading/);
      }
    });

    it('reads the reports of subfolders one level down when a folder has none itself, and says so', async () => {
      write('nested/2026/customer_subscriber_hourly_monthly_subscriptions_2026-11-21.csv', `${DAILY_HEADER}\n${BASIC_ROW}\n`);
      write('nested/notes.txt', 'not a report');
      const { files, problems } = await loadReports([join(dir, 'nested')]);
      assert.deepEqual(
        files.map((f) => f.kept),
        [1],
      );
      assert.deepEqual(
        problems.map((p) => [p.file, p.severity]),
        [[join(dir, 'nested'), 'info']],
      );
      assert.match(problems[0].message, /no report files \(\.csv, \.csv\.gz\) in this folder itself: read the 1 in its subfolder 2026\/ \(one level down\)/);
    });

    it('says what a folder without any report file holds instead', async () => {
      write('no-reports/deeper/still/none_2026-11-21.csv', `${DAILY_HEADER}\n${BASIC_ROW}\n`);
      write('no-reports/readme.txt', 'x');
      const { files, problems } = await loadReports([join(dir, 'no-reports')]);
      assert.deepEqual(files, []);
      assert.match(problems[0].message, /no report files \(\.csv, \.csv\.gz\) in this folder or its subfolders: it holds deeper\/, readme\.txt/);
      mkdirSync(join(dir, 'empty'));
      assert.match((await loadReports([join(dir, 'empty')])).problems[0].message, /in this folder: it is empty/);
    });

    it('reads a .csv.gz report by gunzip, and names damaged gzip data', async () => {
      const text = `${DAILY_HEADER}\n${Array.from({ length: 50_000 }, (_, i) => `${String(100_000_000_000 + i)},prod-a,2026-01-01`).join('\n')}\n`;
      const gz = write('gz/customer_subscriber_hourly_monthly_subscriptions_2026-11-21.csv.gz', gzipSync(text));
      const { files, store } = await loadReports([join(dir, 'gz')]);
      assert.deepEqual(
        files.map((f) => [f.path, f.format, f.kept]),
        [[gz, 'daily-subscriber', 50_000]],
      );
      assert.equal(store.hasAccount('100000049999'), true);
      const damaged = await readReport(write('damaged_2026-11-21.csv.gz', gzipSync(text).subarray(0, 2000)));
      assert.match(damaged.problems.at(-1)!.message, /the gzip data is damaged \(unexpected end of file\): download the report again/);
      const notReport = await readReport(write('other.csv.gz', gzipSync(`Name,Value\n${'x,1\n'.repeat(200_000)}`)));
      assert.deepEqual(
        notReport.problems.map((p) => p.message.slice(0, 19)),
        ['not a known report:'],
      );
    });

    it('names UTF-16 text, tab-separated files and workbooks, and says how to export them again', async () => {
      const utf16le = Buffer.from(`\uFEFF${DAILY_HEADER.replaceAll(',', '\t')}\r\n${BASIC_ROW}\r\n`, 'utf16le');
      const utf16be = Buffer.from(`${DAILY_HEADER}\n`, 'utf16le').swap16();
      const cases: [string, string | Buffer, string, RegExp][] = [
        ['unicode-text.csv', utf16le, 'UTF-16LE text', /this file is UTF-16LE text, not UTF-8 .*"CSV UTF-8 \(Comma delimited\)".*iconv -f UTF-16LE -t UTF-8/],
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
