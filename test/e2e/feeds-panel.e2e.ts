// Who is calling, in the panel of the real workbench: an e-mail address typed in Check a customer is
// looked up in the sample Seller Delivery Data Feeds, and the account, its verdict from the feeds and
// its agreement with the feed lines behind it are shown; as of and known at change the answer.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { REPO_ROOT } from '../../tools/vscode/code-server';
import { Workbench } from '../../tools/vscode/workbench';

describe('Support Desk panel with a feed root', () => {
  let workbench: Workbench;

  before(async () => {
    workbench = await Workbench.open({
      workspace: join(REPO_ROOT, 'test', 'fixtures', 'workspace'),
      settings: {
        'supportDesk.reports.paths': [
          join(REPO_ROOT, 'samples', 'reports'),
          join(REPO_ROOT, 'samples', 'feeds'),
        ],
        'supportDesk.eligibility.asOf': '2026-11-22',
      },
    });
    await workbench.openContainer('Support Desk');
    await workbench
      .treeRows('Subscriptions', 'Seller Delivery Data Feeds')
      .waitFor({ timeout: 60_000 });
  });

  after(async () => {
    await workbench?.close();
  });

  it('finds the account behind an e-mail address and shows its agreement evidence', async () => {
    const panel = await workbench.openAccountInPanel(
      'Ubuntu Pro 22.04 LTS',
      '111122223333',
      '111122223333: Eligible',
    );
    await panel.locator('#check-as-of').fill('2026-11-22');
    await panel.locator('#check-account').fill('ada.byron@example.org');
    await panel
      .locator('#who-heading')
      .filter({ hasText: '1 account in the feeds for e-mail domain example.org' })
      .waitFor({ timeout: 30_000 });
    const match = panel.locator('.who-match').first();
    assert.match(
      await match.locator('h4').innerText(),
      /210987654321: eligible \(Research Division of Example University, example\.org\)/,
    );
    const agreement = await match.locator('.who-agreement').innerText();
    assert.match(agreement, /agmt-0000210987: Active · Ubuntu Pro for SAP 22\.04/);
    assert.match(
      agreement,
      /starts 2025-06-01T00:00:00Z, ends 2027-06-01T00:00:00Z, accepted 2026-11-20T12:00:00Z/,
    );
    assert.match(agreement, /Evidence: agreementfeed_v1\/year=2026\/month=11\/data\.csv:2/);
    await workbench.screenshot('panel-feeds-who-is-calling');
    // As AWS knew it before the account and its backdated agreement were recorded: nobody with that domain yet.
    await panel.locator('#check-known-at').fill('2026-11-01T00:00:00Z');
    await panel
      .locator('#who-heading')
      .filter({ hasText: '0 accounts in the feeds for e-mail domain example.org' })
      .waitFor({ timeout: 30_000 });
    assert.match(
      await panel.locator('#who-result').innerText(),
      /as AWS knew it at 2026-11-01 00:00:00 UTC/,
    );
    await panel.locator('#check-known-at').fill('');
    // The match's button checks the account against the reports.
    await panel
      .locator('.who-match h4')
      .filter({ hasText: '210987654321: eligible' })
      .waitFor({ timeout: 30_000 });
    await panel.locator('.who-check').first().click();
    await panel
      .locator('#check-verdict')
      .filter({ hasText: '210987654321' })
      .waitFor({ timeout: 30_000 });
    assert.equal(await panel.locator('#check-account').inputValue(), '210987654321');
  });
});
