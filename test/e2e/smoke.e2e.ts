// The real workbench shows the extension: its activity-bar container opens on the Subscriptions view.
import * as assert from 'node:assert/strict';
import { Workbench } from '../support/vscode/workbench';

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
    await workbench.view('Subscriptions').locator('.monaco-list-row, .welcome-view-content').first().waitFor();
    assert.equal(await workbench.view('Confirmations').count(), 1);
    await workbench.screenshot('smoke-support-desk');
  });
});
