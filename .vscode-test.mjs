// @vscode/test-cli configuration (`npx vscode-test`) for machines that can download VS Code: the same
// suite that scripts/vscode/run-suite.mjs runs in code-server where they cannot. Run
// `npm run build && npm run compile-tests` first. test-electron always disables workspace trust,
// so the restricted-mode tests (out/test/suite/restricted/) run only under code-server.
import { defineConfig } from '@vscode/test-cli';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const fixtures = join(import.meta.dirname, 'test', 'fixtures');
// Tests may write into the workspace: they get a copy of the fixture workspace, as under code-server.
const workspace = mkdtempSync(join(tmpdir(), 'support-desk-workspace-'));
if (existsSync(join(fixtures, 'workspace')))
  cpSync(join(fixtures, 'workspace'), workspace, { recursive: true });
process.once('exit', () => rmSync(workspace, { recursive: true, force: true }));

export default defineConfig({
  label: 'suite',
  files: 'out/test/suite/{*.test.js,!(restricted)/**/*.test.js}',
  workspaceFolder: workspace,
  mocha: { ui: 'bdd', timeout: 20_000 },
  env: {
    SUPPORT_DESK_TRUST: 'trusted',
    SUPPORT_DESK_WORKSPACE: workspace,
    SUPPORT_DESK_FIXTURES: fixtures,
    SUPPORT_DESK_EXTENSION_PATH: import.meta.dirname,
  },
});
