// The architecture's arrows point down only: extension -> ui -> aws -> core, cli -> aws/core.
// `vscode` is imported only under src/ui (and extension.ts), `@aws-sdk/*` only under src/aws.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname, sep } from 'node:path';

const SRC = resolve(__dirname, '../../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Runtime imports only: `import type` is erased and crosses no layer at run time. */
function runtimeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const m of text.matchAll(
    /^\s*(?:import|export)\s+(?!type\b)[^'"]*?from\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]|\brequire\(\s*['"]([^'"]+)['"]\s*\)|\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm,
  )) {
    found.push(m[1] ?? m[2] ?? m[3] ?? m[4]);
  }
  return found;
}

/** Every relative import of a file, type imports included, as the source file it names. */
function relativeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found = new Set<string>();
  for (const m of text.matchAll(
    /^\s*(?:import|export)\b[^'"]*?from\s+['"](\.[^'"]*)['"]|^\s*import\s+['"](\.[^'"]*)['"]|\brequire\(\s*['"](\.[^'"]*)['"]\s*\)|\bimport\(\s*['"](\.[^'"]*)['"]\s*\)/gm,
  )) {
    const base = resolve(dirname(file), m[1] ?? m[2] ?? m[3] ?? m[4]);
    const target = [`${base}.ts`, join(base, 'index.ts'), base].find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
    if (target?.endsWith('.ts')) found.add(target);
  }
  return [...found];
}

/** One import cycle among `files` as the path that closes it (a -> b -> a), or undefined when there is none. */
function findCycle(files: string[], importsOf: (file: string) => string[]): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (file: string): string[] | undefined => {
    if (state.get(file) === 'done') return undefined;
    if (state.get(file) === 'open') return [...path.slice(path.indexOf(file)), file];
    state.set(file, 'open');
    path.push(file);
    for (const next of importsOf(file)) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(file, 'done');
    return undefined;
  };
  for (const file of files) {
    const cycle = visit(file);
    if (cycle) return cycle;
  }
  return undefined;
}

function layerOf(path: string): string {
  const rel = relative(SRC, path).split(sep);
  if (rel.length === 1) return rel[0].replace(/\.ts$/, ''); // extension, cli
  return rel[0] === 'cli' ? 'cli' : rel[0];
}

const allowed: Record<string, string[]> = {
  core: ['core'],
  aws: ['aws', 'core'],
  cli: ['cli', 'aws', 'core'],
  ui: ['ui', 'aws', 'core', 'shared'],
  extension: ['ui', 'core'],
  // The panel's contract, imported by both sides; the webview runs in a browser frame and sees nothing else.
  shared: ['shared'],
  webview: ['webview', 'shared'],
};

describe('layers', () => {
  const files = sourceFiles(SRC);

  it('finds the source tree', () => {
    assert.ok(files.length > 20, `only ${files.length} files under ${SRC}`);
  });

  it('have no import cycle: no module imports itself through others (type imports included)', () => {
    const cycle = findCycle(files, relativeImports);
    assert.equal(cycle?.map((f) => relative(SRC, f)).join(' -> '), undefined, 'an import cycle: move what both sides need into a module of its own');
  });

  it('the cycle check sees a cycle through a type import, and names its path', () => {
    const graph: Record<string, string[]> = { a: ['b'], b: ['c'], c: ['b'], d: [] };
    assert.deepEqual(
      findCycle(['d', 'a'], (f) => graph[f]),
      ['b', 'c', 'b'],
    );
    assert.equal(
      findCycle(['a', 'b'], (f) => (({ a: ['b'], b: [] }) as Record<string, string[]>)[f]),
      undefined,
    );
    assert.ok(relativeImports(join(SRC, 'core', 'store.ts')).includes(join(SRC, 'core', 'report-types.ts')), "store.ts's type import is an edge");
  });

  for (const file of files) {
    const layer = layerOf(file);
    it(`${relative(SRC, file)} imports only what its layer (${layer}) may`, () => {
      for (const spec of runtimeImports(file)) {
        if (layer === 'webview') assert.ok(spec.startsWith('.'), `the webview imports ${spec}: it runs in a browser frame, bundled from its own files only`);
        if (spec === 'vscode') assert.ok(layer === 'ui' || layer === 'extension', `imports vscode outside src/ui`);
        else if (spec.startsWith('@aws-sdk/') || spec.startsWith('@smithy/')) assert.equal(layer, 'aws', `imports ${spec} outside src/aws`);
        else if (spec.startsWith('.')) {
          const path = resolve(dirname(file), spec);
          // Data shipped beside the code (the playbook schema) belongs to no layer.
          if (!path.startsWith(SRC + sep) && spec.endsWith('.json')) continue;
          const target = layerOf(path);
          assert.ok((allowed[layer] ?? []).includes(target), `${layer} imports ${spec} (${target})`);
        }
      }
    });
  }
});

describe('webview', () => {
  // Every string from a report, the playbook or a form becomes a text node: no markup is ever parsed.
  for (const file of sourceFiles(join(SRC, 'webview'))) {
    it(`${relative(SRC, file)} never writes markup`, () => {
      assert.doesNotMatch(readFileSync(file, 'utf8'), /\.(innerHTML|outerHTML)\b|insertAdjacentHTML|document\.write|\beval\(|new Function\(/);
    });
  }
});

describe('file names', () => {
  const REPO = resolve(SRC, '..');
  const tree = ['src', 'test', 'bench', 'scripts'].flatMap((dir) => everyFile(join(REPO, dir))).map((f) => relative(REPO, f));

  function everyFile(dir: string): string[] {
    return readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? everyFile(path) : [path];
    });
  }

  it('are kebab-case everywhere (one convention: lower-case words joined by dashes)', () => {
    // Report fixtures keep the names AWS gives its files: the loader recognises them by those names.
    const odd = tree
      .filter((f) => !f.startsWith(join('test', 'fixtures', 'reports')))
      .filter((f) => !/^[a-z0-9]+(?:-[a-z0-9]+)*(?:\.[a-z0-9]+)*$/.test(f.split(sep).pop()!));
    assert.deepEqual(odd, []);
  });

  it('name one module once under src: no two source files share a name across folders (index.ts aside)', () => {
    const byName = new Map<string, string[]>();
    for (const f of tree.filter((f) => f.startsWith('src' + sep) && f.endsWith('.ts'))) {
      const name = f.split(sep).pop()!;
      if (name !== 'index.ts') byName.set(name, [...(byName.get(name) ?? []), f]);
    }
    assert.deepEqual(
      [...byName.values()].filter((paths) => paths.length > 1),
      [],
    );
  });
});
