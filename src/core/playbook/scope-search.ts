// "Is this request in scope?": plain word matching of a typed request against the playbook's scope
// lists. No guessing beyond the playbook's own words: the answer names the item and the words shared.
import type { ScopeAnswer, ScopeSection } from './types';

/** How the matching works, in words the panel shows beside the answer. */
export const SCOPE_MATCHING =
  'Matched on words: the request and each listed item are lower-cased, common words (the, for, my...) and plural or -ing endings dropped, ' +
  'and the item sharing the most words wins; a word that many items share (such as "AWS") counts for less.';

const COMMON = new Set(
  'a an the and or of to for in on at by with from via my our your their his her its is are was be been can could cannot '
    .concat(
      'i we you they it this that these those how what why when where who do does did not no please help need want issue issues problem ',
    )
    .concat(
      'regarding about through get got getting have has having will would should customer customers',
    )
    .split(' '),
);

/** Lower-cased words without common ones, plurals and -ing endings ("Policies" -> "policy", "patching" -> "patch"). */
export function scopeWords(text: string): string[] {
  return [
    ...new Set(
      text
        .toLowerCase()
        .split(/[^a-z0-9]+/)
        .filter((w) => w.length > 1 && !COMMON.has(w))
        .map(stem),
    ),
  ];
}

function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 5 && word.endsWith('ing')) return word.slice(0, -3);
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/** Which listed item covers `request`, or that none does. */
export function searchScope(scope: ScopeSection, request: string): ScopeAnswer {
  const managed = new Set(scope.managedServices?.includes ?? []);
  const items = [
    ...scope.inScope.map((i) => ({ kind: 'in-scope' as const, item: i.item, source: i.source })),
    ...scope.outOfScope.map((i) => ({
      kind: managed.has(i.item) ? ('managed-service' as const) : ('out-of-scope' as const),
      item: i.item,
      source: i.source,
    })),
  ].map((i) => ({ ...i, itemWords: new Set(scopeWords(i.item)) }));
  const spread = new Map<string, number>();
  for (const i of items) for (const w of i.itemWords) spread.set(w, (spread.get(w) ?? 0) + 1);
  const asked = scopeWords(request);
  const matches = items
    .map(({ kind, item, source, itemWords }) => {
      const words = asked.filter((w) => itemWords.has(w));
      return {
        kind,
        item,
        source,
        words,
        score: words.reduce((sum, w) => sum + 1 / spread.get(w)!, 0),
      };
    })
    .filter((m) => m.words.length > 0)
    .sort((a, b) => b.score - a.score || b.words.length - a.words.length)
    .slice(0, 5);
  return { answer: matches[0]?.kind ?? 'none', matches };
}
