// The Subscriptions tree model without VS Code: grouping, verdict order, paging, Find Account.
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeLoad, ReportSet } from '../../../../src/ui/reports/report-set';
import {
  SubscriptionTreeModel,
  type MoreNode,
  type TreeNode,
} from '../../../../src/ui/subscriptions/subscriptions-tree-model';
import { lookOf } from '../../../../src/ui/subscriptions/presentation';
import { reportsJudgement } from '../../../support/judgement';
import { temporaryFolder } from '../../../support/temporary-folder';

const HEADER =
  '"Customer AWS Account Number","Product Title","Product Id","Product Code","Last Usage Date","Report Date","Subscription Start Date"';

describe('ui: Subscriptions tree model', () => {
  const tmp = temporaryFolder('support-desk-model-');

  async function modelFor(
    rows: string[],
    grouping: 'product' | 'account' = 'product',
    pageSize = 500,
  ) {
    const file = join(
      tmp(),
      `customer_subscriber_report_2026-11-22-${Math.random().toString(36).slice(2)}.csv`,
    );
    writeFileSync(file, [HEADER, ...rows].join('\n'));
    const { store } = await new ReportSet().sync([file], 'all');
    return new SubscriptionTreeModel(reportsJudgement(store, '2026-11-23'), grouping, pageSize);
  }
  const row = (account: string, lastUsage: string, product = 'prod-a', title = 'Product A') =>
    `"${account}","${title}","${product}","codeA","${lastUsage}","2026-11-22","2025-01-01"`;
  const labels = (nodes: TreeNode[]) => nodes.map((n) => lookOf(n).label);

  it('orders accounts best verdict first, then by number, and counts verdicts', async () => {
    const model = await modelFor([
      row('333333333333', '2026-01-01'),
      row('222222222222', '2026-11-20'),
      row('111111111111', '2026-02-01'),
    ]);
    const [product] = model.children();
    // The counts alone fit a default-width side bar; the ids are in the tooltip.
    assert.equal(lookOf(product).description, '1 eligible, 2 lapsed');
    assert.match(lookOf(product).tooltip ?? '', /Product id `prod-a`, product code `codeA`/);
    assert.deepEqual(labels(model.children(product)), [
      '222222222222',
      '111111111111',
      '333333333333',
    ]);
  });

  it('names a product with no title by its id once, and says why it has none', async () => {
    const model = await modelFor([row('222222222222', '2026-11-20', 'prod-untitled', '')]);
    const [product] = model.children();
    assert.deepEqual(
      [lookOf(product).label, lookOf(product).description],
      ['prod-untitled', '1 eligible · untitled'],
    );
    assert.match(
      lookOf(product).tooltip ?? '',
      /No title: none of the loaded reports that list this product gives its Product Title, so it goes by its id\./,
    );
    const [titled] = (await modelFor([row('222222222222', '2026-11-20')])).children();
    assert.doesNotMatch(lookOf(titled).tooltip ?? '', /No title/);
  });

  it('says in the log how many files a load read again and how many it kept, not "(N parsed)"', async () => {
    const [a, b] = ['a', 'b'].map((name) =>
      join(tmp(), `customer_subscriber_report_2026-11-22-log${name}.csv`),
    );
    writeFileSync(a, [HEADER, row('111111111111', '2026-11-20')].join('\n'));
    writeFileSync(b, [HEADER, row('222222222222', '2026-11-20')].join('\n'));
    const set = new ReportSet();
    assert.equal(
      describeLoad(await set.sync([a, b], 'all'), 12.4),
      'loaded 2 report files, 2 subscriptions in 12 ms (every file read); 0 problems',
    );
    assert.equal(
      describeLoad(await set.sync([a, b], new Set([a])), 3),
      'loaded 2 report files, 2 subscriptions in 3 ms (1 file read again, 1 unchanged file kept from the last load); 0 problems',
    );
  });

  it('pages long lists: a "Show more" node that adds a page each time', async () => {
    const rows = Array.from({ length: 12 }, (_, i) => row(String(100000000000 + i), '2026-11-20'));
    const model = await modelFor(rows, 'product', 5);
    const [product] = model.children();
    let children = model.children(product);
    assert.equal(children.length, 6);
    const more = children[5] as MoreNode;
    assert.deepEqual(
      [lookOf(more).label, lookOf(more).description],
      ['Show 5 more...', '7 not shown'],
    );
    assert.equal(model.showMore(more), product);
    children = model.children(product);
    assert.equal(children.length, 11);
    model.showMore(children[10] as MoreNode);
    children = model.children(product);
    assert.equal(children.length, 12);
    assert.ok(children.every((c) => c.kind === 'account'));
  });

  it('Find Account pages the account into view and returns the same node the tree shows', async () => {
    const rows = Array.from({ length: 12 }, (_, i) => row(String(100000000000 + i), '2026-11-20'));
    const model = await modelFor(rows, 'product', 5);
    const found = model.find('100000000011');
    assert.ok(found.found);
    const [product] = model.children();
    assert.ok(
      model.children(product).includes(found.node),
      'the found node is not among the shown children',
    );
    assert.equal(model.parentOf(found.node), product);
  });

  it('Find Account of an unlisted account gives its verdict and no node', async () => {
    const model = await modelFor([row('111111111111', '2026-11-20')]);
    const found = model.find('999999999999');
    assert.equal(found.found, false);
    assert.equal(found.verdict.verdict, 'unlisted');
  });

  it('groups by account: roots are accounts, children their products', async () => {
    const model = await modelFor(
      [
        row('111111111111', '2026-11-20'),
        row('111111111111', '2026-01-01', 'prod-b', 'Product B'),
        row('222222222222', '2026-01-01'),
      ],
      'account',
    );
    const roots = model.children();
    assert.deepEqual(
      roots.map((n) => [lookOf(n).label, lookOf(n).description]),
      [
        ['111111111111', 'eligible · 2 products'],
        ['222222222222', 'lapsed · 1 product'],
      ],
    );
    assert.deepEqual(labels(model.children(roots[0])), ['Product A', 'Product B']);
  });
});
