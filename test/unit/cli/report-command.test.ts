import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../support/cli-in-process';
import { temporaryFolder } from '../../support/temporary-folder';

const BASIC = 'test/fixtures/reports/basic';
/** An Excel round trip whose line 5 holds a day that reads two ways, and no day in the file to say which. */
const AMBIGUOUS = 'test/fixtures/reports/ambiguous-date-subscriber';

const run = runCli;

describe('support-desk report inspect and lookup', () => {
  it('inspects a folder of reports as JSON', async () => {
    const { code, out } = await run('report', 'inspect', BASIC, '--json');
    assert.equal(code, 0);
    const result = JSON.parse(out);
    assert.deepEqual(Object.keys(result), [
      'files',
      'subscriptions',
      'accounts',
      'products',
      'problems',
      'feedRoots',
    ]);
    assert.deepEqual(Object.keys(result.files[0]), [
      'path',
      'format',
      'reportDate',
      'rows',
      'kept',
    ]);
    assert.equal(result.files.length, 5);
    assert.deepEqual([result.subscriptions, result.accounts, result.products], [11, 10, 3]);
    assert.deepEqual(result.problems[0], {
      file: `${BASIC}/customer_subscriber_report_2026-11-22.csv`,
      line: 6,
      severity: 'error',
      message: result.problems[0].message,
    });
    assert.match(result.problems[0].message, /1\.23457E\+11/);
  });

  it('prints a readable summary with each problem as file:line', async () => {
    const { code, out } = await run('report', 'inspect', BASIC);
    assert.equal(code, 0);
    assert.match(out, /5 report files/);
    assert.match(out, /11 subscriptions, 10 accounts, 3 products; latest report 2026-11-22/);
    assert.match(out, /customer_subscriber_report_2026-11-22\.csv:6: error:/);
  });

  it('exits 2 on a missing path, a missing subcommand, or files none of which is a report (still listing them)', async () => {
    const missing = await run('report', 'inspect', `${BASIC}/nope.csv`);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /no such file or folder: .*nope\.csv/);
    assert.equal((await run('report')).code, 2);
    assert.equal((await run('report', 'inspect')).code, 2);
    const notReport = await run('report', 'inspect', 'package.json', '--json');
    assert.equal(notReport.code, 2);
    assert.match(
      notReport.err,
      /no subscription report loaded: found 1 file, none a subscription report: package\.json \(header names columns/,
    );
    const result = JSON.parse(notReport.out);
    assert.equal(result.files[0].format, null);
    assert.equal(result.problems[0].line, 1);
  });

  it('looks up an account as JSON with verdict, subscriptions and reasons', async () => {
    const { code, out } = await run(
      'lookup',
      '1111-2222-3333',
      '--reports',
      BASIC,
      '--as-of',
      '2026-11-22',
      '--json',
    );
    assert.equal(code, 0);
    const result = JSON.parse(out);
    assert.equal(result.account, '111122223333');
    assert.equal(result.verdict, 'eligible');
    assert.deepEqual(Object.keys(result.subscriptions[0]), [
      'productId',
      'productCode',
      'productTitle',
      'lastUsage',
      'reportDate',
      'verdict',
      'reasons',
    ]);
    assert.deepEqual(
      { ...result.subscriptions[0], reasons: undefined },
      {
        productId: 'prod-5qwz3vsg4kbfw',
        productCode: '8a2kq9xw3vbn7m4c1zt6ry5pd',
        productTitle: 'Ubuntu Pro 22.04 LTS',
        lastUsage: '2026-11-20',
        reportDate: '2026-11-22',
        verdict: 'eligible',
        reasons: undefined,
      },
    );
    assert.equal(result.contacts[0].email, 'jane.doe@example.com');
    assert.equal(result.freshness.message, 'latest report 2026-11-22, 0 days old');
  });

  it('honours --last-usage-days and takes report paths after the account', async () => {
    const strict = JSON.parse(
      (
        await run(
          'lookup',
          '135791357913',
          '--reports',
          BASIC,
          '--as-of',
          '2026-11-22',
          '--last-usage-days',
          '29',
          '--json',
        )
      ).out,
    );
    assert.equal(strict.verdict, 'lapsed');
    const spread = JSON.parse(
      (
        await run(
          'lookup',
          '314159265358',
          '--reports',
          `${BASIC}/subscription_report_2026-11-20.csv`,
          `${BASIC}/customer_subscriber_report_2026-11-22.csv`,
          '--as-of',
          '2026-11-22',
          '--json',
        )
      ).out,
    );
    assert.equal(spread.verdict, 'not-in-latest-report');
  });

  it('keeps every subscription key in the JSON of an unlisted account, null where unknown', async () => {
    const result = JSON.parse(
      (await run('lookup', '999988887777', '--reports', BASIC, '--as-of', '2026-11-22', '--json'))
        .out,
    );
    assert.equal(result.verdict, 'unlisted');
    for (const s of result.subscriptions) {
      assert.deepEqual(Object.keys(s), [
        'productId',
        'productCode',
        'productTitle',
        'lastUsage',
        'reportDate',
        'verdict',
        'reasons',
      ]);
      assert.equal(s.lastUsage, null);
    }
  });

  it("judges with the team playbook's window, which --last-usage-days overrides", async () => {
    const lookup = async (...extra: string[]) =>
      JSON.parse(
        (
          await run(
            'lookup',
            '246802468024',
            '--reports',
            BASIC,
            '--as-of',
            '2026-11-22',
            '--json',
            ...extra,
          )
        ).out,
      );
    // Last usage 2026-10-22: 31 days before, outside the default 30, inside the team's 45.
    assert.equal((await lookup()).verdict, 'lapsed');
    assert.equal(
      (await lookup('--playbook', 'test/fixtures/playbooks/team-valid.json')).verdict,
      'eligible',
    );
    assert.equal(
      (
        await lookup(
          '--playbook',
          'test/fixtures/playbooks/team-valid.json',
          '--last-usage-days',
          '30',
        )
      ).verdict,
      'lapsed',
    );
  });

  it('says on stderr that a broken playbook was set aside, and judges with the default', async () => {
    const { code, out, err } = await run(
      'lookup',
      '246802468024',
      '--reports',
      BASIC,
      '--as-of',
      '2026-11-22',
      '--json',
      '--playbook',
      'test/fixtures/playbooks/invalid-schema.json',
    );
    assert.equal(code, 0);
    assert.equal(JSON.parse(out).verdict, 'lapsed');
    assert.match(err, /invalid-schema\.json:\d+: error: /);
    assert.match(err, /using the default playbook/);
  });

  it('prints the verdict and its reasons in words', async () => {
    const { code, out } = await run(
      'lookup',
      '999988887777',
      '--reports',
      BASIC,
      '--as-of',
      '2026-11-23',
    );
    assert.equal(code, 0);
    assert.match(out, /Account 999988887777: UNLISTED \(as of 2026-11-23\)/);
    // Three products, one answer: the good-faith rule is said once, after them.
    assert.equal(out.match(/good faith/g)?.length, 1);
    assert.match(
      out,
      /\(the newest report for it is dated 2026-11-22\)\.\nNew subscribers .* subscribed after 2026-11-22, support them in good faith/,
    );
    assert.match(out, /Reports: latest report 2026-11-22, 1 day old/);
  });

  it('exits 2 with a clear message on a malformed account, day or window', async () => {
    const account = await run('lookup', '1.23457E+11', '--reports', BASIC);
    assert.equal(account.code, 2);
    assert.match(account.err, /scientific notation.*12-digit AWS account number/);
    assert.match(
      (await run('lookup', '111122223333', '--reports', BASIC, '--as-of', '22/11/2026')).err,
      /--as-of "22\/11\/2026" is neither a day \(2026-11-21, meaning its end in UTC\) nor an instant/,
    );
    assert.equal(
      (await run('lookup', '111122223333', '--reports', BASIC, '--last-usage-days', 'ten')).code,
      2,
    );
    assert.equal((await run('lookup', '111122223333')).code, 2);
    assert.equal((await run('lookup', '111122223333', '--reports', 'no/such/folder')).code, 2);
  });

  // Issue 8, items 4, 5, 6 and 14 (problems): a lookup never answers from no report, says when an account is
  // on a rejected row or was padded, and lists problems as inspect does.
  const tmp = temporaryFolder('lookup-reports-');
  describe('no subscription report among the paths', () => {
    it('gives no verdict for an empty folder, a 0-byte file or files that are not reports: exit 2, saying what was found', async () => {
      mkdirSync(join(tmp(), 'empty'));
      writeFileSync(join(tmp(), 'zero.csv'), '');
      mkdirSync(join(tmp(), 'others'));
      writeFileSync(join(tmp(), 'others', 'a.csv'), 'Name,Value\nx,1\n');
      writeFileSync(join(tmp(), 'others', 'b.csv'), '');
      const cases: [string, RegExp][] = [
        [
          join(tmp(), 'empty'),
          /no subscription report loaded: found no report files \(.*empty: no report files \(\.csv, \.csv\.gz\) in this folder: it is empty\)/,
        ],
        [
          join(tmp(), 'zero.csv'),
          /no subscription report loaded: found 1 file, none a subscription report: .*zero\.csv \(empty\)/,
        ],
        [
          join(tmp(), 'others'),
          /no subscription report loaded: found 2 files, none a subscription report: .*a\.csv \(header names columns "Name", "Value"\), .*b\.csv \(empty\)\. Give the AWS Marketplace subscription reports/,
        ],
        [
          `${BASIC}/product_support_connection_2026-11-22.csv`,
          /product_support_connection_2026-11-22\.csv \(support contacts, no subscriptions\)/,
        ],
      ];
      for (const [path, message] of cases) {
        for (const json of [[], ['--json']]) {
          const { code, out, err } = await runCli(
            'lookup',
            '111122223333',
            '--reports',
            path,
            '--as-of',
            '2026-11-22',
            ...json,
          );
          assert.equal(code, 2, path);
          assert.equal(out, '', path);
          assert.match(err, message, path);
          assert.doesNotMatch(err, /\n\s+at /, 'no stack trace');
        }
      }
    });

    it('lets report inspect show what it found, and exit 2 when not one file is a report', async () => {
      const others = await runCli('report', 'inspect', join(tmp(), 'others'));
      assert.equal(others.code, 2);
      assert.match(others.out, /a\.csv\n {4}not a report: header names columns "Name", "Value"/);
      assert.match(others.err, /no subscription report loaded: found 2 files/);
      assert.equal(
        (await runCli('report', 'inspect', `${BASIC}/product_support_connection_2026-11-22.csv`))
          .code,
        0,
      );
    });
  });

  describe('an account on a rejected row (lookup)', () => {
    it('answers with the rejected line and why, never the not-listed and new-subscriber advice', async () => {
      const text = await runCli(
        'lookup',
        '777788889999',
        '--reports',
        AMBIGUOUS,
        '--as-of',
        '2026-11-22',
      );
      assert.equal(text.code, 0);
      assert.match(
        text.out,
        /Account 777788889999 is on .*customer_subscriber_report_2026-11-21\.csv:5, a row that was rejected: Subscription Start Date "3\/4\/2025" could be 2025-03-04 \(month first\) or 2025-04-03 \(day first\)/,
      );
      assert.doesNotMatch(text.out, /not listed .* in any loaded report|good faith/);
      const json = JSON.parse(
        (
          await runCli(
            'lookup',
            '777788889999',
            '--reports',
            AMBIGUOUS,
            '--as-of',
            '2026-11-22',
            '--json',
          )
        ).out,
      );
      assert.deepEqual(
        json.rejectedRows.map((r: { line: number; account: string }) => [r.line, r.account]),
        [[5, '777788889999']],
      );
    });
  });

  describe('a typed account shorter than 12 digits', () => {
    it('says it was padded, in text and in JSON', async () => {
      const json = JSON.parse(
        (await runCli('lookup', '1', '--reports', BASIC, '--as-of', '2026-11-22', '--json')).out,
      );
      assert.deepEqual([json.account, json.typedAccount, json.padded], ['000000000001', '1', true]);
      const text = await runCli('lookup', '1', '--reports', BASIC, '--as-of', '2026-11-22');
      assert.match(
        text.out,
        /^Warning: "1" has 1 digit: it was padded with leading zeros to 000000000001\. Check the number with the customer\.\nAccount 000000000001: UNLISTED/,
      );
      const full = JSON.parse(
        (
          await runCli(
            'lookup',
            '1111-2222-3333',
            '--reports',
            BASIC,
            '--as-of',
            '2026-11-22',
            '--json',
          )
        ).out,
      );
      assert.deepEqual([full.typedAccount, full.padded], ['1111-2222-3333', false]);
      assert.doesNotMatch(
        (await runCli('lookup', '111122223333', '--reports', BASIC, '--as-of', '2026-11-22')).out,
        /Warning/,
      );
    });
  });

  describe('JSON problems are one shape everywhere', () => {
    it('gives lookup --json the same problems array as report inspect --json', async () => {
      const lookup = JSON.parse(
        (
          await runCli(
            'lookup',
            '111122223333',
            '--reports',
            BASIC,
            '--as-of',
            '2026-11-22',
            '--json',
          )
        ).out,
      );
      const inspect = JSON.parse((await runCli('report', 'inspect', BASIC, '--json')).out);
      assert.ok(Array.isArray(lookup.problems));
      assert.deepEqual(lookup.problems, inspect.problems);
      for (const p of lookup.problems)
        assert.deepEqual(Object.keys(p), ['file', 'line', 'severity', 'message']);
    });
  });
});
