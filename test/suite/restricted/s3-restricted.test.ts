// Restricted Mode and reports in S3: an s3:// path (even from the user settings, which Restricted Mode
// keeps) makes no S3 call and loads no SDK; the view says why nothing came from S3.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { NO_AWS_CALL } from '../../../src/ui/restricted-mode';
import { awsSandbox, staticProfile, type AwsSandbox } from '../../support/aws-env';
import type { S3Server } from '../../support/s3-server';
import { setSetting, supportDesk, waitFor } from '../helpers';

describe('Restricted Mode with reports in S3', () => {
  let server: S3Server;
  let sandbox: AwsSandbox;

  before(async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'this pass must run in an untrusted workspace');
    // Loaded here, not with the file: the server's SDK client must not count as the extension's (restricted.test.ts checks none is loaded).
    const { startS3Server } = await import('../../support/s3-server');
    server = await startS3Server({ maxLifetimeMs: 120_000 });
    sandbox = awsSandbox({
      credentials: staticProfile('default'),
      config: '[default]\nregion = us-east-1\n',
    });
    process.env.AWS_ENDPOINT_URL_S3 = server.url;
  });
  after(async () => {
    await setSetting('reports.paths', undefined);
    delete process.env.AWS_ENDPOINT_URL_S3;
    sandbox.restore();
    await server.stop();
  });

  it('asks S3 nothing for an s3:// report path and says it is Restricted Mode', async () => {
    const api = await supportDesk();
    await setSetting('reports.paths', ['s3://team-reports/basic/']);
    const message = await waitFor('the view to say why S3 was not asked', async () => {
      await api.context.reports.whenIdle();
      return api.context.subscriptions.view.message?.includes(
        `s3://team-reports/basic/: ${NO_AWS_CALL}`,
      );
    });
    assert.ok(message);
    assert.equal(server.requests.length, 0, 'no request reached S3');
    const awsLayerLoaded = Object.keys(require.cache).some((path) =>
      /dist\/(aws|s3)\.js$|src\/aws\/(index|s3-layer)\.js$/.test(path),
    );
    assert.equal(awsLayerLoaded, false, 'the AWS layer was loaded in Restricted Mode');
  });
});
