// Restricted Mode: the workspace's report paths and playbook are not read and no AWS call is made.
import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { DEFAULT_PLAYBOOK_FILE } from '../../../src/core/playbook/load';
import { copyFixtureReports, REPORTS, setSetting, supportDesk, waitFor, WORKSPACE } from '../helpers';

describe('Restricted Mode', () => {
  before(() => {
    assert.equal(vscode.workspace.isTrusted, false, 'this pass must run in an untrusted workspace');
    copyFixtureReports();
  });

  it('ignores report paths from the workspace settings', async () => {
    await setSetting('reports.paths', ['reports'], vscode.ConfigurationTarget.Workspace).catch(() => undefined);
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

  it('does not read the workspace playbook', async () => {
    const api = await supportDesk();
    mkdirSync(join(WORKSPACE, '.support-desk'), { recursive: true });
    writeFileSync(join(WORKSPACE, '.support-desk', 'playbook.json'), JSON.stringify({ name: 'Team playbook that must not load' }));
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
    assert.equal(result, undefined);
    const sdkLoaded = Object.keys(require.cache).some((path) => path.includes('@aws-sdk') || path.endsWith('dist/aws.js'));
    assert.equal(sdkLoaded, false, 'the AWS SDK was loaded in Restricted Mode');
  });
});
