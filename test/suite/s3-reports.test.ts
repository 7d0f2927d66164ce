// Reports in S3 in the real extension: an s3:// path in supportDesk.reports.paths fills the
// Subscriptions view from a local S3 server (s3rver, in this extension host) with the real SDK; with
// the server stopped, Refresh keeps the data from the cached copies and says "cached, fetched ...",
// and the Retry action is offered. Evidence opens the cached copy at its line.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { awsSandbox, staticProfile, type AwsSandbox } from '../support/aws-env';
import { startS3Server, type S3Server } from '../support/s3-server';
import {
  type DeskUnderTest,
  EXTENSION_ID,
  FIXTURES,
  setSetting,
  supportDesk,
  waitFor,
} from './helpers';

const URL = 's3://team-reports/basic/';
const REPORT = 's3://team-reports/basic/customer_subscriber_report_2026-11-22.csv';

describe('Reports in S3', function () {
  this.timeout(120_000);
  let api: DeskUnderTest;
  let server: S3Server;
  let sandbox: AwsSandbox;

  before(async () => {
    api = await supportDesk();
    server = await startS3Server({ maxLifetimeMs: 240_000 });
    sandbox = awsSandbox({
      credentials: staticProfile('default'),
      config: '[default]\nregion = us-east-1\n',
    });
    process.env.AWS_ENDPOINT_URL_S3 = server.url;
    const basic = join(FIXTURES, 'reports', 'basic');
    await server.put(
      'team-reports',
      Object.fromEntries(
        readdirSync(basic).map((name) => [`basic/${name}`, readFileSync(join(basic, name))]),
      ),
    );
    await setSetting('reports.paths', [URL], vscode.ConfigurationTarget.Workspace);
    await waitFor(
      'the S3 reports to load',
      async () => {
        await api.context.reports.whenIdle();
        return api.context.reports.current?.snapshot.files.some((f) => f.path === REPORT);
      },
      60_000,
    );
  });

  after(async () => {
    await setSetting('reports.paths', undefined, vscode.ConfigurationTarget.Workspace);
    await api.context.reports.whenIdle();
    delete process.env.AWS_ENDPOINT_URL_S3;
    sandbox.restore();
    await server.stop();
  });

  const view = () => api.context.subscriptions;
  const accountsUnder = (title: string) => {
    const product = view()
      .getChildren()
      .find((n) => view().getTreeItem(n).label === title);
    return product ? view().getChildren(product) : [];
  };

  it('shows the reports of an s3:// path, and opens evidence in the cached copy at its line', () => {
    const accounts = accountsUnder('Ubuntu Pro 22.04 LTS');
    assert.ok(accounts.length > 0, "the tree shows the S3 reports' subscriptions");
    const item = view().getTreeItem(accounts[0]);
    const [uri, options] = item.command?.arguments as [vscode.Uri, { selection: vscode.Range }];
    assert.ok(
      uri.fsPath.startsWith(api.context.extension.globalStorageUri.fsPath),
      `${uri.fsPath} is the cached copy`,
    );
    const copy = readFileSync(uri.fsPath, 'utf8').split('\n');
    assert.ok(
      copy[options.selection.start.line].includes(item.label as string),
      'the line of the evidence',
    );
    const tooltip = (item.tooltip as vscode.MarkdownString).value;
    assert.ok(
      tooltip.includes(vscode.Uri.file(uri.fsPath).path),
      'the tooltip links to the cached copy',
    );
    assert.match(
      tooltip.replace(/\\/g, ''),
      /s3:\/\/team-reports\/basic\/customer_subscriber_report_2026-11-2\d\.csv:\d+/,
    );
  });

  it('serves the cached copies when S3 cannot be reached, says "cached, fetched ..." and offers Retry', async () => {
    const before = accountsUnder('Ubuntu Pro 22.04 LTS').length;
    await server.stop();
    await vscode.commands.executeCommand('supportDesk.refreshReports');
    await api.context.reports.whenIdle();
    assert.match(view().view.description ?? '', /cached, fetched \d\d:\d\d/);
    assert.match(
      view().view.message ?? '',
      /s3:\/\/team-reports\/basic\/ is served from the copies fetched .*cannot reach S3/,
    );
    assert.equal(accountsUnder('Ubuntu Pro 22.04 LTS').length, before, 'the data is still there');
    assert.ok((await vscode.commands.getCommands(true)).includes('supportDesk.retryS3Reports'));
    const menus = (
      vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as {
        contributes: { menus: Record<string, { command: string; when: string }[]> };
      }
    ).contributes.menus['view/title'];
    assert.ok(
      menus.some(
        (m) =>
          m.command === 'supportDesk.retryS3Reports' &&
          m.when.includes('supportDesk.reports.s3Cached'),
      ),
    );
    await vscode.commands.executeCommand('supportDesk.retryS3Reports');
    await api.context.reports.whenIdle();
    assert.match(view().view.description ?? '', /cached, fetched/);
  });
});
