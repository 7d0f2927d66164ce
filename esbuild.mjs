// One config, six bundles: the extension (vscode external, no AWS SDK, no panel, no CMS parser inside),
// the AWS layer, the panel host and the identity verifier (each loaded on first use), the CLI, and the panel's webview script
// (browser, IIFE). Codicons are copied beside the webview script: the webview loads nothing else.
import * as esbuild from 'esbuild';
import { chmodSync, copyFileSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

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
  { entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode', './aws.js', './panel.js', './identity.js'] },
  // The SDK's ES module builds: esbuild drops what is never used (the CommonJS builds are one module per
  // client, every command's schema included), so the EC2 client loads in 250 ms instead of 620.
  { entryPoints: ['src/aws/index.ts'], outfile: 'dist/aws.js', mainFields: ['module', 'main'] },
  { entryPoints: ['src/aws/s3-layer.ts'], outfile: 'dist/s3.js', mainFields: ['module', 'main'] },
  { entryPoints: ['src/ui/panel/support-desk-panel.ts'], outfile: 'dist/panel.js', external: ['vscode', './aws.js', './identity.js'] },
  { entryPoints: ['src/ui/identity/identity-evidence.ts'], outfile: 'dist/identity.js', external: ['vscode'] },
  { entryPoints: ['src/core/identity/index.ts'], outfile: 'dist/identity-verifier.js' },
  { entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js', external: ['./aws.js'], banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['src/webview/panel.ts'], outfile: 'dist/webview/panel.js', platform: 'browser', format: 'iife', target: 'es2022' },
];

const codicons = dirname(createRequire(import.meta.url).resolve('@vscode/codicons/dist/codicon.css'));
mkdirSync('dist/webview', { recursive: true });
for (const file of ['codicon.css', 'codicon.ttf']) copyFileSync(join(codicons, file), join('dist/webview', file));

if (process.argv.includes('--watch')) {
  // F5's background task waits for these two lines (.vscode/tasks.json).
  const announce = {
    name: 'announce',
    setup(build) {
      build.onStart(() => console.log('[watch] build started'));
      build.onEnd((result) => {
        for (const e of result.errors) console.error(`✘ [ERROR] ${e.text} (${e.location?.file}:${e.location?.line})`);
        console.log('[watch] build finished');
      });
    },
  };
  const contexts = await Promise.all(entries.map((e, i) => esbuild.context({ ...common, ...e, plugins: i === 0 ? [announce] : [] })));
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  // A production build leaves no source map of an earlier development build behind.
  if (production) {
    for (const dir of ['dist', 'dist/webview']) for (const f of readdirSync(dir)) if (f.endsWith('.map')) rmSync(join(dir, f));
  }
  await Promise.all(entries.map((e) => esbuild.build({ ...common, ...e })));
  chmodSync('dist/cli.js', 0o755);
  for (const file of [...entries.map((e) => e.outfile), 'dist/webview/codicon.ttf']) {
    console.log(`${file.padEnd(24)} ${(statSync(file).size / 1024).toFixed(1).padStart(8)} KiB`);
  }
}
