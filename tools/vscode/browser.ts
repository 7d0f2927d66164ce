// Debian's Chromium driven by playwright-core: never a downloaded browser (no internet here).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_PATH } from './ensure';

// Flags measured in real-vscode.md: no sandbox (root in CI), no GPU, and no network of its own.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchChromium(): Promise<Browser> {
  // Chromium keeps crash reports under XDG_CONFIG_HOME: keep them out of the home directory.
  const home = mkdtempSync(join(tmpdir(), 'support-desk-chromium-'));
  const env = {
    ...process.env,
    XDG_CONFIG_HOME: join(home, 'config'),
    XDG_CACHE_HOME: join(home, 'cache'),
  };
  const removeHome = () => rmSync(home, { recursive: true, force: true });
  try {
    const browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
      env,
    });
    browser.once('disconnected', removeHome);
    return browser;
  } catch (err) {
    removeHome();
    throw err;
  }
}
