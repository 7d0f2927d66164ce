// The real workbench shows the extension: its activity-bar container opens on the Subscriptions view.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Workbench } from '../../tools/vscode/workbench';

describe('Support Desk in the workbench', () => {
  let workbench: Workbench;

  before(async () => {
    workbench = await Workbench.open();
  });

  after(async () => {
    await workbench?.close();
  });

  it('opens the Support Desk container on its Subscriptions and Confirmations views', async () => {
    await workbench.openContainer('Support Desk');
    // Rows once reports load, or the welcome content of the empty state: either way the view has content.
    await workbench
      .view('Subscriptions')
      .locator('.monaco-list-row, .welcome-view-content')
      .first()
      .waitFor();
    assert.equal(await workbench.view('Confirmations').count(), 1);
    await workbench.screenshot('smoke-support-desk');
  });

  it('stays on the machine: no extension gallery, no update check, no request off 127.0.0.1', async () => {
    // The Extensions view is what asks a gallery for its lists; a workbench with one asks at load too.
    await workbench.openContainer('Extensions');
    await workbench.page.locator('.extensions-viewlet').waitFor();
    await workbench.page.waitForTimeout(3000);
    assert.deepEqual(workbench.offMachine, []);
    assert.doesNotMatch(readFileSync(workbench.serverLog!, 'utf8'), /open-vsx/);
  });
});
