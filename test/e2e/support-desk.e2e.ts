// A support engineer's first minutes in the real workbench: open Support Desk, see the fixture
// reports in the Subscriptions tree, find an account from the command palette, read the Problems.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { REPO_ROOT } from '../../tools/vscode/code-server';
import { Workbench } from '../../tools/vscode/workbench';

describe('Support Desk with the fixture reports', () => {
  let workbench: Workbench;

  before(async () => {
    workbench = await Workbench.open({
      workspace: join(REPO_ROOT, 'test', 'fixtures', 'workspace'),
      settings: {
        'supportDesk.reports.paths': [join(REPO_ROOT, 'test', 'fixtures', 'reports', 'basic')],
      },
    });
  });

  after(async () => {
    await workbench?.close();
  });

  it('shows the products with their verdict counts after a click on the activity-bar icon', async () => {
    await workbench.openContainer('Support Desk');
    await workbench.treeRows('Subscriptions', 'Ubuntu Pro 24.04 LTS').waitFor({ timeout: 30_000 });
    const rows = await workbench.treeRowTexts('Subscriptions');
    assert.equal(rows.length, 3, rows.join(' | '));
    assert.match(
      rows[1],
      /Ubuntu Pro 22\.04 LTS\s*1 eligible, 4 lapsed, 1 not in latest report\s*$/,
    );
    assert.match(
      await workbench.view('Subscriptions').locator('.pane-header').innerText(),
      /latest report 2026-11-22, 1 day old/,
    );
    await workbench.screenshot('support-desk-subscriptions');
  });

  it('finds an account typed with spaces from the command palette and selects it', async () => {
    await workbench.runCommand('Support Desk: Find Account...');
    await workbench.answerQuickInput('4444 5555 6666');
    const selected = workbench
      .view('Subscriptions')
      .locator('.monaco-list-row.selected', { hasText: '444455556666' });
    await selected.waitFor({ timeout: 15_000 });
    assert.match(await selected.innerText(), /last usage 2026-09-01 · lapsed/);
    await workbench.screenshot('support-desk-find-account');
  });

  it('lists the bad report rows in the Problems view at their lines', async () => {
    await workbench.runCommand('View: Focus Problems');
    const problems = workbench.page.locator('.markers-panel .monaco-list-row');
    await problems.filter({ hasText: 'scientific notation' }).waitFor({ timeout: 15_000 });
    const texts = (await problems.allInnerTexts()).join('\n');
    assert.match(texts, /customer_subscriber_report_2026-11-22\.csv/);
    assert.match(texts, /scientific notation[\s\S]*Ln 6/);
    assert.match(texts, /fewer than 12 digits[\s\S]*Ln 7/);
    await workbench.screenshot('support-desk-problems');
  });
});
