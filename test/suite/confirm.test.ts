// Confirm Instance against the local EC2 endpoint with the real AWS SDK: the verdict, the audit
// line, the Confirmations view, and the credentials retry on the status bar.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ConfirmationResult } from '../../src/core/confirmations/confirmation';
import type { ConfirmationTreeNode } from '../../src/ui/confirmations/confirmations-tree-model';
import {
  awsSandbox,
  FAKE_KEY_ID,
  FAKE_SECRET,
  staticProfile,
  type AwsSandbox,
} from '../support/aws-env';
import {
  DEMO_OTHER_OWNER,
  DEMO_OWNER,
  DEMO_PRODUCT_CODE,
  startEc2Endpoint,
  type Ec2Endpoint,
} from '../support/ec2-endpoint';
import { type DeskUnderTest, setSetting, supportDesk, waitFor } from './helpers';

describe('Confirm Instance', () => {
  let api: DeskUnderTest;
  let endpoint: Ec2Endpoint;
  let sandbox: AwsSandbox;
  let dir: string;
  let auditPath: string;

  before(async () => {
    api = await supportDesk();
    sandbox = awsSandbox({
      credentials: staticProfile('default') + staticProfile('seller'),
      config: '[default]\nregion = us-east-1\n',
    });
    endpoint = await startEc2Endpoint({
      instances: {
        'i-0123456789abcdef0': { kind: 'attached', ownerId: DEMO_OWNER },
        'i-0fedcba9876543210': { kind: 'attached', ownerId: DEMO_OTHER_OWNER },
      },
      maxLifetimeMs: 120_000,
    });
    dir = mkdtempSync(join(tmpdir(), 'support-desk-confirm-'));
    await setSetting('aws.endpointUrl', endpoint.url);
  });

  // Each test starts from nothing of the others: its own audit log, the seller profile, no calls seen.
  let run = 0;
  beforeEach(async () => {
    auditPath = join(dir, `audit-${++run}.jsonl`);
    await setSetting('audit.path', auditPath);
    await setSetting('aws.profile', 'seller');
    sandbox.write({ credentials: staticProfile('default') + staticProfile('seller') });
    await vscode.commands.executeCommand('supportDesk.checkCredentials');
    endpoint.calls.length = 0;
  });

  after(async () => {
    for (const key of ['aws.endpointUrl', 'audit.path', 'aws.profile'])
      await setSetting(key, undefined);
    await endpoint.stop();
    sandbox.restore();
    rmSync(dir, { recursive: true, force: true });
  });

  const confirm = (prefill: object) =>
    vscode.commands.executeCommand<ConfirmationResult>('supportDesk.confirmInstance', prefill);

  it('confirms an instance owned by the claimed account and writes the audit line', async () => {
    const result = await confirm({
      instanceId: 'i-0123456789abcdef0',
      productCode: DEMO_PRODUCT_CODE,
      claimedAccount: '1111-2222-3333',
      region: 'us-east-1',
    });
    assert.equal(result?.verdict, 'confirmed');
    assert.equal(result?.ownerId, DEMO_OWNER);
    assert.equal(result?.profile, 'seller');
    assert.deepEqual(
      endpoint.calls.map((c) => [c.action, c.instanceId, c.productCode, c.region]),
      [['ConfirmProductInstance', 'i-0123456789abcdef0', DEMO_PRODUCT_CODE, 'us-east-1']],
    );
    const lines = readFileSync(auditPath, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.equal(lines.length, 1);
    assert.deepEqual(
      [
        lines[0].instanceId,
        lines[0].verdict,
        lines[0].ownerId,
        lines[0].claimedAccount,
        lines[0].profile,
        lines[0].region,
        lines[0].requestId,
      ],
      [
        'i-0123456789abcdef0',
        'confirmed',
        DEMO_OWNER,
        DEMO_OWNER,
        'seller',
        'us-east-1',
        endpoint.calls[0].requestId,
      ],
    );
    const text = readFileSync(auditPath, 'utf8');
    assert.ok(
      !text.includes(FAKE_SECRET) && !text.includes(FAKE_KEY_ID),
      'the audit log holds a key',
    );
  });

  it('shows the confirmation in the Confirmations view at once', async () => {
    await confirm({
      instanceId: 'i-0123456789abcdef0',
      productCode: DEMO_PRODUCT_CODE,
      claimedAccount: DEMO_OWNER,
      region: 'us-east-1',
    });
    const nodes = await api.context.confirmations.getChildren();
    const item = api.context.confirmations.getTreeItem(nodes[0]);
    assert.equal(item.label, 'i-0123456789abcdef0');
    assert.match(
      String(item.description),
      new RegExp(`^confirmed · owner ${DEMO_OWNER} · us-east-1 · `),
    );
    assert.equal((item.iconPath as vscode.ThemeIcon).id, 'verified-filled');
  });

  it('reports an owner mismatch, newest first in Confirmations', async () => {
    await confirm({
      instanceId: 'i-0123456789abcdef0',
      productCode: DEMO_PRODUCT_CODE,
      claimedAccount: DEMO_OWNER,
      region: 'us-east-1',
    });
    const result = await confirm({
      instanceId: 'i-0fedcba9876543210',
      productCode: DEMO_PRODUCT_CODE,
      claimedAccount: DEMO_OWNER,
      region: 'us-east-1',
    });
    assert.equal(result?.verdict, 'owner-mismatch');
    const nodes: ConfirmationTreeNode[] = await api.context.confirmations.getChildren();
    assert.deepEqual(
      nodes.map((n) => api.context.confirmations.getTreeItem(n).label),
      ['i-0fedcba9876543210', 'i-0123456789abcdef0'],
    );
    assert.equal(
      (api.context.confirmations.getTreeItem(nodes[0]).iconPath as vscode.ThemeIcon).id,
      'warning',
    );
  });

  it('turns the status bar red on a credentials error, and a retry clears it without a reload', async () => {
    await setSetting('aws.profile', 'expired');
    const result = await confirm({
      instanceId: 'i-0123456789abcdef0',
      productCode: DEMO_PRODUCT_CODE,
      region: 'us-east-1',
    });
    assert.equal(result?.verdict, 'error');
    assert.equal(result?.error?.kind, 'credentials');
    assert.match(api.context.aws.credentialsProblem ?? '', /expired/);
    // The engineer fixes the profile (as `aws sso login` would), then retries.
    sandbox.write({
      credentials: staticProfile('default') + staticProfile('seller') + staticProfile('expired'),
    });
    assert.equal(await vscode.commands.executeCommand('supportDesk.checkCredentials'), true);
    assert.equal(api.context.aws.credentialsProblem, undefined);
  });

  it('confirms a list of instances from a file into Confirmations', async () => {
    const list = join(dir, 'instances.csv');
    writeFileSync(
      list,
      `instanceId,productCode,account,region\ni-0123456789abcdef0,${DEMO_PRODUCT_CODE},${DEMO_OWNER},us-east-1\ni-00000000000000bad,${DEMO_PRODUCT_CODE},,us-east-1\n`,
    );
    const results = await vscode.commands.executeCommand<ConfirmationResult[]>(
      'supportDesk.confirmInstancesFromFile',
      list,
    );
    assert.deepEqual(
      results?.map((r) => [r.instanceId, r.verdict, r.error?.kind ?? null]),
      [
        ['i-0123456789abcdef0', 'confirmed', null],
        ['i-00000000000000bad', 'error', 'instance-not-found'],
      ],
    );
    await waitFor(
      'Confirmations to show the batch',
      async () => (await api.context.confirmations.getChildren()).length === 2,
    );
  });
});
