// Live agreements in the real extension host (issue 9): Check Live Agreements against the local
// Agreement endpoint with the engineer's profile, the search recorded in the audit log, shown in the
// account's tree tooltip and in the panel's check, and Find Account with the evidence it has.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { AuditEntry } from '../../src/core/audit/audit';
import type { HostMessage } from '../../src/shared/panel-protocol';
import type { LiveCheck } from '../../src/ui/aws/live-agreements';
import type { SupportDeskPanel } from '../../src/ui/panel/support-desk-panel';
import { startAgreementEndpoint, type AgreementEndpoint } from '../support/agreement-endpoint';
import { awsSandbox, staticProfile, type AwsSandbox } from '../support/aws-env';
import {
  copyFixtureReports,
  type DeskUnderTest,
  setSetting,
  supportDesk,
  useReports,
  waitFor,
} from './helpers';

const LISTED = '111122223333';
const UNLISTED = '999988887777';

describe('Live agreements in the extension', () => {
  let api: DeskUnderTest;
  let endpoint: AgreementEndpoint;
  let sandbox: AwsSandbox;
  let dir: string;
  let audit: string;

  before(async () => {
    api = await supportDesk();
    copyFixtureReports();
    await useReports(api, ['reports']);
    await vscode.commands.executeCommand('supportDesk.groupByProduct');
    endpoint = await startAgreementEndpoint({
      agreements: [
        {
          agreementId: 'agmt-listed00000001',
          acceptor: LISTED,
          productId: 'prod-5qwz3vsg4kbfw',
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
      scenarios: { '444455556666': { kind: 'access-denied' } },
      maxLifetimeMs: 240_000,
    });
    sandbox = awsSandbox({
      credentials: staticProfile('default') + staticProfile('seller'),
      config: '[default]\nregion = us-east-1\n',
    });
    // AWS's own variable, as an engineer behind a VPC endpoint would set it: the extension host reads it per call.
    process.env.AWS_ENDPOINT_URL_MARKETPLACE_AGREEMENT = endpoint.url;
    dir = mkdtempSync(join(tmpdir(), 'support-desk-live-'));
    audit = join(dir, 'audit.jsonl');
    await setSetting('audit.path', audit);
    await setSetting('aws.profile', 'seller');
  });

  after(async () => {
    delete process.env.AWS_ENDPOINT_URL_MARKETPLACE_AGREEMENT;
    for (const key of ['audit.path', 'aws.profile']) await setSetting(key, undefined);
    await endpoint?.stop();
    sandbox?.restore();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const lines = (): AuditEntry[] =>
    readFileSync(audit, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as AuditEntry);
  const check = (account: string) =>
    vscode.commands.executeCommand<LiveCheck | undefined>(
      'supportDesk.checkLiveAgreements',
      account,
    );

  it('makes an unlisted account with an active agreement eligible, with the profile and request id, and records it', async () => {
    const answer = await check(UNLISTED);
    assert.equal(answer?.verdict, 'eligible');
    assert.match(
      answer.reasons[0],
      /agreement agmt-new00000000001 \(product prod-5qwz3vsg4kbfw\) is ACTIVE since 2026-11-22 08:30:00 UTC: eligible although the reports do not list the account yet/,
    );
    assert.deepEqual(
      [answer.live.profile, answer.live.requestIds],
      ['seller', [endpoint.calls.at(-1)!.requestId]],
    );
    assert.equal(endpoint.calls.at(-1)!.filters.AcceptorAccountId, UNLISTED);
    const entry = lines().at(-1)!;
    assert.deepEqual(
      [
        entry.source,
        entry.claimedAccount,
        entry.liveVerdict,
        entry.profile,
        entry.requestId,
        entry.agreements?.[0].agreementId,
      ],
      [
        'marketplace-agreement',
        UNLISTED,
        'active',
        'seller',
        endpoint.calls.at(-1)!.requestId,
        'agmt-new00000000001',
      ],
    );
  });

  it("records a refused search too, and says so without hiding the reports' verdict", async () => {
    const answer = await check('4444-5555-6666');
    assert.equal(answer?.live.verdict, 'error');
    assert.equal(answer?.verdict, 'lapsed', "the reports' verdict stands");
    assert.deepEqual(
      [lines().at(-1)!.liveVerdict, lines().at(-1)!.errorKind],
      ['error', 'unauthorized'],
    );
  });

  it("shows the search in the account's tree tooltip, from the audit log, with no call of its own", async () => {
    await check(LISTED);
    const calls = endpoint.calls.length;
    const found = await api.context.subscriptions.find(LISTED);
    if (!found?.found) throw new Error(`${LISTED} is not in the tree`);
    const tooltip = await waitFor('the tooltip to carry the live search', () => {
      const text =
        (
          api.context.subscriptions.getTreeItem(found.node).tooltip as
            vscode.MarkdownString | undefined
        )?.value ?? '';
      return text.includes('agmt-listed00000001') && text;
    });
    assert.match(tooltip, /Recorded proof beyond the reports/);
    assert.match(tooltip, /Live agreements of account 111122223333, any product .*: ACTIVE/);
    assert.match(
      tooltip,
      new RegExp(`as profile seller; request ids: ${endpoint.calls.at(-1)!.requestId}`),
    );
    assert.equal(endpoint.calls.length, calls, 'a tooltip called AWS');
  });

  it("Find Account of an unlisted account answers with the evidence it has, and the panel's check lists it", async function () {
    this.timeout(120_000); // a fresh webview may start slowly on a loaded machine
    const result = await vscode.commands.executeCommand<{ found: boolean }>(
      'supportDesk.findAccount',
      '9999 8888 7777',
    );
    assert.equal(result?.found, false);
    // Find Account opened the panel; a fresh one, watched from its start, answers once its webview is ready.
    (
      await vscode.commands.executeCommand<SupportDeskPanel>('supportDesk.openSupportDesk')
    )?.dispose();
    const panel = await vscode.commands.executeCommand<SupportDeskPanel>(
      'supportDesk.openSupportDesk',
    );
    const posted: HostMessage[] = [];
    const listening = panel.transport.onDidPost((m) => posted.push(m));
    try {
      await waitFor("the panel's state", () => posted.some((m) => m.type === 'state'), 100_000);
      await panel.transport.receive({
        type: 'request',
        requestId: 7_000_001,
        request: { kind: 'check', input: { account: UNLISTED } },
      });
      const reply = await waitFor('the check', () =>
        posted.find(
          (m): m is Extract<HostMessage, { type: 'reply'; ok: true }> =>
            m.type === 'reply' && m.requestId === 7_000_001 && m.ok,
        ),
      );
      const result = reply.result as {
        recorded: { live?: string };
        recentConfirmations: unknown[];
      };
      assert.match(
        result.recorded.live ?? '',
        /agmt-new00000000001: ACTIVE, product prod-5qwz3vsg4kbfw, offer offer-new/,
      );
      assert.deepEqual(result.recentConfirmations, [], 'a search is not a confirmation');
    } finally {
      listening.dispose();
      panel.dispose();
    }
  });
});
