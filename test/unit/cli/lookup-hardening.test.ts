// Issue 8, items 4, 5, 6 and 14 (problems) on the command line: a lookup never answers from no
// report, says when an account is on a rejected row or was padded, and lists problems as inspect does.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../support/cli-in-process';

const BASIC = 'test/fixtures/reports/basic';
/** An Excel round trip whose line 5 holds a day that reads two ways, and no day in the file to say which. */
const AMBIGUOUS = 'test/fixtures/reports/ambiguous-date-subscriber';

describe('lookup hardening', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'lookup-hardening-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  describe('report hardening: no subscription report among the paths', () => {
    it('gives no verdict for an empty folder, a 0-byte file or files that are not reports: exit 2, saying what was found', async () => {
      mkdirSync(join(dir, 'empty'));
      writeFileSync(join(dir, 'zero.csv'), '');
      mkdirSync(join(dir, 'others'));
      writeFileSync(join(dir, 'others', 'a.csv'), 'Name,Value\nx,1\n');
      writeFileSync(join(dir, 'others', 'b.csv'), '');
      const cases: [string, RegExp][] = [
        [
          join(dir, 'empty'),
          /no subscription report loaded: found no report files \(.*empty: no report files \(\.csv, \.csv\.gz\) in this folder: it is empty\)/,
        ],
        [join(dir, 'zero.csv'), /no subscription report loaded: found 1 file, none a subscription report: .*zero\.csv \(empty\)/],
        [
          join(dir, 'others'),
          /no subscription report loaded: found 2 files, none a subscription report: .*a\.csv \(header names columns "Name", "Value"\), .*b\.csv \(empty\)\. Give the AWS Marketplace subscription reports/,
        ],
        [`${BASIC}/product_support_connection_2026-11-22.csv`, /product_support_connection_2026-11-22\.csv \(support contacts, no subscriptions\)/],
      ];
      for (const [path, message] of cases) {
        for (const json of [[], ['--json']]) {
          const { code, out, err } = await runCli('lookup', '111122223333', '--reports', path, '--as-of', '2026-11-22', ...json);
          assert.equal(code, 2, path);
          assert.equal(out, '', path);
          assert.match(err, message, path);
          assert.doesNotMatch(err, /\n\s+at /, 'no stack trace');
        }
      }
    });

    it('lets report inspect show what it found, and exit 2 when not one file is a report', async () => {
      const others = await runCli('report', 'inspect', join(dir, 'others'));
      assert.equal(others.code, 2);
      assert.match(others.out, /a\.csv\n {4}not a report: header names columns "Name", "Value"/);
      assert.match(others.err, /no subscription report loaded: found 2 files/);
      assert.equal((await runCli('report', 'inspect', `${BASIC}/product_support_connection_2026-11-22.csv`)).code, 0);
    });
  });

  describe('report hardening: an account on a rejected row (lookup)', () => {
    it('answers with the rejected line and why, never the not-listed and new-subscriber advice', async () => {
      const text = await runCli('lookup', '777788889999', '--reports', AMBIGUOUS, '--as-of', '2026-11-22');
      assert.equal(text.code, 0);
      assert.match(
        text.out,
        /Account 777788889999 is on .*customer_subscriber_report_2026-11-21\.csv:5, a row that was rejected: Subscription Start Date "3\/4\/2025" could be 2025-03-04 \(month first\) or 2025-04-03 \(day first\)/,
      );
      assert.doesNotMatch(text.out, /not listed .* in any loaded report|good faith/);
      const json = JSON.parse((await runCli('lookup', '777788889999', '--reports', AMBIGUOUS, '--as-of', '2026-11-22', '--json')).out);
      assert.deepEqual(
        json.rejectedRows.map((r: { line: number; account: string }) => [r.line, r.account]),
        [[5, '777788889999']],
      );
    });
  });

  describe('report hardening: a typed account shorter than 12 digits', () => {
    it('says it was padded, in text and in JSON', async () => {
      const json = JSON.parse((await runCli('lookup', '1', '--reports', BASIC, '--as-of', '2026-11-22', '--json')).out);
      assert.deepEqual([json.account, json.typedAccount, json.padded], ['000000000001', '1', true]);
      const text = await runCli('lookup', '1', '--reports', BASIC, '--as-of', '2026-11-22');
      assert.match(
        text.out,
        /^Warning: "1" has 1 digit: it was padded with leading zeros to 000000000001\. Check the number with the customer\.\nAccount 000000000001: UNLISTED/,
      );
      const full = JSON.parse((await runCli('lookup', '1111-2222-3333', '--reports', BASIC, '--as-of', '2026-11-22', '--json')).out);
      assert.deepEqual([full.typedAccount, full.padded], ['1111-2222-3333', false]);
      assert.doesNotMatch((await runCli('lookup', '111122223333', '--reports', BASIC, '--as-of', '2026-11-22')).out, /Warning/);
    });
  });

  describe('report hardening: JSON problems are one shape everywhere', () => {
    it('gives lookup --json the same problems array as report inspect --json', async () => {
      const lookup = JSON.parse((await runCli('lookup', '111122223333', '--reports', BASIC, '--as-of', '2026-11-22', '--json')).out);
      const inspect = JSON.parse((await runCli('report', 'inspect', BASIC, '--json')).out);
      assert.ok(Array.isArray(lookup.problems));
      assert.deepEqual(lookup.problems, inspect.problems);
      for (const p of lookup.problems) assert.deepEqual(Object.keys(p), ['file', 'line', 'severity', 'message']);
    });
  });
});
