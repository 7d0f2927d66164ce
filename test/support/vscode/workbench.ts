// What an e2e spec drives: the real VS Code workbench (code-server) in headless Chromium, with the
// extension installed. Selectors are the ones measured on VS Code 1.139 (real-vscode.md).
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchChromium } from './browser';
import { REPO_ROOT, startCodeServer, type CodeServer } from './codeServer';

export const SCREENSHOT_DIR = join(REPO_ROOT, 'test-output', 'screenshots');

export interface WorkbenchOptions {
  /** Fixture folder, copied to a temporary workspace that the workbench opens; none gives an empty one. */
  workspace?: string;
  /** User settings for the run. */
  settings?: Record<string, unknown>;
  /** Keep workspace trust on: the workspace opens in restricted mode. */
  trust?: boolean;
  /** Extension to install; default SUPPORT_DESK_EXTENSION_PATH or this repository (built with `npm run build`). */
  extension?: string;
}

export class Workbench {
  /** Workbenches not yet closed, so that the runner can screenshot them when a test fails. */
  static readonly opened = new Set<Workbench>();

  private constructor(
    readonly page: Page,
    /** The temporary copy of the workspace the workbench shows. */
    readonly workspace: string,
    private readonly browser: Browser,
    private readonly server: CodeServer,
  ) {}

  static async open(options: WorkbenchOptions = {}): Promise<Workbench> {
    const workspace = mkdtempSync(join(tmpdir(), 'support-desk-workspace-'));
    if (options.workspace) cpSync(options.workspace, workspace, { recursive: true });
    const server = await startCodeServer({
      workspace,
      settings: options.settings,
      trust: options.trust,
      extension: options.extension ?? process.env.SUPPORT_DESK_EXTENSION_PATH ?? REPO_ROOT,
    });
    const browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const workbench = new Workbench(page, workspace, browser, server);
    Workbench.opened.add(workbench);
    try {
      await page.goto(server.workbenchUrl());
      await page.locator('.monaco-workbench').waitFor({ timeout: 30_000 });
    } catch (err) {
      await workbench.close();
      throw err;
    }
    return workbench;
  }

  /** Shows a view container of the activity bar (clicking an already shown one would hide it). */
  async openContainer(title: string): Promise<void> {
    const item = this.page.locator('.activitybar .action-item', { has: this.page.locator(`a[aria-label^="${title}"]`) });
    const icon = item.locator('a');
    await icon.waitFor({ timeout: 30_000 });
    if (!(await item.getAttribute('class'))?.split(/\s+/).includes('checked')) await icon.click();
    // Leave no hover tooltip over the side bar in screenshots.
    await this.page.mouse.move(700, 450);
    await this.page.locator('.sidebar .composite.title', { hasText: title }).waitFor();
  }

  /** The section of a view in the side bar, by the view's name. */
  view(name: string): Locator {
    return this.page.locator(`.pane:has(.pane-header[aria-label^="${name}"])`);
  }

  /** Rows of a tree view (match with hasText: an exact label match fails on trailing spaces). */
  treeRows(viewName: string, hasText?: string | RegExp): Locator {
    return this.view(viewName).locator('.monaco-list-row', hasText === undefined ? undefined : { hasText });
  }

  /** The text of each row of a tree view once at least one row shows. */
  async treeRowTexts(viewName: string): Promise<string[]> {
    await this.treeRows(viewName).first().waitFor({ timeout: 30_000 });
    return (await this.treeRows(viewName).allInnerTexts()).map((text) => text.trim());
  }

  /** Runs a command from the palette by its title as shown there, e.g. "Support Desk: Find Account...". */
  async runCommand(title: string): Promise<void> {
    await this.page.keyboard.press('F1');
    await this.quickInput().fill(`>${title}`);
    await this.quickPickRow(title).first().waitFor();
    await this.page.keyboard.press('Enter');
  }

  /** The input box of the quick pick / input box that is open. */
  quickInput(): Locator {
    return this.page.locator('.quick-input-widget input');
  }

  /** Rows of the open quick pick. */
  quickPickRow(hasText: string | RegExp): Locator {
    return this.page.locator('.quick-input-list .monaco-list-row', { hasText });
  }

  /** Types an answer into the open quick input and accepts it. */
  async answerQuickInput(text: string): Promise<void> {
    await this.quickInput().fill(text);
    await this.page.keyboard.press('Enter');
  }

  /** Saves a full-page screenshot under test-output/screenshots/ and returns its path. */
  async screenshot(name: string): Promise<string> {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const path = join(SCREENSHOT_DIR, `${name}.png`);
    await this.page.screenshot({ path });
    return path;
  }

  async close(): Promise<void> {
    Workbench.opened.delete(this);
    await this.browser.close().catch(() => undefined);
    await this.server.stop();
    rmSync(this.workspace, { recursive: true, force: true });
  }
}
