// The one list of bundles (bundles.json: esbuild.mjs builds each into dist/NAME.js) and the one way
// to load a lazy one, on first use instead of at start. Bundled, the caller sits in dist/ beside the
// lazy bundle; unbundled (tsc's out/), the bundle's compiled module is loaded instead. The path is
// computed so esbuild leaves the require alone instead of inlining the module into the caller.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import BUNDLES from './bundles.json';

/** A bundle's name: its file in dist/ is NAME.js. */
export type BundleName = keyof typeof BUNDLES;

/** What bundles.json says of one bundle. */
export interface Bundle {
  /** The module esbuild starts from: its path under src/, without the extension (src/MODULE.ts). */
  module: string;
  /** True when the .vsix carries it (.vscodeignore lets it in); the CLI's own bundles stay out. */
  vsix: boolean;
  /** True when code loads it on first use (lazyBundle), so its caller's bundle leaves it out. */
  lazy: boolean;
}

/** Every bundle, by name, in build order. */
export const bundles: Readonly<Record<BundleName, Bundle>> = BUNDLES;

/**
 * A loader of the lazy bundle `name` whose module has the type T (`typeof import('...')` of its
 * entry). `load()` requires it once (later calls give the same module) and throws what require
 * throws; `loaded()` gives it only when already loaded. Throws a RangeError for a bundle not marked lazy.
 */
export function lazyBundle<T>(name: BundleName): { load(): T; loaded(): T | undefined } {
  const { module: source, lazy } = bundles[name];
  if (!lazy) throw new RangeError(`${name} is not a lazy bundle (see src/core/bundles.json)`);
  let module: T | undefined;
  return {
    load() {
      const bundled = join(__dirname, `${name}.js`);
      // Unbundled, this file is out/src/core/lazy-bundle.js: out/src/MODULE.js is one folder up.
      module ??= require(existsSync(bundled) ? bundled : join(__dirname, '..', source)) as T;
      return module;
    },
    loaded: () => module,
  };
}
