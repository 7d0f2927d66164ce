// `npm run package`: the production .vsix through @vscode/vsce (whose `vscode:prepublish` runs
// `node esbuild.mjs --production`: minified, no source maps), then its size and the files it holds.
// dist/ is rebuilt for development afterwards (source maps, module paths the bundle tests read), so
// that packaging never changes what F5 and the tests run.
//   node scripts/package.mjs [--out FILE.vsix]   (default: <name>-<version>.vsix in the repository)
// Importable: packageExtension({ out, log }) resolves to { file, bytes, entries }.
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';

const ROOT = resolve(import.meta.dirname, '..');
/** The Marketplace's own limit is far higher; this one keeps the install quick and notices a stray folder. */
export const SIZE_LIMIT_BYTES = 2 * 1024 * 1024;

/** `<name>-<version>.vsix` in the repository, the file the README's install line names. */
export function defaultVsixPath() {
  const { name, version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  return join(ROOT, `${name}-${version}.vsix`);
}

/**
 * Packages the extension into `out` (absolute, or relative to the working directory). Throws when vsce
 * fails (its output is in the message) or the package is over SIZE_LIMIT_BYTES. `entries` are the
 * files inside the .vsix with their uncompressed sizes in bytes.
 */
export function packageExtension({
  out = defaultVsixPath(),
  log = (line) => console.log(line),
} = {}) {
  const file = resolve(out);
  // --no-dependencies: every dependency is inlined by esbuild, so the package needs no node_modules.
  const vsce = spawnSync(
    process.execPath,
    [
      join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce'),
      'package',
      '--no-dependencies',
      '--out',
      file,
    ],
    {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
    },
  );
  const rebuilt = spawnSync(process.execPath, [join(ROOT, 'esbuild.mjs')], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (vsce.status !== 0)
    throw new Error(`vsce package failed (exit ${vsce.status}):\n${vsce.stdout}${vsce.stderr}`);
  if (rebuilt.status !== 0)
    throw new Error(
      `the development build after packaging failed:\n${rebuilt.stdout}${rebuilt.stderr}`,
    );
  // vsce's warnings (an http image, a missing field) are worth seeing; its file tree is printed below.
  for (const line of `${vsce.stdout}${vsce.stderr}`.split('\n'))
    if (/WARNING/i.test(line)) log(line.trim());
  const bytes = statSync(file).size;
  const entries = zipEntries(readFileSync(file));
  if (bytes > SIZE_LIMIT_BYTES)
    throw new Error(
      `${file} is ${kib(bytes)}, over the ${kib(SIZE_LIMIT_BYTES)} limit: check .vscodeignore`,
    );
  return { file, bytes, entries };
}

/** Names and uncompressed sizes (bytes) from a zip's central directory (a .vsix is a zip). */
export function zipEntries(zip) {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error('not a zip file: no end of central directory');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`bad central directory entry ${i}`);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    entries.push({ name, size });
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return entries;
}

function kib(bytes) {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(2)} MiB`
    : `${(bytes / 1024).toFixed(1)} KiB`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  try {
    const { file, bytes, entries } = packageExtension({ out: values.out });
    // Largest first, as unpacked: what a size budget is spent on. The limit is on the .vsix (packed).
    console.log('     unpacked  file');
    for (const entry of [...entries].sort((a, b) => b.size - a.size))
      console.log(`  ${kib(entry.size).padStart(11)}  ${entry.name}`);
    const unpacked = entries.reduce((sum, entry) => sum + entry.size, 0);
    const shown = relative(process.cwd(), file).startsWith('..')
      ? file
      : relative(process.cwd(), file);
    console.log(
      `${shown}: ${kib(bytes)} (${entries.length} files, ${kib(unpacked)} unpacked; limit ${kib(SIZE_LIMIT_BYTES)} for the .vsix)`,
    );
  } catch (err) {
    console.error(`package: ${err.message}`);
    process.exit(1);
  }
}
