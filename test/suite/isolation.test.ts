// The extension host of the suite runs with a temporary HOME and XDG folders: the audit log and every
// HOME-derived path it reads are the run's own, never the machine's (no strangers' rows).
import * as assert from 'node:assert/strict';
import { homedir, tmpdir } from 'node:os';
import { supportDesk } from './helpers';

describe('test isolation in the extension host', () => {
  it('reads no file of the machine\'s home: HOME, XDG folders and the audit log are temporary', async () => {
    const api = await supportDesk();
    for (const name of ['HOME', 'XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_CACHE_HOME', 'XDG_STATE_HOME']) {
      assert.ok(process.env[name]?.startsWith(tmpdir()), `${name}=${process.env[name]} is not under ${tmpdir()}`);
    }
    assert.ok(homedir().startsWith(tmpdir()));
    assert.ok(api.context.confirmations.auditLog.path.startsWith(tmpdir()), api.context.confirmations.auditLog.path);
  });
});
