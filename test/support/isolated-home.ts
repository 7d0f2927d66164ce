// Loaded by mocha before any test (.mocharc.json `require`): the tests run with a temporary HOME and
// XDG folders, so the audit log, ~/.aws and every HOME-derived path are the run's own, never the
// machine's. A test that needs other files (an AWS sandbox) sets its own and restores these. TMPDIR
// too: every temporary folder a test makes lands in the run's folder, removed when the run ends.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = mkdtempSync(join(tmpdir(), 'support-desk-test-home-'));
for (const [name, dir] of [
  ['HOME', 'home'],
  ['XDG_CONFIG_HOME', 'config'],
  ['XDG_DATA_HOME', 'data'],
  ['XDG_CACHE_HOME', 'cache'],
  ['XDG_STATE_HOME', 'state'],
  ['TMPDIR', 'tmp'],
]) {
  process.env[name] = join(root, dir);
  mkdirSync(process.env[name], { recursive: true });
}
for (const name of [
  'SUPPORT_DESK_AUDIT',
  'AWS_PROFILE',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'AWS_CONFIG_FILE',
  'AWS_SHARED_CREDENTIALS_FILE',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
]) {
  delete process.env[name];
}
process.on('exit', () => rmSync(root, { recursive: true, force: true }));
