// One config for every bundle of src/core/bundles.json (the one list, which the lazy loader
// src/core/lazy-bundle.ts reads too), each built into dist/NAME.js: the extension (vscode external, no
// AWS SDK, no panel, no CMS parser inside), the lazy ones it and the CLI load on first use (the AWS
// layer, S3 alone, the panel host, identity evidence, the identity verifier), the CLI, and the panel's
// webview script (browser, IIFE). Codicons are copied beside the webview script: the webview loads nothing else.
//   node esbuild.mjs [--production] [--watch]   (importable: `entries` are the build options, one per bundle)
import * as esbuild from 'esbuild';
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = import.meta.dirname;
const production = process.argv.includes('--production');
const common = {
  absWorkingDir: ROOT,
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

// The SDK's ES module builds: esbuild drops what is never used (the CommonJS builds are one module per
// client, every command's schema included), so the EC2 client loads in 250 ms instead of 620.
const sdkModules = { mainFields: ['module', 'main'] };
/** What each bundle of the list needs beyond `common`. */
const own = {
  extension: { external: ['vscode'] },
  aws: sdkModules,
  s3: sdkModules,
  panel: { external: ['vscode'] },
  identity: { external: ['vscode'] },
  'identity-verifier': {},
  cli: { banner: { js: '#!/usr/bin/env node' } },
  'webview/panel': { platform: 'browser', format: 'iife', target: 'es2022' },
};

const bundles = JSON.parse(readFileSync(join(ROOT, 'src/core/bundles.json'), 'utf8'));
const unlisted = Object.keys(own).filter((name) => !(name in bundles));
const unconfigured = Object.keys(bundles).filter((name) => !(name in own));
if (unlisted.length + unconfigured.length > 0) {
  throw new Error(
    `esbuild.mjs and src/core/bundles.json disagree: not listed ${unlisted.join(', ') || '-'}; not configured ${unconfigured.join(', ') || '-'}`,
  );
}

/** esbuild's options, one entry per bundle, in the list's order. */
export const entries = Object.entries(bundles).map(([name, { module }]) => ({
  name,
  entryPoints: [`src/${module}.ts`],
  outfile: `dist/${name}.js`,
  ...own[name],
}));

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const codicons = dirname(
    createRequire(import.meta.url).resolve('@vscode/codicons/dist/codicon.css'),
  );
  mkdirSync(join(ROOT, 'dist/webview'), { recursive: true });
  for (const file of ['codicon.css', 'codicon.ttf'])
    copyFileSync(join(codicons, file), join(ROOT, 'dist/webview', file));
  if (process.argv.includes('--watch')) await watch();
  else await buildOnce();
}

async function buildOnce() {
  // A production build leaves no source map of an earlier development build behind.
  if (production) {
    for (const dir of ['dist', 'dist/webview'])
      for (const f of readdirSync(join(ROOT, dir)))
        if (f.endsWith('.map')) rmSync(join(ROOT, dir, f));
  }
  await Promise.all(
    entries.map(({ name: _, ...options }) => esbuild.build({ ...common, ...options })),
  );
  chmodSync(join(ROOT, 'dist/cli.js'), 0o755);
  for (const file of [...entries.map((e) => e.outfile), 'dist/webview/codicon.ttf']) {
    console.log(
      `${file.padEnd(24)} ${(statSync(join(ROOT, file)).size / 1024).toFixed(1).padStart(8)} KiB`,
    );
  }
}

/**
 * Rebuilds every bundle on change. Each bundle says when it is built ("[watch] built dist/panel.js")
 * and each error or warning names its file, line and column (esbuild's own log is silenced, so each is
 * said once, in the form the problem matcher reads); "[watch] build started" and "[watch] build finished"
 * bracket the moments when any bundle is being built, so F5's background task (.vscode/tasks.json)
 * waits for all of them, the panel included.
 */
async function watch() {
  const building = new Set(entries.map((e) => e.name));
  console.log('[watch] build started');
  const announce = ({ name, outfile, entryPoints }) => ({
    name: 'announce',
    setup(build) {
      build.onStart(() => {
        if (building.size === 0) console.log('[watch] build started');
        building.add(name);
      });
      build.onEnd((result) => {
        for (const e of result.errors) console.error(problemLine('error', e, entryPoints[0]));
        for (const w of result.warnings) console.error(problemLine('warning', w, entryPoints[0]));
        console.log(
          `[watch] ${result.errors.length === 0 ? 'built' : `failed (${result.errors.length} error${result.errors.length === 1 ? '' : 's'})`} ${outfile}`,
        );
        building.delete(name);
        if (building.size === 0) console.log('[watch] build finished');
      });
    },
  });
  const contexts = await Promise.all(
    entries.map(({ name: _, ...options }, i) =>
      esbuild.context({
        ...common,
        ...options,
        logLevel: 'silent',
        plugins: [announce(entries[i])],
      }),
    ),
  );
  await Promise.all(contexts.map((c) => c.watch()));
}

/**
 * One esbuild message as the watch prints it and .vscode/tasks.json's problem matcher reads it:
 * "✘ [ERROR] src/x.ts:12:5: text" (column from 1, as editors count), at `entry`:1:1 when esbuild gives no place.
 */
export function problemLine(severity, { location, text }, entry) {
  const at = location
    ? `${relative(ROOT, join(ROOT, location.file))}:${location.line}:${location.column + 1}`
    : `${entry}:1:1`;
  return `${severity === 'error' ? '✘ [ERROR]' : '▲ [WARNING]'} ${at}: ${text}`;
}
