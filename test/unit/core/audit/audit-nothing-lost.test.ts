// Issue 17, items 5, 6, 7 (nothing lost): a write torn by a full disk does not swallow the next entry;
// a line of the wrong shape is named and skipped, the entries after it still read, by `audit` and by
// `case render --audit`; and a log over the 512 MB a string can hold is read line by line.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { AuditLog, AuditWriteError, type AuditEntry } from '../../../../src/core/audit/audit';
import { auditEntry, LIVE_AGREEMENT } from '../../../support/audit-entry';
import { runCli } from '../../../support/cli-in-process';
import { writeLargeJsonLines } from '../../../support/large-json-lines';
import { mountSmallDisk, type SmallDisk } from '../../../support/small-disk';

const REPORTS = resolve(__dirname, '../../../../../test/fixtures/reports/basic');

const entry = (instanceId: string, claimedAccount: string): AuditEntry =>
  auditEntry({ instanceId, claimedAccount, ownerId: claimedAccount });

/** A live agreement search with `n` agreements: a line of about 150 * n bytes. */
const search = (account: string, n: number): AuditEntry =>
  auditEntry({
    source: 'marketplace-agreement',
    claimedAccount: account,
    regionSource: 'flag',
    agreements: Array.from({ length: n }, (_, i) => ({
      ...LIVE_AGREEMENT,
      agreementId: `agmt-${String(i).padStart(20, '0')}`,
    })),
  });

describe('audit log: nothing lost', function () {
  this.timeout(120_000);

  describe('on a full disk (a 64 KB tmpfs)', () => {
    let disk: SmallDisk;
    before(() => {
      disk = mountSmallDisk();
    });
    after(() => disk.remove());

    it('a write torn by the full disk is fenced off: the next entry after space is freed is read, the torn line named', async () => {
      const log = new AuditLog(join(disk.dir, 'audit.jsonl'));
      await log.appendEntry(entry('i-0000000000000a001', '111122223333'));
      disk.fill();
      // Longer than the free part of the log's last page: the kernel writes what fits, then ENOSPC.
      const failed = await log.appendEntry(search('111122223333', 60)).then(
        () => undefined,
        (e: unknown) => e,
      );
      assert.ok(failed instanceof AuditWriteError, String(failed));
      assert.equal(failed.reason, 'the disk is full');
      const torn = readFileSync(log.path, 'utf8');
      assert.ok(
        torn.split('\n').length === 2 && !torn.endsWith('\n') && torn.length > 1000,
        'the failed write left a torn line',
      );

      disk.free();
      await log.appendEntry(entry('i-0000000000000a003', '111122223333'));
      const { entries, skipped } = await log.readChecked();
      assert.deepEqual(
        entries.map((e) => e.instanceId),
        ['i-0000000000000a001', 'i-0000000000000a003'],
        'the entry written after the failure is whole',
      );
      assert.deepEqual(
        skipped.map((s) => s.line),
        [2],
      );
      const run = await runCli('audit', '--audit', log.path);
      assert.equal(run.code, 0);
      assert.match(run.out, /i-0000000000000a003/);
      assert.match(run.err, /line 2 skipped.*not a whole JSON line/);
    });
  });

  describe('a line of valid JSON with a key of the wrong type', () => {
    let dir: string;
    let path: string;
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'support-desk-audit-shape-'));
      path = join(dir, 'audit.jsonl');
      const bad = { ...search('111122223333', 1), agreements: 'x' };
      writeFileSync(
        path,
        [
          entry('i-0000000000000b001', '111122223333'),
          bad,
          { ...search('111122223333', 1), checks: [{ name: 'signature' }] },
          { ...entry('i-0000000000000b004', '111122223333'), time: 42 },
          search('111122223333', 2),
          entry('i-0000000000000b006', '111122223333'),
        ]
          .map((e) => `${JSON.stringify(e)}\n`)
          .join(''),
      );
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('audit names each bad line with its number and what is wrong, and lists every entry after it', async () => {
      for (const json of [false, true]) {
        const run = await runCli('audit', '--audit', path, ...(json ? ['--json'] : []));
        assert.equal(run.code, 0, run.err);
        assert.match(run.err, /line 2 skipped.*"agreements" must be a list of agreements/);
        assert.match(run.err, /line 3 skipped.*"checks" must be a list of checks/);
        assert.match(run.err, /line 4 skipped.*"time" must be an ISO 8601 time/);
        if (json) {
          const listed = JSON.parse(run.out) as AuditEntry[];
          assert.deepEqual(
            listed.map((e) => e.agreements?.length ?? e.instanceId),
            ['i-0000000000000b001', 2, 'i-0000000000000b006'],
          );
        } else {
          assert.match(run.out, /i-0000000000000b001[\s\S]*agmt-0+1[\s\S]*i-0000000000000b006/);
        }
      }
    });

    it('case render --audit fills the live agreement from the entries after the bad line and names it', async () => {
      const run = await runCli(
        'case',
        'render',
        'eligibility',
        '--account',
        '111122223333',
        '--audit',
        path,
        '--reports',
        REPORTS,
      );
      assert.match(run.err, /line 2 skipped: "agreements" must be a list of agreements/);
      assert.match(run.out, /agmt-0+1/, run.out + run.err);
      assert.doesNotMatch(run.out + run.err, /TypeError|\n\s+at /);
    });
  });

  describe('a log larger than a string can hold (over 512 MB)', () => {
    let dir: string;
    let path: string;
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'support-desk-audit-big-'));
      path = join(dir, 'audit.jsonl');
      writeLargeJsonLines(
        path,
        entry('i-0000000000000c001', '111122223333'),
        entry('i-0000000000000c002', '444455556666'),
      );
      assert.ok(statSync(path).size > 2 ** 29, 'larger than the longest string V8 holds');
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('audit --account reads it to the end, line by line', async () => {
      const run = await runCli('audit', '--audit', path, '--account', '444455556666', '--json');
      assert.equal(run.code, 0, run.err);
      assert.deepEqual(
        (JSON.parse(run.out) as AuditEntry[]).map((e) => e.instanceId),
        ['i-0000000000000c002'],
      );
    });
  });
});
