// The tests never touch the machine's home: HOME, the XDG folders and the audit log are temporary.
import * as assert from 'node:assert/strict';
import { homedir, tmpdir } from 'node:os';
import { basename, dirname } from 'node:path';
import { defaultAuditPath, resolveAuditPath } from '../../../src/core/audit/audit';

describe('test isolation', () => {
  it("runs with a temporary HOME and XDG folders, so the default audit log is the run's own", () => {
    // TMPDIR is the run's own too (test/support/isolated-home.ts): everything lives in one run folder.
    const run = dirname(tmpdir());
    assert.match(basename(run), /^support-desk-test-home-/);
    for (const name of [
      'HOME',
      'XDG_CONFIG_HOME',
      'XDG_DATA_HOME',
      'XDG_CACHE_HOME',
      'XDG_STATE_HOME',
    ]) {
      assert.ok(
        process.env[name]?.startsWith(run + '/'),
        `${name}=${process.env[name]} is not under ${run}`,
      );
    }
    assert.ok(homedir().startsWith(run + '/'));
    assert.ok(defaultAuditPath().startsWith(run + '/'), defaultAuditPath());
    assert.ok(resolveAuditPath(undefined).startsWith(run + '/'), resolveAuditPath(undefined));
    assert.equal(process.env.SUPPORT_DESK_AUDIT, undefined);
  });
});
