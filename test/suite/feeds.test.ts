// A Seller Delivery Data Feeds root among the report paths, in the real extension host: the
// Subscriptions tree shows the feeds' subscriptions (product, then account with the agreement's
// status and the reseller), the agreement's feed lines in the tooltip, a click opens the agreement's
// row, and the view's description says when the feeds were last delivered.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { SubscriptionRow } from '../../src/ui/subscriptions/subscriptions-view';
import { FIXTURES, setSetting, supportDesk, waitFor, type DeskUnderTest } from './helpers';

const FEEDS = join(FIXTURES, '..', '..', 'samples', 'feeds');

describe('Subscriptions tree with a feed root', () => {
  let api: DeskUnderTest;
  const rows = (node?: SubscriptionRow) =>
    api.context.subscriptions.getChildren(node as never) as SubscriptionRow[];
  const label = (node: SubscriptionRow) =>
    api.context.subscriptions.getTreeItem(node).label as string;

  // The workspace's own settings, put back afterwards (the other tests judge as of the fixture's day).
  const workspaceValue = (key: string) =>
    vscode.workspace.getConfiguration('supportDesk').inspect(key)?.workspaceValue;
  let asOf: unknown;
  let paths: unknown;

  before(async () => {
    api = await supportDesk();
    asOf = workspaceValue('eligibility.asOf');
    paths = workspaceValue('reports.paths');
    await setSetting('eligibility.asOf', '2026-11-22', vscode.ConfigurationTarget.Workspace);
    await setSetting('reports.paths', ['reports', FEEDS], vscode.ConfigurationTarget.Workspace);
    await waitFor('the feeds to load', () => api.context.subscriptions.feedModel, 60_000);
  });
  after(async () => {
    await setSetting('reports.paths', paths, vscode.ConfigurationTarget.Workspace);
    await setSetting('eligibility.asOf', asOf, vscode.ConfigurationTarget.Workspace);
    await api.context.reports.whenIdle();
  });

  it('shows the feeds after the reports, with when they were last delivered', () => {
    const top = rows();
    const feeds = top.at(-1)!;
    assert.equal(label(feeds), 'Seller Delivery Data Feeds');
    assert.ok(top.length > 1, 'the reports are still shown');
    assert.equal(
      api.context.subscriptions.getTreeItem(feeds).description,
      '5 accounts with agreements · feeds delivered 2026-11-20 13:00:00 UTC',
    );
    assert.match(
      api.context.subscriptions.view.description ?? '',
      /feeds delivered 2026-11-20 13:00:00 UTC/,
    );
    assert.deepEqual(rows(feeds).map(label), [
      'ElasticBox Enterprise, Cloud Edition',
      'Ubuntu Pro 22.04 LTS',
      'Ubuntu Pro for SAP 22.04',
    ]);
  });

  it('shows a reseller sale under its product: status, reseller, company, evidence and a link to the feed line', async () => {
    const elasticBox = rows(rows().at(-1)).find(
      (n) => label(n) === 'ElasticBox Enterprise, Cloud Edition',
    )!;
    assert.equal(api.context.subscriptions.getTreeItem(elasticBox).description, '1 of 1 eligible');
    const [account] = rows(elasticBox);
    const item = api.context.subscriptions.getTreeItem(account);
    assert.equal(item.label, '556677889900');
    assert.equal(item.description, 'Active · resold · Initech Cloud Services, initech.example');
    assert.equal((item.iconPath as vscode.ThemeIcon).id, 'pass-filled');
    const tooltip = (item.tooltip as vscode.MarkdownString).value;
    assert.match(tooltip, /resold by a channel partner/);
    assert.match(tooltip, /`agreementfeed_v1\/year=2026\/month=03\/data\.csv:2`/);
    assert.equal(api.context.subscriptions.getParent(account), elasticBox);
    // The click opens the agreement's row (line 2, 0-based 1) in the feed file.
    const [uri, options] = item.command!.arguments as [vscode.Uri, { selection: vscode.Range }];
    assert.equal(uri.fsPath, join(FEEDS, 'agreementfeed_v1', 'year=2026', 'month=03', 'data.csv'));
    assert.equal(options.selection.start.line, 1);
    await vscode.commands.executeCommand(item.command!.command, ...item.command!.arguments!);
    const editor = await waitFor(
      'the feed file to open',
      () =>
        vscode.window.activeTextEditor?.document.uri.fsPath === uri.fsPath &&
        vscode.window.activeTextEditor,
    );
    assert.match(editor.document.lineAt(1).text, /agmt-0000556677/);
  });

  it('shows an ended agreement as ended and a backdated BYOL agreement as eligible', () => {
    const products = rows(rows().at(-1));
    const ubuntu = rows(products.find((n) => label(n) === 'Ubuntu Pro 22.04 LTS'));
    const oldCo = ubuntu.find((n) => label(n) === '412209873301')!;
    assert.equal(
      api.context.subscriptions.getTreeItem(oldCo).description,
      'Expired · Old Co, example.net',
    );
    const sap = rows(products.find((n) => label(n) === 'Ubuntu Pro for SAP 22.04'));
    assert.deepEqual(sap.map(label), ['210987654321']);
    assert.match(
      (api.context.subscriptions.getTreeItem(sap[0]).tooltip as vscode.MarkdownString).value,
      /starts 2025-06-01T00:00:00Z.*accepted 2026-11-20T12:00:00Z/s,
    );
  });
});
