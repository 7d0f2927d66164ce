// The panel on a real call (issue 16): a confirmation made right after typing stays through the checks
// that land after it and goes into the case; the answer survives hiding the panel's tab; a Confirm
// Instance from the palette shows in the panel without a new Check; the actions sit with the verdict.
// AWS is the local EC2 endpoint, slowed so that every check asked while a confirmation is under way
// answers first: the order that lost the confirmation, made certain instead of left to luck.
import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { startAgreementEndpoint, type AgreementEndpoint } from '../support/agreement-endpoint';
import { awsSandbox, staticProfile, type AwsSandbox } from '../support/aws-env';
import { startEc2Endpoint, type Ec2Endpoint } from '../support/ec2-endpoint';
import { REPO_ROOT } from '../../tools/vscode/code-server';
import { Workbench } from '../../tools/vscode/workbench';

const ACCOUNT = '111122223333';
const INSTANCE = 'i-0a1b2c3d4e5f60718';
const FROM_PALETTE = 'i-0fedcba9876543210';
const UNLISTED = '999988887777';
/** Listed for two products: Confirm with AWS asks which. */
const TWO_PRODUCTS = '210987654321';
const OF_TWO_PRODUCTS = 'i-0123456789abcdef0';
/** Long enough that the check typing starts (debounced 300 ms) answers while the confirmation is still asked, even on a loaded machine. */
const EC2_LATENCY_MS = 5_000;

/** The host's number of the check on screen (CheckResult.sequence): it grows with each answer that lands. */
async function shownCheck(panel: FrameLocator): Promise<number> {
  return Number(await panel.locator('#check-result').getAttribute('data-sequence'));
}

/** Resolves once a check answered after the one numbered `after` is on screen. */
async function checkLanded(panel: FrameLocator, after: number, what: string): Promise<void> {
  for (
    const start = Date.now();
    Date.now() - start < 60_000;
    await new Promise((r) => setTimeout(r, 100))
  ) {
    if ((await shownCheck(panel)) > after) return;
  }
  assert.fail(`${what} never came`);
}

describe('The panel on a call', () => {
  let workbench: Workbench;
  let ec2: Ec2Endpoint;
  let agreements: AgreementEndpoint;
  let sandbox: AwsSandbox;
  let dir: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'support-desk-e2e-call-'));
    cpSync(join(REPO_ROOT, 'test', 'fixtures', 'reports', 'basic'), join(dir, 'reports'), {
      recursive: true,
    });
    sandbox = awsSandbox(
      { config: '[default]\nregion = us-east-1\n', credentials: staticProfile('default') },
      { inProcess: false },
    );
    ec2 = await startEc2Endpoint({
      instances: {
        [INSTANCE]: { kind: 'attached', ownerId: ACCOUNT },
        [FROM_PALETTE]: { kind: 'attached', ownerId: ACCOUNT },
        [OF_TWO_PRODUCTS]: { kind: 'attached', ownerId: TWO_PRODUCTS },
      },
      latencyMs: EC2_LATENCY_MS,
      maxLifetimeMs: 600_000,
    });
    agreements = await startAgreementEndpoint({
      agreements: [
        {
          agreementId: 'agmt-call000000001',
          acceptor: ACCOUNT,
          productId: 'prod-5qwz3vsg4kbfw',
          offerId: 'offer-call',
          startTime: '2025-02-14T00:00:00Z',
        },
      ],
      maxLifetimeMs: 600_000,
    });
    workbench = await Workbench.open({
      workspace: join(REPO_ROOT, 'test', 'fixtures', 'workspace'),
      env: { ...sandbox.env, AWS_ENDPOINT_URL_MARKETPLACE_AGREEMENT: agreements.url },
      settings: {
        'supportDesk.reports.paths': [join(dir, 'reports')],
        'supportDesk.eligibility.asOf': '2026-11-23',
        'supportDesk.aws.endpointUrl': ec2.url,
        'supportDesk.aws.region': 'us-east-1',
        'supportDesk.audit.path': join(dir, 'audit.jsonl'),
      },
    });
    await workbench.openContainer('Support Desk');
    await workbench.treeRows('Subscriptions', 'Ubuntu Pro 22.04 LTS').waitFor({ timeout: 30_000 });
  });

  after(async () => {
    await workbench?.close();
    await ec2?.stop();
    await agreements?.stop();
    sandbox?.restore();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('keeps a confirmation asked right after typing through the checks that land after it, and Start case carries it', async () => {
    await workbench.runCommand('Support Desk: Open Support Desk');
    const panel = workbench.panel();
    await panel.locator('#check-account').fill('1111 2222 3333');
    await panel
      .locator('#check-verdict')
      .filter({ hasText: `${ACCOUNT}: Eligible` })
      .waitFor({ timeout: 30_000 });
    const typedAt = await shownCheck(panel);
    // The instance id typed, Confirm pressed at once: the check the typing starts is still to come.
    await panel.locator('#check-instance').fill(INSTANCE);
    await panel.locator('#confirm-aws').click();
    // The account holds one product: no picker, so the panel says it is asking AWS.
    const confirmArea = panel.locator('#confirm-result');
    assert.match(await confirmArea.innerText(), /Confirming with AWS/);
    await checkLanded(panel, typedAt, 'the check started by typing the instance id');
    // Whether that check answered before the click or after it, a check that answers while AWS is still
    // being asked (here: Check pressed again, well inside the endpoint's latency) leaves the confirmation under way alone.
    const during = await shownCheck(panel);
    await panel.locator('.check-form button[type="submit"]').click();
    await checkLanded(panel, during, 'the check asked while AWS was being asked');
    assert.match(await confirmArea.innerText(), /Confirming with AWS/);
    const verdict = panel.locator('#confirmation-verdict');
    await verdict.waitFor({ timeout: 60_000 });
    assert.deepEqual(
      ec2.calls.filter((c) => c.action === 'ConfirmProductInstance').map((c) => c.instanceId),
      [INSTANCE],
    );
    assert.match(
      await verdict.innerText(),
      new RegExp(
        `^\\s*Confirmed: ${INSTANCE} carries product code 8a2kq9xw3vbn7m4c1zt6ry5pd and is owned by ${ACCOUNT}`,
      ),
    );
    assert.doesNotMatch(await verdict.innerText(), /\.\d{3}Z/, 'times without milliseconds');
    // A check that lands after the confirmation (here: Check pressed again) leaves it on screen.
    const confirmedAt = await shownCheck(panel);
    await panel.locator('.check-form button[type="submit"]').click();
    await checkLanded(panel, confirmedAt, 'the check asked after the confirmation');
    assert.match(
      await panel.locator('#confirmation-verdict').innerText(),
      new RegExp(`Confirmed: ${INSTANCE}`),
    );
    await workbench.screenshot('call-confirmed');
    await panel.locator('#start-case').click();
    const preview = panel.locator('#case-preview');
    await preview.filter({ hasText: `Account ${ACCOUNT}: ELIGIBLE` }).waitFor({ timeout: 30_000 });
    assert.match(
      await preview.innerText(),
      new RegExp(`ConfirmProductInstance: Confirmed: ${INSTANCE} carries product code`),
    );
  });

  it('keeps the verdict, evidence, confirmation and live search when its tab is hidden and shown again', async () => {
    const panel = workbench.panel();
    await panel.locator('#tab-check').click();
    await panel.locator('#check-live').click();
    await panel
      .locator('#live-verdict')
      .filter({ hasText: 'Live agreements: ACTIVE' })
      .waitFor({ timeout: 30_000 });
    // Another editor in the panel's group hides the panel (its webview is let go: no retained context).
    await workbench.runCommand('File: New Untitled Text File');
    await panel.locator('#check-verdict').waitFor({ state: 'detached', timeout: 30_000 });
    await workbench.page.locator('.tabs-container .tab', { hasText: 'Support Desk' }).click();
    await panel
      .locator('#check-verdict')
      .filter({ hasText: `${ACCOUNT}: Eligible` })
      .waitFor({ timeout: 30_000 });
    const text = await panel.locator('#check-result').innerText();
    assert.match(text, /customer_subscriber_report_2026-11-22\.csv:2/, 'the evidence');
    assert.match(
      text,
      new RegExp(`Confirmed: ${INSTANCE} carries product code`),
      'the confirmation',
    );
    assert.match(text, /Live agreements: ACTIVE/, 'the live search');
    assert.match(text, /agmt-call000000001/);
    assert.equal(await panel.locator('#check-instance').inputValue(), INSTANCE);
    await workbench.screenshot('call-shown-again');
  });

  it('shows a Confirm Instance from the palette for the account on screen without a new Check, and the case takes it', async () => {
    const panel = workbench.panel();
    await panel
      .locator('#recent-confirmations')
      .filter({ hasText: INSTANCE })
      .waitFor({ timeout: 30_000 });
    assert.doesNotMatch(
      await panel.locator('#recent-confirmations').innerText(),
      new RegExp(FROM_PALETTE),
    );
    await workbench.runCommand('Support Desk: Confirm Instance...');
    await workbench.quickInputTitle().filter({ hasText: 'Confirm Instance: instance' }).waitFor();
    await workbench.answerQuickInput(FROM_PALETTE);
    await workbench.quickInputTitle().filter({ hasText: 'Confirm Instance: product' }).waitFor();
    await workbench.answerQuickInput('Ubuntu Pro 22.04 LTS');
    await workbench
      .quickInputTitle()
      .filter({ hasText: 'Confirm Instance: claimed account' })
      .waitFor();
    await workbench.answerQuickInput(ACCOUNT);
    await workbench.quickInputTitle().filter({ hasText: 'Confirm Instance: region' }).waitFor();
    await workbench.answerQuickInput('us-east-1');
    await workbench.notification(`Confirmed: ${FROM_PALETTE}`).waitFor({ timeout: 60_000 });
    await panel
      .locator('#recent-confirmations')
      .filter({ hasText: FROM_PALETTE })
      .waitFor({ timeout: 30_000 });
    const rows = await panel.locator('#recent-confirmations li').allInnerTexts();
    assert.equal(rows.length, 2);
    // Newest first, the product by its title, the time to the second, the request id whole on its line.
    assert.match(
      rows[0],
      new RegExp(
        `^\\s*confirmed ${FROM_PALETTE} · Ubuntu Pro 22\\.04 LTS\\s+\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC · default chain · request [0-9a-f-]{36}\\s*$`,
      ),
    );
    const requestId = panel.locator('#recent-confirmations li .id').nth(2);
    assert.deepEqual(
      await requestId.evaluate((el) => {
        const box = el.getBoundingClientRect();
        return [
          el.ownerDocument.defaultView!.getComputedStyle(el).whiteSpace,
          box.right <= el.ownerDocument.documentElement.clientWidth,
        ];
      }),
      ['nowrap', true],
      'the request id is whole and on screen',
    );
    await panel.locator('#recent-confirmations').scrollIntoViewIfNeeded();
    await workbench.screenshot('call-palette-confirmation');
    // Start case takes the account's newest confirmation from the audit log, made after the last Check.
    await panel.locator('#start-case').click();
    await panel
      .locator('#case-preview')
      .filter({ hasText: `ConfirmProductInstance: Confirmed: ${FROM_PALETTE}` })
      .waitFor({ timeout: 30_000 });
    const audit = readFileSync(join(dir, 'audit.jsonl'), 'utf8');
    assert.equal(
      audit
        .trim()
        .split('\n')
        .filter((l) => l.includes('"source":"marketplace-agreement"') === false).length,
      2,
    );
  });

  it('puts the actions with the verdict, and says once that an unlisted account is not listed, listing the products', async () => {
    const panel = workbench.panel();
    await panel.locator('#tab-check').click();
    await panel.locator('#check-instance').fill('');
    await panel.locator('#check-account').fill(UNLISTED);
    await panel
      .locator('#check-verdict')
      .filter({ hasText: `${UNLISTED}: Unlisted` })
      .waitFor({ timeout: 30_000 });
    const text = await panel.locator('#check-result').innerText();
    assert.equal(text.match(/is not listed/g)?.length, 1, text);
    const products = await panel.locator('#unlisted-products > ul > li').allInnerTexts();
    assert.ok(products.length > 1);
    for (const p of products) assert.match(p, /· newest report \d{4}-\d\d-\d\d/);
    // The buttons are on screen with the verdict, above the products.
    const before = (a: string, b: string) =>
      panel
        .locator('body')
        .evaluate(
          (body, [x, y]) =>
            (body.ownerDocument
              .querySelector(x)!
              .compareDocumentPosition(body.ownerDocument.querySelector(y)) &
              4) ===
            4,
          [a, b],
        );
    assert.ok(await before('#start-case', '#unlisted-products'));
    assert.ok(await panel.locator('#copy-evidence').isVisible());
    const box = await panel.locator('#copy-evidence').boundingBox();
    assert.ok(
      box && box.y + box.height < 1000,
      `Copy evidence is below the fold: ${JSON.stringify(box)}`,
    );
    await workbench.screenshot('call-unlisted');
  });

  it("asks for the product in the picker, the account's own first, and says so rather than 'Confirming with AWS'", async () => {
    const panel = workbench.panel();
    await panel.locator('#check-account').fill(TWO_PRODUCTS);
    await panel
      .locator('#check-verdict')
      .filter({ hasText: `${TWO_PRODUCTS}: Eligible` })
      .waitFor({ timeout: 30_000 });
    await panel.locator('#check-instance').fill(OF_TWO_PRODUCTS);
    await panel.locator('#confirm-aws').click();
    await workbench
      .quickInputTitle()
      .filter({ hasText: 'Confirm Instance: product' })
      .waitFor({ timeout: 30_000 });
    const waiting = await panel.locator('#confirm-result').innerText();
    assert.match(waiting, /Choose the product in the picker at the top of the window/);
    assert.doesNotMatch(waiting, /Confirming with AWS/);
    const rows = (
      await workbench.page.locator('.quick-input-list .monaco-list-row').allInnerTexts()
    ).join('\n');
    assert.match(rows, new RegExp(`Products of account ${TWO_PRODUCTS}`));
    for (const own of ['Ubuntu Pro 22.04 LTS', 'ElasticBox Enterprise'])
      assert.ok(
        rows.indexOf(own) < rows.indexOf('Ubuntu Pro 24.04 LTS'),
        `${own} is not among the first rows: ${rows}`,
      );
    await workbench.screenshot('call-product-picker');
    await workbench.answerQuickInput('ElasticBox Enterprise');
    await panel
      .locator('#confirmation-verdict')
      .filter({
        hasText: `Confirmed: ${OF_TWO_PRODUCTS} carries product code 3jx9v2m8qk4p7w1n5r6t0ycbz and is owned by ${TWO_PRODUCTS}`,
      })
      .waitFor({ timeout: 60_000 });
  });
});
