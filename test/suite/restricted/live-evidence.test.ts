// Restricted Mode: Check Live Agreements makes no AWS call and records nothing.
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { NO_AWS_CALL, type RestrictedAnswer } from '../../../src/ui/restricted-mode';
import { startAgreementEndpoint } from '../../support/agreement-endpoint';
import { setSetting, supportDesk } from '../helpers';

describe('Check Live Agreements in Restricted Mode', () => {
  it('refuses, calls nothing and records nothing', async () => {
    await supportDesk();
    const endpoint = await startAgreementEndpoint({ maxLifetimeMs: 60_000 });
    const dir = mkdtempSync(join(tmpdir(), 'support-desk-live-restricted-'));
    process.env.AWS_ENDPOINT_URL_MARKETPLACE_AGREEMENT = endpoint.url;
    await setSetting('audit.path', join(dir, 'audit.jsonl'));
    try {
      const answer = await vscode.commands.executeCommand<RestrictedAnswer>(
        'supportDesk.checkLiveAgreements',
        '111122223333',
      );
      assert.equal(answer.restricted, NO_AWS_CALL);
      assert.equal(endpoint.calls.length, 0);
      assert.equal(existsSync(join(dir, 'audit.jsonl')), false);
    } finally {
      delete process.env.AWS_ENDPOINT_URL_MARKETPLACE_AGREEMENT;
      await setSetting('audit.path', undefined);
      await endpoint.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
