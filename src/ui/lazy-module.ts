// Code the extension loads on first use, not at activation: each such module is its own bundle
// beside dist/extension.js (see esbuild.mjs); unbundled (tsc's out/), the source module sits in its
// folder. The path is computed so esbuild leaves the require alone instead of inlining the module.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A loader for `bundle` (e.g. 'panel.js', next to dist/extension.js) that falls back to `unbundled`
 * (a path relative to this file's folder, e.g. 'panel/support-desk-panel'). Loads once; later calls
 * return the same module.
 */
export function lazyModule<T>(bundle: string, unbundled: string): { load(): T; loaded(): T | undefined } {
  let module: T | undefined;
  return {
    load() {
      const bundled = join(__dirname, bundle);
      module ??= require(existsSync(bundled) ? bundled : join(__dirname, unbundled)) as T;
      return module;
    },
    loaded: () => module,
  };
}
