// The Support Desk panel in the real extension host: it opens, its real webview says `ready` and
// gets the state, it answers a check, saves a redacted case without overwriting, and drops what is
// not a well-formed message.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { HostMessage, PanelReplies } from '../../src/shared/panel-protocol';
import type { SupportDeskPanel } from '../../src/ui/panel/support-desk-panel';
import { awsSandbox, staticProfile } from '../support/aws-env';
import { startAgreementEndpoint } from '../support/agreement-endpoint';
import { startEc2Endpoint } from '../support/ec2-endpoint';
import {
  copyFixtureReports,
  FIXTURES,
  setSetting,
  supportDesk,
  useReports,
  waitFor,
  WORKSPACE,
} from './helpers';

const FAKE_KEY = 'AKIAIOSFODNN7EXAMPLE';

describe('Support Desk panel', () => {
  let panel: SupportDeskPanel;
  const posted: HostMessage[] = [];

  before(async () => {
    copyFixtureReports();
    const api = await supportDesk();
    await useReports(api, ['reports']);
    panel = (await vscode.commands.executeCommand<SupportDeskPanel>(
      'supportDesk.openSupportDesk',
    ))!;
    panel.transport.onDidPost((m) => posted.push(m));
  });

  after(() => {
    panel?.dispose();
    rmSync(join(WORKSPACE, 'cases'), { recursive: true, force: true });
  });

  /** Sends a request as the webview would and waits for its one reply (ids far above the webview's own). */
  async function ask(
    id: number,
    request: unknown,
  ): Promise<Extract<HostMessage, { type: 'reply' }>> {
    const requestId = 1_000_000 + id;
    await panel.transport.receive({ type: 'request', requestId, request });
    const replies = await waitFor(`the reply to request ${requestId}`, () => {
      const found = posted.filter(
        (m): m is Extract<HostMessage, { type: 'reply' }> =>
          m.type === 'reply' && m.requestId === requestId,
      );
      return found.length > 0 && found;
    });
    assert.equal(replies.length, 1, 'exactly one reply');
    return replies[0];
  }

  it('opens one "Support Desk" webview panel with scripts, and the same panel again when asked twice', async () => {
    assert.equal(panel.panel.title, 'Support Desk');
    assert.equal(panel.panel.viewType, 'supportDesk.panel');
    assert.equal(panel.panel.webview.options.enableScripts, true);
    assert.match(
      panel.panel.webview.html,
      /Content-Security-Policy" content="default-src 'none'; [^"]*script-src 'nonce-[A-Za-z0-9+/=]+'/,
    );
    assert.doesNotMatch(panel.panel.webview.html, /<script>|\son\w+=/);
    const again = await vscode.commands.executeCommand<SupportDeskPanel>(
      'supportDesk.openSupportDesk',
    );
    assert.strictEqual(again, panel);
  });

  it('gets the state once its webview says ready', async function () {
    // The webview is real: this state was posted only after its script sent `ready`. A loaded machine
    // may take a while to start the webview's frame: wait for it longer than for an answer.
    this.timeout(90_000);
    const state = await waitFor(
      'the state message',
      () => posted.find((m): m is Extract<HostMessage, { type: 'state' }> => m.type === 'state'),
      80_000,
    );
    assert.equal(state.state.reports.files, 5);
    assert.deepEqual(
      state.state.playbook.lines.map((l) => l.templates.length),
      [3, 3, 2],
    );
    assert.equal(state.state.trusted, true);
  });

  it('answers a check of an account typed with dashes', async () => {
    const reply = await ask(1, { kind: 'check', input: { account: '1111-2222-3333' } });
    assert.ok(reply.ok, JSON.stringify(reply));
    const result = reply.result as {
      account: string;
      verdict: string;
      subscriptions: { evidence: { label: string }[] }[];
    };
    assert.equal(result.account, '111122223333');
    assert.equal(result.verdict, 'eligible');
    assert.equal(
      result.subscriptions[0].evidence[0].label,
      'customer_subscriber_report_2026-11-22.csv:2',
    );
  });

  it('answers a check it cannot do with words, not a stack trace', async () => {
    const reply = await ask(2, { kind: 'check', input: { account: 'twelve' } });
    assert.equal(reply.ok, false);
    assert.match(!reply.ok ? reply.error : '', /account number "twelve" must be 12 digits/);
  });

  it('ignores a malformed message and keeps answering', async () => {
    const before = posted.length;
    await panel.transport.receive({
      type: 'request',
      requestId: 1_000_003,
      request: { kind: 'runShell', command: 'rm -rf /' },
    });
    await panel.transport.receive({ type: 'nonsense' });
    await panel.transport.receive({
      type: 'request',
      requestId: 1_000_004,
      request: { kind: 'copy', text: 'x'.repeat(2_000_000), what: 'a flood' },
    });
    await new Promise((r) => setTimeout(r, 200));
    assert.deepEqual(
      posted.slice(before).filter((m) => m.type === 'reply' && m.requestId >= 1_000_000),
      [],
      'no reply to a bad message',
    );
    assert.ok((await ask(5, { kind: 'searchScope', text: 'IAM policies' })).ok);
  });

  it('saves a case to cases/ with the key redacted, and never overwrites an earlier one', async () => {
    const values = {
      method: 'POST',
      url: 'https://cam.ctl.io/services/boxes',
      status: '403',
      requestBody: `{"accessKeyId": "${FAKE_KEY}", "box": "web"}`,
    };
    for (const id of [6, 7]) {
      const reply = await ask(id, {
        kind: 'caseAction',
        action: 'save',
        templateId: 'api-call',
        values,
        account: '111122223333',
      });
      assert.ok(reply.ok, JSON.stringify(reply));
    }
    const files = readdirSync(join(WORKSPACE, 'cases')).sort();
    assert.equal(files.length, 2);
    assert.match(files[0], /^\d{4}-\d{2}-\d{2}-111122223333-api-call(-2)?\.md$/);
    for (const f of files) {
      const text = readFileSync(join(WORKSPACE, 'cases', f), 'utf8');
      assert.ok(!text.includes(FAKE_KEY), `${f} holds the key`);
      assert.match(text, /"accessKeyId": "\[REDACTED:aws-access-key-id\]"/);
    }
    // A short number is padded in the name, as the case text says it.
    const padded = await ask(20, {
      kind: 'caseAction',
      action: 'save',
      templateId: 'api-call',
      values,
      account: '1111-2222-333',
    });
    assert.ok(padded.ok, JSON.stringify(padded));
    assert.ok(
      readdirSync(join(WORKSPACE, 'cases')).some((f) =>
        /^\d{4}-\d{2}-\d{2}-011112222333-api-call\.md$/.test(f),
      ),
      readdirSync(join(WORKSPACE, 'cases')).join(', '),
    );
  });

  it('redacts every string it posts to the webview, the echoed form values included', async () => {
    const reply = await ask(10, {
      kind: 'renderCase',
      templateId: 'image-bug',
      values: { description: `key ${FAKE_KEY} leaked`, ami: 'ami-0abcdef1234567890' },
    });
    assert.ok(reply.ok);
    assert.ok(!JSON.stringify(reply).includes(FAKE_KEY), 'the reply holds the key');
    assert.match(
      (reply.result as { safeValues: Record<string, string> }).safeValues.description,
      /^key \[REDACTED:aws-access-key-id\] leaked$/,
    );
  });

  it("verifies a pasted identity document offline with AWS's certificate, and says what is not a signature", async () => {
    const pem = readFileSync(join(FIXTURES, 'identity', 'aws-pkcs7-us-east-1-2016.pem'), 'utf8');
    const reply = await ask(11, {
      kind: 'verifyIdentity',
      method: 'pkcs7',
      signature: pem,
      account: '121659014334',
    });
    assert.ok(reply.ok, JSON.stringify(reply));
    const result = reply.result as PanelReplies['verifyIdentity'];
    assert.equal(result.verified, true);
    assert.deepEqual(
      [result.authenticity.verdict, result.confirmation.verdict],
      ['Authentic', 'No product checked'],
    );
    assert.match(
      result.confirmation.text,
      /^the document names instance i-f79fe56c of account 121659014334 in us-east-1;/,
    );
    assert.match(result.started ?? '', /^The instance started 2016-04-08 03:01:38 UTC/);
    const other = await ask(12, {
      kind: 'verifyIdentity',
      method: 'pkcs7',
      signature: pem,
      account: '111122223333',
    });
    const otherResult = other.ok ? (other.result as PanelReplies['verifyIdentity']) : undefined;
    // AWS signed it (authentic); it is not this account's (not a confirmation).
    assert.deepEqual(
      [otherResult?.authenticity.verdict, otherResult?.confirmation.verdict],
      ['Authentic', 'Not a confirmation'],
    );
    const garbage = await ask(13, { kind: 'verifyIdentity', method: 'pkcs7', signature: 'hello' });
    assert.equal(garbage.ok, false);
  });

  it('checks live agreements: an account the reports do not list is eligible by its ACTIVE agreement', async () => {
    const endpoint = await startAgreementEndpoint({
      agreements: [
        {
          agreementId: 'agmt-suite-0001',
          acceptor: '999988887777',
          productId: 'prod-5qwz3vsg4kbfw',
          status: 'ACTIVE',
          startTime: '2026-01-01T00:00:00Z',
        },
      ],
      maxLifetimeMs: 60_000,
    });
    const sandbox = awsSandbox({
      credentials: staticProfile('default'),
      config: '[default]\nregion = eu-west-1\n',
    });
    process.env.AWS_ENDPOINT_URL_MARKETPLACE_AGREEMENT = endpoint.url;
    try {
      const reply = await ask(14, { kind: 'checkLive', input: { account: '9999-8888-7777' } });
      assert.ok(reply.ok, JSON.stringify(reply));
      const result = reply.result as {
        verdict: string;
        reasons: string[];
        live: { verdict: string; requestIds: string[] };
      };
      assert.equal(result.verdict, 'eligible');
      assert.equal(result.live.verdict, 'active');
      assert.match(
        result.reasons[0],
        /agmt-suite-0001 .* is ACTIVE since 2026-01-01 00:00:00 UTC: eligible although the reports do not list the account yet/,
      );
      assert.equal(endpoint.calls.length, 1);
      assert.equal(result.live.requestIds.length, 1);
    } finally {
      delete process.env.AWS_ENDPOINT_URL_MARKETPLACE_AGREEMENT;
      sandbox.restore();
      await endpoint.stop();
    }
  });

  it('confirms an instance with AWS in one reply, and says in it when the audit log cannot take the answer', async () => {
    const instance = 'i-0a1b2c3d4e5f60718';
    const endpoint = await startEc2Endpoint({
      instances: { [instance]: { kind: 'attached', ownerId: '111122223333' } },
      maxLifetimeMs: 60_000,
    });
    const sandbox = awsSandbox({
      credentials: staticProfile('default'),
      config: '[default]\nregion = eu-west-1\n',
    });
    // A folder where the audit log should be: the answer is given all the same, with what went wrong.
    const folder = mkdtempSync(join(tmpdir(), 'support-desk-panel-audit-'));
    await setSetting('aws.endpointUrl', endpoint.url);
    await setSetting('audit.path', folder);
    try {
      const reply = await ask(15, {
        kind: 'confirm',
        input: { account: '1111-2222-3333', instanceId: instance, productId: 'prod-5qwz3vsg4kbfw' },
      });
      assert.ok(reply.ok, JSON.stringify(reply));
      const result = reply.result as PanelReplies['confirm'];
      assert.match(
        result.confirmation?.message ?? '',
        new RegExp(
          `^Confirmed: ${instance} .* But the audit write failed: .*it is a folder, not a file`,
        ),
      );
      assert.match(
        result.check.recorded.confirmation ?? '',
        new RegExp(`^ConfirmProductInstance: Confirmed: ${instance}`),
      );
      assert.deepEqual(
        endpoint.calls
          .filter((c) => c.action === 'ConfirmProductInstance')
          .map((c) => [c.instanceId, c.productCode]),
        [[instance, '8a2kq9xw3vbn7m4c1zt6ry5pd']],
      );
    } finally {
      for (const key of ['aws.endpointUrl', 'audit.path']) await setSetting(key, undefined);
      sandbox.restore();
      await endpoint.stop();
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('opens a loaded report at the evidence line, and refuses any other file', async () => {
    const report = join(WORKSPACE, 'reports', 'customer_subscriber_report_2026-11-22.csv');
    assert.ok((await ask(8, { kind: 'openEvidence', file: report, line: 6 })).ok);
    const editor = await waitFor('the report editor', () =>
      vscode.window.visibleTextEditors.find((e) => e.document.uri.fsPath === report),
    );
    assert.equal(editor.selection.active.line, 5);
    const refused = await ask(9, { kind: 'openEvidence', file: '/etc/passwd', line: 1 });
    assert.equal(refused.ok, false);
    assert.ok(
      !vscode.window.visibleTextEditors.some((e) => e.document.uri.fsPath === '/etc/passwd'),
    );
  });
});
