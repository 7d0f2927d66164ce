// Runs test/suite (compiled to out/test/suite) inside code-server's real extension host: first in a
// trusted workspace, then, when test/suite/restricted/ has tests, in a restricted one.
// Options: --workspace DIR (copied to a temp folder; default test/fixtures/workspace when present),
// --env KEY=VALUE (repeatable), --settings FILE.json, --timeout SECONDS (per run, default 300),
// --extension DIR (default this repository).
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

const require = createRequire(import.meta.url);
const { runSuite, hasRestrictedTests } = require('../../out/tools/vscode/suite.js');
const { REPO_ROOT } = require('../../out/tools/vscode/code-server.js');

const { values } = parseArgs({
  options: {
    workspace: { type: 'string' },
    env: { type: 'string', multiple: true, default: [] },
    settings: { type: 'string' },
    timeout: { type: 'string', default: '300' },
    extension: { type: 'string' },
  },
});
const defaultWorkspace = resolve(REPO_ROOT, 'test/fixtures/workspace');
const options = {
  workspace: values.workspace
    ? resolve(values.workspace)
    : existsSync(defaultWorkspace)
      ? defaultWorkspace
      : undefined,
  env: Object.fromEntries(
    values.env.map((pair) => {
      const at = pair.indexOf('=');
      if (at < 1) throw new Error(`--env wants KEY=VALUE, got "${pair}"`);
      return [pair.slice(0, at), pair.slice(at + 1)];
    }),
  ),
  settings: values.settings ? JSON.parse(readFileSync(values.settings, 'utf8')) : undefined,
  timeoutMs: Number(values.timeout) * 1000,
  extension: values.extension ? resolve(values.extension) : undefined,
};

try {
  let code = await runSuite(options);
  if (hasRestrictedTests()) code = (await runSuite({ ...options, restricted: true })) || code;
  process.exit(code);
} catch (err) {
  console.error(`run-suite: ${err.message}`);
  process.exit(1);
}
