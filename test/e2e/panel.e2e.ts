// The Support Desk panel in the real workbench, as an engineer uses it on a call: open it from a
// tree row, check an account typed with dashes, confirm with AWS (the local EC2 endpoint), fill a
// Windows box error and an API call with a key in its body, save the case, walk each section by
// keyboard. Reports carry HTML and script in their product titles: nothing of it may run.
import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { awsSandbox, FAKE_KEY_ID, staticProfile, type AwsSandbox } from '../support/aws-env';
import { startEc2Endpoint, type Ec2Endpoint } from '../support/ec2-endpoint';
import { REPO_ROOT } from '../../tools/vscode/code-server';
import { Workbench } from '../../tools/vscode/workbench';

const INSTANCE = 'i-0a1b2c3d4e5f60718';
const HOSTILE_ACCOUNT = '975318642097';
const SCRIPT_TITLE = '<script>window.__pwned="script";alert("script")</script>';
const IMG_TITLE = "<img src=x onerror=\"window.__pwned='onerror';alert('onerror')\">";

describe('Support Desk panel in the workbench', () => {
  let workbench: Workbench;
  let endpoint: Ec2Endpoint;
  let sandbox: AwsSandbox;
  let dir: string;
  const dialogs: string[] = [];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'support-desk-e2e-panel-'));
    const reports = join(dir, 'reports');
    cpSync(join(REPO_ROOT, 'test', 'fixtures', 'reports', 'basic'), reports, { recursive: true });
    writeFileSync(
      join(reports, 'customer_subscriber_report_2026-11-23.csv'),
      [
        'Customer AWS Account Number,Product Title,Product Id,Product Code,Last Usage Date,Report Date',
        `${HOSTILE_ACCOUNT},"${SCRIPT_TITLE.replace(/"/g, '""')}",prod-hostile01,hostile0code1,2026-11-20,2026-11-23`,
        `${HOSTILE_ACCOUNT},"${IMG_TITLE.replace(/"/g, '""')}",prod-hostile02,hostile0code2,2026-11-20,2026-11-23`,
      ].join('\n'),
    );
    sandbox = awsSandbox(
      { config: '[default]\nregion = us-east-1\n', credentials: staticProfile('default') },
      { inProcess: false },
    );
    endpoint = await startEc2Endpoint({
      instances: { [INSTANCE]: { kind: 'attached', ownerId: '111122223333' } },
      maxLifetimeMs: 300_000,
    });
    workbench = await Workbench.open({
      workspace: join(REPO_ROOT, 'test', 'fixtures', 'workspace'),
      // AWS's own order: AWS_REGION wins over the default profile's us-east-1.
      env: { ...sandbox.env, AWS_REGION: 'eu-west-1' },
      settings: {
        'supportDesk.reports.paths': [reports],
        'supportDesk.eligibility.asOf': '2026-11-23',
        'supportDesk.aws.endpointUrl': endpoint.url,
        'supportDesk.audit.path': join(dir, 'audit.jsonl'),
      },
    });
    workbench.page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await workbench.page.context().grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: new URL(workbench.page.url()).origin,
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

  it('opens from an account row of the tree and checks that account', async () => {
    const product = workbench.treeRows('Subscriptions', 'Ubuntu Pro 22.04 LTS');
    await product.click();
    await workbench.page.keyboard.press('ArrowRight');
    const row = workbench.treeRows('Subscriptions', '111122223333');
    await row.hover();
    await row.locator('.action-label[aria-label="Open in Support Desk"]').click();
    const panel = workbench.panel();
    await panel
      .locator('#check-verdict')
      .filter({ hasText: '111122223333: Eligible' })
      .waitFor({ timeout: 30_000 });
    assert.match(
      await panel.locator('.subscription').first().innerText(),
      /customer_subscriber_report_2026-11-22\.csv:2/,
    );
  });

  it('checks an account typed with dashes and shows the verdict, evidence and freshness', async () => {
    const panel = workbench.panel();
    await panel.locator('#check-account').fill('4444-5555-6666');
    await panel
      .locator('#check-verdict')
      .filter({ hasText: '444455556666: Lapsed' })
      .waitFor({ timeout: 15_000 });
    const text = await panel.locator('#check-result').innerText();
    assert.match(text, /last usage 2026-09-01/);
    assert.match(text, /Reports: latest report 2026-11-23, 0 days old/);
    await workbench.screenshot('panel-check');
  });

  it('confirms the instance with AWS (local EC2 endpoint) and shows the verdict in place', async () => {
    const panel = workbench.panel();
    await panel.locator('#check-account').fill('1111 2222 3333');
    await panel.locator('#check-instance').fill(INSTANCE);
    await panel.locator('#check-product').selectOption('prod-5qwz3vsg4kbfw');
    await panel
      .locator('#check-verdict')
      .filter({ hasText: '111122223333: Eligible' })
      .waitFor({ timeout: 15_000 });
    await panel.locator('#confirm-aws').click();
    const verdict = panel.locator('#confirmation-verdict');
    await verdict.waitFor({ timeout: 30_000 });
    assert.match(
      await verdict.innerText(),
      new RegExp(
        `Confirmed: ${INSTANCE} carries product code 8a2kq9xw3vbn7m4c1zt6ry5pd and is owned by 111122223333, the claimed account`,
      ),
    );
    // Answered once, in place: no notification says it again (the panel once ran the palette's command, which announces).
    await new Promise((settle) => setTimeout(settle, 1_500));
    assert.equal(
      await workbench.notification(new RegExp(`Confirmed: ${INSTANCE}`)).count(),
      0,
      'a notification repeats the answer',
    );
    assert.match(await panel.locator('#recent-confirmations').innerText(), new RegExp(INSTANCE));
    // The id stays on one line (it broke after "i-").
    const instance = panel
      .locator('#recent-confirmations .id', { hasText: new RegExp(`^${INSTANCE}$`) })
      .first();
    // The list is drawn again when the audit log changes: an element read as it is replaced is detached and has no
    // style, so read again until the one on screen answers (a wrong style still fails).
    const whiteSpace = () =>
      instance.evaluate((el) =>
        el.isConnected ? el.ownerDocument.defaultView!.getComputedStyle(el).whiteSpace : 'detached',
      );
    let style = await whiteSpace();
    for (let tries = 0; style === 'detached' && tries < 50; tries++) style = await whiteSpace();
    assert.equal(style, 'nowrap');
    assert.deepEqual(
      endpoint.calls
        .filter((c) => c.action === 'ConfirmProductInstance' && c.instanceId === INSTANCE)
        .map((c) => c.region),
      ['eu-west-1'],
    );
    await workbench.statusBarItem('default · eu-west-1 (AWS_REGION)').waitFor();
    const audit = readFileSync(join(dir, 'audit.jsonl'), 'utf8');
    assert.match(audit, new RegExp(`"instanceId":"${INSTANCE}".*"verdict":"confirmed"`));
    await workbench.screenshot('panel-confirmed');
  });

  it('starts an eligibility case from the check, with the evidence filled in', async () => {
    const panel = workbench.panel();
    await panel.locator('#start-case').click();
    const preview = panel.locator('#case-preview');
    await preview
      .filter({ hasText: 'Account 111122223333: ELIGIBLE' })
      .waitFor({ timeout: 15_000 });
    assert.match(
      await preview.innerText(),
      new RegExp(`ConfirmProductInstance: Confirmed: ${INSTANCE}`),
    );
  });

  it('renders a Windows box error with the Windows agent log path', async () => {
    const panel = workbench.panel();
    // The account's line is Ubuntu Pro's; the box error form is the ElasticBox line's.
    await panel.locator('#support-line').selectOption('elasticbox');
    await panel.locator('#case-template').selectOption('box-error');
    await panel.locator('#field-os').selectOption('windows');
    await panel.locator('#field-boxName').fill('web-frontend');
    await panel.locator('#field-workspace').fill('acme-ops');
    await panel.locator('#field-log').fill('ERROR [deploy] script exited with 1');
    const preview = panel.locator('#case-preview');
    await preview.filter({ hasText: 'Windows, via RDP' }).waitFor({ timeout: 15_000 });
    assert.match(
      await preview.innerText(),
      /From `C:\\ProgramData\\ElasticBox\\Logs\\elasticbox-agent\.log` \(Windows, via RDP\)\./,
    );
    assert.match(
      await panel.locator('#location-log').innerText(),
      /From C:\\ProgramData\\ElasticBox\\Logs\\elasticbox-agent\.log/,
    );
    await workbench.screenshot('panel-case-box-error');
  });

  it('redacts a pasted access key in the preview and in the saved case', async () => {
    const panel = workbench.panel();
    await panel.locator('#case-template').selectOption('api-call');
    await panel.locator('#field-method').selectOption('POST');
    await panel.locator('#field-url').fill('https://cam.ctl.io/services/boxes');
    // A status that is not one marks its own field invalid; fixed, the mark goes.
    await panel.locator('#field-status').fill('5000');
    await panel.locator('#field-status[aria-invalid="true"]').waitFor({ timeout: 15_000 });
    await panel.locator('#field-status').fill('403');
    await panel.locator('#field-status:not([aria-invalid])').waitFor({ timeout: 15_000 });
    await panel.locator('#field-account').fill('111122223333');
    await panel.locator('#field-requestBody').fill(`{"box":"web","accessKeyId":"${FAKE_KEY_ID}"}`);
    const preview = panel.locator('#case-preview');
    await preview.filter({ hasText: '[REDACTED:aws-access-key-id]' }).waitFor({ timeout: 15_000 });
    assert.ok(!(await preview.innerText()).includes(FAKE_KEY_ID));
    assert.match(await panel.locator('#case-redactions').innerText(), /1 aws-access-key-id/);
    await panel.locator('#case-save').click();
    await panel
      .locator('#case-status')
      .filter({ hasText: 'Saved to cases/' })
      .waitFor({ timeout: 15_000 });
    const saved = readdirSync(join(workbench.workspace, 'cases'));
    assert.equal(saved.length, 1);
    assert.match(saved[0], /-111122223333-api-call\.md$/);
    const text = readFileSync(join(workbench.workspace, 'cases', saved[0]), 'utf8');
    assert.ok(!text.includes(FAKE_KEY_ID), 'the saved case holds the key');
    assert.match(text, /"accessKeyId": "\[REDACTED:aws-access-key-id\]"/);
    await workbench.screenshot('panel-case-api-call');
  });

  it('shows report titles holding HTML and script as text, and runs none of it in any frame', async () => {
    const panel = workbench.panel();
    await panel.locator('#tab-check').click();
    await panel.locator('#check-product').selectOption('');
    await panel.locator('#check-account').fill(HOSTILE_ACCOUNT);
    await panel
      .locator('#check-verdict')
      .filter({ hasText: `${HOSTILE_ACCOUNT}: Eligible` })
      .waitFor({ timeout: 15_000 });
    const text = await panel.locator('#check-result').innerText();
    assert.ok(text.includes(SCRIPT_TITLE), 'the script title is shown literally');
    assert.ok(text.includes(IMG_TITLE), 'the img title is shown literally');
    assert.equal(await panel.locator('#check-result img, #check-result script').count(), 0);
    await panel.locator('#start-case').click();
    await panel
      .locator('#case-preview')
      .filter({ hasText: HOSTILE_ACCOUNT })
      .waitFor({ timeout: 15_000 });
    await workbench.page.waitForTimeout(500);
    for (const frame of workbench.page.frames()) {
      assert.equal(
        await frame
          .evaluate(() => (globalThis as { __pwned?: string }).__pwned ?? null)
          .catch(() => null),
        null,
        `script ran in ${frame.url()}`,
      );
    }
    assert.deepEqual(dialogs, []);
    await panel.locator('#tab-check').click();
    await workbench.screenshot('panel-hostile-titles');
  });

  it('verifies a pasted identity document offline: authentic AND not a confirmation of the product, said apart; the paste survives another account', async () => {
    const panel = workbench.panel();
    await panel.locator('#tab-check').click();
    await panel.locator('#check-product').selectOption('prod-5qwz3vsg4kbfw');
    await panel.locator('#check-account').fill('1216 5901 4334');
    await panel.locator('details.identity summary').click();
    // /rsa2048 is left out, and the form says why where the signature is chosen.
    assert.deepEqual(
      await panel
        .locator('#identity-method option')
        .evaluateAll((options) => options.map((o) => o.getAttribute('value'))),
      ['pkcs7', 'signature'],
    );
    assert.match(
      await panel.locator('#identity-hint').innerText(),
      /\/rsa2048 is not offered: no AWS certificate for it is bundled yet/,
    );
    const pem = readFileSync(
      join(REPO_ROOT, 'test', 'fixtures', 'identity', 'aws-pkcs7-us-east-1-2016.pem'),
      'utf8',
    );
    await panel.locator('#identity-signature').fill(pem);
    await panel.locator('#identity-verify').click();
    // AWS's genuine 2016 document carries no product code: authentic (not forged), and not a confirmation.
    const verdict = panel.locator('#identity-verdict');
    await verdict.filter({ hasText: 'Authentic:' }).waitFor({ timeout: 15_000 });
    assert.match(
      (await verdict.innerText()).trim(),
      /^Authentic: AWS signed this document \(checked with AWS's \/pkcs7 certificate for most Regions .*\); the customer did not forge it\.$/,
    );
    assert.equal(
      (await panel.locator('#identity-confirmation').innerText()).trim(),
      'Not a confirmation: the instance does not run product 8a2kq9xw3vbn7m4c1zt6ry5pd: the document carries no product code.',
    );
    assert.match(
      await panel.locator('#identity-started').innerText(),
      /The instance started 2016-04-08 03:01:38 UTC, [\d,]+ days ago\./,
    );
    assert.match(
      await panel.locator('#identity-result').innerText(),
      /Warning: the instance started 2016-04-08 03:01:38 UTC, .*\(the playbook warns past 365\)/,
    );
    const checklist = await panel.locator('#identity-result ul').innerText();
    assert.doesNotMatch(
      checklist,
      /\d+\.\d+\.\d+\.\d+|AWS's AWS|\(pkcs7\)/,
      'no OIDs, no certificate code names',
    );
    assert.match(checklist, /✓ the document is unchanged since it was signed/);
    const audit = readFileSync(join(dir, 'audit.jsonl'), 'utf8');
    assert.match(audit, /"source":"identity-document".*"verified":true,"productAttached":false/);
    await panel
      .locator('#recent-confirmations', { hasText: 'i-f79fe56c' })
      .waitFor({ timeout: 15_000 });
    await panel.locator('#identity-result').scrollIntoViewIfNeeded();
    await workbench.screenshot('panel-identity');

    // Another account, from the tree: the panel redraws, the pasted signature stays (the answer was for the other account).
    const row = workbench.treeRows('Subscriptions', '111122223333');
    await row.hover();
    await row.locator('.action-label[aria-label="Open in Support Desk"]').click();
    await panel
      .locator('#check-verdict')
      .filter({ hasText: '111122223333:' })
      .waitFor({ timeout: 15_000 });
    assert.equal(await panel.locator('#identity-signature').inputValue(), pem);
    assert.equal(await panel.locator('#identity-result').innerText(), '');
    await workbench.screenshot('panel-identity-kept');
    await panel.locator('details.identity summary').click();
  });

  it('reaches every control of each section with Tab, and moves between sections with the arrow keys', async () => {
    const panel = workbench.panel();
    await panel.locator('#tab-check').click();
    for (const section of ['check', 'scope', 'escalation', 'cases', 'channels']) {
      await panel.locator(`#tab-${section}`).waitFor();
      assert.equal(
        await panel.locator(`#tab-${section}`).getAttribute('aria-selected'),
        'true',
        section,
      );
      const controls = await panel.locator(`#section-${section}`).evaluate((el) =>
        [
          ...el.querySelectorAll(
            'a[href], button:not([disabled]), input, select, textarea, summary, [tabindex="0"]',
          ),
        ]
          // Controls inside a closed <details> are not on screen and not in the Tab order, by design.
          .filter((c) => (c as unknown as { checkVisibility(): boolean }).checkVisibility())
          .map((c) => c.id || c.textContent?.trim() || c.tagName),
      );
      const reached = new Set<string>();
      for (let i = 0; i < controls.length + 2; i++) {
        await workbench.page.keyboard.press('Tab');
        // Read in the frame itself: once focus leaves the frame there is no :focus element to wait for.
        const focused = await panel.locator('body').evaluate((body) => {
          const el = body.ownerDocument.activeElement;
          return el && el !== body ? el.id || el.textContent?.trim() || el.tagName : '';
        });
        reached.add(focused);
      }
      assert.deepEqual(
        controls.filter((c) => !reached.has(c)),
        [],
        `${section}: not reached by Tab`,
      );
      await workbench.screenshot(`panel-section-${section}`);
      await panel.locator(`#tab-${section}`).focus();
      await workbench.page.keyboard.press('ArrowRight');
    }
    assert.equal(
      await panel.locator('#tab-check').getAttribute('aria-selected'),
      'true',
      'ArrowRight wraps to the first tab',
    );
  });

  it('answers "is this in scope?" and lists the escalation numbers as tel: links', async () => {
    const panel = workbench.panel();
    await panel.locator('#support-line').selectOption('centurylink-resold-accounts');
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
    await panel.locator('#support-line').selectOption('ubuntu-pro');
    await panel.locator('#tab-channels').click();
    await panel.locator('#purchase-path').selectOption('marketplace-image');
    assert.match(
      await panel.locator('#purchase-channels').innerText(),
      /Phone support: no[\s\S]*Channels that apply[\s\S]*Amazon front line support[\s\S]*Channels that do not apply[\s\S]*Canonical phone support/,
    );
    await workbench.screenshot('panel-channels');
  });

  it('comes back after a reload of the window on the section it showed, with what was typed', async () => {
    const panel = workbench.panel();
    await panel.locator('#tab-scope').click();
    await panel.locator('#tab-cases').click();
    await panel.locator('#case-template').selectOption('image-bug');
    await panel.locator('#field-ami').fill('ami-0abcdef1234567890');
    await panel
      .locator('#case-preview')
      .filter({ hasText: 'ami-0abcdef1234567890' })
      .waitFor({ timeout: 15_000 });
    // As an engineer does it: the workbench shuts down in order (state saved), then loads again.
    await workbench.runCommand('Developer: Reload Window');
    await workbench.page.waitForEvent('load', { timeout: 30_000 });
    await workbench.page.locator('.monaco-workbench').waitFor({ timeout: 30_000 });
    const restored = workbench.panel();
    await restored.locator('#tab-cases[aria-selected="true"]').waitFor({ timeout: 30_000 });
    assert.equal(await restored.locator('#case-template').inputValue(), 'image-bug');
    assert.equal(await restored.locator('#field-ami').inputValue(), 'ami-0abcdef1234567890');
    await restored
      .locator('#case-preview')
      .filter({ hasText: '| AMI | ami-0abcdef1234567890 |' })
      .waitFor({ timeout: 15_000 });
  });
});
