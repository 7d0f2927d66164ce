// Shared by the suite's tests: the running extension, settings, fixtures, waiting.
import { cpSync, mkdirSync, readdirSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import * as vscode from 'vscode';
import type { SupportDeskApi, SupportDeskTestHandle } from '../../src/ui/public-api';

export const EXTENSION_ID = 'support-desk.marketplace-support-desk';
export const FIXTURES =
  process.env.SUPPORT_DESK_FIXTURES ?? join(__dirname, '..', '..', '..', 'test', 'fixtures');
export const WORKSPACE =
  process.env.SUPPORT_DESK_WORKSPACE ?? vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
/** The basic fixture reports, copied into the workspace so tests may edit them. */
export const REPORTS = join(WORKSPACE, 'reports');
export const BAD_REPORT = join(REPORTS, 'customer_subscriber_report_2026-11-22.csv');

export function copyFixtureReports(): void {
  mkdirSync(REPORTS, { recursive: true });
  cpSync(join(FIXTURES, 'reports', 'basic'), REPORTS, { recursive: true });
}

/**
 * The extension as the suite sees it: its documented API (src/ui/public-api.ts) and, because the suite
 * runs under the extension test runner (ExtensionMode.Test), the running pieces for white-box checks.
 */
export type DeskUnderTest = SupportDeskTestHandle;

/** Activates the extension (once) and returns it; fails when the host did not start it in test mode. */
export async function supportDesk(): Promise<DeskUnderTest> {
  const extension = vscode.extensions.getExtension<SupportDeskApi>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not installed`);
  const api = await extension.activate();
  if (!('context' in api))
    throw new Error(
      `${EXTENSION_ID} was not started by the extension test runner (ExtensionMode.Test): its running pieces are not exposed`,
    );
  return api as DeskUnderTest;
}

export async function setSetting(
  key: string,
  value: unknown,
  target = vscode.ConfigurationTarget.Global,
): Promise<void> {
  await vscode.workspace.getConfiguration('supportDesk').update(key, value, target);
}

/** Polls until `check` returns a value other than undefined/false, or fails saying what it waited for. */
export async function waitFor<T>(
  what: string,
  check: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Sets the report paths (folders) and waits until the reports hold exactly their CSV files. */
export async function useReports(api: SupportDeskApi, folders: string[]): Promise<void> {
  const absolute = folders.map((f) => (isAbsolute(f) ? f : join(WORKSPACE, f)));
  const expected = absolute
    .flatMap((dir) =>
      readdirSync(dir)
        .filter((f) => f.endsWith('.csv'))
        .map((f) => join(dir, f)),
    )
    .sort();
  await setSetting('reports.paths', folders, vscode.ConfigurationTarget.Workspace);
  await waitFor(
    `the reports of ${folders.join(', ')} to load`,
    async () => {
      const loaded = (await api.reports())?.files.map((f) => f.path).sort();
      return JSON.stringify(loaded) === JSON.stringify(expected);
    },
    60_000,
  );
}
