// The Subscriptions tree over the basic fixture reports (judged as of 2026-11-23, the workspace's
// supportDesk.eligibility.asOf): labels, counts, verdict icons, grouping, Find Account.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SubscriptionRow } from '../../src/ui/subscriptions/subscriptions-view';
import { type DeskUnderTest, supportDesk, useReports } from './helpers';

interface Row {
  label: string;
  description: string;
  icon: string;
  color?: string;
  contextValue?: string;
}

/** A tree item's label as text (a TreeItemLabel's own text). */
function treeLabel(item: vscode.TreeItem): string {
  return typeof item.label === 'object' ? item.label.label : (item.label ?? '');
}

function row(api: DeskUnderTest, node: SubscriptionRow): Row {
  const item = api.context.subscriptions.getTreeItem(node);
  const icon = item.iconPath as vscode.ThemeIcon;
  return {
    label: treeLabel(item),
    description: String(item.description),
    icon: icon.id,
    color: (icon.color as unknown as { id: string } | undefined)?.id,
    contextValue: item.contextValue,
  };
}

describe('Subscriptions tree', () => {
  let api: DeskUnderTest;

  before(async () => {
    api = await supportDesk();
    await useReports(api, ['reports']);
    await vscode.commands.executeCommand('supportDesk.groupByProduct');
  });

  it('groups by product: title, id, code and counts by verdict', () => {
    const products = api.context.subscriptions.getChildren().map((n) => row(api, n));
    assert.deepEqual(
      products.map((p) => [p.label, p.description, p.icon]),
      [
        ['ElasticBox Enterprise', '2 eligible, 1 not in latest report', 'package'],
        ['Ubuntu Pro 22.04 LTS', '1 eligible, 4 lapsed, 1 not in latest report', 'package'],
        ['Ubuntu Pro 24.04 LTS', '2 eligible', 'package'],
      ],
    );
  });

  it('lists accounts under a product, best verdict first, with last usage and a verdict icon', () => {
    const ubuntu = api.context.subscriptions
      .getChildren()
      .find((n) => row(api, n).label === 'Ubuntu Pro 22.04 LTS');
    assert.ok(ubuntu);
    const accounts = api.context.subscriptions.getChildren(ubuntu).map((n) => row(api, n));
    assert.deepEqual(
      accounts.map((a) => [a.label, a.description, a.icon, a.color]),
      [
        ['111122223333', 'last usage 2026-11-20 · eligible', 'pass-filled', 'testing.iconPassed'],
        ['135791357913', 'last usage 2026-10-23 · lapsed', 'warning', 'list.warningForeground'],
        ['210987654321', 'last usage 2026-08-01 · lapsed', 'warning', 'list.warningForeground'],
        ['246802468024', 'last usage 2026-10-22 · lapsed', 'warning', 'list.warningForeground'],
        ['444455556666', 'last usage 2026-09-01 · lapsed', 'warning', 'list.warningForeground'],
        [
          '777788889999',
          'last usage 2026-11-15 · not in latest report',
          'history',
          'charts.orange',
        ],
      ],
    );
    assert.ok(accounts.every((a) => a.contextValue === 'account'));
  });

  it('gives each account a tooltip with the evidence: report file, line and reasons', () => {
    const ubuntu = api.context.subscriptions
      .getChildren()
      .find((n) => row(api, n).label === 'Ubuntu Pro 22.04 LTS')!;
    const first = api.context.subscriptions.getChildren(ubuntu)[0];
    const tooltip = (api.context.subscriptions.getTreeItem(first).tooltip as vscode.MarkdownString)
      .value;
    assert.match(
      tooltip,
      /\[customer\\_subscriber\\_report\\_2026-11-22\.csv:2\]\(file:\/\/[^)]*\/reports\/customer_subscriber_report_2026-11-22\.csv#L2\)/,
    );
    assert.match(tooltip, /within the 30-day last-usage window/);
  });

  it('shows report freshness as the view description', () => {
    assert.equal(
      api.context.subscriptions.view.description,
      'latest report 2026-11-22, 1 day old · as of 2026-11-23',
    );
  });

  it('groups by account: each account with its best verdict and its products', async () => {
    await vscode.commands.executeCommand('supportDesk.groupByAccount');
    try {
      const accounts = api.context.subscriptions.getChildren();
      const both = accounts.find((n) => row(api, n).label === '210987654321');
      assert.ok(both);
      assert.deepEqual(
        [row(api, both).description, row(api, both).icon],
        ['eligible · 2 products', 'pass-filled'],
      );
      assert.deepEqual(
        api.context.subscriptions
          .getChildren(both)
          .map((n) => [row(api, n).label, row(api, n).description]),
        [
          ['ElasticBox Enterprise', 'last usage 2026-11-21 · eligible'],
          ['Ubuntu Pro 22.04 LTS', 'last usage 2026-08-01 · lapsed'],
        ],
      );
      assert.equal(accounts.length, 10);
    } finally {
      await vscode.commands.executeCommand('supportDesk.groupByProduct');
    }
  });

  it('Find Account reveals and selects the account, typed with dashes', async () => {
    const result = await vscode.commands.executeCommand<{ found: boolean }>(
      'supportDesk.findAccount',
      '4444-5555-6666',
    );
    assert.equal(result?.found, true);
    const selected = await waitForSelection(api);
    assert.equal(selected.kind, 'account');
    assert.equal(row(api, selected).label, '444455556666');
    assert.equal(
      row(api, api.context.subscriptions.getParent(selected)!).label,
      'Ubuntu Pro 22.04 LTS',
    );
  });

  it('Find Account tolerates dropped leading zeros', async () => {
    const result = await vscode.commands.executeCommand<{
      found: boolean;
      verdict: { account: string };
    }>('supportDesk.findAccount', '11112222');
    assert.equal(result?.found, true);
    assert.equal(result?.verdict.account, '000011112222');
    assert.equal(row(api, await waitForSelection(api, '000011112222')).label, '000011112222');
  });

  it('Find Account says an unlisted account is unlisted, with the good-faith note', async () => {
    const result = await vscode.commands.executeCommand<{
      found: boolean;
      verdict: { verdict: string; subscriptions: { reasons: string[] }[] };
    }>('supportDesk.findAccount', '999988887777');
    assert.equal(result?.found, false);
    assert.equal(result?.verdict.verdict, 'unlisted');
    assert.ok(
      result?.verdict.subscriptions.some((s) => s.reasons.some((r) => /good faith/.test(r))),
    );
  });
});

async function waitForSelection(api: DeskUnderTest, label?: string): Promise<SubscriptionRow> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const [selected] = api.context.subscriptions.view.selection;
    if (
      selected &&
      (!label || treeLabel(api.context.subscriptions.getTreeItem(selected)) === label)
    )
      return selected;
    if (Date.now() > deadline)
      throw new Error(
        `nothing${label ? ` labelled ${label}` : ''} selected in the Subscriptions view`,
      );
    await new Promise((r) => setTimeout(r, 50));
  }
}
