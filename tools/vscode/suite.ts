// Runs the mocha suite of test/suite inside the real extension host of code-server, through VS Code's
// smoke-test driver: the workbench URL carries a payload naming the extension under development and
// the tests' entry point; the workbench calls window.codeAutomationExit(code) when the run ends.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from './browser';
import type { Browser } from 'playwright-core';
import { assertBuilt, REPO_ROOT, startCodeServer, tail, type CodeServer } from './code-server';

export interface SuiteOptions {
  /** Extension under test (extensionDevelopmentPath); default this repository. */
  extension?: string;
  /** Fixture folder copied to a temporary workspace; none gives an empty workspace. */
  workspace?: string;
  /** Extra environment for the extension host (fixture paths, an EC2 endpoint URL, ...). */
  env?: Record<string, string>;
  /** User settings for the run. */
  settings?: Record<string, unknown>;
  /** Run the restricted-mode tests (test/suite/restricted/) in an untrusted workspace. */
  restricted?: boolean;
  /** Hard limit for the whole run, so that a hang fails instead of blocking CI. */
  timeoutMs?: number;
  log?: (line: string) => void;
}

interface MochaJson {
  stats: { tests: number; passes: number; failures: number; pending: number; duration: number };
  tests: { fullTitle: string; duration?: number }[];
  failures: { fullTitle: string; err: { message?: string; stack?: string } }[];
}

export const SUITE_OUT = join(REPO_ROOT, 'out', 'test', 'suite');
const OUTPUT_DIR = join(REPO_ROOT, 'test-output');

/** True when the compiled suite has restricted-mode tests, which need a second, untrusted run. */
export function hasRestrictedTests(): boolean {
  return existsSync(join(SUITE_OUT, 'restricted'));
}

/** Runs the suite once; resolves to the exit code (0 only when tests ran and all passed). */
export async function runSuite(options: SuiteOptions = {}): Promise<number> {
  const log = options.log ?? ((line: string) => console.log(line));
  const extension = options.extension ?? REPO_ROOT;
  assertBuilt(extension);
  if (!existsSync(join(SUITE_OUT, 'index.js')))
    throw new Error(`${join(SUITE_OUT, 'index.js')} does not exist: run npm run compile-tests`);
  const label = options.restricted ? 'restricted' : 'trusted';
  const timeoutMs = options.timeoutMs ?? 300_000;
  const resultsFile = join(OUTPUT_DIR, `suite-results-${label}.json`);
  const logFile = join(OUTPUT_DIR, `suite-${label}.log`);
  for (const stale of [resultsFile, logFile]) rmSync(stale, { force: true });
  const workspace = mkdtempSync(join(tmpdir(), 'support-desk-workspace-'));
  if (options.workspace) cpSync(options.workspace, workspace, { recursive: true });

  const started = Date.now();
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    server = await startCodeServer({
      workspace,
      extension: false,
      trust: options.restricted,
      settings: options.settings,
      smokeTestDriver: true,
    });
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    let resolveExit: (code: number) => void = () => undefined;
    const exited = new Promise<number>((r) => {
      resolveExit = r;
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => resolveExit(code));
    const { port } = server;
    const remote = (path: string) => `vscode-remote://127.0.0.1:${port}${path}`;
    const env = {
      SUPPORT_DESK_EXTENSION_PATH: extension,
      SUPPORT_DESK_SUITE_RESULTS: resultsFile,
      SUPPORT_DESK_SUITE_LOG: logFile,
      SUPPORT_DESK_TRUST: label,
      SUPPORT_DESK_WORKSPACE: workspace,
      SUPPORT_DESK_FIXTURES: join(REPO_ROOT, 'test', 'fixtures'),
      ...options.env,
    };
    const payload = [
      ['extensionDevelopmentPath', remote(extension)],
      ['extensionTestsPath', remote(join(SUITE_OUT, 'index.js'))],
      ['extensionEnvironment', JSON.stringify(env)],
    ];
    const timedOut = new Promise<'timeout'>((r) => {
      timer = setTimeout(() => r('timeout'), timeoutMs);
    });
    log(`Running the ${label} suite in code-server ${server.url} (workspace ${workspace})`);
    await page.goto(server.workbenchUrl({ payload: JSON.stringify(payload) }));
    const outcome = await Promise.race([exited, timedOut]);
    if (outcome === 'timeout') {
      mkdirSync(join(OUTPUT_DIR, 'screenshots'), { recursive: true });
      await page
        .screenshot({ path: join(OUTPUT_DIR, 'screenshots', `suite-${label}-timeout.png`) })
        .catch(() => undefined);
      log(
        `The ${label} suite did not finish within ${timeoutMs / 1000} s. code-server log:\n${tail(server.logFile)}`,
      );
      return 1;
    }
    if (existsSync(logFile))
      log(
        `Extension host console:\n${readFileSync(logFile, 'utf8').trimEnd().replace(/^/gm, '  | ')}`,
      );
    const failed = report(resultsFile, log);
    log(`${label} suite: exit ${outcome}, ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (outcome !== 0 && !failed) log(`code-server log:\n${tail(server.logFile)}`);
    return outcome === 0 && !failed ? 0 : 1;
  } finally {
    clearTimeout(timer);
    await browser?.close();
    await server?.stop();
    rmSync(workspace, { recursive: true, force: true });
  }
}

/** Prints mocha's results; true when the run failed or ran no test. */
function report(resultsFile: string, log: (line: string) => void): boolean {
  if (!existsSync(resultsFile)) {
    log(`No results in ${resultsFile}: the suite did not run.`);
    return true;
  }
  const results = JSON.parse(readFileSync(resultsFile, 'utf8')) as MochaJson;
  // failures also holds failed hooks, which are no test of their own.
  const failed = new Set(results.failures.map((f) => f.fullTitle));
  for (const test of results.tests) {
    const mark = failed.has(test.fullTitle) ? '✗' : test.duration === undefined ? '-' : '✔';
    log(`  ${mark} ${test.fullTitle}${test.duration ? ` (${test.duration} ms)` : ''}`);
  }
  results.failures.forEach((f, i) =>
    log(
      `\n  ${i + 1}) ${f.fullTitle}\n     ${(f.err.stack ?? f.err.message ?? '').replace(/\n/g, '\n     ')}`,
    ),
  );
  const { tests, passes, failures, pending } = results.stats;
  log(
    `\n  ${passes} passing, ${failures} failing, ${pending} pending of ${tests} (results: ${resultsFile})`,
  );
  if (tests === 0) log('  No test ran: a suite that runs nothing fails.');
  return failures > 0 || tests === 0 || pending > 0;
}
