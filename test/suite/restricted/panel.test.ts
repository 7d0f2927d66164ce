// The panel in Restricted Mode: it shows the playbook and answers checks, but saves no case into
// the untrusted workspace and makes no AWS call.
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { HostMessage } from '../../../src/shared/panel-protocol';
import type { SupportDeskPanel } from '../../../src/ui/panel/support-desk-panel';
import { NO_AWS_CALL } from '../../../src/ui/restricted-mode';
import { supportDesk, waitFor, WORKSPACE } from '../helpers';

describe('Support Desk panel in Restricted Mode', () => {
  it('refuses to save a case, confirm an instance or search live agreements, and says why', async function () {
    this.timeout(90_000); // the webview's frame may start slowly on a loaded machine
    await supportDesk();
    const panel = await vscode.commands.executeCommand<SupportDeskPanel>(
      'supportDesk.openSupportDesk',
    );
    const posted: HostMessage[] = [];
    panel.transport.onDidPost((m) => posted.push(m));
    try {
      const state = await waitFor(
        'the state message',
        () => posted.find((m): m is Extract<HostMessage, { type: 'state' }> => m.type === 'state'),
        80_000,
      );
      assert.equal(state.state.trusted, false);
      await panel.transport.receive({
        type: 'request',
        requestId: 1_000_001,
        request: { kind: 'caseAction', action: 'save', templateId: 'image-bug', values: {} },
      });
      await panel.transport.receive({
        type: 'request',
        requestId: 1_000_002,
        request: {
          kind: 'confirm',
          input: { account: '111122223333', instanceId: 'i-0123456789abcdef0' },
        },
      });
      await panel.transport.receive({
        type: 'request',
        requestId: 1_000_003,
        request: { kind: 'checkLive', input: { account: '111122223333' } },
      });
      const replies = await waitFor('the three replies', () => {
        const r = posted.filter(
          (m): m is Extract<HostMessage, { type: 'reply' }> =>
            m.type === 'reply' && m.requestId >= 1_000_000,
        );
        return r.length === 3 && r.sort((a, b) => a.requestId - b.requestId);
      });
      for (const reply of replies) {
        assert.equal(reply.ok, false);
        assert.match(!reply.ok ? reply.error : '', /^Restricted Mode: /);
      }
      // The AWS requests (confirm, check live) answer with the one wording of the command table's restricted forms.
      assert.deepEqual(
        replies.slice(1).map((r) => (!r.ok ? r.error : '')),
        [NO_AWS_CALL, NO_AWS_CALL],
      );
      assert.equal(existsSync(join(WORKSPACE, 'cases')), false);
    } finally {
      panel.dispose();
    }
  });
});
