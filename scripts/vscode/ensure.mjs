// Installs (first use) or checks (cached) code-server, Node 24 and Chromium for the real-VS-Code tests.
// Needs `npm run compile-tests` first: the logic lives in tools/vscode/ensure.ts. npm's and
// apt-get's output (native builds, hundreds of lines) goes to test-output/vscode-install.log; this prints
// one line per step, and the log's path when a step fails.
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const { ensureVSCode, installDir } = require('../../out/tools/vscode/ensure.js');

const started = Date.now();
try {
  await ensureVSCode({
    installLog: join(import.meta.dirname, '..', '..', 'test-output', 'vscode-install.log'),
  });
  console.log(`code-server ready in ${installDir()} (${Date.now() - started} ms)`);
} catch (err) {
  console.error(`ensure: ${err.message}`);
  process.exit(1);
}
