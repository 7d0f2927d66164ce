// Installs (first use) or checks (cached) code-server, Node 24 and Chromium for the real-VS-Code tests.
// Needs `npm run compile-tests` first: the logic lives in test/support/vscode/ensure.ts.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { ensureVSCode, installDir } = require('../../out/test/support/vscode/ensure.js');

const started = Date.now();
try {
  await ensureVSCode();
  console.log(`code-server ready in ${installDir()} (${Date.now() - started} ms)`);
} catch (err) {
  console.error(`ensure: ${err.message}`);
  process.exit(1);
}
