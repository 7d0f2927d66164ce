// Settings are honoured as soon as they change: the eligibility window, the reporting lag, the day.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse as parseJsonc } from 'jsonc-parser';
import * as vscode from 'vscode';
import {
  type DeskUnderTest,
  setSetting,
  supportDesk,
  useReports,
  waitFor,
  WORKSPACE,
} from './helpers';

function descriptionOf(api: DeskUnderTest, account: string): string | undefined {
  const s = api.context.subscriptions;
  for (const product of s.getChildren()) {
    for (const node of s.getChildren(product)) {
      const item = s.getTreeItem(node);
      if (item.label === account) return String(item.description);
    }
  }
  return undefined;
}

describe('Settings', () => {
  let api: DeskUnderTest;

  before(async () => {
    api = await supportDesk();
    await useReports(api, ['reports']);
    await vscode.commands.executeCommand('supportDesk.groupByProduct');
  });

  it('supportDesk.eligibility.lastUsageDays widens the window', async () => {
    assert.equal(descriptionOf(api, '444455556666'), 'last usage 2026-09-01 · lapsed');
    await setSetting('eligibility.lastUsageDays', 90);
    try {
      await waitFor(
        '444455556666 to become eligible',
        () => descriptionOf(api, '444455556666') === 'last usage 2026-09-01 · eligible',
      );
    } finally {
      await setSetting('eligibility.lastUsageDays', undefined);
    }
    await waitFor(
      'the default window again',
      () => descriptionOf(api, '444455556666') === 'last usage 2026-09-01 · lapsed',
    );
  });

  it('supportDesk.eligibility.goodFaithDays and asOf turn the freshness into a warning', async () => {
    await setSetting('eligibility.asOf', '2026-11-30', vscode.ConfigurationTarget.Workspace);
    try {
      await waitFor(
        'a stale-report warning',
        () =>
          api.context.subscriptions.view.description ===
          '⚠ latest report 2026-11-22, 8 days old · as of 2026-11-30',
      );
      assert.match(
        api.context.subscriptions.view.message ?? '',
        /older than the 3-day reporting lag/,
      );
      await setSetting('eligibility.goodFaithDays', 10);
      await waitFor(
        'no warning within 10 days',
        () =>
          api.context.subscriptions.view.description ===
          'latest report 2026-11-22, 8 days old · as of 2026-11-30',
      );
    } finally {
      await setSetting('eligibility.goodFaithDays', undefined);
      await setSetting('eligibility.asOf', '2026-11-23', vscode.ConfigurationTarget.Workspace);
    }
  });

  it('supportDesk.reports.paths: an empty list empties the tree and shows the welcome', async () => {
    await setSetting('reports.paths', [], vscode.ConfigurationTarget.Workspace);
    try {
      await waitFor('the tree to empty', async () => {
        await api.context.reports.whenIdle();
        return (
          api.context.reports.state === 'empty' &&
          api.context.subscriptions.getChildren().length === 0
        );
      });
    } finally {
      await useReports(api, ['reports']);
    }
  });

  it('keeps supportDesk.aws.endpointUrl machine-scoped: VS Code refuses a workspace value, and ignores one in the file', async () => {
    // Through the API: the write itself is refused, naming the scope.
    await assert.rejects(
      setSetting('aws.endpointUrl', 'http://127.0.0.1:9', vscode.ConfigurationTarget.Workspace),
      /Unable to write supportDesk\.aws\.endpointUrl to Workspace Settings/,
    );
    // By hand in .vscode/settings.json: the file is read (its other setting applies) but the endpoint is not.
    const file = join(WORKSPACE, '.vscode', 'settings.json');
    const before = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
    // VS Code writes JSON with comments: read it as VS Code does.
    const current = before ? (parseJsonc(before) as Record<string, unknown>) : {};
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(
      file,
      JSON.stringify({
        ...current,
        'supportDesk.aws.endpointUrl': 'http://127.0.0.1:9',
        'supportDesk.eligibility.lastUsageDays': 45,
      }),
    );
    try {
      await waitFor(
        'the workspace settings file to be read',
        () =>
          vscode.workspace.getConfiguration('supportDesk').get('eligibility.lastUsageDays') === 45,
      );
      assert.equal(api.context.aws.settings().endpointUrl, undefined);
    } finally {
      if (before === undefined) rmSync(file);
      else writeFileSync(file, before);
      await waitFor(
        'the settings file restored',
        () =>
          vscode.workspace.getConfiguration('supportDesk').get('eligibility.lastUsageDays') !== 45,
      );
    }
  });
});
