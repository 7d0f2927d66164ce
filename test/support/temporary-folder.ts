// Temporary folders for tests, each removed by the helper that made it, so that no test writes its own
// mkdtemp/rm pair (and none forgets the rm). They land under TMPDIR, which test/support/isolated-home.ts
// points at the run's own folder.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * A fresh folder for the `describe` block that calls this (call it at the block's top level): made in a
 * `before` hook, removed with everything in it in an `after` hook, also when a test failed; with
 * `each`, a fresh one for every test (`beforeEach`/`afterEach`).
 *
 * @param prefix the start of the folder's name (`<prefix>XXXXXX` under the temporary directory), so
 *   that a folder left by a killed run says which tests made it.
 * @param each `'each'` for a fresh folder per test.
 * @returns a getter for the folder's absolute path; it throws when called before the `before` hook
 *   has run (at the describe block's top level rather than in a hook or test).
 */
export function temporaryFolder(prefix: string, each?: 'each'): () => string {
  let dir: string | undefined;
  (each ? beforeEach : before)(() => {
    dir = mkdtempSync(join(tmpdir(), prefix));
  });
  (each ? afterEach : after)(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });
  return () => {
    if (!dir)
      throw new Error(
        `the temporary folder ${prefix}* exists only inside the tests and hooks of its describe block`,
      );
    return dir;
  };
}

/**
 * Runs `body` with a fresh folder and removes the folder however `body` ends (returned, threw or rejected),
 * for a test that needs a folder of its own.
 *
 * @param prefix the start of the folder's name, as for {@link temporaryFolder}.
 * @returns what `body` returns.
 */
export async function withTemporaryFolder<T>(
  prefix: string,
  body: (dir: string) => T | Promise<T>,
): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  try {
    return await body(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Writes `content` to the file `name` under `dir`, making the subfolders `name` names.
 *
 * @param name a path relative to `dir` (`a/b.csv`).
 * @returns the file's absolute path.
 */
export function writeIn(dir: string, name: string, content: string | Buffer): string {
  const path = join(dir, name);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
  return path;
}
