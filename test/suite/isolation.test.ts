// The extension host of the suite runs with a temporary HOME and XDG folders: the audit log and every
// HOME-derived path it reads are the run's own, never the machine's (no strangers' rows).
import * as assert from 'node:assert/strict';
import { homedir, tmpdir, userInfo } from 'node:os';
import { dirname } from 'node:path';
import { supportDesk } from './helpers';

describe('test isolation in the extension host', () => {
  it("reads no file of the machine's home: HOME, XDG folders and the audit log are temporary", async () => {
    const api = await supportDesk();
    // The harness gives code-server a TMPDIR of its own (for its sockets) inside the machine's temp folder.
    const machineTmp = dirname(tmpdir());
    const realHome = userInfo().homedir;
    for (const name of [
      'HOME',
      'XDG_CONFIG_HOME',
      'XDG_DATA_HOME',
      'XDG_CACHE_HOME',
      'XDG_STATE_HOME',
    ]) {
      const value = process.env[name] ?? '';
      assert.ok(
        value.startsWith(machineTmp + '/') && !value.startsWith(realHome + '/'),
        `${name}=${value} is not a temporary folder under ${machineTmp}`,
      );
    }
    assert.ok(homedir().startsWith(machineTmp + '/'));
    assert.ok(!api.context.audit.path.startsWith(realHome + '/'), api.context.audit.path);
    assert.ok(api.context.audit.path.startsWith(machineTmp + '/'), api.context.audit.path);
  });
});
