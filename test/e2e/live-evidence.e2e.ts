// Live agreements as an engineer sees them in the real workbench (issue 9): Check a customer ->
// Check live agreements against the local Agreement endpoint, as a temporary AWS profile; the answer
// names the agreement and the request id; the account's tree tooltip and Find Account then show the
// recorded search, and the eligibility case carries it.
import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAgreementEndpoint, type AgreementEndpoint } from '../support/agreement-endpoint';
import { awsSandbox, staticProfile, type AwsSandbox } from '../support/aws-env';
import { REPO_ROOT } from '../../tools/vscode/code-server';
import { SCREENSHOT_DIR, Workbench } from '../../tools/vscode/workbench';

const LISTED = '111122223333';
const UNLISTED = '999988887777';
/** Unlisted in the reports, and without agreements at the endpoint. */
const NOTHING_LIVE = '999900001111';

/** Types `typed` in Check a customer, waits for the reports' heading `reports`, then presses Check live agreements and waits for what it found (ACTIVE, NONE). */
async function checkLive(
  panel: ReturnType<Workbench['panel']>,
  typed: string,
  reports: string,
  live: string,
): Promise<void> {
  await panel.locator('#check-account').fill(typed);
  await panel.locator('#check-verdict').filter({ hasText: reports }).waitFor({ timeout: 30_000 });
  await panel.locator('#check-live').click();
  await panel
    .locator('#live-verdict')
    .filter({ hasText: `Live agreements: ${live}` })
    .waitFor({ timeout: 30_000 });
}

describe('Live agreements in the workbench', () => {
  let workbench: Workbench;
  let endpoint: AgreementEndpoint;
  let sandbox: AwsSandbox;
  let dir: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'support-desk-e2e-live-'));
    cpSync(join(REPO_ROOT, 'test', 'fixtures', 'reports', 'basic'), join(dir, 'reports'), {
      recursive: true,
    });
    endpoint = await startAgreementEndpoint({
      agreements: [
        {
          agreementId: 'agmt-listed00000001',
          acceptor: LISTED,
          productId: 'prod-5qwz3vsg4kbfw',
          offerId: 'offer-listed',
          startTime: '2025-02-14T00:00:00Z',
        },
        {
          agreementId: 'agmt-new00000000001',
          acceptor: UNLISTED,
          productId: 'prod-5qwz3vsg4kbfw',
          offerId: 'offer-new',
          startTime: '2026-11-22T08:30:00Z',
        },
      ],
      latencyMs: 20,
      maxLifetimeMs: 600_000,
    });
    sandbox = awsSandbox(
      {
        config: '[default]\nregion = us-east-1\n',
        credentials: staticProfile('default') + staticProfile('seller'),
      },
      { inProcess: false },
    );
    workbench = await Workbench.open({
      workspace: join(REPO_ROOT, 'test', 'fixtures', 'workspace'),
      env: { ...sandbox.env, AWS_ENDPOINT_URL_MARKETPLACE_AGREEMENT: endpoint.url },
      settings: {
        'supportDesk.reports.paths': [join(dir, 'reports')],
        'supportDesk.eligibility.asOf': '2026-11-23',
        'supportDesk.aws.profile': 'seller',
        'supportDesk.audit.path': join(dir, 'audit.jsonl'),
      },
    });
    await workbench.openContainer('Support Desk');
    await workbench.treeRows('Subscriptions', 'Ubuntu Pro 22.04 LTS').waitFor({ timeout: 30_000 });
  });

  after(async () => {
    await workbench?.close();
    await endpoint?.stop();
    sandbox?.restore();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("checks an unlisted account's live agreements from the panel: eligible, with the agreement and request id", async () => {
    await workbench.runCommand('Support Desk: Open Support Desk');
    const panel = workbench.panel();
    await checkLive(panel, '9999-8888-7777', `${UNLISTED}: Unlisted`, 'ACTIVE');
    // The heading says the combined verdict now, and what the reports alone said.
    assert.equal(
      (await panel.locator('#check-verdict').innerText()).trim(),
      `${UNLISTED}: Eligible with live agreements (reports alone: Unlisted)`,
    );
    const answer = await panel.locator('#live-result').innerText();
    // The product by its title, times to the second.
    assert.match(
      answer,
      /agmt-new00000000001\s+ACTIVE\s+Ubuntu Pro 22\.04 LTS\s+2026-11-22 08:30:00 UTC\s+pay-as-you-go/,
    );
    const call = endpoint.calls.at(-1)!;
    assert.equal(call.filters.AcceptorAccountId, UNLISTED);
    assert.equal(call.region, 'us-east-1');
    assert.match(answer, new RegExp(`as seller; request ids ${call.requestId}\\.`));
    assert.match(answer, /Recorded in the audit log\./);
    assert.match(
      await panel.locator('#recorded-live').innerText(),
      new RegExp(`request ids: ${call.requestId}`),
    );
    const audit = readFileSync(join(dir, 'audit.jsonl'), 'utf8');
    assert.match(
      audit,
      new RegExp(`"requestId":"${call.requestId}","source":"marketplace-agreement"`),
    );
    // The live agreement is the answer now: right under the heading and its buttons, above the reports'
    // per-product blocks; the good-faith advice for unlisted accounts is folded under "Reports alone".
    // Document order: 4 is Node.DOCUMENT_POSITION_FOLLOWING (b comes after a).
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
    assert.ok(await before('#check-verdict', '#live-result'));
    assert.ok(
      await before('#live-result', '.subscription'),
      'the live result comes before the per-product reports blocks',
    );
    assert.ok(
      await before('#check-live', '#live-result'),
      'the buttons sit with the verdict, above the live result',
    );
    const reportsAlone = panel.locator('details#reports-alone');
    assert.equal(await reportsAlone.getAttribute('open'), null);
    assert.match(
      (await reportsAlone.locator('summary').innerText()).trim(),
      /^Reports alone: Unlisted · the good-faith rule and \d+ products, superseded by the live agreement$/,
    );
    assert.equal(await panel.locator('.result > .good-faith').count(), 0);
    assert.equal(await reportsAlone.locator('.good-faith').count(), 1);
    assert.equal(await panel.locator('.good-faith').isVisible(), false);
    // The keyboard still had the button it pressed; the folded part opens with Enter on its summary.
    assert.equal(
      await panel.locator('#check-live').evaluate((b) => b === b.ownerDocument.activeElement),
      true,
    );
    await panel.locator('#check-verdict').scrollIntoViewIfNeeded();
    await workbench.screenshot('live-agreements-panel');
    await reportsAlone.locator('summary').focus();
    await reportsAlone.locator('summary').press('Enter');
    await panel.locator('#reports-alone .good-faith').waitFor({ state: 'visible' });
    await reportsAlone.locator('summary').scrollIntoViewIfNeeded();
    await workbench.screenshot('live-agreements-panel-reports-alone');
    await reportsAlone.locator('summary').press('Enter');
  });

  it('starts the eligibility case with the live agreement in it', async () => {
    const panel = workbench.panel();
    await panel.locator('#start-case').click();
    const preview = panel.locator('#case-preview');
    await preview
      .filter({ hasText: 'Live AWS Marketplace agreements' })
      .waitFor({ timeout: 15_000 });
    assert.match(
      await preview.innerText(),
      /agmt-new00000000001: ACTIVE, product prod-5qwz3vsg4kbfw, offer offer-new/,
    );
    // The case leads with the verdict the engineer saw, not the reports' alone.
    assert.match(await preview.innerText(), /Verdict with live agreements: ELIGIBLE\./);
    await preview.filter({ hasText: 'Live AWS Marketplace agreements' }).scrollIntoViewIfNeeded();
    await workbench.screenshot('live-agreements-case');
  });

  it('keeps the reports answer with the good-faith rule when live agreements find nothing, and says so', async () => {
    const panel = workbench.panel();
    await panel.locator('#tab-check').click();
    await checkLive(panel, NOTHING_LIVE, `${NOTHING_LIVE}: Unlisted`, 'NONE');
    // A search that found nothing active changes nothing: the heading stays the reports' verdict, said once.
    assert.equal(
      (await panel.locator('#check-verdict').innerText()).trim(),
      `${NOTHING_LIVE}: Unlisted`,
    );
    assert.match(
      await panel.locator('#live-result').innerText(),
      /AWS Marketplace has no purchase agreement of this account for any product\./,
    );
    assert.equal(await panel.locator('#reports-alone').count(), 0);
    assert.equal(await panel.locator('.result > .good-faith').isVisible(), true);
    await panel.locator('#live-result').scrollIntoViewIfNeeded();
    await workbench.screenshot('live-agreements-panel-none');
  });

  it('Find Account of the unlisted account says the recorded live agreement and offers the next steps', async () => {
    await workbench.runCommand('Support Desk: Find Account...');
    await workbench.answerQuickInput('9999 8888 7777');
    const toast = workbench.notification(
      `Account ${UNLISTED} is not in the loaded reports (unlisted)`,
    );
    await toast.waitFor({ timeout: 15_000 });
    const text = await toast.innerText();
    assert.match(
      text,
      /Live agreements: ACTIVE, agmt-new00000000001 \(ACTIVE\) from 2026-11-22 \(\d{4}-\d\d-\d\d \d\d:\d\d UTC, profile seller, request [0-9a-f-]{36}\)\./,
    );
    for (const action of ['Check Live Agreements', 'Open in Support Desk', 'Confirm Instance...']) {
      await toast.locator('.monaco-button', { hasText: action }).waitFor();
    }
    await workbench.screenshot('live-agreements-find-account');
    const before = endpoint.calls.length;
    await workbench.clickNotificationAction(
      `Account ${UNLISTED} is not in the loaded reports (unlisted)`,
      'Check Live Agreements',
    );
    await workbench
      .notification(`Account ${UNLISTED} with live agreements: eligible.`)
      .waitFor({ timeout: 30_000 });
    assert.equal(endpoint.calls.length, before + 1);
    await workbench.runCommand('Notifications: Clear All Notifications');
  });

  it("shows a listed account's recorded search in its tree tooltip", async () => {
    // The panel Find Account opened is still there.
    const panel = workbench.panel();
    await checkLive(panel, LISTED, `${LISTED}: Eligible`, 'ACTIVE');
    const requestId = endpoint.calls.at(-1)!.requestId;
    await workbench.treeRows('Subscriptions', 'Ubuntu Pro 22.04 LTS').click();
    const row = workbench.treeRows('Subscriptions', LISTED);
    await row.waitFor();
    // Away and back, so the hover is the row's own, shown after VS Code's hover delay.
    await workbench.page.mouse.move(800, 900);
    await row.hover();
    const hover = workbench.page.locator('.monaco-hover, .workbench-hover', {
      hasText: 'Recorded proof beyond the reports',
    });
    await hover.waitFor({ timeout: 15_000 });
    // Taken here, pointer still on the row: the helper's screenshot moves the pointer away, which closes the hover.
    await workbench.page.waitForTimeout(300);
    await workbench.page.screenshot({ path: join(SCREENSHOT_DIR, 'live-agreements-tooltip.png') });
    const text = await hover.innerText();
    assert.match(
      text,
      /Live agreements of account 111122223333, any product \(AWS Marketplace Agreement Service, us-east-1, http:\/\/127\.0\.0\.1:\d+\): ACTIVE/,
    );
    assert.match(
      text,
      /agmt-listed00000001: ACTIVE, product prod-5qwz3vsg4kbfw, offer offer-listed/,
    );
    assert.match(text, new RegExp(`as profile seller; request ids: ${requestId}`));
  });
});
