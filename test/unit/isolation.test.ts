// The tests never touch the machine's home: HOME, the XDG folders and the audit log are temporary.
import * as assert from 'node:assert/strict';
import { homedir, tmpdir } from 'node:os';
import { defaultAuditPath, resolveAuditPath } from '../../src/core/audit';

describe('test isolation', () => {
  it("runs with a temporary HOME and XDG folders, so the default audit log is the run's own", () => {
    for (const name of ['HOME', 'XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_CACHE_HOME', 'XDG_STATE_HOME']) {
      assert.ok(process.env[name]?.startsWith(tmpdir()), `${name}=${process.env[name]} is not under ${tmpdir()}`);
    }
    assert.ok(homedir().startsWith(tmpdir()));
    assert.ok(defaultAuditPath().startsWith(tmpdir()), defaultAuditPath());
    assert.ok(resolveAuditPath(undefined).startsWith(tmpdir()), resolveAuditPath(undefined));
    assert.equal(process.env.SUPPORT_DESK_AUDIT, undefined);
  });
});
