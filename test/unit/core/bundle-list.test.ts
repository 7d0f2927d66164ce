// The one list of bundles (src/core/bundles.json) is what esbuild builds, what the lazy loader
// loads and what the .vsix carries: a bundle added in one place and not the others fails here, in
// the unit tier, before any build.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { bundles, lazyBundle, type BundleName } from '../../../src/core/lazy-bundle';

const names = Object.keys(bundles) as BundleName[];

/** esbuild.mjs's entries as esbuild is handed them (imported, not run: no build). */
function esbuildEntries(): { name: string; entryPoints: string[]; outfile: string }[] {
  const script =
    "const { entries } = await import('./esbuild.mjs'); process.stdout.write(JSON.stringify(entries));";
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
  });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout);
}

/** Every source file under `dir` (relative to the repository). */
function sources(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(dir, f));
}

describe('the bundle list', () => {
  it('is what esbuild builds: one entry per bundle, from src/MODULE.ts into dist/NAME.js', () => {
    assert.deepEqual(
      esbuildEntries().map((e) => [e.name, e.entryPoints, e.outfile]),
      names.map((name) => [name, [`src/${bundles[name].module}.ts`], `dist/${name}.js`]),
    );
    for (const name of names)
      assert.ok(
        existsSync(`src/${bundles[name].module}.ts`),
        `${name}: src/${bundles[name].module}.ts exists`,
      );
  });

  it('is what the .vsix carries: .vscodeignore lets in exactly the bundles marked vsix', () => {
    const letIn = readFileSync('.vscodeignore', 'utf8')
      .split('\n')
      .flatMap((line) => /^!dist\/(.+)\.js$/.exec(line.trim())?.[1] ?? []);
    assert.deepEqual(letIn.sort(), names.filter((name) => bundles[name].vsix).sort());
  });

  it('names every bundle the code loads lazily as lazy, and loads one unbundled from its entry module', () => {
    const loaded = sources('src').flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/lazyBundle<[^;]*?>\('([^']+)'\)/g)].map((m) => [
        relative('.', file),
        m[1],
      ]),
    );
    assert.deepEqual(
      [...new Set(loaded.map(([, name]) => name))].sort(),
      names.filter((name) => bundles[name].lazy).sort(),
      JSON.stringify(loaded),
    );
    const verifier = lazyBundle<typeof import('../../../src/core/identity')>('identity-verifier');
    assert.equal(verifier.loaded(), undefined);
    assert.equal(typeof verifier.load().verifyIdentity, 'function');
    assert.equal(verifier.loaded(), verifier.load());
    assert.throws(() => lazyBundle('cli'), /cli is not a lazy bundle/);
  });
});
