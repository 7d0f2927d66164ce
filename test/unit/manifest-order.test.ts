// Where the manifest places things (package.json's contributes) is decided by `order` values and
// `group@order` slots; two that collide are shown in whatever order VS Code happens to keep, which
// moves between versions. Each place is taken once, except by entries that are never shown together.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

interface MenuItem {
  command?: string;
  submenu?: string;
  group?: string;
  when?: string;
}
interface Manifest {
  contributes: {
    menus: Record<string, MenuItem[]>;
    configuration:
      | { properties: Record<string, { order?: number }> }
      | { properties: Record<string, { order?: number }> }[];
    views?: Record<string, { id: string; order?: number }[]>;
    walkthroughs?: { id: string; steps: { id: string; order?: number }[] }[];
  };
}

const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as Manifest;

/** The `a == b` and `a != b` terms of a when clause joined by && (other terms are not compared). */
function terms(when = ''): { key: string; equal: boolean; value: string }[] {
  return when.split('&&').flatMap((term) => {
    const match = /^\s*([\w.]+)\s*(==|!=)\s*([\w.-]+)\s*$/.exec(term);
    return match ? [{ key: match[1], equal: match[2] === '==', value: match[3] }] : [];
  });
}

/** True when no context makes both clauses true: one says k == v where the other says k != v, or k == w. */
function neverTogether(a?: string, b?: string): boolean {
  return terms(a).some((x) =>
    terms(b).some(
      (y) =>
        x.key === y.key &&
        (x.equal && y.equal ? x.value !== y.value : x.equal !== y.equal && x.value === y.value),
    ),
  );
}

/** Pairs of entries that take the same place (`place` gives it, undefined: no order) and may be shown together. */
function collisions<T>(
  entries: T[],
  place: (entry: T) => string | undefined,
  when: (entry: T) => string | undefined = () => undefined,
): [T, T][] {
  const found: [T, T][] = [];
  entries.forEach((a, i) => {
    for (const b of entries.slice(i + 1)) {
      const at = place(a);
      if (at !== undefined && at === place(b) && !neverTogether(when(a), when(b)))
        found.push([a, b]);
    }
  });
  return found;
}

describe('manifest: every place in a menu, view or settings list taken once', () => {
  it('tells clauses that exclude each other from ones that do not', () => {
    assert.ok(neverTogether('view == a && x != on', 'view == a && x == on'));
    assert.ok(neverTogether('view == a', 'view == b'));
    assert.ok(!neverTogether('view == a', 'view == a && isWorkspaceTrusted'));
    assert.ok(!neverTogether(undefined, 'view == a'));
    const slot = (item: MenuItem) => item.group;
    assert.equal(
      collisions(
        [
          { group: 'navigation@1', when: 'view == a' },
          { group: 'navigation@1', when: 'view == a' },
        ],
        slot,
        (i) => i.when,
      ).length,
      1,
    );
  });

  for (const [menu, items] of Object.entries(manifest.contributes.menus)) {
    it(`menus.${menu}: no two items in one group@order slot`, () => {
      const slot = (item: MenuItem) => (item.group?.includes('@') ? item.group : undefined);
      assert.deepEqual(
        collisions(items, slot, (item) => item.when).map(
          ([a, b]) => `${a.group}: ${a.command ?? a.submenu} and ${b.command ?? b.submenu}`,
        ),
        [],
      );
    });
  }

  it('configuration: no two settings of a section with one order', () => {
    const sections = [manifest.contributes.configuration].flat();
    for (const section of sections) {
      const settings = Object.entries(section.properties);
      assert.deepEqual(
        collisions(settings, ([, s]) => (s.order === undefined ? undefined : String(s.order))).map(
          ([[a], [b]]) => `${a} and ${b}`,
        ),
        [],
      );
    }
  });

  it('views and walkthrough steps: no two with one order in a container or walkthrough', () => {
    const lists = [
      ...Object.values(manifest.contributes.views ?? {}),
      ...(manifest.contributes.walkthroughs ?? []).map((w) => w.steps),
    ];
    for (const list of lists) {
      assert.deepEqual(
        collisions<{ id: string; order?: number }>(list, (v) =>
          v.order === undefined ? undefined : String(v.order),
        ).map(([a, b]) => `${a.id} and ${b.id}`),
        [],
      );
    }
  });
});
