// Runs the Playwright specs test/e2e/*.e2e.ts (compiled to out/test/e2e) with mocha: each spec opens
// the real workbench through tools/vscode/workbench.ts. Options: --grep PATTERN,
// --timeout SECONDS (whole run, default 600). Screenshots land in test-output/screenshots/.
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Mocha from 'mocha';

const require = createRequire(import.meta.url);
const { REPO_ROOT } = require('../../out/tools/vscode/code-server.js');
const { requireInstalledVSCode } = require('../../out/tools/vscode/ensure.js');
const { Workbench } = require('../../out/tools/vscode/workbench.js');

const { values } = parseArgs({
  options: { grep: { type: 'string' }, timeout: { type: 'string', default: '600' } },
});
try {
  requireInstalledVSCode();
} catch (err) {
  console.error(`run-e2e: ${err.message}`);
  process.exit(1);
}
const specDir = join(REPO_ROOT, 'out', 'test', 'e2e');
const specs = readdirSync(specDir)
  .filter((f) => f.endsWith('.e2e.js'))
  .sort();
if (specs.length === 0) {
  console.error(`No spec in ${specDir}: run npm run compile-tests`);
  process.exit(1);
}
// A hang must fail the run rather than block CI; code-server's exit hook stops the servers.
setTimeout(
  () => {
    console.error(`e2e run did not finish within ${values.timeout} s`);
    process.exit(1);
  },
  Number(values.timeout) * 1000,
).unref();

// A failed test leaves a picture of every open workbench behind, named after the test.
const rootHooks = {
  async afterEach() {
    if (this.currentTest?.state !== 'failed') return;
    const name = `failed-${this.currentTest.fullTitle().replace(/[^\w-]+/g, '-')}`;
    for (const workbench of Workbench.opened)
      console.log(`    screenshot: ${await workbench.screenshot(name)}`);
  },
};
// The spec reporter, plus the counts for the test command's closing line.
const reporter = join(REPO_ROOT, 'out', 'test', 'support', 'stats-reporter.js');
const mocha = new Mocha({ timeout: 120_000, reporter, grep: values.grep, rootHooks });
for (const spec of specs) mocha.addFile(join(specDir, spec));
await mocha.loadFilesAsync();
const failures = await new Promise((resolve) => mocha.run(resolve));
process.exit(failures > 0 ? 1 : 0);
