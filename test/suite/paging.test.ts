// A product of 1,200 accounts (a report generated into a temp folder) expands at once: 500 rows and
// a "Show 500 more..." node whose command adds the next page, through the real TreeDataProvider.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { TreeNode } from '../../src/ui/subscriptions/subscriptions-tree-model';
import { LARGE_PRODUCT, largeReportAccount, writeLargeReport } from '../support/large-report';
import { type DeskUnderTest, supportDesk, useReports } from './helpers';

describe('Subscriptions paging', () => {
  let api: DeskUnderTest;
  let dir: string;

  before(async () => {
    api = await supportDesk();
    dir = mkdtempSync(join(tmpdir(), 'support-desk-paging-'));
    writeLargeReport(dir, 1_200);
    await useReports(api, [dir]);
    await vscode.commands.executeCommand('supportDesk.groupByProduct');
  });

  after(async () => {
    await useReports(api, ['reports']);
    rmSync(dir, { recursive: true, force: true });
  });

  const item = (node: TreeNode) => api.context.subscriptions.getTreeItem(node);

  it('shows the first 500 accounts and a "Show 500 more..." node, then the next page on its command', async () => {
    const view = api.context.subscriptions;
    const [product] = view.getChildren();
    assert.deepEqual(
      [item(product).label, item(product).description],
      [LARGE_PRODUCT.title, '1,200 eligible'],
    );

    let children = view.getChildren(product);
    assert.equal(children.length, 501);
    let more = item(children[500]);
    assert.deepEqual(
      [more.label, more.description, more.command?.command],
      ['Show 500 more...', '700 not shown', 'supportDesk.showMore'],
    );

    // The command the tree runs on a click; the view then asks again for the product's children only.
    const changed = new Promise<TreeNode | undefined>((resolve) => {
      const listener = view.onDidChangeTreeData((node) => {
        listener.dispose();
        resolve(node ?? undefined);
      });
    });
    await vscode.commands.executeCommand(more.command!.command, ...(more.command!.arguments ?? []));
    assert.equal(await changed, product);
    children = view.getChildren(product);
    assert.equal(children.length, 1_001);
    more = item(children[1_000]);
    assert.deepEqual([more.label, more.description], ['Show 200 more...', '200 not shown']);

    await vscode.commands.executeCommand(more.command!.command, ...(more.command!.arguments ?? []));
    children = view.getChildren(product);
    assert.equal(children.length, 1_200);
    assert.ok(
      children.every((n) => n.kind === 'account'),
      'no "more" node once every account shows',
    );
    assert.equal(new Set(children.map((n) => item(n).label)).size, 1_200);
  });

  it('Find Account pages a far-down account into view and selects it', async () => {
    await vscode.commands.executeCommand('supportDesk.groupByAccount');
    try {
      const account = largeReportAccount(1_100);
      const result = await vscode.commands.executeCommand<{ found: boolean }>(
        'supportDesk.findAccount',
        account,
      );
      assert.equal(result?.found, true);
      const roots = api.context.subscriptions.getChildren();
      assert.equal(roots.length, 1_200, 'the root list was paged to the account');
      assert.equal(
        roots.findIndex((n) => item(n).label === account),
        1_100,
      );
    } finally {
      await vscode.commands.executeCommand('supportDesk.groupByProduct');
    }
  });
});
