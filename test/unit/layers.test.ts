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
    const target = [`${base}.ts`, join(base, 'index.ts'), base].find(
      (candidate) => existsSync(candidate) && statSync(candidate).isFile(),
    );
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
    assert.equal(
      cycle?.map((f) => relative(SRC, f)).join(' -> '),
      undefined,
      'an import cycle: move what both sides need into a module of its own',
    );
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
    assert.ok(
      relativeImports(join(SRC, 'core', 'reports', 'store.ts')).includes(
        join(SRC, 'core', 'reports', 'report-types.ts'),
      ),
      "store.ts's type import is an edge",
    );
  });

  for (const file of files) {
    const layer = layerOf(file);
    it(`${relative(SRC, file)} imports only what its layer (${layer}) may`, () => {
      for (const spec of runtimeImports(file)) {
        if (layer === 'webview')
          assert.ok(
            spec.startsWith('.'),
            `the webview imports ${spec}: it runs in a browser frame, bundled from its own files only`,
          );
        if (spec === 'vscode')
          assert.ok(layer === 'ui' || layer === 'extension', `imports vscode outside src/ui`);
        else if (spec.startsWith('@aws-sdk/') || spec.startsWith('@smithy/'))
          assert.equal(layer, 'aws', `imports ${spec} outside src/aws`);
        else if (spec.startsWith('.')) {
          const path = resolve(dirname(file), spec);
          // Data shipped beside the code (the playbook schema) belongs to no layer.
          if (!path.startsWith(SRC + sep) && spec.endsWith('.json')) continue;
          const target = layerOf(path);
          assert.ok(
            (allowed[layer] ?? []).includes(target),
            `${layer} imports ${spec} (${target})`,
          );
        }
      }
    });
  }
});

/**
 * Why a core folder has one door: a folder of src/core is a module (denoland/std's `csv/mod.ts` over its private
 * `_io.ts`); what callers may use is what its `index.ts` exports, so its other files can be split, renamed or merged
 * without touching a caller. `types.ts` is a folder's vocabulary (types and constants, no code) and may be named too:
 * the panel's contract reads it in a browser, where the door's Node half does not exist. A top-level file of src/core
 * (domain.ts, dates.ts, ids.ts...) is its own door. Tests may open any file: they are the table tests of its privates.
 * Returns the problem with an import of `target` from `importer` (absolute paths), or undefined when it may.
 */
function doorProblem(importer: string, target: string): string | undefined {
  const rel = relative(join(SRC, 'core'), target).split(sep);
  if (rel[0] === '..' || rel.length < 2) return undefined; // not in a core folder
  const folder = join(SRC, 'core', rel[0]);
  if (importer.startsWith(folder + sep)) return undefined; // inside the folder: any file
  const name = rel.slice(1).join('/');
  if (name === 'index.ts' || name === 'types.ts') return undefined;
  return `imports core/${rel.join('/')} from outside core/${rel[0]}: import its door, core/${rel[0]} (export the name from its index.ts)`;
}

describe('core doors', () => {
  it('an import into a core folder from outside it names the folder, and inside it names the file', () => {
    const core = (path: string) => join(SRC, 'core', path);
    assert.match(
      doorProblem(join(SRC, 'ui', 'x.ts'), core('reports/store.ts')) ?? '',
      /import its door, core\/reports/,
    );
    assert.match(
      doorProblem(core('eligibility/eligibility.ts'), core('reports/store.ts')) ?? '',
      /core\/reports\/store\.ts from outside/,
    );
    assert.equal(doorProblem(join(SRC, 'ui', 'x.ts'), core('reports/index.ts')), undefined);
    assert.equal(doorProblem(join(SRC, 'shared', 'x.ts'), core('playbook/types.ts')), undefined);
    assert.equal(
      doorProblem(core('reports/report-reader.ts'), core('reports/store.ts')),
      undefined,
    );
    assert.equal(doorProblem(join(SRC, 'cli', 'x.ts'), core('dates.ts')), undefined);
  });

  for (const file of sourceFiles(SRC)) {
    it(`${relative(SRC, file)} enters core folders only by their doors`, () => {
      assert.deepEqual(
        relativeImports(file)
          .map((target) => doorProblem(file, target))
          .filter(Boolean),
        [],
      );
    });
  }

  it('every core folder has its door', () => {
    const folders = readdirSync(join(SRC, 'core')).filter((name) =>
      statSync(join(SRC, 'core', name)).isDirectory(),
    );
    assert.deepEqual(
      folders.filter((name) => !existsSync(join(SRC, 'core', name, 'index.ts'))),
      [],
    );
  });
});

/**
 * Why a feature keeps its tree model: a folder of src/ui is a feature (subscriptions, confirmations, feeds, panel...),
 * and its `*-tree-model.ts` and `presentation.ts` are its private rows and their looks, free to change with the view.
 * What several features say alike (icons, verdict and confirmation looks, `verdictMessage`) lives in `ui/looks.ts`.
 * The command table (ui/commands) is handed the views' rows as arguments, so it may read their models; a view that
 * shows another feature's rows is named below with its reason. Type imports count: they tie the two as tightly.
 * Returns the problem with an import of `target` from `importer` (absolute paths), or undefined when it may.
 */
const SHOWS_ROWS_OF: Record<string, string[]> = {
  // The Subscriptions view lists the data feeds' rows under their own root, beside the reports'.
  [join('subscriptions', 'subscriptions-view.ts')]: [join('feeds', 'feed-tree-model.ts')],
};

function treeModelProblem(importer: string, target: string): string | undefined {
  const [feature, ...name] = relative(join(SRC, 'ui'), target).split(sep);
  if (
    feature === '..' ||
    name.length === 0 ||
    !/(?:-tree-model|^presentation)\.ts$/.test(name.join('/'))
  )
    return undefined;
  const [from, ...own] = relative(join(SRC, 'ui'), importer).split(sep);
  if (from === '..' || own.length === 0 || from === feature || from === 'commands')
    return undefined;
  if (SHOWS_ROWS_OF[join(from, ...own)]?.includes(join(feature, ...name))) return undefined;
  return `ui/${from} imports ui/${feature}/${name.join('/')}, another feature's tree model: import what both say from ui/looks.ts`;
}

describe('ui features', () => {
  it("a feature importing another's tree model or presentation is named; its own, the command table and looks.ts are not", () => {
    const ui = (path: string) => join(SRC, 'ui', path);
    assert.match(
      treeModelProblem(
        ui('panel/panel-requests.ts'),
        ui('confirmations/confirmations-tree-model.ts'),
      ) ?? '',
      /ui\/panel imports ui\/confirmations\/confirmations-tree-model\.ts/,
    );
    assert.match(
      treeModelProblem(ui('feeds/feed-tree-model.ts'), ui('subscriptions/presentation.ts')) ?? '',
      /ui\/looks\.ts/,
    );
    assert.match(
      treeModelProblem(ui('confirmations/confirmations-view.ts'), ui('feeds/feed-tree-model.ts')) ??
        '',
      /another feature's tree model/,
    );
    assert.equal(
      treeModelProblem(
        ui('confirmations/confirmations-view.ts'),
        ui('confirmations/confirmations-tree-model.ts'),
      ),
      undefined,
    );
    assert.equal(
      treeModelProblem(
        ui('commands/confirm-commands.ts'),
        ui('subscriptions/subscriptions-tree-model.ts'),
      ),
      undefined,
    );
    assert.equal(
      treeModelProblem(ui('subscriptions/subscriptions-view.ts'), ui('feeds/feed-tree-model.ts')),
      undefined,
    );
    assert.equal(treeModelProblem(ui('panel/panel-state.ts'), ui('looks.ts')), undefined);
    assert.equal(
      treeModelProblem(ui('tree-item.ts'), ui('subscriptions/presentation.ts')),
      undefined,
    );
  });

  for (const file of sourceFiles(join(SRC, 'ui'))) {
    it(`${relative(SRC, file)} imports no other feature's tree model`, () => {
      assert.deepEqual(
        relativeImports(file)
          .map((target) => treeModelProblem(file, target))
          .filter(Boolean),
        [],
      );
    });
  }
});

describe('webview', () => {
  // Every string from a report, the playbook or a form becomes a text node: no markup is ever parsed.
  for (const file of sourceFiles(join(SRC, 'webview'))) {
    it(`${relative(SRC, file)} never writes markup`, () => {
      assert.doesNotMatch(
        readFileSync(file, 'utf8'),
        /\.(innerHTML|outerHTML)\b|insertAdjacentHTML|document\.write|\beval\(|new Function\(/,
      );
    });
  }
});

describe('file names', () => {
  const REPO = resolve(SRC, '..');
  const tree = ['src', 'test', 'bench', 'scripts']
    .flatMap((dir) => everyFile(join(REPO, dir)))
    .map((f) => relative(REPO, f));

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
