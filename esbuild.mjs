// Bundles three entries: the extension (vscode external, no AWS SDK inside), the AWS layer
// (loaded lazily by the extension on the first AWS command) and the CLI.
import * as esbuild from 'esbuild';
import { statSync, chmodSync } from 'node:fs';

const production = process.argv.includes('--production');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // jsonc-parser's UMD entry require()s its parts at run time, which a bundle cannot resolve: use its ESM build.
  alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
};

const entries = [
  { entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode', './aws.js'] },
  { entryPoints: ['src/aws/index.ts'], outfile: 'dist/aws.js' },
  { entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js', external: ['./aws.js'], banner: { js: '#!/usr/bin/env node' } },
];

const existing = entries.filter((e) => {
  try { statSync(e.entryPoints[0]); return true; } catch { return false; }
});
await Promise.all(existing.map((e) => esbuild.build({ ...common, ...e })));
try { chmodSync('dist/cli.js', 0o755); } catch { /* no CLI built yet */ }
for (const e of existing) {
  console.log(`${e.outfile.padEnd(20)} ${(statSync(e.outfile).size / 1024).toFixed(1).padStart(8)} KiB`);
}
