// Starts code-server (a real VS Code: server, web workbench, Node extension host) for one test run:
// a free port on 127.0.0.1, no auth, no extension gallery, throw-away user-data, extensions and XDG folders, stopped by
// killing its whole process group (a plain SIGTERM leaves children running for about 20 s).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  closeSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { requireInstalledVSCode, type VSCodeInstall } from './ensure';

/** The repository root (this file compiles to out/tools/vscode/). */
export const REPO_ROOT = resolve(__dirname, '..', '..', '..');

export interface CodeServerOptions {
  /** Folder the workbench opens; none opens an empty window. */
  workspace?: string;
  /** Extension folder linked into the extensions folder as an installed extension; default the repo (none with `vsix`). */
  extension?: string | false;
  /** A packaged extension installed with `code-server --install-extension` before the server starts, as a user installs it. */
  vsix?: string;
  /** Keep workspace trust on (the folder then opens in restricted mode); default off. */
  trust?: boolean;
  /** Written to the user's settings.json, over quiet defaults. */
  settings?: Record<string, unknown>;
  /** Honour the `payload` URL parameter that runs an extension test suite. */
  smokeTestDriver?: boolean;
  /** Extra environment for the server and so for its extension host (e.g. AWS_CONFIG_FILE of a sandbox). */
  env?: NodeJS.ProcessEnv;
  /** Port on 127.0.0.1; a free one by default. */
  port?: number;
}

export interface CodeServer {
  port: number;
  /** Base URL, e.g. http://127.0.0.1:PORT */
  url: string;
  userDataDir: string;
  /** The server's stdout and stderr, for failure reports. */
  logFile: string;
  /** Workbench URL for the workspace, with optional extra query parameters. */
  workbenchUrl(query?: Record<string, string>): string;
  stop(): Promise<void>;
}

// Keep the workbench quiet and offline so that tests see only what the extension does.
const QUIET_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'security.workspace.trust.startupPrompt': 'never',
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

// code-server's workbench asks open-vsx.org for every installed extension's latest version at each load,
// whatever the update settings say, unless its product has no gallery: EXTENSIONS_GALLERY (JSON, read by
// code-server 4.x in place of the product's extensionsGallery) without a serviceUrl turns the gallery off.
const NO_GALLERY_ENV = { EXTENSIONS_GALLERY: '{}' };

export async function startCodeServer(options: CodeServerOptions = {}): Promise<CodeServer> {
  const install = requireInstalledVSCode({ chromium: false });
  const root = mkdtempSync(join(tmpdir(), 'support-desk-vscode-'));
  const userDataDir = join(root, 'user-data');
  const extensionsDir = join(root, 'extensions');
  // Nothing the server or the extension host writes or reads lands in the machine's home: its own
  // HOME (a test may hand in another, e.g. an AWS sandbox's), XDG folders and so the audit log.
  const xdg = {
    XDG_CONFIG_HOME: join(root, 'xdg', 'config'),
    XDG_DATA_HOME: join(root, 'xdg', 'data'),
    XDG_CACHE_HOME: join(root, 'xdg', 'cache'),
    XDG_STATE_HOME: join(root, 'xdg', 'state'),
  };
  const home = join(root, 'home');
  // VS Code puts its IPC sockets in XDG_RUNTIME_DIR, else TMPDIR: a folder of their own, removed on stop,
  // with a short path (a socket's path has at most 107 bytes) so that none is left in the machine's /tmp.
  const runtime = mkdtempSync(join(tmpdir(), 'sd-run-'));
  for (const dir of [
    join(userDataDir, 'User'),
    join(userDataDir, 'Machine'),
    extensionsDir,
    home,
    ...Object.values(xdg),
  ])
    mkdirSync(dir, { recursive: true });
  const settings = JSON.stringify({ ...QUIET_SETTINGS, ...options.settings }, null, 2);
  writeFileSync(join(userDataDir, 'User', 'settings.json'), settings);
  // The browser workbench is a remote window: it ignores machine-scoped values of the user settings
  // (e.g. supportDesk.aws.endpointUrl) and reads them from the server's machine settings.
  writeFileSync(join(userDataDir, 'Machine', 'settings.json'), settings);
  const extension = options.extension ?? (options.vsix ? false : REPO_ROOT);
  if (extension) {
    assertBuilt(extension);
    symlinkSync(extension, join(extensionsDir, extensionFolderName(extension)), 'dir');
  }
  const env = {
    ...process.env,
    HOME: home,
    SUPPORT_DESK_AUDIT: '',
    ...options.env,
    ...NO_GALLERY_ENV,
    ...xdg,
    TMPDIR: runtime,
    XDG_RUNTIME_DIR: runtime,
  };
  if (options.vsix) {
    try {
      installVsix(install, options.vsix, { userDataDir, extensionsDir, env });
    } catch (err) {
      for (const dir of [root, runtime]) rmSync(dir, { recursive: true, force: true });
      throw err;
    }
  }

  const port = options.port || (await freePort());
  const args = [
    install.codeServerEntry,
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--ignore-last-opened',
    ...(options.trust ? [] : ['--disable-workspace-trust']),
    ...(options.smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    ...(options.workspace ? [options.workspace] : []),
  ];
  const logFile = join(root, 'code-server.log');
  const out = openSync(logFile, 'a');
  const child = spawn(install.node, args, { detached: true, stdio: ['ignore', out, out], env });
  closeSync(out);
  const killGroup = () => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      /* already gone */
    }
  };
  // A runner that dies must not leave a server behind.
  process.once('exit', killGroup);

  const url = `http://127.0.0.1:${port}`;
  const server: CodeServer = {
    port,
    url,
    userDataDir,
    logFile,
    workbenchUrl(query = {}) {
      const params = new URLSearchParams(
        options.workspace ? { folder: options.workspace, ...query } : query,
      );
      return `${url}/?${params.toString()}`;
    },
    async stop() {
      process.removeListener('exit', killGroup);
      await stopGroup(child);
      for (const dir of [root, runtime]) rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    await waitHealthy(url, child, logFile);
  } catch (err) {
    await server.stop();
    throw err;
  }
  return server;
}

/** Installs a .vsix into the server's extensions folder; throws with code-server's output when it refuses it. */
function installVsix(
  install: VSCodeInstall,
  vsix: string,
  at: { userDataDir: string; extensionsDir: string; env: NodeJS.ProcessEnv },
): void {
  const result = spawnSync(
    install.node,
    [
      install.codeServerEntry,
      '--user-data-dir',
      at.userDataDir,
      '--extensions-dir',
      at.extensionsDir,
      '--install-extension',
      resolve(vsix),
    ],
    {
      encoding: 'utf8',
      env: at.env,
      timeout: 120_000,
    },
  );
  if (result.status !== 0 || !/was successfully installed/.test(result.stdout)) {
    throw new Error(
      `code-server --install-extension ${vsix} failed (exit ${result.status ?? result.signal}):\n${result.stdout}${result.stderr}`,
    );
  }
}

/** `<publisher>.<name>-<version>`, the folder name VS Code gives an installed extension. */
export function extensionFolderName(extensionDir: string): string {
  const manifest = JSON.parse(readFileSync(join(extensionDir, 'package.json'), 'utf8'));
  return `${manifest.publisher}.${manifest.name}-${manifest.version}`;
}

/** Fails before VS Code starts when the extension's entry point is not built. */
export function assertBuilt(extensionDir: string): void {
  const { main } = JSON.parse(readFileSync(join(extensionDir, 'package.json'), 'utf8'));
  if (main && !existsSync(join(extensionDir, main))) {
    throw new Error(`${join(extensionDir, main)} does not exist: run npm run build`);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolvePort(port));
    });
  });
}

async function waitHealthy(url: string, child: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `code-server exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${tail(logFile)}`,
      );
    }
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`code-server did not answer ${url}/healthz within 30 s:\n${tail(logFile)}`);
}

async function stopGroup(child: ChildProcess): Promise<void> {
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      /* group gone */
    }
  };
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    signalGroup('SIGTERM');
    const timer = setTimeout(() => signalGroup('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
  }
  // Extension host and file watcher processes can outlive the server by seconds.
  signalGroup('SIGKILL');
}

export function tail(file: string, lines = 40): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
