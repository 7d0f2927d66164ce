// Restricted Mode: the workspace's report paths and playbook are not read and no AWS call is made.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { parse as parseJsonc } from 'jsonc-parser';
import { DEFAULT_PLAYBOOK_FILE } from '../../../src/core/playbook/load';
import { NO_AWS_CALL } from '../../../src/ui/restricted-mode';
import { eligibilityPolicy, judgingDay } from '../../../src/ui/settings';
import {
  copyFixtureReports,
  REPORTS,
  setSetting,
  supportDesk,
  waitFor,
  WORKSPACE,
} from '../helpers';

describe('Restricted Mode', () => {
  before(() => {
    assert.equal(vscode.workspace.isTrusted, false, 'this pass must run in an untrusted workspace');
    copyFixtureReports();
  });

  it('ignores report paths from the workspace settings', async () => {
    await setSetting('reports.paths', ['reports'], vscode.ConfigurationTarget.Workspace).catch(
      () => undefined,
    );
    const api = await supportDesk();
    await api.context.reports.whenIdle();
    assert.equal(api.context.reports.state, 'empty');
    assert.deepEqual(vscode.workspace.getConfiguration('supportDesk').get('reports.paths'), []);
  });

  it('still loads report paths from the user settings', async () => {
    const api = await supportDesk();
    await setSetting('reports.paths', [REPORTS]);
    try {
      await waitFor('the user-configured reports', async () => {
        await api.context.reports.whenIdle();
        return (api.context.reports.current?.snapshot.store.subscriptionCount ?? 0) > 0;
      });
      assert.match(api.context.subscriptions.view.message ?? '', /Restricted Mode/);
    } finally {
      await setSetting('reports.paths', undefined);
    }
  });

  it("ignores the workspace's eligibility settings: a repository cannot widen the window or move the day", async () => {
    const api = await supportDesk();
    const file = join(WORKSPACE, '.vscode', 'settings.json');
    const before = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
    const current = before ? (parseJsonc(before) as Record<string, unknown>) : {};
    await setSetting('reports.paths', [REPORTS]);
    await setSetting('eligibility.asOf', '2026-11-23');
    mkdirSync(join(WORKSPACE, '.vscode'), { recursive: true });
    // s3RefreshMinutes is not restricted: seeing it says VS Code has read the file.
    writeFileSync(
      file,
      JSON.stringify({
        ...current,
        'supportDesk.eligibility.lastUsageDays': 3650,
        'supportDesk.eligibility.goodFaithDays': 365,
        'supportDesk.eligibility.asOf': '2026-11-30',
        'supportDesk.reports.s3RefreshMinutes': 7,
      }),
    );
    try {
      await waitFor(
        'the workspace settings file to be read',
        () =>
          vscode.workspace.getConfiguration('supportDesk').get('reports.s3RefreshMinutes') === 7,
      );
      assert.deepEqual(eligibilityPolicy(), { lastUsageDays: 30, goodFaithDays: 3 });
      assert.deepEqual(judgingDay(), { day: '2026-11-23', fixed: true });
      // Last used 2026-09-01: lapsed in the user's 30-day window, eligible in the workspace's 3650 days.
      const verdict = await waitFor('the verdict from the user-configured reports', () =>
        api.lookup('444455556666'),
      );
      assert.equal(verdict.verdict, 'lapsed');
    } finally {
      if (before === undefined) rmSync(file);
      else writeFileSync(file, before);
      await setSetting('eligibility.asOf', undefined);
      await setSetting('reports.paths', undefined);
      await waitFor(
        'the settings file restored',
        () =>
          vscode.workspace.getConfiguration('supportDesk').get('reports.s3RefreshMinutes') !== 7,
      );
    }
  });

  it('does not read the workspace playbook', async () => {
    const api = await supportDesk();
    mkdirSync(join(WORKSPACE, '.support-desk'), { recursive: true });
    writeFileSync(
      join(WORKSPACE, '.support-desk', 'playbook.json'),
      JSON.stringify({ name: 'Team playbook that must not load' }),
    );
    api.context.playbook.reload();
    const loaded = await api.context.playbook.current();
    assert.equal(loaded.teamFile, null);
    assert.notEqual(loaded.playbook.name, 'Team playbook that must not load');
    assert.ok(loaded.problems.every((p) => p.file === DEFAULT_PLAYBOOK_FILE));
  });

  it('makes no AWS call: Confirm Instance refuses and loads no SDK', async () => {
    const result = await vscode.commands.executeCommand('supportDesk.confirmInstance', {
      instanceId: 'i-0123456789abcdef0',
      productCode: 'abc123',
      region: 'us-east-1',
    });
    assert.deepEqual(result, { restricted: NO_AWS_CALL });
    const sdkLoaded = Object.keys(require.cache).some(
      (path) => path.includes('@aws-sdk') || path.endsWith('dist/aws.js'),
    );
    assert.equal(sdkLoaded, false, 'the AWS SDK was loaded in Restricted Mode');
  });
});
