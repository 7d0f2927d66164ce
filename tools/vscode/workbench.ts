// What an e2e spec drives: the real VS Code workbench (code-server) in headless Chromium, with the
// extension installed. Selectors are the ones measured on VS Code 1.139 (real-vscode.md).
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, FrameLocator, Locator, Page } from 'playwright-core';
import { launchChromium } from './browser';
import { REPO_ROOT, startCodeServer, type CodeServer } from './code-server';

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
  /** Extra environment for code-server and its extension host. */
  env?: NodeJS.ProcessEnv;
  /** A packaged extension to install (`--install-extension`) instead of linking a folder. */
  vsix?: string;
}

// Big enough that a side bar of SIDE_BAR_WIDTH leaves a usable editor: screenshots must be readable.
const VIEWPORT = { width: 1600, height: 1000 };
const SIDE_BAR_WIDTH = 640;

export class Workbench {
  /** Workbenches not yet closed, so that the runner can screenshot them when a test fails. */
  static readonly opened = new Set<Workbench>();
  /**
   * Every http(s) or ws(s) request the workbench (its page, frames, workers) made to a host other than
   * 127.0.0.1, in order: the demo and the tests stay on the machine, so this stays empty.
   */
  readonly offMachine: string[] = [];

  private constructor(
    readonly page: Page,
    /** The workspace the workbench shows: a temporary copy, removed on close, when this workbench started the server. */
    readonly workspace: string,
    private readonly browser: Browser,
    /** The server this workbench started and stops; none for a workbench opened on someone else's server. */
    private readonly server: CodeServer | undefined,
  ) {}

  static async open(options: WorkbenchOptions = {}): Promise<Workbench> {
    const workspace = mkdtempSync(join(tmpdir(), 'support-desk-workspace-'));
    if (options.workspace) cpSync(options.workspace, workspace, { recursive: true });
    const server = await startCodeServer({
      workspace,
      settings: options.settings,
      trust: options.trust,
      env: options.env,
      extension:
        options.extension ??
        (options.vsix ? false : (process.env.SUPPORT_DESK_EXTENSION_PATH ?? REPO_ROOT)),
      vsix: options.vsix,
    });
    return Workbench.load(server.workbenchUrl(), workspace, server);
  }

  /**
   * A workbench on a server started elsewhere (e.g. by `npm run demo`), from its URL with `?folder=`.
   * close() closes the browser only: the server and its workspace belong to whoever started them.
   */
  static connect(url: string): Promise<Workbench> {
    return Workbench.load(url, new URL(url).searchParams.get('folder') ?? '', undefined);
  }

  private static async load(
    url: string,
    workspace: string,
    server: CodeServer | undefined,
  ): Promise<Workbench> {
    let browser: Browser | undefined;
    try {
      browser = await launchChromium();
    } catch (err) {
      await server?.stop();
      throw err;
    }
    const page = await browser.newPage({ viewport: VIEWPORT });
    const workbench = new Workbench(page, workspace, browser, server);
    page.context().on('request', (request) => {
      if (isOffMachine(request.url())) workbench.offMachine.push(request.url());
    });
    Workbench.opened.add(workbench);
    try {
      await page.goto(url);
      await page.locator('.monaco-workbench').waitFor({ timeout: 30_000 });
    } catch (err) {
      await workbench.close();
      throw err;
    }
    return workbench;
  }

  /** Shows a view container of the activity bar (clicking an already shown one would hide it). */
  async openContainer(title: string): Promise<void> {
    const item = this.page.locator('.activitybar .action-item', {
      has: this.page.locator(`a[aria-label^="${title}"]`),
    });
    const icon = item.locator('a');
    await icon.waitFor({ timeout: 30_000 });
    if (!(await item.getAttribute('class'))?.split(/\s+/).includes('checked')) await icon.click();
    await this.page.locator('.sidebar .composite.title', { hasText: title }).waitFor();
    await this.widenSideBar(SIDE_BAR_WIDTH);
    // Leave no hover tooltip over the side bar in screenshots.
    await this.page.mouse.move(VIEWPORT.width - 100, VIEWPORT.height / 2);
  }

  /**
   * Drags the sash on the side bar's right edge so that labels and descriptions are not cut off.
   * VS Code 1.139 keeps the width only in its layout state, which no setting or URL parameter seeds.
   */
  async widenSideBar(width: number): Promise<void> {
    const box = await this.page.locator('.part.sidebar').boundingBox();
    if (!box || Math.abs(box.width - width) < 2) return;
    const y = box.y + box.height / 2;
    await this.page.mouse.move(box.x + box.width + 1, y);
    await this.page.mouse.down();
    await this.page.mouse.move(box.x + width, y, { steps: 5 });
    await this.page.mouse.up();
  }

  /** The section of a view in the side bar, by the view's name. */
  view(name: string): Locator {
    return this.page.locator(`.pane:has(.pane-header[aria-label^="${name}"])`);
  }

  /** Rows of a tree view (match with hasText: an exact label match fails on trailing spaces). */
  treeRows(viewName: string, hasText?: string | RegExp): Locator {
    return this.view(viewName).locator(
      '.monaco-list-row',
      hasText === undefined ? undefined : { hasText },
    );
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
    // The row is clicked, not Enter pressed: Enter runs the focused row, which on a loaded machine may still be
    // the one focused before the list was filtered (a recently used command).
    await this.quickPickRow(title).first().click();
    // The palette must be gone before the next step: a command's own input box opens in the same widget, and an
    // answer typed while the palette is still closing lands in the palette, so the command never gets it.
    await this.page
      .locator('.quick-input-widget input[placeholder^="Type the name of a command"]')
      .waitFor({ state: 'hidden' });
  }

  /** The input box of the quick pick / input box that is open. */
  quickInput(): Locator {
    return this.page.locator('.quick-input-widget input');
  }

  /** Rows of the open quick pick. */
  quickPickRow(hasText: string | RegExp): Locator {
    return this.page.locator('.quick-input-list .monaco-list-row', { hasText });
  }

  /** The title of the open quick input with its step, e.g. "Confirm Instance: instance (1/4)". */
  quickInputTitle(): Locator {
    return this.page.locator('.quick-input-widget .quick-input-title');
  }

  /** Clicks Back in the title bar of a multi-step quick input. */
  async quickInputBack(): Promise<void> {
    await this.page
      .locator('.quick-input-widget .quick-input-titlebar .action-label[aria-label^="Back"]')
      .click();
  }

  /** The validation message under the open input box. */
  quickInputMessage(): Locator {
    return this.page.locator('.quick-input-widget .quick-input-message');
  }

  /** A notification toast by its text. */
  notification(hasText: string | RegExp): Locator {
    return this.page.locator('.notification-toast', { hasText });
  }

  /** Clicks an action button of a notification toast. */
  async clickNotificationAction(hasText: string | RegExp, action: string): Promise<void> {
    await this.notification(hasText).locator('.monaco-button', { hasText: action }).click();
  }

  /** A status bar entry by its text (codicons render as icons, not text). */
  statusBarItem(hasText: string | RegExp): Locator {
    return this.page.locator('.statusbar-item', { hasText });
  }

  /** Types an answer into the open quick input and accepts it. */
  async answerQuickInput(text: string): Promise<void> {
    await this.quickInput().fill(text);
    await this.page.keyboard.press('Enter');
  }

  /** The Support Desk panel's content: the webview's inner frame (the only webview the tests open). */
  panel(): FrameLocator {
    return this.page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
  }

  /**
   * Opens the panel from an account row under a product of the Subscriptions tree (the row's inline
   * "Open in Support Desk") and waits for its check to show `verdictText` (e.g. "111122223333: Eligible").
   */
  async openAccountInPanel(
    product: string,
    account: string,
    verdictText: string,
  ): Promise<FrameLocator> {
    await this.treeRows('Subscriptions', product).click();
    await this.page.keyboard.press('ArrowRight');
    const row = this.treeRows('Subscriptions', account).first();
    await row.hover();
    await row.locator('.action-label[aria-label="Open in Support Desk"]').click();
    const panel = this.panel();
    await panel
      .locator('#check-verdict')
      .filter({ hasText: verdictText })
      .waitFor({ timeout: 30_000 });
    return panel;
  }

  /** The log (stdout and stderr) of the code-server this workbench started; undefined on someone else's server. */
  get serverLog(): string | undefined {
    return this.server?.logFile;
  }

  /** Saves a full-page screenshot under test-output/screenshots/ and returns its path. */
  async screenshot(name: string): Promise<string> {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const path = join(SCREENSHOT_DIR, `${name}.png`);
    // No hover colour over what was just clicked, and toasts done fading in (their transition is ~300 ms).
    await this.page.mouse.move(VIEWPORT.width - 100, VIEWPORT.height / 2);
    await this.page.waitForTimeout(500);
    await this.page.screenshot({ path });
    return path;
  }

  async close(): Promise<void> {
    Workbench.opened.delete(this);
    await this.browser.close().catch(() => undefined);
    if (!this.server) return;
    await this.server.stop();
    rmSync(this.workspace, { recursive: true, force: true });
  }
}

/**
 * True for a web or socket URL whose host is not this machine's loopback address. A webview's own
 * resources (`*.vscode-resource.vscode-cdn.net`) are not: the webview's service worker answers them
 * from the workbench on 127.0.0.1, and no name of that domain is ever looked up.
 */
export function isOffMachine(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  return (
    /^(https?|wss?):$/.test(protocol) &&
    hostname !== '127.0.0.1' &&
    !hostname.endsWith('.vscode-resource.vscode-cdn.net')
  );
}
