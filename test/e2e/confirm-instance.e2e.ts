// The AWS side in the real workbench, as an engineer signed in with IAM Identity Center lives it:
// pick the profile and region, see expired credentials on the status bar and retry after
// `aws sso login`, confirm an instance step by step, with Back (from Find Account and from a tree row), act on
// the verdict, and page through a product of 1,200 accounts. AWS is the local endpoint (EC2 and the
// SSO portal) reached by the real SDK inside the extension host.
import * as assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  awsSandbox,
  ssoProfile,
  staticProfile,
  writeSsoToken,
  type AwsSandbox,
} from '../support/aws-env';
import {
  DEMO_OTHER_OWNER,
  DEMO_OWNER,
  startEc2Endpoint,
  type Ec2Endpoint,
} from '../support/ec2-endpoint';
import { LARGE_PRODUCT, largeReportAccount, writeLargeReport } from '../support/large-report';
import { REPO_ROOT } from '../../tools/vscode/code-server';
import { Workbench } from '../../tools/vscode/workbench';

const UNLISTED = '999988887777';
const FROM_FIND = 'i-0a1b2c3d4e5f60718';
const FROM_ROW = 'i-0fedcba9876543210';
/** A product only the team playbook knows (no report lists it). */
const PLAYBOOK_PRODUCT = {
  id: 'prod-acme-web-01',
  code: '4w1vgsrkqdkypbz43g7qkk4uz',
  title: 'Acme Web Server AMI',
  source: { document: 'Acme seller onboarding e-mail' },
};
const FRESH_TOKEN = 'sso-access-token-after-login';

describe('Confirm Instance, profile and paging in the workbench', () => {
  let workbench: Workbench;
  let endpoint: Ec2Endpoint;
  let sandbox: AwsSandbox;
  let dir: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'support-desk-e2e-confirm-'));
    writeLargeReport(join(dir, 'large'), 1_200);
    const workspace = join(dir, 'workspace');
    cpSync(join(REPO_ROOT, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
    mkdirSync(join(workspace, '.support-desk'));
    writeFileSync(
      join(workspace, '.support-desk', 'playbook.json'),
      JSON.stringify({ products: [PLAYBOOK_PRODUCT] }),
    );
    // The engineer's last `aws sso login` was yesterday: the cached token has expired.
    sandbox = awsSandbox(
      {
        config: `[default]\nregion = us-east-1\n\n${ssoProfile('seller', 'corp', 'eu-west-1')}`,
        credentials: staticProfile('static-only'),
      },
      { inProcess: false },
    );
    writeSsoToken(sandbox.home, 'corp', {
      accessToken: 'sso-access-token-of-yesterday',
      expiresAt: new Date(Date.now() - 3_600_000),
    });
    endpoint = await startEc2Endpoint({
      instances: {
        [FROM_FIND]: { kind: 'attached', ownerId: UNLISTED, region: 'eu-west-1' },
        [FROM_ROW]: { kind: 'attached', ownerId: DEMO_OTHER_OWNER },
      },
      ssoAccessTokens: [FRESH_TOKEN],
      maxLifetimeMs: 300_000,
    });
    workbench = await Workbench.open({
      workspace,
      env: { ...sandbox.env, AWS_ENDPOINT_URL_SSO: endpoint.url },
      settings: {
        'supportDesk.reports.paths': [
          join(REPO_ROOT, 'test', 'fixtures', 'reports', 'basic'),
          join(dir, 'large'),
        ],
        'supportDesk.aws.endpointUrl': endpoint.url,
        'supportDesk.audit.path': join(dir, 'audit.jsonl'),
      },
    });
    await workbench.page.context().grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: new URL(workbench.page.url()).origin,
    });
    await workbench.openContainer('Support Desk');
    await workbench.treeRows('Subscriptions', LARGE_PRODUCT.title).waitFor({ timeout: 30_000 });
  });

  after(async () => {
    await workbench?.close();
    await endpoint?.stop();
    sandbox?.restore();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("selects a profile (kinds shown) and a region (the profile's own marked with its name) into the status bar", async () => {
    // The status bar names where the region comes from: here the default profile's own region.
    await workbench.statusBarItem('default · us-east-1 (profile)').click();
    await workbench.quickPickRow('seller').waitFor();
    const profiles = (
      await workbench.page.locator('.quick-input-list .monaco-list-row').allInnerTexts()
    ).map((t) => t.trim());
    for (const expected of [
      /^seller\s*IAM Identity Center \(SSO\) · eu-west-1$/,
      /^static-only\s*access keys$/,
      /^Default credential chain/,
    ]) {
      assert.ok(
        profiles.some((t) => expected.test(t)),
        `${expected} in ${profiles.join(' | ')}`,
      );
    }
    await workbench.answerQuickInput('seller');
    await workbench.quickInputTitle().filter({ hasText: 'Select Region' }).waitFor();
    assert.match(
      await workbench
        .quickPickRow(/^\s*eu-west-1/)
        .first()
        .innerText(),
      /profile seller/,
    );
    await workbench.answerQuickInput('us-west-2');
    await workbench.statusBarItem('seller · us-west-2 (setting)').waitFor();
  });

  it('turns the status bar red on an expired SSO token, and clears it on retry after aws sso login', async () => {
    // Selecting the profile checked its credentials: the token cache is yesterday's.
    const status = workbench.statusBarItem('seller · us-west-2');
    await workbench.page
      .locator('.statusbar-item.error-kind', { hasText: 'seller · us-west-2' })
      .waitFor({ timeout: 15_000 });
    await workbench
      .notification(/SSO session of profile "seller" has expired.*aws sso login --profile seller/)
      .waitFor();
    await workbench.screenshot('aws-credentials-expired');
    writeSsoToken(sandbox.home, 'corp', {
      accessToken: FRESH_TOKEN,
      expiresAt: new Date(Date.now() + 3_600_000),
    });
    await status.click();
    await workbench.page
      .locator('.statusbar-item:not(.error-kind)', { hasText: 'seller · us-west-2' })
      .waitFor({ timeout: 15_000 });
    assert.ok(
      endpoint.calls.some(
        (c) => c.action === 'GetRoleCredentials' && c.outcome === 'role-credentials',
      ),
      'no role credentials were fetched',
    );
    // The expired-token error stays on screen; a notification says it is over.
    await workbench.notification('AWS credentials for profile seller work again.').waitFor();
    await workbench.runCommand('Notifications: Clear All Notifications');
    // The last choice comes back near the top, marked.
    await workbench.runCommand('Support Desk: Select Region...');
    assert.match(
      await workbench
        .quickPickRow(/^\s*us-west-2/)
        .first()
        .innerText(),
      /recently used, current/,
    );
    await workbench.page.keyboard.press('Escape');
  });

  it('offers Confirm Instance for an unlisted account, and asks step by step with the id validated as typed', async () => {
    await workbench.runCommand('Support Desk: Find Account...');
    await workbench.answerQuickInput('9999 8888 7777');
    await workbench.clickNotificationAction(
      `Account ${UNLISTED} is not in the loaded reports (unlisted)`,
      'Confirm Instance...',
    );

    await workbench
      .quickInputTitle()
      .filter({ hasText: 'Confirm Instance: instance (1/4)' })
      .waitFor();
    await workbench.quickInput().fill('i-12345');
    await workbench
      .quickInputMessage()
      .filter({ hasText: '"i-" followed by 8 or 17 lowercase hex digits' })
      .waitFor();
    await workbench.screenshot('confirm-instance-validation');
    await workbench.answerQuickInput(FROM_FIND);

    await workbench
      .quickInputTitle()
      .filter({ hasText: 'Confirm Instance: product (2/4)' })
      .waitFor();
    assert.match(
      await workbench.quickPickRow('Ubuntu Pro 24.04 LTS').innerText(),
      /from the reports/,
    );
    assert.match(
      await workbench.quickPickRow(PLAYBOOK_PRODUCT.title).innerText(),
      /from the playbook/,
    );
    await workbench.answerQuickInput(PLAYBOOK_PRODUCT.title);

    await workbench
      .quickInputTitle()
      .filter({ hasText: 'Confirm Instance: claimed account (3/4)' })
      .waitFor();
    assert.equal(await workbench.quickInput().inputValue(), UNLISTED);
    // Back twice: each earlier step comes back with its answer kept, and the flow goes on from there.
    await workbench.quickInputBack();
    await workbench
      .quickInputTitle()
      .filter({ hasText: 'Confirm Instance: product (2/4)' })
      .waitFor();
    await workbench.page
      .locator('.quick-input-list .monaco-list-row.focused', { hasText: PLAYBOOK_PRODUCT.title })
      .waitFor();
    await workbench.quickInputBack();
    await workbench
      .quickInputTitle()
      .filter({ hasText: 'Confirm Instance: instance (1/4)' })
      .waitFor();
    assert.equal(await workbench.quickInput().inputValue(), FROM_FIND);
    await workbench.screenshot('confirm-instance-back');
    await workbench.page.keyboard.press('Enter');
    await workbench
      .quickInputTitle()
      .filter({ hasText: 'Confirm Instance: product (2/4)' })
      .waitFor();
    await workbench.page
      .locator('.quick-input-list .monaco-list-row.focused', { hasText: PLAYBOOK_PRODUCT.title })
      .waitFor();
    await workbench.page.keyboard.press('Enter');
    await workbench
      .quickInputTitle()
      .filter({ hasText: 'Confirm Instance: claimed account (3/4)' })
      .waitFor();
    assert.equal(await workbench.quickInput().inputValue(), UNLISTED);
    await workbench.page.keyboard.press('Enter');

    await workbench
      .quickInputTitle()
      .filter({ hasText: 'Confirm Instance: region (4/4)' })
      .waitFor();
    assert.match(
      await workbench.page.locator('.quick-input-list .monaco-list-row').first().innerText(),
      /^\s*auto/,
    );
    await workbench.answerQuickInput('auto');

    const verdict = `Confirmed: ${FROM_FIND} carries product code ${PLAYBOOK_PRODUCT.code} and is owned by ${UNLISTED}, the claimed account (eu-west-1).`;
    await workbench.notification(verdict).waitFor({ timeout: 20_000 });
    await workbench.screenshot('confirm-instance-verdict');
    // "auto" asked the enabled regions; the instance answered from eu-west-1, with the playbook's code.
    const asked = endpoint.calls.filter(
      (c) => c.action === 'ConfirmProductInstance' && c.instanceId === FROM_FIND,
    );
    assert.deepEqual([...new Set(asked.map((c) => c.productCode))], [PLAYBOOK_PRODUCT.code]);
    assert.deepEqual(
      asked.filter((c) => c.outcome === 'attached').map((c) => c.region),
      ['eu-west-1'],
    );
    await workbench.clickNotificationAction(verdict, 'Copy Evidence');
    const evidence = new RegExp(`"instanceId": "${FROM_FIND}"[\\s\\S]*"ownerId": "${UNLISTED}"`);
    await workbench.page.waitForFunction(
      `navigator.clipboard.readText().then((text) => ${evidence}.test(text))`,
      undefined,
      { polling: 200, timeout: 5000 },
    );

    const row = workbench.treeRows('Confirmations', FROM_FIND);
    await row.waitFor();
    assert.match(await row.innerText(), new RegExp(`confirmed · owner ${UNLISTED} · eu-west-1`));
    const audit = readFileSync(join(dir, 'audit.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.deepEqual(
      audit.map((e) => [e.instanceId, e.verdict, e.profile]),
      [[FROM_FIND, 'confirmed', 'seller']],
    );
  });

  it('prefills the claimed account from a tree row, skips the known product, and drafts a case from the verdict', async () => {
    await workbench.treeRows('Subscriptions', 'Ubuntu Pro 22.04 LTS').click();
    const account = workbench.treeRows('Subscriptions', DEMO_OWNER);
    await account.hover();
    await account.locator('.action-label[aria-label^="Confirm Instance"]').click();

    await workbench
      .quickInputTitle()
      .filter({ hasText: 'Confirm Instance: instance (1/3)' })
      .waitFor();
    await workbench.answerQuickInput(FROM_ROW);
    await workbench
      .quickInputTitle()
      .filter({ hasText: 'Confirm Instance: claimed account (2/3)' })
      .waitFor();
    assert.equal(await workbench.quickInput().inputValue(), DEMO_OWNER);
    await workbench.page.keyboard.press('Enter');
    await workbench
      .quickInputTitle()
      .filter({ hasText: 'Confirm Instance: region (3/3)' })
      .waitFor();
    await workbench.answerQuickInput('us-east-1');

    const verdict = `Owner mismatch: ${FROM_ROW} carries product code 8a2kq9xw3vbn7m4c1zt6ry5pd but is owned by ${DEMO_OTHER_OWNER}, not the claimed ${DEMO_OWNER} (us-east-1).`;
    await workbench.notification(verdict).waitFor({ timeout: 20_000 });
    const confirm = endpoint.calls.find(
      (c) => c.action === 'ConfirmProductInstance' && c.instanceId === FROM_ROW,
    );
    assert.deepEqual(
      [confirm?.productCode, confirm?.region],
      ['8a2kq9xw3vbn7m4c1zt6ry5pd', 'us-east-1'],
    );
    await workbench.clickNotificationAction(verdict, 'Open Case');
    await workbench.quickInputTitle().filter({ hasText: 'Open Case' }).waitFor();
    await workbench.answerQuickInput('Eligibility/entitlement');
    const editor = workbench.page.locator('.editor-instance .view-lines');
    await editor.filter({ hasText: FROM_ROW }).waitFor();
    const draft = (await editor.innerText()).replace(/\u00a0/g, ' '); // the editor renders spaces as NBSP
    assert.match(draft, new RegExp(DEMO_OTHER_OWNER));
    assert.match(
      draft,
      new RegExp(`owner-mismatch: ${FROM_ROW}`),
      'the verdict is filled in as evidence',
    );
    const confirmations = await workbench.treeRowTexts('Confirmations');
    assert.equal(confirmations.length, 2);
    assert.ok(
      confirmations[0].startsWith(FROM_ROW) && confirmations[1].startsWith(FROM_FIND),
      `newest first: ${confirmations.join(' | ')}`,
    );
    await workbench.screenshot('confirm-instance-case');
  });

  it('expands a product of 1,200 accounts at once in pages of 500, and "Show 500 more..." adds the next', async () => {
    // View title actions show while the pointer is over the view.
    await workbench.view('Subscriptions').locator('.pane-header').hover();
    await workbench
      .view('Subscriptions')
      .locator('.action-label[aria-label^="Collapse All"]')
      .click();
    const product = workbench.treeRows('Subscriptions', LARGE_PRODUCT.title);
    assert.match(await product.innerText(), /^\s*Workstation Fleet\s*1,200 eligible\s*$/);
    await product.click();
    await workbench.treeRows('Subscriptions', largeReportAccount(0)).waitFor();
    // End moves the focus to the last row (rows are virtual: only what is on screen exists).
    await workbench.page.keyboard.press('End');
    const more = workbench.treeRows('Subscriptions', 'Show 500 more...');
    await more.waitFor();
    assert.match(await more.innerText(), /700 not shown/);
    await workbench.screenshot('subscriptions-show-more');
    await more.click();
    await workbench.treeRows('Subscriptions', largeReportAccount(500)).waitFor();
    await workbench.page.keyboard.press('End');
    const rest = workbench.treeRows('Subscriptions', 'Show 200 more...');
    await rest.waitFor();
    assert.match(await rest.innerText(), /200 not shown/);
  });
});
