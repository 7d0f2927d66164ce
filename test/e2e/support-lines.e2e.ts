// The panel follows the support line of the customer in hand, in the real workbench: an Ubuntu Pro
// customer gets the Ubuntu Pro scope (and "livepatch is not working" is covered), an ElasticBox account
// the ElasticBox line and its box error form, an account the partner resells the partner's line and
// phone numbers, and an account holding products of two lines a switcher. Screenshots of each.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../../tools/vscode/code-server';
import { Workbench } from '../../tools/vscode/workbench';

const RESOLD = '556677889900';

describe('Support lines in the panel', () => {
  let workbench: Workbench;
  let dir: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'support-desk-e2e-lines-'));
    // The team playbook lists the accounts the partner resells; the rest of each line is the default's.
    const workspace = join(dir, 'workspace');
    mkdirSync(join(workspace, '.support-desk'), { recursive: true });
    writeFileSync(
      join(workspace, '.support-desk', 'playbook.json'),
      JSON.stringify(
        { lines: [{ id: 'centurylink-resold-accounts', products: { accounts: [RESOLD] } }] },
        null,
        2,
      ),
    );
    workbench = await Workbench.open({
      workspace,
      settings: {
        'supportDesk.reports.paths': [join(REPO_ROOT, 'test', 'fixtures', 'reports', 'basic')],
        'supportDesk.eligibility.asOf': '2026-11-22',
        'supportDesk.audit.path': join(dir, 'audit.jsonl'),
      },
    });
    await workbench.openContainer('Support Desk');
    await workbench.treeRows('Subscriptions', 'Ubuntu Pro 22.04 LTS').waitFor({ timeout: 30_000 });
  });

  after(async () => {
    await workbench?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function check(account: string, verdict: string, why: RegExp) {
    const panel = workbench.panel();
    await panel.locator('#tab-check').click();
    // Any product: the account's products pick the line (a product chosen narrows the check to it).
    await panel.locator('#check-product').selectOption('');
    await panel.locator('#check-account').fill(account);
    await panel
      .locator('#check-verdict')
      .filter({ hasText: `${account}: ${verdict}` })
      .waitFor({ timeout: 30_000 });
    await panel.locator('#line-why').filter({ hasText: why }).waitFor({ timeout: 15_000 });
    return panel;
  }

  it('gives an Ubuntu Pro customer the Ubuntu Pro line, whose scope covers "livepatch is not working"', async () => {
    const panel = await workbench.openAccountInPanel(
      'Ubuntu Pro 22.04 LTS',
      '111122223333',
      '111122223333: Eligible',
    );
    await panel
      .locator('#line-why')
      .filter({ hasText: 'is in the Ubuntu Pro on AWS line' })
      .waitFor({ timeout: 15_000 });
    assert.equal(await panel.locator('#support-line').inputValue(), 'ubuntu-pro');
    assert.match(
      await panel.locator('#line-why').innerText(),
      /product prod-5qwz3vsg4kbfw \(Ubuntu Pro 22\.04 LTS\) is in the Ubuntu Pro on AWS line: its title has "Ubuntu Pro"/,
    );
    await panel.locator('#tab-scope').click();
    assert.match(
      await panel.locator('#section-scope h2').first().innerText(),
      /Scope of Ubuntu Pro on AWS: Canonical/,
    );
    await panel.locator('#scope-search').fill('livepatch is not working on Ubuntu Pro');
    await panel
      .locator('#scope-verdict')
      .filter({ hasText: 'In scope' })
      .waitFor({ timeout: 15_000 });
    assert.match(
      await panel.locator('#scope-verdict').innerText(),
      /In scope: “Livepatch: security updates to the kernel in a live system” shares the words livepatch/,
    );
    await workbench.screenshot('panel-line-ubuntu-pro');
    await panel.locator('#tab-channels').click();
    await panel.locator('#purchase-path').selectOption('marketplace-image');
    assert.match(
      await panel.locator('#purchase-channels').innerText(),
      /Phone support: no[\s\S]*Amazon front line support/,
    );
  });

  it('gives an ElasticBox account the ElasticBox line: its box error form, Cloud Application Manager support and phone lines', async () => {
    const panel = await check(
      '314159265358',
      'Not in latest report',
      /is in the ElasticBox \(Cloud Application Manager\) line/,
    );
    assert.equal(await panel.locator('#support-line').inputValue(), 'elasticbox');
    await panel.locator('#tab-cases').click();
    const templates = await panel
      .locator('#case-template option')
      .evaluateAll((options) => options.map((o) => o.getAttribute('value')));
    assert.deepEqual(templates, ['box-error', 'api-call', 'eligibility']);
    await panel.locator('#case-template').selectOption('box-error');
    await panel.locator('#field-os').selectOption('linux');
    await panel.locator('#field-boxName').fill('web-frontend');
    await panel.locator('#field-workspace').fill('acme-ops');
    await panel.locator('#field-log').fill('ERROR [deploy] script exited with 1');
    const preview = panel.locator('#case-preview');
    await preview.filter({ hasText: 'Linux, via SSH' }).waitFor({ timeout: 15_000 });
    assert.match(
      await preview.innerText(),
      /## Send to\s+\*\*Cloud Application Manager support\*\* \(CenturyLink\): incident@CenturyLink\.com/,
    );
    await workbench.screenshot('panel-line-elasticbox');
    await panel.locator('#tab-escalation').click();
    const hrefs = await panel
      .locator('a.phone')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    assert.deepEqual(hrefs, [
      'tel:18886386771',
      'tel:18662965335',
      'tel:0080072884743',
      'tel:+6567688099',
    ]);
  });

  it("gives an account the partner resells the partner's line, though no report lists it", async () => {
    const panel = await check(
      RESOLD,
      'Unlisted',
      new RegExp(
        `account ${RESOLD} is one of the accounts the CenturyLink platform-level support line covers`,
      ),
    );
    assert.equal(await panel.locator('#support-line').inputValue(), 'centurylink-resold-accounts');
    // Unlisted, it holds no product of another line: no switcher to offer.
    assert.equal(await panel.locator('#line-others').count(), 0);
    await panel.locator('#tab-scope').click();
    await panel.locator('#scope-search').fill('customer needs IAM policies reviewed');
    await panel
      .locator('#scope-verdict')
      .filter({ hasText: 'In scope' })
      .waitFor({ timeout: 15_000 });
    assert.match(
      await panel.locator('#scope-verdict').innerText(),
      /In scope: “IAM Policies” shares the words iam, policy/,
    );
    await panel.locator('#scope-search').fill('livepatch is not working');
    await panel
      .locator('#scope-verdict')
      .filter({ hasText: 'No listed item covers it' })
      .waitFor({ timeout: 15_000 });
    await panel.locator('#scope-search').fill('customer needs IAM policies reviewed');
    await panel
      .locator('#scope-verdict')
      .filter({ hasText: 'In scope' })
      .waitFor({ timeout: 15_000 });
    await workbench.screenshot('panel-line-partner');
  });

  it('offers a switcher for an account with products of two lines, and the sections follow the line picked', async () => {
    const panel = await check('210987654321', 'Eligible', /is in the Ubuntu Pro on AWS line/);
    assert.match(
      await panel.locator('#line-others').innerText(),
      /Account 210987654321 holds products of 2 lines: Ubuntu Pro on AWS, ElasticBox \(Cloud Application Manager\)/,
    );
    await panel.locator('#support-line').selectOption('elasticbox');
    await panel
      .locator('#line-why')
      .filter({ hasText: 'is in the ElasticBox (Cloud Application Manager) line' })
      .waitFor({ timeout: 15_000 });
    await panel.locator('#tab-cases').click();
    assert.equal(await panel.locator('#case-template').inputValue(), 'box-error');
    await workbench.screenshot('panel-line-switcher');
  });
});
