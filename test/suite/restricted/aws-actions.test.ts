// Restricted Mode: every AWS action's restricted form answers with the one wording, offers the reports'
// verdict of the account it was given, and makes no AWS call (the local endpoints hear nothing, the
// AWS SDK is never loaded, nothing is recorded).
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { AWS_ACTIONS, type AwsActionId } from '../../../src/ui/commands/aws-actions';
import { NO_AWS_CALL, type RestrictedAnswer } from '../../../src/ui/restricted-mode';
import { VERDICT_LOOK } from '../../../src/ui/looks';
import { startAgreementEndpoint, type AgreementEndpoint } from '../../support/agreement-endpoint';
import { awsSandbox, staticProfile, type AwsSandbox } from '../../support/aws-env';
import { startEc2Endpoint, type Ec2Endpoint } from '../../support/ec2-endpoint';
import { startStsEndpoint, type StsEndpoint } from '../../support/sts-endpoint';
import { copyFixtureReports, REPORTS, setSetting, supportDesk, waitFor } from '../helpers';

const ACCOUNT = '111122223333';

describe('AWS actions in Restricted Mode', () => {
  let dir: string;
  let sandbox: AwsSandbox;
  let ec2: Ec2Endpoint;
  let sts: StsEndpoint;
  let agreements: AgreementEndpoint;

  before(async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'this pass must run in an untrusted workspace');
    dir = mkdtempSync(join(tmpdir(), 'support-desk-restricted-actions-'));
    sandbox = awsSandbox({
      credentials: staticProfile('default'),
      config: '[default]\nregion = us-east-1\n',
    });
    [ec2, sts, agreements] = await Promise.all([
      startEc2Endpoint({ maxLifetimeMs: 120_000 }),
      startStsEndpoint({ roles: {}, maxLifetimeMs: 120_000 }),
      startAgreementEndpoint({ maxLifetimeMs: 120_000 }),
    ]);
    process.env.AWS_ENDPOINT_URL_STS = sts.url;
    process.env.AWS_ENDPOINT_URL_MARKETPLACE_AGREEMENT = agreements.url;
    await setSetting('aws.endpointUrl', ec2.url);
    await setSetting('audit.path', join(dir, 'audit.jsonl'));
    copyFixtureReports();
    // The user's report paths are read in Restricted Mode: the restricted forms answer from them.
    const api = await supportDesk();
    await setSetting('reports.paths', [REPORTS]);
    await waitFor('the user-configured reports', async () => {
      await api.context.reports.whenIdle();
      return (api.context.reports.current?.snapshot.store.subscriptionCount ?? 0) > 0;
    });
  });

  after(async () => {
    for (const key of ['aws.endpointUrl', 'audit.path', 'reports.paths'])
      await setSetting(key, undefined);
    delete process.env.AWS_ENDPOINT_URL_STS;
    delete process.env.AWS_ENDPOINT_URL_MARKETPLACE_AGREEMENT;
    await Promise.all([ec2.stop(), sts.stop(), agreements.stop()]);
    sandbox.restore();
    rmSync(dir, { recursive: true, force: true });
  });

  it('each answers with the one wording and asks nothing of AWS: no request, no SDK loaded, nothing recorded', async () => {
    const instances = join(dir, 'instances.txt');
    writeFileSync(instances, 'i-0123456789abcdef0\n');
    // Everything an enabled form would need, so only Restricted Mode stands between it and a call.
    const args: Record<AwsActionId, unknown[]> = {
      'supportDesk.confirmInstance': [
        { instanceId: 'i-0123456789abcdef0', productCode: 'abc123', region: 'us-east-1' },
      ],
      'supportDesk.confirmInstancesFromFile': [instances],
      'supportDesk.checkLiveAgreements': [ACCOUNT],
      'supportDesk.checkCredentials': [],
      'supportDesk.selectProfile': [],
      'supportDesk.selectRegion': [],
      'supportDesk.retryS3Reports': [],
    };
    for (const id of Object.keys(AWS_ACTIONS) as AwsActionId[]) {
      const answer = await vscode.commands.executeCommand<RestrictedAnswer | undefined>(
        id,
        ...args[id],
      );
      assert.equal(answer?.restricted, NO_AWS_CALL, `${id} answered ${JSON.stringify(answer)}`);
    }
    assert.deepEqual(
      [ec2.calls.length, sts.calls.length, agreements.calls.length],
      [0, 0, 0],
      'EC2, STS and AWS Marketplace calls',
    );
    const sdkLoaded = Object.keys(require.cache).filter(
      (path) => path.includes('@aws-sdk') || /dist\/(aws|s3)\.js$/.test(path),
    );
    assert.deepEqual(sdkLoaded, [], 'the AWS SDK was loaded in Restricted Mode');
    assert.equal(
      existsSync(join(dir, 'audit.jsonl')),
      false,
      'a restricted answer is no evidence: nothing is recorded',
    );
  });

  it("offers the reports' verdict of the account it was given instead of the AWS call", async () => {
    const api = await supportDesk();
    const { verdict } = await waitFor(`the reports' verdict of ${ACCOUNT}`, () =>
      api.lookup(ACCOUNT),
    );
    const words = VERDICT_LOOK[verdict].words;
    const expected = {
      restricted: NO_AWS_CALL,
      offered: `Account ${ACCOUNT} in the loaded reports: ${words}.`,
    };
    assert.deepEqual(
      await vscode.commands.executeCommand('supportDesk.checkLiveAgreements', ACCOUNT),
      expected,
    );
    assert.deepEqual(
      await vscode.commands.executeCommand('supportDesk.confirmInstance', {
        claimedAccount: '1111-2222-3333',
      }),
      expected,
    );
    assert.equal(agreements.calls.length + ec2.calls.length, 0);
  });
});
