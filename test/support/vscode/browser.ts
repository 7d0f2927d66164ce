// Debian's Chromium driven by playwright-core: never a downloaded browser (no internet here).
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_PATH } from './ensure';

// Flags measured in real-vscode.md: no sandbox (root in CI), no GPU, and no network of its own.
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}
