// The AuditTrail: a line written by another process reaches the Confirmations view through onDidChange; a failed
// write keeps the answer and says why.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditEntry } from '../support/audit-entry';
import { setSetting, supportDesk, waitFor, type DeskUnderTest } from './helpers';

describe('AuditTrail', () => {
  let api: DeskUnderTest;

  before(async () => {
    api = await supportDesk();
  });

  it('a confirmation written by another process shows in the Confirmations view via onDidChange', async () => {
    const line = {
      time: new Date().toISOString(),
      profile: 'other-process',
      region: 'us-east-1',
      instanceId: 'i-0aaaabbbbccccdddd',
      productCode: 'codeA',
      claimedAccount: '111122223333',
      ownerId: '111122223333',
      verdict: 'confirmed',
      errorKind: null,
      requestId: 'req-other-process',
    };
    const dir = mkdtempSync(join(tmpdir(), 'support-desk-audit-trail-'));
    await setSetting('audit.path', join(dir, 'audit.jsonl'));
    await waitFor('the new audit path', () => api.context.audit.path === join(dir, 'audit.jsonl'));
    assert.deepEqual(await api.context.audit.read(), []);
    let changes = 0;
    const listening = api.context.audit.onDidChange(() => changes++);
    try {
      // The new path's watcher is armed asynchronously by the file service.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      execFileSync(
        process.execPath,
        [
          '-e',
          `require('node:fs').appendFileSync(${JSON.stringify(api.context.audit.path)}, ${JSON.stringify(JSON.stringify(line) + '\n')})`,
        ],
        {
          env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
        },
      );
      await waitFor('the watcher', () => changes > 0);
      const entries = await api.context.audit.read();
      assert.equal(entries.at(-1)?.requestId, 'req-other-process');
      const nodes = await api.context.confirmations.getChildren();
      assert.ok(
        nodes.some((n) => n.kind === 'confirmation' && n.entry.requestId === 'req-other-process'),
      );
    } finally {
      listening.dispose();
      await setSetting('audit.path', undefined);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a failed write keeps the answer: append resolves to the reason, once, and the entries read stay', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'support-desk-audit-folder-'));
    const before = api.context.audit.path;
    await setSetting('audit.path', folder);
    try {
      await waitFor('the new audit path', () => api.context.audit.path === folder);
      const entry = auditEntry({
        productCode: 'codeA',
        ownerId: null,
        verdict: 'error',
        errorKind: 'unknown',
        requestId: null,
        profile: null,
        time: new Date().toISOString(),
      });
      const problem = await api.context.audit.append(entry);
      assert.match(problem ?? '', /^the audit write failed: .*it is a folder, not a file/);
      assert.equal(problem?.split('the audit write failed').length, 2, 'said once');
      assert.deepEqual(await api.context.audit.read(), []);
    } finally {
      await setSetting('audit.path', undefined);
      rmSync(folder, { recursive: true, force: true });
    }
    await waitFor('the audit path again', () => api.context.audit.path === before);
  });
});
