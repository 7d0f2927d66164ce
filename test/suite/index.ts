// Entry point that the extension host loads (extensionTestsPath): runs the mocha suite with the real
// `vscode` API. Under code-server the extension host's console reaches only the browser, mixed with the
// workbench's own logs: results go to a JSON file (SUPPORT_DESK_SUITE_RESULTS) and console output to a
// log file (SUPPORT_DESK_SUITE_LOG) that the runner prints.
import { appendFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';

/** Tests under restricted/ need an untrusted workspace, so they run in a pass of their own. */
export function suiteFiles(root: string, restricted: boolean): string[] {
  return (readdirSync(root, { recursive: true }) as string[])
    .filter((file) => file.endsWith('.test.js') && file.startsWith('restricted/') === restricted)
    .sort()
    .map((file) => join(root, file));
}

function copyConsoleTo(file: string): void {
  for (const level of ['log', 'info', 'warn', 'error'] as const) {
    const original = console[level].bind(console);
    console[level] = (...args: unknown[]) => {
      appendFileSync(file, `${format(...args)}\n`);
      original(...args);
    };
  }
}

export async function run(): Promise<void> {
  const output = process.env.SUPPORT_DESK_SUITE_RESULTS;
  if (process.env.SUPPORT_DESK_SUITE_LOG) copyConsoleTo(process.env.SUPPORT_DESK_SUITE_LOG);
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    timeout: 20_000,
    // `run-suite.mjs --env SUPPORT_DESK_SUITE_GREP=TITLE` runs only the tests whose titles match.
    grep: process.env.SUPPORT_DESK_SUITE_GREP || undefined,
    ...(output ? { reporter: 'json', reporterOptions: { output } } : { reporter: 'spec' }),
  });
  for (const file of suiteFiles(__dirname, process.env.SUPPORT_DESK_TRUST === 'restricted'))
    mocha.addFile(file);
  await mocha.loadFilesAsync();
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0) throw new Error(`${failures} test(s) failed`);
}
