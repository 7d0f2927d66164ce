import * as assert from 'node:assert/strict';
import { RejectedRows } from '../../../../src/core/reports/rejected-rows';
import { loadReports } from '../../../../src/core/reports/load-reports';
import { readReport } from '../../../../src/core/reports/report-source';
import type { ParsedReport } from '../../../../src/core/reports/report-types';
import { SubscriptionStore } from '../../../../src/core/reports/store';
import { SubscriptionRows } from '../../../../src/core/reports/subscription-rows';
import type { SubscriptionRecord } from '../../../../src/core/domain';

const BASIC = 'test/fixtures/reports/basic';

function report(
  path: string,
  reportDate: string,
  records: Omit<SubscriptionRecord, 'file' | 'reportDate'>[],
): ParsedReport {
  return {
    path,
    format: 'legacy-subscriber',
    reportDate,
    rows: records.length,
    kept: records.length,
    records: records.map((r) => ({ ...r, file: path, reportDate })),
    contacts: [],
    problems: [],
    rejected: new RejectedRows(path),
  };
}

describe('SubscriptionStore', () => {
  it('merges reports by account and by product, newest report first', () => {
    const store = SubscriptionStore.from([
      report('a.csv', '2026-11-20', [
        {
          line: 2,
          account: '111122223333',
          productId: 'prod-a',
          productCode: 'codeold',
          lastUsage: '2026-11-01',
        },
        { line: 3, account: '444455556666', productId: 'prod-a', lastUsage: '2026-11-02' },
      ]),
      report('b.csv', '2026-11-22', [
        {
          line: 2,
          account: '111122223333',
          productId: 'prod-a',
          productCode: 'codenew',
          productTitle: 'A',
          lastUsage: '2026-11-21',
        },
        { line: 3, account: '111122223333', productId: 'prod-b', lastUsage: '2026-11-21' },
      ]),
    ]);
    assert.deepEqual(
      store.recordsForAccount('111122223333').map((r) => `${r.file}:${r.line}`),
      ['b.csv:2', 'b.csv:3', 'a.csv:2'],
    );
    assert.deepEqual(store.accounts(), ['111122223333', '444455556666']);
    assert.equal(store.subscriptionCount, 3);
    assert.equal(store.accountCount, 2);
    assert.deepEqual(store.accountsForProduct('prod-a'), ['111122223333', '444455556666']);
    assert.deepEqual(store.productInfo('prod-a'), {
      productId: 'prod-a',
      productCode: 'codenew',
      productTitle: 'A',
      latestReportDate: '2026-11-22',
    });
    assert.equal(store.productCodeFor('prod-b'), undefined);
    assert.equal(store.latestReportDate(), '2026-11-22');
    assert.equal(store.hasAccount('999999999999'), false);
    assert.deepEqual(store.recordsForAccount('999999999999'), []);
  });

  it('keeps the newest product code even when an older report is read last', () => {
    const store = SubscriptionStore.from([
      report('new.csv', '2026-11-22', [
        { line: 2, account: '111122223333', productId: 'p', productCode: 'newcode' },
      ]),
      report('old.csv', '2026-11-01', [
        { line: 2, account: '111122223333', productId: 'p', productCode: 'oldcode' },
      ]),
    ]);
    assert.equal(store.productCodeFor('p'), 'newcode');
    assert.equal(store.productInfo('p')?.latestReportDate, '2026-11-22');
  });

  it('counts an empty subscription report in the newest report date', () => {
    const store = SubscriptionStore.from([
      report('empty_2026-11-23.csv', '2026-11-23', []),
      report('a.csv', '2026-11-20', []),
    ]);
    assert.equal(store.latestReportDate(), '2026-11-23');
    assert.equal(store.subscriptionCount, 0);
  });

  it('indexes thousands of accounts and more products than fit in its per-account marks', () => {
    // 3101 accounts in 3180 rows: more than the three quarters of 4096 slots the index makes room for, so it grows.
    const rows = Array.from({ length: 2000 }, (_, i) => ({
      line: i + 2,
      account: String(i * 7_919).padStart(12, '0'),
      productId: `prod-${i % 3}`,
    }));
    // One account holding 40 products, each listed twice: counted once per product.
    const many = Array.from({ length: 80 }, (_, i) => ({
      line: i + 2,
      account: '999999999999',
      productId: `p${String(i % 40).padStart(2, '0')}`,
    }));
    const more = Array.from({ length: 1100 }, (_, i) => ({
      line: i + 2,
      account: String(100_000_000_000 + i),
      productId: 'p00',
    }));
    // After the growth, a pair seen before: not a new subscription.
    const again = { line: 1102, account: rows[0].account, productId: rows[0].productId };
    const store = SubscriptionStore.from([
      report('a.csv', '2026-11-20', rows),
      report('b.csv', '2026-11-21', many),
      report('c.csv', '2026-11-22', [...more, again]),
    ]);
    assert.equal(store.accountCount, 3101);
    assert.equal(store.subscriptionCount, 2000 + 40 + 1100);
    assert.equal(store.productCount, 43);
    const accounts = store.accounts();
    assert.deepEqual(
      accounts,
      [...rows.map((r) => r.account), '999999999999', ...more.map((r) => r.account)].sort(),
    );
    for (const r of [...rows.slice(1), ...more])
      assert.equal(store.recordsForAccount(r.account)[0].line, r.line, r.account);
    assert.deepEqual(
      store.recordsForAccount(again.account).map((r) => `${r.file}:${r.line}`),
      ['c.csv:1102', 'a.csv:2'],
    );
    const held = store.recordsForAccount('999999999999');
    assert.equal(held.length, 80);
    assert.deepEqual(new Set(held.map((r) => r.productId)).size, 40);
    assert.deepEqual(store.accountsForProduct('p39'), ['999999999999']);
    assert.equal(store.accountsForProduct('p00').length, 1101);
    assert.equal(store.hasAccount('000000007919'), true);
    assert.equal(store.hasAccount('7919'), false);
  });

  it("takes a product's code and title from its newest rows, the last one when a report's rows disagree", () => {
    const rows = (codes: (string | undefined)[], reportDate: string) =>
      codes.map((code, i) => ({
        line: i + 2,
        account: String(111122223333 + i),
        productId: 'p',
        productCode: code,
        productTitle: code && `title ${code}`,
        reportDate,
      }));
    const one = (path: string, records: ReturnType<typeof rows>): ParsedReport => ({
      ...report(path, '2026-11-22', []),
      records: records.map((r) => ({ ...r, file: path })),
      rows: records.length,
      kept: records.length,
    });
    // Within a report: the last row on the newest day, with a code, decides; an older day never does.
    const store = SubscriptionStore.from([
      one('a.csv', [
        ...rows(['a', 'b', 'a', 'b', undefined], '2026-11-21'),
        ...rows(['c', 'd', 'c', undefined], '2026-11-20'),
      ]),
    ]);
    assert.deepEqual(store.productInfo('p'), {
      productId: 'p',
      productCode: 'b',
      productTitle: 'title b',
      latestReportDate: '2026-11-21',
    });
    // A later report of the same day decides again; one of an older day does not.
    const later = SubscriptionStore.from([
      one('a.csv', rows(['a', 'b'], '2026-11-21')),
      one('b.csv', rows(['a'], '2026-11-21')),
      one('c.csv', rows(['z'], '2026-11-01')),
    ]);
    assert.equal(later.productCodeFor('p'), 'a');
  });

  it('gives the records of a report that was read as an array-like list', async () => {
    const { store } = await loadReports([BASIC]);
    const report = await readReport(`${BASIC}/customer_subscriber_report_2026-11-21.csv`);
    assert.equal(report.records.length, 4);
    assert.deepEqual(
      [...report.records].map((r) => r.line),
      [2, 3, 4, 5],
    );
    assert.deepEqual(report.records.at(-1), [...report.records][3]);
    assert.equal(report.records.at(4), undefined);
    assert.deepEqual(
      store.recordsForAccount(report.records.at(0)!.account).find((r) => r.file === report.path),
      report.records.at(0),
    );
  });

  it('indexes the basic fixture and applies contact CREATE/UPDATE/DELETE in time order', async () => {
    const { store } = await loadReports([BASIC]);
    assert.equal(store.subscriptionCount, 11);
    assert.equal(store.accountCount, 10);
    assert.deepEqual(
      store.products().map((p) => p.productId),
      ['prod-5qwz3vsg4kbfw', 'prod-eb7mxr2l9tqzs', 'prod-q3v8kw4yn2xhd'],
    );
    assert.equal(store.productCodeFor('prod-eb7mxr2l9tqzs'), '3jx9v2m8qk4p7w1n5r6t0ycbz');
    const ada = store.contactsFor('271828182845');
    assert.equal(ada.length, 1);
    assert.equal(ada[0].email, 'ada.byron@example.org'); // the UPDATE won
    assert.equal(ada[0].title, '"Chief" Engineer');
    assert.equal(ada[0].organization, 'Research Division\nExample University');
    assert.deepEqual(store.contactsFor('444455556666'), []); // CREATE then DELETE
    assert.equal(store.contactsFor('111122223333')[0].organization, 'Example Corp, Inc.');
    assert.equal(store.hasAccount('271828182845'), true);
  });
});

describe('SubscriptionRows', () => {
  it('gives back each row its own file and report date once rows differ, before and after growing', () => {
    const records: SubscriptionRecord[] = Array.from({ length: 3000 }, (_, i) => ({
      file: i < 1500 ? 'a.csv' : 'b.csv',
      line: i + 2,
      reportDate: i < 700 ? '2026-11-20' : i % 2 ? '2026-11-21' : '2026-11-22',
      account: String(111122223333 + i),
      productId: 'prod-a',
      lastUsage: '2026-11-19',
    }));
    const rows = SubscriptionRows.from(records); // starts with room for 1024 rows: grows twice
    assert.equal(rows.length, 3000);
    assert.deepEqual(
      [...rows],
      records.map((r) => ({
        ...r,
        productCode: undefined,
        productTitle: undefined,
        subscriptionStart: undefined,
      })),
    );
    const same = SubscriptionRows.from(records.slice(0, 700));
    assert.deepEqual(
      [same.at(0)!.reportDate, same.at(-1)!.reportDate, same.at(-1)!.file],
      ['2026-11-20', '2026-11-20', 'a.csv'],
    );
  });

  it('gives back every value it holds in few bytes as given: far accounts, lines with gaps, far days, many products', () => {
    const days = [
      undefined,
      '1969-12-31',
      '1970-01-01',
      '2026-02-28',
      '2145-12-31',
      '2146-01-01',
      '9999-12-31',
    ];
    const accounts = [
      '000000000001',
      '004294967295',
      '004294967296',
      '999999999999',
      '123456789012',
    ];
    let line = 1;
    // 70,000 distinct product, code and title triples: the column widens from 1 byte to 2 to 4.
    const records: SubscriptionRecord[] = Array.from({ length: 70_100 }, (_, i) => ({
      file: 'a.csv',
      // Mostly consecutive lines, with gaps (blank lines, multi-line cells, rejected rows) here and there.
      line: (line += i % 7 === 3 ? 3 : i % 1000 === 999 ? 40 : 1),
      reportDate: '2026-11-22',
      account: accounts[i % accounts.length],
      productId: `prod-${i % 300}`,
      productCode: i % 11 === 0 ? undefined : `code${i}`,
      productTitle: i < 100 ? `Title ${i % 3}` : `Title ${i}`,
      lastUsage: days[i % days.length],
      subscriptionStart: days[(i + 3) % days.length],
    }));
    const rows = SubscriptionRows.from(records);
    assert.equal(rows.length, records.length);
    for (const i of [
      0, 1, 2, 3, 4, 5, 6, 7, 99, 100, 255, 256, 257, 999, 1000, 65_535, 65_536, 65_537, 70_099,
    ]) {
      assert.deepEqual(rows.at(i), records[i], `row ${i}`);
    }
    assert.deepEqual([...rows], records);
  });
});
