// Scope: the playbook's in-scope, out-of-scope and managed-services lists, and a search box that
// says which listed item covers a typed request (or that none does), and how it matched.
import type { ScopeAnswer } from '../core/playbook/types';
import type { FactView } from '../shared/panel-protocol';
import { debounce, fill, h, icon, link } from './dom';
import { ask } from './host';
import { currentLine } from './line-bar';
import type { PanelView } from './panel-view';

const ANSWER_WORDS: Record<ScopeAnswer['answer'], { icon: string; words: string }> = {
  'in-scope': { icon: 'pass-filled', words: 'In scope' },
  'out-of-scope': { icon: 'circle-slash', words: 'Out of scope' },
  'managed-service': { icon: 'tools', words: 'Out of scope: a managed service' },
  none: { icon: 'question', words: 'No listed item covers it' },
};

export function renderScope(v: PanelView): HTMLElement {
  const line = currentLine(v);
  const s = line.scope;
  const answer = h('div', { id: 'scope-answer', 'aria-live': 'polite' });
  const search = debounce(async (text: string) => {
    if (!text.trim()) return fill(answer);
    try {
      fill(
        answer,
        renderAnswer(await ask({ kind: 'searchScope', text, line: line.id }), line.name),
      );
    } catch (error) {
      fill(answer, h('p', { class: 'error' }, (error as Error).message));
    }
  }, 200);
  const table = (caption: string, items: FactView[]) =>
    h(
      'table',
      { class: 'grid' },
      h('caption', {}, caption),
      h(
        'thead',
        {},
        h('tr', {}, h('th', { scope: 'col' }, 'Item'), h('th', { scope: 'col' }, 'Source')),
      ),
      h(
        'tbody',
        {},
        items.map((i) => h('tr', {}, h('td', {}, i.text), h('td', { class: 'cite' }, i.cite))),
      ),
    );
  return h(
    'div',
    {},
    h('h2', {}, `Scope of ${line.name}: ${s.provider} (${s.supportType})`),
    h('p', {}, s.definition.text, h('span', { class: 'cite' }, ` (${s.definition.cite})`)),
    h(
      'div',
      { class: 'field wide' },
      h('label', { for: 'scope-search' }, 'Is this request in scope?'),
      h('input', {
        id: 'scope-search',
        type: 'search',
        placeholder: 'e.g. reset IAM policies for a new user',
        'aria-describedby': 'scope-how',
        on: { input: (e) => search((e.target as HTMLInputElement).value) },
      }),
      h('small', { id: 'scope-how', class: 'hint' }, s.matching),
    ),
    answer,
    table('In scope', s.inScope),
    s.outOfScope.length ? table('Out of scope', s.outOfScope) : '',
    s.managedServices
      ? h(
          'div',
          { class: 'managed' },
          h('h3', {}, 'Managed services'),
          h(
            'p',
            {},
            s.managedServices.text,
            ' ',
            link('Managed services options', s.managedServices.url),
            h('span', { class: 'cite' }, ` (${s.managedServices.cite})`),
          ),
          h(
            'ul',
            {},
            s.managedServices.includes.map((i) => h('li', {}, i)),
          ),
        )
      : '',
    s.notes.length
      ? h(
          'div',
          {},
          h('h3', {}, 'Notes'),
          h(
            'ul',
            {},
            s.notes.map((n) => h('li', {}, n.text, h('span', { class: 'cite' }, ` (${n.cite})`))),
          ),
        )
      : '',
  );
}

function renderAnswer(a: ScopeAnswer, lineName: string): HTMLElement {
  const look = ANSWER_WORDS[a.answer];
  const best = a.matches[0];
  return h(
    'div',
    { class: `scope-answer scope-${a.answer}` },
    h(
      'p',
      { id: 'scope-verdict' },
      icon(look.icon),
      ' ',
      h('strong', {}, look.words),
      best
        ? `: “${best.item}” shares the words ${best.words.join(', ')}.`
        : ` in the ${lineName} line: check the customer's other lines (Support line, above), ask your lead, or check the seller's terms.`,
    ),
    a.matches.length > 1
      ? h(
          'p',
          { class: 'muted' },
          'Also close: ',
          a.matches
            .slice(1)
            .map(
              (m, i) => `${i ? '; ' : ''}${m.item} (${ANSWER_WORDS[m.kind].words.toLowerCase()})`,
            )
            .join(''),
        )
      : '',
  );
}
